#pragma once

#include <cstdint>
#include <sys/types.h>

namespace wrbench {

// CPU time and resident memory of a process, read from /proc/<pid>/stat and /proc/<pid>/status.
struct ProcSample
{
    bool valid = false;
    int64_t wallNs = 0;
    int64_t cpuNs = 0; // utime + stime
    int64_t rssKiB = 0; // VmRSS
};

ProcSample sampleProcess(pid_t pid);
// The generator itself (getrusage, finer than clock ticks).
ProcSample sampleSelf();
// The whole machine: busy time of all cores (user, system, irq, softirq, steal) from /proc/stat.
ProcSample sampleSystem();
bool processAlive(pid_t pid);

// Share of one core used between two samples, in percent.
double cpuPercent(const ProcSample &from, const ProcSample &to);

int64_t nowNs();

} // namespace wrbench
