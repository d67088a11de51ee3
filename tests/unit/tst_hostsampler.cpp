#include "hostsampler.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr::sources;
using wr::session::MetricSeries;

namespace wr::sources {
char *toString(SourceStatus status)
{
    return qstrdup(qPrintable(statusName(status)));
}
} // namespace wr::sources

namespace {

#if defined(Q_OS_LINUX)
// The Linux probe on a fixture tree, with fixed file system sizes (statvfs cannot be faked).
class FixtureProbe : public LinuxHostProbe
{
public:
    using LinuxHostProbe::LinuxHostProbe;
    QStringList statted;

protected:
    bool statFilesystem(const QString &mountPoint, FsStat *stat) override
    {
        statted.append(mountPoint);
        stat->size = 1000 * 1024;
        stat->free = 400 * 1024;
        stat->available = 300 * 1024;
        return true;
    }
};

// Alternates between fixture snapshots, one second apart.
class SequenceProbe : public HostProbe
{
public:
    explicit SequenceProbe(QStringList roots)
        : m_roots(std::move(roots))
    { }
    bool sample(HostSnapshot *snapshot, QString *error) override
    {
        FixtureProbe probe(m_roots.at(m_next % m_roots.size()));
        const bool ok = probe.sample(snapshot, error);
        snapshot->timeMs = 1'700'000'000'000 + 1000 * m_next;
        ++m_next;
        return ok;
    }

private:
    QStringList m_roots;
    int m_next = 0;
};
#endif

const MetricSeries *find(const QList<MetricSeries> &series, const QString &id)
{
    for (const MetricSeries &s : series) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

double valueOf(const QList<MetricSeries> &series, const QString &id)
{
    const MetricSeries *s = find(series, id);
    return s && !s->points.isEmpty() ? s->points.constFirst().second : qQNaN();
}

} // namespace

class TestHostSampler : public QObject
{
    Q_OBJECT

private slots:
    void fixtureSnapshot();
    void fixtureRates();
    void virtualInterfacesWithoutACard();
    void missingTreeIsReportedNotFatal();
    void liveValuesAreSane();
};

void TestHostSampler::fixtureSnapshot()
{
#if !defined(Q_OS_LINUX)
    QSKIP("the /proc probe is Linux only");
#else
    const QString root = QFINDTESTDATA("../data/sources/proc-a");
    QVERIFY(!root.isEmpty());
    FixtureProbe probe(root);
    HostSnapshot s;
    QString error;
    QVERIFY2(probe.sample(&s, &error), qPrintable(error));
    QVERIFY2(s.problems.isEmpty(), qPrintable(s.problems.join(u"; "_s)));
    QVERIFY(s.cpu);
    QCOMPARE(s.cpu->total, 10000u);
    QCOMPARE(s.cpu->busy, 1500u);
    QCOMPARE(s.cores.size(), 2);
    QCOMPARE(s.cores.at(1).busy, 700u);
    QCOMPARE(*s.memTotal, 8000000ull * 1024);
    QCOMPARE(*s.memAvailable, 6000000ull * 1024);
    QCOMPARE(*s.swapFree, 1500000ull * 1024);
    QCOMPARE((*s.load)[2], 0.59);
    QCOMPARE(s.interfaces.size(), 4);
    QCOMPARE(s.interfaces.at(1).name, u"eth0"_s);
    QCOMPARE(s.interfaces.at(1).txBytes, 2000000u);
    QVERIFY(!s.interfaces.at(1).isVirtual);
    QCOMPARE(s.interfaces.at(3).name, u"docker0"_s); // listed in sys/devices/virtual/net
    QVERIFY(s.interfaces.at(3).isVirtual);
    // Whole disks only: no partitions, no loop devices.
    QCOMPARE(s.disks.size(), 2);
    QCOMPARE(s.disks.at(0).name, u"sda"_s);
    QCOMPARE(s.disks.at(0).readBytes, 20000ull * 512);
    QCOMPARE(s.disks.at(1).name, u"nvme0n1"_s);
    // Real mounts only, bind mounts once, octal escapes undone.
    QCOMPARE(probe.statted, (QStringList { u"/"_s, u"/mnt/my data"_s }));
    QCOMPARE(s.filesystems.size(), 2);
    QCOMPARE(s.filesystems.at(1).type, u"xfs"_s);
    QCOMPARE(s.filesystems.at(0).usedBytes, 600ull * 1024);
#endif
}

void TestHostSampler::fixtureRates()
{
#if !defined(Q_OS_LINUX)
    QSKIP("the /proc probe is Linux only");
#else
    const QString a = QFINDTESTDATA("../data/sources/proc-a");
    const QString b = QFINDTESTDATA("../data/sources/proc-b");
    HostSamplerOptions options;
    options.host = u"alpha"_s;
    HostSampler sampler(options, std::make_unique<SequenceProbe>(QStringList { a, b }));
    QSignalSpy frames(&sampler, &MetricSource::frame);
    QSignalSpy status(&sampler, &MetricSource::statusChanged);

    const QList<MetricSeries> first = sampler.sampleNow();
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().first().value<wr::session::MetricsFrame>().source, u"host:alpha"_s);
    QCOMPARE(sampler.status(), SourceStatus::Ok);
    QVERIFY(!find(first, u"alpha/cpu.usage"_s)); // needs two readings
    QCOMPARE(valueOf(first, u"alpha/mem.usage"_s), 25.0);
    QCOMPARE(valueOf(first, u"alpha/mem.used"_s), 2048000000.0);
    QCOMPARE(valueOf(first, u"alpha/swap.usage"_s), 25.0);
    QCOMPARE(valueOf(first, u"alpha/load.1"_s), 0.52);
    QCOMPARE(valueOf(first, u"alpha/fs.usage{/}"_s), 100.0 * 600 / 900);
    const MetricSeries *mem = find(first, u"alpha/mem.used"_s);
    QCOMPARE(mem->unit, u"B"_s);
    QCOMPARE(mem->labels, (QMap<QString, QString> { { u"host"_s, u"alpha"_s } }));
    QCOMPARE(find(first, u"alpha/fs.used{/mnt/my data}"_s)->labels->value(u"mountpoint"_s),
             u"/mnt/my data"_s);

    const QList<MetricSeries> second = sampler.sampleNow();
    QCOMPARE(valueOf(second, u"alpha/cpu.usage"_s), 40.0);
    QCOMPARE(valueOf(second, u"alpha/cpu.usage{cpu0}"_s), 75.0);
    QCOMPARE(valueOf(second, u"alpha/cpu.usage{cpu1}"_s), 100.0 * 50 / 300);
    QCOMPARE(valueOf(second, u"alpha/net.rx{eth0}"_s), 250000.0);
    QCOMPARE(valueOf(second, u"alpha/net.tx{eth0}"_s), 500000.0);
    QCOMPARE(valueOf(second, u"alpha/net.rx{wlan0}"_s), 10000.0); // counter reset
    QVERIFY(!find(second, u"alpha/net.rx{lo}"_s));
    QVERIFY(!find(second, u"alpha/net.rx{docker0}"_s)); // a bridge, while cards exist
    QCOMPARE(valueOf(second, u"alpha/disk.read{sda}"_s), 2000.0 * 512);
    QCOMPARE(valueOf(second, u"alpha/disk.write{sda}"_s), 4000.0 * 512);
    QCOMPARE(valueOf(second, u"alpha/disk.read{nvme0n1}"_s), 0.0);
    QVERIFY(!find(second, u"alpha/disk.read{sda1}"_s));
    // Metadata on first sight and change only.
    QVERIFY(!find(second, u"alpha/mem.used"_s)->name);
    QCOMPARE(find(second, u"alpha/cpu.usage{cpu1}"_s)->labels->value(u"cpu"_s), u"cpu1"_s);
    QCOMPARE(find(second, u"alpha/net.rx{eth0}"_s)->unit, u"B/s"_s);
#endif
}

namespace {
// Two readings one second apart of the interfaces given, 1000 B/s each way.
class InterfacesProbe : public HostProbe
{
public:
    explicit InterfacesProbe(QList<InterfaceCounters> interfaces)
        : m_interfaces(std::move(interfaces))
    { }
    bool sample(HostSnapshot *snapshot, QString *) override
    {
        snapshot->timeMs = 1'700'000'000'000 + 1000 * m_next;
        snapshot->interfaces = m_interfaces;
        for (InterfaceCounters &i : snapshot->interfaces) {
            i.rxBytes += 1000 * quint64(m_next);
            i.txBytes += 1000 * quint64(m_next);
        }
        ++m_next;
        return true;
    }

private:
    QList<InterfaceCounters> m_interfaces;
    int m_next = 0;
};

QStringList interfaceRates(const HostSamplerOptions &options, QList<InterfaceCounters> interfaces)
{
    HostSampler sampler(options, std::make_unique<InterfacesProbe>(std::move(interfaces)));
    sampler.sampleNow();
    QStringList ids;
    for (const MetricSeries &s : sampler.sampleNow()) {
        if (s.id.contains(u"/net.rx"_s))
            ids.append(s.id);
    }
    ids.sort();
    return ids;
}
} // namespace

void TestHostSampler::virtualInterfacesWithoutACard()
{
    HostSamplerOptions options;
    options.host = u"box"_s;
    const InterfaceCounters lo { u"lo"_s, 0, 0, true };
    const InterfaceCounters veth { u"eth0"_s, 0, 0, true };
    const InterfaceCounters card { u"enp3s0"_s, 0, 0, false };
    const InterfaceCounters bridge { u"docker0"_s, 0, 0, true };
    // A container: its eth0 is a veth, the only way out, so it is shown.
    QCOMPARE(interfaceRates(options, { lo, veth }), QStringList { u"box/net.rx{eth0}"_s });
    // A host with a card: the bridge and veth are left out.
    QCOMPARE(interfaceRates(options, { lo, card, bridge, veth }),
             QStringList { u"box/net.rx{enp3s0}"_s });
    // Asked for, they are all there.
    options.includeVirtualInterfaces = true;
    QCOMPARE(
        interfaceRates(options, { lo, card, bridge, veth }),
        (QStringList { u"box/net.rx{docker0}"_s, u"box/net.rx{enp3s0}"_s, u"box/net.rx{eth0}"_s }));
}

void TestHostSampler::missingTreeIsReportedNotFatal()
{
#if !defined(Q_OS_LINUX)
    QSKIP("the /proc probe is Linux only");
#else
    HostSamplerOptions options;
    options.host = u"ghost"_s;
    options.staleAfterFailures = 2;
    HostSampler sampler(options, std::make_unique<LinuxHostProbe>(u"/nonexistent/root"_s));
    QSignalSpy frames(&sampler, &MetricSource::frame);
    QSignalSpy errors(&sampler, &MetricSource::errorOccurred);
    QVERIFY(sampler.sampleNow().isEmpty());
    QCOMPARE(sampler.status(), SourceStatus::Unreachable);
    QVERIFY(sampler.statusMessage().contains(u"nothing readable"_s));
    sampler.sampleNow();
    QCOMPARE(sampler.status(), SourceStatus::Stale);
    QCOMPARE(frames.size(), 0);
    QCOMPARE(errors.size(), 2);
#endif
}

void TestHostSampler::liveValuesAreSane()
{
    HostSamplerOptions options;
    options.host = u"me"_s;
    options.intervalMs = 200;
    HostSampler sampler(options);
    QSignalSpy frames(&sampler, &MetricSource::frame);
    sampler.start();
    QVERIFY(sampler.isRunning());
    // The second reading carries the CPU percentages.
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 2, 5000);
    sampler.stop();
    QCOMPARE(sampler.status(), SourceStatus::Stopped);

    QList<MetricSeries> all;
    for (const QList<QVariant> &args : std::as_const(frames))
        all += args.first().value<wr::session::MetricsFrame>().series;
    int cpuSeries = 0;
    for (const MetricSeries &s : std::as_const(all)) {
        QVERIFY2(s.id.startsWith(u"me/"_s), qPrintable(s.id));
        QVERIFY(s.id.size() <= wr::session::kMaxIdLength);
        for (const auto &[t, v] : s.points) {
            QVERIFY2(std::isfinite(v), qPrintable(s.id));
            if (s.id.contains(u"usage"_s))
                QVERIFY2(v >= 0 && v <= 100, qPrintable(s.id + u' ' + QString::number(v)));
            else if (!s.id.contains(u"load."_s))
                QVERIFY2(v >= 0, qPrintable(s.id));
        }
        if (s.id.startsWith(u"me/cpu.usage"_s))
            ++cpuSeries;
    }
    QVERIFY(find(all, u"me/cpu.usage"_s));
    QVERIFY(cpuSeries >= 2); // total and at least one core
#if defined(Q_OS_LINUX)
    QFile meminfo(u"/proc/meminfo"_s);
    QVERIFY(meminfo.open(QIODevice::ReadOnly));
    const QByteArray text = meminfo.readAll();
    const qsizetype at = text.indexOf("MemTotal:");
    QVERIFY(at >= 0);
    const double totalBytes
        = text.mid(at + 9, text.indexOf('\n', at) - at - 9).trimmed().split(' ').first().toDouble()
        * 1024;
    const double used = valueOf(all, u"me/mem.used"_s);
    QVERIFY(used > 0);
    QVERIFY2(used <= totalBytes, qPrintable(QString::number(used)));
#endif
}

QTEST_GUILESS_MAIN(TestHostSampler)
#include "tst_hostsampler.moc"
