#pragma once

#include "metricstore.h"

#include <QCoreApplication>
#include <QString>

namespace wr {

// Which panel a series goes to: series of one host, one metric family (cpu, memory, network,
// disk, …) and one unit share a panel. The key is the panel id on the wire (cursors carry it),
// so every client derives the same key from the same series.
struct PanelGroup
{
    QString key; // e.g. "alpha/cpu|%"
    QString title; // e.g. "CPU · alpha"
    int order = 100; // known families first, in a fixed order

    bool operator==(const PanelGroup &) const = default;
};

class PanelGrouping
{
    Q_DECLARE_TR_FUNCTIONS(wr::PanelGrouping)

public:
    static PanelGroup groupFor(const SeriesInfo &info);
    // "cpu" for "alpha/cpu.usage", "cpu.core0", "host-alpha/cpu_seconds_total", …
    static QString familyOf(const QString &seriesId);
};

} // namespace wr
