// Windows probe. UNVERIFIED: written against the documented Win32 interfaces, never compiled in
// this project's CI (Linux only). Per-core CPU, load averages and disk I/O rates are not
// implemented (they need PDH or NtQuerySystemInformation).
#include "hostprobe.h"

#include <QDateTime>

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <iphlpapi.h>
#include <netioapi.h>

using namespace Qt::StringLiterals;

namespace wr::sources {

namespace {

quint64 toU64(const FILETIME &t)
{
    return (quint64(t.dwHighDateTime) << 32) | t.dwLowDateTime;
}

class WindowsHostProbe : public HostProbe
{
public:
    bool sample(HostSnapshot *s, QString *error) override
    {
        *s = {};
        s->timeMs = QDateTime::currentMSecsSinceEpoch();

        FILETIME idle {}, kernel {}, user {};
        if (GetSystemTimes(&idle, &kernel, &user)) {
            // Kernel time includes idle time.
            CpuTimes cpu;
            cpu.total = toU64(kernel) + toU64(user);
            cpu.busy = cpu.total - toU64(idle);
            s->cpu = cpu;
        }

        MEMORYSTATUSEX memory {};
        memory.dwLength = sizeof(memory);
        if (GlobalMemoryStatusEx(&memory)) {
            s->memTotal = memory.ullTotalPhys;
            s->memAvailable = memory.ullAvailPhys;
            // The commit limit includes physical memory; the rest is the page file.
            const quint64 pageTotal = memory.ullTotalPageFile > memory.ullTotalPhys
                    ? memory.ullTotalPageFile - memory.ullTotalPhys
                    : 0;
            const quint64 pageFree = memory.ullAvailPageFile > memory.ullAvailPhys
                    ? memory.ullAvailPageFile - memory.ullAvailPhys
                    : 0;
            s->swapTotal = pageTotal;
            s->swapFree = std::min(pageFree, pageTotal);
        }

        MIB_IF_TABLE2 *table = nullptr;
        if (GetIfTable2(&table) == NO_ERROR) {
            for (ULONG i = 0; i < table->NumEntries; ++i) {
                const MIB_IF_ROW2 &row = table->Table[i];
                if (!row.InterfaceAndOperStatusFlags.HardwareInterface
                    || row.Type == IF_TYPE_SOFTWARE_LOOPBACK)
                    continue;
                s->interfaces.append({ QString::fromWCharArray(row.Alias), row.InOctets,
                                       row.OutOctets });
            }
            FreeMibTable(table);
        }

        wchar_t drives[512] = {};
        const DWORD length = GetLogicalDriveStringsW(DWORD(std::size(drives) - 1), drives);
        for (const wchar_t *d = drives; length && length < std::size(drives) && *d;
             d += wcslen(d) + 1) {
            if (GetDriveTypeW(d) != DRIVE_FIXED)
                continue;
            ULARGE_INTEGER available {}, total {}, free {};
            if (!GetDiskFreeSpaceExW(d, &available, &total, &free) || total.QuadPart == 0)
                continue;
            FilesystemUsage fs;
            fs.mountPoint = QString::fromWCharArray(d);
            fs.device = fs.mountPoint;
            fs.sizeBytes = total.QuadPart;
            fs.usedBytes = total.QuadPart - free.QuadPart;
            fs.availableBytes = available.QuadPart;
            s->filesystems.append(fs);
        }

        if (!s->cpu && !s->memTotal) {
            *error = u"neither GetSystemTimes nor GlobalMemoryStatusEx succeeded"_s;
            return false;
        }
        return true;
    }
};

} // namespace

std::unique_ptr<HostProbe> HostProbe::createDefault()
{
    return std::make_unique<WindowsHostProbe>();
}

} // namespace wr::sources
