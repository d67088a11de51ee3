#include "precisewakeup.h"

#include <QTimerEvent>

#include <algorithm>
#include <limits>

namespace wr {

PreciseWakeup::PreciseWakeup(Resolution resolution, QObject *parent)
    : QObject(parent)
    , m_fine(resolution == Resolution::Finest ? makeFineSource(this) : nullptr)
{ }

PreciseWakeup::~PreciseWakeup() = default;

void PreciseWakeup::start(qint64 ns)
{
    m_active = true;
    if (m_fine) {
        m_fine->arm(ns);
        return;
    }
    const qint64 ms = (std::max<qint64>(ns, 0) + 999'999) / 1'000'000;
    m_coarse.start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())), Qt::PreciseTimer,
                   this);
}

void PreciseWakeup::stop()
{
    m_active = false;
    if (m_fine)
        m_fine->disarm();
    else
        m_coarse.stop();
}

void PreciseWakeup::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_coarse.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_coarse.stop();
    fire();
}

void PreciseWakeup::fire()
{
    if (!m_active)
        return;
    m_active = false;
    Q_EMIT timeout();
}

} // namespace wr
