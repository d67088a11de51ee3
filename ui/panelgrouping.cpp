#include "panelgrouping.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

struct Family
{
    QLatin1StringView key;
    QStringList aliases;
    int order;
};

const QList<Family> &families()
{
    static const QList<Family> list {
        { "cpu"_L1, { u"cpu"_s, u"processor"_s }, 0 },
        { "load"_L1, { u"load"_s, u"loadavg"_s }, 1 },
        { "memory"_L1, { u"memory"_s, u"mem"_s, u"swap"_s, u"ram"_s }, 2 },
        { "network"_L1, { u"network"_s, u"net"_s, u"netif"_s, u"nic"_s }, 3 },
        { "disk"_L1, { u"disk"_s, u"io"_s, u"diskio"_s, u"block"_s }, 4 },
        { "filesystem"_L1, { u"filesystem"_s, u"fs"_s }, 5 },
    };
    return list;
}

QString familyTitle(const QString &family)
{
    if (family == "cpu"_L1)
        return PanelGrouping::tr("CPU");
    if (family == "load"_L1)
        return PanelGrouping::tr("Load");
    if (family == "memory"_L1)
        return PanelGrouping::tr("Memory");
    if (family == "network"_L1)
        return PanelGrouping::tr("Network");
    if (family == "disk"_L1)
        return PanelGrouping::tr("Disk I/O");
    if (family == "filesystem"_L1)
        return PanelGrouping::tr("File systems");
    return family;
}

} // namespace

namespace {
// "alpha/fs.used{/home}" -> "alpha/fs.used": the instance part may itself hold slashes.
QString withoutInstance(const QString &seriesId)
{
    const qsizetype brace = seriesId.indexOf(u'{');
    return brace < 0 ? seriesId : seriesId.left(brace);
}
} // namespace

QString PanelGrouping::familyOf(const QString &seriesId)
{
    // The metric part is after the last '/', its family the first word of it.
    const QString metric = withoutInstance(seriesId).section(u'/', -1);
    static const QRegularExpression separators(u"[._:\\-\\s]"_s);
    const QString word = metric.section(separators, 0, 0).toLower();
    for (const Family &f : families()) {
        if (f.aliases.contains(word))
            return f.key;
    }
    return word.isEmpty() ? metric : word;
}

PanelGroup PanelGrouping::groupFor(const SeriesInfo &info)
{
    const QString family = familyOf(info.id);
    QString host = info.labels.value(u"host"_s);
    const QString bare = withoutInstance(info.id);
    if (host.isEmpty() && bare.contains(u'/'))
        host = bare.section(u'/', 0, -2);
    PanelGroup group;
    group.key = (host.isEmpty() ? family : host + u'/' + family) + u'|' + info.unit;
    int order = 100;
    for (const Family &f : families()) {
        if (f.key == family)
            order = f.order;
    }
    group.order = order;
    QString title = familyTitle(family);
    // The value axis names the unit; a family shown both in its unit and in percent (memory,
    // file systems) tells the two panels apart in the title.
    if (info.unit == "%"_L1 && family != "cpu"_L1)
        title = tr("%1 %", "panel title: a family in percent, e.g. Memory %").arg(title);
    group.title = host.isEmpty() ? title : tr("%1 · %2", "panel title: family · host").arg(title, host);
    return group;
}

} // namespace wr
