#include "scraper.h"

#include "sourceslogging.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace wr::sources {

namespace {

QString defaultName(const ScrapeTarget &target)
{
    if (!target.name.isEmpty())
        return target.name;
    const int port = target.url.port(target.url.scheme() == "https"_L1 ? 443 : 80);
    return target.url.host() + u':' + QString::number(port);
}

int effectiveTimeout(const ScrapeTarget &target)
{
    if (target.timeoutMs > 0)
        return target.timeoutMs;
    return std::clamp(target.intervalMs * 4 / 5, 100, 10'000);
}

} // namespace

QString ScrapeTarget::validate() const
{
    if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        || url.host().isEmpty())
        return u"scrape target URL '%1' must be an absolute http(s) URL"_s.arg(
                url.toDisplayString());
    if (intervalMs < 100)
        return u"scrape interval must be at least 100 ms (got %1)"_s.arg(intervalMs);
    if (timeoutMs < 0 || staleAfterMs < 0)
        return u"scrape timeout and stale limit must not be negative"_s;
    for (const QString &pattern : allowPatterns) {
        const QRegularExpression re(pattern);
        if (!re.isValid())
            return u"allowlist pattern '%1' is invalid: %2"_s.arg(pattern, re.errorString());
    }
    for (double q : quantiles) {
        if (!(q >= 0 && q <= 1))
            return u"quantile %1 is not within [0, 1]"_s.arg(q);
    }
    return {};
}

Scraper::Scraper(const ScrapeTarget &target, QNetworkAccessManager *network, QObject *parent)
    : MetricSource(u"scrape:"_s + defaultName(target), parent),
      m_target(target),
      m_network(network ? network : new QNetworkAccessManager(this)),
      m_converter([&] {
          PromConvertOptions options;
          options.idPrefix = defaultName(target);
          options.extraLabels = target.extraLabels;
          options.distributions = target.distributions;
          options.quantiles = target.quantiles;
          return options;
      }())
{
    m_target.name = defaultName(target);
    if (m_target.staleAfterMs == 0)
        m_target.staleAfterMs = 3 * m_target.intervalMs;
    for (const QString &name : std::as_const(m_target.allowNames))
        m_allowNames.insert(name.toUtf8());
    for (const QString &pattern : std::as_const(m_target.allowPatterns))
        m_allowPatterns.append(QRegularExpression(QRegularExpression::anchoredPattern(pattern)));
    m_timer.setInterval(std::max(100, m_target.intervalMs));
    connect(&m_timer, &QTimer::timeout, this, &Scraper::scrapeNow);
}

Scraper::~Scraper()
{
    if (m_inFlight)
        m_inFlight->abort();
}

void Scraper::start()
{
    const QString problem = m_target.validate();
    if (!problem.isEmpty()) {
        m_configError = true;
        reportError(problem);
        setStatus(SourceStatus::Unreachable, problem);
        return;
    }
    m_configError = false;
    if (m_timer.isActive())
        return;
    m_converter.reset();
    m_sinceSuccess.start(); // staleness counts from the start
    m_timer.start();
    scrapeNow();
}

void Scraper::stop()
{
    m_timer.stop();
    if (m_inFlight)
        m_inFlight->abort();
    setStatus(SourceStatus::Stopped);
}

bool Scraper::accepts(QByteArrayView family) const
{
    if (m_allowNames.isEmpty() && m_allowPatterns.isEmpty())
        return true;
    const QByteArray name = QByteArray::fromRawData(family.data(), family.size());
    if (m_allowNames.contains(name) || m_allowNames.contains(name + "_total"))
        return true;
    if (family.endsWith("_total")
        && m_allowNames.contains(QByteArray::fromRawData(family.data(), family.size() - 6)))
        return true;
    if (m_allowPatterns.isEmpty())
        return false;
    const QString text = QString::fromUtf8(family);
    for (const QRegularExpression &re : m_allowPatterns) {
        if (re.match(text).hasMatch())
            return true;
    }
    return false;
}

bool Scraper::scrapeNow()
{
    if (m_configError || m_inFlight)
        return false;
    QNetworkRequest request(m_target.url);
    // No Accept-Encoding here: QNetworkAccessManager then asks for gzip and inflates itself.
    request.setRawHeader("Accept",
                         "application/openmetrics-text;version=1.0.0;q=0.75,"
                         "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    request.setRawHeader("User-Agent", "watchroom/" WATCHROOM_VERSION);
    const int timeout = effectiveTimeout(m_target);
    request.setRawHeader("X-Prometheus-Scrape-Timeout-Seconds",
                         QByteArray::number(double(timeout) / 1000.0, 'f', 3));
    request.setTransferTimeout(timeout);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    m_inFlight = reply;
    ++m_scrapes;
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        if (received > m_target.maxBodyBytes) {
            reply->setProperty("wr_tooLarge", true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finished(reply); });
    return true;
}

void Scraper::fail(const QString &message)
{
    ++m_failures;
    reportError(message);
    const bool stale = m_sinceSuccess.isValid() && m_sinceSuccess.elapsed() >= m_target.staleAfterMs;
    setStatus(stale ? SourceStatus::Stale : SourceStatus::Unreachable, message);
}

void Scraper::finished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_inFlight == reply)
        m_inFlight.clear();
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->property("wr_tooLarge").toBool()) {
        fail(u"%1: response larger than %2 bytes"_s.arg(m_target.url.toDisplayString(),
                                                        QString::number(m_target.maxBodyBytes)));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        if (!m_timer.isActive() && reply->error() == QNetworkReply::OperationCanceledError)
            return; // stopped
        const QString what = reply->error() == QNetworkReply::OperationCanceledError
                ? u"timed out after %1 ms"_s.arg(effectiveTimeout(m_target))
                : reply->errorString();
        fail(httpStatus ? u"%1: HTTP %2: %3"_s.arg(m_target.url.toDisplayString(),
                                                    QString::number(httpStatus), what)
                        : u"%1: %2"_s.arg(m_target.url.toDisplayString(), what));
        return;
    }
    const QByteArray body = reply->readAll();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    PromParseOptions options;
    options.format = expositionFormatForContentType(
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
    options.accept = [this](QByteArrayView family) { return accepts(family); };
    const PromParseResult page = parsePrometheus(body, options);
    publish(m_converter.convert(page, now));
    m_sinceSuccess.start();

    if (page.errorCount == 0) {
        setStatus(SourceStatus::Ok);
    } else {
        const PromParseError &first = page.errors.constFirst();
        const QString message = u"%1 error(s) in the page; first: %2%3"_s.arg(
                QString::number(page.errorCount),
                first.line > 0 ? u"line %1: "_s.arg(first.line) : QString(), first.message);
        reportError(message);
        setStatus(SourceStatus::Degraded, message);
    }
    emit scraped(page.samples.size(), page.errorCount);
}

} // namespace wr::sources
