#include "hlc.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using wr::HybridLogicalClock;
using wr::session::HlcTimestamp;

namespace {

constexpr qint64 kDay = 24 * 60 * 60 * 1000;

HlcTimestamp ts(qint64 physical, quint32 counter, const QString &node)
{
    return { physical, counter, node };
}

} // namespace

namespace wr::session {
// Found by argument-dependent lookup: failed QCOMPARE()s print clocks readably.
char *toString(const HlcTimestamp &t)
{
    return QTest::toString(t.toString());
}
} // namespace wr::session

class tst_Hlc : public QObject
{
    Q_OBJECT

private slots:
    void tick_data();
    void tick();
    void observe_data();
    void observe();
    void tickAfterObserveBeatsTheRemote();
    void randomizedMonotonicity_data();
    void randomizedMonotonicity();
    void stampsTheNodeId();
    void defaultWallClockIsTheSystemClock();
};

void tst_Hlc::tick_data()
{
    QTest::addColumn<QList<qint64>>("walls");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("first tick takes the wall clock")
        << QList<qint64> { 1000 } << QStringList { u"1000:0:alice"_s };
    QTest::addRow("wall advances, counter restarts")
        << QList<qint64> { 1000, 1005, 1010 }
        << QStringList { u"1000:0:alice"_s, u"1005:0:alice"_s, u"1010:0:alice"_s };
    QTest::addRow("same millisecond, counter increments")
        << QList<qint64> { 1000, 1000, 1000 }
        << QStringList { u"1000:0:alice"_s, u"1000:1:alice"_s, u"1000:2:alice"_s };
    QTest::addRow("wall steps back, physical holds")
        << QList<qint64> { 1000, 900, 950, 1001 }
        << QStringList { u"1000:0:alice"_s, u"1000:1:alice"_s, u"1000:2:alice"_s,
                         u"1001:0:alice"_s };
    QTest::addRow("counter restarts after a same-ms burst")
        << QList<qint64> { 7, 7, 8, 8 }
        << QStringList { u"7:0:alice"_s, u"7:1:alice"_s, u"8:0:alice"_s, u"8:1:alice"_s };
}

void tst_Hlc::tick()
{
    QFETCH(QList<qint64>, walls);
    QFETCH(QStringList, expected);

    qint64 wall = 0;
    HybridLogicalClock clock(u"alice"_s, [&wall] { return wall; });
    QVERIFY(clock.last().isNull());
    QStringList actual;
    for (qint64 w : walls) {
        wall = w;
        actual << clock.tick().toString();
    }
    QCOMPARE(actual, expected);
    QCOMPARE(clock.last().toString(), expected.last());
}

void tst_Hlc::observe_data()
{
    // The clock first ticks `ticks` times at wall `before` (none: a fresh clock), then observes
    // `remote` at wall `wall`.
    QTest::addColumn<qint64>("before");
    QTest::addColumn<int>("ticks");
    QTest::addColumn<qint64>("wall");
    QTest::addColumn<HlcTimestamp>("remote");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<quint64>("rejected");

    const QString bob = u"bob"_s;
    QTest::addRow("remote ahead of local and wall")
        << qint64(1000) << 4 << qint64(1000) << ts(2000, 5, bob) << u"2000:6:alice"_s << quint64(0);
    QTest::addRow("wall ahead of both")
        << qint64(1000) << 4 << qint64(3000) << ts(2000, 5, bob) << u"3000:0:alice"_s << quint64(0);
    QTest::addRow("local ahead of remote and wall")
        << qint64(5000) << 3 << qint64(1000) << ts(4000, 9, bob) << u"5000:3:alice"_s << quint64(0);
    QTest::addRow("same ms, remote counter higher")
        << qint64(1000) << 4 << qint64(900) << ts(1000, 7, bob) << u"1000:8:alice"_s << quint64(0);
    QTest::addRow("same ms, local counter higher")
        << qint64(1000) << 10 << qint64(900) << ts(1000, 2, bob) << u"1000:10:alice"_s
        << quint64(0);
    QTest::addRow("same ms as wall too")
        << qint64(1000) << 1 << qint64(1000) << ts(1000, 0, bob) << u"1000:1:alice"_s << quint64(0);
    QTest::addRow("remote in the past")
        << qint64(1000) << 1 << qint64(1000) << ts(10, 99, bob) << u"1000:1:alice"_s << quint64(0);
    QTest::addRow("fresh clock, remote ahead of wall")
        << qint64(0) << 0 << qint64(1000) << ts(1500, 4, bob) << u"1500:5:alice"_s << quint64(0);
    QTest::addRow("fresh clock, remote behind wall")
        << qint64(0) << 0 << qint64(1000) << ts(500, 4, bob) << u"1000:0:alice"_s << quint64(0);
    QTest::addRow("remote exactly 24 h ahead is followed")
        << qint64(1000) << 1 << qint64(1000) << ts(1000 + kDay, 0, bob)
        << u"%1:1:alice"_s.arg(1000 + kDay) << quint64(0);
    QTest::addRow("remote 24 h + 1 ms ahead is ignored")
        << qint64(1000) << 1 << qint64(1000) << ts(1000 + kDay + 1, 0, bob) << u"1000:0:alice"_s
        << quint64(1);
    QTest::addRow("remote in the year 2100 is ignored")
        << qint64(1795400000000) << 1 << qint64(1795400000000) << ts(4102444800000, 0, bob)
        << u"1795400000000:0:alice"_s << quint64(1);
    QTest::addRow("remote at the end of time is ignored")
        << qint64(1000) << 1 << qint64(1000) << ts(std::numeric_limits<qint64>::max(), 0, bob)
        << u"1000:0:alice"_s << quint64(1);
    QTest::addRow("the wall clock decides what is absurd, not our last")
        << qint64(1000 + kDay) << 1 << qint64(1000) << ts(1000 + kDay + 10, 0, bob)
        << u"%1:0:alice"_s.arg(1000 + kDay) << quint64(1);
    QTest::addRow("remote counter at its maximum borrows a millisecond")
        << qint64(1000) << 1 << qint64(1000) << ts(1000, std::numeric_limits<quint32>::max(), bob)
        << u"1001:0:alice"_s << quint64(0);
}

void tst_Hlc::observe()
{
    QFETCH(qint64, before);
    QFETCH(int, ticks);
    QFETCH(qint64, wall);
    QFETCH(HlcTimestamp, remote);
    QFETCH(QString, expected);
    QFETCH(quint64, rejected);

    qint64 now = before;
    HybridLogicalClock clock(u"alice"_s, [&now] { return now; });
    for (int i = 0; i < ticks; ++i)
        clock.tick();
    now = wall;
    if (rejected)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^ignoring remote clock"_s));
    clock.observe(remote);
    QCOMPARE(clock.last().toString(), expected);
    QCOMPARE(clock.rejectedRemoteCount(), rejected);
}

void tst_Hlc::tickAfterObserveBeatsTheRemote()
{
    qint64 now = 1000;
    HybridLogicalClock clock(u"alice"_s, [&now] { return now; });
    // Even against a remote node id that sorts after ours, the counter decides.
    const HlcTimestamp remote = ts(1200, 3, u"zed"_s);
    clock.observe(remote);
    const HlcTimestamp next = clock.tick();
    QVERIFY2(next > remote, qPrintable(next.toString()));
    QCOMPARE(next.toString(), u"1200:5:alice"_s);
}

void tst_Hlc::randomizedMonotonicity_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : { 1u, 2u, 3u, 42u, 1234u, 99991u })
        QTest::addRow("seed %u", seed) << seed;
}

// Random interleavings of local events and received clocks with a jittery, sometimes
// backwards wall clock and the occasional absurd remote: every tick is greater than the previous
// one and than every remote the clock agreed to follow, and never behind the wall clock.
void tst_Hlc::randomizedMonotonicity()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    qint64 now = 1'795'400'000'000;
    HybridLogicalClock clock(u"alice"_s, [&now] { return now; });
    HlcTimestamp previous;
    HlcTimestamp maxAccepted;
    quint64 absurd = 0;
    // Warned about once, however many arrive.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^ignoring remote clock"_s));
    for (int i = 0; i < 5000; ++i) {
        now += qint64(random.bounded(-3, 4)); // stalls and small steps back
        if (random.bounded(200) == 0)
            now -= 5000; // an NTP step
        const int action = int(random.bounded(10));
        if (action < 5) {
            const HlcTimestamp t = clock.tick();
            QVERIFY2(t > previous, qPrintable(t.toString() + u" <= "_s + previous.toString()));
            QVERIFY2(t > maxAccepted, qPrintable(t.toString()));
            QVERIFY(t.physicalMs >= now);
            QCOMPARE(t.node, u"alice"_s);
            previous = t;
        } else {
            HlcTimestamp remote
                = ts(now + qint64(random.bounded(-200, 201)), quint32(random.bounded(5)), u"bob"_s);
            const bool isAbsurd = random.bounded(20) == 0;
            if (isAbsurd) {
                remote.physicalMs = now + kDay + 1 + qint64(random.bounded(1'000'000));
                ++absurd;
            }
            const HlcTimestamp lastBefore = clock.last();
            clock.observe(remote);
            if (isAbsurd) {
                QCOMPARE(clock.last(), lastBefore);
            } else {
                QVERIFY(clock.last() > lastBefore);
                maxAccepted = std::max(maxAccepted, remote);
                QVERIFY(std::make_pair(clock.last().physicalMs, clock.last().counter)
                        > std::make_pair(remote.physicalMs, remote.counter));
            }
            previous = std::max(previous, clock.last());
        }
    }
    QCOMPARE(clock.rejectedRemoteCount(), absurd);
    QVERIFY(absurd > 0);
}

void tst_Hlc::stampsTheNodeId()
{
    HybridLogicalClock clock(u"alice"_s, [] { return qint64(5); });
    QCOMPARE(clock.tick().node, u"alice"_s);
    clock.setNodeId(u"alice-2"_s);
    QCOMPARE(clock.tick().toString(), u"5:1:alice-2"_s);
    QCOMPARE(clock.nodeId(), u"alice-2"_s);
}

void tst_Hlc::defaultWallClockIsTheSystemClock()
{
    HybridLogicalClock clock(u"alice"_s);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const HlcTimestamp t = clock.tick();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(t.physicalMs >= before);
    QVERIFY(t.physicalMs <= after);
}

QTEST_APPLESS_MAIN(tst_Hlc)
#include "tst_hlc.moc"
