#include "webpubsub.h"
#include "overloaded.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstring>

using namespace Qt::StringLiterals;

namespace wr::wps {

namespace {

// Largest integer a JSON number (IEEE double) carries exactly.
constexpr double kMaxSafeInteger = 9007199254740991.0;


std::optional<quint64> unsignedInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > kMaxSafeInteger || std::floor(d) != d)
        return std::nullopt;
    return static_cast<quint64>(d);
}

// ackId: absent is fine; present must be an unsigned integer.
bool readAckId(const QJsonObject &object, std::optional<quint64> *ackId, QString *error)
{
    const QJsonValue value = object.value("ackId"_L1);
    if (value.isUndefined() || value.isNull())
        return true;
    *ackId = unsignedInteger(value);
    if (!*ackId) {
        *error = u"'ackId' must be an unsigned integer"_s;
        return false;
    }
    return true;
}

bool readGroup(const QJsonObject &object, QString *group, QString *error)
{
    const QJsonValue value = object.value("group"_L1);
    if (!value.isString()) {
        *error = u"'group' must be a string"_s;
        return false;
    }
    *group = value.toString();
    if (group->isEmpty() || group->trimmed().isEmpty()) {
        *error = u"'group' must not be empty"_s;
        return false;
    }
    if (group->size() > kMaxGroupNameLength) {
        *error = u"'group' is longer than %1 characters"_s.arg(kMaxGroupNameLength);
        return false;
    }
    return true;
}

bool readPayload(const QJsonObject &object, DataType *dataType, QJsonValue *data, QString *error)
{
    const QJsonValue typeValue = object.value("dataType"_L1);
    if (typeValue.isUndefined() || typeValue.isNull()) {
        *dataType = DataType::Json;
    } else {
        const auto parsed = typeValue.isString() ? dataTypeFromString(typeValue.toString())
                                                 : std::optional<DataType>();
        if (!parsed) {
            *error = u"'dataType' must be one of json, text, binary, protobuf"_s;
            return false;
        }
        *dataType = *parsed;
    }
    *data = object.value("data"_L1);
    if (data->isUndefined()) {
        *error = u"'data' is missing"_s;
        return false;
    }
    return isValidPayload(*dataType, *data, error);
}

QJsonValue ackIdJson(quint64 id)
{
    return QJsonValue(static_cast<qint64>(id));
}

} // namespace

QLatin1StringView toString(DataType type)
{
    switch (type) {
    case DataType::Json:
        return "json"_L1;
    case DataType::Text:
        return "text"_L1;
    case DataType::Binary:
        return "binary"_L1;
    case DataType::Protobuf:
        return "protobuf"_L1;
    }
    return "json"_L1;
}

std::optional<DataType> dataTypeFromString(QStringView text)
{
    if (text == "json"_L1)
        return DataType::Json;
    if (text == "text"_L1)
        return DataType::Text;
    if (text == "binary"_L1)
        return DataType::Binary;
    if (text == "protobuf"_L1)
        return DataType::Protobuf;
    return std::nullopt;
}

bool isValidPayload(DataType dataType, const QJsonValue &data, QString *error)
{
    switch (dataType) {
    case DataType::Json:
        return true;
    case DataType::Text:
        if (!data.isString()) {
            if (error)
                *error = u"'data' must be a string for dataType text"_s;
            return false;
        }
        return true;
    case DataType::Binary:
    case DataType::Protobuf:
        if (!data.isString()
            || !QByteArray::fromBase64Encoding(data.toString().toLatin1(),
                                               QByteArray::AbortOnBase64DecodingErrors)) {
            if (error)
                *error = u"'data' must be a base64 string for dataType %1"_s.arg(toString(dataType));
            return false;
        }
        return true;
    }
    return false;
}

ClientDecodeResult decodeClientMessage(const QByteArray &frame, qsizetype maxBytes)
{
    ClientDecodeResult result;
    if (frame.size() > maxBytes) {
        result.error = u"message is larger than %1 bytes"_s.arg(maxBytes);
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                           .arg(parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = u"message must be a JSON object"_s;
        return result;
    }
    const QJsonObject object = doc.object();
    QString error;
    if (!readAckId(object, &result.ackId, &error)) {
        result.ackId.reset();
        result.error = error;
        return result;
    }
    const QJsonValue typeValue = object.value("type"_L1);
    if (!typeValue.isString()) {
        result.error = u"'type' must be a string"_s;
        return result;
    }
    const QString type = typeValue.toString();

    if (type == "joinGroup"_L1 || type == "leaveGroup"_L1) {
        QString group;
        if (!readGroup(object, &group, &error)) {
            result.error = error;
            return result;
        }
        if (type == "joinGroup"_L1)
            result.message = JoinGroup { group, result.ackId };
        else
            result.message = LeaveGroup { group, result.ackId };
    } else if (type == "sendToGroup"_L1) {
        SendToGroup message;
        message.ackId = result.ackId;
        if (!readGroup(object, &message.group, &error)) {
            result.error = error;
            return result;
        }
        const QJsonValue noEcho = object.value("noEcho"_L1);
        if (!noEcho.isUndefined() && !noEcho.isNull() && !noEcho.isBool()) {
            result.error = u"'noEcho' must be a boolean"_s;
            return result;
        }
        message.noEcho = noEcho.toBool(false);
        if (object.contains("stream"_L1)) {
            result.error = u"group streaming is not supported"_s;
            return result;
        }
        if (!readPayload(object, &message.dataType, &message.data, &error)) {
            result.error = error;
            return result;
        }
        result.message = std::move(message);
    } else if (type == "event"_L1) {
        SendEvent message;
        message.ackId = result.ackId;
        const QJsonValue event = object.value("event"_L1);
        if (!event.isString() || event.toString().isEmpty()) {
            result.error = u"'event' must be a non-empty string"_s;
            return result;
        }
        message.event = event.toString();
        if (!readPayload(object, &message.dataType, &message.data, &error)) {
            result.error = error;
            return result;
        }
        result.message = std::move(message);
    } else if (type == "sequenceAck"_L1) {
        const QJsonValue value = object.value("sequenceId"_L1);
        std::optional<quint64> id;
        if (value.isString()) {
            bool ok = false;
            const quint64 parsed = value.toString().toULongLong(&ok);
            if (ok)
                id = parsed;
        } else {
            id = unsignedInteger(value);
        }
        if (!id) {
            result.error = u"'sequenceId' must be an unsigned integer (number or string)"_s;
            return result;
        }
        result.message = SequenceAck { *id };
    } else if (type == "ping"_L1) {
        result.message = Ping {};
    } else {
        result.error = u"unsupported message type '%1'"_s.arg(type.left(64));
    }
    return result;
}

QByteArray encode(const ClientMessage &message)
{
    QJsonObject object;
    const auto putAck = [&object](const std::optional<quint64> &ackId) {
        if (ackId)
            object.insert(u"ackId"_s, ackIdJson(*ackId));
    };
    std::visit(Overloaded {
                   [&](const JoinGroup &m) {
                       object.insert(u"type"_s, u"joinGroup"_s);
                       object.insert(u"group"_s, m.group);
                       putAck(m.ackId);
                   },
                   [&](const LeaveGroup &m) {
                       object.insert(u"type"_s, u"leaveGroup"_s);
                       object.insert(u"group"_s, m.group);
                       putAck(m.ackId);
                   },
                   [&](const SendToGroup &m) {
                       object.insert(u"type"_s, u"sendToGroup"_s);
                       object.insert(u"group"_s, m.group);
                       putAck(m.ackId);
                       object.insert(u"noEcho"_s, m.noEcho);
                       object.insert(u"dataType"_s, QString(toString(m.dataType)));
                       object.insert(u"data"_s, m.data);
                   },
                   [&](const SendEvent &m) {
                       object.insert(u"type"_s, u"event"_s);
                       object.insert(u"event"_s, m.event);
                       putAck(m.ackId);
                       object.insert(u"dataType"_s, QString(toString(m.dataType)));
                       object.insert(u"data"_s, m.data);
                   },
                   [&](const SequenceAck &m) {
                       object.insert(u"type"_s, u"sequenceAck"_s);
                       // The decoder takes string ids up to 2^64-1; beyond 2^53 a JSON number
                       // would lose digits (and beyond 2^63 turn negative), so send a string.
                       if (double(m.sequenceId) <= kMaxSafeInteger)
                           object.insert(u"sequenceId"_s, static_cast<qint64>(m.sequenceId));
                       else
                           object.insert(u"sequenceId"_s, QString::number(m.sequenceId));
                   },
                   [&](const Ping &) { object.insert(u"type"_s, u"ping"_s); },
               },
               message);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

ServiceDecodeResult decodeServiceMessage(const QByteArray &frame)
{
    ServiceDecodeResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset)
                           .arg(parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = u"message must be a JSON object"_s;
        return result;
    }
    const QJsonObject object = doc.object();
    const QString type = object.value("type"_L1).toString();
    std::optional<quint64> sequenceId;
    if (object.contains("sequenceId"_L1)) {
        sequenceId = unsignedInteger(object.value("sequenceId"_L1));
        if (!sequenceId || *sequenceId == 0) {
            result.error = u"'sequenceId' must be a positive integer"_s;
            return result;
        }
    }
    const auto optionalString = [&object](QLatin1StringView key) -> std::optional<QString> {
        const QJsonValue value = object.value(key);
        if (value.isString())
            return value.toString();
        return std::nullopt;
    };

    if (type == "ack"_L1) {
        const auto ackId = unsignedInteger(object.value("ackId"_L1));
        const QJsonValue success = object.value("success"_L1);
        if (!ackId || !success.isBool()) {
            result.error = u"ack needs an unsigned 'ackId' and a boolean 'success'"_s;
            return result;
        }
        Ack ack { *ackId, success.toBool(), {}, {} };
        if (!ack.success) {
            const QJsonObject error = object.value("error"_L1).toObject();
            ack.errorName = error.value("name"_L1).toString();
            ack.errorMessage = error.value("message"_L1).toString();
        }
        result.message = ack;
    } else if (type == "message"_L1) {
        const QString from = object.value("from"_L1).toString();
        DataType dataType = DataType::Json;
        QJsonValue data;
        QString error;
        if (!readPayload(object, &dataType, &data, &error)) {
            result.error = error;
            return result;
        }
        if (from == "group"_L1) {
            QString group;
            if (!readGroup(object, &group, &error)) {
                result.error = error;
                return result;
            }
            result.message =
                GroupMessage { group, optionalString("fromUserId"_L1), dataType, data, sequenceId };
        } else if (from == "server"_L1) {
            result.message = ServerMessage { dataType, data, sequenceId };
        } else {
            result.error = u"message 'from' must be group or server"_s;
        }
    } else if (type == "system"_L1) {
        const QString event = object.value("event"_L1).toString();
        if (event == "connected"_L1) {
            const QJsonValue id = object.value("connectionId"_L1);
            if (!id.isString() || id.toString().isEmpty()) {
                result.error = u"connected needs a 'connectionId'"_s;
                return result;
            }
            result.message = Connected { id.toString(), optionalString("userId"_L1),
                                         optionalString("reconnectionToken"_L1) };
        } else if (event == "disconnected"_L1) {
            result.message = Disconnected { object.value("message"_L1).toString() };
        } else {
            result.unknownType = true;
            result.error = u"unknown system event '%1'"_s.arg(event.left(64));
        }
    } else if (type == "pong"_L1) {
        result.message = Pong {};
    } else {
        result.unknownType = true;
        result.error = u"unknown message type '%1'"_s.arg(type.left(64));
    }
    return result;
}

QByteArray encode(const ServiceMessage &message)
{
    return std::visit(
        Overloaded {
            [](const Ack &m) {
                QJsonObject object { { u"type"_s, u"ack"_s },
                                     { u"ackId"_s, ackIdJson(m.ackId) },
                                     { u"success"_s, m.success } };
                if (!m.success) {
                    object.insert(u"error"_s, QJsonObject { { u"name"_s, m.errorName },
                                                            { u"message"_s, m.errorMessage } });
                }
                return QJsonDocument(object).toJson(QJsonDocument::Compact);
            },
            [](const GroupMessage &m) {
                return EncodedData::forGroup(m.group, m.fromUserId, m.dataType, m.data)
                    .frame(m.sequenceId);
            },
            [](const ServerMessage &m) {
                return EncodedData::forServer(m.dataType, m.data).frame(m.sequenceId);
            },
            [](const Connected &m) {
                QJsonObject object { { u"type"_s, u"system"_s },
                                     { u"event"_s, u"connected"_s },
                                     { u"connectionId"_s, m.connectionId } };
                object.insert(u"userId"_s, m.userId ? QJsonValue(*m.userId) : QJsonValue());
                if (m.reconnectionToken)
                    object.insert(u"reconnectionToken"_s, *m.reconnectionToken);
                return QJsonDocument(object).toJson(QJsonDocument::Compact);
            },
            [](const Disconnected &m) {
                const QJsonObject object { { u"type"_s, u"system"_s },
                                           { u"event"_s, u"disconnected"_s },
                                           { u"message"_s, m.message } };
                return QJsonDocument(object).toJson(QJsonDocument::Compact);
            },
            [](const Pong &) { return QByteArray(R"({"type":"pong"})"); },
        },
        message);
}

EncodedData EncodedData::forGroup(const QString &group, const std::optional<QString> &fromUserId,
                                  DataType dataType, const QJsonValue &data)
{
    QJsonObject object { { u"type"_s, u"message"_s },
                         { u"from"_s, u"group"_s },
                         { u"group"_s, group },
                         { u"dataType"_s, QString(toString(dataType)) },
                         { u"data"_s, data } };
    if (fromUserId)
        object.insert(u"fromUserId"_s, *fromUserId);
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return EncodedData(json.mid(1));
}

EncodedData EncodedData::forServer(DataType dataType, const QJsonValue &data)
{
    const QJsonObject object { { u"type"_s, u"message"_s },
                               { u"from"_s, u"server"_s },
                               { u"dataType"_s, QString(toString(dataType)) },
                               { u"data"_s, data } };
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return EncodedData(json.mid(1));
}

int EncodedData::writePrefix(char *out, std::optional<quint64> sequenceId)
{
    if (!sequenceId) {
        out[0] = '{';
        return 1;
    }
    static constexpr char kKey[] = "{\"sequenceId\":";
    int n = int(sizeof(kKey)) - 1;
    std::memcpy(out, kKey, size_t(n));
    char digits[20];
    int count = 0;
    quint64 value = *sequenceId;
    do {
        digits[count++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0)
        out[n++] = digits[--count];
    out[n++] = ',';
    return n;
}

QByteArray EncodedData::frame(std::optional<quint64> sequenceId) const
{
    char prefix[kMaxPrefixBytes];
    const int n = writePrefix(prefix, sequenceId);
    QByteArray out;
    out.reserve(n + m_tail.size());
    out.append(prefix, n);
    out.append(m_tail);
    return out;
}

QString EncodedData::textFrame(std::optional<quint64> sequenceId) const
{
    return QString::fromUtf8(frame(sequenceId));
}

} // namespace wr::wps
