// The wake-up that paces the relay's flushes (PreciseWakeup): fires once, never before its
// deadline, can be stopped and re-armed, and keeps sub-millisecond waits where the platform has a
// fine timer. Both the fine source and the millisecond fallback are exercised.
#include "precisewakeup.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using Resolution = wr::PreciseWakeup::Resolution;

class TestRelayPacing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void platformHasFineSource();
    void firesOnceNotEarly_data();
    void firesOnceNotEarly();
    void zeroFiresAtNextPass_data();
    void zeroFiresAtNextPass();
    void stopCancels_data();
    void stopCancels();
    void restartMovesTheDeadline_data();
    void restartMovesTheDeadline();
};

namespace {

void addResolutions()
{
    QTest::addColumn<Resolution>("resolution");
    QTest::newRow("finest") << Resolution::Finest;
    QTest::newRow("milliseconds") << Resolution::Milliseconds;
}

} // namespace

void TestRelayPacing::platformHasFineSource()
{
    wr::PreciseWakeup finest;
    wr::PreciseWakeup coarse(Resolution::Milliseconds);
    QVERIFY(!coarse.isFine());
#if defined(Q_OS_LINUX)
    QVERIFY(finest.isFine());
#else
    QSKIP("no fine source on this platform yet");
#endif
}

void TestRelayPacing::firesOnceNotEarly_data()
{
    addResolutions();
}

void TestRelayPacing::firesOnceNotEarly()
{
    QFETCH(Resolution, resolution);
    wr::PreciseWakeup wakeup(resolution);
    QSignalSpy fired(&wakeup, &wr::PreciseWakeup::timeout);
    QElapsedTimer clock;
    qint64 firedAfter = -1;
    connect(&wakeup, &wr::PreciseWakeup::timeout, this, [&] { firedAfter = clock.nsecsElapsed(); });

    const qint64 waitNs = 300'000;
    clock.start();
    wakeup.start(waitNs);
    QVERIFY(wakeup.isActive());
    QVERIFY(fired.wait(5000));
    QVERIFY(!wakeup.isActive());
    QCOMPARE(fired.size(), 1);
    QVERIFY2(firedAfter >= waitNs, qPrintable(QString::number(firedAfter)));
    if (resolution == Resolution::Milliseconds) // rounded up to a whole millisecond
        QVERIFY2(firedAfter >= 1'000'000, qPrintable(QString::number(firedAfter)));

    // One-shot: nothing more arrives.
    QVERIFY(!fired.wait(20));
    QCOMPARE(fired.size(), 1);
}

void TestRelayPacing::zeroFiresAtNextPass_data()
{
    addResolutions();
}

void TestRelayPacing::zeroFiresAtNextPass()
{
    QFETCH(Resolution, resolution);
    wr::PreciseWakeup wakeup(resolution);
    QSignalSpy fired(&wakeup, &wr::PreciseWakeup::timeout);
    wakeup.start(0);
    QCOMPARE(fired.size(), 0); // never synchronously
    QVERIFY(fired.wait(5000));
    QCOMPARE(fired.size(), 1);
}

void TestRelayPacing::stopCancels_data()
{
    addResolutions();
}

void TestRelayPacing::stopCancels()
{
    QFETCH(Resolution, resolution);
    wr::PreciseWakeup wakeup(resolution);
    QSignalSpy fired(&wakeup, &wr::PreciseWakeup::timeout);
    wakeup.start(1'000'000);
    wakeup.stop();
    QVERIFY(!wakeup.isActive());
    QVERIFY(!fired.wait(50));

    // Stopped after it expired but before the event loop saw it: still nothing.
    wakeup.start(1);
    QElapsedTimer spin;
    spin.start();
    while (spin.nsecsElapsed() < 3'000'000) { }
    wakeup.stop();
    QVERIFY(!fired.wait(50));

    // And it can be armed again afterwards.
    wakeup.start(100'000);
    QVERIFY(fired.wait(5000));
    QCOMPARE(fired.size(), 1);
}

void TestRelayPacing::restartMovesTheDeadline_data()
{
    addResolutions();
}

void TestRelayPacing::restartMovesTheDeadline()
{
    QFETCH(Resolution, resolution);
    wr::PreciseWakeup wakeup(resolution);
    QSignalSpy fired(&wakeup, &wr::PreciseWakeup::timeout);

    // Earlier: a wake-up first armed 30 s out fires within the new, short wait.
    wakeup.start(30'000'000'000);
    wakeup.start(200'000);
    QVERIFY(fired.wait(10'000));
    QCOMPARE(fired.size(), 1);

    // Later: re-armed further out, it does not fire at the first deadline.
    QElapsedTimer clock;
    clock.start();
    wakeup.start(1'000'000);
    wakeup.start(300'000'000);
    QVERIFY(fired.wait(10'000));
    QCOMPARE(fired.size(), 2);
    QVERIFY2(clock.nsecsElapsed() >= 300'000'000,
             qPrintable(QString::number(clock.nsecsElapsed())));
}

QTEST_GUILESS_MAIN(TestRelayPacing)
#include "tst_relaypacing.moc"
