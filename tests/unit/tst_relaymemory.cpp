// The relay's per-connection bookkeeping that is kept small on purpose (GroupSet), and the
// releaser that gives a surge's heap pages back (MemoryReleaser, releaseFreeHeapMemory).
#include "groupset.h"
#include "memoryrelease.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class TestRelayMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupSetBehavesLikeASet();
    void groupSetAgreesWithQSet();
    void releaserWaitsForAWaveAndQuiet();
    void releaseGivesFreedPagesBack();
};

void TestRelayMemory::groupSetBehavesLikeASet()
{
    wr::GroupSet set;
    QVERIFY(set.isEmpty());
    QVERIFY(!set.contains(u"a"_s));
    QVERIFY(set.insert(u"b"_s));
    QVERIFY(set.insert(u"a"_s));
    QVERIFY(!set.insert(u"b"_s));
    QCOMPARE(set.size(), 2);
    QVERIFY(set.contains(u"a"_s));
    QVERIFY(!set.contains(u"A"_s)); // group names are case-sensitive
    QStringList seen;
    for (const QString &g : set)
        seen << g;
    QCOMPARE(seen, QStringList({ u"a"_s, u"b"_s }));
    QVERIFY(!set.remove(u"c"_s));
    QVERIFY(set.remove(u"a"_s));
    QVERIFY(set.remove(u"b"_s));
    QVERIFY(set.isEmpty());
    QVERIFY(!set.remove(u"b"_s));
}

void TestRelayMemory::groupSetAgreesWithQSet()
{
    // Random operations over a small alphabet, so that inserts and removes collide often.
    QRandomGenerator rng(20261206);
    wr::GroupSet set;
    QSet<QString> reference;
    for (int i = 0; i < 5000; ++i) {
        const QString group = u"g%1"_s.arg(rng.bounded(40));
        switch (rng.bounded(3)) {
        case 0:
            QCOMPARE(set.insert(group), !reference.contains(group));
            reference.insert(group);
            break;
        case 1:
            QCOMPARE(set.remove(group), reference.remove(group));
            break;
        default:
            QCOMPARE(set.contains(group), reference.contains(group));
        }
        QCOMPARE(set.size(), reference.size());
    }
    QSet<QString> contents;
    for (const QString &g : set)
        contents.insert(g);
    QCOMPARE(contents, reference);
}

void TestRelayMemory::releaserWaitsForAWaveAndQuiet()
{
    wr::MemoryReleaser releaser(3, 50);
    QSignalSpy released(&releaser, &wr::MemoryReleaser::released);
    releaser.sessionEnded();
    releaser.sessionEnded();
    // Two ends are below the threshold: nothing is armed, so nothing can fire.
    QVERIFY(!released.wait(200));
    releaser.sessionEnded();
    QVERIFY(released.wait(2000));
    QCOMPARE(releaser.releases(), 1);
    // The count starts again after a release.
    releaser.sessionEnded();
    releaser.sessionEnded();
    QVERIFY(!released.wait(200));
    QCOMPARE(releaser.releases(), 1);
}

namespace {
qint64 residentKiB()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * 4 : -1; // pages of 4 KiB
}
} // namespace

void TestRelayMemory::releaseGivesFreedPagesBack()
{
#if !defined(__GLIBC__) || defined(__SANITIZE_ADDRESS__)
    QSKIP("the effect is checked with glibc's allocator only (not under AddressSanitizer's)");
#else
    if (residentKiB() < 0)
        QSKIP("no /proc/self/statm");
    // Many small blocks, each written (resident), then a live block above them so that freeing
    // them leaves a hole in the middle of the heap, which glibc keeps mapped on its own.
    constexpr int kBlocks = 16 * 1024;
    constexpr size_t kBlockBytes = 4000;
    const qint64 before = residentKiB();
    std::vector<char *> blocks;
    blocks.reserve(kBlocks);
    for (int i = 0; i < kBlocks; ++i) {
        auto *block = static_cast<char *>(std::malloc(kBlockBytes));
        QVERIFY(block);
        std::memset(block, i & 0xff, kBlockBytes);
        blocks.push_back(block);
    }
    // Large enough not to fit any free chunk below the blocks: it comes from the top.
    auto *sentinel = static_cast<char *>(std::malloc(100 * 1024));
    QVERIFY(sentinel);
    sentinel[0] = 1;
    const qint64 peak = residentKiB();
    for (char *block : blocks)
        std::free(block);
    const qint64 afterFree = residentKiB();
    QVERIFY(wr::releaseFreeHeapMemory());
    const qint64 afterRelease = residentKiB();
    std::free(sentinel);
    qInfo("resident KiB: before %lld, peak %lld, after free %lld, after release %lld", before,
          peak, afterFree, afterRelease);
    const qint64 allocatedKiB = qint64(kBlocks) * qint64(kBlockBytes) / 1024;
    QVERIFY2(peak - before > allocatedKiB / 2, "the blocks did not become resident");
    // At least half of what the blocks held goes back to the system.
    QVERIFY2(afterFree - afterRelease > allocatedKiB / 2, "the freed pages stayed resident");
#endif
}

QTEST_GUILESS_MAIN(TestRelayMemory)
#include "tst_relaymemory.moc"
