// Desktop app, end to end (offscreen, docs/benchmarks.md, "Desktop app: glass to glass, ingest,
// start-up, memory"):
//
//  glass   two MainWindows, each with its own HubClient + Session + SessionBinding, joined
//          through one in-process wr::Relay (as tst_uicollaboration builds them). A QMouseEvent
//          moves the pointer over A's chart; we time until B has *painted* A's cursor:
//            received   B's PresenceModel::cursorMoved for that position (transport only);
//            painted    the first overlay paint of B's canvas after that (B shows the update:
//                       the glide towards the new position has started);
//            arrived    the first B paint with A's cursor at that data time (includes the
//                       100 ms glide, MainWindow::kCursorGlideMs, by design).
//          "after idle": one move every 200 ms (throttle and glide at rest); "continuous": a
//          move every 8 ms (125 Hz mouse), 2 px each, so the 30 Hz send throttle coalesces.
//          B's paint is observed by an event filter on B's canvas viewport that delivers the
//          paint event itself and reads the time after it (no hook in ui/ needed).
//  ingest  a child process (this executable, --feeder) runs the relay and a sender Session that
//          publishes 20 metrics frames/s of 100 series × 5 points (10,000 points/s) to
//          <board>.metrics. This process joins with a MainWindow showing every panel and
//          measures event-loop lateness with a 1 ms precise QTimer and a queued call, plus
//          its own CPU (getrusage) — first idle (no feeder data), then under ingest.
//
//   build/<release dir>/tests/bench/bench_desktop [glass|ingest]     BENCH_QUICK=1: shorter
#include "chartcanvas.h"
#include "chartpanel.h"
#include "hubclient.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMouseEvent>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <QUrlQuery>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace wr;

namespace {

const QString kBoard = u"bench"_s;
const QString kCpuPanel = u"alpha/cpu|%"_s;

struct Stats
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    int n = 0;
};

Stats summarise(std::vector<double> v)
{
    Stats s;
    s.n = int(v.size());
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    auto at = [&](double q) {
        return v[std::min(v.size() - 1, size_t(std::ceil(q * double(v.size()))) - 1)];
    };
    s.p50 = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    s.p99 = at(0.99);
    s.max = v.back();
    return s;
}

void row(const char *name, const Stats &s, const char *target)
{
    std::printf("| %s | %.2f | %.2f | %.2f | %d | %s |\n", name, s.p50, s.p99, s.max, s.n, target);
    std::fflush(stdout);
}

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

HubClientOptions fastOptions()
{
    HubClientOptions o;
    o.connectTimeout = 3s;
    o.reconnectBase = 20ms;
    o.reconnectCap = 100ms;
    return o;
}

QUrl withRole(const QUrl &negotiate, const QString &role)
{
    QUrl url = negotiate;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"role"_s);
    query.addQueryItem(u"role"_s, role);
    url.setQuery(query);
    return url;
}

session::MetricsFrame cpuFrame(qint64 now)
{
    session::MetricSeries s;
    s.id = u"alpha/cpu.usage"_s;
    s.name = u"CPU usage"_s;
    s.unit = u"%"_s;
    s.labels = QMap<QString, QString> { { u"host"_s, u"alpha"_s } };
    for (qint64 t = now - 10 * 60'000; t <= now; t += 1000)
        s.points.append({ t, 40 + 20 * std::sin(double(t) / 20'000.0) });
    session::MetricsFrame f;
    f.source = u"bench"_s;
    f.series.append(s);
    return f;
}

// One person as DesktopApp wires a joined hub; `withWindow` false: a sender only.
struct Member
{
    Member(const QString &userId, const QString &role, const QUrl &negotiate, bool withWindow,
           bool participate = true)
        : client(fastOptions())
        , session([&] {
            SessionOptions o;
            o.board = kBoard;
            o.userId = userId;
            o.name = userId;
            o.mode = SessionMode::Cloud;
            o.participate = participate;
            o.helloAnswerMaxDelay = 50ms;
            o.snapshotAnswerMaxDelay = 50ms;
            return o;
        }())
        , binding(&session, &client)
    {
        if (withWindow)
            window = std::make_unique<MainWindow>(session.metrics(), session.annotations(),
                                                  session.presence(), &session);
        NegotiateRequest request;
        request.input = withRole(negotiate, role).toString();
        request.board = kBoard;
        request.userId = userId;
        binding.start(request);
    }
    ~Member()
    {
        binding.stop();
        window.reset();
    }

    ChartCanvas *cpu() const
    {
        ChartPanel *p = window ? window->panel(kCpuPanel) : nullptr;
        return p ? p->canvas() : nullptr;
    }

    HubClient client;
    Session session;
    SessionBinding binding;
    std::unique_ptr<MainWindow> window;
};

std::unique_ptr<Relay> startRelay()
{
    RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"desktop-bench-key-0123456789abcdef"_s };
    config.dataDir.clear();
    config.hostSamplerBoards.clear();
    auto relay = std::make_unique<Relay>(config);
    QString error;
    if (!relay->start(&error)) {
        std::fprintf(stderr, "relay: %s\n", qPrintable(error));
        return {};
    }
    return relay;
}

// Runs the event loop for `ms` (QTest::qWait sleeps up to 10 ms between its event passes,
// which would add to every latency measured here).
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000)
{
    if (condition())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return condition();
}

// Delivers paint events of one widget itself and reports the time right after the paint.
class PaintProbe : public QObject
{
public:
    PaintProbe(QWidget *widget, std::function<void()> afterPaint)
        : m_widget(widget)
        , m_afterPaint(std::move(afterPaint))
    {
        widget->installEventFilter(this);
    }
    ~PaintProbe() override
    {
        if (m_widget)
            m_widget->removeEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_widget || event->type() != QEvent::Paint || m_inside)
            return false;
        m_inside = true;
        QCoreApplication::sendEvent(m_widget, event);
        m_inside = false;
        m_afterPaint();
        return true;
    }

private:
    QPointer<QWidget> m_widget;
    std::function<void()> m_afterPaint;
    bool m_inside = false;
};

// ---- glass to glass ---------------------------------------------------------------------------

struct Timeline
{
    struct Move
    {
        double ms;
        qint64 t;
    };
    struct Seen
    {
        double ms;
        qint64 t;
    };
    std::vector<Move> moves;
    std::vector<Seen> received; // B's presence: alice's cursor t
    std::vector<Seen> painted; // B's canvas after a paint: alice's drawn t (or none)
};

// For every move: received / painted / arrived latencies (ms). `continuous`: positions grow, so
// "at or past the move's time" counts; otherwise within one pixel of A's mapping.
void analyse(const Timeline &tl, qint64 tolerance, bool continuous, std::vector<double> &received,
             std::vector<double> &painted, std::vector<double> &arrived)
{
    auto reaches = [&](qint64 seen, qint64 wanted) {
        return continuous ? seen >= wanted - tolerance : std::llabs(seen - wanted) <= tolerance;
    };
    for (const Timeline::Move &m : tl.moves) {
        auto r = std::find_if(tl.received.begin(), tl.received.end(),
                              [&](const auto &s) { return s.ms >= m.ms && reaches(s.t, m.t); });
        if (r == tl.received.end())
            continue;
        received.push_back(r->ms - m.ms);
        auto p = std::find_if(tl.painted.begin(), tl.painted.end(),
                              [&](const auto &s) { return s.ms >= r->ms; });
        if (p != tl.painted.end())
            painted.push_back(p->ms - m.ms);
        auto a = std::find_if(tl.painted.begin(), tl.painted.end(),
                              [&](const auto &s) { return s.ms >= m.ms && reaches(s.t, m.t); });
        if (a != tl.painted.end())
            arrived.push_back(a->ms - m.ms);
    }
}

int runGlass(bool quick)
{
    std::unique_ptr<Relay> relay = startRelay();
    if (!relay)
        return 1;
    const QUrl negotiate = relay->negotiateUrl(kBoard);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto alice = std::make_unique<Member>(u"alice"_s, u"annotator"_s, negotiate, true);
    auto bob = std::make_unique<Member>(u"bob"_s, u"annotator"_s, negotiate, true);
    for (Member *m : { alice.get(), bob.get() }) {
        m->window->setClock([now] { return now; });
        m->session.metrics()->apply(cpuFrame(now));
        m->window->resize(1300, 820);
        m->window->show();
    }
    if (!waitFor([&] {
            return alice->session.isUp() && bob->session.isUp() && alice->cpu() && bob->cpu()
                && bob->session.presence()->rowCount() == 1;
        })) {
        std::fprintf(stderr, "glass: the two windows did not meet\n");
        return 1;
    }
    alice->window->renderFrame();
    bob->window->renderFrame();
    spin(200);

    ChartCanvas *a = alice->cpu();
    ChartCanvas *b = bob->cpu();
    const ChartMapping ma = a->mapping();
    const qint64 tolerance = std::max<qint64>(2, qint64(std::ceil(ma.msPerPixel())));
    QElapsedTimer clock;
    clock.start();
    auto nowMs = [&] { return double(clock.nsecsElapsed()) / 1e6; };

    Timeline tl;
    PresenceModel *presence = bob->session.presence();
    const QMetaObject::Connection received = QObject::connect(
        presence, &PresenceModel::cursorMoved, presence, [&](const QString &userId) {
            if (userId != u"alice"_s)
                return;
            for (int row = 0; row < presence->rowCount(); ++row) {
                const QModelIndex i = presence->index(row);
                if (i.data(PresenceModel::UserIdRole).toString() == userId
                    && i.data(PresenceModel::HasCursorRole).toBool())
                    tl.received.push_back(
                        { nowMs(), i.data(PresenceModel::CursorTRole).toLongLong() });
            }
        });
    PaintProbe probe(b->viewport(), [&] {
        for (const RemoteCursor &c : b->remoteCursors()) {
            if (c.userId == u"alice"_s) {
                tl.painted.push_back({ nowMs(), c.t });
                return;
            }
        }
    });
    auto move = [&](double x) {
        const QPointF pos(x, ma.plotArea().top() + ma.plotArea().height() * 0.4);
        tl.moves.push_back({ nowMs(), ma.timeAt(pos.x()) });
        QMouseEvent ev(QEvent::MouseMove, pos, a->viewport()->mapToGlobal(pos), Qt::NoButton,
                       Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(a->viewport(), &ev);
    };
    const QRectF plot = ma.plotArea();

    std::printf(
        "| glass to glass (ms after the mouse move in A) | p50 | p99 | max | n | target |\n");
    std::printf("|---|---|---|---|---|---|\n");

    // First move after idle: alternate between two places 30 % of the plot apart.
    const int idleSamples = quick ? 100 : 240;
    move(plot.left() + plot.width() * 0.2); // first sighting (a jump), not counted
    spin(300);
    tl = {};
    for (int i = 0; i < idleSamples; ++i) {
        move(plot.left() + plot.width() * (i % 2 ? 0.2 : 0.5) + (i % 7));
        spin(200);
    }
    {
        std::vector<double> rec, pai, arr;
        analyse(tl, tolerance, false, rec, pai, arr);
        row("after idle: received by B's session", summarise(rec), "");
        row("after idle: **painted by B** (glide started)", summarise(pai), "p50 ≤ 20, p99 ≤ 40");
        row("after idle: painted at the new position (100 ms glide)", summarise(arr), "");
    }

    // Continuous: 125 Hz mouse, 2 px a step, left to right, several sweeps.
    const int sweeps = quick ? 1 : 3;
    std::vector<double> rec, pai, arr;
    for (int s = 0; s < sweeps; ++s) {
        move(plot.left() + 2);
        spin(400);
        tl = {};
        const int steps = int(plot.width() / 2) - 4;
        int step = 0;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(8);
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
            move(plot.left() + 4 + 2 * step);
            if (++step >= steps)
                ticker.stop();
        });
        ticker.start();
        waitFor([&] { return !ticker.isActive(); }, 60000);
        spin(400);
        // The last moves may be coalesced into none that reaches them exactly: drop the tail.
        tl.moves.resize(std::max<size_t>(0, tl.moves.size() - 5));
        analyse(tl, tolerance, true, rec, pai, arr);
    }
    row("continuous 125 Hz: received by B's session", summarise(rec), "");
    row("continuous 125 Hz: **painted by B** (update of a position at or past it)", summarise(pai),
        "p50 ≤ 20, p99 ≤ 40");
    row("continuous 125 Hz: painted at or past it (100 ms glide)", summarise(arr), "");
    const SessionStats st = alice->session.stats();
    std::fprintf(stderr, "alice: cursors sent %llu, coalesced %llu\n",
                 static_cast<unsigned long long>(st.cursorsSent),
                 static_cast<unsigned long long>(st.cursorsCoalesced));
    QObject::disconnect(received);
    return 0; // the probe goes first, then the windows, then the relay
}

// ---- ingest -----------------------------------------------------------------------------------

constexpr int kHosts = 4;
constexpr int kFamilies = 5;
constexpr int kPerPanel = 5; // 4 × 5 panels × 5 series = 100 series
constexpr int kFramesPerSecond = 20;
constexpr int kPointsPerSeriesPerFrame = 5; // 100 × 5 × 20 = 10,000 points/s

int runFeeder()
{
    std::unique_ptr<Relay> relay = startRelay();
    if (!relay)
        return 1;
    const QUrl negotiate = relay->negotiateUrl(kBoard);
    std::printf("%s\n", negotiate.toString().toUtf8().constData());
    std::fflush(stdout);
    Member sender(u"feeder"_s, u"source"_s, negotiate, false, false);
    qint64 sent = 0;
    qint64 lastT = QDateTime::currentMSecsSinceEpoch();
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, &timer, [&] {
        if (!sender.session.isUp() || !qEnvironmentVariableIsEmpty("BENCH_FEEDER_IDLE"))
            return;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 step = std::max<qint64>(1, (now - lastT) / kPointsPerSeriesPerFrame);
        session::MetricsFrame f;
        f.source = u"bench-feeder"_s;
        for (int h = 0; h < kHosts; ++h) {
            for (int fam = 0; fam < kFamilies; ++fam) {
                for (int s = 0; s < kPerPanel; ++s) {
                    session::MetricSeries series;
                    const QString host = u"host%1"_s.arg(h);
                    series.id = u"%1/fam%2.s%3"_s.arg(host).arg(fam).arg(s);
                    series.name = u"fam%1 s%2"_s.arg(fam).arg(s);
                    series.unit = u"%"_s;
                    series.labels = QMap<QString, QString> { { u"host"_s, host } };
                    for (int p = 0; p < kPointsPerSeriesPerFrame; ++p) {
                        const qint64 t = lastT + (p + 1) * step;
                        series.points.append(
                            { t, 50 + 30 * std::sin(double(t) / 7000.0 + s + 3 * fam) });
                    }
                    f.series.append(series);
                }
            }
        }
        lastT += kPointsPerSeriesPerFrame * step;
        sender.session.publishMetrics(f);
        ++sent;
    });
    timer.start(1000 / kFramesPerSecond);
    return QCoreApplication::exec();
}

struct LoopStats
{
    Stats timerLate; // 1 ms precise timer: interval − 1 ms
    Stats queued; // posted call: posted → run
    double cpuPercent = 0;
};

LoopStats probeLoop(int seconds)
{
    std::vector<double> late;
    std::vector<double> queued;
    late.reserve(size_t(seconds) * 1000);
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 t = clock.nsecsElapsed();
        late.push_back(std::max(0.0, double(t - last) / 1e6 - 1.0));
        last = t;
        if (late.size() % 5 == 0) {
            const qint64 posted = t;
            QMetaObject::invokeMethod(
                &probe,
                [&queued, &clock, posted] {
                    queued.push_back(double(clock.nsecsElapsed() - posted) / 1e6);
                },
                Qt::QueuedConnection);
        }
    });
    const double cpu0 = cpuSeconds();
    const qint64 wall0 = clock.nsecsElapsed();
    probe.start(1);
    spin(seconds * 1000);
    probe.stop();
    LoopStats r;
    r.cpuPercent = 100.0 * (cpuSeconds() - cpu0) / (double(clock.nsecsElapsed() - wall0) / 1e9);
    r.timerLate = summarise(late);
    r.queued = summarise(queued);
    return r;
}

qint64 storedPoints(MetricStore *store)
{
    qint64 n = 0;
    for (const QString &id : store->seriesIds())
        n += store->size(id);
    return n;
}

int runIngest(bool quick, const QString &self)
{
    QProcess feeder;
    feeder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    feeder.start(self, { u"--feeder"_s });
    if (!feeder.waitForStarted() || !feeder.waitForReadyRead(15000)) {
        std::fprintf(stderr, "ingest: feeder did not start\n");
        return 1;
    }
    const QUrl negotiate(QString::fromUtf8(feeder.readLine().trimmed()));
    Member viewer(u"watcher"_s, u"viewer"_s, negotiate, true);
    // Tall enough for every panel (two columns, ~230 px a row), as bench_chartpanel's board.
    viewer.window->resize(1600, (kHosts * kFamilies / 2) * 230 + 120);
    viewer.window->show();
    MetricStore *store = viewer.session.metrics();
    if (!waitFor([&] { return viewer.window->panels().size() >= kHosts * kFamilies; }, 20000)) {
        std::fprintf(stderr, "ingest: %lld panels only\n",
                     qlonglong(viewer.window->panels().size()));
        return 1;
    }
    const int seconds = quick ? 8 : 30;
    spin(3000); // warm up: panels laid out, the first frames rendered
    const qint64 p0 = storedPoints(store);
    QElapsedTimer wall;
    wall.start();
    const LoopStats s = probeLoop(seconds);
    const double rate = double(storedPoints(store) - p0) / (double(wall.elapsed()) / 1000.0);
    quint64 renders = 0;
    for (ChartPanel *p : viewer.window->panels())
        renders += p->canvas()->chartRenderCount();
    std::printf("| ingest, %lld panels, %.0f points/s stored, %d s | p50 | p99 | max | n | "
                "target |\n",
                qlonglong(viewer.window->panels().size()), rate, seconds);
    std::printf("|---|---|---|---|---|---|\n");
    row("1 ms timer lateness (ms)", s.timerLate, "p99 ≤ 16");
    row("queued call latency (ms)", s.queued, "");
    std::printf("\nreceiving process CPU: %.1f %% of one core; chart renders so far: %llu\n",
                s.cpuPercent, static_cast<unsigned long long>(renders));
    std::fflush(stdout);
    feeder.terminate();
    feeder.waitForFinished(5000);
    if (feeder.state() != QProcess::NotRunning)
        feeder.kill();
    // The same probe with nothing arriving, for reference.
    const LoopStats idle = probeLoop(quick ? 3 : 10);
    std::printf("\n| idle reference (feeder stopped) | p50 | p99 | max | n | |\n");
    std::printf("|---|---|---|---|---|---|\n");
    row("1 ms timer lateness (ms)", idle.timerLate, "");
    std::printf("\nidle CPU: %.1f %% of one core\n", idle.cpuPercent);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = QCoreApplication::arguments();
    if (args.contains(u"--feeder"_s))
        return runFeeder();
    const bool quick = qEnvironmentVariableIsSet("BENCH_QUICK");
    const bool all = !args.contains(u"glass"_s) && !args.contains(u"ingest"_s);
    int rc = 0;
    if (all || args.contains(u"glass"_s))
        rc |= runGlass(quick);
    if (all || args.contains(u"ingest"_s)) {
        std::printf("\n");
        rc |= runIngest(quick, QCoreApplication::applicationFilePath());
    }
    return rc;
}
