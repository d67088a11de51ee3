#pragma once

#include "sessionmessages.h"

#include <QObject>
#include <QString>

namespace wr::sources {

// Health of a source, as the relay shows it (status endpoint, logs). Never fatal: a source in
// Unreachable or Stale keeps trying at its interval.
enum class SourceStatus {
    Stopped, // not started, or stopped
    Ok, // the last sample/scrape/poll succeeded
    Degraded, // data arrived, but with problems (parse errors, some values missing)
    Stale, // no successful sample for longer than the stale limit
    Unreachable, // the last attempt failed (connection, timeout, HTTP error, unreadable probe)
};

QString statusName(SourceStatus status);

// Base of every metric source (host sampler, scraper, Azure Monitor poller). Sources publish
// `metrics` frames through frame(); the owner (the relay) sends them to "<board>.metrics".
class MetricSource : public QObject
{
    Q_OBJECT
public:
    // Frames are split so that each stays well inside the transport's frame limit.
    static constexpr qsizetype kFrameBudgetBytes = session::kMaxMetricsFrameBytes / 2;

    explicit MetricSource(const QString &sourceName, QObject *parent = nullptr);

    QString sourceName() const { return m_sourceName; }
    SourceStatus status() const { return m_status; }
    QString statusMessage() const { return m_statusMessage; }

    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;

signals:
    void frame(const wr::session::MetricsFrame &frame);
    // Emitted when status or message changes.
    void statusChanged(wr::sources::SourceStatus status, const QString &message);
    // A non-fatal problem worth logging (a parse error, a failed request); the source goes on.
    void errorOccurred(const QString &message);

protected:
    void setStatus(SourceStatus status, const QString &message = {});
    void reportError(const QString &message);
    // Stamps the source name, drops series without points or metadata, splits large frames
    // and emits frame() for each part. Nothing is emitted for an empty frame.
    void publish(QList<session::MetricSeries> series);

private:
    QString m_sourceName;
    SourceStatus m_status = SourceStatus::Stopped;
    QString m_statusMessage;
};

} // namespace wr::sources
