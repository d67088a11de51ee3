#include "webpubsub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace wr::wps {

namespace {

void putId(QJsonObject &object, QLatin1StringView key, const std::optional<quint64> &id)
{
    if (id)
        object.insert(key, static_cast<qint64>(*id));
}

void putString(QJsonObject &object, QLatin1StringView key, const std::optional<QString> &value)
{
    if (value)
        object.insert(key, *value);
}

// Every field, including optionals that encode() would drop or normalise, so two messages that
// differ anywhere also print differently.
QJsonObject describe(const ClientMessage &message)
{
    QJsonObject o;
    if (const auto *m = std::get_if<JoinGroup>(&message)) {
        o.insert("kind"_L1, u"JoinGroup"_s);
        o.insert("group"_L1, m->group);
        putId(o, "ackId"_L1, m->ackId);
    } else if (const auto *m = std::get_if<LeaveGroup>(&message)) {
        o.insert("kind"_L1, u"LeaveGroup"_s);
        o.insert("group"_L1, m->group);
        putId(o, "ackId"_L1, m->ackId);
    } else if (const auto *m = std::get_if<SendToGroup>(&message)) {
        o.insert("kind"_L1, u"SendToGroup"_s);
        o.insert("group"_L1, m->group);
        putId(o, "ackId"_L1, m->ackId);
        o.insert("noEcho"_L1, m->noEcho);
        o.insert("dataType"_L1, QString(toString(m->dataType)));
        o.insert("data"_L1, m->data);
    } else if (const auto *m = std::get_if<SendEvent>(&message)) {
        o.insert("kind"_L1, u"SendEvent"_s);
        o.insert("event"_L1, m->event);
        putId(o, "ackId"_L1, m->ackId);
        o.insert("dataType"_L1, QString(toString(m->dataType)));
        o.insert("data"_L1, m->data);
    } else if (const auto *m = std::get_if<SequenceAck>(&message)) {
        o.insert("kind"_L1, u"SequenceAck"_s);
        putId(o, "sequenceId"_L1, m->sequenceId);
    } else if (std::holds_alternative<Ping>(message)) {
        o.insert("kind"_L1, u"Ping"_s);
    }
    return o;
}

QJsonObject describe(const ServiceMessage &message)
{
    QJsonObject o;
    if (const auto *m = std::get_if<Ack>(&message)) {
        o.insert("kind"_L1, u"Ack"_s);
        putId(o, "ackId"_L1, m->ackId);
        o.insert("success"_L1, m->success);
        o.insert("errorName"_L1, m->errorName);
        o.insert("errorMessage"_L1, m->errorMessage);
    } else if (const auto *m = std::get_if<GroupMessage>(&message)) {
        o.insert("kind"_L1, u"GroupMessage"_s);
        o.insert("group"_L1, m->group);
        putString(o, "fromUserId"_L1, m->fromUserId);
        o.insert("dataType"_L1, QString(toString(m->dataType)));
        o.insert("data"_L1, m->data);
        putId(o, "sequenceId"_L1, m->sequenceId);
    } else if (const auto *m = std::get_if<ServerMessage>(&message)) {
        o.insert("kind"_L1, u"ServerMessage"_s);
        o.insert("dataType"_L1, QString(toString(m->dataType)));
        o.insert("data"_L1, m->data);
        putId(o, "sequenceId"_L1, m->sequenceId);
    } else if (const auto *m = std::get_if<Connected>(&message)) {
        o.insert("kind"_L1, u"Connected"_s);
        o.insert("connectionId"_L1, m->connectionId);
        putString(o, "userId"_L1, m->userId);
        putString(o, "reconnectionToken"_L1, m->reconnectionToken);
    } else if (const auto *m = std::get_if<Disconnected>(&message)) {
        o.insert("kind"_L1, u"Disconnected"_s);
        o.insert("message"_L1, m->message);
    } else if (std::holds_alternative<Pong>(message)) {
        o.insert("kind"_L1, u"Pong"_s);
    }
    return o;
}

} // namespace

// Found by argument-dependent lookup from QCOMPARE (the variants' alternatives live here).
char *toString(const ClientMessage &message)
{
    return QTest::toString(
        QString::fromUtf8(QJsonDocument(describe(message)).toJson(QJsonDocument::Compact)));
}

char *toString(const ServiceMessage &message)
{
    return QTest::toString(
        QString::fromUtf8(QJsonDocument(describe(message)).toJson(QJsonDocument::Compact)));
}

} // namespace wr::wps

using namespace wr::wps;

namespace {

// A JSON value from its text, so table rows read like the wire format.
QJsonValue json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc =
        QJsonDocument::fromJson("["_ba + QByteArray(text) + "]"_ba, &error);
    Q_ASSERT(error.error == QJsonParseError::NoError);
    return doc.array().at(0);
}

QByteArray nested(int depth, const QByteArray &open, const QByteArray &close)
{
    return open.repeated(depth) + close.repeated(depth);
}

// Compact JSON of a sendToGroup text message whose serialised size is exactly `size` bytes.
QByteArray textFrameOfSize(qsizetype size)
{
    const QByteArray head = R"({"type":"sendToGroup","group":"g","dataType":"text","data":")"_ba;
    const QByteArray tail = R"("})"_ba;
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

qint64 ackIdOrMinusOne(const std::optional<quint64> &id)
{
    return id ? static_cast<qint64>(*id) : -1;
}

// What a decoder made of a frame, for failure messages.
template<class Result>
QByteArray outcome(const Result &result)
{
    if (!result.ok())
        return "rejected: "_ba + result.error.toUtf8();
    const std::unique_ptr<char[]> text(toString(*result.message));
    return "accepted as "_ba + text.get();
}

} // namespace

class TestWebPubSub : public QObject
{
    Q_OBJECT

private slots:
    void decodeClient_data();
    void decodeClient();
    void decodeClientRejects_data();
    void decodeClientRejects();
    void clientFrameSizeLimit();
    void decodeService_data();
    void decodeService();
    void decodeServiceIgnoresUnknownTypes_data();
    void decodeServiceIgnoresUnknownTypes();
    void decodeServiceRejects_data();
    void decodeServiceRejects();
    void deepNesting_data();
    void deepNesting();
    void randomBytesNeverCrash();
    void hostileTypeNameIsTruncatedInError();
    void clientRoundTrip_data();
    void clientRoundTrip();
    void serviceRoundTrip_data();
    void serviceRoundTrip();
    void encodedData_data();
    void encodedData();
    void dataTypeNames();
};

void TestWebPubSub::decodeClient_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ClientMessage>("expected");

    QTest::addRow("joinGroup")
        << R"({"type":"joinGroup","group":"room1","ackId":1})"_ba
        << ClientMessage(JoinGroup { .group = u"room1"_s, .ackId = 1 });
    QTest::addRow("joinGroup without ackId")
        << R"({"type":"joinGroup","group":"room1"})"_ba
        << ClientMessage(JoinGroup { .group = u"room1"_s, .ackId = std::nullopt });
    QTest::addRow("joinGroup ackId null is absent")
        << R"({"type":"joinGroup","group":"room1","ackId":null})"_ba
        << ClientMessage(JoinGroup { .group = u"room1"_s, .ackId = std::nullopt });
    QTest::addRow("joinGroup ackId 0")
        << R"({"type":"joinGroup","group":"room1","ackId":0})"_ba
        << ClientMessage(JoinGroup { .group = u"room1"_s, .ackId = 0 });
    QTest::addRow("joinGroup ackId 2^53-1")
        << R"({"type":"joinGroup","group":"room1","ackId":9007199254740991})"_ba
        << ClientMessage(JoinGroup { .group = u"room1"_s, .ackId = 9007199254740991ULL });
    QTest::addRow("joinGroup unicode group")
        << R"({"type":"joinGroup","group":"Grüße \u2713","ackId":7})"_ba
        << ClientMessage(JoinGroup { .group = u"Grüße ✓"_s, .ackId = 7 });
    QTest::addRow("joinGroup group of 1024 chars")
        << "{\"type\":\"joinGroup\",\"group\":\""_ba + QByteArray(1024, 'g') + "\"}"_ba
        << ClientMessage(JoinGroup { .group = QString(1024, u'g'), .ackId = std::nullopt });
    QTest::addRow("joinGroup unknown fields ignored")
        << R"({"type":"joinGroup","group":"room1","ackId":1,"future":{"x":1}})"_ba
        << ClientMessage(JoinGroup { .group = u"room1"_s, .ackId = 1 });
    QTest::addRow("leaveGroup")
        << R"({"type":"leaveGroup","group":"room1","ackId":2})"_ba
        << ClientMessage(LeaveGroup { .group = u"room1"_s, .ackId = 2 });

    QTest::addRow("sendToGroup json")
        << R"({"type":"sendToGroup","group":"room1","ackId":3,"noEcho":false,"dataType":"json","data":{"text":"hi"}})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = 3, .noEcho = false,
                                       .dataType = DataType::Json, .data = json(R"({"text":"hi"})") });
    QTest::addRow("sendToGroup noEcho true")
        << R"({"type":"sendToGroup","group":"room1","noEcho":true,"dataType":"text","data":"txt"})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = true,
                                       .dataType = DataType::Text, .data = json(R"("txt")") });
    QTest::addRow("sendToGroup text")
        << R"({"type":"sendToGroup","group":"room1","dataType":"text","data":"hello"})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = false,
                                       .dataType = DataType::Text, .data = json(R"("hello")") });
    QTest::addRow("sendToGroup binary")
        << R"({"type":"sendToGroup","group":"room1","ackId":3,"noEcho":false,"dataType":"binary","data":"AQID"})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = 3, .noEcho = false,
                                       .dataType = DataType::Binary, .data = json(R"("AQID")") });
    QTest::addRow("sendToGroup binary empty")
        << R"({"type":"sendToGroup","group":"room1","dataType":"binary","data":""})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = false,
                                       .dataType = DataType::Binary, .data = json(R"("")") });
    QTest::addRow("sendToGroup default dataType is json")
        << R"({"type":"sendToGroup","group":"room1","data":[1,2.5,"x"]})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = false,
                                       .dataType = DataType::Json, .data = json(R"([1,2.5,"x"])") });
    QTest::addRow("sendToGroup json string data")
        << R"({"type":"sendToGroup","group":"room1","dataType":"json","data":"a json string"})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = false,
                                       .dataType = DataType::Json, .data = json(R"("a json string")") });
    QTest::addRow("sendToGroup json null data")
        << R"({"type":"sendToGroup","group":"room1","dataType":"json","data":null})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = false,
                                       .dataType = DataType::Json, .data = QJsonValue() });
    QTest::addRow("sendToGroup noEcho null is false")
        << R"({"type":"sendToGroup","group":"room1","noEcho":null,"data":1})"_ba
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = false,
                                       .dataType = DataType::Json, .data = json("1") });

    QTest::addRow("event text")
        << R"({"type":"event","event":"chatMessage","ackId":4,"dataType":"text","data":"payload"})"_ba
        << ClientMessage(SendEvent { .event = u"chatMessage"_s, .ackId = 4,
                                     .dataType = DataType::Text, .data = json(R"("payload")") });
    QTest::addRow("event default dataType is json")
        << R"({"type":"event","event":"cursor","data":{"x":1,"y":2}})"_ba
        << ClientMessage(SendEvent { .event = u"cursor"_s, .ackId = std::nullopt,
                                     .dataType = DataType::Json, .data = json(R"({"x":1,"y":2})") });
    QTest::addRow("event binary")
        << R"({"type":"event","event":"blob","dataType":"binary","data":"AAEC/w=="})"_ba
        << ClientMessage(SendEvent { .event = u"blob"_s, .ackId = std::nullopt,
                                     .dataType = DataType::Binary, .data = json(R"("AAEC/w==")") });

    QTest::addRow("sequenceAck number")
        << R"({"type":"sequenceAck","sequenceId":17})"_ba
        << ClientMessage(SequenceAck { .sequenceId = 17 });
    QTest::addRow("sequenceAck string")
        << R"({"type":"sequenceAck","sequenceId":"17"})"_ba
        << ClientMessage(SequenceAck { .sequenceId = 17 });
    QTest::addRow("sequenceAck number 2^53-1")
        << R"({"type":"sequenceAck","sequenceId":9007199254740991})"_ba
        << ClientMessage(SequenceAck { .sequenceId = 9007199254740991ULL });
    QTest::addRow("sequenceAck string full uint64")
        << R"({"type":"sequenceAck","sequenceId":"18446744073709551615"})"_ba
        << ClientMessage(SequenceAck { .sequenceId = 18446744073709551615ULL });

    QTest::addRow("ping") << R"({"type":"ping"})"_ba << ClientMessage(Ping {});
    QTest::addRow("ping with whitespace") << " \n{ \"type\" : \"ping\" }\n"_ba
                                          << ClientMessage(Ping {});
}

void TestWebPubSub::decodeClient()
{
    QFETCH(QByteArray, frame);
    QFETCH(ClientMessage, expected);

    const ClientDecodeResult result = decodeClientMessage(frame);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    QCOMPARE(*result.message, expected);
}

void TestWebPubSub::decodeClientRejects_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("errorContains");
    QTest::addColumn<qint64>("recoveredAckId"); // -1: none, the request cannot be acked

    const QByteArray longGroup = QByteArray(1025, 'g');

    QTest::addRow("empty frame") << QByteArray() << u"invalid JSON"_s << -1LL;
    QTest::addRow("truncated JSON") << R"({"type":"joinGroup","group":)"_ba << u"invalid JSON"_s
                                    << -1LL;
    QTest::addRow("trailing garbage") << R"({"type":"ping"} x)"_ba << u"invalid JSON"_s << -1LL;
    QTest::addRow("single quotes") << R"({'type':'ping'})"_ba << u"invalid JSON"_s << -1LL;
    QTest::addRow("array") << R"([{"type":"ping"}])"_ba << u"JSON object"_s << -1LL;
    QTest::addRow("string") << R"("ping")"_ba << u"JSON"_s << -1LL;
    QTest::addRow("number") << "42"_ba << u"JSON"_s << -1LL;
    QTest::addRow("null") << "null"_ba << u"JSON"_s << -1LL;

    QTest::addRow("missing type") << R"({"group":"g","ackId":5})"_ba << u"'type'"_s << 5LL;
    QTest::addRow("type number") << R"({"type":1})"_ba << u"'type'"_s << -1LL;
    QTest::addRow("type null") << R"({"type":null,"ackId":1})"_ba << u"'type'"_s << 1LL;
    QTest::addRow("type object") << R"({"type":{"x":"ping"}})"_ba << u"'type'"_s << -1LL;
    QTest::addRow("unknown type keeps ackId")
        << R"({"type":"joinGroups","group":"g","ackId":9})"_ba
        << u"unsupported message type 'joinGroups'"_s << 9LL;
    QTest::addRow("type is case-sensitive") << R"({"type":"JoinGroup","group":"g"})"_ba
                                            << u"unsupported message type 'JoinGroup'"_s << -1LL;
    QTest::addRow("preview invoke unsupported")
        << R"({"type":"invoke","invocationId":"1","target":"event","event":"e","ackId":3})"_ba
        << u"unsupported message type 'invoke'"_s << 3LL;

    QTest::addRow("joinGroup missing group") << R"({"type":"joinGroup","ackId":5})"_ba
                                             << u"'group'"_s << 5LL;
    QTest::addRow("joinGroup empty group") << R"({"type":"joinGroup","group":"","ackId":6})"_ba
                                           << u"'group' must not be empty"_s << 6LL;
    QTest::addRow("joinGroup whitespace group") << R"({"type":"joinGroup","group":" \t "})"_ba
                                                << u"'group' must not be empty"_s << -1LL;
    QTest::addRow("joinGroup group number") << R"({"type":"joinGroup","group":1,"ackId":2})"_ba
                                            << u"'group' must be a string"_s << 2LL;
    QTest::addRow("joinGroup group of 1025 chars")
        << "{\"type\":\"joinGroup\",\"ackId\":8,\"group\":\""_ba + longGroup + "\"}"_ba
        << u"'group' is longer than 1024"_s << 8LL;
    QTest::addRow("leaveGroup empty group") << R"({"type":"leaveGroup","group":"","ackId":1})"_ba
                                            << u"'group'"_s << 1LL;
    QTest::addRow("sendToGroup group of 1025 chars")
        << "{\"type\":\"sendToGroup\",\"data\":1,\"group\":\""_ba + longGroup + "\"}"_ba
        << u"'group'"_s << -1LL;

    QTest::addRow("ackId negative") << R"({"type":"joinGroup","group":"g","ackId":-1})"_ba
                                    << u"'ackId'"_s << -1LL;
    QTest::addRow("ackId fractional") << R"({"type":"joinGroup","group":"g","ackId":1.5})"_ba
                                      << u"'ackId'"_s << -1LL;
    QTest::addRow("ackId huge") << R"({"type":"joinGroup","group":"g","ackId":1e20})"_ba
                                << u"'ackId'"_s << -1LL;
    QTest::addRow("ackId above 2^53") << R"({"type":"joinGroup","group":"g","ackId":9007199254740993})"_ba
                                      << u"'ackId'"_s << -1LL;
    QTest::addRow("ackId string") << R"({"type":"joinGroup","group":"g","ackId":"1"})"_ba
                                  << u"'ackId'"_s << -1LL;
    QTest::addRow("ackId bool") << R"({"type":"joinGroup","group":"g","ackId":true})"_ba
                                << u"'ackId'"_s << -1LL;

    QTest::addRow("text with number data")
        << R"({"type":"sendToGroup","group":"g","ackId":3,"dataType":"text","data":5})"_ba
        << u"'data' must be a string for dataType text"_s << 3LL;
    QTest::addRow("text with object data")
        << R"({"type":"sendToGroup","group":"g","dataType":"text","data":{"a":1}})"_ba
        << u"'data' must be a string"_s << -1LL;
    QTest::addRow("binary with non-base64 data")
        << R"({"type":"sendToGroup","group":"g","ackId":4,"dataType":"binary","data":"not base64!"})"_ba
        << u"'data' must be a base64 string for dataType binary"_s << 4LL;
    QTest::addRow("binary with non-latin1 data")
        << R"({"type":"sendToGroup","group":"g","dataType":"binary","data":"AQ\u00e9D"})"_ba
        << u"'data' must be a base64 string"_s << -1LL;
    QTest::addRow("binary with number data")
        << R"({"type":"sendToGroup","group":"g","dataType":"binary","data":123})"_ba
        << u"'data' must be a base64 string"_s << -1LL;
    QTest::addRow("protobuf with non-base64 data")
        << R"({"type":"sendToGroup","group":"g","dataType":"protobuf","data":"%%%"})"_ba
        << u"'data' must be a base64 string for dataType protobuf"_s << -1LL;
    QTest::addRow("sendToGroup missing data") << R"({"type":"sendToGroup","group":"g","ackId":11})"_ba
                                              << u"'data' is missing"_s << 11LL;
    QTest::addRow("sendToGroup unknown dataType")
        << R"({"type":"sendToGroup","group":"g","dataType":"xml","data":"<a/>"})"_ba
        << u"'dataType'"_s << -1LL;
    QTest::addRow("sendToGroup dataType number")
        << R"({"type":"sendToGroup","group":"g","dataType":1,"data":"x"})"_ba << u"'dataType'"_s
        << -1LL;
    QTest::addRow("noEcho string") << R"({"type":"sendToGroup","group":"g","ackId":12,"noEcho":"true","data":1})"_ba
                                   << u"'noEcho' must be a boolean"_s << 12LL;
    QTest::addRow("noEcho number") << R"({"type":"sendToGroup","group":"g","noEcho":1,"data":1})"_ba
                                   << u"'noEcho'"_s << -1LL;
    QTest::addRow("sendToGroup stream start")
        << R"({"type":"sendToGroup","group":"g","stream":{"streamId":"s1"}})"_ba
        << u"stream"_s << -1LL;

    QTest::addRow("event missing event name") << R"({"type":"event","ackId":13,"data":1})"_ba
                                              << u"'event'"_s << 13LL;
    QTest::addRow("event empty event name") << R"({"type":"event","event":"","data":1})"_ba
                                            << u"'event'"_s << -1LL;
    QTest::addRow("event missing data") << R"({"type":"event","event":"e","ackId":14})"_ba
                                        << u"'data' is missing"_s << 14LL;
    QTest::addRow("event text with array data")
        << R"({"type":"event","event":"e","dataType":"text","data":["a"]})"_ba << u"'data'"_s
        << -1LL;

    QTest::addRow("sequenceId negative") << R"({"type":"sequenceAck","sequenceId":-1})"_ba
                                         << u"'sequenceId'"_s << -1LL;
    QTest::addRow("sequenceId negative string") << R"({"type":"sequenceAck","sequenceId":"-1"})"_ba
                                                << u"'sequenceId'"_s << -1LL;
    QTest::addRow("sequenceId non-numeric string")
        << R"({"type":"sequenceAck","sequenceId":"abc"})"_ba << u"'sequenceId'"_s << -1LL;
    QTest::addRow("sequenceId hex string") << R"({"type":"sequenceAck","sequenceId":"0x11"})"_ba
                                           << u"'sequenceId'"_s << -1LL;
    QTest::addRow("sequenceId empty string") << R"({"type":"sequenceAck","sequenceId":""})"_ba
                                             << u"'sequenceId'"_s << -1LL;
    QTest::addRow("sequenceId string beyond uint64")
        << R"({"type":"sequenceAck","sequenceId":"18446744073709551616"})"_ba
        << u"'sequenceId'"_s << -1LL;
    QTest::addRow("sequenceId fractional") << R"({"type":"sequenceAck","sequenceId":1.5})"_ba
                                           << u"'sequenceId'"_s << -1LL;
    QTest::addRow("sequenceId missing") << R"({"type":"sequenceAck"})"_ba << u"'sequenceId'"_s
                                        << -1LL;
    QTest::addRow("sequenceId null") << R"({"type":"sequenceAck","sequenceId":null})"_ba
                                     << u"'sequenceId'"_s << -1LL;

    QTest::addRow("invalid UTF-8") << "{\"type\":\"joinGroup\",\"group\":\"\xff\xfe\"}"_ba
                                   << u"invalid JSON"_s << -1LL;
    QTest::addRow("10000 nested arrays") << nested(10000, "["_ba, "]"_ba) << u"invalid JSON"_s
                                         << -1LL;
    QTest::addRow("10000 nested arrays in data")
        << R"({"type":"sendToGroup","group":"g","ackId":1,"data":)"_ba
               + nested(10000, "["_ba, "]"_ba) + "}"_ba
        << u"invalid JSON"_s << -1LL;
    QTest::addRow("frame over 1 MiB") << textFrameOfSize(kMaxFrameBytes + 1) << u"larger than"_s
                                      << -1LL;
}

void TestWebPubSub::decodeClientRejects()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, errorContains);
    QFETCH(qint64, recoveredAckId);

    const ClientDecodeResult result = decodeClientMessage(frame);
    QVERIFY2(!result.ok(), outcome(result).constData());
    QVERIFY2(result.error.contains(errorContains), outcome(result).constData());
    QCOMPARE(ackIdOrMinusOne(result.ackId), recoveredAckId);
}

void TestWebPubSub::clientFrameSizeLimit()
{
    // The relay enforces the service's 1 MiB frame limit; a frame of exactly 1 MiB still works.
    const QByteArray frame = textFrameOfSize(kMaxFrameBytes);
    QCOMPARE(frame.size(), kMaxFrameBytes);
    const ClientDecodeResult atLimit = decodeClientMessage(frame);
    QVERIFY2(atLimit.ok(), outcome(atLimit).constData());
    const auto *message = std::get_if<SendToGroup>(&*atLimit.message);
    QVERIFY(message);
    QVERIFY(message->data.toString().size() > kMaxFrameBytes - 100);

    const ClientDecodeResult overLimit = decodeClientMessage(textFrameOfSize(kMaxFrameBytes + 1));
    QVERIFY(!overLimit.ok());
    QVERIFY2(overLimit.error.contains(QString::number(kMaxFrameBytes)), qPrintable(overLimit.error));
}

void TestWebPubSub::decodeService_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ServiceMessage>("expected");

    QTest::addRow("ack success") << R"({"type":"ack","ackId":3,"success":true})"_ba
                                 << ServiceMessage(Ack { .ackId = 3, .success = true,
                                                         .errorName = {}, .errorMessage = {} });
    QTest::addRow("ack success ignores error")
        << R"({"type":"ack","ackId":3,"success":true,"error":{"name":"Forbidden","message":"x"}})"_ba
        << ServiceMessage(Ack { .ackId = 3, .success = true, .errorName = {}, .errorMessage = {} });
    QTest::addRow("ack failure Forbidden")
        << R"({"type":"ack","ackId":3,"success":false,"error":{"name":"Forbidden","message":"no permission to send to room1"}})"_ba
        << ServiceMessage(Ack { .ackId = 3, .success = false, .errorName = AckError::Forbidden,
                                .errorMessage = u"no permission to send to room1"_s });
    QTest::addRow("ack failure Duplicate")
        << R"({"type":"ack","ackId":9,"success":false,"error":{"name":"Duplicate","message":"dup"}})"_ba
        << ServiceMessage(Ack { .ackId = 9, .success = false, .errorName = AckError::Duplicate,
                                .errorMessage = u"dup"_s });
    QTest::addRow("ack failure undocumented name")
        << R"({"type":"ack","ackId":1,"success":false,"error":{"name":"TooManyRequests","message":""}})"_ba
        << ServiceMessage(Ack { .ackId = 1, .success = false, .errorName = u"TooManyRequests"_s,
                                .errorMessage = {} });
    QTest::addRow("ack failure without error object")
        << R"({"type":"ack","ackId":1,"success":false})"_ba
        << ServiceMessage(Ack { .ackId = 1, .success = false, .errorName = {}, .errorMessage = {} });

    QTest::addRow("group message with fromUserId and sequenceId")
        << R"({"sequenceId":5,"type":"message","from":"group","group":"room1","dataType":"text","data":"hello","fromUserId":"alice"})"_ba
        << ServiceMessage(GroupMessage { .group = u"room1"_s, .fromUserId = u"alice"_s,
                                         .dataType = DataType::Text, .data = json(R"("hello")"),
                                         .sequenceId = 5 });
    QTest::addRow("group message anonymous without sequenceId")
        << R"({"type":"message","from":"group","group":"room1","dataType":"json","data":{"hi":1}})"_ba
        << ServiceMessage(GroupMessage { .group = u"room1"_s, .fromUserId = std::nullopt,
                                         .dataType = DataType::Json, .data = json(R"({"hi":1})"),
                                         .sequenceId = std::nullopt });
    QTest::addRow("group message fromUserId null")
        << R"({"type":"message","from":"group","group":"room1","dataType":"json","data":1,"fromUserId":null})"_ba
        << ServiceMessage(GroupMessage { .group = u"room1"_s, .fromUserId = std::nullopt,
                                         .dataType = DataType::Json, .data = json("1"),
                                         .sequenceId = std::nullopt });
    QTest::addRow("group message binary")
        << R"({"sequenceId":1,"type":"message","from":"group","group":"g1","dataType":"binary","data":"AQID","fromUserId":"bob"})"_ba
        << ServiceMessage(GroupMessage { .group = u"g1"_s, .fromUserId = u"bob"_s,
                                         .dataType = DataType::Binary, .data = json(R"("AQID")"),
                                         .sequenceId = 1 });
    QTest::addRow("server message json")
        << R"({"sequenceId":6,"type":"message","from":"server","dataType":"json","data":{"a":1}})"_ba
        << ServiceMessage(ServerMessage { .dataType = DataType::Json, .data = json(R"({"a":1})"),
                                          .sequenceId = 6 });
    QTest::addRow("server message text without sequenceId")
        << R"({"type":"message","from":"server","dataType":"text","data":"plain text"})"_ba
        << ServiceMessage(ServerMessage { .dataType = DataType::Text,
                                          .data = json(R"("plain text")"),
                                          .sequenceId = std::nullopt });
    QTest::addRow("server message protobuf")
        << R"({"type":"message","from":"server","dataType":"protobuf","data":"CgJoaQ=="})"_ba
        << ServiceMessage(ServerMessage { .dataType = DataType::Protobuf,
                                          .data = json(R"("CgJoaQ==")"),
                                          .sequenceId = std::nullopt });

    QTest::addRow("connected reliable")
        << R"({"type":"system","event":"connected","userId":"alice","connectionId":"Kx3pQ","reconnectionToken":"opaque-token"})"_ba
        << ServiceMessage(Connected { .connectionId = u"Kx3pQ"_s, .userId = u"alice"_s,
                                      .reconnectionToken = u"opaque-token"_s });
    QTest::addRow("connected userId null")
        << R"({"type":"system","event":"connected","userId":null,"connectionId":"c1"})"_ba
        << ServiceMessage(Connected { .connectionId = u"c1"_s, .userId = std::nullopt,
                                      .reconnectionToken = std::nullopt });
    QTest::addRow("connected userId absent with token")
        << R"({"type":"system","event":"connected","connectionId":"c1","reconnectionToken":"tok+/=1"})"_ba
        << ServiceMessage(Connected { .connectionId = u"c1"_s, .userId = std::nullopt,
                                      .reconnectionToken = u"tok+/=1"_s });
    QTest::addRow("disconnected")
        << R"({"type":"system","event":"disconnected","message":"closed by server: bye"})"_ba
        << ServiceMessage(Disconnected { .message = u"closed by server: bye"_s });
    QTest::addRow("disconnected without message")
        << R"({"type":"system","event":"disconnected"})"_ba
        << ServiceMessage(Disconnected { .message = {} });
    QTest::addRow("pong") << R"({"type":"pong"})"_ba << ServiceMessage(Pong {});
}

void TestWebPubSub::decodeService()
{
    QFETCH(QByteArray, frame);
    QFETCH(ServiceMessage, expected);

    const ServiceDecodeResult result = decodeServiceMessage(frame);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(!result.unknownType);
    QCOMPARE(*result.message, expected);
}

void TestWebPubSub::decodeServiceIgnoresUnknownTypes_data()
{
    QTest::addColumn<QByteArray>("frame");

    QTest::addRow("streamAck") << R"({"type":"streamAck","streamId":"s1","expectedSequenceId":2})"_ba;
    QTest::addRow("invokeResponse")
        << R"({"type":"invokeResponse","invocationId":"1","success":true,"dataType":"text","data":"x"})"_ba;
    QTest::addRow("groupStateSnapshot") << R"({"type":"groupStateSnapshot","group":"g","items":[]})"_ba;
    QTest::addRow("unknown system event") << R"({"type":"system","event":"reconnecting"})"_ba;
    QTest::addRow("missing type") << R"({"ackId":1,"success":true})"_ba;
    QTest::addRow("type number") << R"({"type":7})"_ba;
}

void TestWebPubSub::decodeServiceIgnoresUnknownTypes()
{
    // Forward compatibility: like the JS SDK, newer downstream messages are skipped, not fatal.
    QFETCH(QByteArray, frame);

    const ServiceDecodeResult result = decodeServiceMessage(frame);
    QVERIFY(!result.ok());
    QVERIFY(result.unknownType);
    QVERIFY(!result.error.isEmpty());
}

void TestWebPubSub::decodeServiceRejects_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("errorContains");

    QTest::addRow("empty frame") << QByteArray() << u"invalid JSON"_s;
    QTest::addRow("truncated JSON") << R"({"type":"ack","ackId":)"_ba << u"invalid JSON"_s;
    QTest::addRow("array") << R"([{"type":"pong"}])"_ba << u"JSON object"_s;
    QTest::addRow("10000 nested arrays") << nested(10000, "["_ba, "]"_ba) << u"invalid JSON"_s;
    QTest::addRow("ack without success") << R"({"type":"ack","ackId":1})"_ba << u"'success'"_s;
    QTest::addRow("ack success string") << R"({"type":"ack","ackId":1,"success":"true"})"_ba
                                        << u"'success'"_s;
    QTest::addRow("ack negative ackId") << R"({"type":"ack","ackId":-3,"success":true})"_ba
                                        << u"'ackId'"_s;
    QTest::addRow("ack missing ackId") << R"({"type":"ack","success":true})"_ba << u"'ackId'"_s;
    QTest::addRow("message from unknown")
        << R"({"type":"message","from":"user","dataType":"text","data":"x"})"_ba << u"'from'"_s;
    QTest::addRow("group message without group")
        << R"({"type":"message","from":"group","dataType":"text","data":"x"})"_ba
        << u"'group'"_s;
    QTest::addRow("group message empty group")
        << R"({"type":"message","from":"group","group":"","dataType":"text","data":"x"})"_ba
        << u"'group'"_s;
    QTest::addRow("message missing data")
        << R"({"type":"message","from":"server","dataType":"text"})"_ba << u"'data' is missing"_s;
    QTest::addRow("text message with number data")
        << R"({"type":"message","from":"server","dataType":"text","data":1})"_ba << u"'data'"_s;
    QTest::addRow("binary message not base64")
        << R"({"type":"message","from":"server","dataType":"binary","data":"**"})"_ba
        << u"'data'"_s;
    QTest::addRow("unknown dataType")
        << R"({"type":"message","from":"server","dataType":"yaml","data":"x"})"_ba
        << u"'dataType'"_s;
    QTest::addRow("sequenceId zero")
        << R"({"sequenceId":0,"type":"message","from":"server","dataType":"text","data":"x"})"_ba
        << u"'sequenceId'"_s;
    QTest::addRow("sequenceId negative")
        << R"({"sequenceId":-5,"type":"message","from":"server","dataType":"text","data":"x"})"_ba
        << u"'sequenceId'"_s;
    QTest::addRow("sequenceId string")
        << R"({"sequenceId":"5","type":"message","from":"server","dataType":"text","data":"x"})"_ba
        << u"'sequenceId'"_s;
    QTest::addRow("connected without connectionId")
        << R"({"type":"system","event":"connected","userId":"alice"})"_ba << u"'connectionId'"_s;
    QTest::addRow("connected empty connectionId")
        << R"({"type":"system","event":"connected","connectionId":""})"_ba << u"'connectionId'"_s;
}

void TestWebPubSub::decodeServiceRejects()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, errorContains);

    const ServiceDecodeResult result = decodeServiceMessage(frame);
    QVERIFY2(!result.ok(), outcome(result).constData());
    QVERIFY(!result.unknownType);
    QVERIFY2(result.error.contains(errorContains), outcome(result).constData());
}

void TestWebPubSub::deepNesting_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("10000 arrays") << nested(10000, "["_ba, "]"_ba) << false;
    QTest::addRow("10000 objects") << nested(10000, R"({"a":)"_ba, "}"_ba).replace("{\"a\":}", "{}")
                                   << false;
    QTest::addRow("100000 unclosed arrays") << QByteArray(100000, '[') << false;
    QTest::addRow("200 arrays") << nested(200, "["_ba, "]"_ba) << true;
}

void TestWebPubSub::deepNesting()
{
    // A hostile client must not be able to crash the relay (or a peer) with deep JSON; modest
    // nesting in application payloads still passes through.
    QFETCH(QByteArray, data);
    QFETCH(bool, accepted);

    const QByteArray clientFrame = R"({"type":"sendToGroup","group":"g","data":)"_ba + data + "}"_ba;
    const ClientDecodeResult client = decodeClientMessage(clientFrame);
    QVERIFY2(client.ok() == accepted, outcome(client).constData());
    if (accepted) {
        const ClientDecodeResult again = decodeClientMessage(encode(*client.message));
        QVERIFY2(again.ok(), outcome(again).constData());
        QCOMPARE(*again.message, *client.message);
    } else {
        QVERIFY2(client.error.contains("invalid JSON"_L1), outcome(client).constData());
    }

    const QByteArray serviceFrame =
        R"({"type":"message","from":"server","dataType":"json","data":)"_ba + data + "}"_ba;
    const ServiceDecodeResult service = decodeServiceMessage(serviceFrame);
    QVERIFY2(service.ok() == accepted, outcome(service).constData());
    if (!accepted)
        QVERIFY2(service.error.contains("invalid JSON"_L1), outcome(service).constData());

    QVERIFY(!decodeClientMessage(data).ok());
    QVERIFY(!decodeServiceMessage(data).ok());
}

void TestWebPubSub::randomBytesNeverCrash()
{
    // Fixed seed: a failure is reproducible. Half the buffers are pure noise, half are valid
    // frames with a few bytes corrupted, which reaches the field checks behind the JSON parser.
    const QList<QByteArray> seeds {
        R"({"type":"sendToGroup","group":"room1","ackId":3,"noEcho":false,"dataType":"binary","data":"AQID"})"_ba,
        R"({"type":"event","event":"chatMessage","ackId":4,"dataType":"text","data":"payload"})"_ba,
        R"({"type":"sequenceAck","sequenceId":"17"})"_ba,
        R"({"sequenceId":5,"type":"message","from":"group","group":"room1","dataType":"text","data":"hello","fromUserId":"alice"})"_ba,
        R"({"type":"system","event":"connected","userId":"alice","connectionId":"c","reconnectionToken":"t"})"_ba,
        R"({"type":"ack","ackId":3,"success":false,"error":{"name":"Forbidden","message":"no"}})"_ba,
    };
    const char alphabet[] = R"({}[]":,0123456789-+.eE \tnulltruefalse)";
    QRandomGenerator random(20240611);
    int accepted = 0;
    for (int i = 0; i < 2000; ++i) {
        QByteArray buffer;
        if (i % 2 == 0) {
            buffer.resize(random.bounded(0, 512));
            for (char &c : buffer)
                c = static_cast<char>(random.bounded(256));
        } else {
            buffer = seeds.at(random.bounded(int(seeds.size())));
            const int edits = random.bounded(1, 4);
            for (int e = 0; e < edits; ++e) {
                const int pos = random.bounded(int(buffer.size()));
                buffer[pos] = random.bounded(2) ? alphabet[random.bounded(int(sizeof alphabet) - 1)]
                                                : static_cast<char>(random.bounded(256));
            }
        }

        const ClientDecodeResult client = decodeClientMessage(buffer);
        QVERIFY2(client.ok() != !client.error.isEmpty(), buffer.toHex().constData());
        if (client.ok()) {
            ++accepted;
            // Whatever is accepted re-encodes into a frame that decodes to the same message.
            const ClientDecodeResult again = decodeClientMessage(encode(*client.message));
            QVERIFY2(again.ok(), outcome(again).constData());
            QCOMPARE(*again.message, *client.message);
        }
        const ServiceDecodeResult service = decodeServiceMessage(buffer);
        QVERIFY2(service.ok() != !service.error.isEmpty(), buffer.toHex().constData());
        if (service.ok()) {
            ++accepted;
            const ServiceDecodeResult again = decodeServiceMessage(encode(*service.message));
            QVERIFY2(again.ok(), outcome(again).constData());
            QCOMPARE(*again.message, *service.message);
        }
    }
    QVERIFY2(accepted > 0, "the corrupted seeds should sometimes stay valid");
}

void TestWebPubSub::hostileTypeNameIsTruncatedInError()
{
    // Error texts end up in logs and acks; an attacker-sized type name must not.
    const QByteArray frame = R"({"type":")"_ba + QByteArray(100000, 'A') + R"("})"_ba;
    const ClientDecodeResult client = decodeClientMessage(frame);
    QVERIFY(!client.ok());
    QVERIFY2(client.error.size() < 200, qPrintable(client.error.left(300)));
    const ServiceDecodeResult service = decodeServiceMessage(frame);
    QVERIFY(service.unknownType);
    QVERIFY2(service.error.size() < 200, qPrintable(service.error.left(300)));
}

void TestWebPubSub::clientRoundTrip_data()
{
    QTest::addColumn<ClientMessage>("message");

    QTest::addRow("joinGroup") << ClientMessage(JoinGroup { .group = u"room1"_s, .ackId = 1 });
    QTest::addRow("joinGroup no ackId")
        << ClientMessage(JoinGroup { .group = u"Grüße ✓"_s, .ackId = std::nullopt });
    QTest::addRow("leaveGroup max ackId")
        << ClientMessage(LeaveGroup { .group = u"room1"_s, .ackId = 9007199254740991ULL });
    QTest::addRow("sendToGroup json")
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = 3, .noEcho = false,
                                       .dataType = DataType::Json,
                                       .data = json(R"({"text":"hi","n":[1,2.5,null,true]})") });
    QTest::addRow("sendToGroup text noEcho")
        << ClientMessage(SendToGroup { .group = u"room1"_s, .ackId = std::nullopt, .noEcho = true,
                                       .dataType = DataType::Text,
                                       .data = json(R"("line1\nline2 \"quoted\"")") });
    QTest::addRow("sendToGroup binary")
        << ClientMessage(SendToGroup { .group = u"g"_s, .ackId = 0, .noEcho = false,
                                       .dataType = DataType::Binary, .data = json(R"("AAEC/w==")") });
    QTest::addRow("sendToGroup json null")
        << ClientMessage(SendToGroup { .group = u"g"_s, .ackId = std::nullopt, .noEcho = false,
                                       .dataType = DataType::Json, .data = QJsonValue() });
    QTest::addRow("event")
        << ClientMessage(SendEvent { .event = u"chatMessage"_s, .ackId = 4,
                                     .dataType = DataType::Text, .data = json(R"("payload")") });
    QTest::addRow("event protobuf")
        << ClientMessage(SendEvent { .event = u"pb"_s, .ackId = std::nullopt,
                                     .dataType = DataType::Protobuf, .data = json(R"("CgJoaQ==")") });
    QTest::addRow("sequenceAck") << ClientMessage(SequenceAck { .sequenceId = 17 });
    QTest::addRow("sequenceAck 2^53-1")
        << ClientMessage(SequenceAck { .sequenceId = 9007199254740991ULL });
    // Found by fuzz_webpubsub: ids decoded from strings were encoded as lossy (or, beyond 2^63,
    // negative) numbers, which the decoder then rejected.
    QTest::addRow("sequenceAck 2^53")
        << ClientMessage(SequenceAck { .sequenceId = 9007199254740992ULL });
    QTest::addRow("sequenceAck from fuzzer")
        << ClientMessage(SequenceAck { .sequenceId = 777777777777777775ULL });
    QTest::addRow("sequenceAck 2^64-1")
        << ClientMessage(SequenceAck { .sequenceId = 18446744073709551615ULL });
    QTest::addRow("ping") << ClientMessage(Ping {});
}

void TestWebPubSub::clientRoundTrip()
{
    QFETCH(ClientMessage, message);

    const QByteArray frame = encode(message);
    QVERIFY2(QJsonDocument::fromJson(frame).isObject(), frame.constData());
    QVERIFY2(!frame.contains('\n'), "frames are compact JSON");
    const ClientDecodeResult decoded = decodeClientMessage(frame);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error + u" in "_s + QString::fromUtf8(frame)));
    QCOMPARE(*decoded.message, message);
}

void TestWebPubSub::serviceRoundTrip_data()
{
    QTest::addColumn<ServiceMessage>("message");

    QTest::addRow("ack success")
        << ServiceMessage(Ack { .ackId = 3, .success = true, .errorName = {}, .errorMessage = {} });
    QTest::addRow("ack Forbidden")
        << ServiceMessage(Ack { .ackId = 4, .success = false, .errorName = AckError::Forbidden,
                                .errorMessage = u"no permission to send to room1"_s });
    QTest::addRow("ack BadRequest")
        << ServiceMessage(Ack { .ackId = 9007199254740991ULL, .success = false,
                                .errorName = AckError::BadRequest, .errorMessage = u"bad"_s });
    QTest::addRow("group message full")
        << ServiceMessage(GroupMessage { .group = u"room1"_s, .fromUserId = u"alice"_s,
                                         .dataType = DataType::Text, .data = json(R"("hello")"),
                                         .sequenceId = 5 });
    QTest::addRow("group message anonymous")
        << ServiceMessage(GroupMessage { .group = u"g 1"_s, .fromUserId = std::nullopt,
                                         .dataType = DataType::Json, .data = json(R"({"a":[1]})"),
                                         .sequenceId = std::nullopt });
    QTest::addRow("server message binary")
        << ServiceMessage(ServerMessage { .dataType = DataType::Binary, .data = json(R"("AQID")"),
                                          .sequenceId = 6 });
    QTest::addRow("connected reliable")
        << ServiceMessage(Connected { .connectionId = u"conn-1"_s, .userId = u"alice"_s,
                                      .reconnectionToken = u"tok+/=1"_s });
    QTest::addRow("connected anonymous")
        << ServiceMessage(Connected { .connectionId = u"conn-2"_s, .userId = std::nullopt,
                                      .reconnectionToken = std::nullopt });
    QTest::addRow("disconnected")
        << ServiceMessage(Disconnected { .message = u"closed by server: bye"_s });
    QTest::addRow("pong") << ServiceMessage(Pong {});
}

void TestWebPubSub::serviceRoundTrip()
{
    QFETCH(ServiceMessage, message);

    const QByteArray frame = encode(message);
    QVERIFY2(!frame.contains('\n'), "frames are compact JSON");
    const ServiceDecodeResult decoded = decodeServiceMessage(frame);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error + u" in "_s + QString::fromUtf8(frame)));
    QCOMPARE(*decoded.message, message);
}

void TestWebPubSub::encodedData_data()
{
    QTest::addColumn<bool>("fromGroup");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("fromUserId"); // empty: anonymous
    QTest::addColumn<DataType>("dataType");
    QTest::addColumn<QJsonValue>("data");

    QTest::addRow("group json") << true << u"room1"_s << u"alice"_s << DataType::Json
                                << json(R"({"hi":1,"nested":{"list":[1,2,3]}})");
    QTest::addRow("group anonymous text unicode") << true << u"Grüße"_s << QString()
                                                  << DataType::Text << json(R"("héllo ✓ \"q\"")");
    QTest::addRow("group binary") << true << u"g1"_s << u"bob"_s << DataType::Binary
                                  << json(R"("AQID")");
    QTest::addRow("server json") << false << QString() << QString() << DataType::Json
                                 << json(R"({"a":1})");
    QTest::addRow("server text") << false << QString() << QString() << DataType::Text
                                 << json(R"("plain")");
}

void TestWebPubSub::encodedData()
{
    QFETCH(bool, fromGroup);
    QFETCH(QString, group);
    QFETCH(QString, fromUserId);
    QFETCH(DataType, dataType);
    QFETCH(QJsonValue, data);

    const std::optional<QString> sender =
        fromUserId.isEmpty() ? std::nullopt : std::optional<QString>(fromUserId);
    const EncodedData encoded = fromGroup ? EncodedData::forGroup(group, sender, dataType, data)
                                          : EncodedData::forServer(dataType, data);
    const auto expected = [&](std::optional<quint64> sequenceId) {
        return fromGroup ? ServiceMessage(GroupMessage { group, sender, dataType, data, sequenceId })
                         : ServiceMessage(ServerMessage { dataType, data, sequenceId });
    };

    // Without a sequence id (non-reliable protocol) the frame has no sequenceId at all.
    const QString plain = encoded.textFrame(std::nullopt);
    const QJsonObject plainObject = QJsonDocument::fromJson(plain.toUtf8()).object();
    QVERIFY2(!plainObject.isEmpty(), qPrintable(plain));
    QVERIFY(!plainObject.contains("sequenceId"_L1));
    QCOMPARE(encoded.frame(std::nullopt), plain.toUtf8());
    const ServiceDecodeResult plainDecoded = decodeServiceMessage(encoded.frame(std::nullopt));
    QVERIFY2(plainDecoded.ok(), qPrintable(plainDecoded.error));
    QCOMPARE(*plainDecoded.message, expected(std::nullopt));

    for (const quint64 sequenceId : { 1ULL, 2ULL, 300ULL, 9007199254740991ULL }) {
        const QString text = encoded.textFrame(sequenceId);
        // sequenceId comes first, as the service sends it.
        QVERIFY2(text.startsWith(u"{\"sequenceId\":%1,"_s.arg(sequenceId)), qPrintable(text));
        QCOMPARE(encoded.frame(sequenceId), text.toUtf8());

        QJsonParseError error;
        QJsonObject object = QJsonDocument::fromJson(text.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(object.value("sequenceId"_L1).toInteger(), static_cast<qint64>(sequenceId));
        object.remove("sequenceId"_L1);
        QCOMPARE(object, plainObject); // the payload is spliced, not re-serialised differently

        const ServiceDecodeResult decoded = decodeServiceMessage(encoded.frame(sequenceId));
        QVERIFY2(decoded.ok(), qPrintable(decoded.error));
        QCOMPARE(*decoded.message, expected(sequenceId));
    }
}

void TestWebPubSub::dataTypeNames()
{
    for (const DataType type : { DataType::Json, DataType::Text, DataType::Binary,
                                 DataType::Protobuf }) {
        const auto parsed = dataTypeFromString(QString(toString(type)));
        QVERIFY(parsed);
        QVERIFY(*parsed == type);
    }
    QCOMPARE(QString(toString(DataType::Binary)), u"binary"_s);
    QVERIFY(!dataTypeFromString(u"Binary"));
    QVERIFY(!dataTypeFromString(u""));
}

QTEST_APPLESS_MAIN(TestWebPubSub)
#include "tst_webpubsub.moc"
