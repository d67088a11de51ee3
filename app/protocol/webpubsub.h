#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <variant>

// Typed messages of the Azure Web PubSub JSON subprotocols (json.webpubsub.azure.v1 and
// json.reliable.webpubsub.azure.v1), reference §4. Decoding is strict: every rejection comes
// with a reason a person can act on, and never crashes on hostile input.
namespace wr::wps {

inline constexpr QLatin1StringView kJsonProtocol { "json.webpubsub.azure.v1" };
inline constexpr QLatin1StringView kJsonReliableProtocol { "json.reliable.webpubsub.azure.v1" };

inline constexpr qsizetype kMaxGroupNameLength = 1024;
inline constexpr qsizetype kMaxFrameBytes = 1024 * 1024;

enum class DataType { Json, Text, Binary, Protobuf };
QLatin1StringView toString(DataType type);
std::optional<DataType> dataTypeFromString(QStringView text);

// Ack error names the service documents; clients must tolerate others.
namespace AckError {
inline constexpr QLatin1StringView Forbidden { "Forbidden" };
inline constexpr QLatin1StringView Duplicate { "Duplicate" };
inline constexpr QLatin1StringView InternalServerError { "InternalServerError" };
inline constexpr QLatin1StringView BadRequest { "BadRequest" };
} // namespace AckError

// ---- client → service -------------------------------------------------------------------

struct JoinGroup
{
    QString group;
    std::optional<quint64> ackId;
    bool operator==(const JoinGroup &) const = default;
};

struct LeaveGroup
{
    QString group;
    std::optional<quint64> ackId;
    bool operator==(const LeaveGroup &) const = default;
};

struct SendToGroup
{
    QString group;
    std::optional<quint64> ackId;
    bool noEcho = false;
    DataType dataType = DataType::Json;
    QJsonValue data;
    bool operator==(const SendToGroup &) const = default;
};

struct SendEvent
{
    QString event;
    std::optional<quint64> ackId;
    DataType dataType = DataType::Json;
    QJsonValue data;
    bool operator==(const SendEvent &) const = default;
};

struct SequenceAck
{
    quint64 sequenceId = 0;
    bool operator==(const SequenceAck &) const = default;
};

struct Ping
{
    bool operator==(const Ping &) const = default;
};

using ClientMessage = std::variant<JoinGroup, LeaveGroup, SendToGroup, SendEvent, SequenceAck, Ping>;

struct ClientDecodeResult
{
    std::optional<ClientMessage> message;
    QString error;                // set when message is empty
    std::optional<quint64> ackId; // recovered from a rejected request, so it can still be acked
    bool ok() const { return message.has_value(); }
};

// Frames over maxBytes are rejected before parsing.
ClientDecodeResult decodeClientMessage(const QByteArray &frame, qsizetype maxBytes = kMaxFrameBytes);
QByteArray encode(const ClientMessage &message);

// ---- service → client -------------------------------------------------------------------

struct Ack
{
    quint64 ackId = 0;
    bool success = true;
    QString errorName;
    QString errorMessage;
    bool operator==(const Ack &) const = default;
};

struct GroupMessage
{
    QString group;
    std::optional<QString> fromUserId;
    DataType dataType = DataType::Json;
    QJsonValue data;
    std::optional<quint64> sequenceId;
    bool operator==(const GroupMessage &) const = default;
};

struct ServerMessage
{
    DataType dataType = DataType::Json;
    QJsonValue data;
    std::optional<quint64> sequenceId;
    bool operator==(const ServerMessage &) const = default;
};

struct Connected
{
    QString connectionId;
    std::optional<QString> userId;
    std::optional<QString> reconnectionToken; // reliable protocols only
    bool operator==(const Connected &) const = default;
};

struct Disconnected
{
    QString message;
    bool operator==(const Disconnected &) const = default;
};

struct Pong
{
    bool operator==(const Pong &) const = default;
};

using ServiceMessage = std::variant<Ack, GroupMessage, ServerMessage, Connected, Disconnected, Pong>;

struct ServiceDecodeResult
{
    std::optional<ServiceMessage> message;
    QString error;
    bool unknownType = false; // forward compatibility: callers ignore these silently
    bool ok() const { return message.has_value(); }
};

ServiceDecodeResult decodeServiceMessage(const QByteArray &frame);
QByteArray encode(const ServiceMessage &message);

// A data message (group or server) serialised once and spliced per recipient: only the
// reliable protocol's sequenceId differs between recipients, so fan-out never re-serialises
// the payload.
class EncodedData
{
public:
    static EncodedData forGroup(const QString &group, const std::optional<QString> &fromUserId,
                                DataType dataType, const QJsonValue &data);
    static EncodedData forServer(DataType dataType, const QJsonValue &data);

    QByteArray frame(std::optional<quint64> sequenceId) const; // UTF-8 JSON
    QString textFrame(std::optional<quint64> sequenceId) const;

    // The shared part of every recipient's frame: a frame is prefix(sequenceId) + tail().
    const QByteArray &tail() const { return m_tail; }
    // Writes `{` or `{"sequenceId":N,` into out (at least kMaxPrefixBytes long); returns length.
    static constexpr int kMaxPrefixBytes = 40;
    static int writePrefix(char *out, std::optional<quint64> sequenceId);
    qsizetype approximateBytes() const { return m_tail.size() + 24; }

private:
    explicit EncodedData(QByteArray tail)
        : m_tail(std::move(tail))
    {
    }
    QByteArray m_tail; // the serialised UTF-8 object without its opening brace
};

// Validates `data` against `dataType` (text must be a string, binary/protobuf base64).
bool isValidPayload(DataType dataType, const QJsonValue &data, QString *error = nullptr);

} // namespace wr::wps
