#include "seriesmeta.h"

namespace wr::sources {

void SeriesMeta::annotate(session::MetricSeries &series, const Meta &meta)
{
    auto it = m_sent.find(series.id);
    if (it != m_sent.end() && *it == meta)
        return;
    series.name = meta.name;
    series.unit = meta.unit;
    series.labels = meta.labels;
    if (it == m_sent.end())
        m_sent.insert(series.id, meta);
    else
        *it = meta;
}

} // namespace wr::sources
