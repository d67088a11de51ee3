// macOS probe. UNVERIFIED: written against the documented Mach/BSD interfaces, never compiled
// in this project's CI (Linux only). Disk I/O rates (IOKit) are not implemented.
#include "hostprobe.h"

#include <QDateTime>
#include <QSet>

#include <mach/mach.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <ifaddrs.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/sysctl.h>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace wr::sources {

namespace {

class MacHostProbe : public HostProbe
{
public:
    bool sample(HostSnapshot *s, QString *error) override
    {
        *s = {};
        s->timeMs = QDateTime::currentMSecsSinceEpoch();
        const mach_port_t host = mach_host_self();

        natural_t cpuCount = 0;
        processor_info_array_t info = nullptr;
        mach_msg_type_number_t infoCount = 0;
        if (host_processor_info(host, PROCESSOR_CPU_LOAD_INFO, &cpuCount, &info, &infoCount)
            == KERN_SUCCESS) {
            CpuTimes all;
            for (natural_t i = 0; i < cpuCount; ++i) {
                const integer_t *ticks = info + CPU_STATE_MAX * i;
                CpuTimes core;
                core.busy = quint64(ticks[CPU_STATE_USER]) + quint64(ticks[CPU_STATE_SYSTEM])
                        + quint64(ticks[CPU_STATE_NICE]);
                core.total = core.busy + quint64(ticks[CPU_STATE_IDLE]);
                all.busy += core.busy;
                all.total += core.total;
                s->cores.append(core);
            }
            s->cpu = all;
            vm_deallocate(mach_task_self(), vm_address_t(info),
                          vm_size_t(infoCount) * sizeof(integer_t));
        } else {
            s->problems.append(u"host_processor_info failed"_s);
        }

        quint64 memsize = 0;
        size_t len = sizeof(memsize);
        if (sysctlbyname("hw.memsize", &memsize, &len, nullptr, 0) == 0)
            s->memTotal = memsize;
        vm_size_t pageSize = 0;
        vm_statistics64_data_t vm {};
        mach_msg_type_number_t vmCount = HOST_VM_INFO64_COUNT;
        if (host_page_size(host, &pageSize) == KERN_SUCCESS
            && host_statistics64(host, HOST_VM_INFO64, host_info64_t(&vm), &vmCount)
                    == KERN_SUCCESS) {
            // What Activity Monitor counts as available: free, inactive and purgeable pages.
            const quint64 available = (quint64(vm.free_count) + quint64(vm.inactive_count)
                                       + quint64(vm.purgeable_count))
                    * quint64(pageSize);
            s->memAvailable = s->memTotal ? std::min(available, *s->memTotal) : available;
        }

        xsw_usage swap {};
        len = sizeof(swap);
        if (sysctlbyname("vm.swapusage", &swap, &len, nullptr, 0) == 0) {
            s->swapTotal = swap.xsu_total;
            s->swapFree = swap.xsu_avail;
        }

        double load[3] = {};
        if (getloadavg(load, 3) == 3)
            s->load = std::array<double, 3> { load[0], load[1], load[2] };

        ifaddrs *addresses = nullptr;
        if (getifaddrs(&addresses) == 0) {
            for (ifaddrs *a = addresses; a; a = a->ifa_next) {
                if (!a->ifa_addr || a->ifa_addr->sa_family != AF_LINK || !a->ifa_data)
                    continue;
                const auto *data = static_cast<const if_data *>(a->ifa_data);
                // 32-bit counters on macOS: a wrap looks like a reset to CounterRate.
                s->interfaces.append({ QString::fromUtf8(a->ifa_name), data->ifi_ibytes,
                                       data->ifi_obytes });
            }
            freeifaddrs(addresses);
        }

        struct statfs *mounts = nullptr;
        const int n = getmntinfo(&mounts, MNT_NOWAIT);
        for (int i = 0; i < n; ++i) {
            const struct statfs &m = mounts[i];
            if (!(m.f_flags & MNT_LOCAL) || qstrcmp(m.f_fstypename, "devfs") == 0
                || qstrcmp(m.f_fstypename, "autofs") == 0 || m.f_blocks == 0)
                continue;
            FilesystemUsage fs;
            fs.mountPoint = QString::fromUtf8(m.f_mntonname);
            fs.device = QString::fromUtf8(m.f_mntfromname);
            fs.type = QString::fromUtf8(m.f_fstypename);
            fs.sizeBytes = quint64(m.f_blocks) * m.f_bsize;
            fs.usedBytes = (quint64(m.f_blocks) - quint64(m.f_bfree)) * m.f_bsize;
            fs.availableBytes = quint64(m.f_bavail) * m.f_bsize;
            s->filesystems.append(fs);
        }

        if (!s->cpu && !s->memTotal) {
            *error = u"neither CPU nor memory statistics are readable"_s;
            return false;
        }
        return true;
    }
};

} // namespace

std::unique_ptr<HostProbe> HostProbe::createDefault()
{
    return std::make_unique<MacHostProbe>();
}

} // namespace wr::sources
