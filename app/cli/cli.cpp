#include "cli.h"

#include "annotationstore.h"
#include "hubclient.h"
#ifdef WATCHROOM_CLI_HAS_SOURCES
#include "ingest.h"
#endif
#include "linereader.h"
#include "negotiator.h"
#include "session.h"
#include "sessionbinding.h"
#include "tlspin.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcCli, "watchroom.cli", QtWarningMsg)

namespace wr::cli {

namespace {

constexpr int kConnectAttempts = 3; // failed attempts before the first connection: give up
constexpr qsizetype kBatchLines = 500; // lines per metrics frame batch (publish)
constexpr int kBatchesInFlight = 8; // publish backpressure: batches read but not yet acked

qint64 systemNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void writeLine(std::FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void printJson(const QJsonObject &object)
{
    writeLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void printError(const QString &message)
{
    writeLine(stderr, "watchroom-cli: error: " + message.toUtf8());
}

QString originName(Session::Origin origin)
{
    switch (origin) {
    case Session::Origin::Metrics:
        return u"metrics"_s;
    case Session::Origin::Presence:
        return u"presence"_s;
    case Session::Origin::Annotations:
        return u"annotations"_s;
    case Session::Origin::Server:
        return u"server"_s;
    }
    return {};
}

QString stateName(HubClient::State state)
{
    switch (state) {
    case HubClient::State::Stopped:
        return u"stopped"_s;
    case HubClient::State::Connecting:
        return u"connecting"_s;
    case HubClient::State::Connected:
        return u"connected"_s;
    case HubClient::State::Recovering:
        return u"recovering"_s;
    case HubClient::State::Reconnecting:
        return u"reconnecting"_s;
    case HubClient::State::Offline:
        return u"offline"_s;
    }
    return {};
}

HubClientOptions clientOptions(const Options &options)
{
    HubClientOptions o;
    o.connectTimeout = options.timeout;
    o.reconnectBase = 250ms;
    o.reconnectCap = 5s;
    o.ackTimeout = std::max<std::chrono::milliseconds>(options.timeout / 2, 1s);
    // tail may follow busy boards: ack often so the hub's replay buffer never overflows.
    o.sequenceAckInterval = 200ms;
    o.tlsPin = options.tlsPin;
    return o;
}

NegotiateRequest negotiateRequest(const Options &options)
{
    NegotiateRequest request;
    request.input = options.hubInput;
    if (options.roleGiven
        && Negotiator::classify(options.hubInput) == Negotiator::InputKind::NegotiateUrl) {
        // The Negotiator keeps a role already in the URL; an explicit --role is meant to win.
        QUrl url(options.hubInput);
        QUrlQuery query(url);
        query.removeAllQueryItems(u"role"_s);
        url.setQuery(query);
        request.input = url.toString(QUrl::FullyEncoded);
    }
    request.hub = options.hubName;
    request.userId = options.userId;
    request.board = options.board;
    request.role = options.role;
    return request;
}

// Shared by the commands: a HubClient, the exit code, the connect deadline and the rule that
// a hub we never reached is exit 3.
class Runner : public QObject
{
public:
    explicit Runner(const Options &options)
        : m_options(options)
        , m_client(clientOptions(options))
    {
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] { onDeadline(); });
        connect(&m_client, &HubClient::stateChanged, this, [this](HubClient::State state) {
            if (state == HubClient::State::Connected)
                m_everConnected = true;
            if (state == HubClient::State::Offline && !m_everConnected)
                finish(ExitCannotConnect,
                       u"cannot connect to %1: %2"_s.arg(describeHub(), m_client.lastError()));
        });
        connect(&m_client, &HubClient::reconnectScheduled, this, [this](int) {
            if (!m_everConnected && ++m_failedAttempts >= kConnectAttempts)
                finish(ExitCannotConnect,
                       u"cannot connect to %1: %2"_s.arg(describeHub(), m_client.lastError()));
        });
    }

    int exec()
    {
        m_deadline.start(m_options.timeout);
        QTimer::singleShot(0, this, [this] { begin(); });
        if (!m_finished)
            m_exitCode = m_loop.exec();
        return m_exitCode;
    }

protected:
    virtual void begin() = 0;
    virtual void onDeadline()
    {
        if (!m_everConnected) {
            const QString why = m_client.lastError();
            finish(ExitCannotConnect,
                   u"could not connect to %1 within %2 s%3"_s.arg(
                       describeHub(), QString::number(m_options.timeout.count() / 1000.0),
                       why.isEmpty() ? QString() : u": "_s + why));
        } else {
            finish(ExitTimeout,
                   u"no acknowledgement from the hub within %1 s"_s.arg(
                       QString::number(m_options.timeout.count() / 1000.0)));
        }
    }

    void finish(int code, const QString &error = {})
    {
        if (m_finished)
            return;
        m_finished = true;
        if (!error.isEmpty())
            printError(error);
        stopTransport();
        m_exitCode = code;
        m_loop.exit(code);
    }
    virtual void stopTransport() { m_client.stop(); }

    QString describeHub() const
    {
        const auto kind = Negotiator::classify(m_options.hubInput);
        if (kind == Negotiator::InputKind::ConnectionString)
            return u"the hub of the connection string"_s;
        return Negotiator::redacted(QUrl(m_options.hubInput));
    }

    Options m_options;
    HubClient m_client;
    QTimer m_deadline;
    bool m_everConnected = false;
    bool m_finished = false;
    int m_failedAttempts = 0;
    int m_exitCode = ExitFailure;
    QEventLoop m_loop;
};

// A Runner that runs a Session over the client.
class SessionCommand : public Runner
{
public:
    SessionCommand(const Options &options, SessionOptions sessionOptions)
        : Runner(options)
        , m_session(std::move(sessionOptions))
        , m_binding(&m_session, &m_client)
    { }

protected:
    void begin() override
    {
        if (!m_binding.start(negotiateRequest(m_options)))
            finish(ExitFailure, u"the client could not start"_s);
    }
    void stopTransport() override { m_binding.stop(); }

    Session m_session;
    SessionBinding m_binding;
};

SessionOptions sessionOptions(const Options &options)
{
    SessionOptions o;
    o.board = options.board;
    o.userId = options.userId;
    o.name = options.name.isEmpty() ? u"watchroom-cli"_s : options.name;
    o.client = u"watchroom-cli/"_s + QCoreApplication::applicationVersion();
    o.followable = false;
    o.canAnnotate = options.role == "annotator"_L1 || options.role == "admin"_L1;
    if (options.mode == "relay"_L1)
        o.mode = SessionMode::Relay;
    else if (options.mode == "cloud"_L1)
        o.mode = SessionMode::Cloud;
    return o;
}

// ---- tail -----------------------------------------------------------------------------------

class TailCommand : public SessionCommand
{
public:
    explicit TailCommand(const Options &options)
        : SessionCommand(options, sessionOptions(options))
    {
        connect(&m_client, &HubClient::stateChanged, this, [this](HubClient::State state) {
            if (state == HubClient::State::Connected)
                m_deadline.stop(); // from now on tail runs until killed (or --count)
            event(u"state"_s, { { u"state"_s, stateName(state) } });
        });
        connect(&m_client, &HubClient::connected, this,
                [this](const QString &connectionId, const QString &userId) {
                    event(u"connected"_s,
                          { { u"connectionId"_s, connectionId },
                            { u"userId"_s, userId },
                            { u"board"_s, m_options.board } });
                });
        connect(&m_session, &Session::messageReceived, this,
                [this](Session::Origin origin, const QString &from, const QJsonObject &message) {
                    event(message.value("type"_L1).toString(),
                          { { u"origin"_s, originName(origin) },
                            { u"from"_s, from.isEmpty() ? QJsonValue() : QJsonValue(from) },
                            { u"message"_s, message } });
                    if (m_options.count > 0 && ++m_events >= m_options.count)
                        finish(ExitOk);
                });
        connect(&m_session, &Session::messageRejected, this,
                [this](Session::Origin origin, const QString &from, const QString &reason) {
                    event(u"rejected"_s,
                          { { u"origin"_s, originName(origin) },
                            { u"from"_s, from },
                            { u"reason"_s, reason } });
                });
    }

private:
    void event(const QString &kind, QJsonObject fields)
    {
        fields.insert(u"kind"_s, kind);
        fields.insert(u"time"_s, double(systemNow()));
        printJson(fields);
    }

    qint64 m_events = 0;
};

// ---- annotate -------------------------------------------------------------------------------

class AnnotateCommand : public SessionCommand
{
public:
    explicit AnnotateCommand(const Options &options)
        : SessionCommand(options, [&] {
            SessionOptions o = sessionOptions(options);
            o.participate = false; // a one-shot tool is not a person on the board
            return o;
        }())
    {
        connect(&m_session, &Session::upChanged, this, [this](bool up) {
            if (up && m_id.isEmpty())
                put();
        });
        connect(&m_session, &Session::localEditAcked, this, [this](const QString &id) {
            if (id != m_id)
                return;
            writeLine(stdout, id.toUtf8());
            finish(ExitOk);
        });
        connect(&m_session, &Session::localEditFailed, this,
                [this](const QString &id, const QString &errorName, const QString &message) {
                    if (id != m_id)
                        return;
                    finish(ExitRejected,
                           u"the hub refused the annotation (%1%2)"_s.arg(
                               errorName, message.isEmpty() ? QString() : u": "_s + message));
                });
    }

private:
    void put()
    {
        QString error;
        m_id = m_session.putAnnotation(m_options.annotation, &error);
        if (m_id.isEmpty())
            finish(ExitBadInput, u"invalid annotation: %1"_s.arg(error));
    }

    QString m_id;
};

// ---- publish --------------------------------------------------------------------------------

class PublishCommand : public Runner
{
public:
    explicit PublishCommand(const Options &options)
        : Runner(options)
        , m_parser(options.source, &systemNow)
        , m_group(session::metricsGroup(options.board))
    {
        connect(&m_client, &HubClient::stateChanged, this, [this](HubClient::State state) {
            if (state == HubClient::State::Connected && !m_reader) {
                m_deadline.stop();
                startReading();
            }
        });
        connect(&m_client, &HubClient::sendAcked, this, [this](quint64 ackId) {
            auto it = m_batchOf.find(ackId);
            if (it == m_batchOf.end())
                return;
            const quint64 batch = *it;
            m_batchOf.erase(it);
            if (--m_unacked[batch] == 0) {
                m_unacked.remove(batch);
                if (m_reader && batch != 0) // batch 0: a text page, read already
                    m_reader->release();
            }
            maybeDone();
        });
        connect(&m_client, &HubClient::sendFailed, this,
                [this](quint64 ackId, const QString &errorName, const QString &message) {
                    if (!m_batchOf.contains(ackId))
                        return;
                    const bool refused = errorName == wps::AckError::Forbidden
                        || errorName == wps::AckError::BadRequest;
                    finish(refused ? ExitRejected : ExitTimeout,
                           u"the hub did not accept metrics (%1: %2)"_s.arg(errorName, message));
                });
    }

protected:
    void begin() override
    {
        if (!m_client.start(negotiateRequest(m_options)))
            finish(ExitFailure, u"the client could not start"_s);
    }

private:
    void startReading()
    {
        m_reader = new LineReader(kBatchLines, kBatchesInFlight, this);
        connect(m_reader, &LineReader::linesRead, this, &PublishCommand::onLines);
        connect(m_reader, &LineReader::finished, this, [this](const QString &error) {
            if (m_eof)
                return; // stopped at a bad line already
            m_eof = true;
            if (!error.isEmpty() && m_inputError.isEmpty())
                m_inputError = u"standard input: %1"_s.arg(error);
            if (m_inputError.isEmpty() && m_options.format != "json"_L1)
                sendPage();
            m_deadline.start(m_options.timeout); // for the last acks
            maybeDone();
        });
        m_reader->start();
    }

    void onLines(const QList<QByteArray> &lines)
    {
        if (m_options.format != "json"_L1) {
            // A text exposition is one page: collect it, convert it at the end of input.
            for (const QByteArray &line : lines) {
                m_page += line;
                m_page += '\n';
            }
            m_reader->release();
            if (m_page.size() > kMaxPageBytes && m_inputError.isEmpty()) {
                m_inputError = u"standard input: more than %1 bytes"_s.arg(kMaxPageBytes);
                m_eof = true;
                maybeDone();
            }
            return;
        }
        const quint64 batch = m_nextBatch++;
        if (!m_inputError.isEmpty()) {
            m_reader->release();
            return;
        }
        for (const QByteArray &line : lines) {
            ++m_lineNumber;
            if (line.trimmed().isEmpty())
                continue;
            QString error;
            if (!m_parser.addLine(line, m_lineNumber, &error)) {
                m_inputError = error;
                break;
            }
        }
        QList<session::MetricsFrame> frames;
        QString error;
        if (!m_parser.take(&frames, &error) && m_inputError.isEmpty())
            m_inputError = error;
        for (const session::MetricsFrame &frame : std::as_const(frames)) {
            const quint64 ackId = m_client.sendToGroup(m_group, session::encode(frame));
            m_batchOf.insert(ackId, batch);
            ++m_unacked[batch];
            ++m_frames;
        }
        if (!m_unacked.contains(batch))
            m_reader->release(); // nothing to wait for
        if (!m_inputError.isEmpty()) {
            m_eof = true; // stop here; what was valid before still goes out
            m_deadline.start(m_options.timeout);
        }
        maybeDone();
    }

    void sendPage()
    {
#ifdef WATCHROOM_CLI_HAS_SOURCES
        sources::IngestOptions options;
        options.source = m_options.source;
        options.idPrefix = m_options.idPrefix;
        options.nowMs = systemNow();
        options.maxBodyBytes = kMaxPageBytes;
        const auto format = *sources::ingestFormatFromName(m_options.format);
        const sources::IngestResult result = sources::ingest(format, m_page, options);
        if (!result.ok()) {
            m_inputError = u"standard input: %1"_s.arg(result.fatalError);
            return;
        }
        if (result.errorCount > 0) {
            // Strict: a script should fix its input rather than publish part of a page.
            m_inputError = u"standard input has %1 bad line(s), nothing was sent: %2"_s.arg(
                QString::number(result.errorCount), result.errors.join("; "_L1));
            return;
        }
        MetricLineParser splitter(m_options.source);
        QList<session::MetricsFrame> frames;
        QString error;
        if (!splitter.split(result.frame, &frames, &error)) {
            m_inputError = u"standard input: %1"_s.arg(error);
            return;
        }
        for (const session::MetricsFrame &frame : std::as_const(frames)) {
            const quint64 ackId = m_client.sendToGroup(m_group, session::encode(frame));
            m_batchOf.insert(ackId, 0);
            ++m_unacked[0];
            ++m_frames;
            for (const session::MetricSeries &s : frame.series)
                m_textPoints += s.points.size();
        }
#endif
    }

    void maybeDone()
    {
        if (!m_eof || !m_batchOf.isEmpty())
            return;
        if (!m_inputError.isEmpty()) {
            finish(ExitBadInput, m_inputError);
            return;
        }
        printJson({ { u"kind"_s, u"published"_s },
                    { u"frames"_s, double(m_frames) },
                    { u"points"_s, double(m_parser.points() + m_textPoints) } });
        finish(ExitOk);
    }

    MetricLineParser m_parser;
    QString m_group;
    LineReader *m_reader = nullptr;
    QHash<quint64, quint64> m_batchOf; // ackId -> batch
    QHash<quint64, int> m_unacked; // batch -> frames not yet acked
    quint64 m_nextBatch = 1;
    qint64 m_lineNumber = 0;
    qint64 m_frames = 0;
    bool m_eof = false;
    QString m_inputError;
    QByteArray m_page; // text formats
    qint64 m_textPoints = 0;
    static constexpr qsizetype kMaxPageBytes = 16 * 1024 * 1024;
};

bool readRequiredNumber(const QJsonObject &object, QLatin1StringView key, double *out)
{
    const QJsonValue v = object.value(key);
    if (!v.isDouble())
        return false;
    *out = v.toDouble();
    return true;
}

} // namespace

// ---- argument parsing -----------------------------------------------------------------------

QString usageText()
{
    return uR"(Usage: watchroom-cli <command> <hub> [options]

Commands:
  tail <hub> --board B          print the board's session events as JSON lines
  annotate <hub> --board B --text TEXT [--tags a,b] [--from T] [--to T]
           [--panel P] [--color #rrggbb]
                                add an annotation, wait for the hub's ack, print its id
  publish <hub> --board B       send metrics read from stdin (JSON lines: metrics frames or
                                {"id":…,"t":…,"value":…})

<hub>: a negotiate URL (http[s]://…/negotiate), a client URL (ws[s]://…?access_token=…) or a
connection string (Endpoint=…;AccessKey=…; with --hub NAME).
--pin sha256:HEX trusts an https/wss hub whose certificate has that SHA-256 fingerprint (a
self-signed certificate on a LAN); without it certificates are verified as usual.
Times T: "now", Unix epoch milliseconds, or ISO-8601 (UTC when no zone is given).

Exit codes: 0 ok, 1 internal error, 2 usage, 3 cannot connect or negotiate, 4 refused by the
hub (forbidden), 5 timed out waiting for the hub, 6 bad input.
)"_s;
}

std::optional<qint64> parseTime(const QString &text, qint64 nowMs)
{
    const QString t = text.trimmed();
    if (t.compare("now"_L1, Qt::CaseInsensitive) == 0)
        return nowMs;
    bool ok = false;
    const qint64 ms = t.toLongLong(&ok);
    if (ok)
        return ms >= 0 ? std::optional<qint64>(ms) : std::nullopt;
    if (!t.contains(u'T'))
        return std::nullopt;
    const QStringView time = QStringView(t).mid(t.indexOf(u'T') + 1);
    const bool hasZone = time.contains(u'Z') || time.contains(u'+') || time.contains(u'-');
    const QDateTime dt = QDateTime::fromString(hasZone ? t : t + u'Z', Qt::ISODateWithMs);
    if (!dt.isValid() || dt.toMSecsSinceEpoch() < 0)
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

std::variant<Options, UsageError> parseArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Watchroom command-line client"_s);
    parser.addPositionalArgument(u"command"_s, u"tail | annotate | publish"_s);
    parser.addPositionalArgument(u"hub"_s, u"negotiate URL, client URL or connection string"_s);
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"Show this help."_s);
    const QCommandLineOption board(u"board"_s, u"Board name (default main)."_s, u"B"_s, u"main"_s);
    const QCommandLineOption hubName(u"hub"_s, u"Hub name for connection strings."_s, u"NAME"_s,
                                     u"watchroom"_s);
    const QCommandLineOption name(u"name"_s, u"Display name."_s, u"NAME"_s);
    const QCommandLineOption role(u"role"_s, u"viewer | annotator | source | admin."_s, u"ROLE"_s);
    const QCommandLineOption user(u"user"_s, u"User id to ask for."_s, u"ID"_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Seconds to wait (default 15)."_s, u"S"_s,
                                     u"15"_s);
    const QCommandLineOption mode(u"mode"_s, u"tail: auto | relay | cloud."_s, u"MODE"_s,
                                  u"auto"_s);
    const QCommandLineOption count(u"count"_s, u"tail: exit after N session events."_s, u"N"_s);
    const QCommandLineOption pin(
        u"pin"_s, u"Trust a https/wss hub whose certificate has this SHA-256 fingerprint."_s,
        u"sha256:HEX"_s);
    const QCommandLineOption text(u"text"_s, u"annotate: the text."_s, u"TEXT"_s);
    const QCommandLineOption tags(u"tags"_s, u"annotate: comma-separated tags."_s, u"a,b"_s);
    const QCommandLineOption from(u"from"_s, u"annotate: start (default now)."_s, u"T"_s);
    const QCommandLineOption to(u"to"_s, u"annotate: end of a region."_s, u"T"_s);
    const QCommandLineOption panel(u"panel"_s, u"annotate: panel (default all)."_s, u"P"_s);
    const QCommandLineOption color(u"color"_s, u"annotate: #rrggbb."_s, u"C"_s, u"#f5a524"_s);
    const QCommandLineOption format(
        u"format"_s, u"publish: json | prometheus | openmetrics | influx (default json)."_s, u"F"_s,
        u"json"_s);
    const QCommandLineOption idPrefix(
        u"id-prefix"_s, u"publish, text formats: series ids start with PREFIX/."_s, u"PREFIX"_s);
    const QCommandLineOption source(u"source"_s, u"publish: source name of frames."_s, u"NAME"_s,
                                    u"watchroom-cli"_s);
    parser.addOptions({ help, board, hubName, name, role, user, timeout, mode, count, text, tags,
                        from, to, panel, color, format, source, idPrefix, pin });

    if (!parser.parse(arguments))
        return UsageError { parser.errorText() };
    if (parser.isSet(help))
        return UsageError { {}, true };
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return UsageError { positional.isEmpty()
                                ? u"missing the command and the hub"_s
                                : (positional.size() == 1
                                       ? u"missing the hub"_s
                                       : u"unexpected argument '%1'"_s.arg(positional.at(2))) };
    Options o;
    const QString command = positional.at(0);
    if (command == "tail"_L1)
        o.command = Command::Tail;
    else if (command == "annotate"_L1)
        o.command = Command::Annotate;
    else if (command == "publish"_L1)
        o.command = Command::Publish;
    else
        return UsageError { u"unknown command '%1' (tail, annotate or publish)"_s.arg(command) };
    o.hubInput = positional.at(1);
    if (Negotiator::classify(o.hubInput) == Negotiator::InputKind::Invalid)
        return UsageError { u"'%1' is neither a negotiate URL, a ws(s) URL nor a connection "
                            "string"_s.arg(o.hubInput.left(80)) };
    o.hubName = parser.value(hubName);
    o.board = parser.value(board);
    if (!session::isValidBoardName(o.board))
        return UsageError { u"invalid board '%1': [A-Za-z0-9_.-]{1,64}"_s.arg(o.board.left(80)) };
    o.name = parser.value(name);
    o.role = parser.value(role);
    o.roleGiven = parser.isSet(role);
    if (o.role.isEmpty()) {
        o.role = o.command == Command::Tail  ? u"viewer"_s
            : o.command == Command::Annotate ? u"annotator"_s
                                             : u"source"_s;
    }
    if (session::webPubSubRolesFor(o.role, o.board).isEmpty())
        return UsageError { u"unknown role '%1' (viewer, annotator, source, admin)"_s.arg(o.role) };
    o.userId = parser.value(user);
    if (o.userId.isEmpty())
        o.userId = u"cli-%1"_s.arg(uint(QRandomGenerator::global()->generate() & 0xffffff), 6, 16,
                                   QChar(u'0'));
    bool ok = false;
    const double seconds = parser.value(timeout).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 86400)
        return UsageError { u"--timeout wants seconds between 0 and 86400"_s };
    o.timeout = std::chrono::milliseconds(qint64(seconds * 1000));
    if (parser.isSet(pin)) {
        QString why;
        const auto digest = TlsPin::parse(parser.value(pin), &why);
        if (!digest)
            return UsageError { u"--pin: %1"_s.arg(why) };
        o.tlsPin = *digest;
    }
    o.mode = parser.value(mode);
    if (o.mode != "auto"_L1 && o.mode != "relay"_L1 && o.mode != "cloud"_L1)
        return UsageError { u"--mode wants auto, relay or cloud"_s };
    if (parser.isSet(count)) {
        o.count = parser.value(count).toLongLong(&ok);
        if (!ok || o.count <= 0)
            return UsageError { u"--count wants a positive number"_s };
    }

    if (o.command == Command::Annotate) {
        if (!parser.isSet(text))
            return UsageError { u"annotate needs --text"_s };
        session::Annotation &a = o.annotation;
        a.text = parser.value(text);
        const qint64 now = systemNow();
        const auto t0 = parser.isSet(from) ? parseTime(parser.value(from), now) : now;
        if (!t0)
            return UsageError { u"--from: '%1' is not a time"_s.arg(parser.value(from)) };
        a.t0 = *t0;
        if (parser.isSet(to)) {
            const auto t1 = parseTime(parser.value(to), now);
            if (!t1)
                return UsageError { u"--to: '%1' is not a time"_s.arg(parser.value(to)) };
            a.t1 = *t1;
        }
        if (parser.isSet(panel))
            a.panel = parser.value(panel);
        if (parser.isSet(tags)) {
            for (const QString &tag : parser.value(tags).split(u','))
                if (!tag.trimmed().isEmpty())
                    a.tags.append(tag.trimmed());
        }
        a.color = parser.value(color);
    } else {
        const QStringList annotateOnly { u"text"_s, u"tags"_s, u"from"_s, u"to"_s, u"panel"_s };
        for (const QString &option : annotateOnly)
            if (parser.isSet(option))
                return UsageError { u"--%1 is for annotate only"_s.arg(option) };
    }
    if (o.command == Command::Publish) {
        o.format = parser.value(format);
#ifdef WATCHROOM_CLI_HAS_SOURCES
        const QStringList formats { u"json"_s, u"prometheus"_s, u"openmetrics"_s, u"influx"_s };
#else
        const QStringList formats { u"json"_s };
#endif
        if (!formats.contains(o.format))
            return UsageError { u"--format wants %1"_s.arg(formats.join(" | "_L1)) };
        o.source = parser.value(source);
        o.idPrefix = parser.value(idPrefix);
    }
    return o;
}

// ---- publish input --------------------------------------------------------------------------

MetricLineParser::MetricLineParser(QString source, qint64 (*now)())
    : m_source(std::move(source))
    , m_now(now ? now : &systemNow)
{ }

bool MetricLineParser::addLine(const QByteArray &line, qint64 lineNumber, QString *error)
{
    const auto fail = [&](const QString &why) {
        *error = u"line %1: %2"_s.arg(lineNumber).arg(why);
        return false;
    };
    if (line.size() > session::kMaxMetricsFrameBytes)
        return fail(u"longer than %1 bytes"_s.arg(session::kMaxMetricsFrameBytes));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            u"not JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return fail(u"not a JSON object"_s);
    const QJsonObject object = doc.object();
    if (object.contains("type"_L1)) {
        session::DecodeResult decoded = session::decode(QJsonValue(object));
        if (!decoded.ok())
            return fail(decoded.error);
        auto *frame = std::get_if<session::MetricsFrame>(&*decoded.message);
        if (!frame)
            return fail(
                u"a '%1' message is not a metrics frame"_s.arg(object.value("type"_L1).toString()));
        if (frame->source.isEmpty())
            frame->source = m_source;
        for (const session::MetricSeries &s : std::as_const(frame->series))
            m_points += s.points.size();
        m_frames.append(std::move(*frame));
        return true;
    }

    // A simplified point: validate by building a one-point frame through the codec.
    const QJsonValue id = object.value("id"_L1);
    if (!id.isString() || id.toString().isEmpty())
        return fail(u"'id' must be a non-empty string"_s);
    double t = double(m_now());
    if (object.contains("t"_L1) && !readRequiredNumber(object, "t"_L1, &t))
        return fail(u"'t' must be epoch milliseconds"_s);
    const QJsonValue value = object.value("value"_L1);
    if (!value.isDouble() && !value.isNull())
        return fail(u"'value' must be a number or null"_s);
    QJsonObject series { { u"id"_s, id }, { u"points"_s, QJsonArray { QJsonArray { t, value } } } };
    for (const auto key : { "name"_L1, "unit"_L1, "labels"_L1 }) {
        if (object.contains(key))
            series.insert(key, object.value(key));
    }
    const QJsonObject probe { { u"type"_s, u"metrics"_s },
                              { u"v"_s, session::kVersion },
                              { u"series"_s, QJsonArray { series } } };
    session::DecodeResult decoded = session::decode(QJsonValue(probe));
    if (!decoded.ok())
        return fail(decoded.error);
    const session::MetricSeries &point
        = std::get<session::MetricsFrame>(*decoded.message).series.constFirst();
    const auto it = m_simpleIndex.constFind(point.id);
    if (it == m_simpleIndex.cend()) {
        m_simpleIndex.insert(point.id, m_simple.series.size());
        m_simple.series.append(point);
    } else {
        session::MetricSeries &s = m_simple.series[*it];
        if (point.name)
            s.name = point.name;
        if (point.unit)
            s.unit = point.unit;
        if (point.labels)
            s.labels = point.labels;
        s.points.append(point.points);
    }
    ++m_points;
    return true;
}

bool MetricLineParser::take(QList<session::MetricsFrame> *frames, QString *error)
{
    frames->clear();
    if (!m_simple.series.isEmpty()) {
        m_simple.source = m_source;
        m_frames.append(std::exchange(m_simple, {}));
        m_simpleIndex.clear();
    }
    const QList<session::MetricsFrame> collected = std::exchange(m_frames, {});
    for (const session::MetricsFrame &frame : collected) {
        if (!split(frame, frames, error))
            return false;
    }
    return true;
}

bool MetricLineParser::split(const session::MetricsFrame &frame, QList<session::MetricsFrame> *out,
                             QString *error)
{
    const auto fits = [](const session::MetricsFrame &f) {
        return QJsonDocument(session::encode(f)).toJson(QJsonDocument::Compact).size()
            <= session::kMaxMetricsFrameBytes;
    };
    if (fits(frame)) {
        out->append(frame);
        return true;
    }
    // Too big together: greedy groups of series, each group checked.
    session::MetricsFrame group { frame.source, {} };
    for (const session::MetricSeries &s : frame.series) {
        group.series.append(s);
        if (fits(group))
            continue;
        group.series.removeLast();
        if (!group.series.isEmpty())
            out->append(std::exchange(group, session::MetricsFrame { frame.source, {} }));
        group.series.append(s);
        if (!fits(group)) {
            *error = u"series '%1' does not fit in one %2-byte frame"_s.arg(s.id).arg(
                session::kMaxMetricsFrameBytes);
            return false;
        }
    }
    if (!group.series.isEmpty())
        out->append(group);
    return true;
}

// ---- entry point ----------------------------------------------------------------------------

int run(const QStringList &arguments)
{
    const auto parsed = parseArguments(arguments);
    if (const auto *usage = std::get_if<UsageError>(&parsed)) {
        if (usage->helpRequested) {
            writeLine(stdout, usageText().toUtf8());
            return ExitOk;
        }
        printError(usage->message);
        writeLine(stderr, "Run 'watchroom-cli --help' for usage.");
        return ExitUsage;
    }
    const Options &options = std::get<Options>(parsed);
    qCDebug(lcCli) << "running" << arguments;
    switch (options.command) {
    case Command::Tail:
        return TailCommand(options).exec();
    case Command::Annotate:
        return AnnotateCommand(options).exec();
    case Command::Publish:
        return PublishCommand(options).exec();
    }
    return ExitFailure;
}

} // namespace wr::cli
