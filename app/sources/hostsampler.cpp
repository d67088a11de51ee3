#include "hostsampler.h"

#include <QHostInfo>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr::sources {

namespace {

std::optional<double> percent(const CpuTimes &previous, const CpuTimes &now)
{
    // Counters going backwards (a core taken offline and back): no value this time.
    if (now.total <= previous.total || now.busy < previous.busy)
        return std::nullopt;
    const double busy = double(now.busy - previous.busy);
    const double total = double(now.total - previous.total);
    return std::clamp(100.0 * busy / total, 0.0, 100.0);
}

QString defaultHost()
{
    QString host = QHostInfo::localHostName();
    // The short name: ids stay readable, and "." already separates metric words.
    host = host.section(u'.', 0, 0);
    return host.isEmpty() ? u"localhost"_s : host;
}

} // namespace

HostSampler::HostSampler(const HostSamplerOptions &options, std::unique_ptr<HostProbe> probe,
                         QObject *parent)
    : MetricSource(u"host:"_s + (options.host.isEmpty() ? defaultHost() : options.host), parent)
    , m_options(options)
    , m_probe(probe ? std::move(probe) : HostProbe::createDefault())
{
    if (m_options.host.isEmpty())
        m_options.host = defaultHost();
    m_timer.setInterval(std::max(50, m_options.intervalMs));
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { sampleNow(); });
}

HostSampler::~HostSampler() = default;

void HostSampler::start()
{
    if (m_timer.isActive())
        return;
    m_meta.clear();
    m_timer.start();
    sampleNow(); // levels at once; rates follow one interval later
}

void HostSampler::stop()
{
    m_timer.stop();
    m_lastCpu.reset();
    m_lastCores.clear();
    m_rates.clear();
    setStatus(SourceStatus::Stopped);
}

void HostSampler::add(QList<session::MetricSeries> &out, const QString &metric,
                      const QString &instance, const QString &name, const QString &unit,
                      const QString &labelKey, qint64 t, double value)
{
    session::MetricSeries series;
    series.id = m_options.host + u'/' + metric;
    SeriesMeta::Meta meta { name, unit, { { u"host"_s, m_options.host } } };
    if (!instance.isEmpty()) {
        series.id += u'{' + instance + u'}';
        meta.labels.insert(labelKey, instance);
    }
    if (series.id.size() > session::kMaxIdLength)
        return; // an absurd mount point or interface name: not worth a digest
    m_meta.annotate(series, meta);
    series.points.append({ t, value });
    out.append(std::move(series));
}

void HostSampler::addRate(QList<session::MetricSeries> &out, const QString &metric,
                          const QString &instance, const QString &name, const QString &labelKey,
                          qint64 t, quint64 counter)
{
    const QString key = metric + u'{' + instance + u'}';
    if (const auto rate = m_rates[key].update(t, double(counter)))
        add(out, metric, instance, name, u"B/s"_s, labelKey, t, *rate);
}

QList<session::MetricSeries> HostSampler::sampleNow()
{
    HostSnapshot s;
    QString error;
    if (!m_probe->sample(&s, &error)) {
        ++m_failures;
        reportError(error);
        setStatus(m_failures >= m_options.staleAfterFailures ? SourceStatus::Stale
                                                             : SourceStatus::Unreachable,
                  error);
        return {};
    }
    m_failures = 0;
    const qint64 t = s.timeMs;
    QList<session::MetricSeries> out;

    if (s.cpu) {
        if (m_lastCpu) {
            if (const auto p = percent(*m_lastCpu, *s.cpu))
                add(out, u"cpu.usage"_s, {}, u"CPU usage"_s, u"%"_s, {}, t, *p);
        }
        m_lastCpu = s.cpu;
    }
    for (qsizetype i = 0; i < s.cores.size(); ++i) {
        if (i < m_lastCores.size() && s.cores.at(i).total > 0) {
            if (const auto p = percent(m_lastCores.at(i), s.cores.at(i)))
                add(out, u"cpu.usage"_s, u"cpu"_s + QString::number(i),
                    u"CPU usage, core %1"_s.arg(i), u"%"_s, u"cpu"_s, t, *p);
        }
    }
    m_lastCores = s.cores;

    if (s.memTotal && s.memAvailable && *s.memTotal > 0) {
        const quint64 used = *s.memTotal - *s.memAvailable;
        add(out, u"mem.used"_s, {}, u"Memory used"_s, u"B"_s, {}, t, double(used));
        add(out, u"mem.usage"_s, {}, u"Memory usage"_s, u"%"_s, {}, t,
            100.0 * double(used) / double(*s.memTotal));
    }
    if (s.swapTotal && s.swapFree) {
        const quint64 used = *s.swapTotal - std::min(*s.swapFree, *s.swapTotal);
        add(out, u"swap.used"_s, {}, u"Swap used"_s, u"B"_s, {}, t, double(used));
        // No swap configured: 0 % rather than a division by zero.
        add(out, u"swap.usage"_s, {}, u"Swap usage"_s, u"%"_s, {}, t,
            *s.swapTotal ? 100.0 * double(used) / double(*s.swapTotal) : 0.0);
    }
    if (s.load) {
        add(out, u"load.1"_s, {}, u"Load average, 1 min"_s, {}, {}, t, (*s.load)[0]);
        add(out, u"load.5"_s, {}, u"Load average, 5 min"_s, {}, {}, t, (*s.load)[1]);
        add(out, u"load.15"_s, {}, u"Load average, 15 min"_s, {}, {}, t, (*s.load)[2]);
    }

    QSet<QString> live;
    const bool hasCard = std::any_of(s.interfaces.cbegin(), s.interfaces.cend(),
                                     [](const InterfaceCounters &i) { return !i.isVirtual; });
    for (const InterfaceCounters &iface : std::as_const(s.interfaces)) {
        if (iface.name == "lo"_L1 && !m_options.includeLoopback)
            continue;
        if (iface.isVirtual && hasCard && !m_options.includeVirtualInterfaces)
            continue;
        addRate(out, u"net.rx"_s, iface.name, u"Network received, %1"_s.arg(iface.name), u"iface"_s,
                t, iface.rxBytes);
        addRate(out, u"net.tx"_s, iface.name, u"Network sent, %1"_s.arg(iface.name), u"iface"_s, t,
                iface.txBytes);
        live.insert(u"net.rx{"_s + iface.name + u'}');
        live.insert(u"net.tx{"_s + iface.name + u'}');
    }
    for (const DiskCounters &disk : std::as_const(s.disks)) {
        addRate(out, u"disk.read"_s, disk.name, u"Disk read, %1"_s.arg(disk.name), u"device"_s, t,
                disk.readBytes);
        addRate(out, u"disk.write"_s, disk.name, u"Disk written, %1"_s.arg(disk.name), u"device"_s,
                t, disk.writeBytes);
        live.insert(u"disk.read{"_s + disk.name + u'}');
        live.insert(u"disk.write{"_s + disk.name + u'}');
    }
    // Interfaces and disks that went away: forget their counters.
    for (auto it = m_rates.begin(); it != m_rates.end();) {
        if (live.contains(it.key()))
            ++it;
        else
            it = m_rates.erase(it);
    }

    for (const FilesystemUsage &fs : std::as_const(s.filesystems)) {
        add(out, u"fs.used"_s, fs.mountPoint, u"File system used, %1"_s.arg(fs.mountPoint), u"B"_s,
            u"mountpoint"_s, t, double(fs.usedBytes));
        // As df computes it: used / (used + available to users).
        const double denominator = double(fs.usedBytes) + double(fs.availableBytes);
        if (denominator > 0)
            add(out, u"fs.usage"_s, fs.mountPoint, u"File system usage, %1"_s.arg(fs.mountPoint),
                u"%"_s, u"mountpoint"_s, t, 100.0 * double(fs.usedBytes) / denominator);
    }

    setStatus(s.problems.isEmpty() ? SourceStatus::Ok : SourceStatus::Degraded,
              s.problems.join(u"; "_s));
    publish(out);
    return out;
}

} // namespace wr::sources
