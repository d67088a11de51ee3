#pragma once

#include "metricsource.h"
#include "promconvert.h"

#include <QElapsedTimer>
#include <QMap>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace wr::sources {

struct ScrapeTarget
{
    QString name; // series id prefix and source name; empty: "<host>:<port>" of the URL
    QUrl url; // e.g. http://127.0.0.1:9100/metrics
    int intervalMs = 1000;
    int timeoutMs = 0; // 0: 80 % of the interval, at most 10 s
    int staleAfterMs = 0; // 0: three intervals without a successful scrape
    // Allowlist of metric families; both empty: everything. A name matches a family by its
    // name, or its name without "_total"; patterns are anchored regular expressions.
    QStringList allowNames;
    QStringList allowPatterns;
    QMap<QString, QString> extraLabels; // added to every series' labels
    PromConvertOptions::Distributions distributions = PromConvertOptions::Distributions::Quantiles;
    QList<double> quantiles { 0.5, 0.9, 0.99 };
    qsizetype maxBodyBytes = 32 * 1024 * 1024;

    // The first configuration problem, or empty (an unsupported URL, a bad pattern, …).
    QString validate() const;
};

// Scrapes one Prometheus / OpenMetrics target at its interval and publishes its samples:
// counters as rates, histograms and summaries as quantiles or sums (PromConverter). gzip is
// negotiated and undone by QNetworkAccessManager. A failing target is reported through the
// status (Unreachable, then Stale) and retried at the interval; it is never fatal.
class Scraper : public MetricSource
{
    Q_OBJECT
public:
    // `network` may be shared between scrapers (not owned); nullptr: the scraper makes its own.
    explicit Scraper(const ScrapeTarget &target, QNetworkAccessManager *network = nullptr,
                     QObject *parent = nullptr);
    ~Scraper() override;

    const ScrapeTarget &target() const { return m_target; }

    void start() override;
    void stop() override;
    bool isRunning() const override { return m_timer.isActive(); }

    // Starts one scrape now unless one is in flight (returns false then).
    bool scrapeNow();

    qint64 scrapes() const { return m_scrapes; }
    qint64 failures() const { return m_failures; }
    qint64 counterResets() const { return m_converter.counterResets(); }

signals:
    // After each completed scrape that produced a page (tests, status pages).
    void scraped(qsizetype samples, qsizetype errors);

private:
    void finished(QNetworkReply *reply);
    void fail(const QString &message);
    bool accepts(QByteArrayView family) const;

    ScrapeTarget m_target;
    QNetworkAccessManager *m_network = nullptr;
    QTimer m_timer;
    PromConverter m_converter;
    QSet<QByteArray> m_allowNames;
    QList<QRegularExpression> m_allowPatterns;
    QPointer<QNetworkReply> m_inFlight;
    QElapsedTimer m_sinceSuccess;
    qint64 m_scrapes = 0;
    qint64 m_failures = 0;
    bool m_configError = false;
};

} // namespace wr::sources
