#pragma once

#include <QBasicTimer>
#include <QObject>

namespace wr {

// Asks the C library to hand free heap pages back to the system. glibc keeps the pages of freed
// blocks mapped, so a relay that served a surge of connections would otherwise stay at its peak
// resident size long after the sessions are gone. Returns false where the platform offers no
// such call. Costs a walk of the heap's free lists: call it rarely, when nothing else is going on.
bool releaseFreeHeapMemory();

// Calls releaseFreeHeapMemory() once a wave of sessions has ended: after at least `threshold`
// ends, as soon as no session has ended for `quietMs`. A steady trickle of ends arms it only
// every `threshold` sessions, so the cost stays negligible.
class MemoryReleaser : public QObject
{
    Q_OBJECT

public:
    explicit MemoryReleaser(int threshold = 256, int quietMs = 5000, QObject *parent = nullptr);

    void sessionEnded();
    int releases() const { return m_releases; }

Q_SIGNALS:
    void released();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    int m_threshold;
    int m_quietMs;
    int m_endedSinceRelease = 0;
    int m_releases = 0;
    QBasicTimer m_quiet;
};

} // namespace wr
