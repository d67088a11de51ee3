#include "procstats.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>

namespace wrbench {

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

namespace {
bool readFile(const char *path, char *buffer, size_t size)
{
    FILE *f = std::fopen(path, "re");
    if (!f)
        return false;
    const size_t n = std::fread(buffer, 1, size - 1, f);
    std::fclose(f);
    buffer[n] = '\0';
    return n > 0;
}
} // namespace

ProcSample sampleProcess(pid_t pid)
{
    ProcSample sample;
    sample.wallNs = nowNs();
    if (pid <= 0)
        return sample;
    char path[64];
    char buffer[4096];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    if (!readFile(path, buffer, sizeof buffer))
        return sample;
    // The command name may contain spaces or parentheses: fields start after the last ')'.
    const char *p = std::strrchr(buffer, ')');
    if (!p)
        return sample;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    // After ")": state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
    // utime(14) stime(15).
    if (std::sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime)
        != 2)
        return sample;
    const long ticks = sysconf(_SC_CLK_TCK);
    sample.cpuNs = int64_t((utime + stime) * (1000000000ULL / (unsigned long long)ticks));

    std::snprintf(path, sizeof path, "/proc/%d/status", int(pid));
    if (!readFile(path, buffer, sizeof buffer))
        return sample;
    if (const char *rss = std::strstr(buffer, "VmRSS:"))
        sample.rssKiB = std::strtoll(rss + 6, nullptr, 10);
    sample.valid = true;
    return sample;
}

ProcSample sampleSelf()
{
    ProcSample sample;
    sample.wallNs = nowNs();
    rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return sample;
    auto ns = [](const timeval &tv) { return int64_t(tv.tv_sec) * 1000000000 + tv.tv_usec * 1000; };
    sample.cpuNs = ns(usage.ru_utime) + ns(usage.ru_stime);
    sample.rssKiB = usage.ru_maxrss;
    sample.valid = true;
    return sample;
}

ProcSample sampleSystem()
{
    ProcSample sample;
    sample.wallNs = nowNs();
    char buffer[4096];
    if (!readFile("/proc/stat", buffer, sizeof buffer))
        return sample;
    unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0,
                       steal = 0;
    if (std::sscanf(buffer, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &system,
                    &idle, &iowait, &irq, &softirq, &steal)
        != 8)
        return sample;
    const long ticks = sysconf(_SC_CLK_TCK);
    sample.cpuNs = int64_t((user + nice + system + irq + softirq + steal)
                           * (1000000000ULL / (unsigned long long)ticks));
    sample.valid = true;
    return sample;
}

bool processAlive(pid_t pid)
{
    return pid > 0 && kill(pid, 0) == 0;
}

double cpuPercent(const ProcSample &from, const ProcSample &to)
{
    if (!from.valid || !to.valid || to.wallNs <= from.wallNs)
        return -1;
    return 100.0 * double(to.cpuNs - from.cpuNs) / double(to.wallNs - from.wallNs);
}

} // namespace wrbench
