// MetricStore benchmarks (label: bench; see docs/benchmarks.md, section "MetricStore").
//
//   bench_metricstore                 full run, about 5 s (peak RSS ~0.5 GB)
//   BENCH_QUICK=1 bench_metricstore   smaller inputs, a few seconds
//
// Every number is the median of at least five repetitions, and every result is measured next to
// a baseline run in the same process on the same data. Prints a markdown table. Exits 1 only
// when an optimised result disagrees with its baseline (a correctness failure), never because a
// target was missed: the machine may be noisy.

#include "metricstore.h"
#include "reducedwindow.h"
#include "reducer.h"
#include "timeseries.h"

#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#define BENCH_COUNT_ALLOCATIONS 1
#endif

using namespace Qt::StringLiterals;
using namespace wr;

// ---- allocation accounting ---------------------------------------------------------------
// Every operator new in the process (the columns are new[] arrays) is counted by its usable
// size, so "bytes per point" is what the allocator actually handed out.
#ifdef BENCH_COUNT_ALLOCATIONS
namespace {
std::atomic<qint64> g_liveNewBytes { 0 };
}

void *operator new(std::size_t size)
{
    void *p = std::malloc(size != 0 ? size : 1);
    if (!p)
        throw std::bad_alloc();
    g_liveNewBytes.fetch_add(qint64(malloc_usable_size(p)), std::memory_order_relaxed);
    return p;
}
void *operator new[](std::size_t size)
{
    return operator new(size);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    void *p = std::malloc(size != 0 ? size : 1);
    if (p)
        g_liveNewBytes.fetch_add(qint64(malloc_usable_size(p)), std::memory_order_relaxed);
    return p;
}
void *operator new[](std::size_t size, const std::nothrow_t &tag) noexcept
{
    return operator new(size, tag);
}
void operator delete(void *p) noexcept
{
    if (!p)
        return;
    g_liveNewBytes.fetch_sub(qint64(malloc_usable_size(p)), std::memory_order_relaxed);
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    operator delete(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    operator delete(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    operator delete(p);
}
void operator delete(void *p, const std::nothrow_t &) noexcept
{
    operator delete(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept
{
    operator delete(p);
}
#endif

namespace {

using Clock = std::chrono::steady_clock;

bool quick()
{
    return qEnvironmentVariableIntValue("BENCH_QUICK") != 0;
}

double nsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

qint64 heapInUse()
{
#ifdef BENCH_COUNT_ALLOCATIONS
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
#else
    return 0;
#endif
}

qint64 newBytesInUse()
{
#ifdef BENCH_COUNT_ALLOCATIONS
    return g_liveNewBytes.load(std::memory_order_relaxed);
#else
    return 0;
#endif
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"n/a"_s;
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

QString cpuModel()
{
    QFile file(u"/proc/cpuinfo"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown CPU"_s;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return u"unknown CPU"_s;
}

struct Row
{
    QString name;
    QString result;
    QString baseline;
    QString ratio;
    QString target;
    QString verdict;
};

QList<Row> g_rows;
bool g_correct = true;
volatile qint64 g_sink = 0; // keeps the baseline loops from being optimised away

void addRow(Row row)
{
    std::printf("  %s: %s (baseline %s, %s) target %s: %s\n", qPrintable(row.name),
                qPrintable(row.result), qPrintable(row.baseline), qPrintable(row.ratio),
                qPrintable(row.target), qPrintable(row.verdict));
    std::fflush(stdout);
    g_rows.append(std::move(row));
}

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

QString metOrMissed(bool met)
{
    return met ? u"**met**"_s : u"**missed**"_s;
}

bool sameSamples(const QList<Sample> &a, const QList<Sample> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].t != b[i].t)
            return false;
        if (std::isnan(a[i].value) != std::isnan(b[i].value))
            return false;
        if (!std::isnan(a[i].value) && a[i].value != b[i].value)
            return false;
    }
    return true;
}

// A random walk at one point per millisecond; `gapEvery` > 0 puts a NaN at about one point in
// that many.
std::vector<Sample> makeSeries(qsizetype count, qint64 start, quint32 seed, int gapEvery = 0)
{
    QRandomGenerator rng(seed);
    std::vector<Sample> points(static_cast<size_t>(count));
    double walk = 0;
    for (qsizetype i = 0; i < count; ++i) {
        walk += rng.generateDouble() - 0.5;
        const bool gap = gapEvery > 0 && rng.bounded(gapEvery) == 0;
        points[size_t(i)] = { start + i, gap ? std::numeric_limits<double>::quiet_NaN() : walk };
    }
    return points;
}

// ---- baselines -------------------------------------------------------------------------

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

// The straightforward M4 loop over plain arrays: one bucket division and a handful of branches
// per point (the anchor measured ≈ 3.6 ns/point for this on this kind of machine). Same output
// as wr::reduce().
QList<Sample> naiveReduce(const std::vector<qint64> &ts, const std::vector<double> &vs, qint64 from,
                          qint64 to, int columns)
{
    QList<Sample> out;
    const ReductionGrid grid = ReductionGrid::make(from, to, columns);
    const auto begin = size_t(std::lower_bound(ts.begin(), ts.end(), grid.start()) - ts.begin());
    const auto end = size_t(std::lower_bound(ts.begin(), ts.end(), grid.end()) - ts.begin());
    const auto push = [&out](qint64 t, double v) {
        if (std::isnan(v) && !out.isEmpty() && std::isnan(out.constLast().value))
            return;
        out.append({ t, v });
    };
    if (begin > 0)
        push(ts[begin - 1], vs[begin - 1]);
    qint64 bucket = std::numeric_limits<qint64>::min();
    bool open = false;
    bool gapOpen = false;
    size_t first = 0, lo = 0, hi = 0, last = 0;
    const auto flush = [&] {
        if (!open)
            return;
        size_t m4[] = { first, lo, hi, last };
        if (ts[m4[2]] < ts[m4[1]])
            std::swap(m4[1], m4[2]);
        for (int k = 0; k < 4; ++k) {
            if (k == 0 || m4[k] != m4[k - 1])
                out.append({ ts[m4[k]], vs[m4[k]] });
        }
        open = false;
    };
    for (size_t i = begin; i < end; ++i) {
        const qint64 b = floorDiv(ts[i], grid.width);
        if (b != bucket) {
            flush();
            bucket = b;
            gapOpen = false;
        }
        const double v = vs[i];
        if (std::isnan(v)) {
            flush();
            if (!gapOpen)
                push(ts[i], v);
            gapOpen = true;
            continue;
        }
        gapOpen = false;
        if (!open) {
            open = true;
            first = lo = hi = last = i;
            continue;
        }
        if (v < vs[lo])
            lo = i;
        if (v > vs[hi])
            hi = i;
        last = i;
    }
    flush();
    if (end < ts.size())
        push(ts[end], vs[end]);
    return out;
}

// ---- benchmarks ------------------------------------------------------------------------

void benchAppend()
{
    const int reps = quick() ? 5 : 7;
    const int kSeries = 10;
    const int kBatch = 100; // points per series per frame (B3's message shape)
    const qsizetype perSeries = quick() ? 100'000 : 500'000;
    const qint64 total = qint64(kSeries) * perSeries;
    std::printf("append: %d series x %lld points, frames of %d points per series, capacity %lld\n",
                kSeries, qlonglong(perSeries), kBatch,
                qlonglong(TimeSeriesBuffer::kDefaultCapacity));

    std::vector<session::MetricsFrame> frames;
    for (qsizetype offset = 0; offset < perSeries; offset += kBatch) {
        session::MetricsFrame frame;
        frame.source = u"bench"_s;
        for (int s = 0; s < kSeries; ++s) {
            session::MetricSeries series;
            series.id = u"series-%1"_s.arg(s);
            series.points.reserve(kBatch);
            for (int k = 0; k < kBatch; ++k) {
                const qint64 t = 1'700'000'000'000 + offset + k;
                series.points.append({ t, double((t * 7919) % 1000) });
            }
            frame.series.append(std::move(series));
        }
        frames.push_back(std::move(frame));
    }
    // The first series' points, flat, for the single-series paths.
    std::vector<Sample> flat;
    flat.reserve(size_t(perSeries));
    for (const session::MetricsFrame &frame : frames) {
        for (const auto &[t, v] : frame.series.constFirst().points)
            flat.push_back({ t, v });
    }

    std::vector<double> store, raw, ceiling, naive;
    qint64 naivePoints = 0;
    for (int rep = 0; rep < reps; ++rep) {
        {
            MetricStore metrics;
            const auto start = Clock::now();
            for (const session::MetricsFrame &frame : frames)
                metrics.apply(frame);
            store.push_back(double(total) / (nsSince(start) * 1e-9));
        }
        {
            // One series, batches of 1000, straight into the ring.
            TimeSeriesBuffer buffer(TimeSeriesBuffer::kDefaultCapacity);
            const auto start = Clock::now();
            for (qsizetype i = 0; i < perSeries; i += 1000) {
                buffer.append(std::span<const Sample>(
                    flat.data() + i, size_t(std::min<qsizetype>(1000, perSeries - i))));
            }
            raw.push_back(double(perSeries) / (nsSince(start) * 1e-9));
        }
        {
            // Ceiling: the same ring writes with no ordering, bound or value checks, into
            // arrays that are already allocated and touched.
            const size_t capacity = size_t(TimeSeriesBuffer::kDefaultCapacity);
            std::vector<qint64> ts(capacity);
            std::vector<double> vs(capacity);
            size_t slot = 0;
            const auto start = Clock::now();
            for (qsizetype i = 0; i < perSeries; ++i) {
                ts[slot] = flat[size_t(i)].t;
                vs[slot] = flat[size_t(i)].value;
                if (++slot == capacity)
                    slot = 0;
            }
            ceiling.push_back(double(perSeries) / (nsSince(start) * 1e-9));
            g_sink = ts[slot] + qint64(vs[slot]);
        }
        {
            // Naive ordered store: a std::map trimmed to the capacity.
            std::map<qint64, double> map;
            const qsizetype n = std::min<qsizetype>(perSeries, 300'000);
            const auto start = Clock::now();
            for (qsizetype i = 0; i < n; ++i) {
                map[flat[size_t(i)].t] = flat[size_t(i)].value;
                if (qsizetype(map.size()) > TimeSeriesBuffer::kDefaultCapacity)
                    map.erase(map.begin());
            }
            naive.push_back(double(n) / (nsSince(start) * 1e-9));
            naivePoints = n;
        }
    }
    const double storeRate = median(store);
    const double rawRate = median(raw);
    const double ceilingRate = median(ceiling);
    const double naiveRate = median(naive);
    addRow({ u"MetricStore::apply, 10 series × frames of 100 points (M points/s)"_s,
             fixed(storeRate / 1e6, 1),
             u"%1 (std::map, %2 k points); %3 (bare ring writes, ceiling)"_s
                 .arg(fixed(naiveRate / 1e6, 1))
                 .arg(naivePoints / 1000)
                 .arg(fixed(ceilingRate / 1e6, 1)),
             u"%1× map; %2× ceiling"_s.arg(fixed(storeRate / naiveRate, 1),
                                           fixed(storeRate / ceilingRate, 2)),
             u"≥ 20 M/s"_s, metOrMissed(storeRate >= 20e6) });
    addRow({ u"TimeSeriesBuffer::append, batches of 1000 (M points/s)"_s, fixed(rawRate / 1e6, 1),
             fixed(ceilingRate / 1e6, 1) + u" (bare ring writes, ceiling)"_s,
             fixed(rawRate / ceilingRate, 2) + u"× ceiling"_s, u"—"_s, u"—"_s });
}

void benchMemory()
{
    const int kSeries = 8;
    for (const double fill : { 1.0, 0.5 }) {
        const qsizetype perSeries = qsizetype(double(TimeSeriesBuffer::kDefaultCapacity) * fill);
        std::vector<session::MetricsFrame> frames;
        for (qsizetype offset = 0; offset < perSeries; offset += 100) {
            session::MetricsFrame frame;
            for (int s = 0; s < kSeries; ++s) {
                session::MetricSeries series;
                series.id = u"host%1.cpu.load"_s.arg(s);
                series.name = u"CPU load %1"_s.arg(s);
                series.unit = u"%"_s;
                for (qsizetype k = offset; k < std::min(perSeries, offset + 100); ++k)
                    series.points.append({ 1'700'000'000'000 + k * 1000, double(k % 100) });
                frame.series.append(std::move(series));
            }
            frames.push_back(std::move(frame));
        }
        const qint64 heapBefore = heapInUse();
        const qint64 newBefore = newBytesInUse();
        auto metrics = std::make_unique<MetricStore>();
        for (const session::MetricsFrame &frame : frames)
            metrics->apply(frame);
        const qint64 heapAfter = heapInUse();
        const qint64 newAfter = newBytesInUse();
        const double points = double(kSeries) * double(perSeries);
        const double columns = double(metrics->allocatedBytes()) / points;
        const double counted = double(newAfter - newBefore) / points;
        const double heap = double(heapAfter - heapBefore) / points;
        const bool full = fill == 1.0;
        addRow({ u"bytes per stored point, %1 series %2 (%3 points each)"_s.arg(kSeries)
                     .arg(full ? u"full"_s : u"half full"_s)
                     .arg(perSeries),
                 u"%1 (operator new: %2; whole heap: %3)"_s.arg(fixed(columns, 2),
                                                                fixed(counted, 2), fixed(heap, 2)),
                 u"16 (int64 + double)"_s, fixed(counted / 16.0, 3) + u"×"_s,
                 full ? u"≤ 17"_s : u"— (storage grows ×2)"_s,
                 full ? metOrMissed(counted <= 17.0 && heap <= 17.0) : u"—"_s });
    }
}

enum class Target { OneMillisecond, B6, None };

void benchReduce(qsizetype window, int columns, int gapEvery, Target target)
{
    const int reps = quick() ? 7 : 21;
    // The ring holds more than the window and has wrapped, as it does after a day of streaming.
    const qsizetype capacity = window + window / 10;
    const qsizetype total = window + window / 4;
    TimeSeriesBuffer buffer(capacity);
    {
        const std::vector<Sample> points = makeSeries(total, 1'700'000'000'000, 7, gapEvery);
        for (qsizetype i = 0; i < total; i += 4096) {
            buffer.append(std::span<const Sample>(points.data() + i,
                                                  size_t(std::min<qsizetype>(4096, total - i))));
        }
    }
    std::vector<qint64> ts(size_t(buffer.size()));
    std::vector<double> vs(size_t(buffer.size()));
    for (qsizetype i = 0; i < buffer.size(); ++i) {
        ts[size_t(i)] = buffer.timeAt(i);
        vs[size_t(i)] = buffer.valueAt(i);
    }
    const qint64 to = buffer.timeAt(buffer.size() - 1) + 1;
    const qint64 from = to - window;

    // Each repetition runs each kernel twice: the first run finds its data partly evicted by
    // the other kernel ("cold"), the second finds it in the caches ("warm", as when a chart
    // repaints the same window). The table reports warm medians; cold ones are printed.
    std::vector<double> fast, slow, fastCold, slowCold;
    QList<Sample> fastOut, slowOut;
    for (int rep = 0; rep < reps; ++rep) {
        for (int run = 0; run < 2; ++run) {
            const auto start = Clock::now();
            fastOut = reduce(buffer, from, to, columns);
            (run == 0 ? fastCold : fast).push_back(nsSince(start));
        }
        for (int run = 0; run < 2; ++run) {
            const auto start = Clock::now();
            slowOut = naiveReduce(ts, vs, from, to, columns);
            (run == 0 ? slowCold : slow).push_back(nsSince(start));
        }
    }
    const bool same = sameSamples(fastOut, slowOut);
    g_correct = g_correct && same;
    const double fastNs = median(fast);
    const double slowNs = median(slow);
    std::printf("  (cold caches: reduce %.3f ms, naive %.3f ms)\n", median(fastCold) / 1e6,
                median(slowCold) / 1e6);
    const double perPoint = fastNs / double(window);
    const QString label
        = u"reduce %1 M points → %2 columns%3"_s.arg(double(window) / 1e6)
              .arg(columns)
              .arg(gapEvery > 0 ? u", a gap every ~%1 points"_s.arg(gapEvery) : QString());
    addRow({ label,
             u"%1 ms, %2 ns/point → %3 points%4"_s.arg(fixed(fastNs / 1e6, 3), fixed(perPoint, 3))
                 .arg(fastOut.size())
                 .arg(same ? QString() : u" (**differs from baseline**)"_s),
             u"%1 ms, %2 ns/point (naive per-point loop)"_s.arg(fixed(slowNs / 1e6, 3),
                                                                fixed(slowNs / double(window), 3)),
             fixed(slowNs / fastNs, 1) + u"× faster"_s,
             target == Target::OneMillisecond ? u"≤ 1 ms, ≤ 1 ns/point"_s
                 : target == Target::B6       ? u"≤ 0.5 ns/point (anchors B6)"_s
                                              : u"—"_s,
             target == Target::OneMillisecond ? metOrMissed(fastNs <= 1e6 && perPoint <= 1.0)
                 : target == Target::B6       ? metOrMissed(perPoint <= 0.5)
                                              : u"—"_s });
}

void benchIncremental()
{
    const int reps = quick() ? 5 : 7;
    const int steps = quick() ? 40 : 150;
    constexpr qsizetype kWindow = 1'000'000;
    constexpr int kColumns = 2000;
    constexpr int kBatch = 1000;
    const QString id = u"live"_s;

    std::vector<double> applyNs, updateNs, pointsNs, scratchNs;
    bool same = true;
    qint64 rebuilds = 0;
    for (int rep = 0; rep < reps; ++rep) {
        // A full history (1 M points, capacity 1 M): every append also evicts the oldest.
        MetricStore store;
        store.setCapacity(kWindow);
        const std::vector<Sample> history
            = makeSeries(kWindow + qsizetype(steps) * kBatch, 1'700'000'000'000, 11 + quint32(rep));
        const auto frameOf = [&](qsizetype begin, qsizetype count) {
            session::MetricsFrame frame;
            session::MetricSeries series;
            series.id = id;
            series.points.reserve(count);
            for (qsizetype i = begin; i < begin + count; ++i)
                series.points.append({ history[size_t(i)].t, history[size_t(i)].value });
            frame.series.append(std::move(series));
            return frame;
        };
        store.apply(frameOf(0, kWindow));
        qint64 to = history[size_t(kWindow - 1)].t + 1;
        ReducedWindow window(&store, id);
        window.setRange(to - kWindow, to, kColumns);
        window.update();

        std::vector<double> a, u, p, s;
        for (int step = 0; step < steps; ++step) {
            const session::MetricsFrame frame = frameOf(kWindow + qsizetype(step) * kBatch, kBatch);
            to += kBatch;
            auto start = Clock::now();
            store.apply(frame);
            a.push_back(nsSince(start));
            start = Clock::now();
            window.setRange(to - kWindow, to, kColumns);
            window.update();
            u.push_back(nsSince(start));
            start = Clock::now();
            const QList<Sample> polyline = window.points();
            p.push_back(nsSince(start));
            start = Clock::now();
            const QList<Sample> scratch = store.reduce(id, to - kWindow, to, kColumns);
            s.push_back(nsSince(start));
            if (step == steps - 1)
                same = same && sameSamples(polyline, scratch);
        }
        rebuilds = std::max(rebuilds, window.rebuildCount());
        applyNs.push_back(median(a));
        updateNs.push_back(median(u));
        pointsNs.push_back(median(p));
        scratchNs.push_back(median(s));
    }
    g_correct = g_correct && same && rebuilds == 1;
    const double apply = median(applyNs);
    const double update = median(updateNs);
    const double points = median(pointsNs);
    const double scratch = median(scratchNs);
    addRow(
        { u"append 1000 points + update a 1 M-point, 2000-column ReducedWindow"_s,
          u"%1 µs (apply %2 + update %3)%4"_s
              .arg(fixed((apply + update) / 1e3, 1), fixed(apply / 1e3, 1), fixed(update / 1e3, 1))
              .arg(same && rebuilds == 1 ? QString() : u" (**incorrect**)"_s),
          u"apply + reduce() from scratch: %1 µs"_s.arg(fixed((apply + scratch) / 1e3, 1)),
          fixed((apply + scratch) / (apply + update), 1) + u"× faster"_s, u"≤ 20 µs"_s,
          metOrMissed(apply + update <= 20e3) });
    addRow({ u"ReducedWindow::points(): materialise the polyline"_s,
             fixed(points / 1e3, 1) + u" µs"_s, u"—"_s, u"—"_s, u"— (per repaint)"_s, u"—"_s });
}

} // namespace

int main()
{
    std::printf("bench_metricstore: %s, load %s%s\n", qPrintable(cpuModel()),
                qPrintable(loadAverage()), quick() ? ", BENCH_QUICK" : "");
#ifndef NDEBUG
    std::printf("WARNING: not an optimised build; configure with -DCMAKE_BUILD_TYPE=Release\n");
#endif
    const QString loadBefore = loadAverage();
    benchAppend();
    benchMemory();
    benchReduce(1'000'000, 2000, 0, Target::OneMillisecond);
    benchReduce(1'000'000, 2000, 1000, Target::None);
    if (!quick())
        benchReduce(10'000'000, 1280, 0, Target::B6);
    benchIncremental();

    std::printf("\nMachine: %s, 1 thread; load average %s before, %s after.\n\n",
                qPrintable(cpuModel()), qPrintable(loadBefore), qPrintable(loadAverage()));
    std::printf("| benchmark | median | baseline (same run) | ratio | target | |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (const Row &row : std::as_const(g_rows)) {
        std::printf("| %s | %s | %s | %s | %s | %s |\n", qPrintable(row.name),
                    qPrintable(row.result), qPrintable(row.baseline), qPrintable(row.ratio),
                    qPrintable(row.target), qPrintable(row.verdict));
    }
    if (!g_correct)
        std::printf("\nFAILED: an optimised result differs from its baseline\n");
    return g_correct ? 0 : 1;
}
