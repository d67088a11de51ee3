#pragma once

#include "counterrate.h"
#include "hostprobe.h"
#include "metricsource.h"
#include "seriesmeta.h"

#include <QHash>
#include <QTimer>

#include <memory>

namespace wr::sources {

struct HostSamplerOptions
{
    QString host; // id prefix and "host" label; empty: this machine's host name
    int intervalMs = 1000;
    bool includeLoopback = false; // the "lo" interface
    // Software interfaces (bridges, veth pairs, tunnels, ifb) repeat traffic that the network
    // cards already count: left out while the machine has a card, kept when it has none (a
    // container, whose eth0 is one end of a veth pair).
    bool includeVirtualInterfaces = false;
    int staleAfterFailures = 3; // consecutive failed samples before the status says Stale
};

// Samples this machine through a HostProbe and publishes:
//   <host>/cpu.usage (%), <host>/cpu.usage{cpu<N>} per core,
//   <host>/mem.used (B), <host>/mem.usage (%), <host>/swap.used (B), <host>/swap.usage (%),
//   <host>/load.1, load.5, load.15,
//   <host>/net.rx{<iface>}, net.tx{<iface>} (B/s), <host>/disk.read{<disk>}, disk.write (B/s),
//   <host>/fs.used{<mount point>} (B), <host>/fs.usage{<mount point>} (%).
// Rates and CPU percentages need two readings: the first sample publishes only the levels.
class HostSampler : public MetricSource
{
    Q_OBJECT
public:
    // nullptr probe: HostProbe::createDefault().
    explicit HostSampler(const HostSamplerOptions &options = {},
                         std::unique_ptr<HostProbe> probe = nullptr, QObject *parent = nullptr);
    ~HostSampler() override;

    const HostSamplerOptions &options() const { return m_options; }

    void start() override;
    void stop() override;
    bool isRunning() const override { return m_timer.isActive(); }

    // Takes one reading now and publishes it; returns the series (tests, the relay's first frame).
    QList<session::MetricSeries> sampleNow();

private:
    void add(QList<session::MetricSeries> &out, const QString &metric, const QString &instance,
             const QString &name, const QString &unit, const QString &labelKey, qint64 t,
             double value);
    void addRate(QList<session::MetricSeries> &out, const QString &metric, const QString &instance,
                 const QString &name, const QString &labelKey, qint64 t, quint64 counter);

    HostSamplerOptions m_options;
    std::unique_ptr<HostProbe> m_probe;
    QTimer m_timer;
    SeriesMeta m_meta;
    std::optional<CpuTimes> m_lastCpu;
    QList<CpuTimes> m_lastCores;
    QHash<QString, CounterRate> m_rates; // by series id
    int m_failures = 0;
};

} // namespace wr::sources
