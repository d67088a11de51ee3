// Client benchmarks (label: bench; docs/benchmarks.md, "Client ingest and cursor latency").
//
//   bench_client ingest     WebSocket → parse → MetricStore through HubClient + Session, fed by
//                           a sender through the relay: points/s and CPU of the receiving thread
//   bench_client cursor     cursor publish → peer's cursorMoved through the relay at idle, next
//                           to a raw loopback WebSocket round trip in the same run
//   BENCH_QUICK=1           shorter runs
//
// The relay runs on its own thread (an in-process wr::Relay), the sender on another; the
// receiving client is the main thread, whose CPU time is read with CLOCK_THREAD_CPUTIME_ID
// (Linux). Prints medians of several windows or runs, and exits 0 whether or not a target is
// met: the machine may be noisy.

#include "accessurl.h"
#include "connectionstring.h"
#include "hubclient.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"
#include "webpubsub.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QSemaphore>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <QWebSocketServer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <limits>
#include <memory>
#include <pthread.h>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kHub = u"watchroom"_s;
const QString kBoard = u"bench"_s;
const QString kKey = u"bench-client-key-0123456789abcdef"_s;
const bool kQuick = qEnvironmentVariableIsSet("BENCH_QUICK");

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

template<typename T> T median(std::vector<T> values)
{
    if (values.empty())
        return T {};
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t i = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[i];
}

// Runs something with an event loop on a thread of its own; `setup` runs there first.
class LoopThread : public QThread
{
public:
    explicit LoopThread(std::function<void()> setup, std::function<void()> teardown = {})
        : m_setup(std::move(setup))
        , m_teardown(std::move(teardown))
    { }
    void startAndWait()
    {
        start();
        m_ready.acquire();
    }
    void stopAndWait()
    {
        quit();
        wait();
    }
    // CPU seconds this thread has used so far (Linux: its CPU-time clock).
    double cpuSeconds() const
    {
        clockid_t id {};
        if (pthread_getcpuclockid(m_handle, &id) != 0)
            return 0;
        timespec ts {};
        clock_gettime(id, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    }

protected:
    void run() override
    {
        m_handle = pthread_self();
        m_setup();
        m_ready.release();
        exec();
        if (m_teardown)
            m_teardown();
    }

private:
    std::function<void()> m_setup;
    std::function<void()> m_teardown;
    QSemaphore m_ready;
    pthread_t m_handle {};
};

// The relay on its own thread.
class RelayThread
{
public:
    RelayThread()
        : m_thread(
            [this] {
                wr::RelayConfig config;
                config.listenAddress = QHostAddress::LocalHost;
                config.port = 0;
                config.accessKeys = { kKey };
                config.dataDir.clear();
                m_relay = std::make_unique<wr::Relay>(config);
                QString error;
                if (!m_relay->start(&error))
                    qFatal("relay: %s", qPrintable(error));
                m_connectionString = m_relay->connectionString();
            },
            [this] { m_relay.reset(); })
    {
        m_thread.startAndWait();
    }
    ~RelayThread() { m_thread.stopAndWait(); }
    double cpuSeconds() const { return m_thread.cpuSeconds(); }

    // Relay counters, read on the relay's thread.
    wr::RelayMetrics metrics()
    {
        wr::RelayMetrics out;
        QMetaObject::invokeMethod(
            m_relay.get(), [&] { out = m_relay->metrics(); }, Qt::BlockingQueuedConnection);
        return out;
    }

    QUrl clientUrl(const QString &user) const
    {
        const auto cs = wr::ConnectionString::parse(m_connectionString);
        wr::ClientAccessOptions options;
        options.userId = user;
        options.roles = { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
        return wr::clientAccessFor(*cs, kHub, options).url;
    }

private:
    std::unique_ptr<wr::Relay> m_relay;
    QString m_connectionString;
    LoopThread m_thread;
};

// Runs the event loop for `ms`, or until `until` holds (checked every millisecond).
void spin(qint64 ms, const std::function<bool()> &until = {})
{
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(int(ms));
    QTimer poll;
    if (until) {
        if (until())
            return;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (until())
                loop.quit();
        });
        poll.start(1);
    }
    loop.exec();
}

// A HubClient + Session + binding on the calling thread.
struct Member
{
    // HubClient acks sequence ids once a second (and on a jump > 300), like the JS SDK; at
    // ~1,000 frames/s that overflows the relay's reliable buffer (1,000 messages / 16 MB) and
    // the session is dropped with 1008, so the ingest receiver acks every 100 ms.
    static wr::HubClientOptions hubOptions()
    {
        wr::HubClientOptions o;
        o.sequenceAckInterval = 100ms;
        return o;
    }

    explicit Member(const QString &user)
        : client(hubOptions())
        , session([&] {
            wr::SessionOptions o;
            o.board = kBoard;
            o.name = user;
            o.mode = wr::SessionMode::Relay; // no snapshot answers in the way
            return o;
        }())
        , binding(&session, &client)
    { }
    bool connectTo(const QUrl &url)
    {
        wr::NegotiateRequest request;
        request.input = url.toString(QUrl::FullyEncoded);
        binding.start(request);
        spin(10000, [this] { return session.isUp(); });
        spin(300); // let the joins complete
        return session.isUp();
    }

    wr::HubClient client;
    wr::Session session;
    wr::SessionBinding binding;
};

// ---- ingest ---------------------------------------------------------------------------------

// Pre-encoded sendToGroup frames of `seriesPerFrame` × `pointsPerSeries` points with
// increasing timestamps (so every point is an in-order append, as live data is).
QList<QByteArray> metricFrames(int frames, int seriesPerFrame, int pointsPerSeries)
{
    QList<QByteArray> out;
    out.reserve(frames);
    qint64 t = 1'795'400'000'000;
    for (int f = 0; f < frames; ++f) {
        QByteArray data = R"({"type":"metrics","v":1,"source":"bench","series":[)";
        for (int s = 0; s < seriesPerFrame; ++s) {
            if (s)
                data += ',';
            data += R"({"id":"host-)" + QByteArray::number(s) + R"(/cpu.usage","points":[)";
            for (int p = 0; p < pointsPerSeries; ++p) {
                if (p)
                    data += ',';
                data += '[' + QByteArray::number(t + p) + ','
                    + QByteArray::number(double((f * 7 + p * 13 + s) % 1000) / 10.0) + ']';
            }
            data += "]}";
        }
        data += "]}";
        t += pointsPerSeries;
        out.append(R"({"type":"sendToGroup","group":")" + kBoard.toUtf8()
                   + R"(.metrics","dataType":"json","data":)" + data + '}');
    }
    return out;
}

struct IngestResult
{
    double offeredPointsPerSecond = 0; // 0: unpaced
    double pointsPerSecond = 0;
    double cpuPercent = 0; // of one core, receiving thread
    double microsPerPoint = 0; // receiving thread CPU per point
    double relayCpuPercent = 0;
    double senderCpuPercent = 0;
};

// The sender: a raw QWebSocket (json.webpubsub.azure.v1) on its own thread, sending the frames
// in a loop at `framesPerSecond` (0: as fast as acks come back). Every frame carries an ackId
// and at most kWindow are unacknowledged: the relay never drops acked traffic for a slow
// reader, so what the receiver gets is what was sent, paced by the slowest stage.
class Sender
{
public:
    static constexpr qint64 kWindow = 16;

    Sender(const QUrl &url, const QList<QByteArray> &frames, double framesPerSecond)
        : m_thread(
            [this, url, frames, framesPerSecond] {
                m_socket = new QWebSocket();
                QWebSocketHandshakeOptions options;
                options.setSubprotocols({ QString(wr::wps::kJsonProtocol) });
                m_timer = new QTimer();
                m_timer->setTimerType(Qt::PreciseTimer);
                auto elapsed = std::make_shared<QElapsedTimer>();
                const auto pump = [this, frames, framesPerSecond, elapsed] {
                    if (!elapsed->isValid())
                        elapsed->start();
                    const qint64 due = framesPerSecond > 0
                        ? qint64(double(elapsed->nsecsElapsed()) / 1e9 * framesPerSecond)
                        : std::numeric_limits<qint64>::max();
                    while (m_sent < due && m_sent - m_acked < kWindow) {
                        const QByteArray &frame = frames.at(qsizetype(m_sent % frames.size()));
                        // {"type":"sendToGroup","ackId":N,…
                        m_socket->sendTextMessage(QString::fromLatin1(
                            frame.left(22) + "\"ackId\":" + QByteArray::number(m_sent + 1) + ','
                            + frame.mid(22)));
                        ++m_sent;
                    }
                };
                QObject::connect(m_timer, &QTimer::timeout, m_socket, pump);
                QObject::connect(m_socket, &QWebSocket::textMessageReceived, m_socket,
                                 [this, pump](const QString &message) {
                                     if (message.contains("\"ack\""_L1)) {
                                         ++m_acked;
                                         pump();
                                     }
                                 });
                QObject::connect(m_socket, &QWebSocket::connected, m_timer,
                                 [this] { m_timer->start(1); });
                m_socket->open(QNetworkRequest(url), options);
            },
            [this] {
                delete m_timer;
                m_socket->abort();
                delete m_socket;
            })
    {
        m_thread.startAndWait();
    }
    ~Sender() { m_thread.stopAndWait(); }
    double cpuSeconds() const { return m_thread.cpuSeconds(); }

private:
    QWebSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    qint64 m_sent = 0;
    qint64 m_acked = 0;
    LoopThread m_thread;
};

IngestResult runIngest(RelayThread &relay, double pointsPerSecond, int windows)
{
    constexpr int kSeries = 10;
    const int kPoints = qEnvironmentVariableIntValue("BENCH_POINTS") > 0
        ? qEnvironmentVariableIntValue("BENCH_POINTS")
        : 100; // 1,000 points per frame, ~21 KB
    const QList<QByteArray> frames = metricFrames(kQuick ? 500 : 3000, kSeries, kPoints);

    Member receiver(u"receiver"_s);
    if (!receiver.connectTo(relay.clientUrl(u"receiver"_s)))
        qFatal("receiver could not connect");
    QObject::connect(&receiver.client, &wr::HubClient::errorOccurred, &receiver.client,
                     [](const QString &message) {
                         std::fprintf(stderr, "receiver error: %s\n", qPrintable(message));
                     });

    Sender sender(relay.clientUrl(u"sender"_s), frames,
                  pointsPerSecond > 0 ? pointsPerSecond / (kSeries * kPoints) : 0);
    spin(1000); // warm-up

    std::vector<double> rates;
    std::vector<double> cpus;
    std::vector<double> relayCpus;
    std::vector<double> senderCpus;
    for (int w = 0; w < windows; ++w) {
        const quint64 points0 = receiver.session.stats().metricPoints;
        const double cpu0 = threadCpuSeconds();
        const double relay0 = relay.cpuSeconds();
        const double sender0 = sender.cpuSeconds();
        QElapsedTimer wall;
        wall.start();
        spin(1000);
        const double seconds = double(wall.nsecsElapsed()) / 1e9;
        const double points = double(receiver.session.stats().metricPoints - points0);
        rates.push_back(points / seconds);
        cpus.push_back((threadCpuSeconds() - cpu0) / seconds * 100.0);
        relayCpus.push_back((relay.cpuSeconds() - relay0) / seconds * 100.0);
        senderCpus.push_back((sender.cpuSeconds() - sender0) / seconds * 100.0);
    }
    const wr::RelayMetrics rm = relay.metrics();
    std::fprintf(stderr, "relay: received %llu, delivered %llu, dropped for slow readers %llu\n",
                 quint64(rm.messagesReceived), quint64(rm.messagesDelivered),
                 quint64(rm.droppedSlowConsumer));
    IngestResult r;
    r.offeredPointsPerSecond = pointsPerSecond;
    r.pointsPerSecond = median(rates);
    r.cpuPercent = median(cpus);
    r.relayCpuPercent = median(relayCpus);
    r.senderCpuPercent = median(senderCpus);
    r.microsPerPoint = r.pointsPerSecond > 0 ? r.cpuPercent / 100.0 / r.pointsPerSecond * 1e6 : 0;
    const wr::SessionStats st = receiver.session.stats();
    const wr::HubStats hs = receiver.client.stats();
    std::fprintf(stderr,
                 "receiver: messages in %llu, malformed %llu, points %llu, recoveries %llu, "
                 "reconnects %llu, duplicates %llu, state %d, error %s\n",
                 quint64(hs.messagesIn), quint64(st.malformed), quint64(st.metricPoints),
                 quint64(hs.recoveries), quint64(hs.reconnects), quint64(hs.duplicatesDropped),
                 int(receiver.client.state()), qPrintable(receiver.client.lastError()));
    receiver.binding.stop();
    return r;
}

// The receiving pipeline without a network: frame text → QJsonDocument (as HubClient parses a
// frame) → Session → MetricStore, on this thread. The floor for the networked figures.
double pipelineNsPerPoint()
{
    const QList<QByteArray> frames = metricFrames(kQuick ? 200 : 1000, 10, 100);
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
        wr::SessionOptions o;
        o.board = kBoard;
        wr::Session session(o);
        session.transportUp(u"receiver"_s);
        const QString group = kBoard + u".metrics"_s;
        const double cpu0 = threadCpuSeconds();
        for (const QByteArray &text : frames) {
            const QJsonObject frame = QJsonDocument::fromJson(text).object();
            session.receiveGroupMessage(group, u"sender"_s, frame.value("data"_L1));
        }
        const double cpu = threadCpuSeconds() - cpu0;
        runs.push_back(cpu / double(session.stats().metricPoints) * 1e9);
    }
    return median(runs);
}

int ingest()
{
    std::printf("in-process pipeline (parse + decode + store, no network): %.0f ns/point\n\n",
                pipelineNsPerPoint());
    RelayThread relay;
    const int windows = kQuick ? 3 : 7;
    std::printf("## Client ingest (HubClient → Session → MetricStore)\n\n");
    std::printf("frames of 10 series x 100 points; relay and sender on their own threads; "
                "median of %d one-second windows after 1 s warm-up\n\n",
                windows);
    std::printf("| offered points/s | received points/s | receiver CPU %% of one core | "
                "receiver CPU ns/point | relay thread CPU %% | sender thread CPU %% |\n"
                "|---:|---:|---:|---:|---:|---:|\n");
    for (double offered : { 1'000'000.0, 0.0 }) {
        const IngestResult r = runIngest(relay, offered, windows);
        std::printf("| %s | %.0f | %.1f | %.0f | %.0f | %.0f |\n",
                    offered > 0 ? qPrintable(QString::number(offered, 'f', 0)) : "unpaced",
                    r.pointsPerSecond, r.cpuPercent, r.microsPerPoint * 1000, r.relayCpuPercent,
                    r.senderCpuPercent);
        std::fflush(stdout);
    }
    return 0;
}

// ---- cursor latency ---------------------------------------------------------------------

// Raw baseline: a QWebSocket echo server on its own thread, round trip from the main thread.
std::vector<double> rawRoundTrips(int samples, int spacingMs)
{
    QWebSocketServer *server = nullptr;
    quint16 port = 0;
    LoopThread thread(
        [&] {
            server = new QWebSocketServer(u"echo"_s, QWebSocketServer::NonSecureMode);
            server->listen(QHostAddress::LocalHost, 0);
            port = server->serverPort();
            QObject::connect(server, &QWebSocketServer::newConnection, server, [server] {
                QWebSocket *s = server->nextPendingConnection();
                QObject::connect(s, &QWebSocket::textMessageReceived, s,
                                 [s](const QString &m) { s->sendTextMessage(m); });
            });
        },
        [&] { delete server; });
    thread.startAndWait();

    QWebSocket client;
    bool open = false;
    QObject::connect(&client, &QWebSocket::connected, &client, [&] { open = true; });
    client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
    spin(5000, [&] { return open; });
    std::vector<double> out;
    QElapsedTimer clock;
    clock.start();
    qint64 sentAt = 0;
    bool got = false;
    QObject::connect(&client, &QWebSocket::textMessageReceived, &client, [&](const QString &) {
        out.push_back(double(clock.nsecsElapsed() - sentAt) / 1000.0);
        got = true;
    });
    const QString message
        = uR"({"type":"cursor","v":1,"panel":"host-alpha/cpu.usage","t":1795400000500,"y":12.7})"_s;
    for (int i = 0; i < samples; ++i) {
        got = false;
        sentAt = clock.nsecsElapsed();
        client.sendTextMessage(message);
        spin(1000, [&] { return got; });
        spin(spacingMs);
    }
    client.abort();
    thread.stopAndWait();
    return out;
}

std::vector<double> cursorLatencies(RelayThread &relay, int samples, int spacingMs)
{
    Member alice(u"alice"_s);
    Member bob(u"bob"_s);
    if (!alice.connectTo(relay.clientUrl(u"alice"_s)) || !bob.connectTo(relay.clientUrl(u"bob"_s)))
        qFatal("members could not connect");
    spin(300);
    QElapsedTimer clock;
    clock.start();
    qint64 sentAt = 0;
    bool got = false;
    std::vector<double> out;
    QObject::connect(bob.session.presence(), &wr::PresenceModel::cursorMoved, &bob.session,
                     [&](const QString &user) {
                         if (user != "alice"_L1 || got)
                             return;
                         out.push_back(double(clock.nsecsElapsed() - sentAt) / 1000.0);
                         got = true;
                     });
    for (int i = 0; i < samples; ++i) {
        got = false;
        sentAt = clock.nsecsElapsed();
        alice.session.moveCursor(u"host-alpha/cpu.usage"_s, 1'795'400'000'000 + i, i * 0.1);
        spin(1000, [&] { return got; });
        spin(spacingMs); // > the 34 ms throttle: every move goes out at once
    }
    alice.binding.stop();
    bob.binding.stop();
    return out;
}

int cursor()
{
    RelayThread relay;
    const int runs = kQuick ? 1 : 3;
    const int samples = kQuick ? 60 : 250;
    constexpr int kSpacingMs = 40;
    std::printf("## Cursor latency at idle (µs)\n\n");
    std::printf("%d runs x %d samples, one every %d ms; relay on its own thread; medians of the "
                "runs' percentiles\n\n",
                runs, samples, kSpacingMs);
    std::vector<double> rawP50, rawP99, curP50, curP99, curMax;
    for (int r = 0; r < runs; ++r) {
        const auto raw = rawRoundTrips(samples, kSpacingMs);
        const auto cur = cursorLatencies(relay, samples, kSpacingMs);
        rawP50.push_back(percentile(raw, 0.5));
        rawP99.push_back(percentile(raw, 0.99));
        curP50.push_back(percentile(cur, 0.5));
        curP99.push_back(percentile(cur, 0.99));
        curMax.push_back(percentile(cur, 1.0));
        std::fprintf(stderr, "run %d: raw p50 %.0f p99 %.0f; cursor p50 %.0f p99 %.0f (n=%zu)\n",
                     r + 1, rawP50.back(), rawP99.back(), curP50.back(), curP99.back(), cur.size());
    }
    std::printf("| path | p50 µs | p99 µs | max µs |\n|---|---:|---:|---:|\n");
    std::printf("| raw loopback WebSocket round trip (echo) | %.0f | %.0f | |\n", median(rawP50),
                median(rawP99));
    std::printf("| cursor: moveCursor → relay → peer's cursorMoved | %.0f | %.0f | %.0f |\n",
                median(curP50), median(curP99), median(curMax));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (mode == "ingest"_L1)
        return ingest();
    if (mode == "cursor"_L1)
        return cursor();
    std::fprintf(stderr, "usage: bench_client ingest|cursor\n");
    return 2;
}
