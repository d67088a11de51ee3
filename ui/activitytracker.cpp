#include "activitytracker.h"

#include <QElapsedTimer>

#include <memory>

namespace wr {

ActivityTracker::ActivityTracker(QObject *parent)
    : QObject(parent)
{
    setClock({});
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &ActivityTracker::check);
    m_timer.start();
}

void ActivityTracker::setClock(std::function<qint64()> clock)
{
    if (!clock) {
        auto elapsed = std::make_shared<QElapsedTimer>();
        elapsed->start();
        clock = [elapsed] { return elapsed->elapsed(); };
    }
    m_clock = std::move(clock);
    m_lastInput = m_clock();
}

void ActivityTracker::noteInput()
{
    m_lastInput = m_clock();
    if (!m_hidden)
        setState(session::PresenceState::Active);
}

void ActivityTracker::setHidden(bool hidden)
{
    if (m_hidden == hidden)
        return;
    m_hidden = hidden;
    if (hidden) {
        setState(session::PresenceState::Away);
    } else {
        m_lastInput = m_clock(); // coming back is a sign of life
        setState(session::PresenceState::Active);
    }
}

void ActivityTracker::check()
{
    if (m_hidden || m_state != session::PresenceState::Active)
        return;
    if (m_clock() - m_lastInput >= m_idleAfterMs)
        setState(session::PresenceState::Idle);
}

void ActivityTracker::setState(session::PresenceState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace wr
