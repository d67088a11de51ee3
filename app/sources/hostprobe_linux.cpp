#include "hostprobe.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <sys/statvfs.h>

using namespace Qt::StringLiterals;

namespace wr::sources {

std::unique_ptr<HostProbe> HostProbe::createDefault()
{
    return std::make_unique<LinuxHostProbe>();
}

namespace {

std::optional<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll(); // /proc files report size 0: read to the end
}

QList<QByteArrayView> fields(QByteArrayView line)
{
    QList<QByteArrayView> out;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            out.append(line.sliced(start, i - start));
    }
    return out;
}

template<typename F>
void forEachLine(const QByteArray &text, F &&f)
{
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype eol = text.indexOf('\n', pos);
        if (eol < 0)
            eol = text.size();
        f(QByteArrayView(text).sliced(pos, eol - pos));
        pos = eol + 1;
    }
}

std::optional<quint64> toU64(QByteArrayView text)
{
    bool ok = false;
    const quint64 v = text.toULongLong(&ok);
    return ok ? std::optional(v) : std::nullopt;
}

// "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest time is
// already counted in user and nice).
std::optional<CpuTimes> cpuTimes(const QList<QByteArrayView> &f)
{
    if (f.size() < 5)
        return std::nullopt;
    quint64 values[8] = {};
    const qsizetype n = std::min<qsizetype>(f.size() - 1, 8);
    for (qsizetype i = 0; i < n; ++i) {
        const auto v = toU64(f.at(i + 1));
        if (!v)
            return std::nullopt;
        values[i] = *v;
    }
    CpuTimes t;
    for (quint64 v : values)
        t.total += v;
    t.busy = t.total - values[3] - values[4];
    return t;
}

// Octal escapes of /proc/mounts ("\040" for a space).
QString unescapeMount(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size()) {
            bool ok = false;
            const int c = text.sliced(i + 1, 3).toInt(&ok, 8);
            if (ok && c >= 0 && c < 256) {
                out.append(char(c));
                i += 3;
                continue;
            }
        }
        out.append(text[i]);
    }
    return QString::fromUtf8(out);
}

bool isRealFilesystem(QByteArrayView device, QByteArrayView type)
{
    static const QSet<QByteArray> kReal { "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs",
                                          "vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "jfs",
                                          "reiserfs", "nfs", "nfs4", "cifs", "smb3", "overlay",
                                          "apfs", "hfsplus", "bcachefs" };
    if (type == "squashfs" || type == "iso9660")
        return false; // read-only images (snaps): always "full"
    return kReal.contains(type.toByteArray()) || device.startsWith("/dev/");
}

} // namespace

LinuxHostProbe::LinuxHostProbe(const QString &root) : m_root(root)
{
    if (!m_root.endsWith(u'/'))
        m_root += u'/';
}

QString LinuxHostProbe::path(const char *relative) const
{
    return m_root + QLatin1StringView(relative);
}

bool LinuxHostProbe::statFilesystem(const QString &mountPoint, FsStat *stat)
{
    struct statvfs s {};
    if (::statvfs(QFile::encodeName(mountPoint).constData(), &s) != 0)
        return false;
    const quint64 unit = s.f_frsize ? s.f_frsize : s.f_bsize;
    stat->size = quint64(s.f_blocks) * unit;
    stat->free = quint64(s.f_bfree) * unit;
    stat->available = quint64(s.f_bavail) * unit;
    return true;
}

bool LinuxHostProbe::sample(HostSnapshot *snapshot, QString *error)
{
    *snapshot = {};
    snapshot->timeMs = QDateTime::currentMSecsSinceEpoch();
    int readable = 0;

    if (const auto stat = readFile(path("proc/stat"))) {
        ++readable;
        forEachLine(*stat, [&](QByteArrayView line) {
            if (!line.startsWith("cpu"))
                return;
            const QList<QByteArrayView> f = fields(line);
            const auto times = cpuTimes(f);
            if (!times)
                return;
            if (f.at(0) == "cpu") {
                snapshot->cpu = times;
                return;
            }
            bool ok = false;
            const int core = f.at(0).sliced(3).toInt(&ok);
            if (!ok || core < 0 || core > 4096)
                return;
            if (snapshot->cores.size() <= core)
                snapshot->cores.resize(core + 1);
            snapshot->cores[core] = *times;
        });
        if (!snapshot->cpu)
            snapshot->problems.append(u"no 'cpu' line in /proc/stat"_s);
    } else {
        snapshot->problems.append(u"cannot read /proc/stat"_s);
    }

    if (const auto meminfo = readFile(path("proc/meminfo"))) {
        ++readable;
        std::optional<quint64> memFree, buffers, cached;
        forEachLine(*meminfo, [&](QByteArrayView line) {
            const QList<QByteArrayView> f = fields(line);
            if (f.size() < 2)
                return;
            const auto kb = toU64(f.at(1));
            if (!kb)
                return;
            const quint64 bytes = *kb * 1024;
            const QByteArrayView key = f.at(0);
            if (key == "MemTotal:")
                snapshot->memTotal = bytes;
            else if (key == "MemAvailable:")
                snapshot->memAvailable = bytes;
            else if (key == "MemFree:")
                memFree = bytes;
            else if (key == "Buffers:")
                buffers = bytes;
            else if (key == "Cached:")
                cached = bytes;
            else if (key == "SwapTotal:")
                snapshot->swapTotal = bytes;
            else if (key == "SwapFree:")
                snapshot->swapFree = bytes;
        });
        // Kernels before 3.14 have no MemAvailable.
        if (!snapshot->memAvailable && memFree)
            snapshot->memAvailable = *memFree + buffers.value_or(0) + cached.value_or(0);
        if (snapshot->memTotal && snapshot->memAvailable
            && *snapshot->memAvailable > *snapshot->memTotal)
            snapshot->memAvailable = snapshot->memTotal;
    } else {
        snapshot->problems.append(u"cannot read /proc/meminfo"_s);
    }

    if (const auto loadavg = readFile(path("proc/loadavg"))) {
        ++readable;
        const QList<QByteArrayView> f = fields(QByteArrayView(*loadavg).trimmed());
        std::array<double, 3> load {};
        bool ok = f.size() >= 3;
        for (int i = 0; ok && i < 3; ++i)
            load[size_t(i)] = f.at(i).toDouble(&ok);
        if (ok)
            snapshot->load = load;
        else
            snapshot->problems.append(u"unreadable /proc/loadavg"_s);
    }

    if (const auto netdev = readFile(path("proc/net/dev"))) {
        ++readable;
        forEachLine(*netdev, [&](QByteArrayView line) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                return; // the two header lines
            const QByteArrayView name = line.first(colon).trimmed();
            const QList<QByteArrayView> f = fields(line.sliced(colon + 1));
            if (name.isEmpty() || f.size() < 9)
                return;
            const auto rx = toU64(f.at(0));
            const auto tx = toU64(f.at(8));
            if (rx && tx) {
                const QString iface = QString::fromUtf8(name);
                // The kernel lists software devices under /sys/devices/virtual/net.
                const bool isVirtual = QFileInfo::exists(path("sys/devices/virtual/net/") + iface);
                snapshot->interfaces.append({ iface, *rx, *tx, isVirtual });
            }
        });
    }

    if (const auto diskstats = readFile(path("proc/diskstats"))) {
        ++readable;
        const QDir sysBlock(path("sys/block"));
        const bool haveSysBlock = sysBlock.exists();
        forEachLine(*diskstats, [&](QByteArrayView line) {
            const QList<QByteArrayView> f = fields(line);
            if (f.size() < 10)
                return;
            const QString name = QString::fromUtf8(f.at(2));
            if (name.startsWith(u"loop"_s) || name.startsWith(u"ram"_s)
                || name.startsWith(u"zram"_s))
                return;
            // Whole disks are the entries of /sys/block; partitions are not.
            if (haveSysBlock && !QFileInfo::exists(sysBlock.filePath(name)))
                return;
            const auto sectorsRead = toU64(f.at(5));
            const auto sectorsWritten = toU64(f.at(9));
            if (sectorsRead && sectorsWritten) // always 512-byte sectors in this file
                snapshot->disks.append({ name, *sectorsRead * 512, *sectorsWritten * 512 });
        });
    }

    std::optional<QByteArray> mounts = readFile(path("proc/self/mounts"));
    if (!mounts)
        mounts = readFile(path("proc/mounts"));
    if (mounts) {
        ++readable;
        QSet<QString> devices;
        forEachLine(*mounts, [&](QByteArrayView line) {
            const QList<QByteArrayView> f = fields(line);
            if (f.size() < 3 || !isRealFilesystem(f.at(0), f.at(2)))
                return;
            const QString device = unescapeMount(f.at(0));
            if (devices.contains(device))
                return; // a bind mount of a file system already listed
            FilesystemUsage fs;
            fs.device = device;
            fs.mountPoint = unescapeMount(f.at(1));
            fs.type = QString::fromUtf8(f.at(2));
            FsStat st;
            if (!statFilesystem(fs.mountPoint, &st) || st.size == 0)
                return; // unreachable network mount, permission, or a pseudo file system
            devices.insert(device);
            fs.sizeBytes = st.size;
            fs.usedBytes = st.size - std::min(st.free, st.size);
            fs.availableBytes = st.available;
            snapshot->filesystems.append(fs);
        });
    }

    if (readable == 0) {
        *error = u"nothing readable under %1proc"_s.arg(m_root);
        return false;
    }
    return true;
}

} // namespace wr::sources
