#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace wr {

// When a panel's threshold alerts: while a shown series' latest value is above it (the
// default), below it, or never (the line is only drawn).
enum class ThresholdAlert { Above, Below, Off };

QString thresholdAlertName(ThresholdAlert alert); // "above", "below", "off"
std::optional<ThresholdAlert> thresholdAlertFromName(const QString &name);

// Which panels are beyond their threshold, from the latest value of each shown series. No
// widgets and no clock of its own: the board feeds it readings and the time, and acts on what
// evaluate() returns (the panel's frame, a banner, a desktop notification).
//
// A panel raises when one of its series goes beyond the threshold and clears when none is
// beyond any more (a value equal to the threshold is within). Only a raise notifies, and at most
// once per panel within kRenotifyMs, so a value that hovers around the line cannot flood the
// desktop with notifications; the panel and the banner still show every raise.
class ThresholdAlerts
{
public:
    static constexpr qint64 kRenotifyMs = 5 * 60'000;

    struct Reading
    {
        QString seriesId;
        qint64 t = 0; // the sample's time
        double value = 0;
    };
    struct State
    {
        QString seriesId; // the series furthest beyond the threshold when it was raised
        double value = 0;
        qint64 sinceMs = 0; // the sample time of the crossing
    };
    enum class Change { None, Raised, Cleared };

    // The panel's latest readings (gaps and non-finite values are ignored) against its
    // threshold; no threshold, or Off, clears.
    Change evaluate(const QString &panelId, std::optional<double> threshold, ThresholdAlert alert,
                    const QList<Reading> &latest);
    bool isAlerting(const QString &panelId) const { return m_alerting.contains(panelId); }
    std::optional<State> state(const QString &panelId) const;
    // Whether the raise that evaluate() just reported should reach the desktop; true at most
    // once per panel within kRenotifyMs.
    bool takeNotification(const QString &panelId, qint64 nowMs);
    // The panel is gone: its state and its notification time go too.
    void forget(const QString &panelId);

private:
    QHash<QString, State> m_alerting;
    QHash<QString, qint64> m_notifiedAtMs;
};

} // namespace wr
