#include "scenarios.h"

#include "accessurl.h"
#include "benchclient.h"
#include "latencyhistogram.h"
#include "procstats.h"

#include <QUrl>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <string>

using namespace Qt::StringLiterals;

namespace wrbench {

namespace {

constexpr int64_t kSecond = 1'000'000'000;
// A client whose socket holds this much unsent data skips its next sends (counted as skipped).
constexpr size_t kMaxPendingOut = 4u << 20;
// Busy share of one core from which a side is reported as saturated. Below 100 % because a
// backlogged server on a shared machine rarely gets every tick of its core.
constexpr double kSaturatedPercent = 80;

int64_t seconds(double s)
{
    return int64_t(s * double(kSecond));
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// One machine-readable line per scenario; the report subcommand turns them into tables.
class ResultLine
{
public:
    explicit ResultLine(const char *scenario, const BenchContext &context)
    {
        m_line = "RESULT scenario="_ba + scenario + " server=" + context.serverName;
    }
    ResultLine &add(const char *key, const QByteArray &value)
    {
        QByteArray clean = value;
        clean.replace(' ', '_');
        m_line += ' ' + QByteArray(key) + '=' + (clean.isEmpty() ? "-"_ba : clean);
        return *this;
    }
    ResultLine &add(const char *key, double value, int decimals = 1)
    {
        return add(key, QByteArray::number(value, 'f', decimals));
    }
    ResultLine &add(const char *key, uint64_t value) { return add(key, QByteArray::number(value)); }
    void print() const
    {
        std::printf("%s\n", m_line.constData());
        std::fflush(stdout);
    }

private:
    QByteArray m_line;
};

QByteArray saturation(const BenchContext &context, double serverCpu, double generatorCpu)
{
    const bool server = serverCpu >= kSaturatedPercent;
    const bool generator = generatorCpu >= kSaturatedPercent;
    if (server && generator)
        return "both";
    if (server)
        return context.serverName;
    if (generator)
        return "generator";
    return "neither";
}

// CPU used on the machine by anything but the server and the generator (other tenants, builds,
// steal): a run with much of it is not a clean measurement.
double otherCpu(double system, double server, double generator)
{
    if (system < 0)
        return -1;
    return std::max(0.0, system - std::max(0.0, server) - std::max(0.0, generator));
}

void logLine(const BenchContext &context, const QByteArray &text)
{
    std::fprintf(stderr, "[loadgen %s] %s\n", context.serverName.constData(), text.constData());
    std::fflush(stderr);
}

__attribute__((format(printf, 2, 3))) void logFormat(const BenchContext &context,
                                                     const char *format, ...)
{
    char text[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(text, sizeof text, format, args);
    va_end(args);
    logLine(context, QByteArray(text));
}

// ~120-byte JSON cursor (data-space position plus the send timestamp) inside a sendToGroup
// request without ackId: fire-and-forget, as the desktop client sends cursors.
size_t cursorFrame(char *buffer, size_t capacity, uint32_t user, uint64_t seq, int64_t sentNs,
                   const std::string &pad)
{
    const long long x = 1732380000000LL + (long long)(seq * 33);
    const double y = 0.5 + 0.45 * std::sin(double(seq) * 0.05 + user);
    const int n = std::snprintf(
        buffer, capacity,
        "{\"type\":\"sendToGroup\",\"group\":\"g\",\"dataType\":\"json\",\"data\":"
        "{\"kind\":\"cursor\",\"user\":\"u%05u\",\"panel\":\"host-01/cpu.load\",\"x\":%lld,"
        "\"y\":%.4f,\"seq\":%llu%s%s%s,\"sentNs\":%lld}}",
        user, x, y, (unsigned long long)seq, pad.empty() ? "" : ",\"pad\":\"", pad.c_str(),
        pad.empty() ? "" : "\"", (long long)sentNs);
    return n > 0 ? std::min(size_t(n), capacity - 1) : 0;
}

std::unique_ptr<BenchLoop> connectClients(const BenchContext &context, size_t count,
                                          int64_t timeoutNs, size_t *ready, double *connectSeconds)
{
    BenchLoop::Options options;
    options.host = context.host;
    options.port = context.port;
    auto loop = std::make_unique<BenchLoop>(options, makeTargets(context, count));
    const int64_t start = nowNs();
    *ready = loop->connectAll(context.connectConcurrency, timeoutNs);
    if (connectSeconds)
        *connectSeconds = double(nowNs() - start) / double(kSecond);
    if (*ready < count) {
        logLine(context,
                "only " + QByteArray::number(qulonglong(*ready)) + " of "
                    + QByteArray::number(qulonglong(count))
                    + " clients connected and joined; last error: " + loop->lastError());
    }
    return loop;
}

// One measured open-loop run: evenly phased senders, a warm-up, a measurement window, a drain.
struct OpenLoopRun
{
    uint64_t sends = 0; // sends whose timestamp fell in the window
    uint64_t skipped = 0; // due in the window but not sendable (session closed, or 4 MiB
                          // unsent because the server stopped reading)
    uint64_t expected = 0; // deliveries those sends should produce
    uint64_t delivered = 0; // deliveries of those sends seen by the end of the drain
    uint64_t arrivedInWindow = 0;
    int64_t maxSendLagNs = 0;
    LatencyHistogram latency;
    ProcSample serverStart, serverEnd, generatorStart, generatorEnd, systemStart, systemEnd;
    int64_t serverRssPeakKiB = 0;
    double windowSeconds = 0;
    std::vector<std::pair<double, int64_t>> rssSeries; // (seconds since window start, KiB)
};

struct OpenLoopPlan
{
    std::vector<Conn *> senders;
    size_t recipients = 0;
    int excludedRecipient = -1;
    double rateHz = 30;
    double warmupSeconds = 1;
    double windowSeconds = 4;
    double drainSeconds = 3;
    std::string pad;
    double rssSeriesStep = 0; // seconds; 0 = no series
};

void runOpenLoop(const BenchContext &context, BenchLoop &loop, const OpenLoopPlan &plan,
                 OpenLoopRun &run)
{
    const size_t senderCount = plan.senders.size();
    const double step = double(kSecond) / (plan.rateHz * double(senderCount));
    const int64_t t0 = nowNs() + 20'000'000;
    const int64_t windowStart = t0 + seconds(plan.warmupSeconds);
    const int64_t windowEnd = windowStart + seconds(plan.windowSeconds);
    run.windowSeconds = plan.windowSeconds;

    loop.setMessageHandler(
        [&run, &context, windowStart, windowEnd,
         excluded = plan.excludedRecipient](Conn &conn, uint64_t, int64_t sentNs, int64_t arrival) {
            if (arrival >= windowStart && arrival < windowEnd)
                ++run.arrivedInWindow;
            if (sentNs <= 0 || int(conn.index) == excluded)
                return;
            const int64_t sentAt = sentNs + context.epochNs;
            if (sentAt >= windowStart && sentAt < windowEnd) {
                ++run.delivered;
                run.latency.add(arrival - sentAt);
            }
        });

    std::vector<char> buffer(256 + plan.pad.size());
    std::vector<uint64_t> seqs(senderCount, 0);
    uint64_t k = 0;
    bool started = false;
    int64_t nextSample = t0;
    int64_t nextSeries = windowStart;
    for (;;) {
        int64_t now = nowNs();
        int64_t due = t0 + int64_t(double(k) * step);
        while (due <= now && due < windowEnd) {
            const size_t i = size_t(k % senderCount);
            Conn &conn = *plan.senders[i];
            const bool inWindow = now >= windowStart && now < windowEnd;
            if (conn.state != Conn::State::Open || conn.pendingOut() > kMaxPendingOut) {
                // Offered all the same: its deliveries count as lost.
                if (inWindow) {
                    ++run.skipped;
                    run.expected += plan.recipients;
                }
            } else {
                const size_t n = cursorFrame(buffer.data(), buffer.size(), conn.index, ++seqs[i],
                                             now - context.epochNs, plan.pad);
                loop.queueText(conn, buffer.data(), n);
                loop.flush(conn);
                if (inWindow) {
                    ++run.sends;
                    run.expected += plan.recipients;
                    run.maxSendLagNs = std::max(run.maxSendLagNs, now - due);
                }
            }
            ++k;
            due = t0 + int64_t(double(k) * step);
            now = nowNs();
        }
        if (!started && now >= windowStart) {
            started = true;
            run.serverStart = sampleProcess(context.serverPid);
            run.generatorStart = sampleSelf();
            run.systemStart = sampleSystem();
        }
        if (now >= nextSample) {
            const ProcSample s = sampleProcess(context.serverPid);
            run.serverRssPeakKiB = std::max(run.serverRssPeakKiB, s.rssKiB);
            nextSample = now + 250'000'000;
            if (plan.rssSeriesStep > 0 && now >= nextSeries && now <= windowEnd + kSecond / 10) {
                run.rssSeries.emplace_back(double(now - windowStart) / double(kSecond), s.rssKiB);
                nextSeries += seconds(plan.rssSeriesStep);
            }
        }
        if (due >= windowEnd && now >= windowEnd)
            break;
        const int64_t wake = std::min({ due, nextSample, windowEnd });
        loop.poll(std::max<int64_t>(0, wake - nowNs()));
    }
    run.serverEnd = sampleProcess(context.serverPid);
    run.generatorEnd = sampleSelf();
    run.systemEnd = sampleSystem();
    if (!started) {
        run.serverStart = run.serverEnd;
        run.generatorStart = run.generatorEnd;
        run.systemStart = run.systemEnd;
    }
    if (plan.rssSeriesStep > 0)
        run.rssSeries.emplace_back(double(run.serverEnd.wallNs - windowStart) / double(kSecond),
                                   run.serverEnd.rssKiB);

    const int64_t drainUntil = nowNs() + seconds(plan.drainSeconds);
    while (run.delivered < run.expected && nowNs() < drainUntil)
        loop.poll(10'000'000);
    loop.setMessageHandler({});
}

// The last reason the server gave for closing a session, as one token for the result line.
QByteArray closeReason(BenchLoop &loop)
{
    QByteArray reason = loop.serverCloseReason();
    if (reason.isEmpty())
        reason = loop.lastError();
    reason = reason.left(120);
    for (char &c : reason) {
        if (c == ' ' || c == '=' || c < 0x20)
            c = '_';
    }
    return reason;
}

uint64_t totalGaps(BenchLoop &loop, int excluded = -1)
{
    uint64_t gaps = 0;
    for (const Conn &c : loop.conns()) {
        if (int(c.index) != excluded)
            gaps += c.seqGaps;
    }
    return gaps;
}

} // namespace

std::vector<QByteArray> makeTargets(const BenchContext &context, size_t count)
{
    std::vector<QByteArray> targets;
    targets.reserve(count);
    wr::ClientAccessOptions options;
    options.roles = QStringList { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    options.lifetimeSeconds = 3 * 3600;
    for (size_t i = 0; i < count; ++i) {
        options.userId = u"u%1"_s.arg(i, 5, 10, QLatin1Char('0'));
        const wr::ClientAccess access
            = wr::clientAccessFor(context.connectionString, context.hub, options);
        targets.push_back(access.url.path(QUrl::FullyEncoded).toUtf8() + '?'
                          + access.url.query(QUrl::FullyEncoded).toUtf8());
    }
    return targets;
}

int runCursors(const BenchContext &context, const CursorOptions &options)
{
    size_t ready = 0;
    auto loop = connectClients(context, options.clients, 60 * kSecond, &ready, nullptr);
    ResultLine result("cursors", context);
    result.add("clients", options.clients).add("rate_hz", options.rateHz, 0);
    if (ready < options.clients) {
        result.add("error", "connect_failed:" + QByteArray::number(qulonglong(ready)) + "_ready");
        result.print();
        return 1;
    }

    OpenLoopPlan plan;
    for (Conn &c : loop->conns())
        plan.senders.push_back(&c);
    plan.recipients = options.clients;
    plan.rateHz = options.rateHz;
    plan.warmupSeconds = options.warmupSeconds;
    plan.windowSeconds = options.windowSeconds;
    plan.drainSeconds = options.drainSeconds;

    std::vector<double> offered, delivered, loss, p50, p99, serverCpu, generatorCpu, rss, other;
    uint64_t maxLatency = 0;
    int64_t maxLag = 0;
    int64_t rssPeak = 0;
    uint64_t skipped = 0;
    for (int r = 0; r < options.runs; ++r) {
        OpenLoopRun run;
        runOpenLoop(context, *loop, plan, run);
        const double w = run.windowSeconds;
        offered.push_back(double((run.sends + run.skipped) * plan.recipients) / w);
        delivered.push_back(double(run.arrivedInWindow) / w);
        loss.push_back(run.expected
                           ? 100.0 * double(run.expected - std::min(run.expected, run.delivered))
                               / double(run.expected)
                           : 100.0);
        if (run.latency.count() > 0) {
            p50.push_back(double(run.latency.quantile(0.50)) / 1000.0);
            p99.push_back(double(run.latency.quantile(0.99)) / 1000.0);
        }
        serverCpu.push_back(cpuPercent(run.serverStart, run.serverEnd));
        generatorCpu.push_back(cpuPercent(run.generatorStart, run.generatorEnd));
        other.push_back(otherCpu(cpuPercent(run.systemStart, run.systemEnd), serverCpu.back(),
                                 generatorCpu.back()));
        rss.push_back(double(run.serverEnd.rssKiB) / 1024.0);
        maxLatency = std::max(maxLatency, run.latency.max());
        maxLag = std::max(maxLag, run.maxSendLagNs);
        rssPeak = std::max(rssPeak, run.serverRssPeakKiB);
        skipped += run.skipped;
        logFormat(context,
                  "cursors N=%zu run %d: offered %.0f/s delivered %.0f/s loss %.3f%% p50 %.0f us "
                  "p99 %.0f us, server %.0f%% generator %.0f%% other %.0f%%, sessions dropped %llu",
                  options.clients, r + 1, offered.back(), delivered.back(), loss.back(),
                  double(run.latency.quantile(0.5)) / 1e3, double(run.latency.quantile(0.99)) / 1e3,
                  serverCpu.back(), generatorCpu.back(), other.back(),
                  (unsigned long long)loop->droppedByServer());
        if (!processAlive(context.serverPid) && context.serverPid > 0)
            break;
    }
    const double sCpu = median(serverCpu);
    const double gCpu = median(generatorCpu);
    result.add("runs", uint64_t(offered.size()))
        .add("window_s", options.windowSeconds, 1)
        .add("offered_per_s", median(offered), 0)
        .add("delivered_per_s", median(delivered), 0)
        .add("loss_pct", median(loss), 3)
        .add("loss_worst_pct", *std::max_element(loss.begin(), loss.end()), 3)
        .add("p50_us", p50.empty() ? QByteArray() : QByteArray::number(median(p50), 'f', 0))
        .add("p99_us", p99.empty() ? QByteArray() : QByteArray::number(median(p99), 'f', 0))
        .add("max_us",
             maxLatency ? QByteArray::number(double(maxLatency) / 1e3, 'f', 0) : QByteArray())
        .add("server_cpu_pct", sCpu, 0)
        .add("gen_cpu_pct", gCpu, 0)
        .add("other_cpu_pct", median(other), 0)
        .add("server_rss_mib", median(rss), 1)
        .add("server_rss_peak_mib", double(rssPeak) / 1024.0, 1)
        .add("saturated", saturation(context, sCpu, gCpu))
        .add("dropped", loop->droppedByServer())
        .add("gaps", totalGaps(*loop))
        .add("skipped", skipped)
        .add("send_lag_max_us", double(maxLag) / 1000.0, 0)
        .add("alive",
             QByteArray(context.serverPid <= 0 || processAlive(context.serverPid) ? "yes" : "no"));
    if (loop->droppedByServer() > 0)
        result.add("close_reason", closeReason(*loop));
    result.print();
    return 0;
}

int runBurst(const BenchContext &context, const BurstOptions &options)
{
    size_t ready = 0;
    auto loop = connectClients(context, options.clients, 30 * kSecond, &ready, nullptr);
    ResultLine result("burst", context);
    result.add("clients", options.clients).add("messages", options.messages);
    if (ready < options.clients) {
        result.add("error", "connect_failed:" + QByteArray::number(qulonglong(ready)) + "_ready");
        result.print();
        return 1;
    }

    uint64_t delivered = 0;
    loop->setMessageHandler([&delivered](Conn &, uint64_t, int64_t, int64_t) { ++delivered; });
    const uint64_t perRound = uint64_t(options.clients * options.clients * options.messages);
    char buffer[512];
    uint64_t seq = 0;
    QByteArray error;
    auto round = [&]() -> bool {
        const uint64_t target = delivered + perRound;
        for (Conn &conn : loop->conns()) {
            for (size_t m = 0; m < options.messages; ++m) {
                const size_t n = cursorFrame(buffer, sizeof buffer, conn.index, ++seq,
                                             nowNs() - context.epochNs, {});
                loop->queueText(conn, buffer, n);
            }
            loop->flush(conn);
        }
        const int64_t deadline = nowNs() + 10 * kSecond;
        while (delivered < target) {
            if (nowNs() > deadline || loop->droppedByServer() > 0) {
                // Let the other sessions' fate become visible before reporting.
                loop->runUntil(nowNs() + kSecond);
                error = "round_incomplete:" + QByteArray::number(qulonglong(target - delivered))
                    + "_missing,dropped=" + QByteArray::number(loop->droppedByServer());
                return false;
            }
            loop->poll(10'000'000);
        }
        return true;
    };

    const int64_t warmupEnd = nowNs() + seconds(options.warmupSeconds);
    while (error.isEmpty() && nowNs() < warmupEnd)
        round();

    std::vector<double> rates, serverCpu, generatorCpu, other;
    uint64_t rounds = 0;
    for (int b = 0; b < options.batches && error.isEmpty(); ++b) {
        const ProcSample s0 = sampleProcess(context.serverPid);
        const ProcSample g0 = sampleSelf();
        const ProcSample m0 = sampleSystem();
        const int64_t start = nowNs();
        const int64_t end = start + seconds(options.batchSeconds);
        uint64_t batchRounds = 0;
        while (nowNs() < end && round())
            ++batchRounds;
        if (!error.isEmpty())
            break;
        const int64_t elapsed = nowNs() - start;
        rates.push_back(double(batchRounds * perRound) * double(kSecond) / double(elapsed));
        serverCpu.push_back(cpuPercent(s0, sampleProcess(context.serverPid)));
        generatorCpu.push_back(cpuPercent(g0, sampleSelf()));
        other.push_back(
            otherCpu(cpuPercent(m0, sampleSystem()), serverCpu.back(), generatorCpu.back()));
        rounds += batchRounds;
        logFormat(context, "burst batch %d: %.0f deliveries/s, server %.0f%% generator %.0f%%",
                  b + 1, rates.back(), serverCpu.back(), generatorCpu.back());
    }
    if (rates.empty()) {
        result.add("error", error).add("dropped", loop->droppedByServer());
        if (loop->droppedByServer() > 0)
            result.add("close_reason", closeReason(*loop));
        result.print();
        return 0;
    }
    const double sCpu = median(serverCpu);
    const double gCpu = median(generatorCpu);
    result.add("batches", uint64_t(rates.size()))
        .add("rounds", rounds)
        .add("delivered_per_s", median(rates), 0)
        .add("min_per_s", *std::min_element(rates.begin(), rates.end()), 0)
        .add("max_per_s", *std::max_element(rates.begin(), rates.end()), 0)
        .add("server_cpu_pct", sCpu, 0)
        .add("gen_cpu_pct", gCpu, 0)
        .add("other_cpu_pct", median(other), 0)
        .add("per_server_cpu_s", sCpu > 0 ? median(rates) * 100.0 / sCpu : 0.0, 0)
        .add("saturated", saturation(context, sCpu, gCpu))
        .add("dropped", loop->droppedByServer())
        .add("gaps", totalGaps(*loop));
    if (!error.isEmpty())
        result.add("error", error);
    if (loop->droppedByServer() > 0)
        result.add("close_reason", closeReason(*loop));
    result.print();
    // A round the server did not complete is a measured outcome, reported in the line above.
    return 0;
}

int runIdle(const BenchContext &context, const IdleOptions &options)
{
    const ProcSample before = sampleProcess(context.serverPid);
    size_t ready = 0;
    double connectSeconds = 0;
    auto loop = connectClients(context, options.clients, 180 * kSecond, &ready, &connectSeconds);
    loop->runUntil(nowNs() + seconds(options.settleSeconds));
    const ProcSample after = sampleProcess(context.serverPid);
    const size_t stillOpen = loop->openCount();
    loop->closeAll();
    loop.reset();
    // Give the server a moment to tear the sessions down before the last sample.
    const int64_t until = nowNs() + seconds(1.5);
    while (nowNs() < until)
        ::usleep(50'000);
    const ProcSample closed = sampleProcess(context.serverPid);

    ResultLine result("idle", context);
    result.add("clients", options.clients)
        .add("ready", ready)
        .add("open_after_settle", stillOpen)
        .add("connect_per_s", connectSeconds > 0 ? double(ready) / connectSeconds : 0.0, 0)
        .add("rss_before_mib", double(before.rssKiB) / 1024.0, 1)
        .add("rss_after_mib", double(after.rssKiB) / 1024.0, 1)
        .add("rss_closed_mib", double(closed.rssKiB) / 1024.0, 1)
        .add("kib_per_conn", ready ? double(after.rssKiB - before.rssKiB) / double(ready) : 0.0, 2);
    if (ready < options.clients)
        result.add("error", "connect_failed");
    result.print();
    return ready == options.clients ? 0 : 1;
}

int runStuck(const BenchContext &context, const StuckOptions &options)
{
    const size_t total = options.senders + 1;
    size_t ready = 0;
    auto loop = connectClients(context, total, 60 * kSecond, &ready, nullptr);
    ResultLine result("stuck", context);
    result.add("senders", options.senders).add("rate_hz", options.rateHz, 0);
    if (ready < total) {
        result.add("error", "connect_failed");
        result.print();
        return 1;
    }
    Conn &stuck = loop->conns().back();
    const int stuckIndex = int(stuck.index);

    OpenLoopPlan plan;
    for (size_t i = 0; i < options.senders; ++i)
        plan.senders.push_back(&loop->conns()[i]);
    plan.recipients = options.senders; // every sender also receives its own message
    plan.excludedRecipient = stuckIndex;
    plan.rateHz = options.rateHz;
    plan.warmupSeconds = 0;
    plan.windowSeconds = options.seconds;
    plan.drainSeconds = 3;
    plan.pad.assign(options.padBytes, 'x');
    plan.rssSeriesStep = 0.5;

    const uint64_t stuckBefore = stuck.messages;
    loop->setReading(stuck, false);
    OpenLoopRun run;
    runOpenLoop(context, *loop, plan, run);

    // Let the stuck client read again: does it still have a session, and what did it get?
    const bool closedWhileStuck = stuck.state == Conn::State::Closed;
    loop->setReading(stuck, true);
    const int64_t until = nowNs() + 3 * kSecond;
    while (nowNs() < until && stuck.state != Conn::State::Closed)
        loop->poll(20'000'000);
    const bool stuckClosed = stuck.state == Conn::State::Closed;

    QByteArray series;
    int64_t rssMax = 0;
    for (const auto &[t, kib] : run.rssSeries) {
        if (!series.isEmpty())
            series += ',';
        series += QByteArray::number(t, 'f', 1) + ':'
            + QByteArray::number(double(kib) / 1024.0, 'f', 1);
        rssMax = std::max(rssMax, kib);
    }
    auto rssAt = [&run](double t) {
        int64_t kib = 0;
        for (const auto &[at, value] : run.rssSeries) {
            if (at <= t + 1e-9)
                kib = value;
        }
        return double(kib) / 1024.0;
    };
    const double rssStart
        = run.rssSeries.empty() ? 0 : double(run.rssSeries.front().second) / 1024.0;
    const double rssMid = rssAt(options.seconds / 2);
    const double rssEnd = run.rssSeries.empty() ? 0 : double(run.rssSeries.back().second) / 1024.0;
    const double perRecipientBytes = double(120 + options.padBytes + 120);
    const double stuckOffered = double(run.sends) / options.seconds;
    const uint64_t othersDropped
        = loop->droppedByServer() - (stuckClosed && !stuck.closedByUs ? 1 : 0);

    result.add("seconds", options.seconds, 1)
        .add("pad_bytes", options.padBytes)
        .add("stuck_offered_mib_per_s", stuckOffered * perRecipientBytes / (1024.0 * 1024.0), 2)
        .add("rss_start_mib", rssStart, 1)
        .add("rss_mid_mib", rssMid, 1)
        .add("rss_end_mib", rssEnd, 1)
        .add("rss_max_mib", double(rssMax) / 1024.0, 1)
        .add("growth_second_half_mib", rssEnd - rssMid, 1)
        .add("rss_series", series)
        .add("stuck_closed", QByteArray(stuckClosed ? "yes" : "no"))
        .add("stuck_closed_while_stuck", QByteArray(closedWhileStuck ? "yes" : "no"))
        .add("stuck_close_code", uint64_t(stuck.closeCode))
        .add("stuck_messages", stuck.messages - stuckBefore)
        .add("others_p99_us", double(run.latency.quantile(0.99)) / 1000.0, 0)
        .add("others_loss_pct",
             run.expected ? 100.0 * double(run.expected - std::min(run.expected, run.delivered))
                     / double(run.expected)
                          : 100.0,
             3)
        .add("others_dropped", othersDropped)
        .add("server_cpu_pct", cpuPercent(run.serverStart, run.serverEnd), 0)
        .add("gen_cpu_pct", cpuPercent(run.generatorStart, run.generatorEnd), 0)
        .add("other_cpu_pct",
             otherCpu(cpuPercent(run.systemStart, run.systemEnd),
                      cpuPercent(run.serverStart, run.serverEnd),
                      cpuPercent(run.generatorStart, run.generatorEnd)),
             0)
        .add("gaps", totalGaps(*loop, stuckIndex));
    result.print();
    return 0;
}

} // namespace wrbench
