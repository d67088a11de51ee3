#include "metricsource.h"

#include "redact.h"
#include "sourceslogging.h"

using namespace Qt::StringLiterals;

namespace wr::sources {

QString statusName(SourceStatus status)
{
    switch (status) {
    case SourceStatus::Stopped:
        return u"stopped"_s;
    case SourceStatus::Ok:
        return u"ok"_s;
    case SourceStatus::Degraded:
        return u"degraded"_s;
    case SourceStatus::Stale:
        return u"stale"_s;
    case SourceStatus::Unreachable:
        return u"unreachable"_s;
    }
    return u"unknown"_s;
}

MetricSource::MetricSource(const QString &sourceName, QObject *parent)
    : QObject(parent), m_sourceName(sourceName)
{
}

void MetricSource::setStatus(SourceStatus status, const QString &message)
{
    if (status == m_status && message == m_statusMessage)
        return;
    m_status = status;
    m_statusMessage = message;
    qCDebug(lcSources) << m_sourceName << "status" << statusName(status) << redactSecrets(message);
    emit statusChanged(status, message);
}

void MetricSource::reportError(const QString &message)
{
    qCDebug(lcSources) << m_sourceName << redactSecrets(message);
    emit errorOccurred(message);
}

namespace {

// A generous estimate of a series' compact JSON size, so frames can be split without encoding.
qsizetype estimatedBytes(const session::MetricSeries &s)
{
    qsizetype bytes = 32 + s.id.size() * 2 + s.points.size() * 40;
    if (s.name)
        bytes += 12 + s.name->size() * 2;
    if (s.unit)
        bytes += 12 + s.unit->size() * 2;
    if (s.labels) {
        for (auto it = s.labels->constBegin(); it != s.labels->constEnd(); ++it)
            bytes += 8 + (it.key().size() + it.value().size()) * 2;
    }
    return bytes;
}

} // namespace

void MetricSource::publish(QList<session::MetricSeries> series)
{
    session::MetricsFrame part;
    part.source = m_sourceName;
    qsizetype bytes = 0;
    for (session::MetricSeries &s : series) {
        if (s.points.isEmpty() && !s.name && !s.unit && !s.labels)
            continue;
        const qsizetype size = estimatedBytes(s);
        if (!part.series.isEmpty() && bytes + size > kFrameBudgetBytes) {
            emit frame(part);
            part.series.clear();
            bytes = 0;
        }
        bytes += size;
        part.series.append(std::move(s));
    }
    if (!part.series.isEmpty())
        emit frame(part);
}

} // namespace wr::sources
