#include "relayconfig.h"

#include "keeperconfig.h"
#include "sessionmessages.h"

#include "logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

// Settings that can come from more than one source. Flags, environment variables and file keys
// are looked up through settingTable so the three sources cannot drift apart.
enum class Setting {
    Listen,
    Port,
    AccessKeys,
    DataDir,
    Hub,
    Invites,
    TlsCert,
    TlsKey,
    PublicUrl,
    LogLevel,
    MaxFrameBytes,
    ReliableBufferMessages,
    ReliableBufferBytes,
    SessionRetentionSeconds,
    MaxPendingSendBytes,
    HostSampler,
    HostSamplerInterval,
    SourceTokens,
    Keeper,
    Database,
    KeeperOnly,
    KeeperBoards,
    BackfillMinutes,
    RetentionMaxAgeDays,
    RetentionMaxCount,
    MaxMessagesPerSecond,
    MaxBytesPerSecond,
    MaxConnectionsPerAddress,
    LimitLoopback,
    InviteFailuresPerMinute,
    TrustedProxies,
    Count
};

struct SettingInfo
{
    Setting setting;
    QLatin1StringView flag; // empty: no command-line flag
    QLatin1StringView environment; // after WATCHROOM_RELAY_; empty: no variable
    QLatin1StringView fileKey; // QSettings key; [limits] keys are "limits/…"
    bool isList;
};

constexpr std::array<SettingInfo, size_t(Setting::Count)> settingTable = { {
    { Setting::Listen, "listen"_L1, "LISTEN"_L1, "listen"_L1, false },
    { Setting::Port, "port"_L1, "PORT"_L1, "port"_L1, false },
    { Setting::AccessKeys, "access-key"_L1, "ACCESS_KEY"_L1, "access-key"_L1, true },
    { Setting::DataDir, "data-dir"_L1, "DATA_DIR"_L1, "data-dir"_L1, false },
    { Setting::Hub, "hub"_L1, "HUB"_L1, "hub"_L1, false },
    { Setting::Invites, "invite"_L1, "INVITES"_L1, "invites"_L1, true },
    { Setting::TlsCert, "tls-cert"_L1, "TLS_CERT"_L1, "tls-cert"_L1, false },
    { Setting::TlsKey, "tls-key"_L1, "TLS_KEY"_L1, "tls-key"_L1, false },
    { Setting::PublicUrl, "public-url"_L1, "PUBLIC_URL"_L1, "public-url"_L1, false },
    { Setting::LogLevel, "log-level"_L1, "LOG_LEVEL"_L1, "log-level"_L1, false },
    { Setting::MaxFrameBytes, "max-frame-bytes"_L1, {}, "limits/max-frame-bytes"_L1, false },
    { Setting::ReliableBufferMessages, {}, {}, "limits/reliable-buffer-messages"_L1, false },
    { Setting::ReliableBufferBytes, {}, {}, "limits/reliable-buffer-bytes"_L1, false },
    { Setting::SessionRetentionSeconds, {}, {}, "limits/session-retention-seconds"_L1, false },
    { Setting::MaxPendingSendBytes, {}, {}, "limits/max-pending-send-bytes"_L1, false },
    { Setting::HostSampler, "host-sampler"_L1, "HOST_SAMPLER"_L1, "host-sampler"_L1, true },
    { Setting::HostSamplerInterval,
      "host-sampler-interval"_L1,
      {},
      "host-sampler-interval"_L1,
      false },
    { Setting::SourceTokens, "source-token"_L1, "SOURCE_TOKENS"_L1, "source-tokens"_L1, true },
    { Setting::Keeper, "keeper"_L1, "KEEPER"_L1, "keeper"_L1, false },
    { Setting::Database, "database"_L1, "DATABASE"_L1, "database"_L1, false },
    { Setting::KeeperOnly, "keeper-only"_L1, {}, {}, false },
    { Setting::KeeperBoards, "keeper-board"_L1, {}, "keeper-boards"_L1, true },
    { Setting::BackfillMinutes, "backfill-minutes"_L1, {}, "backfill-minutes"_L1, false },
    { Setting::RetentionMaxAgeDays, "retention-max-age-days"_L1, "RETENTION_MAX_AGE_DAYS"_L1,
      "keeper/retention-max-age-days"_L1, false },
    { Setting::RetentionMaxCount, "retention-max-count"_L1, "RETENTION_MAX_COUNT"_L1,
      "keeper/retention-max-count"_L1, false },
    { Setting::MaxMessagesPerSecond, "max-messages-per-second"_L1, "MAX_MESSAGES_PER_SECOND"_L1,
      "limits/max-messages-per-second"_L1, false },
    { Setting::MaxBytesPerSecond, "max-bytes-per-second"_L1, "MAX_BYTES_PER_SECOND"_L1,
      "limits/max-bytes-per-second"_L1, false },
    { Setting::MaxConnectionsPerAddress, "max-connections-per-address"_L1,
      "MAX_CONNECTIONS_PER_ADDRESS"_L1, "limits/max-connections-per-address"_L1, false },
    { Setting::LimitLoopback, "limit-loopback"_L1, "LIMIT_LOOPBACK"_L1, "limits/limit-loopback"_L1,
      false },
    { Setting::InviteFailuresPerMinute, "invite-failures-per-minute"_L1,
      "INVITE_FAILURES_PER_MINUTE"_L1, "limits/invite-failures-per-minute"_L1, false },
    { Setting::TrustedProxies, "trusted-proxy"_L1, "TRUSTED_PROXIES"_L1, "trusted-proxies"_L1,
      true },
} };

constexpr QLatin1StringView environmentPrefix = "WATCHROOM_RELAY_"_L1;
constexpr QLatin1StringView configFlag = "config"_L1;
constexpr QLatin1StringView configEnvironment = "WATCHROOM_RELAY_CONFIG"_L1;

const QStringList &validRoles()
{
    static const QStringList roles = { u"viewer"_s, u"annotator"_s, u"source"_s, u"admin"_s };
    return roles;
}

const QStringList &validLogLevels()
{
    static const QStringList levels = { u"error"_s, u"warning"_s, u"info"_s, u"debug"_s };
    return levels;
}

// One setting as one source gave it.
struct RawValue
{
    QStringList values; // exactly one for single-valued settings
    QString source; // "--port", "WATCHROOM_RELAY_PORT", "/etc/relay.ini (key port)"
    QString baseDir; // relative paths resolve against this
};

QString absolutePath(const QString &path, const QString &baseDir)
{
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

// Digits only: no sign, no spaces, no 0x, so "-1", " 80" and "1e3" are all rejected.
std::optional<qint64> parseWholeNumber(const QString &text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return text.toLongLong();
}

class ConfigReader
{
    Q_DECLARE_TR_FUNCTIONS(wr::RelayConfig)

public:
    ConfigResult read(QStringList arguments, const QProcessEnvironment &environment);

private:
    bool applyFile(const QString &path, const QString &source);
    bool applyEnvironment(const QProcessEnvironment &environment);
    bool applyFlags(const QCommandLineParser &parser);
    bool apply(const SettingInfo &info, const RawValue &raw);
    bool applyInvites(const RawValue &raw);
    bool applyLimit(Setting setting, const RawValue &raw);
    bool applySourceTokens(const RawValue &raw);
    bool applyTrustedProxies(const RawValue &raw);
    bool parseTrustedProxy(const QString &text, const QString &source,
                           QPair<QHostAddress, int> *out);
    bool applyScrapeTargets(const QSettings &settings, const QString &file);
    bool checkCombination();
    std::optional<QString> readAnnotationTask(const QCommandLineParser &parser);
    bool checkReadable(Setting setting, const QString &path);
    QString helpText(const QCommandLineParser &parser) const;

    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    RelayConfig m_config;
    std::array<QString, size_t(Setting::Count)> m_sources; // who set the effective value
    QString m_error;
};

ConfigResult ConfigReader::read(QStringList arguments, const QProcessEnvironment &environment)
{
    // QCommandLineParser::parse() skips the first element unchecked.
    if (arguments.isEmpty())
        arguments.append(u"watchroom-relay"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Local relay for Watchroom that speaks the Azure Web PubSub client protocol and "
           "REST API."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addOptions({
        { u"listen"_s,
          tr("Address to listen on (default 127.0.0.1). Any non-loopback address needs an "
             "invite secret."),
          tr("address") },
        { u"port"_s, tr("Port to listen on, 0 for any free port (default 7300)."), tr("port") },
        { u"access-key"_s,
          tr("Key that signs and checks access tokens; give it twice for primary and "
             "secondary. Default: generated and kept in the data directory."),
          tr("key") },
        { u"data-dir"_s, tr("Directory for keys and state."), tr("dir") },
        { u"hub"_s, tr("Default hub name (default watchroom)."), tr("name") },
        { u"invite"_s,
          tr("Invite secret for a role: viewer, annotator, source or admin. Repeatable."),
          tr("role=secret") },
        { u"tls-cert"_s, tr("PEM certificate for wss:// and https://; needs --tls-key."),
          tr("file") },
        { u"tls-key"_s, tr("PEM private key for --tls-cert."), tr("file") },
        { u"public-url"_s, tr("URL to advertise to clients instead of the listen address."),
          tr("url") },
        { u"log-level"_s, tr("error, warning, info or debug (default warning)."), tr("level") },
        { u"config"_s, tr("INI file with the same settings, plus a [limits] section."),
          tr("file") },
        { u"max-frame-bytes"_s, tr("Largest WebSocket frame a client may send (default 1048576)."),
          tr("bytes") },
        { u"host-sampler"_s,
          tr("Board whose metrics group gets this machine's CPU, memory, network and disk "
             "(default main); repeatable; 'off' for none."),
          tr("board") },
        { u"host-sampler-interval"_s, tr("Host sampler interval in ms (default 1000)."), tr("ms") },
        { u"source-token"_s,
          tr("Secret that may push metrics to POST /api/boards/{board}/metrics, for one board "
             "(BOARD=SECRET) or all (SECRET). Repeatable."),
          tr("[board=]secret") },
        { u"keeper"_s, tr("Persist annotations and answer late joiners: on (default) or off."),
          tr("on|off") },
        { u"database"_s,
          tr("Keeper database: postgresql://user:password@host/db, sqlite:///path or a file "
             "(default: keeper.sqlite in the data directory)."),
          tr("url") },
        { u"keeper-only"_s,
          tr("Run only the keeper, as a participant of this remote hub (a negotiate URL, a "
             "client access URL or a connection string)."),
          tr("hub") },
        { u"keeper-board"_s,
          tr("Board the --keeper-only keeper serves (default main); repeatable."), tr("board") },
        { u"backfill-minutes"_s,
          tr("Minutes of metric history sent to a late joiner with the keeper's snapshot "
             "(default 10; 0: none)."),
          tr("minutes") },
        { u"retention-max-age-days"_s,
          tr("Keeper: remove annotations last written more than this many days ago (default "
             "0: keep them)."),
          tr("days") },
        { u"retention-max-count"_s,
          tr("Keeper: keep at most this many annotations per board, deleting the least "
             "recently written (default 0: no limit)."),
          tr("count") },
        { u"max-messages-per-second"_s,
          tr("Messages per second one WebSocket client may send, with a burst of two seconds' "
             "worth; more closes it (1008). 0: unlimited (default 1000)."),
          tr("n") },
        { u"max-bytes-per-second"_s,
          tr("Bytes per second one WebSocket client may send, the same way (default 4194304; "
             "0: unlimited)."),
          tr("bytes") },
        { u"max-connections-per-address"_s,
          tr("WebSocket connections open at once from one client address; more get 429 "
             "(default 100; 0: unlimited)."),
          tr("n") },
        { u"limit-loopback"_s,
          tr("Apply the three limits above to loopback clients too: on or off (default off)."),
          tr("on|off") },
        { u"invite-failures-per-minute"_s,
          tr("Wrong invite secrets one address may try per minute before negotiate refuses it "
             "(429) for the rest of the minute (default 10, 1 to 1000)."),
          tr("n") },
        { u"trusted-proxy"_s,
          tr("Reverse proxy (an address, or a range ADDRESS/PREFIX) whose X-Forwarded-For "
             "header names the client; limits and logs then use that client's address. "
             "Repeatable. Without it the header is ignored."),
          tr("address[/prefix]") },
        { u"export-annotations"_s,
          tr("Write the board's annotations from the keeper's database as JSON, then exit."),
          tr("board") },
        { u"output"_s, tr("File for --export-annotations ('-', the default: standard output)."),
          tr("file") },
        { u"import-annotations"_s,
          tr("Merge a JSON export (the FILE argument, '-' for standard input) into the board in "
             "the keeper's database, then exit."),
          tr("board") },
    });
    parser.addPositionalArgument(u"file"_s, tr("With --import-annotations: the JSON export."),
                                 tr("[FILE|-]"));

    if (!parser.parse(arguments))
        return { ConfigOutcome::Error, {}, tr("command line: %1").arg(parser.errorText()) };
    if (parser.isSet(helpOption) || parser.isSet(u"help-all"_s))
        return { ConfigOutcome::ShowHelp, {}, helpText(parser) };
    if (parser.isSet(versionOption))
        return { ConfigOutcome::ShowVersion,
                 {},
                 QStringLiteral("watchroom-relay " WATCHROOM_VERSION) };
    if (const std::optional<QString> why = readAnnotationTask(parser); why)
        return { ConfigOutcome::Error, {}, *why };

    QString configPath;
    QString configSource;
    if (parser.isSet(configFlag)) {
        configPath = parser.value(configFlag);
        configSource = u"--"_s + configFlag;
        if (configPath.isEmpty())
            fail(tr("%1: empty value").arg(configSource));
    } else if (const QString fromEnvironment = environment.value(configEnvironment);
               !fromEnvironment.isEmpty()) {
        configPath = fromEnvironment;
        configSource = configEnvironment;
    }

    // Lowest precedence first, so each later source overwrites what it sets.
    const bool ok = m_error.isEmpty()
        && (configPath.isEmpty() || applyFile(configPath, configSource))
        && applyEnvironment(environment) && applyFlags(parser) && checkCombination();
    if (!ok)
        return { ConfigOutcome::Error, {}, m_error };

    if (m_config.dataDir.isEmpty()) {
        // What QStandardPaths::AppDataLocation gives an application named watchroom-relay with
        // no organisation, independent of the name of the process that parses the config.
        m_config.dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + u"/watchroom-relay"_s;
    }
    return { ConfigOutcome::Run, m_config, {} };
}

std::optional<QString> ConfigReader::readAnnotationTask(const QCommandLineParser &parser)
{
    const bool exporting = parser.isSet(u"export-annotations"_s);
    const bool importing = parser.isSet(u"import-annotations"_s);
    const QStringList positional = parser.positionalArguments();
    if (exporting && importing)
        return tr("command line: --export-annotations and --import-annotations exclude each "
                  "other");
    if (parser.isSet(u"output"_s) && !exporting)
        return tr("command line: --output only goes with --export-annotations");
    if (importing ? positional.size() != 1 : !positional.isEmpty()) {
        if (importing)
            return tr("command line: --import-annotations BOARD needs one FILE argument ('-' "
                      "for standard input)");
        return tr("command line: unexpected argument '%1'").arg(positional.constFirst());
    }
    if (!exporting && !importing)
        return std::nullopt;
    const QString flag = exporting ? u"export-annotations"_s : u"import-annotations"_s;
    const QString board = parser.value(flag);
    if (!session::isValidBoardName(board))
        return tr("--%1: '%2' is not a board name ([A-Za-z0-9_.-]{1,64})").arg(flag, board);
    m_config.annotationTask
        = exporting ? RelayConfig::AnnotationTask::Export : RelayConfig::AnnotationTask::Import;
    m_config.annotationBoard = board;
    QString file = exporting ? parser.value(u"output"_s) : positional.constFirst();
    if (file.isEmpty())
        file = u"-"_s;
    m_config.annotationFile = file == "-"_L1 ? file : absolutePath(file, QDir::currentPath());
    return std::nullopt;
}

QString ConfigReader::helpText(const QCommandLineParser &parser) const
{
    QStringList variables;
    for (const SettingInfo &info : settingTable) {
        if (!info.environment.isEmpty())
            variables.append(environmentPrefix + info.environment);
    }
    variables.append(configEnvironment);
    return parser.helpText() + u'\n'
        + tr("Environment variables, used when the flag is not given (ACCESS_KEY, INVITES,\n"
             "SOURCE_TOKENS and TRUSTED_PROXIES take comma-separated lists):\n  %1\n\n"
             "The config file is INI with the flag names as keys (invites=role=secret,...\n"
             "for --invite, trusted-proxies=address,... for --trusted-proxy) and a\n"
             "[limits] section with max-frame-bytes,\n"
             "reliable-buffer-messages, reliable-buffer-bytes, session-retention-seconds,\n"
             "max-pending-send-bytes, max-messages-per-second, max-bytes-per-second,\n"
             "max-connections-per-address, limit-loopback and invite-failures-per-minute,\n"
             "a [keeper] section with retention-max-age-days\n"
             "and retention-max-count, and one [scrape.NAME] section per Prometheus\n"
             "target (board, url, interval-ms, timeout-ms, allow-names, allow-patterns,\n"
             "labels). Relative paths in it are relative to the file.\n\n"
             "Precedence: flags, then environment, then config file, then defaults.\n")
              .arg(variables.join(u"\n  "_s));
}

// Reject lines QSettings would silently skip (a bare word, a key without '='), so a typo does
// not quietly leave a setting at its default.
std::optional<int> firstMalformedLine(const QByteArray &contents)
{
    const QList<QByteArray> lines = contents.split('\n');
    bool continuation = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i).trimmed();
        if (i == 0 && line.startsWith("\xEF\xBB\xBF"))
            line = line.mid(3).trimmed();
        const bool wasContinuation = continuation;
        continuation = line.endsWith('\\');
        if (wasContinuation || line.isEmpty() || line.startsWith(';') || line.startsWith('#')
            || line.startsWith('[') || line.contains('=')) {
            continue;
        }
        return int(i + 1);
    }
    return std::nullopt;
}

bool ConfigReader::applyFile(const QString &path, const QString &source)
{
    const QString absolute = absolutePath(path, QDir::currentPath());
    const QFileInfo info(absolute);
    if (!info.exists())
        return fail(tr("%1: config file '%2' does not exist").arg(source, absolute));
    if (!info.isFile())
        return fail(tr("%1: config file '%2' is not a regular file").arg(source, absolute));
    QFile file(absolute);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            tr("%1: cannot read config file '%2': %3").arg(source, absolute, file.errorString()));
    }
    if (const auto line = firstMalformedLine(file.readAll())) {
        return fail(tr("%1: line %2 of config file '%3' is neither a [section] nor key=value")
                        .arg(source, QString::number(*line), absolute));
    }
    file.close();

    qCDebug(lcRelay) << "reading config file" << absolute;
    const QSettings settings(absolute, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        return fail(tr("%1: config file '%2' is not a valid INI file").arg(source, absolute));
    }

    QStringList known;
    for (const SettingInfo &setting : settingTable) {
        if (!setting.fileKey.isEmpty()) // flag-only settings (--keeper-only)
            known.append(setting.fileKey);
    }
    const QStringList keys = settings.allKeys();
    for (const QString &key : keys) {
        if (!known.contains(key) && !key.startsWith("scrape."_L1)) {
            return fail(tr("%1: unknown key '%2' in config file '%3' (known keys: %4)")
                            .arg(source, key, absolute, known.join(u", "_s)));
        }
    }

    const QString baseDir = info.absolutePath();
    for (const SettingInfo &setting : settingTable) {
        const QString key = setting.fileKey;
        if (!settings.contains(key))
            continue;
        RawValue raw { {}, tr("%1 (key %2)").arg(absolute, key), baseDir };
        const QVariant value = settings.value(key);
        if (value.typeId() == QMetaType::QStringList) {
            // QSettings splits unquoted commas itself.
            if (!setting.isList) {
                return fail(tr("%1: expected one value, found the list '%2' (quote values that "
                               "contain commas)")
                                .arg(raw.source, value.toStringList().join(u","_s)));
            }
            raw.values = value.toStringList();
        } else if (value.typeId() == QMetaType::QString) {
            raw.values
                = setting.isList ? value.toString().split(u',') : QStringList { value.toString() };
        } else {
            return fail(
                tr("%1: the value is not plain text (write a leading @ as @@)").arg(raw.source));
        }
        if (setting.isList) {
            for (QString &item : raw.values)
                item = item.trimmed();
        }
        if (!apply(setting, raw))
            return false;
    }
    if (!applyScrapeTargets(settings, absolute))
        return false;
    return true;
}

bool ConfigReader::applyEnvironment(const QProcessEnvironment &environment)
{
    for (const SettingInfo &setting : settingTable) {
        if (setting.environment.isEmpty())
            continue;
        const QString name = environmentPrefix + setting.environment;
        // Set-but-empty counts as unset, as `FOO= command` and container runtimes produce it.
        const QString value = environment.value(name);
        if (value.isEmpty())
            continue;
        RawValue raw { { value }, name, QDir::currentPath() };
        if (setting.isList) {
            raw.values = value.split(u',');
            for (QString &item : raw.values)
                item = item.trimmed();
        }
        if (!apply(setting, raw))
            return false;
    }
    return true;
}

bool ConfigReader::applyFlags(const QCommandLineParser &parser)
{
    for (const SettingInfo &setting : settingTable) {
        if (setting.flag.isEmpty() || !parser.isSet(setting.flag))
            continue;
        const QStringList values = parser.values(setting.flag);
        // A repeated single-valued flag: the last one wins, like most command-line tools.
        RawValue raw { setting.isList ? values : QStringList { values.constLast() },
                       u"--"_s + setting.flag, QDir::currentPath() };
        if (!apply(setting, raw))
            return false;
    }
    return true;
}

bool ConfigReader::apply(const SettingInfo &info, const RawValue &raw)
{
    if (raw.values.isEmpty() || (!info.isList && raw.values.constFirst().isEmpty()))
        return fail(tr("%1: empty value").arg(raw.source));
    const QString &value = raw.values.constFirst();

    switch (info.setting) {
    case Setting::Listen: {
        QHostAddress address;
        if (value.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
            address = QHostAddress::LocalHost;
        else if (!address.setAddress(value))
            return fail(tr("%1: '%2' is not an IP address (for example 127.0.0.1, ::1 or 0.0.0.0)")
                            .arg(raw.source, value));
        m_config.listenAddress = address;
        break;
    }
    case Setting::Port: {
        const auto port = parseWholeNumber(value);
        if (!port || *port > 65535)
            return fail(tr("%1: '%2' is not a port number from 0 to 65535").arg(raw.source, value));
        m_config.port = quint16(*port);
        break;
    }
    case Setting::AccessKeys:
        // Keys are secrets: messages say which one is wrong, never what it is.
        for (const QString &key : raw.values) {
            if (key.isEmpty())
                return fail(tr("%1: empty access key").arg(raw.source));
        }
        if (raw.values.size() > 2) {
            return fail(tr("%1: %2 access keys given; at most two (primary, secondary) are used")
                            .arg(raw.source, QString::number(raw.values.size())));
        }
        m_config.accessKeys = raw.values;
        break;
    case Setting::DataDir:
        m_config.dataDir = absolutePath(value, raw.baseDir);
        break;
    case Setting::Hub: {
        // The service's hub name rule (reference §12).
        static const QRegularExpression hubName(
            QRegularExpression::anchoredPattern(u"[A-Za-z][A-Za-z0-9_`,.\\[\\]]{0,127}"_s));
        if (!hubName.match(value).hasMatch()) {
            return fail(tr("%1: '%2' is not a valid hub name (a letter, then up to 127 letters, "
                           "digits or _`,.[])")
                            .arg(raw.source, value));
        }
        m_config.defaultHub = value;
        break;
    }
    case Setting::Invites:
        return applyInvites(raw);
    case Setting::TlsCert:
        m_config.tlsCertificatePath = absolutePath(value, raw.baseDir);
        break;
    case Setting::TlsKey:
        m_config.tlsKeyPath = absolutePath(value, raw.baseDir);
        break;
    case Setting::PublicUrl: {
        const QUrl url(value, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != "http"_L1 && scheme != "https"_L1)) {
            return fail(tr("%1: '%2' is not an http:// or https:// URL").arg(raw.source, value));
        }
        m_config.publicUrl = url.toString();
        break;
    }
    case Setting::LogLevel:
        if (!validLogLevels().contains(value)) {
            return fail(tr("%1: unknown log level '%2' (use error, warning, info or debug)")
                            .arg(raw.source, value));
        }
        m_config.logLevel = value;
        break;
    case Setting::MaxFrameBytes:
    case Setting::ReliableBufferMessages:
    case Setting::ReliableBufferBytes:
    case Setting::SessionRetentionSeconds:
    case Setting::MaxPendingSendBytes:
        return applyLimit(info.setting, raw);
    case Setting::HostSampler: {
        QStringList boards;
        for (const QString &board : raw.values) {
            if (board == "off"_L1 && raw.values.size() == 1)
                break;
            if (!session::isValidBoardName(board))
                return fail(tr("%1: '%2' is not a board name ([A-Za-z0-9_.-]{1,64}) or 'off'")
                                .arg(raw.source, board));
            if (!boards.contains(board))
                boards.append(board);
        }
        m_config.hostSamplerBoards = boards;
        break;
    }
    case Setting::HostSamplerInterval: {
        const auto ms = parseWholeNumber(value);
        if (!ms || *ms < 100 || *ms > 3'600'000)
            return fail(tr("%1: '%2' is not a number of milliseconds from 100 to 3600000")
                            .arg(raw.source, value));
        m_config.hostSamplerIntervalMs = int(*ms);
        break;
    }
    case Setting::SourceTokens:
        return applySourceTokens(raw);
    case Setting::Keeper:
        if (value == "on"_L1 || value == "true"_L1)
            m_config.keeper = true;
        else if (value == "off"_L1 || value == "false"_L1)
            m_config.keeper = false;
        else
            return fail(tr("%1: '%2' is not on or off").arg(raw.source, value));
        break;
    case Setting::Database: {
        QString why;
        if (!DatabaseSettings::fromUrl(value, &why))
            return fail(tr("%1: %2").arg(raw.source, why)); // never quotes the password
        m_config.database = value.contains(u"://"_s) ? value : absolutePath(value, raw.baseDir);
        break;
    }
    case Setting::KeeperOnly:
        m_config.keeperOnly = value;
        break;
    case Setting::KeeperBoards:
        for (const QString &board : raw.values) {
            if (!session::isValidBoardName(board))
                return fail(tr("%1: '%2' is not a board name ([A-Za-z0-9_.-]{1,64})")
                                .arg(raw.source, board));
        }
        m_config.keeperBoards = raw.values;
        break;
    case Setting::BackfillMinutes: {
        const auto minutes = parseWholeNumber(value);
        if (!minutes || *minutes > 24 * 60)
            return fail(
                tr("%1: '%2' is not a number of minutes from 0 to 1440").arg(raw.source, value));
        m_config.backfillMinutes = int(*minutes);
        break;
    }
    case Setting::RetentionMaxAgeDays: {
        const auto days = parseWholeNumber(value);
        if (!days || *days > 36500)
            return fail(tr("%1: '%2' is not a number of days from 0 (keep everything) to 36500")
                            .arg(raw.source, value));
        m_config.retentionMaxAgeDays = int(*days);
        break;
    }
    case Setting::RetentionMaxCount: {
        const auto count = parseWholeNumber(value);
        if (!count || *count > 100'000'000)
            return fail(tr("%1: '%2' is not a number of annotations from 0 (no limit) to "
                           "100000000")
                            .arg(raw.source, value));
        m_config.retentionMaxCount = int(*count);
        break;
    }
    case Setting::MaxMessagesPerSecond:
    case Setting::MaxBytesPerSecond:
    case Setting::MaxConnectionsPerAddress:
    case Setting::InviteFailuresPerMinute: {
        struct Range
        {
            qint64 minimum, maximum;
        };
        const Range range = info.setting == Setting::MaxBytesPerSecond
            ? Range { 0, qint64(1) << 40 }
            : info.setting == Setting::InviteFailuresPerMinute ? Range { 1, 1000 }
                                                               : Range { 0, 10'000'000 };
        const auto number = parseWholeNumber(value);
        if (!number || *number < range.minimum || *number > range.maximum) {
            return fail(tr("%1: '%2' is not a whole number from %3 to %4%5")
                            .arg(raw.source, value, QString::number(range.minimum),
                                 QString::number(range.maximum),
                                 range.minimum == 0 ? tr(" (0: unlimited)") : QString()));
        }
        if (info.setting == Setting::MaxMessagesPerSecond)
            m_config.maxMessagesPerSecond = int(*number);
        else if (info.setting == Setting::MaxBytesPerSecond)
            m_config.maxBytesPerSecond = *number;
        else if (info.setting == Setting::MaxConnectionsPerAddress)
            m_config.maxConnectionsPerAddress = int(*number);
        else
            m_config.inviteFailuresPerMinute = int(*number);
        break;
    }
    case Setting::LimitLoopback:
        if (value == "on"_L1 || value == "true"_L1)
            m_config.limitLoopback = true;
        else if (value == "off"_L1 || value == "false"_L1)
            m_config.limitLoopback = false;
        else
            return fail(tr("%1: '%2' is not on or off").arg(raw.source, value));
        break;
    case Setting::TrustedProxies:
        return applyTrustedProxies(raw);
    case Setting::Count:
        break;
    }
    m_sources[size_t(info.setting)] = raw.source;
    return true;
}

bool ConfigReader::applySourceTokens(const RawValue &raw)
{
    // Secrets are never quoted back in messages; board names are.
    for (const QString &item : raw.values) {
        const qsizetype eq = item.indexOf(u'=');
        const QString board = eq < 0 ? QString() : item.left(eq);
        const QString secret = eq < 0 ? item : item.mid(eq + 1);
        if (eq >= 0 && !session::isValidBoardName(board))
            return fail(tr("%1: '%2' is not a board name").arg(raw.source, board));
        if (secret.size() < 16)
            return fail(tr("%1: source tokens must be at least 16 characters").arg(raw.source));
    }
    m_config.sourceTokens = raw.values;
    m_sources[size_t(Setting::SourceTokens)] = raw.source;
    return true;
}

bool ConfigReader::applyTrustedProxies(const RawValue &raw)
{
    QList<QPair<QHostAddress, int>> subnets;
    for (const QString &item : raw.values) {
        QPair<QHostAddress, int> subnet;
        if (!parseTrustedProxy(item, raw.source, &subnet))
            return false;
        if (!subnets.contains(subnet))
            subnets.append(subnet);
    }
    m_config.trustedProxies = subnets;
    m_sources[size_t(Setting::TrustedProxies)] = raw.source;
    return true;
}

// ADDRESS or ADDRESS/PREFIX. QHostAddress::parseSubnet() alone is too lenient for a security
// setting: it reads "10" as 10.0.0.0/8 and "10.0.0.1/8" with the host bits cleared, while
// QHostAddress reads "10" as 0.0.0.10. Both must agree, so a typo never trusts a range the
// operator did not mean.
bool ConfigReader::parseTrustedProxy(const QString &text, const QString &source,
                                     QPair<QHostAddress, int> *out)
{
    const QString usage = tr("a trusted proxy is an IP address or a range ADDRESS/PREFIX, for "
                             "example 127.0.0.1, 10.0.0.0/8 or fd00::/8");
    if (text.isEmpty())
        return fail(tr("%1: empty trusted proxy (%2)").arg(source, usage));
    const qsizetype slash = text.indexOf(u'/');
    const QString addressText = slash < 0 ? text : text.left(slash);
    QHostAddress address;
    if (!address.setAddress(addressText))
        return fail(tr("%1: '%2' is not an IP address (%3)").arg(source, addressText, usage));
    const bool isV6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    if (!isV6 && addressText.count(u'.') != 3)
        return fail(tr("%1: '%2' is not a complete IPv4 address; write all four numbers (%3)")
                        .arg(source, addressText, usage));
    const int maxPrefix = isV6 ? 128 : 32;
    if (slash >= 0) {
        const QString prefixText = text.mid(slash + 1);
        const auto prefix = parseWholeNumber(prefixText);
        if (!prefix || *prefix > maxPrefix)
            return fail(tr("%1: '%2' in '%3' is not a prefix length from 0 to %4")
                            .arg(source, prefixText, text, QString::number(maxPrefix)));
    }
    const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(text);
    if (subnet.second < 0 || !address.isInSubnet(subnet))
        return fail(tr("%1: '%2' is not a valid address range; write IPv4 numbers in decimal "
                       "without leading zeros (%3)")
                        .arg(source, text, usage));
    *out = subnet;
    return true;
}

bool ConfigReader::applyScrapeTargets(const QSettings &settings, const QString &file)
{
    static const QStringList knownKeys { u"board"_s,      u"url"_s,         u"interval-ms"_s,
                                         u"timeout-ms"_s, u"allow-names"_s, u"allow-patterns"_s,
                                         u"labels"_s };
    const QStringList groups = settings.childGroups();
    for (const QString &group : groups) {
        if (!group.startsWith("scrape."_L1))
            continue;
        ScrapeConfig target;
        target.name = group.mid(7);
        const QString source = tr("%1 [%2]").arg(file, group);
        if (target.name.isEmpty())
            return fail(tr("%1: a scrape section needs a name: [scrape.NAME]").arg(source));
        const auto text = [&](const QString &key) {
            const QVariant v = settings.value(group + u'/' + key);
            return v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',')
                                                        : v.toString().trimmed();
        };
        const auto list = [&](const QString &key) {
            const QVariant v = settings.value(group + u'/' + key);
            QStringList items = v.typeId() == QMetaType::QStringList ? v.toStringList()
                                                                     : v.toString().split(u',');
            QStringList out;
            for (const QString &item : std::as_const(items)) {
                if (!item.trimmed().isEmpty())
                    out.append(item.trimmed());
            }
            return out;
        };
        const QStringList keys = [&] {
            QStringList out;
            for (const QString &key : settings.allKeys()) {
                if (key.startsWith(group + u'/'))
                    out.append(key.mid(group.size() + 1));
            }
            return out;
        }();
        for (const QString &key : keys) {
            if (!knownKeys.contains(key))
                return fail(tr("%1: unknown key '%2' (known keys: %3)")
                                .arg(source, key, knownKeys.join(u", "_s)));
        }
        if (const QString board = text(u"board"_s); !board.isEmpty()) {
            if (!session::isValidBoardName(board))
                return fail(tr("%1: '%2' is not a board name").arg(source, board));
            target.board = board;
        }
        target.url = QUrl(text(u"url"_s), QUrl::StrictMode);
        const QString scheme = target.url.scheme();
        if (!target.url.isValid() || target.url.host().isEmpty()
            || (scheme != "http"_L1 && scheme != "https"_L1))
            return fail(tr("%1: url must be an http:// or https:// URL").arg(source));
        for (const auto &[key, field] : { std::pair { u"interval-ms"_s, &target.intervalMs },
                                          std::pair { u"timeout-ms"_s, &target.timeoutMs } }) {
            const QString value = text(key);
            if (value.isEmpty())
                continue;
            const auto ms = parseWholeNumber(value);
            if (!ms || *ms > 3'600'000 || (key == "interval-ms"_L1 && *ms < 100))
                return fail(tr("%1: %2 '%3' is not a number of milliseconds (interval: 100 to "
                               "3600000)")
                                .arg(source, key, value));
            *field = int(*ms);
        }
        target.allowNames = list(u"allow-names"_s);
        target.allowPatterns = list(u"allow-patterns"_s);
        for (const QString &label : list(u"labels"_s)) {
            const qsizetype eq = label.indexOf(u'=');
            if (eq <= 0)
                return fail(tr("%1: labels are name=value pairs, not '%2'").arg(source, label));
            target.labels.insert(label.left(eq).trimmed(), label.mid(eq + 1).trimmed());
        }
        m_config.scrapeTargets.append(target);
    }
    return true;
}

bool ConfigReader::applyInvites(const RawValue &raw)
{
    // Secrets are never quoted back in messages; the role part is.
    QList<InviteSecret> invites;
    for (const QString &item : raw.values) {
        if (item.isEmpty())
            return fail(tr("%1: empty invite").arg(raw.source));
        const qsizetype eq = item.indexOf(u'=');
        if (eq < 0) {
            return fail(tr("%1: an invite must be ROLE=SECRET with ROLE one of viewer, "
                           "annotator, source or admin")
                            .arg(raw.source));
        }
        InviteSecret invite { item.left(eq), item.mid(eq + 1) };
        if (!validRoles().contains(invite.role)) {
            return fail(tr("%1: unknown invite role '%2' (use viewer, annotator, source or admin)")
                            .arg(raw.source, invite.role));
        }
        if (invite.secret.isEmpty())
            return fail(tr("%1: the secret for role '%2' is empty").arg(raw.source, invite.role));
        for (const InviteSecret &other : std::as_const(invites)) {
            // One secret for two roles would make the role a client gets ambiguous.
            if (other.secret == invite.secret && other.role != invite.role) {
                return fail(tr("%1: roles '%2' and '%3' use the same secret; give each role its "
                               "own")
                                .arg(raw.source, other.role, invite.role));
            }
        }
        invites.append(invite);
    }
    m_config.invites = invites;
    m_sources[size_t(Setting::Invites)] = raw.source;
    return true;
}

bool ConfigReader::applyLimit(Setting setting, const RawValue &raw)
{
    const QString &value = raw.values.constFirst();
    const bool isInt
        = setting == Setting::ReliableBufferMessages || setting == Setting::SessionRetentionSeconds;
    const qint64 maximum
        = isInt ? std::numeric_limits<int>::max() : std::numeric_limits<qint64>::max();
    const auto number = parseWholeNumber(value);
    if (!number || *number < 1 || *number > maximum) {
        return fail(tr("%1: '%2' is not a whole number from 1 to %3")
                        .arg(raw.source, value, QString::number(maximum)));
    }
    switch (setting) {
    case Setting::MaxFrameBytes:
        m_config.maxFrameBytes = *number;
        break;
    case Setting::ReliableBufferMessages:
        m_config.reliableBufferMessages = int(*number);
        break;
    case Setting::ReliableBufferBytes:
        m_config.reliableBufferBytes = *number;
        break;
    case Setting::SessionRetentionSeconds:
        m_config.sessionRetentionSeconds = int(*number);
        break;
    case Setting::MaxPendingSendBytes:
        m_config.maxPendingSendBytes = *number;
        break;
    default:
        break;
    }
    m_sources[size_t(setting)] = raw.source;
    return true;
}

bool ConfigReader::checkReadable(Setting setting, const QString &path)
{
    const QString &source = m_sources[size_t(setting)];
    if (!QFileInfo(path).isFile())
        return fail(tr("%1: '%2' does not exist or is not a file").arg(source, path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("%1: cannot read '%2': %3").arg(source, path, file.errorString()));
    return true;
}

// Rules that involve more than one setting, checked on the merged result.
bool ConfigReader::checkCombination()
{
    const bool hasCert = !m_config.tlsCertificatePath.isEmpty();
    const bool hasKey = !m_config.tlsKeyPath.isEmpty();
    if (hasCert != hasKey) {
        const Setting given = hasCert ? Setting::TlsCert : Setting::TlsKey;
        return fail(tr("%1 is set but %2 is not: TLS needs both --tls-cert and --tls-key")
                        .arg(m_sources[size_t(given)],
                             hasCert ? tr("the TLS key") : tr("the TLS certificate")));
    }
    if (hasCert
        && (!checkReadable(Setting::TlsCert, m_config.tlsCertificatePath)
            || !checkReadable(Setting::TlsKey, m_config.tlsKeyPath))) {
        return false;
    }
    // Without an invite secret anyone who can reach the port could join; only loopback is safe.
    if (m_config.invites.isEmpty() && !m_config.listenAddress.isLoopback()) {
        return fail(tr("refusing to listen on %1 without an invite secret: pass --invite "
                       "ROLE=SECRET or listen on 127.0.0.1")
                        .arg(m_config.listenAddress.toString()));
    }
    return true;
}

} // namespace

ConfigResult parseRelayConfig(const QStringList &arguments, const QProcessEnvironment &environment)
{
    return ConfigReader().read(arguments, environment);
}

bool keeperConfigFor(const RelayConfig &config, KeeperConfig *out, QString *error)
{
    QString why;
    std::optional<DatabaseSettings> database;
    if (!config.database.isEmpty())
        database = DatabaseSettings::fromUrl(config.database, &why);
    else
        database = DatabaseSettings::sqlite(QDir(config.dataDir).filePath(u"keeper.sqlite"_s));
    if (!database) {
        *error = u"--database: %1"_s.arg(why);
        return false;
    }
    out->database = *database;
    out->maxAge = std::chrono::days(config.retentionMaxAgeDays);
    out->maxCountPerBoard = config.retentionMaxCount;
    return true;
}

} // namespace wr
