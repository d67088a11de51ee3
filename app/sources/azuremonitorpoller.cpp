#include "azuremonitorpoller.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace wr::sources {

QString AzureMonitorQuery::validate() const
{
    if (!resourceId.startsWith(u'/'))
        return u"Azure Monitor resource id must start with '/subscriptions/…'"_s;
    if (metricNames.isEmpty())
        return u"Azure Monitor query needs at least one metric name"_s;
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return u"Azure Monitor base URL '%1' is invalid"_s.arg(baseUrl.toDisplayString());
    if (pollIntervalMs < 1000 || lookbackSeconds < 60)
        return u"Azure Monitor poll interval must be ≥ 1 s and lookback ≥ 60 s"_s;
    if (tokenVariable.isEmpty())
        return u"Azure Monitor needs the name of the environment variable holding the token"_s;
    return {};
}

QUrl AzureMonitorQuery::requestUrl(const QDateTime &now) const
{
    QUrl url = baseUrl;
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + resourceId + u"/providers/Microsoft.Insights/metrics"_s);
    const QDateTime end = now.toUTC();
    const QDateTime start = end.addSecs(-lookbackSeconds);
    QUrlQuery q;
    q.addQueryItem(u"api-version"_s, apiVersion);
    q.addQueryItem(u"metricnames"_s, metricNames.join(u','));
    q.addQueryItem(u"timespan"_s,
                   start.toString(Qt::ISODate) + u'/' + end.toString(Qt::ISODate));
    q.addQueryItem(u"interval"_s, interval);
    if (!aggregations.isEmpty())
        q.addQueryItem(u"aggregation"_s, aggregations.join(u','));
    if (!metricNamespace.isEmpty())
        q.addQueryItem(u"metricnamespace"_s, metricNamespace);
    if (!filter.isEmpty())
        q.addQueryItem(u"$filter"_s, filter);
    url.setQuery(q);
    return url;
}

AzureMonitorPoller::AzureMonitorPoller(const AzureMonitorQuery &query,
                                       QNetworkAccessManager *network, QObject *parent)
    : MetricSource(u"azure-monitor:"_s + query.resourceId.section(u'/', -1), parent),
      m_query(query),
      m_network(network ? network : new QNetworkAccessManager(this))
{
    m_timer.setInterval(std::max(1000, m_query.pollIntervalMs));
    connect(&m_timer, &QTimer::timeout, this, &AzureMonitorPoller::pollNow);
}

AzureMonitorPoller::~AzureMonitorPoller()
{
    if (m_inFlight)
        m_inFlight->abort();
}

void AzureMonitorPoller::start()
{
    const QString problem = m_query.validate();
    if (!problem.isEmpty()) {
        reportError(problem);
        setStatus(SourceStatus::Unreachable, problem);
        return;
    }
    if (m_timer.isActive())
        return;
    m_meta.clear();
    m_lastSent.clear();
    m_timer.start();
    pollNow();
}

void AzureMonitorPoller::stop()
{
    m_timer.stop();
    if (m_inFlight)
        m_inFlight->abort();
    setStatus(SourceStatus::Stopped);
}

void AzureMonitorPoller::fail(const QString &message)
{
    reportError(message);
    setStatus(SourceStatus::Unreachable, message);
}

bool AzureMonitorPoller::pollNow()
{
    if (m_inFlight)
        return false;
    const QString problem = m_query.validate();
    if (!problem.isEmpty()) {
        fail(problem);
        return false;
    }
    const QByteArray token = qgetenv(m_query.tokenVariable.toLocal8Bit().constData()).trimmed();
    if (token.isEmpty()) {
        fail(u"environment variable %1 (the Azure bearer token) is not set"_s.arg(
                m_query.tokenVariable));
        return false;
    }
    QNetworkRequest request(m_query.requestUrl(QDateTime::currentDateTimeUtc()));
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_query.timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    m_inFlight = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finished(reply); });
    return true;
}

session::DecodeResult AzureMonitorPoller::decodeResponse(const QByteArray &body)
{
    session::DecodeResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        result.error = parseError.error != QJsonParseError::NoError
                ? u"invalid JSON at offset %1: %2"_s.arg(QString::number(parseError.offset),
                                                         parseError.errorString())
                : u"the response is not a JSON object"_s;
        return result;
    }
    // The shape PROTOCOL.md accepts wherever frames are; sessionmessages owns the decoding.
    return session::decode(QJsonValue(QJsonObject {
            { u"type"_s, u"metrics"_s }, { u"v"_s, session::kVersion }, { u"data"_s, doc.object() } }));
}

void AzureMonitorPoller::finished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_inFlight == reply)
        m_inFlight.clear();
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) {
        if (!m_timer.isActive() && reply->error() == QNetworkReply::OperationCanceledError)
            return;
        // Azure explains itself in {"error":{"code","message"}}.
        const QJsonObject error = QJsonDocument::fromJson(body).object().value("error"_L1).toObject();
        QString detail = error.value("message"_L1).toString().left(300);
        if (detail.isEmpty())
            detail = reply->errorString();
        if (httpStatus == 401 || httpStatus == 403)
            detail = u"the token was rejected (%1)"_s.arg(detail);
        fail(httpStatus ? u"Azure Monitor: HTTP %1: %2"_s.arg(QString::number(httpStatus), detail)
                        : u"Azure Monitor: %1"_s.arg(detail));
        return;
    }
    session::DecodeResult decoded = decodeResponse(body);
    if (!decoded.ok()) {
        fail(u"Azure Monitor: unusable response: %1"_s.arg(decoded.error));
        return;
    }
    auto &frame = std::get<session::MetricsFrame>(*decoded.message);
    QList<session::MetricSeries> out;
    qsizetype newPoints = 0;
    for (session::MetricSeries &series : frame.series) {
        const qint64 last = m_lastSent.value(series.id, std::numeric_limits<qint64>::min());
        QList<QPair<qint64, double>> fresh;
        for (const auto &point : std::as_const(series.points)) {
            if (point.first > last)
                fresh.append(point);
        }
        if (fresh.isEmpty())
            continue;
        m_lastSent.insert(series.id, fresh.constLast().first);
        newPoints += fresh.size();
        session::MetricSeries s;
        s.id = series.id;
        m_meta.annotate(s, { series.name.value_or(QString()), series.unit.value_or(QString()),
                             series.labels.value_or(QMap<QString, QString>()) });
        s.points = std::move(fresh);
        out.append(std::move(s));
    }
    setStatus(SourceStatus::Ok);
    publish(std::move(out));
    emit polled(frame.series.size(), newPoints);
}

} // namespace wr::sources
