#include "relayconfig.h"

#include "keeperconfig.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using wr::ConfigOutcome;
using wr::ConfigResult;
using wr::RelayConfig;

Q_DECLARE_METATYPE(wr::ConfigOutcome)

namespace {

// One setting of a RelayConfig as text, so a data table can name the field it checks.
QString fieldValue(const RelayConfig &config, const QString &field)
{
    if (field == "listen"_L1)
        return config.listenAddress.toString();
    if (field == "port"_L1)
        return QString::number(config.port);
    if (field == "access-keys"_L1)
        return config.accessKeys.join(u',');
    if (field == "data-dir"_L1)
        return config.dataDir;
    if (field == "hub"_L1)
        return config.defaultHub;
    if (field == "invites"_L1) {
        QStringList invites;
        for (const wr::InviteSecret &invite : config.invites)
            invites.append(invite.role + u'=' + invite.secret);
        return invites.join(u',');
    }
    if (field == "tls-cert"_L1)
        return config.tlsCertificatePath;
    if (field == "tls-key"_L1)
        return config.tlsKeyPath;
    if (field == "public-url"_L1)
        return config.publicUrl;
    if (field == "log-level"_L1)
        return config.logLevel;
    if (field == "max-frame-bytes"_L1)
        return QString::number(config.maxFrameBytes);
    if (field == "reliable-buffer-messages"_L1)
        return QString::number(config.reliableBufferMessages);
    if (field == "reliable-buffer-bytes"_L1)
        return QString::number(config.reliableBufferBytes);
    if (field == "session-retention-seconds"_L1)
        return QString::number(config.sessionRetentionSeconds);
    if (field == "max-pending-send-bytes"_L1)
        return QString::number(config.maxPendingSendBytes);
    if (field == "abuse-limits"_L1)
        return u"%1 msg/s, %2 B/s, %3 conn/address, loopback %4, %5 invite failures/min"_s
            .arg(config.maxMessagesPerSecond)
            .arg(config.maxBytesPerSecond)
            .arg(config.maxConnectionsPerAddress)
            .arg(config.limitLoopback ? u"limited"_s : u"exempt"_s)
            .arg(config.inviteFailuresPerMinute);
    if (field == "trusted-proxies"_L1) {
        QStringList ranges;
        for (const auto &[address, prefix] : config.trustedProxies)
            ranges.append(address.toString() + u'/' + QString::number(prefix));
        return ranges.join(u',');
    }
    if (field == "host-sampler"_L1)
        return config.hostSamplerBoards.join(u',');
    if (field == "host-sampler-interval"_L1)
        return QString::number(config.hostSamplerIntervalMs);
    if (field == "source-tokens"_L1)
        return config.sourceTokens.join(u',');
    if (field == "keeper"_L1)
        return config.keeper ? u"on"_s : u"off"_s;
    if (field == "database"_L1)
        return config.database;
    if (field == "keeper-only"_L1)
        return config.keeperOnly + u'|' + config.keeperBoards.join(u',');
    if (field == "retention"_L1)
        return u"%1d/%2"_s.arg(config.retentionMaxAgeDays).arg(config.retentionMaxCount);
    if (field == "keeper-retention"_L1) {
        wr::KeeperConfig keeper;
        QString error;
        if (!wr::keeperConfigFor(config, &keeper, &error))
            return error;
        return u"%1ms/%2"_s.arg(keeper.maxAge.count()).arg(keeper.maxCountPerBoard);
    }
    if (field == "annotation-task"_L1) {
        const char *task = config.annotationTask == RelayConfig::AnnotationTask::Export ? "export"
            : config.annotationTask == RelayConfig::AnnotationTask::Import              ? "import"
                                                                                        : "none";
        return QString::fromLatin1(task) + u' ' + config.annotationBoard + u' '
            + config.annotationFile;
    }
    if (field == "scrape"_L1) {
        QStringList out;
        for (const wr::ScrapeConfig &t : config.scrapeTargets) {
            QStringList labels;
            for (auto it = t.labels.cbegin(); it != t.labels.cend(); ++it)
                labels.append(it.key() + u'=' + it.value());
            out.append(
                u"%1@%2 %3 %4/%5 [%6] [%7] {%8}"_s.arg(t.name, t.board, t.url.toString())
                    .arg(t.intervalMs)
                    .arg(t.timeoutMs)
                    .arg(t.allowNames.join(u','), t.allowPatterns.join(u','), labels.join(u',')));
        }
        return out.join(u';');
    }
    qFatal("unknown field %s", qPrintable(field));
}

const char *outcomeName(ConfigOutcome outcome)
{
    switch (outcome) {
    case ConfigOutcome::Run:
        return "Run";
    case ConfigOutcome::ShowHelp:
        return "ShowHelp";
    case ConfigOutcome::ShowVersion:
        return "ShowVersion";
    case ConfigOutcome::Error:
        return "Error";
    }
    return "?";
}

} // namespace

namespace wr {
char *toString(ConfigOutcome outcome)
{
    return qstrdup(outcomeName(outcome));
}
} // namespace wr

class TestRelayConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void defaults();
    void emptyArgumentList();
    void flags_data();
    void flags();
    void environment_data();
    void environment();
    void file_data();
    void file();
    void fixtureFile();
    void precedence_data();
    void precedence();
    void errors_data();
    void errors();
    void refusesPublicAddressWithoutInvite();
    void loopbackNeedsNoInvite_data();
    void loopbackNeedsNoInvite();
    void unreadableConfigFile();
    void helpAndVersion_data();
    void helpAndVersion();
    void versionText();

private:
    // Replaces @DIR@ (the per-test temporary directory) and @CWD@ in test data.
    QString expand(QString text) const;
    QStringList expand(const QStringList &list) const;
    // Writes relay.ini into the temporary directory unless `contents` is empty; returns the
    // path or an empty string.
    QString writeConfig(const QString &contents) const;
    ConfigResult run(const QStringList &arguments, const QStringList &environment = {},
                     const QString &configContents = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRelayConfig::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRelayConfig::init()
{
    // A fresh directory per data row: QSettings caches files by path.
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    for (const QString &name : { u"cert.pem"_s, u"key.pem"_s }) {
        QFile file(m_dir->filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("placeholder; the config only checks that the file is readable\n");
    }
}

QString TestRelayConfig::expand(QString text) const
{
    return text.replace(u"@DIR@"_s, m_dir->path()).replace(u"@CWD@"_s, QDir::currentPath());
}

QStringList TestRelayConfig::expand(const QStringList &list) const
{
    QStringList expanded;
    for (const QString &item : list)
        expanded.append(expand(item));
    return expanded;
}

QString TestRelayConfig::writeConfig(const QString &contents) const
{
    if (contents.isEmpty())
        return {};
    const QString path = m_dir->filePath(u"relay.ini"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(expand(contents).toUtf8());
    return path;
}

// Runs the parser with an isolated environment; a config file, if any, is passed with --config
// unless the environment already names one.
ConfigResult TestRelayConfig::run(const QStringList &arguments, const QStringList &environment,
                                  const QString &configContents) const
{
    QStringList args { u"watchroom-relay"_s };
    QProcessEnvironment env;
    for (const QString &entry : environment) {
        const qsizetype eq = entry.indexOf(u'=');
        env.insert(entry.left(eq), expand(entry.mid(eq + 1)));
    }
    const QString configPath = writeConfig(configContents);
    if (!configPath.isEmpty() && !env.contains(u"WATCHROOM_RELAY_CONFIG"_s)
        && !arguments.contains(u"--config"_s)) {
        args << u"--config"_s << configPath;
    }
    args << expand(arguments);
    return wr::parseRelayConfig(args, env);
}

void TestRelayConfig::defaults()
{
    const ConfigResult result = run({});
    QCOMPARE(result.outcome, ConfigOutcome::Run);
    QVERIFY2(result.message.isEmpty(), qPrintable(result.message));
    const RelayConfig &c = result.config;
    QCOMPARE(c.listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(c.port, quint16(7300));
    QVERIFY(c.accessKeys.isEmpty());
    QCOMPARE(c.dataDir,
             QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                 + u"/watchroom-relay"_s);
    QCOMPARE(c.defaultHub, u"watchroom"_s);
    QVERIFY(c.invites.isEmpty());
    // No proxy is trusted: X-Forwarded-For is ignored unless the operator names one.
    QVERIFY(c.trustedProxies.isEmpty());
    QVERIFY(c.tlsCertificatePath.isEmpty());
    QVERIFY(c.tlsKeyPath.isEmpty());
    QVERIFY(c.publicUrl.isEmpty());
    QCOMPARE(c.logLevel, u"warning"_s);
    QCOMPARE(c.maxFrameBytes, 1024 * 1024);
    QCOMPARE(c.reliableBufferMessages, 1000);
    QCOMPARE(c.reliableBufferBytes, 16 * 1024 * 1024);
    QCOMPARE(c.sessionRetentionSeconds, 60);
    QCOMPARE(c.maxPendingSendBytes, 64 * 1024);
    // Abuse limits: generous enough for real use, loopback exempt (docs/security.md).
    QCOMPARE(fieldValue(c, u"abuse-limits"_s),
             u"1000 msg/s, 4194304 B/s, 100 conn/address, loopback exempt, "
             "10 invite failures/min"_s);
    // The embedded default: this machine's metrics on board main, a keeper in the data dir.
    QCOMPARE(c.hostSamplerBoards, QStringList { u"main"_s });
    QCOMPARE(c.hostSamplerIntervalMs, 1000);
    QVERIFY(c.keeper && c.keeperEnabled());
    QVERIFY(c.database.isEmpty() && c.keeperOnly.isEmpty() && c.scrapeTargets.isEmpty());
}

void TestRelayConfig::emptyArgumentList()
{
    const ConfigResult result = wr::parseRelayConfig({}, QProcessEnvironment());
    QCOMPARE(result.outcome, ConfigOutcome::Run);
    QCOMPARE(result.config.port, quint16(7300));
}

void TestRelayConfig::flags_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::addRow("--listen loopback IPv4")
        << QStringList { u"--listen"_s, u"127.0.0.2"_s } << u"listen"_s << u"127.0.0.2"_s;
    QTest::addRow("--listen loopback IPv6")
        << QStringList { u"--listen"_s, u"::1"_s } << u"listen"_s << u"::1"_s;
    QTest::addRow("--listen localhost")
        << QStringList { u"--listen"_s, u"localhost"_s } << u"listen"_s << u"127.0.0.1"_s;
    QTest::addRow("--listen any with an invite")
        << QStringList { u"--listen"_s, u"0.0.0.0"_s, u"--invite"_s, u"viewer=s3cret"_s }
        << u"listen"_s << u"0.0.0.0"_s;
    QTest::addRow("--port") << QStringList { u"--port"_s, u"8080"_s } << u"port"_s << u"8080"_s;
    QTest::addRow("--port=N") << QStringList { u"--port=9000"_s } << u"port"_s << u"9000"_s;
    QTest::addRow("--port 0 is ephemeral")
        << QStringList { u"--port"_s, u"0"_s } << u"port"_s << u"0"_s;
    QTest::addRow("--port 65535") << QStringList { u"--port"_s, u"65535"_s } << u"port"_s
                                  << u"65535"_s;
    QTest::addRow("--port repeated: last wins")
        << QStringList { u"--port"_s, u"1"_s, u"--port"_s, u"2"_s } << u"port"_s << u"2"_s;
    QTest::addRow("--access-key once")
        << QStringList { u"--access-key"_s, u"k1"_s } << u"access-keys"_s << u"k1"_s;
    QTest::addRow("--access-key primary and secondary")
        << QStringList { u"--access-key"_s, u"k1"_s, u"--access-key"_s, u"k2"_s }
        << u"access-keys"_s << u"k1,k2"_s;
    QTest::addRow("--data-dir absolute") << QStringList { u"--data-dir"_s, u"/var/lib/watchroom"_s }
                                         << u"data-dir"_s << u"/var/lib/watchroom"_s;
    QTest::addRow("--data-dir relative to the working directory")
        << QStringList { u"--data-dir"_s, u"state/../relay"_s } << u"data-dir"_s
        << u"@CWD@/relay"_s;
    QTest::addRow("--hub") << QStringList { u"--hub"_s, u"Chat_Hub"_s } << u"hub"_s
                           << u"Chat_Hub"_s;
    QTest::addRow("--invite") << QStringList { u"--invite"_s, u"viewer=abc"_s } << u"invites"_s
                              << u"viewer=abc"_s;
    QTest::addRow("--invite repeated, every role")
        << QStringList { u"--invite"_s, u"viewer=a"_s, u"--invite"_s, u"annotator=b"_s,
                         u"--invite"_s, u"source=c"_s, u"--invite"_s, u"admin=d"_s }
        << u"invites"_s << u"viewer=a,annotator=b,source=c,admin=d"_s;
    QTest::addRow("--invite secret containing =")
        << QStringList { u"--invite"_s, u"viewer=a=b=="_s } << u"invites"_s << u"viewer=a=b=="_s;
    QTest::addRow("--invite two secrets for one role")
        << QStringList { u"--invite"_s, u"viewer=a"_s, u"--invite"_s, u"viewer=b"_s }
        << u"invites"_s << u"viewer=a,viewer=b"_s;
    QTest::addRow("--tls-cert") << QStringList { u"--tls-cert"_s, u"@DIR@/cert.pem"_s,
                                                 u"--tls-key"_s, u"@DIR@/key.pem"_s }
                                << u"tls-cert"_s << u"@DIR@/cert.pem"_s;
    QTest::addRow("--tls-key") << QStringList { u"--tls-cert"_s, u"@DIR@/cert.pem"_s,
                                                u"--tls-key"_s, u"@DIR@/key.pem"_s }
                               << u"tls-key"_s << u"@DIR@/key.pem"_s;
    QTest::addRow("--public-url") << QStringList { u"--public-url"_s,
                                                   u"https://relay.example.com:8443/"_s }
                                  << u"public-url"_s << u"https://relay.example.com:8443/"_s;
    QTest::addRow("--log-level") << QStringList { u"--log-level"_s, u"debug"_s } << u"log-level"_s
                                 << u"debug"_s;
    QTest::addRow("--max-frame-bytes")
        << QStringList { u"--max-frame-bytes"_s, u"65536"_s } << u"max-frame-bytes"_s << u"65536"_s;
    QTest::addRow("abuse limits by flag")
        << QStringList { u"--max-messages-per-second"_s,
                         u"50"_s,
                         u"--max-bytes-per-second"_s,
                         u"65536"_s,
                         u"--max-connections-per-address"_s,
                         u"3"_s,
                         u"--limit-loopback"_s,
                         u"on"_s,
                         u"--invite-failures-per-minute"_s,
                         u"2"_s }
        << u"abuse-limits"_s
        << u"50 msg/s, 65536 B/s, 3 conn/address, loopback limited, 2 invite failures/min"_s;
    QTest::addRow("abuse limits: 0 is unlimited")
        << QStringList { u"--max-messages-per-second=0"_s, u"--max-bytes-per-second=0"_s,
                         u"--max-connections-per-address=0"_s, u"--limit-loopback=off"_s }
        << u"abuse-limits"_s
        << u"0 msg/s, 0 B/s, 0 conn/address, loopback exempt, 10 invite failures/min"_s;
    QTest::addRow("--trusted-proxy one address is a single host")
        << QStringList { u"--trusted-proxy"_s, u"127.0.0.1"_s } << u"trusted-proxies"_s
        << u"127.0.0.1/32"_s;
    QTest::addRow("--trusted-proxy repeated, IPv4 and IPv6 ranges")
        << QStringList { u"--trusted-proxy"_s, u"10.0.0.0/8"_s, u"--trusted-proxy=fd00::/8"_s,
                         u"--trusted-proxy"_s, u"::1"_s }
        << u"trusted-proxies"_s << u"10.0.0.0/8,fd00::/8,::1/128"_s;
    QTest::addRow("--trusted-proxy host bits cleared, duplicates once")
        << QStringList { u"--trusted-proxy"_s, u"192.168.7.9/16"_s, u"--trusted-proxy"_s,
                         u"192.168.0.0/16"_s }
        << u"trusted-proxies"_s << u"192.168.0.0/16"_s;
    QTest::addRow("--trusted-proxy /0 and /32")
        << QStringList { u"--trusted-proxy"_s, u"0.0.0.0/0"_s, u"--trusted-proxy"_s,
                         u"203.0.113.5/32"_s }
        << u"trusted-proxies"_s << u"0.0.0.0/0,203.0.113.5/32"_s;
    QTest::addRow("--host-sampler off")
        << QStringList { u"--host-sampler"_s, u"off"_s } << u"host-sampler"_s << QString();
    QTest::addRow("--host-sampler two boards")
        << QStringList { u"--host-sampler"_s, u"ops"_s, u"--host-sampler"_s, u"lab.1"_s }
        << u"host-sampler"_s << u"ops,lab.1"_s;
    QTest::addRow("--host-sampler-interval")
        << QStringList { u"--host-sampler-interval"_s, u"250"_s } << u"host-sampler-interval"_s
        << u"250"_s;
    QTest::addRow("--source-token for a board and for all")
        << QStringList { u"--source-token"_s, u"ops=0123456789abcdef"_s, u"--source-token"_s,
                         u"fedcba9876543210"_s }
        << u"source-tokens"_s << u"ops=0123456789abcdef,fedcba9876543210"_s;
    QTest::addRow("--keeper off") << QStringList { u"--keeper"_s, u"off"_s } << u"keeper"_s
                                  << u"off"_s;
    QTest::addRow("--database postgresql")
        << QStringList { u"--database"_s, u"postgresql://u:p@db.example:5433/watchroom"_s }
        << u"database"_s << u"postgresql://u:p@db.example:5433/watchroom"_s;
    QTest::addRow("--database file, made absolute")
        << QStringList { u"--database"_s, u"state/keeper.db"_s } << u"database"_s
        << u"@CWD@/state/keeper.db"_s;
    QTest::addRow("--keeper-only with boards")
        << QStringList { u"--keeper-only"_s, u"https://app.example/negotiate"_s,
                         u"--keeper-board"_s, u"ops"_s }
        << u"keeper-only"_s << u"https://app.example/negotiate|ops"_s;
    QTest::addRow("--retention-max-age-days and --retention-max-count")
        << QStringList { u"--retention-max-age-days"_s, u"30"_s, u"--retention-max-count"_s,
                         u"5000"_s }
        << u"retention"_s << u"30d/5000"_s;
    QTest::addRow("retention reaches the keeper's config")
        << QStringList { u"--retention-max-age-days"_s, u"2"_s, u"--retention-max-count"_s, u"7"_s }
        << u"keeper-retention"_s << u"172800000ms/7"_s;
    QTest::addRow("retention defaults keep everything")
        << QStringList {} << u"keeper-retention"_s << u"0ms/0"_s;
    QTest::addRow("no annotation task by default")
        << QStringList {} << u"annotation-task"_s << u"none  -"_s;
    QTest::addRow("--export-annotations to standard output")
        << QStringList { u"--export-annotations"_s, u"ops"_s } << u"annotation-task"_s
        << u"export ops -"_s;
    QTest::addRow("--export-annotations --output, made absolute")
        << QStringList { u"--export-annotations"_s, u"ops"_s, u"--output"_s, u"ops.json"_s }
        << u"annotation-task"_s << u"export ops @CWD@/ops.json"_s;
    QTest::addRow("--import-annotations FILE")
        << QStringList { u"--import-annotations"_s, u"main"_s, u"/tmp/in.json"_s }
        << u"annotation-task"_s << u"import main /tmp/in.json"_s;
    QTest::addRow("--import-annotations from standard input")
        << QStringList { u"--import-annotations"_s, u"main"_s, u"-"_s } << u"annotation-task"_s
        << u"import main -"_s;
}

void TestRelayConfig::flags()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const ConfigResult result = run(arguments);
    QVERIFY2(result.outcome == ConfigOutcome::Run, qPrintable(result.message));
    QCOMPARE(fieldValue(result.config, field), expand(expected));
}

void TestRelayConfig::environment_data()
{
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::addRow("LISTEN") << QStringList { u"WATCHROOM_RELAY_LISTEN=::1"_s } << u"listen"_s
                            << u"::1"_s;
    QTest::addRow("PORT") << QStringList { u"WATCHROOM_RELAY_PORT=7400"_s } << u"port"_s
                          << u"7400"_s;
    QTest::addRow("ACCESS_KEY one")
        << QStringList { u"WATCHROOM_RELAY_ACCESS_KEY=k1"_s } << u"access-keys"_s << u"k1"_s;
    QTest::addRow("ACCESS_KEY comma-separated, spaces trimmed")
        << QStringList { u"WATCHROOM_RELAY_ACCESS_KEY=k1 , k2"_s } << u"access-keys"_s
        << u"k1,k2"_s;
    QTest::addRow("DATA_DIR") << QStringList { u"WATCHROOM_RELAY_DATA_DIR=/srv/relay"_s }
                              << u"data-dir"_s << u"/srv/relay"_s;
    QTest::addRow("HUB") << QStringList { u"WATCHROOM_RELAY_HUB=ops"_s } << u"hub"_s << u"ops"_s;
    QTest::addRow("INVITES comma-separated")
        << QStringList { u"WATCHROOM_RELAY_INVITES=viewer=a, admin=b"_s } << u"invites"_s
        << u"viewer=a,admin=b"_s;
    QTest::addRow("TLS_CERT and TLS_KEY")
        << QStringList { u"WATCHROOM_RELAY_TLS_CERT=@DIR@/cert.pem"_s,
                         u"WATCHROOM_RELAY_TLS_KEY=@DIR@/key.pem"_s }
        << u"tls-key"_s << u"@DIR@/key.pem"_s;
    QTest::addRow("PUBLIC_URL") << QStringList { u"WATCHROOM_RELAY_PUBLIC_URL=http://box:7300"_s }
                                << u"public-url"_s << u"http://box:7300"_s;
    QTest::addRow("LOG_LEVEL") << QStringList { u"WATCHROOM_RELAY_LOG_LEVEL=error"_s }
                               << u"log-level"_s << u"error"_s;
    QTest::addRow("CONFIG names the file")
        << QStringList { u"WATCHROOM_RELAY_CONFIG=@DIR@/relay.ini"_s } << u"hub"_s << u"fromfile"_s;
    QTest::addRow("abuse limits")
        << QStringList { u"WATCHROOM_RELAY_MAX_MESSAGES_PER_SECOND=200"_s,
                         u"WATCHROOM_RELAY_MAX_BYTES_PER_SECOND=1000000"_s,
                         u"WATCHROOM_RELAY_MAX_CONNECTIONS_PER_ADDRESS=8"_s,
                         u"WATCHROOM_RELAY_LIMIT_LOOPBACK=true"_s,
                         u"WATCHROOM_RELAY_INVITE_FAILURES_PER_MINUTE=1000"_s }
        << u"abuse-limits"_s
        << u"200 msg/s, 1000000 B/s, 8 conn/address, loopback limited, 1000 invite failures/min"_s;
    QTest::addRow("TRUSTED_PROXIES comma-separated, spaces trimmed")
        << QStringList { u"WATCHROOM_RELAY_TRUSTED_PROXIES=127.0.0.1 , 10.1.0.0/16,fd00::/8"_s }
        << u"trusted-proxies"_s << u"127.0.0.1/32,10.1.0.0/16,fd00::/8"_s;
    QTest::addRow("empty variable counts as unset")
        << QStringList { u"WATCHROOM_RELAY_PORT="_s } << u"port"_s << u"7300"_s;
    QTest::addRow("unrelated variables are ignored")
        << QStringList { u"WATCHROOM_RELAY_PROT=1"_s, u"PORT=1"_s } << u"port"_s << u"7300"_s;
}

void TestRelayConfig::environment()
{
    QFETCH(QStringList, environment);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    // Written but not passed with --config: only the CONFIG row makes the relay read it.
    writeConfig(u"hub=fromfile\n"_s);
    const ConfigResult result = run({}, environment);
    QVERIFY2(result.outcome == ConfigOutcome::Run, qPrintable(result.message));
    QCOMPARE(fieldValue(result.config, field), expand(expected));
}

void TestRelayConfig::file_data()
{
    QTest::addColumn<QString>("contents");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::addRow("listen") << u"listen=::\ninvites=viewer=x\n"_s << u"listen"_s << u"::"_s;
    QTest::addRow("port") << u"port=7301\n"_s << u"port"_s << u"7301"_s;
    QTest::addRow("port with spaces around =")
        << u"  port  =  7302  \n"_s << u"port"_s << u"7302"_s;
    QTest::addRow("access-key list") << u"access-key=k1, k2\n"_s << u"access-keys"_s << u"k1,k2"_s;
    QTest::addRow("data-dir relative to the file")
        << u"data-dir=state\n"_s << u"data-dir"_s << u"@DIR@/state"_s;
    QTest::addRow("hub") << u"hub=Room.1\n"_s << u"hub"_s << u"Room.1"_s;
    QTest::addRow("invites list") << u"invites=viewer=a, source=b\n"_s << u"invites"_s
                                  << u"viewer=a,source=b"_s;
    QTest::addRow("tls files relative to the file")
        << u"tls-cert=cert.pem\ntls-key=./key.pem\n"_s << u"tls-cert"_s << u"@DIR@/cert.pem"_s;
    QTest::addRow("public-url") << u"public-url=https://relay.example.com/\n"_s << u"public-url"_s
                                << u"https://relay.example.com/"_s;
    QTest::addRow("log-level") << u"log-level=info\n"_s << u"log-level"_s << u"info"_s;
    QTest::addRow("[limits] max-frame-bytes")
        << u"[limits]\nmax-frame-bytes=2048\n"_s << u"max-frame-bytes"_s << u"2048"_s;
    QTest::addRow("[limits] reliable-buffer-messages")
        << u"[limits]\nreliable-buffer-messages=50\n"_s << u"reliable-buffer-messages"_s << u"50"_s;
    QTest::addRow("[limits] reliable-buffer-bytes")
        << u"[limits]\nreliable-buffer-bytes=1000000\n"_s << u"reliable-buffer-bytes"_s
        << u"1000000"_s;
    QTest::addRow("[keeper] retention")
        << u"[keeper]\nretention-max-age-days=90\nretention-max-count=100\n"_s << u"retention"_s
        << u"90d/100"_s;
    QTest::addRow("[keeper] retention next to keeper=on")
        << u"keeper=on\n[keeper]\nretention-max-count=3\n"_s << u"retention"_s << u"0d/3"_s;
    QTest::addRow("[limits] session-retention-seconds")
        << u"[limits]\nsession-retention-seconds=30\n"_s << u"session-retention-seconds"_s
        << u"30"_s;
    QTest::addRow("[limits] max-pending-send-bytes")
        << u"[limits]\nmax-pending-send-bytes=8388608\n"_s << u"max-pending-send-bytes"_s
        << u"8388608"_s;
    QTest::addRow("[limits] abuse limits")
        << u"[limits]\nmax-messages-per-second=30\nmax-bytes-per-second=0\n"
           "max-connections-per-address=1\nlimit-loopback=on\ninvite-failures-per-minute=5\n"_s
        << u"abuse-limits"_s
        << u"30 msg/s, 0 B/s, 1 conn/address, loopback limited, 5 invite failures/min"_s;
    QTest::addRow("trusted-proxies list") << u"trusted-proxies=192.168.0.0/16, ::1\n"_s
                                          << u"trusted-proxies"_s << u"192.168.0.0/16,::1/128"_s;
    QTest::addRow("trusted-proxies one value")
        << u"trusted-proxies=172.16.0.0/12\n"_s << u"trusted-proxies"_s << u"172.16.0.0/12"_s;
    QTest::addRow("host sampler and keeper")
        << u"host-sampler=main, ops\nhost-sampler-interval=500\nkeeper=off\n"_s << u"host-sampler"_s
        << u"main,ops"_s;
    QTest::addRow("[scrape.NAME] section, defaults")
        << u"[scrape.node]\nurl=http://127.0.0.1:9100/metrics\n"_s << u"scrape"_s
        << u"node@main http://127.0.0.1:9100/metrics 1000/0 [] [] {}"_s;
    QTest::addRow("[scrape.NAME] section, every key")
        << u"[scrape.db]\nboard=ops\nurl=https://db.example/metrics\ninterval-ms=5000\n"
           "timeout-ms=2000\nallow-names=pg_up, pg_locks\nallow-patterns=\"pg_stat_.*\"\n"
           "labels=env=prod, site=a\n"_s
        << u"scrape"_s
        << u"db@ops https://db.example/metrics 5000/2000 [pg_up,pg_locks] [pg_stat_.*] "
           "{env=prod,site=a}"_s;
    QTest::addRow("comments and blank lines")
        << u"; relay settings\n# more\n\n[General]\nport=7303 ; inline\n"_s << u"port"_s
        << u"7303"_s;
}

void TestRelayConfig::file()
{
    QFETCH(QString, contents);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const ConfigResult result = run({}, {}, contents);
    QVERIFY2(result.outcome == ConfigOutcome::Run, qPrintable(result.message));
    QCOMPARE(fieldValue(result.config, field), expand(expected));
}

void TestRelayConfig::fixtureFile()
{
    const QString path = QFINDTESTDATA("../data/relayconfig/full.ini");
    QVERIFY(!path.isEmpty());
    const QString dir = QFileInfo(path).absolutePath();

    const ConfigResult result = run({ u"--config"_s, path });
    QVERIFY2(result.outcome == ConfigOutcome::Run, qPrintable(result.message));
    const RelayConfig &c = result.config;
    QCOMPARE(c.listenAddress, QHostAddress(u"0.0.0.0"_s));
    QCOMPARE(c.port, quint16(7443));
    QCOMPARE(c.accessKeys, QStringList({ u"primary-key"_s, u"secondary-key"_s }));
    QCOMPARE(c.dataDir, u"/var/lib/watchroom-relay"_s);
    QCOMPARE(c.defaultHub, u"ops"_s);
    QCOMPARE(fieldValue(c, u"invites"_s), u"viewer=watch-only,admin=run-the-show"_s);
    QCOMPARE(c.tlsCertificatePath, dir + u"/dummy-cert.pem"_s);
    QCOMPARE(c.tlsKeyPath, dir + u"/dummy-key.pem"_s);
    QCOMPARE(c.publicUrl, u"https://relay.example.com/"_s);
    QCOMPARE(c.logLevel, u"info"_s);
    QCOMPARE(c.maxFrameBytes, 65536);
    QCOMPARE(c.reliableBufferMessages, 500);
    QCOMPARE(c.reliableBufferBytes, 8388608);
    QCOMPARE(c.sessionRetentionSeconds, 120);
    QCOMPARE(c.maxPendingSendBytes, 2097152);
}

void TestRelayConfig::precedence_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("contents");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::addRow("flag beats environment and file")
        << QStringList { u"--port"_s, u"1"_s } << QStringList { u"WATCHROOM_RELAY_PORT=2"_s }
        << u"port=3\n"_s << u"port"_s << u"1"_s;
    QTest::addRow("environment beats file")
        << QStringList() << QStringList { u"WATCHROOM_RELAY_PORT=2"_s } << u"port=3\n"_s
        << u"port"_s << u"2"_s;
    QTest::addRow("file beats default")
        << QStringList() << QStringList() << u"port=3\n"_s << u"port"_s << u"3"_s;
    QTest::addRow("default when nobody sets it")
        << QStringList() << QStringList() << u"hub=other\n"_s << u"port"_s << u"7300"_s;
    QTest::addRow("empty environment variable falls through to the file")
        << QStringList() << QStringList { u"WATCHROOM_RELAY_PORT="_s } << u"port=3\n"_s << u"port"_s
        << u"3"_s;
    QTest::addRow("environment invites replace the file's list")
        << QStringList() << QStringList { u"WATCHROOM_RELAY_INVITES=viewer=e"_s }
        << u"invites=admin=f, source=g\n"_s << u"invites"_s << u"viewer=e"_s;
    QTest::addRow("flag access keys replace the environment's")
        << QStringList { u"--access-key"_s, u"flag"_s }
        << QStringList { u"WATCHROOM_RELAY_ACCESS_KEY=env1,env2"_s } << QString()
        << u"access-keys"_s << u"flag"_s;
    QTest::addRow("flag log level beats environment")
        << QStringList { u"--log-level"_s, u"error"_s }
        << QStringList { u"WATCHROOM_RELAY_LOG_LEVEL=debug"_s } << QString() << u"log-level"_s
        << u"error"_s;
    QTest::addRow("--config beats WATCHROOM_RELAY_CONFIG")
        << QStringList { u"--config"_s, u"@DIR@/relay.ini"_s }
        << QStringList { u"WATCHROOM_RELAY_CONFIG=@DIR@/missing.ini"_s } << u"port=3\n"_s
        << u"port"_s << u"3"_s;
    QTest::addRow("TLS certificate from the file, key from a flag")
        << QStringList { u"--tls-key"_s, u"@DIR@/key.pem"_s } << QStringList()
        << u"tls-cert=cert.pem\n"_s << u"tls-cert"_s << u"@DIR@/cert.pem"_s;
    QTest::addRow("flag trusted proxies replace the environment's and the file's")
        << QStringList { u"--trusted-proxy"_s, u"10.0.0.1"_s }
        << QStringList { u"WATCHROOM_RELAY_TRUSTED_PROXIES=10.0.0.2"_s }
        << u"trusted-proxies=10.0.0.3\n"_s << u"trusted-proxies"_s << u"10.0.0.1/32"_s;
    QTest::addRow("invite from the environment allows a public listen address from the file")
        << QStringList() << QStringList { u"WATCHROOM_RELAY_INVITES=viewer=v"_s }
        << u"listen=0.0.0.0\n"_s << u"listen"_s << u"0.0.0.0"_s;
}

void TestRelayConfig::precedence()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, contents);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const ConfigResult result = run(arguments, environment, contents);
    QVERIFY2(result.outcome == ConfigOutcome::Run, qPrintable(result.message));
    QCOMPARE(fieldValue(result.config, field), expand(expected));
}

void TestRelayConfig::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("contents");
    // Every fragment must appear in the message: the source and the offending value.
    QTest::addColumn<QStringList>("fragments");

    const QStringList none;
    const auto row
        = [&](const char *name, const QStringList &arguments, const QStringList &environment,
              const QString &contents, const QStringList &fragments) {
              QTest::addRow("%s", name) << arguments << environment << contents << fragments;
          };

    // Command line.
    row("unknown flag", { u"--bogus"_s }, none, {}, { u"command line"_s, u"bogus"_s });
    row("positional argument", { u"extra"_s }, none, {}, { u"command line"_s, u"'extra'"_s });
    row("flag without its value", { u"--port"_s }, none, {}, { u"command line"_s, u"port"_s });

    // Retention and the offline annotation tasks.
    row("retention age: negative", { u"--retention-max-age-days"_s, u"-1"_s }, none, {},
        { u"--retention-max-age-days"_s, u"'-1'"_s });
    row("retention count: not a number", {}, { u"WATCHROOM_RELAY_RETENTION_MAX_COUNT=lots"_s }, {},
        { u"WATCHROOM_RELAY_RETENTION_MAX_COUNT"_s, u"'lots'"_s });
    row("retention age: too large in the file", {}, none,
        u"[keeper]\nretention-max-age-days=99999\n"_s,
        { u"key keeper/retention-max-age-days"_s, u"'99999'"_s });
    row("export and import together",
        { u"--export-annotations"_s, u"a"_s, u"--import-annotations"_s, u"b"_s, u"f"_s }, none, {},
        { u"--export-annotations and --import-annotations"_s });
    row("import without a file", { u"--import-annotations"_s, u"main"_s }, none, {},
        { u"--import-annotations"_s, u"FILE"_s });
    row("import with two files", { u"--import-annotations"_s, u"main"_s, u"a"_s, u"b"_s }, none, {},
        { u"--import-annotations"_s, u"FILE"_s });
    row("export: bad board", { u"--export-annotations"_s, u"no/such"_s }, none, {},
        { u"--export-annotations"_s, u"'no/such'"_s });
    row("--output without export", { u"--output"_s, u"x.json"_s }, none, {}, { u"--output"_s });

    // Listen address.
    row("listen: not an address", { u"--listen"_s, u"300.1.1.1"_s }, none, {},
        { u"--listen"_s, u"'300.1.1.1'"_s });
    row("listen: host name", { u"--listen"_s, u"example.com"_s }, none, {},
        { u"--listen"_s, u"'example.com'"_s });
    row("listen: environment", {}, { u"WATCHROOM_RELAY_LISTEN=nope"_s }, {},
        { u"WATCHROOM_RELAY_LISTEN"_s, u"'nope'"_s });
    row("listen: file", {}, none, u"listen=nope\n"_s, { u"relay.ini (key listen)"_s, u"'nope'"_s });

    // Port.
    row("port: too large", { u"--port"_s, u"65536"_s }, none, {}, { u"--port"_s, u"'65536'"_s });
    row("port: negative", { u"--port=-1"_s }, none, {}, { u"--port"_s, u"'-1'"_s });
    row("port: not a number", { u"--port"_s, u"http"_s }, none, {}, { u"--port"_s, u"'http'"_s });
    row("port: leading space", { u"--port"_s, u" 80"_s }, none, {}, { u"--port"_s, u"' 80'"_s });
    row("port: hexadecimal", { u"--port"_s, u"0x50"_s }, none, {}, { u"--port"_s, u"'0x50'"_s });
    row("port: environment", {}, { u"WATCHROOM_RELAY_PORT=99999"_s }, {},
        { u"WATCHROOM_RELAY_PORT"_s, u"'99999'"_s });
    row("port: file", {}, none, u"port=seventy\n"_s, { u"(key port)"_s, u"'seventy'"_s });
    row("port: bad file value even when a flag overrides it", { u"--port"_s, u"80"_s }, none,
        u"port=abc\n"_s, { u"(key port)"_s, u"'abc'"_s });

    // Invites.
    row("invite: unknown role", { u"--invite"_s, u"owner=x"_s }, none, {},
        { u"--invite"_s, u"'owner'"_s });
    row("invite: roles are lower case", { u"--invite"_s, u"Viewer=x"_s }, none, {},
        { u"--invite"_s, u"'Viewer'"_s });
    row("invite: empty secret", { u"--invite"_s, u"viewer="_s }, none, {},
        { u"--invite"_s, u"'viewer'"_s, u"empty"_s });
    row("invite: no role", { u"--invite"_s, u"justasecret"_s }, none, {},
        { u"--invite"_s, u"ROLE=SECRET"_s });
    row("invite: empty", { u"--invite"_s, QString() }, none, {}, { u"--invite"_s, u"empty"_s });
    row("invite: one secret for two roles",
        { u"--invite"_s, u"viewer=same"_s, u"--invite"_s, u"admin=same"_s }, none, {},
        { u"--invite"_s, u"'viewer'"_s, u"'admin'"_s });
    row("invite: environment", {}, { u"WATCHROOM_RELAY_INVITES=viewer=a,boss=b"_s }, {},
        { u"WATCHROOM_RELAY_INVITES"_s, u"'boss'"_s });
    row("invite: empty item in environment list", {},
        { u"WATCHROOM_RELAY_INVITES=viewer=a,,admin=b"_s }, {},
        { u"WATCHROOM_RELAY_INVITES"_s, u"empty"_s });
    row("invite: file", {}, none, u"invites=viewer=a, janitor=b\n"_s,
        { u"(key invites)"_s, u"'janitor'"_s });

    // Trusted proxies: the message names the source and the value, never guesses a range.
    row("trusted proxy: host name", { u"--trusted-proxy"_s, u"proxy.example"_s }, none, {},
        { u"--trusted-proxy"_s, u"'proxy.example' is not an IP address"_s });
    row("trusted proxy: bad address", { u"--trusted-proxy"_s, u"300.1.1.1/8"_s }, none, {},
        { u"--trusted-proxy"_s, u"'300.1.1.1' is not an IP address"_s });
    row("trusted proxy: incomplete IPv4", { u"--trusted-proxy"_s, u"10/8"_s }, none, {},
        { u"--trusted-proxy"_s, u"'10'"_s, u"all four numbers"_s });
    row("trusted proxy: IPv4 prefix too long", { u"--trusted-proxy"_s, u"10.0.0.0/33"_s }, none, {},
        { u"--trusted-proxy"_s, u"'33'"_s, u"from 0 to 32"_s });
    row("trusted proxy: IPv6 prefix too long", { u"--trusted-proxy"_s, u"fd00::/129"_s }, none, {},
        { u"--trusted-proxy"_s, u"'129'"_s, u"from 0 to 128"_s });
    row("trusted proxy: prefix not a number", { u"--trusted-proxy"_s, u"10.0.0.0/eight"_s }, none,
        {}, { u"--trusted-proxy"_s, u"'eight'"_s });
    row("trusted proxy: netmask instead of a prefix",
        { u"--trusted-proxy"_s, u"10.0.0.0/255.0.0.0"_s }, none, {},
        { u"--trusted-proxy"_s, u"'255.0.0.0'"_s, u"prefix length"_s });
    row("trusted proxy: negative prefix", { u"--trusted-proxy"_s, u"10.0.0.0/-8"_s }, none, {},
        { u"--trusted-proxy"_s, u"'-8'"_s });
    row("trusted proxy: empty prefix", { u"--trusted-proxy"_s, u"10.0.0.0/"_s }, none, {},
        { u"--trusted-proxy"_s, u"'10.0.0.0/'"_s });
    row("trusted proxy: octal-looking address", { u"--trusted-proxy"_s, u"010.0.0.1"_s }, none, {},
        { u"--trusted-proxy"_s, u"'010.0.0.1'"_s, u"not a valid address range"_s });
    row("trusted proxy: empty", { u"--trusted-proxy"_s, QString() }, none, {},
        { u"--trusted-proxy"_s, u"empty"_s });
    row("trusted proxy: environment", {}, { u"WATCHROOM_RELAY_TRUSTED_PROXIES=127.0.0.1,nginx"_s },
        {}, { u"WATCHROOM_RELAY_TRUSTED_PROXIES"_s, u"'nginx'"_s });
    row("trusted proxy: empty item in environment list", {},
        { u"WATCHROOM_RELAY_TRUSTED_PROXIES=127.0.0.1,,10.0.0.1"_s }, {},
        { u"WATCHROOM_RELAY_TRUSTED_PROXIES"_s, u"empty trusted proxy"_s });
    row("trusted proxy: file", {}, none, u"trusted-proxies=127.0.0.1, 10.0.0.0/40\n"_s,
        { u"(key trusted-proxies)"_s, u"'40'"_s });
    row("trusted proxy: not in [limits]", {}, none, u"[limits]\ntrusted-proxies=127.0.0.1\n"_s,
        { u"'limits/trusted-proxies'"_s });

    // Config file.
    row("config: missing (flag)", { u"--config"_s, u"@DIR@/missing.ini"_s }, none, {},
        { u"--config"_s, u"missing.ini"_s, u"does not exist"_s });
    row("config: missing (environment)", {}, { u"WATCHROOM_RELAY_CONFIG=@DIR@/missing.ini"_s }, {},
        { u"WATCHROOM_RELAY_CONFIG"_s, u"missing.ini"_s });
    row("config: a directory", { u"--config"_s, u"@DIR@"_s }, none, {},
        { u"--config"_s, u"not a regular file"_s });
    row("config: empty --config", { u"--config"_s, QString() }, none, {},
        { u"--config"_s, u"empty"_s });
    row("config: INI format error", {}, none, u"[limits\nport=1\n"_s,
        { u"--config"_s, u"relay.ini"_s, u"not a valid INI file"_s });
    row("config: line without =", {}, none, u"hub=x\nport\n"_s,
        { u"--config"_s, u"line 2"_s, u"relay.ini"_s });
    row("config: unknown key", {}, none, u"prot=7300\n"_s,
        { u"--config"_s, u"unknown key 'prot'"_s, u"relay.ini"_s });
    row("config: keys are case-sensitive", {}, none, u"Port=7300\n"_s, { u"'Port'"_s });
    row("config: unknown key in [limits]", {}, none, u"[limits]\nmax-frames=1\n"_s,
        { u"'limits/max-frames'"_s });
    row("config: unknown section", {}, none, u"[server]\nport=1\n"_s, { u"'server/port'"_s });
    row("config: limit outside [limits]", {}, none, u"max-frame-bytes=5\n"_s,
        { u"'max-frame-bytes'"_s });
    row("config: list for a single value", {}, none, u"hub=a,b\n"_s,
        { u"(key hub)"_s, u"'a,b'"_s });
    row("config: empty value", {}, none, u"port=\n"_s, { u"(key port)"_s, u"empty"_s });
    row("config: binary value", {}, none, u"hub=@ByteArray(x)\n"_s, { u"(key hub)"_s });

    // TLS.
    row("tls: certificate without key", { u"--tls-cert"_s, u"@DIR@/cert.pem"_s }, none, {},
        { u"--tls-cert"_s, u"TLS key"_s });
    row("tls: key without certificate", {}, { u"WATCHROOM_RELAY_TLS_KEY=@DIR@/key.pem"_s }, {},
        { u"WATCHROOM_RELAY_TLS_KEY"_s, u"TLS certificate"_s });
    row("tls: missing certificate",
        { u"--tls-cert"_s, u"@DIR@/nope.pem"_s, u"--tls-key"_s, u"@DIR@/key.pem"_s }, none, {},
        { u"--tls-cert"_s, u"nope.pem"_s });
    row("tls: key is a directory",
        { u"--tls-cert"_s, u"@DIR@/cert.pem"_s, u"--tls-key"_s, u"@DIR@"_s }, none, {},
        { u"--tls-key"_s, u"@DIR@"_s });
    row("tls: missing file named in the config file", {}, none,
        u"tls-cert=cert.pem\ntls-key=gone.pem\n"_s, { u"(key tls-key)"_s, u"gone.pem"_s });

    // Other values.
    row("log level: unknown", { u"--log-level"_s, u"verbose"_s }, none, {},
        { u"--log-level"_s, u"'verbose'"_s });
    row("log level: upper case", {}, { u"WATCHROOM_RELAY_LOG_LEVEL=DEBUG"_s }, {},
        { u"WATCHROOM_RELAY_LOG_LEVEL"_s, u"'DEBUG'"_s });
    row("access key: empty", { u"--access-key"_s, QString() }, none, {},
        { u"--access-key"_s, u"empty"_s });
    row("access key: three", {}, { u"WATCHROOM_RELAY_ACCESS_KEY=a,b,c"_s }, {},
        { u"WATCHROOM_RELAY_ACCESS_KEY"_s, u"3 access keys"_s });
    row("hub: starts with a digit", { u"--hub"_s, u"9lives"_s }, none, {},
        { u"--hub"_s, u"'9lives'"_s });
    row("hub: too long", { u"--hub"_s, u"h"_s + QString(128, u'x') }, none, {},
        { u"--hub"_s, u"'h"_s + QString(128, u'x') + u"'"_s });
    row("hub: slash", { u"--hub"_s, u"a/b"_s }, none, {}, { u"--hub"_s, u"'a/b'"_s });
    row("public url: not http", { u"--public-url"_s, u"ftp://relay"_s }, none, {},
        { u"--public-url"_s, u"'ftp://relay'"_s });
    row("public url: no host", { u"--public-url"_s, u"https://"_s }, none, {},
        { u"--public-url"_s, u"'https://'"_s });
    row("public url: not a URL", { u"--public-url"_s, u"relay.example.com"_s }, none, {},
        { u"--public-url"_s, u"'relay.example.com'"_s });
    row("data dir: empty", { u"--data-dir"_s, QString() }, none, {},
        { u"--data-dir"_s, u"empty"_s });

    // Limits.
    row("limit: zero", { u"--max-frame-bytes"_s, u"0"_s }, none, {},
        { u"--max-frame-bytes"_s, u"'0'"_s });
    row("limit: negative", {}, none, u"[limits]\nreliable-buffer-bytes=-5\n"_s,
        { u"(key limits/reliable-buffer-bytes)"_s, u"'-5'"_s });
    row("limit: not a number", {}, none, u"[limits]\nsession-retention-seconds=forever\n"_s,
        { u"(key limits/session-retention-seconds)"_s, u"'forever'"_s });
    row("limit: too large for int", {}, none, u"[limits]\nreliable-buffer-messages=3000000000\n"_s,
        { u"(key limits/reliable-buffer-messages)"_s, u"'3000000000'"_s });
    row("message rate: negative", { u"--max-messages-per-second=-1"_s }, none, {},
        { u"--max-messages-per-second"_s, u"'-1'"_s, u"0: unlimited"_s });
    row("message rate: too large", {}, { u"WATCHROOM_RELAY_MAX_MESSAGES_PER_SECOND=99999999"_s },
        {}, { u"WATCHROOM_RELAY_MAX_MESSAGES_PER_SECOND"_s, u"'99999999'"_s, u"10000000"_s });
    row("byte rate: not a number", {}, none, u"[limits]\nmax-bytes-per-second=fast\n"_s,
        { u"(key limits/max-bytes-per-second)"_s, u"'fast'"_s });
    row("byte rate: with a unit", { u"--max-bytes-per-second"_s, u"4MiB"_s }, none, {},
        { u"--max-bytes-per-second"_s, u"'4MiB'"_s });
    row("connections per address: fraction", { u"--max-connections-per-address"_s, u"2.5"_s }, none,
        {}, { u"--max-connections-per-address"_s, u"'2.5'"_s });
    row("limit-loopback: not on or off", { u"--limit-loopback"_s, u"yes"_s }, none, {},
        { u"--limit-loopback"_s, u"'yes'"_s });
    row("invite failures: zero", { u"--invite-failures-per-minute"_s, u"0"_s }, none, {},
        { u"--invite-failures-per-minute"_s, u"'0'"_s, u"from 1 to 1000"_s });
    row("invite failures: limit outside [limits]", {}, none, u"invite-failures-per-minute=5\n"_s,
        { u"'invite-failures-per-minute'"_s });
    row("host sampler: bad board", { u"--host-sampler"_s, u"a b"_s }, none, {},
        { u"--host-sampler"_s, u"'a b'"_s });
    row("host sampler: interval too short", { u"--host-sampler-interval"_s, u"5"_s }, none, {},
        { u"--host-sampler-interval"_s, u"'5'"_s });
    row("keeper: not on or off", { u"--keeper"_s, u"maybe"_s }, none, {},
        { u"--keeper"_s, u"'maybe'"_s });
    row("database: unknown scheme", { u"--database"_s, u"mysql://x/y"_s }, none, {},
        { u"--database"_s });
    row("source token too short", { u"--source-token"_s, u"ops=short"_s }, none, {},
        { u"--source-token"_s, u"16"_s });
    row("scrape: no url", {}, none, u"[scrape.node]\nboard=main\n"_s,
        { u"[scrape.node]"_s, u"url"_s });
    row("scrape: unknown key", {}, none,
        u"[scrape.node]\nurl=http://127.0.0.1:9100/metrics\nintervall=5\n"_s,
        { u"[scrape.node]"_s, u"'intervall'"_s });
    row("scrape: bad label", {}, none,
        u"[scrape.node]\nurl=http://127.0.0.1:9100/metrics\nlabels=novalue\n"_s,
        { u"[scrape.node]"_s, u"'novalue'"_s });
    row("limit: fraction", {}, none, u"[limits]\nmax-pending-send-bytes=1.5\n"_s,
        { u"(key limits/max-pending-send-bytes)"_s, u"'1.5'"_s });
    row("limit: absurdly long number", { u"--max-frame-bytes"_s, QString(40, u'9') }, none, {},
        { u"--max-frame-bytes"_s, QString(40, u'9') });

    // Exposure.
    row("public address without an invite", { u"--listen"_s, u"0.0.0.0"_s }, none, {},
        { u"refusing to listen on 0.0.0.0"_s });
    row("IPv6 any without an invite", {}, { u"WATCHROOM_RELAY_LISTEN=::"_s }, {},
        { u"refusing to listen on ::"_s });
}

void TestRelayConfig::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, contents);
    QFETCH(QStringList, fragments);

    const ConfigResult result = run(arguments, environment, contents);
    QCOMPARE(result.outcome, ConfigOutcome::Error);
    for (const QString &fragment : std::as_const(fragments)) {
        QVERIFY2(result.message.contains(expand(fragment)),
                 qPrintable(u"'%1' not in: %2"_s.arg(expand(fragment), result.message)));
    }
}

void TestRelayConfig::refusesPublicAddressWithoutInvite()
{
    const ConfigResult result = run({ u"--listen"_s, u"192.0.2.10"_s });
    QCOMPARE(result.outcome, ConfigOutcome::Error);
    QCOMPARE(result.message,
             u"refusing to listen on 192.0.2.10 without an invite secret: pass --invite "
             "ROLE=SECRET or listen on 127.0.0.1"_s);

    const ConfigResult invited
        = run({ u"--listen"_s, u"192.0.2.10"_s, u"--invite"_s, u"annotator=pen"_s });
    QVERIFY2(invited.outcome == ConfigOutcome::Run, qPrintable(invited.message));
}

void TestRelayConfig::loopbackNeedsNoInvite_data()
{
    QTest::addColumn<QString>("address");
    QTest::addRow("127.0.0.1") << u"127.0.0.1"_s;
    QTest::addRow("127.1.2.3") << u"127.1.2.3"_s;
    QTest::addRow("::1") << u"::1"_s;
    QTest::addRow("localhost") << u"localhost"_s;
}

void TestRelayConfig::loopbackNeedsNoInvite()
{
    QFETCH(QString, address);
    const ConfigResult result = run({ u"--listen"_s, address });
    QVERIFY2(result.outcome == ConfigOutcome::Run, qPrintable(result.message));
    QVERIFY(result.config.listenAddress.isLoopback());
    QVERIFY(result.config.invites.isEmpty());
}

void TestRelayConfig::unreadableConfigFile()
{
    const QString path = writeConfig(u"port=1\n"_s);
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    QFile probe(path);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("file permissions do not apply (running as root?)");

    const ConfigResult result = run({ u"--config"_s, path });
    QCOMPARE(result.outcome, ConfigOutcome::Error);
    QVERIFY2(result.message.contains(u"--config"_s) && result.message.contains(path),
             qPrintable(result.message));
}

void TestRelayConfig::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<ConfigOutcome>("outcome");
    QTest::addColumn<QStringList>("fragments");

    const QStringList helpFragments = { u"--listen"_s,
                                        u"--port"_s,
                                        u"--access-key"_s,
                                        u"--invite"_s,
                                        u"--tls-cert"_s,
                                        u"--config"_s,
                                        u"--max-frame-bytes"_s,
                                        u"WATCHROOM_RELAY_INVITES"_s,
                                        u"[limits]"_s,
                                        u"--trusted-proxy"_s,
                                        u"WATCHROOM_RELAY_TRUSTED_PROXIES"_s,
                                        u"trusted-proxies="_s };
    const QStringList versionFragments = { u"watchroom-relay "_s };

    QTest::addRow("--help") << QStringList { u"--help"_s } << QStringList()
                            << ConfigOutcome::ShowHelp << helpFragments;
    QTest::addRow("-h") << QStringList { u"-h"_s } << QStringList() << ConfigOutcome::ShowHelp
                        << helpFragments;
    QTest::addRow("--help-all") << QStringList { u"--help-all"_s } << QStringList()
                                << ConfigOutcome::ShowHelp << helpFragments;
    QTest::addRow("--help wins over a bad value")
        << QStringList { u"--port"_s, u"nope"_s, u"--help"_s } << QStringList()
        << ConfigOutcome::ShowHelp << helpFragments;
    QTest::addRow("--version") << QStringList { u"--version"_s } << QStringList()
                               << ConfigOutcome::ShowVersion << versionFragments;
    QTest::addRow("-v") << QStringList { u"-v"_s } << QStringList() << ConfigOutcome::ShowVersion
                        << versionFragments;
    QTest::addRow("--version wins over a bad environment")
        << QStringList { u"--version"_s } << QStringList { u"WATCHROOM_RELAY_PORT=x"_s }
        << ConfigOutcome::ShowVersion << versionFragments;
    QTest::addRow("unknown flag wins over --help")
        << QStringList { u"--help"_s, u"--nope"_s } << QStringList() << ConfigOutcome::Error
        << QStringList { u"nope"_s };
}

void TestRelayConfig::helpAndVersion()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(ConfigOutcome, outcome);
    QFETCH(QStringList, fragments);

    const ConfigResult result = run(arguments, environment);
    QCOMPARE(result.outcome, outcome);
    for (const QString &fragment : std::as_const(fragments)) {
        QVERIFY2(result.message.contains(fragment),
                 qPrintable(u"'%1' not in: %2"_s.arg(fragment, result.message)));
    }
}

void TestRelayConfig::versionText()
{
    const ConfigResult result = run({ u"--version"_s });
    QCOMPARE(result.outcome, ConfigOutcome::ShowVersion);
    QCOMPARE(result.message, QStringLiteral("watchroom-relay " WATCHROOM_VERSION));
}

QTEST_GUILESS_MAIN(TestRelayConfig)
#include "tst_relayconfig.moc"
