#include "sessionmessages.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;

namespace wr::session {

namespace {

QJsonValue number(double v)
{
    if (std::isnan(v))
        return u"gap"_s;
    if (!std::isfinite(v))
        return v > 0 ? u"+inf"_s : u"-inf"_s;
    return v;
}

QJsonValue optionalString(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(u"<none>"_s);
}

QJsonValue optionalTime(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(u"<none>"_s);
}

QJsonObject describe(const MetricSeries &s)
{
    QJsonObject o { { u"id"_s, s.id },
                    { u"name"_s, optionalString(s.name) },
                    { u"unit"_s, optionalString(s.unit) } };
    if (s.labels) {
        QJsonObject labels;
        for (auto it = s.labels->constBegin(); it != s.labels->constEnd(); ++it)
            labels.insert(it.key(), it.value());
        o.insert("labels"_L1, labels);
    } else {
        o.insert("labels"_L1, u"<none>"_s);
    }
    QJsonArray points;
    for (const auto &[t, v] : s.points)
        points.append(QJsonArray { t, number(v) });
    o.insert("points"_L1, points);
    return o;
}

QJsonObject describe(const Annotation &a)
{
    return { { u"id"_s, a.id },         { u"panel"_s, optionalString(a.panel) },
             { u"t0"_s, a.t0 },         { u"t1"_s, optionalTime(a.t1) },
             { u"text"_s, a.text },     { u"tags"_s, QJsonArray::fromStringList(a.tags) },
             { u"color"_s, a.color },   { u"clock"_s, a.clock.toString() },
             { u"author"_s, a.author }, { u"deleted"_s, a.deleted } };
}

// Every field, including those encode() leaves out, so two messages that differ anywhere also
// print differently.
QJsonObject describe(const Message &message)
{
    QJsonObject o;
    if (const auto *m = std::get_if<MetricsFrame>(&message)) {
        o.insert("kind"_L1, u"MetricsFrame"_s);
        o.insert("source"_L1, m->source);
        QJsonArray series;
        for (const MetricSeries &s : m->series)
            series.append(describe(s));
        o.insert("series"_L1, series);
    } else if (const auto *m = std::get_if<Hello>(&message)) {
        o.insert("kind"_L1, u"Hello"_s);
        o.insert("name"_L1, m->name);
        o.insert("color"_L1, m->color);
        o.insert("client"_L1, m->client);
    } else if (const auto *m = std::get_if<Presence>(&message)) {
        o.insert("kind"_L1, u"Presence"_s);
        o.insert("name"_L1, m->name);
        o.insert("color"_L1, m->color);
        o.insert("state"_L1, static_cast<int>(m->state));
        if (m->view) {
            o.insert("view"_L1,
                     QJsonObject { { u"panel"_s, m->view->panel },
                                   { u"from"_s, optionalTime(m->view->from) },
                                   { u"to"_s, optionalTime(m->view->to) } });
        } else {
            o.insert("view"_L1, u"<none>"_s);
        }
        o.insert("followable"_L1, m->followable);
    } else if (const auto *m = std::get_if<Cursor>(&message)) {
        o.insert("kind"_L1, u"Cursor"_s);
        o.insert("panel"_L1, optionalString(m->panel));
        o.insert("t"_L1, m->t);
        o.insert("y"_L1, number(m->y));
    } else if (std::holds_alternative<Bye>(message)) {
        o.insert("kind"_L1, u"Bye"_s);
    } else if (std::holds_alternative<SyncRequest>(message)) {
        o.insert("kind"_L1, u"SyncRequest"_s);
    } else if (const auto *m = std::get_if<AnnotationOp>(&message)) {
        o.insert("kind"_L1, u"AnnotationOp"_s);
        o.insert("op"_L1, m->kind == AnnotationOp::Kind::Put ? u"put"_s : u"delete"_s);
        o.insert("annotation"_L1, describe(m->annotation));
    } else if (const auto *m = std::get_if<Snapshot>(&message)) {
        o.insert("kind"_L1, u"Snapshot"_s);
        QJsonArray annotations;
        for (const Annotation &a : m->annotations)
            annotations.append(describe(a));
        o.insert("annotations"_L1, annotations);
    }
    return o;
}

char *jsonText(const QJsonObject &o)
{
    return QTest::toString(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

} // namespace

// Found by argument-dependent lookup from QCOMPARE.
char *toString(const Message &message)
{
    return jsonText(describe(message));
}

char *toString(const MetricsFrame &frame)
{
    return toString(Message(frame));
}

char *toString(const Snapshot &snapshot)
{
    return toString(Message(snapshot));
}

char *toString(const MetricSeries &series)
{
    return jsonText(describe(series));
}

char *toString(const Annotation &annotation)
{
    return jsonText(describe(annotation));
}

char *toString(const HlcTimestamp &clock)
{
    return QTest::toString(u"HLC(%1, %2, \"%3\")"_s.arg(
        QString::number(clock.physicalMs), QString::number(clock.counter), clock.node));
}

} // namespace wr::session

using namespace wr::session;

namespace {

constexpr qint64 kT = 1795400000000;
constexpr qint64 kAzureT = 1714644000000; // 2024-05-02T10:00:00Z
constexpr qint64 kMinute = 60000;
constexpr double kGap = std::numeric_limits<double>::quiet_NaN();

HlcTimestamp hlc(qint64 physicalMs, quint32 counter, const QString &node)
{
    return HlcTimestamp { physicalMs, counter, node };
}

using Labels = QMap<QString, QString>;
using Points = QList<QPair<qint64, double>>;

MetricSeries series(const QString &id, std::optional<QString> name, std::optional<QString> unit,
                    std::optional<Labels> labels, Points points)
{
    MetricSeries s;
    s.id = id;
    s.name = std::move(name);
    s.unit = std::move(unit);
    s.labels = std::move(labels);
    s.points = std::move(points);
    return s;
}

// Points at kAzureT + i minutes.
Points minutes(std::initializer_list<double> values)
{
    Points points;
    qint64 t = kAzureT;
    for (double v : values) {
        points.append({ t, v });
        t += kMinute;
    }
    return points;
}

Annotation deployRegion()
{
    Annotation a;
    a.id = u"5f0c9a"_s;
    a.panel = u"host-alpha/cpu.usage"_s;
    a.t0 = kT;
    a.t1 = kT + 60000;
    a.text = u"deploy 4.2 rolling out"_s;
    a.tags = { u"deploy"_s };
    a.color = u"#f5a524"_s;
    a.clock = hlc(1795400000123, 0, u"alice"_s);
    return a;
}

AnnotationOp putOp(const Annotation &a)
{
    return AnnotationOp { AnnotationOp::Kind::Put, a };
}

AnnotationOp deleteOp(const QString &id, const HlcTimestamp &clock)
{
    Annotation a;
    a.id = id;
    a.clock = clock;
    a.deleted = true;
    return AnnotationOp { AnnotationOp::Kind::Delete, a };
}

Annotation tombstone(const QString &id, const HlcTimestamp &clock, const QString &author)
{
    Annotation a;
    a.id = id;
    a.clock = clock;
    a.author = author;
    a.deleted = true;
    return a;
}

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    Q_ASSERT(error.error == QJsonParseError::NoError && doc.isObject());
    return doc.object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString repeated(char c, qsizetype n)
{
    return QString(n, QChar::fromLatin1(c));
}

QByteArray outcome(const DecodeResult &result)
{
    if (!result.ok())
        return "rejected: "_ba + result.error.toUtf8();
    const std::unique_ptr<char[]> text(toString(*result.message));
    return "accepted as "_ba + text.get();
}

// A valid message is decoded, re-encoded and decoded again to the same thing.
bool isStable(const DecodeResult &result, QByteArray *why)
{
    if (!result.ok())
        return true;
    const DecodeResult again = decode(compact(encode(*result.message)));
    if (again.ok() && *again.message == *result.message)
        return true;
    *why = "first " + outcome(result) + ", then " + outcome(again);
    return false;
}

QByteArray azureEnvelope(const QByteArray &response)
{
    return R"({"type":"metrics","v":1,"timestamp":"2024-05-02T10:05:00Z","data":)"_ba + response
        + "}"_ba;
}

QByteArray readFixture(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Paths to every value inside a JSON document: object keys and array indices.
using JsonPath = QList<QVariant>;

void collectPaths(const QJsonValue &value, const JsonPath &prefix, QList<JsonPath> *out)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            JsonPath path = prefix;
            path.append(it.key());
            out->append(path);
            collectPaths(it.value(), path, out);
        }
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            JsonPath path = prefix;
            path.append(static_cast<int>(i));
            out->append(path);
            collectPaths(a.at(i), path, out);
        }
    }
}

QJsonValue replaced(const QJsonValue &root, const JsonPath &path, qsizetype depth,
                    const QJsonValue &with)
{
    if (depth == path.size())
        return with;
    const QVariant &step = path.at(depth);
    if (step.typeId() == QMetaType::Int) {
        QJsonArray a = root.toArray();
        a.replace(step.toInt(), replaced(a.at(step.toInt()), path, depth + 1, with));
        return a;
    }
    QJsonObject o = root.toObject();
    o.insert(step.toString(), replaced(o.value(step.toString()), path, depth + 1, with));
    return o;
}

// The path as the decoder names fields: a.b[2].c
QString pathText(const JsonPath &path)
{
    QString text;
    for (const QVariant &step : path) {
        if (step.typeId() == QMetaType::Int)
            text += u"[%1]"_s.arg(step.toInt());
        else
            text += (text.isEmpty() ? QString() : u"."_s) + step.toString();
    }
    return text;
}

// Whether an error quotes `field` or a path inside it.
bool names(const QString &error, const QString &field)
{
    return error.contains(u"'"_s + field + u"'"_s) || error.contains(u"'"_s + field + u"["_s)
        || error.contains(u"'"_s + field + u"."_s);
}

// Whether an error is about a field the message lacks: one the mutation made required, such as
// "t" once a cursor has a panel, or "t0" once a tombstone is live.
bool namesMissingField(const QString &error, const QJsonValue &message)
{
    static const QRegularExpression quoted(u"^'([^']+)'"_s);
    static const QRegularExpression step(u"([^.\\[\\]]+)|\\[(\\d+)\\]"_s);
    const QRegularExpressionMatch match = quoted.match(error);
    if (!match.hasMatch())
        return false;
    QJsonValue value = message;
    auto steps = step.globalMatch(match.captured(1));
    while (steps.hasNext()) {
        const QRegularExpressionMatch s = steps.next();
        value = s.captured(2).isEmpty() ? value.toObject().value(s.captured(1))
                                        : value.toArray().at(s.captured(2).toInt());
    }
    return value.isUndefined();
}

QList<QByteArray> validSamples()
{
    return {
        R"({"type":"metrics","v":1,"source":"relay:host-alpha","series":[{"id":"cpu","name":"CPU","unit":"%","labels":{"host":"alpha"},"points":[[1795400000000,12.5],[1795400001000,null],[1795400002000,13]]}]})"_ba,
        R"({"type":"hello","v":1,"name":"Alice","color":"#e5484d","client":"watchroom/1.0"})"_ba,
        R"({"type":"presence","v":1,"name":"Alice","color":"#e5484d","state":"idle","view":{"panel":"cpu","from":1795399700000,"to":1795400000000},"followable":false})"_ba,
        R"({"type":"cursor","v":1,"panel":"cpu","t":1795400000500,"y":12.7})"_ba,
        R"({"type":"cursor","v":1,"panel":null})"_ba,
        R"({"type":"bye","v":1})"_ba,
        R"({"type":"sync-request","v":1})"_ba,
        R"({"type":"annotation","v":1,"op":"put","id":"a1","panel":"cpu","t0":1795400000000,"t1":1795400060000,"text":"deploy","tags":["deploy","prod"],"color":"#f5a524","clock":"1795400000123:0:alice"})"_ba,
        R"({"type":"annotation","v":1,"op":"delete","id":"a1","clock":"1795400100000:2:bob"})"_ba,
        R"({"type":"snapshot","v":1,"annotations":[{"id":"a1","panel":null,"t0":1795400000000,"t1":null,"text":"x","tags":["t"],"color":"#000000","clock":"1:0:alice","author":"alice","deleted":false},{"id":"a2","clock":"2:0:bob","author":"bob","deleted":true}]})"_ba,
        azureEnvelope(
            R"({"value":[{"name":{"value":"cpu","localizedValue":"CPU"},"unit":"Percent","timeseries":[{"metadatavalues":[{"name":{"value":"host","localizedValue":"host"},"value":"alpha"}],"data":[{"timeStamp":"2024-05-02T10:00:00Z","average":1.5,"count":2},{"timeStamp":"2024-05-02T10:01:00Z","count":0}]}]}]})"_ba),
        azureEnvelope(
            R"({"metrics":[{"name":"Requests","unit":"Count","timeseries":[{"metadataValues":[{"name":"Instance","value":"i1"}],"data":[{"timeStamp":"2024-05-02T10:00:00.000Z","total":3},{"timeStamp":"2024-05-02T10:01:00.000Z","total":4}]}]}]})"_ba),
    };
}

} // namespace

class TestSessionMessages : public QObject
{
    Q_OBJECT

private slots:
    void boardNames_data();
    void boardNames();
    void groupNames();
    void rolesFor_data();
    void rolesFor();
    void hlcParse_data();
    void hlcParse();
    void hlcCompare_data();
    void hlcCompare();
    void hlcSortOrder();
    void metricSeriesEquality_data();
    void metricSeriesEquality();
    void decode_data();
    void decode();
    void decodeRejects_data();
    void decodeRejects();
    void versions_data();
    void versions();
    void roundTrip_data();
    void roundTrip();
    void encodedForm_data();
    void encodedForm();
    void azureFixtures_data();
    void azureFixtures();
    void azureTimestamps_data();
    void azureTimestamps();
    void azureRejects_data();
    void azureRejects();
    void azureLongDimensionsKeepIdsShortAndStable();
    void sizeLimits_data();
    void sizeLimits();
    void splitSnapshotFitsTheLimit();
    void deepNesting_data();
    void deepNesting();
    void hugeArrays_data();
    void hugeArrays();
    void wrongTypesEverywhere();
    void randomMutationsNeverCrash();
    void hostileTypeNameIsTruncatedInError();
};

// ---- names and roles ------------------------------------------------------------------------

void TestSessionMessages::boardNames_data()
{
    QTest::addColumn<QString>("board");
    QTest::addColumn<bool>("valid");

    QTest::addRow("main") << u"main"_s << true;
    QTest::addRow("dashes and dots") << u"payments-prod.eu_1"_s << true;
    QTest::addRow("one character") << u"a"_s << true;
    QTest::addRow("64 characters") << repeated('b', 64) << true;
    QTest::addRow("65 characters") << repeated('b', 65) << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("space") << u"my board"_s << false;
    QTest::addRow("slash") << u"a/b"_s << false;
    QTest::addRow("colon") << u"a:b"_s << false;
    QTest::addRow("non-ASCII letter") << u"bücher"_s << false;
    QTest::addRow("group separator is not special") << u"main.presence"_s << true;
}

void TestSessionMessages::boardNames()
{
    QFETCH(QString, board);
    QFETCH(bool, valid);
    QCOMPARE(isValidBoardName(board), valid);
}

void TestSessionMessages::groupNames()
{
    QCOMPARE(metricsGroup(u"payments-prod"_s), u"payments-prod.metrics"_s);
    QCOMPARE(presenceGroup(u"payments-prod"_s), u"payments-prod.presence"_s);
    QCOMPARE(annotationsGroup(u"payments-prod"_s), u"payments-prod.annotations"_s);
}

void TestSessionMessages::rolesFor_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("board");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("viewer") << u"viewer"_s << u"main"_s
                            << QStringList { u"webpubsub.joinLeaveGroup"_s,
                                             u"webpubsub.sendToGroup.main.presence"_s };
    QTest::addRow("annotator") << u"annotator"_s << u"main"_s
                               << QStringList { u"webpubsub.joinLeaveGroup"_s,
                                                u"webpubsub.sendToGroup.main.presence"_s,
                                                u"webpubsub.sendToGroup.main.annotations"_s };
    QTest::addRow("source cannot join or send elsewhere")
        << u"source"_s << u"payments-prod"_s
        << QStringList { u"webpubsub.sendToGroup.payments-prod.metrics"_s };
    QTest::addRow("admin") << u"admin"_s << u"main"_s
                           << QStringList { u"webpubsub.joinLeaveGroup"_s,
                                            u"webpubsub.sendToGroup"_s };
    QTest::addRow("unknown role") << u"owner"_s << u"main"_s << QStringList();
    QTest::addRow("role names are case-sensitive") << u"Viewer"_s << u"main"_s << QStringList();
    QTest::addRow("empty role") << QString() << u"main"_s << QStringList();
    QTest::addRow("invalid board") << u"viewer"_s << u"a b"_s << QStringList();
}

void TestSessionMessages::rolesFor()
{
    QFETCH(QString, role);
    QFETCH(QString, board);
    QFETCH(QStringList, expected);
    QCOMPARE(webPubSubRolesFor(role, board), expected);
}

// ---- hybrid logical clock ---------------------------------------------------------------------

void TestSessionMessages::hlcParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<HlcTimestamp>("expected");
    QTest::addColumn<QString>("canonical");

    const auto ok = [](const char *name, const QString &text, const HlcTimestamp &expected,
                       const QString &canonical) {
        QTest::addRow("%s", name) << text << true << expected << canonical;
    };
    const auto bad = [](const char *name, const QString &text) {
        QTest::addRow("%s", name) << text << false << HlcTimestamp() << QString();
    };

    ok("plain", u"1795400000123:0:alice"_s, hlc(1795400000123, 0, u"alice"_s),
       u"1795400000123:0:alice"_s);
    ok("counter", u"1795400000123:17:bob"_s, hlc(1795400000123, 17, u"bob"_s),
       u"1795400000123:17:bob"_s);
    ok("node with colons", u"5:1:aad:tenant:user"_s, hlc(5, 1, u"aad:tenant:user"_s),
       u"5:1:aad:tenant:user"_s);
    ok("node that is only a colon", u"5:1::"_s, hlc(5, 1, u":"_s), u"5:1::"_s);
    ok("node with spaces", u"5:1: a b "_s, hlc(5, 1, u" a b "_s), u"5:1: a b "_s);
    ok("zero", u"0:0:x"_s, hlc(0, 0, u"x"_s), u"0:0:x"_s);
    ok("leading zeros", u"0007:0002:x"_s, hlc(7, 2, u"x"_s), u"7:2:x"_s);
    ok("largest physical", u"9223372036854775807:0:x"_s,
       hlc(std::numeric_limits<qint64>::max(), 0, u"x"_s), u"9223372036854775807:0:x"_s);
    ok("largest counter", u"1:4294967295:x"_s, hlc(1, 4294967295u, u"x"_s), u"1:4294967295:x"_s);
    ok("non-ASCII node", u"1:0:zoë"_s, hlc(1, 0, u"zoë"_s), u"1:0:zoë"_s);

    bad("empty", QString());
    bad("no colon", u"1795400000123"_s);
    bad("one colon", u"1795400000123:0"_s);
    bad("empty node", u"1:0:"_s);
    bad("empty physical", u":0:alice"_s);
    bad("empty counter", u"1::alice"_s);
    bad("negative physical", u"-1:0:alice"_s);
    bad("negative counter", u"1:-1:alice"_s);
    bad("plus sign", u"+1:0:alice"_s);
    bad("leading space", u" 1:0:alice"_s);
    bad("trailing space in counter", u"1:0 :alice"_s);
    bad("fraction", u"1.5:0:alice"_s);
    bad("hex", u"0x10:0:alice"_s);
    bad("physical overflows qint64", u"9223372036854775808:0:alice"_s);
    bad("physical far too long", u"99999999999999999999999:0:alice"_s);
    bad("counter overflows quint32", u"1:4294967296:alice"_s);
    bad("letters", u"yesterday:0:alice"_s);
    bad("Arabic-Indic digits", u"١:0:alice"_s);
}

void TestSessionMessages::hlcParse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(HlcTimestamp, expected);
    QFETCH(QString, canonical);

    const auto parsed = HlcTimestamp::parse(text);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->toString(), canonical);
    const auto again = HlcTimestamp::parse(parsed->toString());
    QVERIFY(again.has_value());
    QCOMPARE(*again, *parsed);
}

void TestSessionMessages::hlcCompare_data()
{
    QTest::addColumn<HlcTimestamp>("a");
    QTest::addColumn<HlcTimestamp>("b");
    QTest::addColumn<int>("expected"); // sign of a <=> b

    QTest::addRow("equal") << hlc(5, 1, u"alice"_s) << hlc(5, 1, u"alice"_s) << 0;
    QTest::addRow("physical decides") << hlc(4, 9, u"zed"_s) << hlc(5, 0, u"alice"_s) << -1;
    QTest::addRow("physical is numeric, not text") << hlc(10, 0, u"a"_s) << hlc(9, 0, u"a"_s) << 1;
    QTest::addRow("counter decides") << hlc(5, 1, u"zed"_s) << hlc(5, 2, u"alice"_s) << -1;
    QTest::addRow("counter is numeric, not text") << hlc(5, 10, u"a"_s) << hlc(5, 9, u"a"_s) << 1;
    QTest::addRow("node breaks ties") << hlc(5, 1, u"alice"_s) << hlc(5, 1, u"bob"_s) << -1;
    QTest::addRow("node prefix is smaller") << hlc(5, 1, u"bob"_s) << hlc(5, 1, u"bobby"_s) << -1;
    QTest::addRow("node is case-sensitive, upper case first")
        << hlc(5, 1, u"Zed"_s) << hlc(5, 1, u"alice"_s) << -1;
    QTest::addRow("node with colon compares as text")
        << hlc(5, 1, u"a:b"_s) << hlc(5, 1, u"a"_s) << 1;
    QTest::addRow("colon sorts before letters") << hlc(5, 1, u"a:z"_s) << hlc(5, 1, u"aa"_s) << -1;
    QTest::addRow("large physical")
        << hlc(std::numeric_limits<qint64>::max(), 0, u"a"_s)
        << hlc(std::numeric_limits<qint64>::max() - 1, 4294967295u, u"z"_s) << 1;
}

void TestSessionMessages::hlcCompare()
{
    QFETCH(HlcTimestamp, a);
    QFETCH(HlcTimestamp, b);
    QFETCH(int, expected);

    const auto sign = [](std::strong_ordering o) { return o < 0 ? -1 : (o > 0 ? 1 : 0); };
    QCOMPARE(sign(a <=> b), expected);
    QCOMPARE(sign(b <=> a), -expected); // antisymmetric
    QCOMPARE(a == b, expected == 0);
    QCOMPARE(a < b, expected < 0);
    // The wire form orders the same way once parsed.
    QCOMPARE(sign(*HlcTimestamp::parse(a.toString()) <=> *HlcTimestamp::parse(b.toString())),
             expected);
}

void TestSessionMessages::hlcSortOrder()
{
    const QList<HlcTimestamp> sorted {
        hlc(1, 0, u"b"_s),
        hlc(1, 1, u"a"_s),
        hlc(1, 2, u"a"_s),
        hlc(1, 10, u"a"_s),
        hlc(2, 0, u"B"_s),
        hlc(2, 0, u"a"_s),
        hlc(2, 0, u"a:1"_s),
        hlc(2, 0, u"ab"_s),
        hlc(10, 0, u"a"_s),
        hlc(100, 0, u"a"_s),
        hlc(1795400000000, 0, u"a"_s),
    };
    QList<HlcTimestamp> shuffled = sorted;
    QRandomGenerator random(424242);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        std::sort(shuffled.begin(), shuffled.end());
        QCOMPARE(shuffled, sorted);
    }
}

// ---- MetricSeries equality ------------------------------------------------------------------

void TestSessionMessages::metricSeriesEquality_data()
{
    QTest::addColumn<MetricSeries>("a");
    QTest::addColumn<MetricSeries>("b");
    QTest::addColumn<bool>("equal");

    const MetricSeries base = series(u"cpu"_s, u"CPU"_s, u"%"_s, Labels { { u"host"_s, u"a"_s } },
                                     { { 1, 1.5 }, { 2, kGap } });
    QTest::addRow("same") << base << base << true;
    QTest::addRow("gap equals gap") << series(u"x"_s, {}, {}, {}, { { 1, kGap } })
                                    << series(u"x"_s, {}, {}, {}, { { 1, -kGap } }) << true;
    QTest::addRow("gap is not zero") << series(u"x"_s, {}, {}, {}, { { 1, kGap } })
                                     << series(u"x"_s, {}, {}, {}, { { 1, 0.0 } }) << false;
    QTest::addRow("zero is not a gap") << series(u"x"_s, {}, {}, {}, { { 1, 0.0 } })
                                       << series(u"x"_s, {}, {}, {}, { { 1, kGap } }) << false;
    QTest::addRow("values compare exactly") << series(u"x"_s, {}, {}, {}, { { 1, 0.1 + 0.2 } })
                                            << series(u"x"_s, {}, {}, {}, { { 1, 0.3 } }) << false;
    QTest::addRow("time differs") << series(u"x"_s, {}, {}, {}, { { 1, 1.0 } })
                                  << series(u"x"_s, {}, {}, {}, { { 2, 1.0 } }) << false;
    QTest::addRow("more points") << series(u"x"_s, {}, {}, {}, { { 1, 1.0 } })
                                 << series(u"x"_s, {}, {}, {}, { { 1, 1.0 }, { 2, 1.0 } }) << false;
    QTest::addRow("id differs") << base
                                << series(u"cpu2"_s, u"CPU"_s, u"%"_s,
                                          Labels { { u"host"_s, u"a"_s } },
                                          { { 1, 1.5 }, { 2, kGap } })
                                << false;
    QTest::addRow("absent name is not an empty name")
        << series(u"x"_s, {}, {}, {}, {}) << series(u"x"_s, QString(), {}, {}, {}) << false;
    QTest::addRow("unit differs") << series(u"x"_s, {}, u"%"_s, {}, {})
                                  << series(u"x"_s, {}, u"ms"_s, {}, {}) << false;
    QTest::addRow("absent labels are not empty labels")
        << series(u"x"_s, {}, {}, {}, {}) << series(u"x"_s, {}, {}, Labels(), {}) << false;
    QTest::addRow("label value differs")
        << series(u"x"_s, {}, {}, Labels { { u"h"_s, u"a"_s } }, {})
        << series(u"x"_s, {}, {}, Labels { { u"h"_s, u"b"_s } }, {}) << false;
}

void TestSessionMessages::metricSeriesEquality()
{
    QFETCH(MetricSeries, a);
    QFETCH(MetricSeries, b);
    QFETCH(bool, equal);
    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
}

// ---- decoding -------------------------------------------------------------------------------

void TestSessionMessages::decode_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Message>("expected");

    // metrics
    QTest::addRow("metrics, the PROTOCOL.md example")
        << R"({"type":"metrics","v":1,"source":"relay:host-alpha",
               "series":[{"id":"host-alpha/cpu.usage","name":"CPU usage","unit":"%",
                          "labels":{"host":"alpha"},
                          "points":[[1795400000000,12.5],[1795400001000,13.0]]}]})"_ba
        << Message(MetricsFrame { u"relay:host-alpha"_s,
                                  { series(u"host-alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s,
                                           Labels { { u"host"_s, u"alpha"_s } },
                                           { { kT, 12.5 }, { kT + 1000, 13.0 } }) } });
    QTest::addRow("metrics, null value is a gap")
        << R"({"type":"metrics","v":1,"series":[{"id":"cpu","points":[[1,1],[2,null],[3,-0.5]]}]})"_ba
        << Message(MetricsFrame {
               QString(),
               { series(u"cpu"_s, {}, {}, {}, { { 1, 1 }, { 2, kGap }, { 3, -0.5 } }) } });
    QTest::addRow("metrics, metadata only (no points)")
        << R"({"type":"metrics","v":1,"series":[{"id":"cpu","name":"CPU","unit":"%","labels":{}}]})"_ba
        << Message(
               MetricsFrame { QString(), { series(u"cpu"_s, u"CPU"_s, u"%"_s, Labels(), {}) } });
    QTest::addRow("metrics, null name/unit/labels mean unchanged")
        << R"({"type":"metrics","v":1,"series":[{"id":"cpu","name":null,"unit":null,"labels":null,"points":[]}]})"_ba
        << Message(MetricsFrame { QString(), { series(u"cpu"_s, {}, {}, {}, {}) } });
    QTest::addRow("metrics, no series")
        << R"({"type":"metrics","v":1,"series":[]})"_ba << Message(MetricsFrame {});
    QTest::addRow("metrics, several series")
        << R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1,1]]},{"id":"b","points":[[1,2]]}]})"_ba
        << Message(MetricsFrame { QString(),
                                  { series(u"a"_s, {}, {}, {}, { { 1, 1 } }),
                                    series(u"b"_s, {}, {}, {}, { { 1, 2 } }) } });
    QTest::addRow("metrics, empty name and unit are values")
        << R"({"type":"metrics","v":1,"series":[{"id":"a","name":"","unit":""}]})"_ba
        << Message(MetricsFrame { QString(), { series(u"a"_s, QString(), QString(), {}, {}) } });
    QTest::addRow("metrics, 128-character id")
        << (R"({"type":"metrics","v":1,"series":[{"id":")"_ba + QByteArray(128, 'i') + R"("}]})"_ba)
        << Message(MetricsFrame { QString(), { series(repeated('i', 128), {}, {}, {}, {}) } });
    QTest::addRow("metrics, largest safe time")
        << R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[9007199254740991,1]]}]})"_ba
        << Message(MetricsFrame { QString(),
                                  { series(u"a"_s, {}, {}, {}, { { 9007199254740991, 1 } }) } });
    QTest::addRow("metrics, time written as 1.0 is an integer")
        << R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1.0,1],[2e3,2]]}]})"_ba
        << Message(MetricsFrame { QString(),
                                  { series(u"a"_s, {}, {}, {}, { { 1, 1 }, { 2000, 2 } }) } });

    // presence
    QTest::addRow("hello")
        << R"({"type":"hello","v":1,"name":"Alice","color":"#e5484d","client":"watchroom/1.0"})"_ba
        << Message(Hello { u"Alice"_s, u"#e5484d"_s, u"watchroom/1.0"_s });
    QTest::addRow("hello, upper-case colour")
        << R"({"type":"hello","v":1,"name":"Alice","color":"#E5484D"})"_ba
        << Message(Hello { u"Alice"_s, u"#E5484D"_s, QString() });
    QTest::addRow("hello, nothing but the type")
        << R"({"type":"hello","v":1})"_ba << Message(Hello {});
    QTest::addRow("presence, the PROTOCOL.md example")
        << R"({"type":"presence","v":1,"name":"Alice","color":"#e5484d","state":"active",
               "view":{"panel":"host-alpha/cpu.usage","from":1795399700000,"to":null},
               "followable":true})"_ba
        << Message(Presence { u"Alice"_s, u"#e5484d"_s, PresenceState::Active,
                              View { u"host-alpha/cpu.usage"_s, 1795399700000, std::nullopt },
                              true });
    QTest::addRow("presence, idle, fixed range, not followable")
        << R"({"type":"presence","v":1,"name":"Bob","state":"idle",
               "view":{"panel":null,"from":1,"to":2},"followable":false})"_ba
        << Message(Presence { u"Bob"_s, QString(), PresenceState::Idle, View { QString(), 1, 2 },
                              false });
    QTest::addRow("presence, away, no view")
        << R"({"type":"presence","v":1,"state":"away"})"_ba
        << Message(Presence { QString(), QString(), PresenceState::Away, std::nullopt, true });
    QTest::addRow("presence, defaults: active and followable")
        << R"({"type":"presence","v":1,"view":null})"_ba << Message(Presence {});
    QTest::addRow("presence, empty view is the whole board, live")
        << R"({"type":"presence","v":1,"view":{}})"_ba
        << Message(Presence { QString(), QString(), PresenceState::Active, View {}, true });
    QTest::addRow("presence, zero-length range")
        << R"({"type":"presence","v":1,"view":{"from":5,"to":5}})"_ba
        << Message(Presence { QString(), QString(), PresenceState::Active, View { QString(), 5, 5 },
                              true });
    QTest::addRow("cursor")
        << R"({"type":"cursor","v":1,"panel":"host-alpha/cpu.usage","t":1795400000500,"y":12.7})"_ba
        << Message(Cursor { u"host-alpha/cpu.usage"_s, 1795400000500, 12.7 });
    QTest::addRow("cursor, negative y")
        << R"({"type":"cursor","v":1,"panel":"p","t":0,"y":-3e9})"_ba
        << Message(Cursor { u"p"_s, 0, -3e9 });
    QTest::addRow("cursor left the charts")
        << R"({"type":"cursor","v":1,"panel":null})"_ba << Message(Cursor {});
    QTest::addRow("cursor left: t and y are ignored")
        << R"({"type":"cursor","v":1,"panel":null,"t":"junk","y":[]})"_ba << Message(Cursor {});
    QTest::addRow("bye") << R"({"type":"bye","v":1})"_ba << Message(Bye {});
    QTest::addRow("sync-request") << R"({"type":"sync-request","v":1})"_ba
                                  << Message(SyncRequest {});

    // annotations
    QTest::addRow("annotation put, the PROTOCOL.md example")
        << R"({"type":"annotation","v":1,"op":"put","id":"5f0c9a","panel":"host-alpha/cpu.usage",
               "t0":1795400000000,"t1":1795400060000,"text":"deploy 4.2 rolling out",
               "tags":["deploy"],"color":"#f5a524","clock":"1795400000123:0:alice"})"_ba
        << Message(putOp(deployRegion()));
    {
        Annotation a;
        a.id = u"p1"_s;
        a.t0 = kT;
        a.clock = hlc(kT, 3, u"aad:user:1"_s);
        QTest::addRow("annotation put, point on every panel, minimal")
            << R"({"type":"annotation","v":1,"op":"put","id":"p1","t0":1795400000000,
                   "clock":"1795400000000:3:aad:user:1"})"_ba
            << Message(putOp(a));
        QTest::addRow("annotation put, explicit nulls")
            << R"({"type":"annotation","v":1,"op":"put","id":"p1","panel":null,"t0":1795400000000,
                   "t1":null,"text":null,"tags":null,"color":null,"clock":"1795400000000:3:aad:user:1"})"_ba
            << Message(putOp(a));
        a.t1 = kT;
        a.text = repeated('t', kMaxTextLength);
        for (int i = 0; i < kMaxTags; ++i)
            a.tags.append(repeated(char('a' + i), kMaxTagLength));
        QTest::addRow("annotation put, at every limit")
            << compact(QJsonObject { { u"type"_s, u"annotation"_s },
                                     { u"v"_s, 1 },
                                     { u"op"_s, u"put"_s },
                                     { u"id"_s, u"p1"_s },
                                     { u"t0"_s, kT },
                                     { u"t1"_s, kT },
                                     { u"text"_s, a.text },
                                     { u"tags"_s, QJsonArray::fromStringList(a.tags) },
                                     { u"clock"_s, u"1795400000000:3:aad:user:1"_s } })
            << Message(putOp(a));
    }
    {
        Annotation a = deployRegion();
        QTest::addRow("annotation put ignores a claimed author")
            << R"({"type":"annotation","v":1,"op":"put","id":"5f0c9a","panel":"host-alpha/cpu.usage",
                   "t0":1795400000000,"t1":1795400060000,"text":"deploy 4.2 rolling out",
                   "tags":["deploy"],"color":"#f5a524","clock":"1795400000123:0:alice",
                   "author":"mallory","deleted":true})"_ba
            << Message(putOp(a));
    }
    QTest::addRow("annotation delete")
        << R"({"type":"annotation","v":1,"op":"delete","id":"5f0c9a","clock":"1795400100000:2:bob"})"_ba
        << Message(deleteOp(u"5f0c9a"_s, hlc(1795400100000, 2, u"bob"_s)));
    QTest::addRow("annotation delete ignores content")
        << R"({"type":"annotation","v":1,"op":"delete","id":"x","clock":"1:0:bob","t0":"junk","text":7})"_ba
        << Message(deleteOp(u"x"_s, hlc(1, 0, u"bob"_s)));
    {
        Annotation live = deployRegion();
        live.panel.reset();
        live.t1.reset();
        live.author = u"alice"_s;
        QTest::addRow("snapshot with a live annotation and a tombstone")
            << R"({"type":"snapshot","v":1,"annotations":[
                   {"id":"5f0c9a","panel":null,"t0":1795400000000,"t1":null,
                    "text":"deploy 4.2 rolling out","tags":["deploy"],"color":"#f5a524",
                    "clock":"1795400000123:0:alice","author":"alice","deleted":false},
                   {"id":"gone","clock":"1795400100000:2:bob","author":"carol","deleted":true}]})"_ba
            << Message(Snapshot {
                   { live, tombstone(u"gone"_s, hlc(1795400100000, 2, u"bob"_s), u"carol"_s) } });
    }
    QTest::addRow("snapshot, empty")
        << R"({"type":"snapshot","v":1,"annotations":[]})"_ba << Message(Snapshot {});
    {
        Annotation a;
        a.id = u"x"_s;
        a.t0 = 5;
        a.clock = hlc(1, 0, u"a"_s);
        QTest::addRow("snapshot entry without author or deleted is live")
            << R"({"type":"snapshot","v":1,"annotations":[{"id":"x","t0":5,"clock":"1:0:a"}]})"_ba
            << Message(Snapshot { { a } });
    }

    // compatibility
    QTest::addRow("missing v is version 1") << R"({"type":"bye"})"_ba << Message(Bye {});
    QTest::addRow("unknown fields are ignored")
        << R"({"type":"hello","v":1,"name":"Alice","avatar":{"url":"x"},"future":[1,2,3]})"_ba
        << Message(Hello { u"Alice"_s, QString(), QString() });
    QTest::addRow("field order does not matter")
        << R"({"client":"c","name":"n","v":1,"type":"hello"})"_ba
        << Message(Hello { u"n"_s, QString(), u"c"_s });
    QTest::addRow("text is kept verbatim, markup and all")
        << R"({"type":"hello","v":1,"name":"<b>Alice</b> & \"co\"\n"})"_ba
        << Message(Hello { u"<b>Alice</b> & \"co\"\n"_s, QString(), QString() });
}

void TestSessionMessages::decode()
{
    QFETCH(QByteArray, json);
    QFETCH(Message, expected);

    const DecodeResult fromBytes = wr::session::decode(json);
    QVERIFY2(fromBytes.ok(), qPrintable(fromBytes.error));
    QVERIFY(fromBytes.error.isEmpty());
    QCOMPARE(*fromBytes.message, expected);

    const DecodeResult fromValue = wr::session::decode(QJsonValue(object(json)));
    QVERIFY2(fromValue.ok(), qPrintable(fromValue.error));
    QCOMPARE(*fromValue.message, expected);
}

void TestSessionMessages::decodeRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // what the error must contain: the field, by its path

    const auto row = [](const char *name, const QByteArray &json, const QString &error) {
        QTest::addRow("%s", name) << json << error;
    };
    const QByteArray longId = QByteArray(129, 'i');

    // envelope
    row("invalid JSON", R"({"type":)"_ba, u"invalid JSON"_s);
    row("array", R"([{"type":"bye"}])"_ba, u"JSON object"_s);
    row("empty", QByteArray(), u"invalid JSON"_s);
    row("no type", R"({"v":1})"_ba, u"'type'"_s);
    row("type is a number", R"({"type":5,"v":1})"_ba, u"'type'"_s);
    row("unknown type", R"({"type":"shout","v":1})"_ba, u"unknown session message type 'shout'"_s);
    row("type is case-sensitive", R"({"type":"Hello","v":1})"_ba,
        u"unknown session message type 'Hello'"_s);
    row("Web PubSub frame is not a session message", R"({"type":"sendToGroup","group":"g"})"_ba,
        u"unknown session message type 'sendToGroup'"_s);

    // metrics
    row("metrics without series", R"({"type":"metrics","v":1})"_ba, u"'series'"_s);
    row("series is an object", R"({"type":"metrics","v":1,"series":{}})"_ba, u"'series'"_s);
    row("series item is a string", R"({"type":"metrics","v":1,"series":["cpu"]})"_ba,
        u"'series[0]'"_s);
    row("series without id", R"({"type":"metrics","v":1,"series":[{"points":[]}]})"_ba,
        u"'series[0].id'"_s);
    row("series id empty", R"({"type":"metrics","v":1,"series":[{"id":""}]})"_ba,
        u"'series[0].id'"_s);
    row("series id too long",
        R"({"type":"metrics","v":1,"series":[{"id":")"_ba + longId + R"("}]})"_ba,
        u"'series[0].id'"_s);
    row("second series bad", R"({"type":"metrics","v":1,"series":[{"id":"a"},{"id":7}]})"_ba,
        u"'series[1].id'"_s);
    row("name is a number", R"({"type":"metrics","v":1,"series":[{"id":"a","name":1}]})"_ba,
        u"'series[0].name'"_s);
    row("unit too long",
        R"({"type":"metrics","v":1,"series":[{"id":"a","unit":")"_ba + QByteArray(257, 'u')
            + R"("}]})"_ba,
        u"'series[0].unit'"_s);
    row("labels is an array", R"({"type":"metrics","v":1,"series":[{"id":"a","labels":[]}]})"_ba,
        u"'series[0].labels'"_s);
    row("label value is a number",
        R"({"type":"metrics","v":1,"series":[{"id":"a","labels":{"host":1}}]})"_ba,
        u"'series[0].labels.host'"_s);
    row("label name with a lone surrogate",
        R"({"type":"metrics","v":1,"series":[{"id":"a","labels":{"\udc00":"x"}}]})"_ba,
        u"'series[0].labels'"_s);
    row("label name that looks like a placeholder",
        R"({"type":"metrics","v":1,"series":[{"id":"a","labels":{"%1":")"_ba + QByteArray(257, 'v')
            + R"("}}]})"_ba,
        u"'series[0].labels.%1' is longer than 256 characters"_s);
    row("label name empty",
        R"({"type":"metrics","v":1,"series":[{"id":"a","labels":{"":"x"}}]})"_ba,
        u"'series[0].labels'"_s);
    {
        QJsonObject labels;
        for (int i = 0; i <= kMaxLabels; ++i)
            labels.insert(u"k%1"_s.arg(i), u"v"_s);
        row("too many labels",
            compact(QJsonObject {
                { u"type"_s, u"metrics"_s },
                { u"series"_s,
                  QJsonArray { QJsonObject { { u"id"_s, u"a"_s }, { u"labels"_s, labels } } } } }),
            u"'series[0].labels'"_s);
    }
    row("source is a number", R"({"type":"metrics","v":1,"source":1,"series":[]})"_ba,
        u"'source'"_s);
    row("points is an object", R"({"type":"metrics","v":1,"series":[{"id":"a","points":{}}]})"_ba,
        u"'series[0].points'"_s);
    row("point is a number", R"({"type":"metrics","v":1,"series":[{"id":"a","points":[1]}]})"_ba,
        u"'series[0].points[0]'"_s);
    row("point has one element",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1]]}]})"_ba,
        u"'series[0].points[0]'"_s);
    row("point has three elements",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1,2,3]]}]})"_ba,
        u"'series[0].points[0]'"_s);
    row("point is an object",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[{"t":1,"v":2}]}]})"_ba,
        u"'series[0].points[0]'"_s);
    row("time has a fraction",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1.5,2]]}]})"_ba,
        u"'series[0].points[0][0]'"_s);
    row("time negative", R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[-1,2]]}]})"_ba,
        u"'series[0].points[0][0]'"_s);
    row("time is a string",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[["2024-05-02T10:00:00Z",2]]}]})"_ba,
        u"'series[0].points[0][0]'"_s);
    row("time beyond 2^53",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[9007199254740993,2]]}]})"_ba,
        u"'series[0].points[0][0]'"_s);
    row("time null", R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[null,2]]}]})"_ba,
        u"'series[0].points[0][0]'"_s);
    row("value is a string",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1,2],[2,"3"]]}]})"_ba,
        u"'series[0].points[1][1]'"_s);
    row("value is a boolean",
        R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1,true]]}]})"_ba,
        u"'series[0].points[0][1]'"_s);
    row("times decrease",
        R"({"type":"metrics","v":1,"series":[{"id":"host/cpu","points":[[2,1],[1,1]]}]})"_ba,
        u"'series[0].points[1]' of series 'host/cpu'"_s);
    row("times repeat",
        R"({"type":"metrics","v":1,"series":[{"id":"ok","points":[[1,1]]},{"id":"dup-t","points":[[1,1],[2,1],[2,1]]}]})"_ba,
        u"'series[1].points[2]' of series 'dup-t'"_s);
    row("series id twice",
        R"({"type":"metrics","v":1,"series":[{"id":"cpu","points":[[1,1]]},{"id":"cpu","points":[[2,1]]}]})"_ba,
        u"series 'cpu' appears more than once"_s);

    // hello and presence
    row("hello name is a number", R"({"type":"hello","v":1,"name":1})"_ba, u"'name'"_s);
    row("hello name with a lone surrogate", R"({"type":"hello","v":1,"name":"a\ud800b"})"_ba,
        u"'name'"_s);
    row("hello name too long",
        R"({"type":"hello","v":1,"name":")"_ba + QByteArray(257, 'n') + R"("})"_ba, u"'name'"_s);
    row("hello colour is a word", R"({"type":"hello","v":1,"color":"red"})"_ba, u"'color'"_s);
    row("hello colour too short", R"({"type":"hello","v":1,"color":"#12345"})"_ba, u"'color'"_s);
    row("hello colour not hex", R"({"type":"hello","v":1,"color":"#12345g"})"_ba, u"'color'"_s);
    row("hello colour with alpha", R"({"type":"hello","v":1,"color":"#11223344"})"_ba,
        u"'color'"_s);
    row("hello colour without #", R"({"type":"hello","v":1,"color":"e5484d1"})"_ba, u"'color'"_s);
    row("hello colour empty", R"({"type":"hello","v":1,"color":""})"_ba, u"'color'"_s);
    row("hello client is an object", R"({"type":"hello","v":1,"client":{}})"_ba, u"'client'"_s);
    row("presence state unknown", R"({"type":"presence","v":1,"state":"busy"})"_ba, u"'state'"_s);
    row("presence state upper case", R"({"type":"presence","v":1,"state":"ACTIVE"})"_ba,
        u"'state'"_s);
    row("presence state is a number", R"({"type":"presence","v":1,"state":1})"_ba, u"'state'"_s);
    row("presence view is a string", R"({"type":"presence","v":1,"view":"cpu"})"_ba, u"'view'"_s);
    row("presence view panel empty", R"({"type":"presence","v":1,"view":{"panel":""}})"_ba,
        u"'view.panel'"_s);
    row("presence view from has a fraction", R"({"type":"presence","v":1,"view":{"from":1.5}})"_ba,
        u"'view.from'"_s);
    row("presence view to is a string", R"({"type":"presence","v":1,"view":{"to":"now"}})"_ba,
        u"'view.to'"_s);
    row("presence view ends before it starts",
        R"({"type":"presence","v":1,"view":{"from":10,"to":9}})"_ba, u"'view.to'"_s);
    row("presence followable is a string", R"({"type":"presence","v":1,"followable":"yes"})"_ba,
        u"'followable'"_s);
    row("presence followable is a number", R"({"type":"presence","v":1,"followable":1})"_ba,
        u"'followable'"_s);

    // cursor
    row("cursor panel is a number", R"({"type":"cursor","v":1,"panel":3,"t":1,"y":1})"_ba,
        u"'panel'"_s);
    row("cursor panel empty", R"({"type":"cursor","v":1,"panel":"","t":1,"y":1})"_ba, u"'panel'"_s);
    row("cursor without t", R"({"type":"cursor","v":1,"panel":"p","y":1})"_ba, u"'t'"_s);
    row("cursor t has a fraction", R"({"type":"cursor","v":1,"panel":"p","t":1.25,"y":1})"_ba,
        u"'t'"_s);
    row("cursor without y", R"({"type":"cursor","v":1,"panel":"p","t":1})"_ba, u"'y'"_s);
    row("cursor y is a string", R"({"type":"cursor","v":1,"panel":"p","t":1,"y":"1"})"_ba,
        u"'y'"_s);
    row("cursor y null", R"({"type":"cursor","v":1,"panel":"p","t":1,"y":null})"_ba, u"'y'"_s);

    // annotation
    const QByteArray putHead
        = R"({"type":"annotation","v":1,"op":"put","id":"a","t0":10,"clock":"1:0:u")"_ba;
    row("annotation without op", R"({"type":"annotation","v":1,"id":"a","clock":"1:0:u"})"_ba,
        u"'op'"_s);
    row("annotation op unknown",
        R"({"type":"annotation","v":1,"op":"update","id":"a","t0":1,"clock":"1:0:u"})"_ba,
        u"'op'"_s);
    row("annotation without id",
        R"({"type":"annotation","v":1,"op":"put","t0":1,"clock":"1:0:u"})"_ba, u"'id'"_s);
    row("annotation id too long",
        R"({"type":"annotation","v":1,"op":"put","id":")"_ba + longId
            + R"(","t0":1,"clock":"1:0:u"})"_ba,
        u"'id'"_s);
    row("annotation without clock", R"({"type":"annotation","v":1,"op":"put","id":"a","t0":1})"_ba,
        u"'clock'"_s);
    row("annotation clock unparsable",
        R"({"type":"annotation","v":1,"op":"put","id":"a","t0":1,"clock":"yesterday"})"_ba,
        u"'clock'"_s);
    row("annotation clock is a number",
        R"({"type":"annotation","v":1,"op":"put","id":"a","t0":1,"clock":1795400000000})"_ba,
        u"'clock'"_s);
    row("annotation clock userId too long",
        R"({"type":"annotation","v":1,"op":"put","id":"a","t0":1,"clock":"1:0:)"_ba + longId
            + R"("})"_ba,
        u"'clock'"_s);
    row("delete without clock", R"({"type":"annotation","v":1,"op":"delete","id":"a"})"_ba,
        u"'clock'"_s);
    row("delete without id", R"({"type":"annotation","v":1,"op":"delete","clock":"1:0:u"})"_ba,
        u"'id'"_s);
    row("put without t0", R"({"type":"annotation","v":1,"op":"put","id":"a","clock":"1:0:u"})"_ba,
        u"'t0'"_s);
    row("t0 has a fraction",
        R"({"type":"annotation","v":1,"op":"put","id":"a","t0":1.5,"clock":"1:0:u"})"_ba,
        u"'t0'"_s);
    row("t0 is an ISO string",
        R"({"type":"annotation","v":1,"op":"put","id":"a","t0":"2024-05-02T10:00:00Z","clock":"1:0:u"})"_ba,
        u"'t0'"_s);
    row("region ends before it starts", putHead + R"(,"t1":9})"_ba, u"'t1'"_s);
    row("t1 negative", putHead + R"(,"t1":-1})"_ba, u"'t1'"_s);
    row("text too long",
        putHead + R"(,"text":")"_ba + QByteArray(kMaxTextLength + 1, 'x') + R"("})"_ba,
        u"'text'"_s);
    row("text is a number", putHead + R"(,"text":42})"_ba, u"'text'"_s);
    row("tags is a string", putHead + R"(,"tags":"deploy"})"_ba, u"'tags'"_s);
    {
        QByteArray tags = "["_ba;
        for (int i = 0; i <= kMaxTags; ++i)
            tags += (i ? ",\"t"_ba : "\"t"_ba) + QByteArray::number(i) + "\""_ba;
        row("17 tags", putHead + R"(,"tags":)"_ba + tags + "]}"_ba, u"'tags'"_s);
    }
    row("tag too long",
        putHead + R"(,"tags":["ok",")"_ba + QByteArray(kMaxTagLength + 1, 'x') + R"("]})"_ba,
        u"'tags[1]'"_s);
    row("tag empty", putHead + R"(,"tags":[""]})"_ba, u"'tags[0]'"_s);
    row("tag is a number", putHead + R"(,"tags":["a","b",3]})"_ba, u"'tags[2]'"_s);
    row("annotation colour bad", putHead + R"(,"color":"orange"})"_ba, u"'color'"_s);
    row("annotation panel empty", putHead + R"(,"panel":""})"_ba, u"'panel'"_s);
    row("annotation panel is an array", putHead + R"(,"panel":["a"]})"_ba, u"'panel'"_s);

    // snapshot
    row("snapshot without annotations", R"({"type":"snapshot","v":1})"_ba, u"'annotations'"_s);
    row("snapshot annotations is an object", R"({"type":"snapshot","v":1,"annotations":{}})"_ba,
        u"'annotations'"_s);
    row("snapshot entry is a number", R"({"type":"snapshot","v":1,"annotations":[1]})"_ba,
        u"'annotations[0]'"_s);
    row("snapshot second entry ends before it starts",
        R"({"type":"snapshot","v":1,"annotations":[{"id":"a","t0":1,"clock":"1:0:u"},{"id":"b","t0":5,"t1":4,"clock":"1:0:u"}]})"_ba,
        u"'annotations[1].t1'"_s);
    row("snapshot deleted is a string",
        R"({"type":"snapshot","v":1,"annotations":[{"id":"a","t0":1,"clock":"1:0:u","deleted":"no"}]})"_ba,
        u"'annotations[0].deleted'"_s);
    row("snapshot author is a number",
        R"({"type":"snapshot","v":1,"annotations":[{"id":"a","t0":1,"clock":"1:0:u","author":1}]})"_ba,
        u"'annotations[0].author'"_s);
    row("snapshot tombstone without clock",
        R"({"type":"snapshot","v":1,"annotations":[{"id":"a","deleted":true}]})"_ba,
        u"'annotations[0].clock'"_s);
    row("snapshot live entry without t0",
        R"({"type":"snapshot","v":1,"annotations":[{"id":"a","clock":"1:0:u","deleted":false}]})"_ba,
        u"'annotations[0].t0'"_s);
}

void TestSessionMessages::decodeRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    const DecodeResult result = wr::session::decode(json);
    QVERIFY2(!result.ok(), outcome(result).constData());
    QVERIFY2(result.error.contains(error),
             qPrintable(u"error \"%1\" does not mention %2"_s.arg(result.error, error)));
}

void TestSessionMessages::versions_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // empty: accepted

    QTest::addRow("v 1") << R"({"type":"bye","v":1})"_ba << QString();
    QTest::addRow("v 1.0") << R"({"type":"bye","v":1.0})"_ba << QString();
    QTest::addRow("v missing") << R"({"type":"bye"})"_ba << QString();
    QTest::addRow("v 2") << R"({"type":"bye","v":2})"_ba << u"unsupported version 2"_s;
    QTest::addRow("v 2, unknown type")
        << R"({"type":"later","v":2})"_ba << u"unsupported version 2"_s;
    QTest::addRow("v 1000000") << R"({"type":"hello","v":1000000})"_ba
                               << u"unsupported version 1000000"_s;
    QTest::addRow("v 0") << R"({"type":"bye","v":0})"_ba << u"'v'"_s;
    QTest::addRow("v -1") << R"({"type":"bye","v":-1})"_ba << u"'v'"_s;
    QTest::addRow("v 1.5") << R"({"type":"bye","v":1.5})"_ba << u"'v'"_s;
    QTest::addRow("v as string") << R"({"type":"bye","v":"1"})"_ba << u"'v'"_s;
    QTest::addRow("v null") << R"({"type":"bye","v":null})"_ba << u"'v'"_s;
    QTest::addRow("v true") << R"({"type":"bye","v":true})"_ba << u"'v'"_s;
}

void TestSessionMessages::versions()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    const DecodeResult result = wr::session::decode(json);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
    } else {
        QVERIFY2(!result.ok(), outcome(result).constData());
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }
}

// ---- encoding -------------------------------------------------------------------------------

void TestSessionMessages::roundTrip_data()
{
    QTest::addColumn<Message>("message");

    QTest::addRow("metrics") << Message(
        MetricsFrame { u"relay:host-alpha"_s,
                       { series(u"host-alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s,
                                Labels { { u"host"_s, u"alpha"_s }, { u"dc"_s, u"eu 1"_s } },
                                { { kT, 12.5 }, { kT + 1000, kGap }, { kT + 2000, -1e-300 } }),
                         series(u"mem"_s, {}, {}, {}, { { 0, 1e300 } }),
                         series(u"meta"_s, u"M"_s, {}, {}, {}) } });
    QTest::addRow("metrics, empty") << Message(MetricsFrame {});
    QTest::addRow("hello") << Message(Hello { u"Zoë 🚀"_s, u"#00ff7F"_s, u"watchroom/1.0"_s });
    QTest::addRow("hello, empty") << Message(Hello {});
    QTest::addRow("presence, live")
        << Message(Presence { u"Alice"_s, u"#e5484d"_s, PresenceState::Active,
                              View { u"cpu"_s, kT - 300000, std::nullopt }, true });
    QTest::addRow("presence, away with a fixed range on the whole board") << Message(
        Presence { u"Bob"_s, QString(), PresenceState::Away, View { QString(), 1, 2 }, false });
    QTest::addRow("presence, idle, no view")
        << Message(Presence { QString(), QString(), PresenceState::Idle, std::nullopt, true });
    QTest::addRow("cursor") << Message(Cursor { u"cpu"_s, kT, 0.1 + 0.2 });
    QTest::addRow("cursor left") << Message(Cursor {});
    QTest::addRow("bye") << Message(Bye {});
    QTest::addRow("sync-request") << Message(SyncRequest {});
    QTest::addRow("annotation put") << Message(putOp(deployRegion()));
    {
        Annotation a = deployRegion();
        a.panel.reset();
        a.t1.reset();
        a.tags.clear();
        a.color.clear();
        a.text = u"line 1\nline 2 <script>"_s;
        a.clock = hlc(kT, 4294967295u, u"aad:x:y"_s);
        QTest::addRow("annotation put, point on every panel") << Message(putOp(a));
    }
    QTest::addRow("annotation delete") << Message(deleteOp(u"x"_s, hlc(kT, 2, u"bob"_s)));
    {
        Annotation live = deployRegion();
        live.author = u"alice"_s;
        QTest::addRow("snapshot") << Message(
            Snapshot { { live, tombstone(u"gone"_s, hlc(kT, 1, u"b"_s), u"carol"_s) } });
    }
}

void TestSessionMessages::roundTrip()
{
    QFETCH(Message, message);

    const QJsonObject encoded = encode(message);
    QCOMPARE(encoded.value("v"_L1), QJsonValue(1));
    QVERIFY(encoded.value("type"_L1).isString());

    const DecodeResult fromValue = wr::session::decode(QJsonValue(encoded));
    QVERIFY2(fromValue.ok(), qPrintable(fromValue.error));
    QCOMPARE(*fromValue.message, message);

    const DecodeResult fromBytes = wr::session::decode(compact(encoded));
    QVERIFY2(fromBytes.ok(), qPrintable(fromBytes.error));
    QCOMPARE(*fromBytes.message, message);
}

void TestSessionMessages::encodedForm_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("metrics: gaps and non-finite values are null")
        << Message(MetricsFrame {
               u"src"_s,
               { series(
                   u"a"_s, {}, {}, {},
                   { { 1, kGap }, { 2, std::numeric_limits<double>::infinity() }, { 3, 4 } }) } })
        << R"({"type":"metrics","v":1,"source":"src","series":[{"id":"a","points":[[1,null],[2,null],[3,4]]}]})"_ba;
    QTest::addRow("metrics: name, unit, labels only when set")
        << Message(MetricsFrame {
               QString(), { series(u"a"_s, u"A"_s, u"%"_s, Labels { { u"k"_s, u"v"_s } }, {}) } })
        << R"({"type":"metrics","v":1,"series":[{"id":"a","name":"A","unit":"%","labels":{"k":"v"},"points":[]}]})"_ba;
    QTest::addRow("hello leaves out empty fields")
        << Message(Hello { u"Alice"_s, QString(), QString() })
        << R"({"type":"hello","v":1,"name":"Alice"})"_ba;
    QTest::addRow("presence: live view is to:null, whole board is panel:null")
        << Message(Presence { u"A"_s, u"#000000"_s, PresenceState::Idle,
                              View { QString(), 5, std::nullopt }, false })
        << R"({"type":"presence","v":1,"name":"A","color":"#000000","state":"idle","view":{"panel":null,"from":5,"to":null},"followable":false})"_ba;
    QTest::addRow("presence: away, no view")
        << Message(Presence { QString(), QString(), PresenceState::Away, std::nullopt, true })
        << R"({"type":"presence","v":1,"state":"away","followable":true})"_ba;
    QTest::addRow("cursor left sends only panel:null")
        << Message(Cursor { std::nullopt, 5, 6 }) << R"({"type":"cursor","v":1,"panel":null})"_ba;
    QTest::addRow("cursor") << Message(Cursor { u"p"_s, 5, 6.5 })
                            << R"({"type":"cursor","v":1,"panel":"p","t":5,"y":6.5})"_ba;
    QTest::addRow("bye") << Message(Bye {}) << R"({"type":"bye","v":1})"_ba;
    QTest::addRow("sync-request") << Message(SyncRequest {})
                                  << R"({"type":"sync-request","v":1})"_ba;
    {
        Annotation a = deployRegion();
        a.author = u"mallory"_s; // never on the wire of an op
        QTest::addRow("annotation put, no author")
            << Message(putOp(a))
            << R"({"type":"annotation","v":1,"op":"put","id":"5f0c9a","panel":"host-alpha/cpu.usage",
                   "t0":1795400000000,"t1":1795400060000,"text":"deploy 4.2 rolling out",
                   "tags":["deploy"],"color":"#f5a524","clock":"1795400000123:0:alice"})"_ba;
        a.panel.reset();
        a.t1.reset();
        a.color.clear();
        QTest::addRow("annotation put, null panel and t1, no colour")
            << Message(putOp(a))
            << R"({"type":"annotation","v":1,"op":"put","id":"5f0c9a","panel":null,
                   "t0":1795400000000,"t1":null,"text":"deploy 4.2 rolling out",
                   "tags":["deploy"],"clock":"1795400000123:0:alice"})"_ba;
    }
    {
        AnnotationOp op = deleteOp(u"x"_s, hlc(7, 1, u"bob"_s));
        op.annotation.text = u"ignored"_s;
        QTest::addRow("annotation delete carries only id and clock")
            << Message(op)
            << R"({"type":"annotation","v":1,"op":"delete","id":"x","clock":"7:1:bob"})"_ba;
    }
    {
        Annotation gone = tombstone(u"g"_s, hlc(2, 0, u"b"_s), u"carol"_s);
        gone.text = u"ignored"_s;
        QTest::addRow("snapshot tombstone carries id, clock, author")
            << Message(Snapshot { { gone } })
            << R"({"type":"snapshot","v":1,"annotations":[{"id":"g","clock":"2:0:b","author":"carol","deleted":true}]})"_ba;
    }
}

void TestSessionMessages::encodedForm()
{
    QFETCH(Message, message);
    QFETCH(QByteArray, expected);
    QCOMPARE(compact(encode(message)), compact(object(expected)));
}

// ---- Azure Monitor --------------------------------------------------------------------------

void TestSessionMessages::azureFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<MetricsFrame>("expected");

    const Labels pageBlob { { u"blobtype"_s, u"PageBlob"_s } };
    const Labels blockBlob { { u"blobtype"_s, u"BlockBlob"_s } };
    const Labels getBlob { { u"apiname"_s, u"GetBlob"_s }, { u"responsetype"_s, u"Success"_s } };
    const Labels putBlob { { u"apiname"_s, u"PutBlob"_s },
                           { u"responsetype"_s, u"ClientOtherError"_s } };
    QTest::addRow("REST, storage, dimensions and gaps")
        << u"rest-storage-blob.json"_s
        << MetricsFrame {
               u"azure-monitor"_s,
               {
                   series(u"azure/BlobCapacity/blobtype=PageBlob/average"_s, u"Blob Capacity"_s,
                          u"Bytes"_s, pageBlob, minutes({ kGap, 1048576, kGap, 1050624 })),
                   series(u"azure/BlobCapacity/blobtype=PageBlob/count"_s, u"Blob Capacity"_s,
                          u"Bytes"_s, pageBlob, minutes({ 0, 1, kGap, 1 })),
                   series(u"azure/BlobCapacity/blobtype=BlockBlob/average"_s, u"Blob Capacity"_s,
                          u"Bytes"_s, blockBlob, minutes({ 52428800, 52432896, kGap, 52436992 })),
                   series(u"azure/BlobCapacity/blobtype=BlockBlob/count"_s, u"Blob Capacity"_s,
                          u"Bytes"_s, blockBlob, minutes({ 1, 1, 0, 1 })),
                   series(u"azure/Transactions/apiname=GetBlob/responsetype=Success/total"_s,
                          u"Transactions"_s, u"Count"_s, getBlob, minutes({ 42, 40, kGap, 57 })),
                   series(
                       u"azure/Transactions/apiname=PutBlob/responsetype=ClientOtherError/total"_s,
                       u"Transactions"_s, u"Count"_s, putBlob, minutes({ 3, kGap, kGap, 1 })),
               }
           };
    QTest::addRow("REST, VM, no dimensions, empty and failed metrics")
        << u"rest-vm-cpu.json"_s
        << MetricsFrame { u"azure-monitor"_s,
                          {
                              series(u"azure/Percentage CPU/average"_s, u"Percentage CPU"_s,
                                     u"Percent"_s, Labels(), minutes({ 12.5, 13.0, 71.75 })),
                              series(u"azure/Percentage CPU/minimum"_s, u"Percentage CPU"_s,
                                     u"Percent"_s, Labels(), minutes({ 3.25, 4.0, kGap })),
                              series(u"azure/Percentage CPU/maximum"_s, u"Percentage CPU"_s,
                                     u"Percent"_s, Labels(), minutes({ 40.0, 38.5, kGap })),
                          } };
    const Labels instance16 { { u"Instance"_s, u"pd0mdwk000016"_s } };
    const Labels instance17 { { u"Instance"_s, u"pd0mdwk000017"_s } };
    QTest::addRow("MetricsQueryClient result (JS)")
        << u"metricsquery-result.json"_s
        << MetricsFrame {
               u"azure-monitor"_s,
               {
                   series(u"azure/Requests/Instance=pd0mdwk000016/total"_s, u"Requests"_s,
                          u"Count"_s, instance16, minutes({ 120, 98, kGap })),
                   series(u"azure/Requests/Instance=pd0mdwk000016/count"_s, u"Requests"_s,
                          u"Count"_s, instance16, minutes({ kGap, kGap, 0 })),
                   series(u"azure/Requests/Instance=pd0mdwk000017/total"_s, u"Requests"_s,
                          u"Count"_s, instance17, minutes({ 101, 97, 110 })),
                   series(u"azure/HttpResponseTime/average"_s, u"HttpResponseTime"_s, u"Seconds"_s,
                          Labels(), minutes({ 0.081, 0.077, 0.094 })),
                   series(u"azure/HttpResponseTime/maximum"_s, u"HttpResponseTime"_s, u"Seconds"_s,
                          Labels(), minutes({ 0.412, kGap, 0.388 })),
               }
           };
    QTest::addRow("MetricsQueryClient result (Python spelling)")
        << u"metricsquery-result-python.json"_s
        << MetricsFrame { u"azure-monitor"_s,
                          { series(u"azure/connectedclients/shardid=0/maximum"_s,
                                   u"connectedclients"_s, u"Count"_s,
                                   Labels { { u"shardid"_s, u"0"_s } }, minutes({ 17, 19 })) } };
}

void TestSessionMessages::azureFixtures()
{
    QFETCH(QString, file);
    QFETCH(MetricsFrame, expected);

    const QString path = QFINDTESTDATA(u"../data/azure-monitor/"_s + file);
    QVERIFY2(!path.isEmpty(), qPrintable(file));
    const QByteArray response = readFixture(path);
    QVERIFY(!response.isEmpty());

    const DecodeResult result = wr::session::decode(azureEnvelope(response));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(std::holds_alternative<MetricsFrame>(*result.message));
    const MetricsFrame &frame = std::get<MetricsFrame>(*result.message);
    QCOMPARE(frame.series.size(), expected.series.size());
    for (qsizetype i = 0; i < frame.series.size(); ++i)
        QCOMPARE(frame.series.at(i), expected.series.at(i));
    QCOMPARE(frame, expected);

    // Published on as a native frame, it reads back the same.
    const DecodeResult again = wr::session::decode(compact(encode(frame)));
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(*again.message, Message(expected));
    // A frame without "v" or "timestamp" is accepted too.
    const DecodeResult bare = wr::session::decode(compact(QJsonObject {
        { u"type"_s, u"metrics"_s }, { u"data"_s, QJsonDocument::fromJson(response).object() } }));
    QVERIFY2(bare.ok(), qPrintable(bare.error));
    QCOMPARE(*bare.message, Message(expected));
}

void TestSessionMessages::azureTimestamps_data()
{
    QTest::addColumn<QString>("timeStamp");
    QTest::addColumn<qint64>("expected"); // -1: rejected

    QTest::addRow("Z") << u"2024-05-02T10:00:00Z"_s << kAzureT;
    QTest::addRow("milliseconds") << u"2024-05-02T10:00:00.250Z"_s << kAzureT + 250;
    QTest::addRow("seven fraction digits") << u"2024-05-02T10:00:00.1230000Z"_s << kAzureT + 123;
    QTest::addRow("+00:00") << u"2024-05-02T10:00:00+00:00"_s << kAzureT;
    QTest::addRow("+02:00") << u"2024-05-02T12:00:00+02:00"_s << kAzureT;
    QTest::addRow("-05:30") << u"2024-05-02T04:30:00-05:30"_s << kAzureT;
    QTest::addRow("no offset means UTC") << u"2024-05-02T10:00:00"_s << kAzureT;
    QTest::addRow("no seconds") << u"2024-05-02T10:00Z"_s << kAzureT;
    QTest::addRow("epoch") << u"1970-01-01T00:00:00Z"_s << qint64(0);
    QTest::addRow("before the epoch") << u"1969-12-31T23:59:59Z"_s << qint64(-1);
    QTest::addRow("date only") << u"2024-05-02"_s << qint64(-1);
    QTest::addRow("not a date") << u"yesterday"_s << qint64(-1);
    QTest::addRow("month 13") << u"2024-13-02T10:00:00Z"_s << qint64(-1);
    QTest::addRow("leading space") << u" 2024-05-02T10:00:00Z"_s << qint64(-1);
    QTest::addRow("empty") << QString() << qint64(-1);
    QTest::addRow("very long") << (u"2024-05-02T10:00:00.1"_s + repeated('0', 100) + u"Z"_s)
                               << qint64(-1);
}

void TestSessionMessages::azureTimestamps()
{
    QFETCH(QString, timeStamp);
    QFETCH(qint64, expected);

    const QJsonObject response {
        { u"value"_s,
          QJsonArray {
              QJsonObject { { u"name"_s, QJsonObject { { u"value"_s, u"m"_s } } },
                            { u"timeseries"_s,
                              QJsonArray { QJsonObject {
                                  { u"data"_s,
                                    QJsonArray { QJsonObject { { u"timeStamp"_s, timeStamp },
                                                               { u"average"_s, 1 } } } } } } } } } }
    };
    const DecodeResult result = wr::session::decode(
        QJsonValue(QJsonObject { { u"type"_s, u"metrics"_s }, { u"data"_s, response } }));
    if (expected < 0) {
        QVERIFY2(!result.ok(), outcome(result).constData());
        QVERIFY2(result.error.contains(u"'data.value[0].timeseries[0].data[0].timeStamp'"_s),
                 qPrintable(result.error));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.error));
    const auto &frame = std::get<MetricsFrame>(*result.message);
    QCOMPARE(frame.series.size(), 1);
    QCOMPARE(frame.series.at(0).points.size(), 1);
    QCOMPARE(frame.series.at(0).points.at(0).first, expected);
}

void TestSessionMessages::azureRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const QByteArray &response, const QString &error) {
        QTest::addRow("%s", name) << azureEnvelope(response) << error;
    };
    QTest::addRow("data is a string") << R"({"type":"metrics","v":1,"data":"x"})"_ba << u"'data'"_s;
    QTest::addRow("envelope timestamp is not a date")
        << R"({"type":"metrics","v":1,"timestamp":"now","data":{"value":[]}})"_ba
        << u"'timestamp'"_s;
    QTest::addRow("envelope timestamp is a number")
        << R"({"type":"metrics","v":1,"timestamp":1714644000000,"data":{"value":[]}})"_ba
        << u"'timestamp'"_s;
    row("neither value nor metrics", R"({"cost":0})"_ba, u"'data'"_s);
    row("value is an object", R"({"value":{}})"_ba, u"'data.value'"_s);
    row("metrics is a string", R"({"metrics":"x"})"_ba, u"'data.metrics'"_s);
    row("metric is a number", R"({"value":[1]})"_ba, u"'data.value[0]'"_s);
    row("metric without name", R"({"value":[{"unit":"Count","timeseries":[]}]})"_ba,
        u"'data.value[0].name'"_s);
    row("name object without value",
        R"({"value":[{"name":{"localizedValue":"CPU"},"timeseries":[]}]})"_ba,
        u"'data.value[0].name'"_s);
    row("name with a lone surrogate", R"({"metrics":[{"name":"cpu\ud800","timeseries":[]}]})"_ba,
        u"'data.metrics[0].name'"_s);
    row("name empty", R"({"metrics":[{"name":"","timeseries":[]}]})"_ba,
        u"'data.metrics[0].name'"_s);
    row("localizedValue is a number",
        R"({"value":[{"name":{"value":"c","localizedValue":1},"timeseries":[]}]})"_ba,
        u"'data.value[0].name.localizedValue'"_s);
    row("unit is a number", R"({"value":[{"name":{"value":"c"},"unit":5}]})"_ba,
        u"'data.value[0].unit'"_s);
    row("timeseries is an object", R"({"value":[{"name":{"value":"c"},"timeseries":{}}]})"_ba,
        u"'data.value[0].timeseries'"_s);
    row("timeseries item is a string",
        R"({"value":[{"name":{"value":"c"},"timeseries":["x"]}]})"_ba,
        u"'data.value[0].timeseries[0]'"_s);
    row("data is an object", R"({"value":[{"name":{"value":"c"},"timeseries":[{"data":{}}]}]})"_ba,
        u"'data.value[0].timeseries[0].data'"_s);
    row("point without timeStamp",
        R"({"value":[{"name":{"value":"c"},"timeseries":[{"data":[{"average":1}]}]}]})"_ba,
        u"'data.value[0].timeseries[0].data[0].timestamp'"_s);
    row("timeStamp is epoch ms",
        R"({"value":[{"name":{"value":"c"},"timeseries":[{"data":[{"timeStamp":1714644000000}]}]}]})"_ba,
        u"'data.value[0].timeseries[0].data[0].timeStamp'"_s);
    row("average is a string",
        R"({"value":[{"name":{"value":"c"},"timeseries":[{"data":[{"timeStamp":"2024-05-02T10:00:00Z","average":1},{"timeStamp":"2024-05-02T10:01:00Z","average":"2"}]}]}]})"_ba,
        u"'data.value[0].timeseries[0].data[1].average'"_s);
    row("count is a boolean",
        R"({"metrics":[{"name":"c","timeseries":[{"data":[{"timeStamp":"2024-05-02T10:00:00Z","count":true}]}]}]})"_ba,
        u"'data.metrics[0].timeseries[0].data[0].count'"_s);
    row("timestamps go back",
        R"({"value":[{"name":{"value":"cpu"},"timeseries":[{"metadatavalues":[{"name":{"value":"host"},"value":"a"}],"data":[{"timeStamp":"2024-05-02T10:01:00Z","average":1},{"timeStamp":"2024-05-02T10:00:00Z","average":1}]}]}]})"_ba,
        u"series 'azure/cpu/host=a'"_s);
    row("timestamps repeat",
        R"({"value":[{"name":{"value":"cpu"},"timeseries":[{"data":[{"timeStamp":"2024-05-02T10:00:00Z","average":1},{"timeStamp":"2024-05-02T12:00:00+02:00","average":1}]}]}]})"_ba,
        u"'data.value[0].timeseries[0].data[1].timeStamp'"_s);
    row("metadatavalues is a string",
        R"({"value":[{"name":{"value":"c"},"timeseries":[{"metadatavalues":"x","data":[]}]}]})"_ba,
        u"'data.value[0].timeseries[0].metadatavalues'"_s);
    row("dimension value is a number",
        R"({"value":[{"name":{"value":"c"},"timeseries":[{"metadatavalues":[{"name":{"value":"d"},"value":1}]}]}]})"_ba,
        u"'data.value[0].timeseries[0].metadatavalues[0].value'"_s);
    row("dimension without name",
        R"({"metrics":[{"name":"c","timeseries":[{"metadataValues":[{"value":"x"}]}]}]})"_ba,
        u"'data.metrics[0].timeseries[0].metadataValues[0].name'"_s);
    row("python dimension value is a number",
        R"({"metrics":[{"name":"c","timeseries":[{"metadata_values":{"shard":0}}]}]})"_ba,
        u"'data.metrics[0].timeseries[0].metadata_values.shard'"_s);
    row("the same dimensions twice",
        R"({"value":[{"name":{"value":"c"},"timeseries":[{"data":[{"timeStamp":"2024-05-02T10:00:00Z","total":1}]},{"data":[{"timeStamp":"2024-05-02T10:00:00Z","total":2}]}]}]})"_ba,
        u"series 'azure/c/total' appears more than once"_s);
}

void TestSessionMessages::azureRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    const DecodeResult result = wr::session::decode(json);
    QVERIFY2(!result.ok(), outcome(result).constData());
    QVERIFY2(result.error.contains(error),
             qPrintable(u"error \"%1\" does not mention %2"_s.arg(result.error, error)));
}

void TestSessionMessages::azureLongDimensionsKeepIdsShortAndStable()
{
    const auto frameFor = [](const QString &url) {
        const QJsonObject dim { { u"name"_s, QJsonObject { { u"value"_s, u"url"_s } } },
                                { u"value"_s, url } };
        const QJsonObject response {
            { u"value"_s,
              QJsonArray { QJsonObject {
                  { u"name"_s, QJsonObject { { u"value"_s, u"requests"_s } } },
                  { u"timeseries"_s,
                    QJsonArray { QJsonObject {
                        { u"metadatavalues"_s, QJsonArray { dim } },
                        { u"data"_s,
                          QJsonArray { QJsonObject { { u"timeStamp"_s, u"2024-05-02T10:00:00Z"_s },
                                                     { u"total"_s, 3 } } } } } } } } } }
        };
        const DecodeResult result = wr::session::decode(
            QJsonValue(QJsonObject { { u"type"_s, u"metrics"_s }, { u"data"_s, response } }));
        return result.ok() ? std::get<MetricsFrame>(*result.message) : MetricsFrame {};
    };

    const QString longUrl = u"/api/v1/"_s + repeated('x', 200);
    const MetricsFrame a = frameFor(longUrl);
    const MetricsFrame b = frameFor(longUrl + u"y"_s);
    QCOMPARE(a.series.size(), 1);
    QCOMPARE(b.series.size(), 1);
    const QString id = a.series.at(0).id;
    QVERIFY2(id.size() <= kMaxIdLength, qPrintable(id));
    QVERIFY2(id.startsWith(u"azure/~"_s) && id.endsWith(u"/total"_s), qPrintable(id));
    QCOMPARE(frameFor(longUrl).series.at(0).id, id); // stable
    QVERIFY(b.series.at(0).id != id);
    QCOMPARE(a.series.at(0).labels->value(u"url"_s), longUrl); // the label keeps the full value
    // Short ids stay readable.
    QCOMPARE(frameFor(u"/health"_s).series.at(0).id, u"azure/requests/url=/health/total"_s);
}

// ---- limits and hostile input ---------------------------------------------------------------

namespace {

// A message of exactly `size` bytes, padded with an unknown (ignored) field.
QByteArray padded(const QByteArray &type, qsizetype size, const QByteArray &rest = {})
{
    const QByteArray head = R"({"type":")"_ba + type + R"(","v":1)"_ba + rest + R"(,"pad":")"_ba;
    const QByteArray tail = R"("})"_ba;
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

} // namespace

void TestSessionMessages::sizeLimits_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // empty: accepted

    const QByteArray metricsRest = R"(,"series":[])"_ba;
    const QByteArray putRest = R"(,"op":"put","id":"a","t0":1,"clock":"1:0:u")"_ba;
    QTest::addRow("presence at 64 KiB") << padded("presence", kMaxMessageBytes) << QString();
    QTest::addRow("presence one byte over")
        << padded("presence", kMaxMessageBytes + 1) << u"larger than 65536 bytes"_s;
    QTest::addRow("annotation at 64 KiB")
        << padded("annotation", kMaxMessageBytes, putRest) << QString();
    QTest::addRow("annotation one byte over")
        << padded("annotation", kMaxMessageBytes + 1, putRest) << u"larger than 65536 bytes"_s;
    QTest::addRow("snapshot one byte over")
        << padded("snapshot", kMaxMessageBytes + 1, R"(,"annotations":[])"_ba)
        << u"'snapshot' message is larger than 65536 bytes"_s;
    QTest::addRow("type that looks like a placeholder over 64 KiB")
        << padded("%1", kMaxMessageBytes + 1) << u"a '%1' message is larger than 65536 bytes"_s;
    QTest::addRow("unknown type over 64 KiB")
        << padded("shout", kMaxMessageBytes + 1) << u"larger than 65536 bytes"_s;
    QTest::addRow("metrics over 64 KiB")
        << padded("metrics", kMaxMessageBytes + 1, metricsRest) << QString();
    QTest::addRow("metrics at 1 MiB")
        << padded("metrics", kMaxMetricsFrameBytes, metricsRest) << QString();
    QTest::addRow("metrics one byte over 1 MiB")
        << padded("metrics", kMaxMetricsFrameBytes + 1, metricsRest)
        << u"larger than 1048576 bytes"_s;
}

void TestSessionMessages::sizeLimits()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    const DecodeResult result = wr::session::decode(json);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
    } else {
        QVERIFY2(!result.ok(), outcome(result).constData());
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }
}

void TestSessionMessages::splitSnapshotFitsTheLimit()
{
    Snapshot all;
    for (int i = 0; i < 400; ++i) {
        Annotation a = deployRegion();
        a.id = u"a%1"_s.arg(i);
        a.text = repeated(char('a' + i % 26), 50 + (i * 37) % 1950);
        a.tags = { u"t%1"_s.arg(i % 7), repeated('x', kMaxTagLength) };
        a.author = u"user-%1"_s.arg(i % 5);
        if (i % 9 == 0)
            a = tombstone(a.id, a.clock, a.author);
        all.annotations.append(a);
    }
    QVERIFY(compact(encode(all)).size() > 4 * kMaxMessageBytes);

    const QList<Snapshot> chunks = splitSnapshot(all);
    QVERIFY2(chunks.size() >= 5, qPrintable(QString::number(chunks.size())));
    Snapshot joined;
    for (const Snapshot &chunk : chunks) {
        const QByteArray bytes = compact(encode(chunk));
        QVERIFY2(bytes.size() <= kMaxMessageBytes, qPrintable(QString::number(bytes.size())));
        QVERIFY(!chunk.annotations.isEmpty());
        const DecodeResult result = wr::session::decode(bytes);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(*result.message, Message(chunk));
        joined.annotations += chunk.annotations;
    }
    QCOMPARE(joined, all);

    // Tight packing: no chunk could have taken the next annotation.
    for (qsizetype i = 0; i + 1 < chunks.size(); ++i) {
        Snapshot bigger = chunks.at(i);
        bigger.annotations.append(chunks.at(i + 1).annotations.constFirst());
        QVERIFY(compact(encode(bigger)).size() > kMaxMessageBytes);
    }

    QCOMPARE(splitSnapshot(Snapshot {}), QList<Snapshot> { Snapshot {} });
    const Snapshot small { { deployRegion() } };
    QCOMPARE(splitSnapshot(small), QList<Snapshot> { small });
    // The size accounting is exact: a snapshot of exactly maxBytes stays whole, one byte less
    // splits it.
    Annotation second = deployRegion();
    second.id = u"second"_s;
    const Snapshot pair { { deployRegion(), second } };
    const qsizetype pairSize = compact(encode(pair)).size();
    QCOMPARE(splitSnapshot(pair, pairSize).size(), 1);
    QCOMPARE(splitSnapshot(pair, pairSize - 1).size(), 2);
    // A limit smaller than one annotation still yields one annotation per chunk.
    QCOMPARE(splitSnapshot(Snapshot { { deployRegion(), deployRegion() } }, 10).size(), 2);
}

void TestSessionMessages::deepNesting_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const auto nest = [](int depth, const QByteArray &open, const QByteArray &close,
                         const QByteArray &inner = {}) -> QByteArray {
        return open.repeated(depth) + inner + close.repeated(depth);
    };
    QTest::addRow("message is 100k nested arrays")
        << nest(100000, "["_ba, "]"_ba) << u"invalid JSON"_s;
    QTest::addRow("message is 100k nested objects")
        << nest(100000, R"({"a":)"_ba, "}"_ba, "1"_ba) << u"invalid JSON"_s;
    QTest::addRow("series nested 500 deep")
        << (R"({"type":"metrics","v":1,"series":)"_ba + nest(500, "["_ba, "]"_ba) + "}"_ba)
        << u"'series[0]'"_s;
    QTest::addRow("point nested 500 deep")
        << (R"({"type":"metrics","v":1,"series":[{"id":"a","points":)"_ba
            + nest(500, "["_ba, "]"_ba) + "}]}"_ba)
        << u"'series[0].points[0]'"_s;
    QTest::addRow("label nested 500 deep")
        << (R"({"type":"metrics","v":1,"series":[{"id":"a","labels":{"k":)"_ba
            + nest(500, R"({"a":)"_ba, "}"_ba, "1"_ba) + "}}]}"_ba)
        << u"'series[0].labels.k'"_s;
    QTest::addRow("view panel nested 500 deep")
        << (R"({"type":"presence","v":1,"view":{"panel":)"_ba
            + nest(500, R"({"a":)"_ba, "}"_ba, "1"_ba) + "}}"_ba)
        << u"'view.panel'"_s;
    QTest::addRow("tags nested 500 deep")
        << (R"({"type":"annotation","v":1,"op":"put","id":"a","t0":1,"clock":"1:0:u","tags":)"_ba
            + nest(500, "["_ba, "]"_ba) + "}"_ba)
        << u"'tags[0]'"_s;
    QTest::addRow("Azure data nested 500 deep")
        << (R"({"type":"metrics","data":{"value":)"_ba + nest(500, "["_ba, "]"_ba) + "}}"_ba)
        << u"'data.value[0]'"_s;
    QTest::addRow("unknown field nested 1000 deep is ignored")
        << (R"({"type":"bye","v":1,"x":)"_ba + nest(1000, "["_ba, "]"_ba) + "}"_ba) << QString();
}

void TestSessionMessages::deepNesting()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    const DecodeResult result = wr::session::decode(json);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
        return;
    }
    QVERIFY2(!result.ok(), outcome(result).constData());
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
}

void TestSessionMessages::hugeArrays_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::addColumn<qsizetype>("points"); // when accepted: points in the first series

    constexpr int n = 100000;
    QJsonArray points;
    QJsonArray ints;
    QJsonArray strings;
    QJsonArray azureData;
    QJsonArray dims;
    for (int i = 0; i < n; ++i) {
        points.append(QJsonArray { kT + i, i % 10 == 0 ? QJsonValue() : QJsonValue(i * 0.5) });
        ints.append(i);
        strings.append(u"t"_s);
        azureData.append(
            QJsonObject { { u"timeStamp"_s,
                            QDateTime::fromMSecsSinceEpoch(kAzureT + qint64(i) * kMinute, Qt::UTC)
                                .toString(Qt::ISODate) },
                          { u"average"_s, i } });
        dims.append(QJsonObject { { u"name"_s, u"d"_s }, { u"value"_s, u"v"_s } });
    }
    const auto frame = [](const QJsonObject &seriesObject) {
        return QJsonObject { { u"type"_s, u"metrics"_s },
                             { u"v"_s, 1 },
                             { u"series"_s, QJsonArray { seriesObject } } };
    };
    QTest::addRow("100k points") << frame(
        QJsonObject { { u"id"_s, u"a"_s }, { u"points"_s, points } })
                                 << QString() << qsizetype(n);
    QTest::addRow("100k points, last one out of order") << frame(QJsonObject {
        { u"id"_s, u"a"_s },
        { u"points"_s, [&] {
             QJsonArray p = points;
             p.append(QJsonArray { kT, 1 });
             return p;
         }() } }) << u"'series[0].points[100000]'"_s << qsizetype(0);
    QTest::addRow("point of 100k elements")
        << frame(QJsonObject { { u"id"_s, u"a"_s }, { u"points"_s, QJsonArray { ints } } })
        << u"'series[0].points[0]'"_s << qsizetype(0);
    QTest::addRow("100k series that are numbers")
        << QJsonObject { { u"type"_s, u"metrics"_s }, { u"series"_s, ints } } << u"'series[0]'"_s
        << qsizetype(0);
    QTest::addRow("100k tags") << QJsonObject {
        { u"type"_s, u"annotation"_s }, { u"op"_s, u"put"_s }, { u"id"_s, u"a"_s }, { u"t0"_s, 1 },
        { u"clock"_s, u"1:0:u"_s },     { u"tags"_s, strings }
    } << u"'tags'"_s << qsizetype(0);
    QTest::addRow("100k snapshot entries that are numbers")
        << QJsonObject { { u"type"_s, u"snapshot"_s }, { u"annotations"_s, ints } }
        << u"'annotations[0]'"_s << qsizetype(0);
    QTest::addRow("100k Azure points") << QJsonObject {
        { u"type"_s, u"metrics"_s },
        { u"data"_s,
          QJsonObject { { u"value"_s,
                          QJsonArray { QJsonObject {
                              { u"name"_s, QJsonObject { { u"value"_s, u"m"_s } } },
                              { u"timeseries"_s,
                                QJsonArray { QJsonObject { { u"data"_s, azureData } } } } } } } } }
    } << QString() << qsizetype(n);
    QTest::addRow("100k Azure dimensions")
        << QJsonObject { { u"type"_s, u"metrics"_s },
                         { u"data"_s,
                           QJsonObject { { u"metrics"_s,
                                           QJsonArray { QJsonObject {
                                               { u"name"_s, u"m"_s },
                                               { u"timeseries"_s,
                                                 QJsonArray { QJsonObject {
                                                     { u"metadataValues"_s, dims } } } } } } } } } }
        << u"'data.metrics[0].timeseries[0].metadataValues'"_s << qsizetype(0);
}

void TestSessionMessages::hugeArrays()
{
    QFETCH(QJsonObject, message);
    QFETCH(QString, error);
    QFETCH(qsizetype, points);

    const DecodeResult result = wr::session::decode(QJsonValue(message));
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error));
        const auto &frame = std::get<MetricsFrame>(*result.message);
        QCOMPARE(frame.series.at(0).points.size(), points);
        QVERIFY(std::isnan(frame.series.at(0).points.at(0).second)
                || frame.series.at(0).points.at(0).second == 0);
        // Over the transport limit as bytes, whatever it holds.
        const DecodeResult asBytes = wr::session::decode(compact(message));
        QVERIFY(!asBytes.ok());
        QVERIFY2(asBytes.error.contains(u"larger than"_s), qPrintable(asBytes.error));
        return;
    }
    QVERIFY2(!result.ok(), "a hostile message was accepted");
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
    QVERIFY2(result.error.size() < 300, qPrintable(result.error));
}

void TestSessionMessages::wrongTypesEverywhere()
{
    const QList<QJsonValue> replacements {
        QJsonValue(),
        QJsonValue(true),
        QJsonValue(0),
        QJsonValue(-1),
        QJsonValue(1.5),
        QJsonValue(1e300),
        QJsonValue(u""_s),
        QJsonValue(u"x"_s),
        QJsonValue(QJsonArray()),
        QJsonValue(QJsonObject()),
        QJsonValue(QJsonArray { QJsonArray() }),
        QJsonValue(QJsonObject { { u"a"_s, QJsonObject() } }),
    };
    int rejected = 0;
    int accepted = 0;
    for (const QByteArray &sample : validSamples()) {
        const QJsonObject original = object(sample);
        QVERIFY2(wr::session::decode(QJsonValue(original)).ok(), sample.constData());
        QList<JsonPath> paths;
        collectPaths(original, {}, &paths);
        for (const JsonPath &path : paths) {
            const QString field = pathText(path);
            JsonPath parent = path;
            parent.removeLast();
            const QString parentField = pathText(parent);
            for (const QJsonValue &with : replacements) {
                const QJsonValue mutated = replaced(original, path, 0, with);
                const DecodeResult result = wr::session::decode(mutated);
                QByteArray why;
                const QByteArray context = "sample " + sample.left(60) + "…, " + field.toUtf8()
                    + " = " + compact(QJsonObject { { u"x"_s, with } }) + ": ";
                QVERIFY2(isStable(result, &why), QByteArray(context + why).constData());
                if (result.ok()) {
                    ++accepted;
                    continue;
                }
                ++rejected;
                // The field itself, something inside it, or (for ordering rules) its parent.
                const bool namesField = names(result.error, field)
                    || (!parentField.isEmpty()
                        && result.error.contains(u"'"_s + parentField + u"'"_s))
                    || namesMissingField(result.error, mutated)
                    || (field == "type"_L1
                        && result.error.startsWith(u"unknown session message type"_s));
                QVERIFY2(namesField, QByteArray(context + result.error.toUtf8()).constData());
            }
        }
    }
    // Both outcomes happen, so the checks above ran on real cases.
    QVERIFY2(rejected > 500, qPrintable(QString::number(rejected)));
    QVERIFY2(accepted > 100, qPrintable(QString::number(accepted)));
}

void TestSessionMessages::randomMutationsNeverCrash()
{
    const QList<QByteArray> samples = validSamples();
    const QList<QByteArray> tokens { "null"_ba,
                                     "["_ba,
                                     "]"_ba,
                                     "{"_ba,
                                     "}"_ba,
                                     ","_ba,
                                     ":"_ba,
                                     "\""_ba,
                                     "1e308"_ba,
                                     "-0"_ba,
                                     "1.5"_ba,
                                     "true"_ba,
                                     "\\u0000"_ba,
                                     "\"v\":2"_ba,
                                     "\"type\":\"hello\""_ba,
                                     "99999999999999999999"_ba };
    QRandomGenerator random(20240502);
    int accepted = 0;
    for (int i = 0; i < 30000; ++i) {
        QByteArray bytes = samples.at(random.bounded(samples.size()));
        const int mutations = 1 + random.bounded(4);
        for (int m = 0; m < mutations && !bytes.isEmpty(); ++m) {
            const int at = random.bounded(bytes.size());
            switch (random.bounded(5)) {
            case 0: // overwrite a byte
                bytes[at] = char(random.bounded(32, 127));
                break;
            case 1: // delete a range
                bytes.remove(at, 1 + random.bounded(8));
                break;
            case 2: // duplicate a range
                bytes.insert(at, bytes.mid(at, 1 + random.bounded(16)));
                break;
            case 3: // insert a token
                bytes.insert(at, tokens.at(random.bounded(tokens.size())));
                break;
            default: // any byte, including invalid UTF-8
                bytes[at] = char(random.bounded(256));
                break;
            }
        }
        const DecodeResult result = wr::session::decode(bytes);
        QVERIFY2(result.ok() != !result.error.isEmpty(), bytes.constData());
        QByteArray why;
        QVERIFY2(isStable(result, &why), QByteArray(bytes + " -> " + why).constData());
        if (result.ok())
            ++accepted;
    }
    QVERIFY2(accepted > 100, qPrintable(QString::number(accepted)));
}

void TestSessionMessages::hostileTypeNameIsTruncatedInError()
{
    const QByteArray json = R"({"type":")"_ba + QByteArray(50000, 'x') + R"(","v":1})"_ba;
    const DecodeResult result = wr::session::decode(json);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(u"unknown session message type 'xxxx"_s),
             qPrintable(result.error));
    QVERIFY2(result.error.size() < 200, qPrintable(QString::number(result.error.size())));
}

QTEST_GUILESS_MAIN(TestSessionMessages)
#include "tst_sessionmessages.moc"
