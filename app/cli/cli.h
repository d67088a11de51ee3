#pragma once

#include "sessionmessages.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>
#include <variant>

// watchroom-cli: a command-line client for scripts and operators (docs/session.md).
namespace wr::cli {

// Documented and stable: scripts rely on them.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1, // an unexpected internal failure
    ExitUsage = 2, // bad command line
    ExitCannotConnect = 3, // negotiate or connection failed, or never connected in time
    ExitRejected = 4, // the hub refused: Forbidden / BadRequest (e.g. a viewer annotating)
    ExitTimeout = 5, // connected, but no acknowledgement in time
    ExitBadInput = 6, // invalid data on standard input or in an option value
};

enum class Command { Tail, Annotate, Publish };

struct Options
{
    Command command = Command::Tail;
    QString hubInput; // negotiate URL, ws(s) URL with token, or connection string
    QString hubName = QStringLiteral("watchroom"); // connection strings only
    QString board = QStringLiteral("main");
    QString name;
    QString role; // default per command: tail viewer, annotate annotator, publish source
    bool roleGiven = false; // --role given: it replaces a role in a negotiate URL
    QString userId; // default: cli-<random>
    std::chrono::milliseconds timeout { 15000 };
    QString mode = QStringLiteral("auto"); // tail: auto | relay | cloud
    qint64 count = 0; // tail: exit after this many session events; 0 = run until killed
    QByteArray tlsPin; // --pin sha256:…: the hub's certificate digest (TlsPin); empty: none

    // annotate
    session::Annotation annotation;

    // publish
    QString format = QStringLiteral("json"); // json | prometheus | openmetrics | influx
    QString source = QStringLiteral("watchroom-cli");
    QString idPrefix; // text formats: series ids start with "<idPrefix>/" when set
};

struct UsageError
{
    QString message;
    bool helpRequested = false; // --help: print usage, exit 0
};

// argv (program name first) → options, or what is wrong with it.
std::variant<Options, UsageError> parseArguments(const QStringList &arguments);
QString usageText();

// "now", epoch milliseconds, or ISO-8601 (a time without zone is UTC).
std::optional<qint64> parseTime(const QString &text, qint64 nowMs);

// Turns the JSON lines of `publish` into metrics frames: each line either a complete
// `metrics` frame or a simplified point {"id":…,"t":…,"value":…} (optional "name", "unit",
// "labels"; "t" defaults to now; "value" null is a gap). Simplified points are grouped into
// one frame per batch.
class MetricLineParser
{
public:
    explicit MetricLineParser(QString source, qint64 (*now)() = nullptr);

    // false with an error naming the line on bad input.
    bool addLine(const QByteArray &line, qint64 lineNumber, QString *error);
    // The frames collected since the last take(), each encoded within the transport's frame
    // limit. False with an error if something cannot fit.
    bool take(QList<session::MetricsFrame> *frames, QString *error);
    // Splits one frame into frames within the transport's frame limit (whole series each).
    static bool split(const session::MetricsFrame &frame, QList<session::MetricsFrame> *out,
                      QString *error);
    qint64 points() const { return m_points; }

private:
    QString m_source;
    qint64 (*m_now)();
    QList<session::MetricsFrame> m_frames; // complete frames from the input
    session::MetricsFrame m_simple; // simplified points of this batch
    QHash<QString, qsizetype> m_simpleIndex;
    qint64 m_points = 0;
};

// Runs one command to completion in the current thread's event loop (a QCoreApplication must
// exist) and returns its exit code. Events go to stdout, errors to stderr.
int run(const QStringList &arguments);

} // namespace wr::cli
