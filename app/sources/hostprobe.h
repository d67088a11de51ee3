#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <array>
#include <memory>
#include <optional>

// Raw readings of this machine, taken by a platform-specific probe. Counters are cumulative
// (the sampler turns them into rates and percentages); nothing here is platform-specific.
namespace wr::sources {

struct CpuTimes
{
    // Any consistent unit (Linux: clock ticks; macOS: ticks; Windows: 100 ns).
    quint64 busy = 0; // everything but idle and I/O wait
    quint64 total = 0;
};

struct InterfaceCounters
{
    QString name;
    quint64 rxBytes = 0;
    quint64 txBytes = 0;
    // A software device (bridge, veth pair, tunnel, ifb) rather than a network card, where the
    // platform tells.
    bool isVirtual = false;
};

struct DiskCounters
{
    QString name; // a whole disk ("sda", "nvme0n1"), never a partition
    quint64 readBytes = 0;
    quint64 writeBytes = 0;
};

struct FilesystemUsage
{
    QString mountPoint;
    QString device;
    QString type;
    quint64 sizeBytes = 0;
    quint64 usedBytes = 0;
    quint64 availableBytes = 0; // to unprivileged users
};

struct HostSnapshot
{
    qint64 timeMs = 0; // epoch ms of the reading
    std::optional<CpuTimes> cpu; // all cores together
    QList<CpuTimes> cores; // index = core number
    std::optional<quint64> memTotal, memAvailable; // bytes
    std::optional<quint64> swapTotal, swapFree;
    std::optional<std::array<double, 3>> load; // 1, 5, 15 minutes
    QList<InterfaceCounters> interfaces;
    QList<DiskCounters> disks;
    QList<FilesystemUsage> filesystems;
    QStringList problems; // parts that could not be read (the rest is still valid)
};

class HostProbe
{
public:
    virtual ~HostProbe() = default;
    // Fills what it can; false (with a reason) only when nothing at all could be read.
    virtual bool sample(HostSnapshot *snapshot, QString *error) = 0;

    // The probe for the platform this was built for.
    static std::unique_ptr<HostProbe> createDefault();
};

#if defined(Q_OS_LINUX)
// /proc and /sys below `root` ("/" normally; a fixture tree in tests), statvfs for file systems.
class LinuxHostProbe : public HostProbe
{
public:
    explicit LinuxHostProbe(const QString &root = QStringLiteral("/"));
    bool sample(HostSnapshot *snapshot, QString *error) override;

    struct FsStat
    {
        quint64 size = 0, free = 0, available = 0; // bytes
    };

protected:
    // statvfs(2) of a mount point; overridden by fixture tests.
    virtual bool statFilesystem(const QString &mountPoint, FsStat *stat);

private:
    QString path(const char *relative) const;
    QString m_root;
};
#endif

} // namespace wr::sources
