#pragma once

#include "sessionmessages.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace wr {

// Our presence state (PROTOCOL.md): active; idle after kIdleAfterMs without input; away while
// the window is hidden or minimised. Input while away does not make us active (the window is
// not visible); showing the window again does.
class ActivityTracker : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kIdleAfterMs = 60'000;

    explicit ActivityTracker(QObject *parent = nullptr);

    // Monotonic milliseconds; tests pin it. Default: a steady clock.
    void setClock(std::function<qint64()> clock);
    void setIdleAfter(qint64 ms) { m_idleAfterMs = ms; }
    // How often idleness is checked (default 1 s).
    void setCheckInterval(int ms) { m_timer.setInterval(ms); }

    session::PresenceState state() const { return m_state; }

    void noteInput();
    void setHidden(bool hidden);
    // Re-evaluates idleness now (the timer does this on its own).
    void check();

Q_SIGNALS:
    void stateChanged(wr::session::PresenceState state);

private:
    void setState(session::PresenceState state);

    std::function<qint64()> m_clock;
    QTimer m_timer;
    qint64 m_lastInput = 0;
    qint64 m_idleAfterMs = kIdleAfterMs;
    bool m_hidden = false;
    session::PresenceState m_state = session::PresenceState::Active;
};

} // namespace wr
