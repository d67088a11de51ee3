#pragma once

#include "sessionmessages.h"

#include <QHash>
#include <QMap>
#include <QString>

namespace wr::sources {

// Remembers the name/unit/labels last sent per series id, so a source sends them on the first
// frame and when they change only (PROTOCOL.md, "Metrics").
class SeriesMeta
{
public:
    struct Meta
    {
        QString name;
        QString unit;
        QMap<QString, QString> labels;
        bool operator==(const Meta &) const = default;
    };

    // Fills series.name/unit/labels when `meta` differs from what was last sent for series.id.
    void annotate(session::MetricSeries &series, const Meta &meta);
    // Forget everything (e.g. after a restart of the source): the next frame restates all.
    void clear() { m_sent.clear(); }
    void forget(const QString &id) { m_sent.remove(id); }
    qsizetype size() const { return m_sent.size(); }

private:
    QHash<QString, Meta> m_sent;
};

} // namespace wr::sources
