#include "azuremonitorpoller.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr::sources;
using wr::session::MetricSeries;
using wr::session::MetricsFrame;

namespace wr::sources {
char *toString(SourceStatus status)
{
    return qstrdup(qPrintable(statusName(status)));
}
} // namespace wr::sources

namespace {

const QString kResource
        = u"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/watchroom-demo"
          "/providers/Microsoft.Compute/virtualMachines/host-alpha"_s;
const char kTokenVariable[] = "WATCHROOM_TEST_AZURE_TOKEN";

const MetricSeries *find(const QList<MetricSeries> &series, const QString &id)
{
    for (const MetricSeries &s : series) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestAzureMonitorPoller : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void requestUrl();
    void pollsRecordedResponse();
    void missingTokenIsReported();
    void rejectedTokenIsReported();
    void garbageResponseIsReported();

private:
    AzureMonitorQuery query() const;

    QHttpServer m_http;
    quint16 m_port = 0;
    QHttpServerResponse::StatusCode m_status = QHttpServerResponse::StatusCode::Ok;
    QByteArray m_body;
    QByteArray m_recorded;
    QByteArray m_authorization;
    QUrlQuery m_query;
    int m_requests = 0;
};

AzureMonitorQuery TestAzureMonitorPoller::query() const
{
    AzureMonitorQuery q;
    q.resourceId = kResource;
    q.metricNames = { u"Percentage CPU"_s, u"Network In Total"_s };
    q.aggregations = { u"Average"_s, u"Maximum"_s };
    q.tokenVariable = QString::fromLatin1(kTokenVariable);
    q.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
    q.pollIntervalMs = 60'000;
    return q;
}

void TestAzureMonitorPoller::initTestCase()
{
    QFile recorded(QFINDTESTDATA("../data/azure-monitor/rest-vm-cpu.json"));
    QVERIFY(recorded.open(QIODevice::ReadOnly));
    m_recorded = recorded.readAll();
    m_http.route(kResource + u"/providers/Microsoft.Insights/metrics"_s,
                 [this](const QHttpServerRequest &request) {
                     ++m_requests;
                     m_query = request.query();
                     m_authorization.clear();
                     for (const auto &[name, value] : request.headers()) {
                         if (name.compare("authorization", Qt::CaseInsensitive) == 0)
                             m_authorization = value;
                     }
                     return QHttpServerResponse("application/json"_ba, m_body, m_status);
                 });
    m_port = m_http.listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_port != 0);
}

void TestAzureMonitorPoller::init()
{
    m_status = QHttpServerResponse::StatusCode::Ok;
    m_body = m_recorded;
    m_requests = 0;
    qputenv(kTokenVariable, "test-token-not-a-secret");
}

void TestAzureMonitorPoller::requestUrl()
{
    AzureMonitorQuery q = query();
    q.baseUrl = QUrl(u"https://management.azure.com/"_s);
    q.filter = u"BlobType eq '*'"_s;
    const QUrl url = q.requestUrl(QDateTime(QDate(2024, 5, 2), QTime(10, 15), Qt::UTC));
    QCOMPARE(url.host(), u"management.azure.com"_s);
    QCOMPARE(url.path(), kResource + u"/providers/Microsoft.Insights/metrics"_s);
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"api-version"_s), u"2018-01-01"_s);
    QCOMPARE(query.queryItemValue(u"metricnames"_s, QUrl::FullyDecoded),
             u"Percentage CPU,Network In Total"_s);
    QCOMPARE(query.queryItemValue(u"timespan"_s, QUrl::FullyDecoded),
             u"2024-05-02T10:00:00Z/2024-05-02T10:15:00Z"_s);
    QCOMPARE(query.queryItemValue(u"interval"_s), u"PT1M"_s);
    QCOMPARE(query.queryItemValue(u"aggregation"_s, QUrl::FullyDecoded), u"Average,Maximum"_s);
    QCOMPARE(query.queryItemValue(u"$filter"_s, QUrl::FullyDecoded), u"BlobType eq '*'"_s);

    q.resourceId = u"subscriptions/x"_s;
    QVERIFY(q.validate().contains(u"resource id"_s));
}

void TestAzureMonitorPoller::pollsRecordedResponse()
{
    AzureMonitorPoller poller(query());
    QCOMPARE(poller.sourceName(), u"azure-monitor:host-alpha"_s);
    QSignalSpy frames(&poller, &MetricSource::frame);
    QSignalSpy polled(&poller, &AzureMonitorPoller::polled);
    poller.start();
    QVERIFY(polled.wait(10000));
    QCOMPARE(m_authorization, "Bearer test-token-not-a-secret"_ba);
    QCOMPARE(m_query.queryItemValue(u"api-version"_s), u"2018-01-01"_s);
    QCOMPARE(poller.status(), SourceStatus::Ok);
    QCOMPARE(frames.size(), 1);
    const MetricsFrame frame = frames.first().first().value<MetricsFrame>();
    QCOMPARE(frame.source, u"azure-monitor:host-alpha"_s);
    const MetricSeries *average = find(frame.series, u"azure/Percentage CPU/average"_s);
    QVERIFY(average);
    QCOMPARE(average->unit, u"Percent"_s);
    QCOMPARE(average->points.size(), 3);
    QCOMPARE(average->points.at(2).second, 71.75);
    QCOMPARE(average->points.at(0).first, QDateTime(QDate(2024, 5, 2), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    // A missing aggregation is a gap, not zero.
    const MetricSeries *maximum = find(frame.series, u"azure/Percentage CPU/maximum"_s);
    QVERIFY(maximum);
    QVERIFY(std::isnan(maximum->points.at(2).second));
    QCOMPARE(polled.first().at(1).value<qsizetype>(), 9);

    // The next poll returns the same window: nothing is published twice.
    QVERIFY(poller.pollNow());
    QVERIFY(polled.wait(10000));
    QCOMPARE(m_requests, 2);
    QCOMPARE(polled.at(1).at(1).value<qsizetype>(), 0);
    QCOMPARE(frames.size(), 1);
}

void TestAzureMonitorPoller::missingTokenIsReported()
{
    qunsetenv(kTokenVariable);
    AzureMonitorPoller poller(query());
    QSignalSpy errors(&poller, &MetricSource::errorOccurred);
    poller.start();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(poller.status(), SourceStatus::Unreachable);
    QVERIFY2(poller.statusMessage().contains(QLatin1StringView(kTokenVariable)),
             qPrintable(poller.statusMessage()));
    QCOMPARE(m_requests, 0);
    QVERIFY(poller.isRunning()); // retries at its interval; the variable may appear later
}

void TestAzureMonitorPoller::rejectedTokenIsReported()
{
    m_status = QHttpServerResponse::StatusCode::Unauthorized;
    m_body = R"({"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}})";
    AzureMonitorPoller poller(query());
    QSignalSpy errors(&poller, &MetricSource::errorOccurred);
    poller.start();
    QVERIFY(errors.wait(10000));
    QCOMPARE(poller.status(), SourceStatus::Unreachable);
    QVERIFY2(poller.statusMessage().contains(u"HTTP 401"_s)
                     && poller.statusMessage().contains(u"The access token is invalid."_s),
             qPrintable(poller.statusMessage()));
    QVERIFY(!poller.statusMessage().contains(u"test-token"_s)); // never leaks the token
}

void TestAzureMonitorPoller::garbageResponseIsReported()
{
    for (const QByteArray &body : { "not json"_ba, "[]"_ba, R"({"value":[{"name":7}]})"_ba }) {
        m_body = body;
        AzureMonitorPoller poller(query());
        QSignalSpy errors(&poller, &MetricSource::errorOccurred);
        QSignalSpy frames(&poller, &MetricSource::frame);
        poller.start();
        QVERIFY(errors.wait(10000));
        QCOMPARE(poller.status(), SourceStatus::Unreachable);
        QVERIFY2(poller.statusMessage().contains(u"unusable response"_s),
                 qPrintable(poller.statusMessage()));
        QCOMPARE(frames.size(), 0);
    }
}

QTEST_GUILESS_MAIN(TestAzureMonitorPoller)
#include "tst_azuremonitorpoller.moc"
