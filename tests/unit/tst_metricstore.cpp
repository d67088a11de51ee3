#include "counterrate.h"
#include "metricstore.h"
#include "reducedwindow.h"
#include "reducer.h"
#include "timeseries.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

using namespace Qt::StringLiterals;
using namespace wr;

Q_DECLARE_METATYPE(wr::Sample)
Q_DECLARE_METATYPE(wr::AppendStats)
Q_DECLARE_METATYPE(wr::SeriesInfo)
Q_DECLARE_METATYPE(wr::session::MetricSeries)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr qint64 kMinT = TimeSeriesBuffer::kMinTimestamp;
constexpr qint64 kMaxT = TimeSeriesBuffer::kMaxTimestamp;
constexpr qint64 kEpoch2023 = 1'700'000'000'000;

QString describe(const Sample &s)
{
    return s.isGap() ? u"(%1, gap)"_s.arg(s.t) : u"(%1, %2)"_s.arg(s.t).arg(s.value, 0, 'g', 17);
}

// Bit-exact, so that the earliest of equal extremes (or -0 vs +0) must be the one reported.
bool same(const Sample &a, const Sample &b)
{
    if (a.t != b.t)
        return false;
    if (std::isnan(a.value) || std::isnan(b.value))
        return std::isnan(a.value) && std::isnan(b.value);
    return std::bit_cast<quint64>(a.value) == std::bit_cast<quint64>(b.value);
}

QString firstDifference(const QList<Sample> &actual, const QList<Sample> &expected)
{
    const qsizetype common = std::min(actual.size(), expected.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (!same(actual[i], expected[i])) {
            return u"sample %1 of %2 (expected %3): got %4, expected %5"_s.arg(i)
                .arg(actual.size())
                .arg(expected.size())
                .arg(describe(actual[i]), describe(expected[i]));
        }
    }
    if (actual.size() != expected.size()) {
        return u"got %1 samples, expected %2; first unmatched: %3"_s.arg(actual.size())
            .arg(expected.size())
            .arg(describe(actual.size() > common ? actual[common] : expected[common]));
    }
    return {};
}

#define COMPARE_SAMPLES(actual, expected)                                                          \
    do {                                                                                           \
        const QString difference_ = firstDifference((actual), (expected));                         \
        QVERIFY2(difference_.isEmpty(), qPrintable(difference_));                                  \
    } while (false)

QList<Sample> samples(std::initializer_list<std::pair<qint64, double>> points)
{
    QList<Sample> result;
    for (const auto &[t, v] : points)
        result.append({ t, v });
    return result;
}

QList<Sample> contents(const TimeSeriesBuffer &buffer)
{
    QList<Sample> result;
    for (qsizetype i = 0; i < buffer.size(); ++i)
        result.append(buffer.at(i));
    return result;
}

session::MetricSeries entry(const QString &id, QList<QPair<qint64, double>> points = {})
{
    session::MetricSeries series;
    series.id = id;
    series.points = std::move(points);
    return series;
}

session::MetricsFrame frameOf(QList<session::MetricSeries> series)
{
    session::MetricsFrame frame;
    frame.source = u"test"_s;
    frame.series = std::move(series);
    return frame;
}

// The retention rule written the obvious way: a sorted map, then trim the oldest.
struct Reference
{
    explicit Reference(qsizetype capacity)
        : capacity(capacity)
    { }

    void add(qint64 t, double v)
    {
        if (t < kMinT || t > kMaxT) {
            ++totals.invalid;
            return;
        }
        if (std::isinf(v)) {
            v = kNaN;
            ++totals.invalid;
        }
        const auto existing = points.find(t);
        if (existing != points.end()) {
            existing->second = v;
            ++totals.replaced;
            return;
        }
        const bool newest = points.empty() || t > points.rbegin()->first;
        points.emplace(t, v);
        if (qsizetype(points.size()) <= capacity) {
            ++(newest ? totals.appended : totals.inserted);
        } else if (points.begin()->first == t) {
            points.erase(points.begin());
            ++totals.dropped;
        } else {
            points.erase(points.begin());
            ++(newest ? totals.appended : totals.inserted);
            ++totals.evicted;
        }
    }

    void setCapacity(qsizetype newCapacity)
    {
        capacity = newCapacity;
        while (qsizetype(points.size()) > capacity) {
            points.erase(points.begin());
            ++totals.evicted;
        }
    }

    QList<Sample> samples() const
    {
        QList<Sample> result;
        for (const auto &[t, v] : points)
            result.append({ t, v });
        return result;
    }

    std::map<qint64, double> points;
    qsizetype capacity;
    AppendStats totals;
};

qint64 referenceFloorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// Brute force, point by point, straight from the definition in reducer.h.
QList<Sample> bruteReduce(const QList<Sample> &points, qint64 from, qint64 to, int columns)
{
    QList<Sample> out;
    from = std::clamp(from, kMinT, kMaxT);
    to = std::clamp(to, kMinT, kMaxT);
    if (columns < 1 || from >= to || points.isEmpty())
        return out;
    const qint64 span = to - from;
    const qint64 width = std::max<qint64>(1, span / columns + (span % columns != 0 ? 1 : 0));
    const qint64 start = referenceFloorDiv(from, width) * width;
    const qint64 end = (referenceFloorDiv(to - 1, width) + 1) * width;

    QList<Sample> emitted;
    qsizetype i = std::partition_point(points.cbegin(), points.cend(),
                                       [start](const Sample &s) { return s.t < start; })
        - points.cbegin();
    if (i > 0)
        emitted.append(points[i - 1]);
    while (i < points.size() && points[i].t < end) {
        // One column: [i, columnEnd).
        const qint64 bucket = referenceFloorDiv(points[i].t, width);
        qsizetype columnEnd = i;
        while (columnEnd < points.size() && points[columnEnd].t < end
               && referenceFloorDiv(points[columnEnd].t, width) == bucket)
            ++columnEnd;
        qsizetype k = i;
        while (k < columnEnd) {
            if (points[k].isGap()) {
                emitted.append(points[k]);
                while (k < columnEnd && points[k].isGap())
                    ++k;
                continue;
            }
            const qsizetype runBegin = k;
            qsizetype lowest = k;
            qsizetype highest = k;
            while (k < columnEnd && !points[k].isGap()) {
                if (points[k].value < points[lowest].value)
                    lowest = k;
                if (points[k].value > points[highest].value)
                    highest = k;
                ++k;
            }
            qsizetype m4[] = { runBegin, lowest, highest, k - 1 };
            std::sort(std::begin(m4), std::end(m4));
            for (qsizetype j = 0; j < 4; ++j) {
                if (j == 0 || m4[j] != m4[j - 1])
                    emitted.append(points[m4[j]]);
            }
        }
        i = columnEnd;
    }
    if (i < points.size())
        emitted.append(points[i]);
    for (const Sample &s : emitted) {
        if (s.isGap() && !out.isEmpty() && out.constLast().isGap())
            continue;
        out.append(s);
    }
    return out;
}

} // namespace

namespace wr {
char *toString(const AppendStats &s)
{
    return qstrdup(
        QByteArray("appended=" + QByteArray::number(s.appended) + " inserted="
                   + QByteArray::number(s.inserted) + " replaced=" + QByteArray::number(s.replaced)
                   + " dropped=" + QByteArray::number(s.dropped) + " evicted="
                   + QByteArray::number(s.evicted) + " invalid=" + QByteArray::number(s.invalid))
            .constData());
}

char *toString(const TimeRange &range)
{
    return qstrdup(QByteArray("[" + QByteArray::number(range.first) + ", "
                              + QByteArray::number(range.last) + "]")
                       .constData());
}

char *toString(const Sample &sample)
{
    return qstrdup(describe(sample).toUtf8().constData());
}

char *toString(const SeriesInfo &info)
{
    QStringList labels;
    for (auto it = info.labels.cbegin(); it != info.labels.cend(); ++it)
        labels.append(it.key() % u'=' % it.value());
    return qstrdup(u"{id=%1 name=%2 unit=%3 labels=[%4]}"_s
                       .arg(info.id, info.name, info.unit, labels.join(u','))
                       .toUtf8()
                       .constData());
}
} // namespace wr

class TestMetricStore : public QObject
{
    Q_OBJECT

private slots:
    void append_data();
    void append();
    void appendMatchesReference_data();
    void appendMatchesReference();
    void capacityClamped_data();
    void capacityClamped();
    void capacityChangeEvictsOldest();
    void metadata_data();
    void metadata();
    void signalsOncePerApply();
    void hostileFrames();
    void nearest_data();
    void nearest();
    void accessors();
    void reduceM4_data();
    void reduceM4();
    void reduceMatchesBruteForce_data();
    void reduceMatchesBruteForce();
    void reduceIsStableWhileSliding_data();
    void reduceIsStableWhileSliding();
    void reducedWindowMatchesReduce_data();
    void reducedWindowMatchesReduce();
    void reducedWindowBeforeSeriesExists();
    void counterRate_data();
    void counterRate();
};

void TestMetricStore::append_data()
{
    QTest::addColumn<qsizetype>("capacity");
    QTest::addColumn<QList<Sample>>("input");
    QTest::addColumn<QList<Sample>>("expected");
    QTest::addColumn<AppendStats>("stats");

    QTest::addRow("in order") << qsizetype(10) << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 } })
                              << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 } })
                              << AppendStats { .appended = 3 };
    QTest::addRow("late point inserted in place")
        << qsizetype(10) << samples({ { 1, 1 }, { 3, 3 }, { 4, 4 }, { 2, 2 } })
        << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 } })
        << AppendStats { .appended = 3, .inserted = 1 };
    QTest::addRow("late point near the newest")
        << qsizetype(10) << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 5, 5 }, { 4, 4 } })
        << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 }, { 5, 5 } })
        << AppendStats { .appended = 4, .inserted = 1 };
    QTest::addRow("older than the oldest while there is room")
        << qsizetype(10) << samples({ { 5, 5 }, { 3, 3 } }) << samples({ { 3, 3 }, { 5, 5 } })
        << AppendStats { .appended = 1, .inserted = 1 };
    QTest::addRow("same timestamp replaces the value")
        << qsizetype(10) << samples({ { 1, 1 }, { 2, 2 }, { 1, 10 } })
        << samples({ { 1, 10 }, { 2, 2 } }) << AppendStats { .appended = 2, .replaced = 1 };
    QTest::addRow("same timestamp as the newest replaces it")
        << qsizetype(10) << samples({ { 1, 1 }, { 2, 2 }, { 2, 20 } })
        << samples({ { 1, 1 }, { 2, 20 } }) << AppendStats { .appended = 2, .replaced = 1 };
    QTest::addRow("a gap replaces a value")
        << qsizetype(10) << samples({ { 1, 1 }, { 1, kNaN } }) << samples({ { 1, kNaN } })
        << AppendStats { .appended = 1, .replaced = 1 };
    QTest::addRow("full: the oldest are evicted")
        << qsizetype(3) << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 }, { 5, 5 } })
        << samples({ { 3, 3 }, { 4, 4 }, { 5, 5 } }) << AppendStats { .appended = 5, .evicted = 2 };
    QTest::addRow("full: older than the oldest is dropped")
        << qsizetype(3) << samples({ { 2, 2 }, { 3, 3 }, { 4, 4 }, { 1, 1 } })
        << samples({ { 2, 2 }, { 3, 3 }, { 4, 4 } }) << AppendStats { .appended = 3, .dropped = 1 };
    QTest::addRow("full: a late point evicts the oldest")
        << qsizetype(3) << samples({ { 1, 1 }, { 3, 3 }, { 4, 4 }, { 2, 2 } })
        << samples({ { 2, 2 }, { 3, 3 }, { 4, 4 } })
        << AppendStats { .appended = 3, .inserted = 1, .evicted = 1 };
    QTest::addRow("full: the oldest timestamp is replaced, not dropped")
        << qsizetype(3) << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 1, 9 } })
        << samples({ { 1, 9 }, { 2, 2 }, { 3, 3 } })
        << AppendStats { .appended = 3, .replaced = 1 };
    QTest::addRow("ring wrapped, late point")
        << qsizetype(4)
        << samples({ { 1, 1 },
                     { 2, 2 },
                     { 3, 3 },
                     { 4, 4 },
                     { 5, 5 },
                     { 6, 6 },
                     { 8, 8 },
                     { 9, 9 },
                     { 7, 7 } })
        << samples({ { 6, 6 }, { 7, 7 }, { 8, 8 }, { 9, 9 } })
        << AppendStats { .appended = 8, .inserted = 1, .evicted = 5 };
    QTest::addRow("capacity 1 keeps the newest")
        << qsizetype(1) << samples({ { 1, 1 }, { 2, 2 }, { 0, 0 } }) << samples({ { 2, 2 } })
        << AppendStats { .appended = 2, .dropped = 1, .evicted = 1 };
    QTest::addRow("shuffled input ends sorted")
        << qsizetype(10) << samples({ { 5, 5 }, { 1, 1 }, { 4, 4 }, { 2, 2 }, { 3, 3 } })
        << samples({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 }, { 5, 5 } })
        << AppendStats { .appended = 1, .inserted = 4 };
    QTest::addRow("infinities become gaps")
        << qsizetype(10) << samples({ { 1, kInf }, { 2, -kInf }, { 3, kNaN } })
        << samples({ { 1, kNaN }, { 2, kNaN }, { 3, kNaN } })
        << AppendStats { .appended = 3, .invalid = 2 };
    QTest::addRow("timestamps beyond 2^52 ms are rejected")
        << qsizetype(10)
        << samples({ { kMaxT + 1, 1 },
                     { std::numeric_limits<qint64>::min(), 1 },
                     { std::numeric_limits<qint64>::max(), 2 },
                     { kMinT - 1, 1 },
                     { kMaxT, 3 },
                     { kMinT, 4 } })
        << samples({ { kMinT, 4 }, { kMaxT, 3 } })
        << AppendStats { .appended = 1, .inserted = 1, .invalid = 4 };
    QTest::addRow("negative timestamps")
        << qsizetype(10) << samples({ { -5, 1 }, { -3, 2 }, { -4, 3 } })
        << samples({ { -5, 1 }, { -4, 3 }, { -3, 2 } })
        << AppendStats { .appended = 2, .inserted = 1 };
}

void TestMetricStore::append()
{
    QFETCH(qsizetype, capacity);
    QFETCH(QList<Sample>, input);
    QFETCH(QList<Sample>, expected);
    QFETCH(AppendStats, stats);

    TimeSeriesBuffer batch(capacity);
    QCOMPARE(batch.append(std::span<const Sample>(input.constData(), input.size())), stats);
    COMPARE_SAMPLES(contents(batch), expected);
    QCOMPARE(batch.totals(), stats);
    QCOMPARE(batch.size(), expected.size());

    TimeSeriesBuffer oneByOne(capacity);
    for (const Sample &s : input)
        oneByOne.append(s.t, s.value);
    COMPARE_SAMPLES(contents(oneByOne), expected);
    QCOMPARE(oneByOne.totals(), stats);
    QVERIFY(oneByOne.allocatedBytes() <= qsizetype(16) * std::max<qsizetype>(capacity, 256));
}

void TestMetricStore::appendMatchesReference_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<qsizetype>("capacity");
    QTest::addColumn<int>("latePercent");

    QTest::addRow("seed 1, capacity 1, 20%% late") << 1u << qsizetype(1) << 20;
    QTest::addRow("seed 2, capacity 7, 20%% late") << 2u << qsizetype(7) << 20;
    QTest::addRow("seed 3, capacity 100, in order") << 3u << qsizetype(100) << 0;
    QTest::addRow("seed 4, capacity 100, 5%% late") << 4u << qsizetype(100) << 5;
    QTest::addRow("seed 5, capacity 1000, 50%% late") << 5u << qsizetype(1000) << 50;
    QTest::addRow("seed 6, capacity 300 (grows past 256), 10%% late") << 6u << qsizetype(300) << 10;
    QTest::addRow("seed 7, capacity 100000 (never full), 10%% late")
        << 7u << qsizetype(100000) << 10;
}

void TestMetricStore::appendMatchesReference()
{
    QFETCH(quint32, seed);
    QFETCH(qsizetype, capacity);
    QFETCH(int, latePercent);

    QRandomGenerator rng(seed);
    TimeSeriesBuffer buffer(capacity);
    Reference reference(capacity);
    qint64 newest = kEpoch2023;
    for (int batch = 0; batch < 200; ++batch) {
        QList<Sample> points;
        const int count = rng.bounded(60);
        for (int i = 0; i < count; ++i) {
            qint64 t = 0;
            if (rng.bounded(100) < latePercent)
                t = newest - rng.bounded(capacity * 3 + 3); // sometimes older than everything
            else
                t = newest += rng.bounded(1, 5);
            const int kind = rng.bounded(100);
            const double value = kind < 5 ? kNaN : kind < 7 ? kInf : rng.generateDouble() * 100;
            points.append({ t, value });
            reference.add(t, value);
        }
        buffer.append(std::span<const Sample>(points.constData(), points.size()));
        COMPARE_SAMPLES(contents(buffer), reference.samples());
        QCOMPARE(buffer.totals(), reference.totals);
    }
    QCOMPARE_LE(buffer.allocatedBytes(), qsizetype(16) * std::max<qsizetype>(capacity, 256));
}

void TestMetricStore::capacityClamped_data()
{
    QTest::addColumn<qsizetype>("requested");
    QTest::addColumn<qsizetype>("effective");

    QTest::addRow("one") << qsizetype(1) << qsizetype(1);
    QTest::addRow("default (24 h at 1 s)") << qsizetype(86400) << qsizetype(86400);
    QTest::addRow("maximum") << TimeSeriesBuffer::kMaxCapacity << TimeSeriesBuffer::kMaxCapacity;
    QTest::addRow("zero") << qsizetype(0) << qsizetype(1);
    QTest::addRow("negative") << qsizetype(-5) << qsizetype(1);
    QTest::addRow("one over the maximum")
        << TimeSeriesBuffer::kMaxCapacity + 1 << TimeSeriesBuffer::kMaxCapacity;
    QTest::addRow("a trillion points")
        << qsizetype(1'000'000'000'000) << TimeSeriesBuffer::kMaxCapacity;
}

void TestMetricStore::capacityClamped()
{
    QFETCH(qsizetype, requested);
    QFETCH(qsizetype, effective);

    MetricStore store;
    QCOMPARE(store.capacity(), TimeSeriesBuffer::kDefaultCapacity);
    const bool accepted = requested == effective;
    if (!accepted) {
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(u"capacity of %1 points.*outside"_s.arg(requested)));
    }
    QString error;
    QCOMPARE(store.setCapacity(requested, &error), accepted);
    QCOMPARE(store.capacity(), effective);
    QCOMPARE(error.isEmpty(), accepted);
    if (!accepted) {
        QVERIFY2(error.contains(QString::number(requested))
                     && error.contains(QString::number(effective)),
                 qPrintable(error));
    }
    // Storage is not reserved up front: a huge capacity costs nothing until points arrive.
    store.apply(frameOf({ entry(u"s"_s, { { 1, 1.0 }, { 2, 2.0 } }) }));
    QCOMPARE(store.buffer(u"s"_s)->capacity(), effective);
    QCOMPARE_LE(store.allocatedBytes(), qsizetype(256 * 16));
}

void TestMetricStore::capacityChangeEvictsOldest()
{
    MetricStore store;
    QList<QPair<qint64, double>> points;
    for (qint64 t = 0; t < 1000; ++t)
        points.append({ t, double(t) });
    store.apply(frameOf({ entry(u"a"_s, points), entry(u"b"_s, points.mid(0, 10)) }));
    QSignalSpy appended(&store, &MetricStore::pointsAppended);

    QVERIFY(store.setCapacity(100));
    QCOMPARE(store.size(u"a"_s), 100);
    QCOMPARE(store.timeRange(u"a"_s).value_or(TimeRange { -1, -1 }), (TimeRange { 900, 999 }));
    QCOMPARE(store.stats(u"a"_s).evicted, 900);
    QCOMPARE(store.size(u"b"_s), 10);
    QCOMPARE(appended.size(), 1); // only "a" lost points
    QCOMPARE(appended.at(0).at(0).toString(), u"a"_s);
    QCOMPARE_LE(store.buffer(u"a"_s)->allocatedBytes(), qsizetype(100 * 16));

    QVERIFY(store.setCapacity(5000));
    store.apply(frameOf({ entry(u"a"_s, points.mid(0, 50)) })); // older than the oldest, room
    QCOMPARE(store.size(u"a"_s), 150);
    QCOMPARE(store.timeRange(u"a"_s).value_or(TimeRange { -1, -1 }), (TimeRange { 0, 999 }));
    store.apply(frameOf({ entry(u"c"_s, points) }));
    QCOMPARE(store.size(u"c"_s), 1000);
}

void TestMetricStore::metadata_data()
{
    QTest::addColumn<session::MetricSeries>("update");
    QTest::addColumn<SeriesInfo>("expected");
    QTest::addColumn<bool>("changed");

    const QMap<QString, QString> host { { u"host"_s, u"a"_s } };
    const SeriesInfo initial { u"cpu"_s, u"CPU"_s, u"%"_s, host };

    session::MetricSeries pointsOnly = entry(u"cpu"_s, { { 5, 1.0 } });
    QTest::addRow("points only keep the metadata") << pointsOnly << initial << false;

    session::MetricSeries sameName = entry(u"cpu"_s);
    sameName.name = u"CPU"_s;
    QTest::addRow("the same name is no change") << sameName << initial << false;

    session::MetricSeries unit = entry(u"cpu"_s);
    unit.unit = u"ratio"_s;
    QTest::addRow("a new unit keeps name and labels")
        << unit << SeriesInfo { u"cpu"_s, u"CPU"_s, u"ratio"_s, host } << true;

    session::MetricSeries labels = entry(u"cpu"_s);
    labels.labels = QMap<QString, QString> {};
    QTest::addRow("empty labels clear them")
        << labels << SeriesInfo { u"cpu"_s, u"CPU"_s, u"%"_s, {} } << true;

    session::MetricSeries emptyName = entry(u"cpu"_s);
    emptyName.name = QString();
    QTest::addRow("an empty name is a name")
        << emptyName << SeriesInfo { u"cpu"_s, QString(), u"%"_s, host } << true;

    session::MetricSeries all = entry(u"cpu"_s, { { 6, 2.0 } });
    all.name = u"Processor"_s;
    all.unit = u"%"_s;
    all.labels = QMap<QString, QString> { { u"host"_s, u"b"_s }, { u"core"_s, u"0"_s } };
    QTest::addRow("everything with points")
        << all
        << SeriesInfo { u"cpu"_s,
                        u"Processor"_s,
                        u"%"_s,
                        { { u"host"_s, u"b"_s }, { u"core"_s, u"0"_s } } }
        << true;
}

void TestMetricStore::metadata()
{
    QFETCH(session::MetricSeries, update);
    QFETCH(SeriesInfo, expected);
    QFETCH(bool, changed);

    MetricStore store;
    QAbstractItemModelTester tester(&store);
    session::MetricSeries first = entry(u"cpu"_s, { { 1, 0.5 } });
    first.name = u"CPU"_s;
    first.unit = u"%"_s;
    first.labels = QMap<QString, QString> { { u"host"_s, u"a"_s } };
    store.apply(frameOf({ first }));

    QSignalSpy metadataChanged(&store, &MetricStore::metadataChanged);
    QSignalSpy dataChanged(&store, &QAbstractItemModel::dataChanged);
    QSignalSpy added(&store, &MetricStore::seriesAdded);
    store.apply(frameOf({ update }));

    QCOMPARE(store.info(u"cpu"_s).value_or(SeriesInfo {}), expected);
    QCOMPARE(metadataChanged.size(), changed ? 1 : 0);
    QCOMPARE(dataChanged.size(), changed ? 1 : 0);
    QCOMPARE(added.size(), 0);
    const QModelIndex row = store.index(0);
    QCOMPARE(row.data(MetricStore::IdRole).toString(), u"cpu"_s);
    QCOMPARE(row.data(MetricStore::NameRole).toString(), expected.name);
    QCOMPARE(row.data(MetricStore::UnitRole).toString(), expected.unit);
    QCOMPARE(row.data(MetricStore::LabelsRole).toMap().size(), expected.labels.size());
    QCOMPARE(row.data(Qt::DisplayRole).toString(),
             expected.name.isEmpty() ? expected.id : expected.name);
}

void TestMetricStore::signalsOncePerApply()
{
    MetricStore store;
    QAbstractItemModelTester tester(&store);
    QSignalSpy added(&store, &MetricStore::seriesAdded);
    QSignalSpy metadataChanged(&store, &MetricStore::metadataChanged);
    QSignalSpy appended(&store, &MetricStore::pointsAppended);
    QSignalSpy rowsInserted(&store, &QAbstractItemModel::rowsInserted);
    const auto ids = [](const QSignalSpy &spy) {
        QStringList result;
        for (const QList<QVariant> &arguments : spy)
            result.append(arguments.at(0).toString());
        return result;
    };

    QList<QPair<qint64, double>> many;
    for (qint64 t = 0; t < 500; ++t)
        many.append({ t, double(t % 7) });
    session::MetricSeries aAgain = entry(u"a"_s, { { 1000, 1.0 }, { 1001, 2.0 } });
    aAgain.unit = u"B"_s;
    store.apply(frameOf({ entry(u"a"_s, many), entry(u"b"_s, many.mid(0, 3)), aAgain }));
    QCOMPARE(ids(added), (QStringList { u"a"_s, u"b"_s }));
    QCOMPARE(ids(metadataChanged), QStringList());
    QCOMPARE(ids(appended), (QStringList { u"a"_s, u"b"_s }));
    QCOMPARE(rowsInserted.size(), 1); // one block of rows per frame
    QCOMPARE(store.rowCount(), 2);
    QCOMPARE(store.seriesIds(), (QStringList { u"a"_s, u"b"_s }));
    QCOMPARE(store.info(u"a"_s)->unit, u"B"_s); // metadata of a later entry of the same frame
    QCOMPARE(store.size(u"a"_s), 502);

    added.clear();
    appended.clear();
    session::MetricSeries renamed = entry(u"b"_s);
    renamed.name = u"Bee"_s;
    store.apply(frameOf({ renamed, entry(u"a"_s, { { 2000, 1.0 } }), entry(u"c"_s),
                          entry(u"b"_s, { { 2000, 1.0 } }), entry(u"b"_s, { { 2001, 1.0 } }) }));
    QCOMPARE(ids(added), (QStringList { u"c"_s }));
    QCOMPARE(ids(metadataChanged), (QStringList { u"b"_s }));
    QCOMPARE(ids(appended), (QStringList { u"b"_s, u"a"_s })); // "c" came without points
    QCOMPARE(store.seriesIds(), (QStringList { u"a"_s, u"b"_s, u"c"_s }));

    // Nothing stored, nothing signalled.
    store.setCapacity(3);
    added.clear();
    metadataChanged.clear();
    appended.clear();
    store.apply(frameOf({ entry(u"a"_s, { { 5, 1.0 }, { 6, 1.0 } }) })); // older than retained
    store.apply(frameOf({}));
    QCOMPARE(added.size() + metadataChanged.size() + appended.size(), 0);
    QCOMPARE(store.stats(u"a"_s).dropped, 2);

    // A slot may apply another frame while signals are being delivered.
    QStringList seen;
    connect(&store, &MetricStore::pointsAppended, this, [&](const QString &id) {
        seen.append(id);
        if (id == u"a"_s)
            store.apply(frameOf({ entry(u"b"_s, { { 3000, 1.0 } }) }));
    });
    store.apply(frameOf({ entry(u"a"_s, { { 3000, 1.0 } }), entry(u"c"_s, { { 3000, 1.0 } }) }));
    QCOMPARE(seen, (QStringList { u"a"_s, u"b"_s, u"c"_s }));
}

void TestMetricStore::hostileFrames()
{
    MetricStore store;
    QAbstractItemModelTester tester(&store);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"dropped 2 series"_s));
    store.apply(frameOf({ entry(QString(), { { 1, 1.0 } }),
                          entry(QString(MetricStore::kMaxIdLength + 1, u'x'), { { 1, 1.0 } }),
                          entry(QString(MetricStore::kMaxIdLength, u'y'), { { 1, 1.0 } }) }));
    QCOMPARE(store.rowCount(), 1);
    QCOMPARE(store.rejectedSeries(), 2);

    // Values and timestamps nobody should send.
    store.apply(frameOf({ entry(u"v"_s,
                                { { 10, kInf },
                                  { 5, 1.0 },
                                  { 7, kNaN },
                                  { std::numeric_limits<qint64>::max(), 2.0 },
                                  { 6, -kInf },
                                  { 5, 3.0 } }) }));
    COMPARE_SAMPLES(store.samples(u"v"_s, kMinT, kMaxT),
                    samples({ { 5, 3.0 }, { 6, kNaN }, { 7, kNaN }, { 10, kNaN } }));
    QCOMPARE(store.stats(u"v"_s).invalid, 3);
    QCOMPARE(store.reduce(u"v"_s, 0, 20, 20).size(), 2); // (5, 3) then one break

    // A flood of series ids stops at the limit (each series reserves nothing until it has
    // points).
    QList<session::MetricSeries> flood;
    for (int i = 0; i < MetricStore::kMaxSeries + 5; ++i)
        flood.append(entry(u"flood-%1"_s.arg(i)));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"dropped 7 series"_s));
    store.apply(frameOf(flood));
    QCOMPARE(store.rowCount(), MetricStore::kMaxSeries);
    QCOMPARE(store.rejectedSeries(), 2 + 7);
}

void TestMetricStore::nearest_data()
{
    QTest::addColumn<qint64>("t");
    QTest::addColumn<Sample>("expected");

    QTest::addRow("before the first") << qint64(0) << Sample { 10, 1 };
    QTest::addRow("exactly on a point") << qint64(20) << Sample { 20, 2 };
    QTest::addRow("closer to the earlier") << qint64(14) << Sample { 10, 1 };
    QTest::addRow("a tie goes to the earlier") << qint64(15) << Sample { 10, 1 };
    QTest::addRow("closer to the later") << qint64(16) << Sample { 20, 2 };
    QTest::addRow("a gap is reported as a gap") << qint64(31) << Sample { 30, kNaN };
    QTest::addRow("after the last") << qint64(1000) << Sample { 40, 4 };
    QTest::addRow("minimum qint64") << std::numeric_limits<qint64>::min() << Sample { 10, 1 };
    QTest::addRow("maximum qint64") << std::numeric_limits<qint64>::max() << Sample { 40, 4 };
}

void TestMetricStore::nearest()
{
    QFETCH(qint64, t);
    QFETCH(Sample, expected);

    MetricStore store;
    store.apply(frameOf({ entry(u"s"_s, { { 30, kNaN }, { 10, 1 }, { 40, 4 }, { 20, 2 } }) }));
    const std::optional<Sample> found = store.nearest(u"s"_s, t);
    QVERIFY(found);
    QVERIFY2(same(*found, expected), qPrintable(describe(*found)));
    QVERIFY(!store.nearest(u"unknown"_s, t));
}

void TestMetricStore::accessors()
{
    MetricStore store;
    QVERIFY(store.seriesIds().isEmpty());
    QVERIFY(!store.info(u"s"_s));
    QCOMPARE(store.size(u"s"_s), 0);
    QVERIFY(!store.timeRange(u"s"_s));
    QVERIFY(store.reduce(u"s"_s, 0, 100, 10).isEmpty());
    QCOMPARE(store.buffer(u"s"_s), nullptr);

    store.apply(frameOf({ entry(u"s"_s, { { 10, 1 }, { 20, 2 }, { 30, 3 }, { 40, 4 } }) }));
    QVERIFY(store.contains(u"s"_s));
    QCOMPARE(store.timeRange(u"s"_s).value_or(TimeRange { -1, -1 }), (TimeRange { 10, 40 }));
    COMPARE_SAMPLES(store.samples(u"s"_s, 15, 40), samples({ { 20, 2 }, { 30, 3 } }));
    QVERIFY(store.samples(u"s"_s, 40, 15).isEmpty());
    QCOMPARE(store.allocatedBytes(), store.buffer(u"s"_s)->allocatedBytes());
}

void TestMetricStore::reduceM4_data()
{
    QTest::addColumn<QList<Sample>>("points");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QList<Sample>>("expected");

    QTest::addRow("first, min, max, last of one column")
        << samples({ { 0, 5 }, { 1, 1 }, { 2, 9 }, { 3, 4 } }) << qint64(0) << qint64(4) << 1
        << samples({ { 0, 5 }, { 1, 1 }, { 2, 9 }, { 3, 4 } });
    QTest::addRow("max before min stays in time order")
        << samples({ { 0, 5 }, { 1, 9 }, { 2, 1 }, { 3, 4 } }) << qint64(0) << qint64(4) << 1
        << samples({ { 0, 5 }, { 1, 9 }, { 2, 1 }, { 3, 4 } });
    QTest::addRow("inner points are dropped")
        << samples({ { 0, 5 }, { 1, 7 }, { 2, 1 }, { 3, 6 }, { 4, 9 }, { 5, 8 }, { 6, 4 } })
        << qint64(0) << qint64(7) << 1 << samples({ { 0, 5 }, { 2, 1 }, { 4, 9 }, { 6, 4 } });
    QTest::addRow("first is the minimum: deduplicated")
        << samples({ { 0, 1 }, { 1, 5 }, { 2, 9 }, { 3, 4 } }) << qint64(0) << qint64(4) << 1
        << samples({ { 0, 1 }, { 2, 9 }, { 3, 4 } });
    QTest::addRow("ties keep the earliest")
        << samples({ { 0, 3 }, { 1, 1 }, { 2, 1 }, { 3, 9 }, { 4, 9 }, { 5, 3 } }) << qint64(0)
        << qint64(6) << 1 << samples({ { 0, 3 }, { 1, 1 }, { 3, 9 }, { 5, 3 } });
    QTest::addRow("a gap inside a column breaks the line")
        << samples({ { 0, 5 }, { 1, 1 }, { 2, kNaN }, { 3, 9 }, { 4, 4 } }) << qint64(0)
        << qint64(5) << 1 << samples({ { 0, 5 }, { 1, 1 }, { 2, kNaN }, { 3, 9 }, { 4, 4 } });
    QTest::addRow("consecutive gaps across columns give one break")
        << samples({ { 0, 1 }, { 1, kNaN }, { 2, kNaN }, { 3, 2 } }) << qint64(0) << qint64(4) << 2
        << samples({ { 0, 1 }, { 1, kNaN }, { 3, 2 } });
    QTest::addRow("column edges sit on the epoch grid, not on from")
        <<
        [] {
            QList<Sample> points;
            for (qint64 t = 0; t < 15; ++t)
                points.append({ t, double(t % 5) });
            return points;
        }()
        << qint64(3) << qint64(13) << 2
        << samples({ { 0, 0 }, { 4, 4 }, { 5, 0 }, { 9, 4 }, { 10, 0 }, { 14, 4 } });
    QTest::addRow("negative times floor towards minus infinity")
        << samples({ { -6, -6 }, { -5, -5 }, { -4, -4 }, { -3, -3 }, { -2, -2 }, { -1, -1 } })
        << qint64(-6) << qint64(0) << 2
        << samples({ { -6, -6 }, { -4, -4 }, { -3, -3 }, { -1, -1 } });
    QTest::addRow("neighbours outside the view are kept")
        << samples({ { 80, 0 }, { 90, 1 }, { 105, 2 }, { 120, 3 }, { 130, 4 } }) << qint64(100)
        << qint64(110) << 10 << samples({ { 90, 1 }, { 105, 2 }, { 120, 3 } });
    QTest::addRow("a line crossing an empty view")
        << samples({ { 90, 1 }, { 120, 3 } }) << qint64(100) << qint64(110) << 10
        << samples({ { 90, 1 }, { 120, 3 } });
    QTest::addRow("a gap just before the view")
        << samples({ { 90, kNaN }, { 105, 2 } }) << qint64(100) << qint64(110) << 10
        << samples({ { 90, kNaN }, { 105, 2 } });
    QTest::addRow("view before all data") << samples({ { 200, 1 }, { 300, 2 } }) << qint64(0)
                                          << qint64(100) << 10 << samples({ { 200, 1 } });
    QTest::addRow("view after all data") << samples({ { 200, 1 }, { 300, 2 } }) << qint64(400)
                                         << qint64(500) << 10 << samples({ { 300, 2 } });
    QTest::addRow("no columns") << samples({ { 0, 1 } }) << qint64(0) << qint64(10) << 0
                                << QList<Sample>();
    QTest::addRow("empty view") << samples({ { 0, 1 } }) << qint64(5) << qint64(5) << 10
                                << QList<Sample>();
    QTest::addRow("inverted view")
        << samples({ { 0, 1 } }) << qint64(10) << qint64(0) << 10 << QList<Sample>();
    QTest::addRow("the whole representable range")
        << samples({ { kMinT, 1 }, { 0, 2 }, { kMaxT, 3 } }) << std::numeric_limits<qint64>::min()
        << std::numeric_limits<qint64>::max() << 1000
        << samples({ { kMinT, 1 }, { 0, 2 }, { kMaxT, 3 } });
}

void TestMetricStore::reduceM4()
{
    QFETCH(QList<Sample>, points);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, columns);
    QFETCH(QList<Sample>, expected);

    TimeSeriesBuffer buffer;
    buffer.append(std::span<const Sample>(points.constData(), points.size()));
    COMPARE_SAMPLES(reduce(buffer, from, to, columns), expected);
    COMPARE_SAMPLES(bruteReduce(points, from, to, columns), expected); // the reference agrees
}

void TestMetricStore::reduceMatchesBruteForce_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("maxStep");
    QTest::addColumn<int>("latePercent");
    QTest::addColumn<int>("gapPercent");
    QTest::addColumn<QString>("values");
    QTest::addColumn<qint64>("base");
    QTest::addColumn<qsizetype>("capacity");

    const qsizetype big = 1'000'000;
    QTest::addRow("dense random walk")
        << 1u << 20000 << 1 << 0 << 0 << u"walk"_s << kEpoch2023 << big;
    QTest::addRow("dense with scattered gaps")
        << 2u << 20000 << 1 << 0 << 2 << u"walk"_s << kEpoch2023 << big;
    QTest::addRow("long gap runs") << 3u << 20000 << 1 << 0 << 40 << u"walk"_s << kEpoch2023 << big;
    QTest::addRow("ties: three distinct values")
        << 4u << 20000 << 1 << 0 << 0 << u"three"_s << kEpoch2023 << big;
    QTest::addRow("ties and gaps: two distinct values")
        << 14u << 20000 << 1 << 0 << 3 << u"two"_s << kEpoch2023 << big;
    QTest::addRow("constant") << 5u << 20000 << 1 << 0 << 1 << u"constant"_s << kEpoch2023 << big;
    QTest::addRow("signed zeros") << 6u << 5000 << 1 << 0 << 0 << u"zeros"_s << kEpoch2023 << big;
    QTest::addRow("sparse irregular steps")
        << 7u << 20000 << 1000 << 0 << 1 << u"walk"_s << kEpoch2023 << big;
    QTest::addRow("late points, wrapped ring")
        << 8u << 30000 << 3 << 10 << 2 << u"walk"_s << kEpoch2023 << qsizetype(7000);
    QTest::addRow("negative timestamps")
        << 9u << 20000 << 5 << 5 << 2 << u"walk"_s << qint64(-10'000'000) << big;
    QTest::addRow("across zero") << 10u << 20000 << 1 << 0 << 1 << u"walk"_s << qint64(-10'000)
                                 << big;
    QTest::addRow("near the end of time")
        << 11u << 5000 << 1000 << 0 << 1 << u"walk"_s << kMaxT - 6'000'000 << big;
    QTest::addRow("five points") << 12u << 5 << 10 << 0 << 20 << u"walk"_s << kEpoch2023 << big;
    QTest::addRow("one point") << 13u << 1 << 1 << 0 << 0 << u"walk"_s << kEpoch2023 << big;
}

void TestMetricStore::reduceMatchesBruteForce()
{
    QFETCH(quint32, seed);
    QFETCH(int, count);
    QFETCH(int, maxStep);
    QFETCH(int, latePercent);
    QFETCH(int, gapPercent);
    QFETCH(QString, values);
    QFETCH(qint64, base);
    QFETCH(qsizetype, capacity);

    QRandomGenerator rng(seed);
    TimeSeriesBuffer buffer(capacity);
    Reference reference(capacity);
    qint64 newest = base;
    double walk = 0;
    for (int i = 0; i < count; ++i) {
        qint64 t = 0;
        if (rng.bounded(100) < latePercent)
            t = newest - rng.bounded(1, 2000);
        else
            t = newest += rng.bounded(1, maxStep + 1);
        double v = 0;
        if (values == u"walk"_s)
            v = walk += rng.generateDouble() - 0.5;
        else if (values == u"three"_s)
            v = double(rng.bounded(3));
        else if (values == u"two"_s)
            v = double(rng.bounded(2));
        else if (values == u"constant"_s)
            v = 42;
        else
            v = rng.bounded(2) ? 0.0 : -0.0;
        if (rng.bounded(100) < gapPercent) // gaps come in runs of 1..3
            v = kNaN;
        buffer.append(t, v);
        reference.add(t, v);
    }
    const QList<Sample> points = reference.samples();
    COMPARE_SAMPLES(contents(buffer), points);
    QVERIFY(!points.isEmpty());

    const qint64 first = points.constFirst().t;
    const qint64 last = points.constLast().t;
    const qint64 dataSpan = last - first + 1;
    struct Window
    {
        qint64 from;
        qint64 to;
        int columns;
    };
    std::vector<Window> windows {
        { first, last + 1, 1 },
        { first, last + 1, 1280 },
        { first - dataSpan / 2, first + dataSpan / 2, 640 }, // left half outside the data
        { last - dataSpan / 2, last + dataSpan / 2, 640 }, // right half outside
        { first - 2 * dataSpan, first - dataSpan, 100 }, // entirely before
        { last + dataSpan, last + 2 * dataSpan, 100 }, // entirely after
        { first - dataSpan, last + dataSpan, 2000 }, // covers everything
        { first + dataSpan / 3, first + dataSpan / 3 + 1, 10 }, // one millisecond
    };
    const int columnChoices[] = { 1, 2, 3, 5, 17, 100, 640, 1280, 2000, 4096, 30000 };
    for (int i = 0; i < 100; ++i) {
        const qint64 span = 1 + qint64(rng.generateDouble() * double(2 * dataSpan));
        const qint64 from = first - span + qint64(rng.generateDouble() * double(dataSpan + span));
        const int columns = i % 3 == 0 ? rng.bounded(1, 3000)
                                       : columnChoices[rng.bounded(int(std::size(columnChoices)))];
        windows.push_back({ from, from + span, columns });
    }
    for (const Window &w : windows) {
        const QList<Sample> expected = bruteReduce(points, w.from, w.to, w.columns);
        const QString difference
            = firstDifference(reduce(buffer, w.from, w.to, w.columns), expected);
        QVERIFY2(
            difference.isEmpty(),
            qPrintable(
                u"window [%1, %2) in %3 columns: %4"_s.arg(w.from).arg(w.to).arg(w.columns).arg(
                    difference)));
    }
}

void TestMetricStore::reduceIsStableWhileSliding_data()
{
    QTest::addColumn<qint64>("shift");

    for (const qint64 shift : { 1, 7, 99, 100, 250, 1234, 20'000 })
        QTest::addRow("slide by %lld ms", qlonglong(shift)) << shift;
}

// The pixel columns of a live chart must not "wiggle": sliding the view must leave every
// column that stays on screen exactly as it was (pyqtgraph #200: index-based buckets do not).
void TestMetricStore::reduceIsStableWhileSliding()
{
    QFETCH(qint64, shift);

    QRandomGenerator rng(99);
    TimeSeriesBuffer buffer;
    double walk = 0;
    for (qint64 t = 0; t < 80'000; ++t)
        buffer.append(kEpoch2023 + t, walk += rng.generateDouble() - 0.5);

    constexpr qint64 kSpan = 60'000;
    constexpr int kColumns = 600;
    const qint64 from = kEpoch2023 + 1'000;
    const ReductionGrid before = ReductionGrid::make(from, from + kSpan, kColumns);
    const ReductionGrid after = ReductionGrid::make(from + shift, from + shift + kSpan, kColumns);
    QCOMPARE(before.width, after.width);

    // Samples of the columns both views show, contexts excluded.
    const auto shared = [&](const QList<Sample> &reduced) {
        QList<Sample> result;
        for (const Sample &s : reduced) {
            const qint64 bucket = before.bucketOf(s.t);
            if (bucket >= after.firstBucket && bucket <= before.lastBucket && s.t >= before.start()
                && s.t < before.end())
                result.append(s);
        }
        return result;
    };
    const QList<Sample> a = reduce(buffer, from, from + kSpan, kColumns);
    const QList<Sample> b = reduce(buffer, from + shift, from + shift + kSpan, kColumns);
    const QList<Sample> common = shared(a);
    COMPARE_SAMPLES(shared(b), common);
    if (after.firstBucket <= before.lastBucket)
        QVERIFY(!common.isEmpty());
    // At most four points per column, plus the two neighbours.
    QCOMPARE_LE(a.size(), 4 * (before.lastBucket - before.firstBucket + 1) + 2);
}

void TestMetricStore::reducedWindowMatchesReduce_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<qsizetype>("capacity");
    QTest::addColumn<int>("latePercent");
    QTest::addColumn<int>("gapPercent");
    QTest::addColumn<int>("maxBatch");
    QTest::addColumn<QString>("moves");
    QTest::addColumn<int>("distinct"); // 0: a random walk; n: values 0..n-1 (many ties)

    const qsizetype big = 1'000'000;
    QTest::addRow("live, in order") << 1u << big << 0 << 0 << 300 << u"live"_s << 0;
    QTest::addRow("live, gaps") << 2u << big << 0 << 5 << 300 << u"live"_s << 0;
    QTest::addRow("live, late points") << 3u << big << 10 << 2 << 300 << u"live"_s << 0;
    QTest::addRow("live, ties between batches") << 11u << big << 0 << 0 << 40 << u"live"_s << 3;
    QTest::addRow("live, ties, late points and gaps")
        << 12u << qsizetype(3000) << 10 << 5 << 40 << u"live"_s << 2;
    QTest::addRow("live, evictions: history shorter than the view")
        << 4u << qsizetype(3000) << 0 << 2 << 300 << u"live"_s << 0;
    QTest::addRow("live, late points and evictions")
        << 5u << qsizetype(2000) << 10 << 3 << 300 << u"live"_s << 0;
    QTest::addRow("live, single points") << 6u << big << 5 << 5 << 2 << u"live"_s << 0;
    QTest::addRow("live, bursts spanning many columns")
        << 7u << qsizetype(20000) << 2 << 2 << 5000 << u"live"_s << 0;
    QTest::addRow("live, capacity shrinks and grows")
        << 8u << big << 5 << 2 << 300 << u"capacity"_s << 0;
    QTest::addRow("zoom and pan") << 9u << big << 5 << 2 << 300 << u"zoom"_s << 0;
    QTest::addRow("paused view, data keeps coming")
        << 10u << qsizetype(4000) << 5 << 2 << 300 << u"paused"_s << 0;
}

void TestMetricStore::reducedWindowMatchesReduce()
{
    QFETCH(quint32, seed);
    QFETCH(qsizetype, capacity);
    QFETCH(int, latePercent);
    QFETCH(int, gapPercent);
    QFETCH(int, maxBatch);
    QFETCH(QString, moves);
    QFETCH(int, distinct);

    QRandomGenerator rng(seed);
    MetricStore store;
    store.setCapacity(capacity);
    const QString id = u"s"_s;
    ReducedWindow window(&store, id);

    qint64 newest = kEpoch2023;
    double walk = 0;
    qint64 span = 20'000;
    int columns = 200;
    qint64 pausedTo = 0;
    for (int step = 0; step < 300; ++step) {
        QList<QPair<qint64, double>> points;
        const int count = rng.bounded(maxBatch + 1);
        for (int i = 0; i < count; ++i) {
            const int roll = rng.bounded(100);
            qint64 t = 0;
            if (roll < latePercent)
                t = roll % 10 == 0 ? newest - rng.bounded(30'000) // far back, maybe off-screen
                                   : newest - rng.bounded(200);
            else
                t = newest += rng.bounded(1, 8);
            double v = distinct > 0 ? double(rng.bounded(distinct))
                                    : (walk += rng.generateDouble() - 0.5);
            if (rng.bounded(100) < gapPercent)
                v = kNaN;
            points.append({ t, v });
        }
        store.apply(frameOf({ entry(id, points) }));

        qint64 to = newest + 1;
        if (moves == u"capacity"_s && step == 100)
            store.setCapacity(500);
        if (moves == u"capacity"_s && step == 200)
            store.setCapacity(100'000);
        if (moves == u"zoom"_s && step % 10 == 0) {
            span = 1 + rng.bounded(60'000);
            columns = rng.bounded(1, 1500);
        }
        if (moves == u"zoom"_s && step % 7 == 0)
            to -= rng.bounded(30'000); // panned back
        if (moves == u"paused"_s) {
            if (step % 50 == 0)
                pausedTo = to;
            to = pausedTo;
        }
        window.setRange(to - span, to, columns);
        window.update();
        const QString difference
            = firstDifference(window.points(), store.reduce(id, to - span, to, columns));
        QVERIFY2(difference.isEmpty(),
                 qPrintable(u"step %1, view [%2, %3) in %4 columns: %5"_s.arg(step)
                                .arg(to - span)
                                .arg(to)
                                .arg(columns)
                                .arg(difference)));
        QVERIFY(!window.update()); // nothing changed since
    }
    if (moves == u"live"_s || moves == u"capacity"_s)
        QCOMPARE(window.rebuildCount(), 1); // incremental all along
    else if (moves == u"paused"_s)
        QCOMPARE_LE(window.rebuildCount(), 300 / 50); // only when the view jumps
}

void TestMetricStore::reducedWindowBeforeSeriesExists()
{
    MetricStore store;
    ReducedWindow window(&store, u"later"_s);
    window.setRange(0, 1000, 100);
    QVERIFY(!window.update());
    QVERIFY(window.points().isEmpty());

    store.apply(frameOf({ entry(u"later"_s, { { 10, 1.0 }, { 20, kNaN }, { 30, 3.0 } }) }));
    QVERIFY(window.update());
    COMPARE_SAMPLES(window.points(), samples({ { 10, 1.0 }, { 20, kNaN }, { 30, 3.0 } }));

    window.setRange(0, 1000, 0); // no columns: nothing to draw
    QVERIFY(window.update());
    QVERIFY(window.points().isEmpty());
}

void TestMetricStore::counterRate_data()
{
    QTest::addColumn<QList<Sample>>("counter");
    QTest::addColumn<QList<double>>("rates"); // NaN: no rate for that sample
    QTest::addColumn<int>("resets");

    QTest::addRow("steady increase")
        << samples({ { 0, 0 }, { 1000, 10 }, { 2000, 30 } }) << QList<double> { kNaN, 10, 20 } << 0;
    QTest::addRow("sub-second interval")
        << samples({ { 0, 0 }, { 250, 1 } }) << QList<double> { kNaN, 4 } << 0;
    QTest::addRow("unchanged counter is a zero rate")
        << samples({ { 0, 7 }, { 1000, 7 } }) << QList<double> { kNaN, 0 } << 0;
    QTest::addRow("a decrease is a reset: counted from zero")
        << samples({ { 0, 100 }, { 1000, 150 }, { 2000, 20 }, { 3000, 50 } })
        << QList<double> { kNaN, 50, 20, 30 } << 1;
    QTest::addRow("reset to zero")
        << samples({ { 0, 5 }, { 1000, 0 }, { 2000, 4 } }) << QList<double> { kNaN, 0, 4 } << 1;
    QTest::addRow("a missed scrape: the next rate spans the gap")
        << samples({ { 0, 0 }, { 1000, kNaN }, { 2000, 40 } }) << QList<double> { kNaN, kNaN, 20 }
        << 0;
    QTest::addRow("infinite values are ignored")
        << samples({ { 0, 0 }, { 1000, kInf }, { 2000, -kInf }, { 4000, 8 } })
        << QList<double> { kNaN, kNaN, kNaN, 2 } << 0;
    QTest::addRow("out-of-order sample is ignored")
        << samples({ { 0, 0 }, { 2000, 20 }, { 1000, 5 }, { 3000, 30 } })
        << QList<double> { kNaN, 10, kNaN, 10 } << 0;
    QTest::addRow("repeated timestamp is ignored")
        << samples({ { 0, 0 }, { 0, 5 }, { 1000, 10 } }) << QList<double> { kNaN, kNaN, 10 } << 0;
}

void TestMetricStore::counterRate()
{
    QFETCH(QList<Sample>, counter);
    QFETCH(QList<double>, rates);
    QFETCH(int, resets);

    CounterRate rate;
    for (qsizetype i = 0; i < counter.size(); ++i) {
        const std::optional<double> r = rate.update(counter[i].t, counter[i].value);
        if (std::isnan(rates[i])) {
            QVERIFY2(!r, qPrintable(u"sample %1 gave %2"_s.arg(i).arg(r.value_or(0))));
        } else {
            QVERIFY2(r, qPrintable(u"sample %1 gave no rate"_s.arg(i)));
            QCOMPARE(*r, rates[i]);
        }
    }
    QCOMPARE(rate.resets(), resets);

    rate.reset();
    QVERIFY(!rate.update(10'000, 1)); // starts over
    QCOMPARE(rate.update(11'000, 3).value_or(-1), 2.0);
}

QTEST_GUILESS_MAIN(TestMetricStore)
#include "tst_metricstore.moc"
