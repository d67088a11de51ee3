#include "thresholdalerts.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace wr {

QString thresholdAlertName(ThresholdAlert alert)
{
    switch (alert) {
    case ThresholdAlert::Above:
        return u"above"_s;
    case ThresholdAlert::Below:
        return u"below"_s;
    case ThresholdAlert::Off:
        break;
    }
    return u"off"_s;
}

std::optional<ThresholdAlert> thresholdAlertFromName(const QString &name)
{
    for (ThresholdAlert alert :
         { ThresholdAlert::Above, ThresholdAlert::Below, ThresholdAlert::Off }) {
        if (name == thresholdAlertName(alert))
            return alert;
    }
    return std::nullopt;
}

ThresholdAlerts::Change ThresholdAlerts::evaluate(const QString &panelId,
                                                  std::optional<double> threshold,
                                                  ThresholdAlert alert,
                                                  const QList<Reading> &latest)
{
    std::optional<Reading> worst;
    if (threshold && std::isfinite(*threshold) && alert != ThresholdAlert::Off) {
        // How far beyond the threshold, positive when beyond.
        const auto beyond = [&](double value) {
            return alert == ThresholdAlert::Above ? value - *threshold : *threshold - value;
        };
        for (const Reading &r : latest) {
            if (!std::isfinite(r.value) || beyond(r.value) <= 0)
                continue;
            if (!worst || beyond(r.value) > beyond(worst->value))
                worst = r;
        }
    }
    const bool was = m_alerting.contains(panelId);
    if (!worst) {
        if (!was)
            return Change::None;
        m_alerting.remove(panelId);
        return Change::Cleared;
    }
    if (was)
        return Change::None; // still beyond: the state keeps the crossing
    m_alerting.insert(panelId, State { worst->seriesId, worst->value, worst->t });
    return Change::Raised;
}

std::optional<ThresholdAlerts::State> ThresholdAlerts::state(const QString &panelId) const
{
    const auto it = m_alerting.constFind(panelId);
    if (it == m_alerting.cend())
        return std::nullopt;
    return *it;
}

bool ThresholdAlerts::takeNotification(const QString &panelId, qint64 nowMs)
{
    const auto it = m_notifiedAtMs.constFind(panelId);
    if (it != m_notifiedAtMs.cend() && nowMs - *it < kRenotifyMs)
        return false;
    m_notifiedAtMs.insert(panelId, nowMs);
    return true;
}

void ThresholdAlerts::forget(const QString &panelId)
{
    m_alerting.remove(panelId);
    m_notifiedAtMs.remove(panelId);
}

} // namespace wr
