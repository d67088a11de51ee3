#pragma once

#include <QBasicTimer>
#include <QObject>

#include <memory>

namespace wr {

// A one-shot wake-up of the event loop with sub-millisecond resolution, for pacing work that a
// millisecond timer would delay too much. Qt 6.4 timers take whole milliseconds, so each platform
// may supply a finer source (precisewakeup_linux.cpp: a timerfd watched by a QSocketNotifier);
// without one, waits are rounded up to whole milliseconds of a precise Qt timer.
class PreciseWakeup : public QObject
{
    Q_OBJECT

public:
    enum class Resolution { Finest, Milliseconds };

    explicit PreciseWakeup(QObject *parent = nullptr)
        : PreciseWakeup(Resolution::Finest, parent)
    { }
    explicit PreciseWakeup(Resolution resolution, QObject *parent = nullptr);
    ~PreciseWakeup() override;

    // Fires timeout() once, `ns` nanoseconds from now (at the next pass for 0 or less).
    // Re-arms an active wake-up.
    void start(qint64 ns);
    void stop();
    bool isActive() const { return m_active; }
    // Whether waits keep sub-millisecond resolution (false: rounded up to whole milliseconds).
    bool isFine() const { return m_fine != nullptr; }

    // A platform's fine timer: arms and disarms; calls fire() on its owner when it expires.
    class Source
    {
    public:
        virtual ~Source() = default;
        virtual void arm(qint64 ns) = 0;
        virtual void disarm() = 0;
    };

Q_SIGNALS:
    void timeout();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    // Defined per platform; nullptr where there is no finer source than Qt's timers.
    static std::unique_ptr<Source> makeFineSource(PreciseWakeup *owner);
    friend class TimerFdSource;
    void fire();

    std::unique_ptr<Source> m_fine;
    QBasicTimer m_coarse;
    bool m_active = false;
};

} // namespace wr
