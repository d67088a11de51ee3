// Keeper benchmark (docs/benchmarks.md, section "Keeper"): acknowledged annotation ops per
// second with the durability promise (every ack after its commit: SQLite WAL +
// synchronous=FULL, PostgreSQL synchronous_commit=on with fsync), and the ack latency a submit
// sees (submit → completion), on SQLite and on a PostgreSQL server started for the run.
//
//   closed loop: N submitters, each with one op outstanding, submitting again on its ack
//   open loop:   a fixed offered rate (ops arrive on a 1 ms timer), the latency an op adds
//
// Each scenario runs BENCH_RUNS times (default 3) and the median is reported. BENCH_QUICK=1
// shortens runs; BENCH_DIR puts the SQLite file somewhere else (default: the working
// directory, so that it is on a real disk and not tmpfs).
#include "keeper.h"
#include "postgresfixture.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
namespace session = wr::session;

namespace {

struct Result
{
    double opsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double meanBatch = 0;
    quint64 failed = 0;
};

double percentile(std::vector<qint64> &ns, double p)
{
    if (ns.empty())
        return 0;
    std::sort(ns.begin(), ns.end());
    const size_t i = std::min(ns.size() - 1, size_t(p * double(ns.size())));
    return double(ns[i]) / 1e6;
}

constexpr quint64 kBoardSize = 5000;

session::AnnotationOp makeOp(quint64 n)
{
    session::AnnotationOp op;
    // A busy board of kBoardSize annotations, created and then edited: the keeper's
    // AnnotationStore keeps a sorted row list for the UI, whose inserts cost O(board size), so
    // an ever-growing board would measure that list rather than the database.
    op.annotation.id = u"bench-%1"_s.arg(n % kBoardSize);
    op.annotation.clock = { QDateTime::currentMSecsSinceEpoch(), quint32(n), u"bench"_s };
    op.annotation.t0 = 1'790'000'000'000;
    op.annotation.text = u"deploy %1 rolling out to the payments cluster"_s.arg(n);
    op.annotation.tags = { u"deploy"_s };
    op.annotation.color = u"#f5a524"_s;
    return op;
}

// `submitters` > 0: closed loop; `offeredPerSecond` > 0: open loop.
Result runScenario(wr::Keeper &keeper, int submitters, int offeredPerSecond, int durationMs)
{
    static quint64 serial = 0;
    const QString board = u"bench"_s;
    std::vector<qint64> latencies;
    latencies.reserve(1'000'000);
    QElapsedTimer clock;
    clock.start();
    quint64 acked = 0;
    quint64 failed = 0;
    bool measuring = true;
    int outstanding = 0;
    const auto txBefore = keeper.stats().transactions;

    std::function<void()> submitOne = [&] {
        const qint64 start = clock.nsecsElapsed();
        ++outstanding;
        keeper.submit(board, makeOp(++serial), u"bench"_s, [&, start](const wr::KeeperResult &r) {
            --outstanding;
            if (!measuring)
                return;
            latencies.push_back(clock.nsecsElapsed() - start);
            r.ok ? ++acked : ++failed;
            if (submitters > 0)
                submitOne();
        });
    };

    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    double due = 0;
    if (submitters > 0) {
        for (int i = 0; i < submitters; ++i)
            submitOne();
    } else {
        QObject::connect(&pacer, &QTimer::timeout, &pacer, [&] {
            const double target = double(clock.nsecsElapsed()) / 1e9 * offeredPerSecond;
            while (due < target) {
                submitOne();
                due += 1;
            }
        });
        pacer.start(1);
    }
    QTimer::singleShot(durationMs, qApp, [&] {
        measuring = false;
        pacer.stop();
        QCoreApplication::exit();
    });
    QCoreApplication::exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    // Let the last batch land before the next run.
    while (outstanding > 0)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);

    Result r;
    r.opsPerSecond = double(acked) / seconds;
    r.p50Ms = percentile(latencies, 0.50);
    r.p99Ms = percentile(latencies, 0.99);
    const auto tx = keeper.stats().transactions - txBefore;
    r.meanBatch = tx ? double(acked + failed) / double(tx) : 0;
    r.failed = failed;
    return r;
}

Result median(std::vector<Result> runs)
{
    const auto mid = [&](auto member) {
        std::vector<double> v;
        for (const Result &r : runs)
            v.push_back(r.*member);
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    Result m;
    m.opsPerSecond = mid(&Result::opsPerSecond);
    m.p50Ms = mid(&Result::p50Ms);
    m.p99Ms = mid(&Result::p99Ms);
    m.meanBatch = mid(&Result::meanBatch);
    for (const Result &r : runs)
        m.failed += r.failed;
    return m;
}

bool benchBackend(const QString &name, const wr::DatabaseSettings &settings, bool quick, int runs)
{
    wr::KeeperConfig config;
    config.database = settings;
    wr::Keeper keeper(config);
    QString error;
    if (!keeper.open(&error)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(error));
        return false;
    }
    const int durationMs = quick ? 1000 : 4000;
    struct Scenario
    {
        const char *label;
        int submitters;
        int offered;
    };
    const Scenario scenarios[] = {
        { "closed loop, 16 submitters", 16, 0 },
        { "closed loop, 64 submitters", 64, 0 },
        { "closed loop, 256 submitters", 256, 0 },
        { "open loop, 1,000 ops/s offered", 0, 1000 },
        { "open loop, 5,000 ops/s offered", 0, 5000 },
    };
    for (const Scenario &s : scenarios) {
        std::vector<Result> results;
        for (int i = 0; i < runs; ++i)
            results.push_back(runScenario(keeper, s.submitters, s.offered, durationMs));
        const Result m = median(results);
        std::printf("| %s | %s | %.0f | %.2f | %.2f | %.1f | %llu |\n", qPrintable(name), s.label,
                    m.opsPerSecond, m.p50Ms, m.p99Ms, m.meanBatch,
                    static_cast<unsigned long long>(m.failed));
        std::fflush(stdout);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = qEnvironmentVariableIntValue("BENCH_QUICK") != 0;
    const int runs = qEnvironmentVariableIsSet("BENCH_RUNS")
        ? std::max(1, qEnvironmentVariableIntValue("BENCH_RUNS"))
        : (quick ? 1 : 3);
    const QString base = qEnvironmentVariableIsSet("BENCH_DIR")
        ? qEnvironmentVariable("BENCH_DIR")
        : QDir::currentPath();
    QTemporaryDir dir(base + u"/bench-keeper-XXXXXX"_s);
    if (!dir.isValid()) {
        std::fprintf(stderr, "cannot create a directory under %s\n", qPrintable(base));
        return 1;
    }

    std::printf("| backend | scenario | acked ops/s | p50 ack ms | p99 ack ms | ops per commit | failed |\n");
    std::printf("|---|---|---:|---:|---:|---:|---:|\n");
    const QString only = qEnvironmentVariable("BENCH_BACKENDS"); // "sqlite", "postgresql"
    bool ok = (!only.isEmpty() && !only.contains("sqlite"_L1))
        || benchBackend(u"SQLite"_s, wr::DatabaseSettings::sqlite(dir.filePath(u"keeper.db"_s)),
                           quick, runs);

    if (!only.isEmpty() && !only.contains("postgresql"_L1)) {
        // not asked for
    } else if (const QString why = PostgresFixture::unavailableReason(); !why.isEmpty()) {
        std::fprintf(stderr, "PostgreSQL skipped: %s\n", qPrintable(why));
    } else {
        PostgresFixture pg;
        QString error;
        if (!pg.start(&error) || !pg.createDatabase(u"bench"_s, &error)) {
            std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(error));
            ok = false;
        } else {
            const auto settings = wr::DatabaseSettings::fromUrl(pg.url(u"bench"_s), &error);
            ok = benchBackend(u"PostgreSQL"_s, *settings, quick, runs) && ok;
        }
    }
    return ok ? 0 : 1;
}
