#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <compare>
#include <optional>
#include <variant>

// The Watchroom session protocol v1 (PROTOCOL.md, documented in docs/protocol.md): JSON objects
// carried as dataType "json" in Web PubSub group and server messages. Receivers ignore unknown
// fields, and drop (and count) anything malformed or over the limits, never crashing on it.
namespace wr::session {

inline constexpr int kVersion = 1;
inline constexpr qsizetype kMaxMessageBytes = 64 * 1024; // annotations and presence
inline constexpr qsizetype kMaxTextLength = 2000;
inline constexpr qsizetype kMaxTags = 16;
inline constexpr qsizetype kMaxTagLength = 64;
inline constexpr qsizetype kMaxMetricsFrameBytes = 1024 * 1024; // the transport's frame limit
inline constexpr qsizetype kMaxIdLength = 128; // series, annotation and panel ids, userIds
inline constexpr qsizetype kMaxNameLength = 256; // display names, units, labels, client
inline constexpr qsizetype kMaxLabels = 32; // labels per series

// Board names: [A-Za-z0-9_.-]{1,64}.
bool isValidBoardName(const QString &board);
QString metricsGroup(const QString &board);     // "<board>.metrics"
QString presenceGroup(const QString &board);    // "<board>.presence"
QString annotationsGroup(const QString &board); // "<board>.annotations"

// Web PubSub token roles of a Watchroom role (viewer, annotator, source, admin) on a board.
// Empty for an unknown role or an invalid board name.
QStringList webPubSubRolesFor(const QString &role, const QString &board);

// A hybrid logical clock reading "<physical ms>:<counter>:<userId>", compared field by field.
struct HlcTimestamp
{
    qint64 physicalMs = 0;
    quint32 counter = 0;
    QString node; // the userId of the writer

    static std::optional<HlcTimestamp> parse(QStringView text);
    QString toString() const;
    bool isNull() const { return physicalMs == 0 && counter == 0 && node.isEmpty(); }
    std::strong_ordering operator<=>(const HlcTimestamp &other) const;
    bool operator==(const HlcTimestamp &other) const = default;
};

// ---- metrics (<board>.metrics) ----------------------------------------------------------

struct MetricSeries
{
    QString id; // stable across frames
    std::optional<QString> name;
    std::optional<QString> unit;
    std::optional<QMap<QString, QString>> labels;
    QList<QPair<qint64, double>> points; // [t ms, value]; NaN = gap (null on the wire)
    bool operator==(const MetricSeries &) const;
};

struct MetricsFrame
{
    QString source;
    QList<MetricSeries> series;
    bool operator==(const MetricsFrame &) const = default;
};

// ---- presence (<board>.presence) --------------------------------------------------------

struct Hello
{
    QString name;
    QString color; // "#rrggbb"
    QString client;
    bool operator==(const Hello &) const = default;
};

enum class PresenceState { Active, Idle, Away };

struct View
{
    QString panel; // empty: the whole board
    std::optional<qint64> from;
    std::optional<qint64> to; // nullopt: live
    bool operator==(const View &) const = default;
};

struct Presence
{
    QString name;
    QString color;
    PresenceState state = PresenceState::Active;
    std::optional<View> view;
    bool followable = true;
    bool operator==(const Presence &) const = default;
};

struct Cursor
{
    std::optional<QString> panel; // nullopt: the pointer left the charts
    qint64 t = 0;
    double y = 0;
    bool operator==(const Cursor &) const = default;
};

struct Bye
{
    bool operator==(const Bye &) const = default;
};

struct SyncRequest
{
    bool operator==(const SyncRequest &) const = default;
};

// ---- annotations (<board>.annotations) --------------------------------------------------

struct Annotation
{
    QString id;
    std::optional<QString> panel; // nullopt: every panel of the board
    qint64 t0 = 0;
    std::optional<qint64> t1; // nullopt: a point annotation
    QString text;
    QStringList tags;
    QString color;
    HlcTimestamp clock;
    QString author; // fromUserId of the op that created it, as recorded by the holder of state
    bool deleted = false;
    bool operator==(const Annotation &) const = default;
};

struct AnnotationOp
{
    enum class Kind { Put, Delete };
    Kind kind = Kind::Put;
    Annotation annotation; // for Delete only id and clock are meaningful (decode sets deleted)
    bool operator==(const AnnotationOp &) const = default;
};

struct Snapshot
{
    QList<Annotation> annotations;
    bool operator==(const Snapshot &) const = default;
};

using Message = std::variant<MetricsFrame, Hello, Presence, Cursor, Bye, SyncRequest, AnnotationOp,
                             Snapshot>;

struct DecodeResult
{
    std::optional<Message> message;
    QString error;
    bool ok() const { return message.has_value(); }
};

// `data` of a dataType "json" message. Also accepts the Azure Monitor metric shapes of
// PROTOCOL.md ({"type":"metrics","timestamp":…,"data":<REST or MetricsQueryClient result>}).
DecodeResult decode(const QJsonValue &data);
DecodeResult decode(const QByteArray &json); // enforces kMaxMessageBytes except for metrics
QJsonObject encode(const Message &message);

// Splits a snapshot into snapshots whose compact encoding each fits in maxBytes (one
// annotation always fits in kMaxMessageBytes), in order; at least one, possibly empty.
QList<Snapshot> splitSnapshot(const Snapshot &snapshot, qsizetype maxBytes = kMaxMessageBytes);

} // namespace wr::session
