#include "precisewakeup.h"

#include <QSocketNotifier>

#include <cstdint>
#include <sys/timerfd.h>
#include <unistd.h>

namespace wr {

// A timerfd: the kernel wakes the event loop's poll() when it expires, to the microsecond.
class TimerFdSource : public PreciseWakeup::Source
{
public:
    TimerFdSource(PreciseWakeup *owner, int fd)
        : m_fd(fd)
        , m_notifier(fd, QSocketNotifier::Read)
    {
        QObject::connect(&m_notifier, &QSocketNotifier::activated, owner, [this, owner] {
            std::uint64_t expirations = 0;
            // Re-arming or disarming resets the count: a readiness collected before that reads
            // nothing and is not a wake-up.
            if (::read(m_fd, &expirations, sizeof expirations) == sizeof expirations)
                owner->fire();
        });
    }
    ~TimerFdSource() override
    {
        m_notifier.setEnabled(false);
        ::close(m_fd);
    }

    void arm(qint64 ns) override
    {
        itimerspec spec {};
        if (ns > 0) {
            spec.it_value.tv_sec = time_t(ns / 1'000'000'000);
            spec.it_value.tv_nsec = long(ns % 1'000'000'000);
        } else {
            spec.it_value.tv_nsec = 1; // an all-zero value would disarm it
        }
        ::timerfd_settime(m_fd, 0, &spec, nullptr);
    }
    void disarm() override
    {
        const itimerspec spec {};
        ::timerfd_settime(m_fd, 0, &spec, nullptr);
    }

private:
    int m_fd;
    QSocketNotifier m_notifier;
};

std::unique_ptr<PreciseWakeup::Source> PreciseWakeup::makeFineSource(PreciseWakeup *owner)
{
    const int fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0)
        return nullptr; // e.g. a sandbox without timerfd: whole milliseconds then
    return std::make_unique<TimerFdSource>(owner, fd);
}

} // namespace wr
