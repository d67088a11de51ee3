#pragma once

#include "metricsource.h"
#include "seriesmeta.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace wr::sources {

struct AzureMonitorQuery
{
    QString resourceId; // "/subscriptions/…/resourceGroups/…/providers/…/<resource>"
    QStringList metricNames; // e.g. "Percentage CPU"
    QStringList aggregations; // e.g. "Average", "Maximum"; empty: the metric's default
    QString interval = QStringLiteral("PT1M"); // ISO-8601 duration, the data's grain
    int lookbackSeconds = 15 * 60; // the timespan asked for on each poll
    QString metricNamespace; // optional
    QString filter; // optional $filter, e.g. "BlobType eq '*'"
    int pollIntervalMs = 60'000;
    int timeoutMs = 30'000;
    // The bearer token is read from this environment variable at every poll (so an external
    // refresher can rotate it); it is never logged.
    QString tokenVariable = QStringLiteral("WATCHROOM_AZURE_TOKEN");
    QUrl baseUrl = QUrl(QStringLiteral("https://management.azure.com")); // tests: loopback
    QString apiVersion = QStringLiteral("2018-01-01");

    QString validate() const;
    // The Metrics - List request for the timespan ending at `now`.
    QUrl requestUrl(const QDateTime &now) const;
};

// Polls the Azure Monitor metrics REST API and publishes what it returns as metrics frames
// (the PROTOCOL.md Azure shape, decoded by sessionmessages: missing aggregations are gaps).
// Each poll asks for the whole lookback window; points already published are not repeated.
class AzureMonitorPoller : public MetricSource
{
    Q_OBJECT
public:
    explicit AzureMonitorPoller(const AzureMonitorQuery &query,
                                QNetworkAccessManager *network = nullptr,
                                QObject *parent = nullptr);
    ~AzureMonitorPoller() override;

    const AzureMonitorQuery &query() const { return m_query; }

    void start() override;
    void stop() override;
    bool isRunning() const override { return m_timer.isActive(); }

    bool pollNow();

    // Turns a Metrics - List response body into series (all of them, metadata included).
    static session::DecodeResult decodeResponse(const QByteArray &body);

signals:
    void polled(qsizetype series, qsizetype newPoints);

private:
    void finished(QNetworkReply *reply);
    void fail(const QString &message);

    AzureMonitorQuery m_query;
    QNetworkAccessManager *m_network = nullptr;
    QTimer m_timer;
    SeriesMeta m_meta;
    QHash<QString, qint64> m_lastSent; // newest published point time per series id
    QPointer<QNetworkReply> m_inFlight;
};

} // namespace wr::sources
