// Start to first chart frame of the desktop app (docs/benchmarks.md, "Desktop app: glass to
// glass, ingest, start-up, memory"): launches the real `watchroom` (offscreen, embedded relay
// with the host sampler, a fresh config and data directory per run) with
// WATCHROOM_BENCH_STARTUP=1, which makes ChartCanvas print the wall-clock time of the first
// chart frame painted (a panel exists only once a series has arrived) to stderr.
//
//   build/<release dir>/tests/bench/bench_desktopstartup [path/to/watchroom]   BENCH_RUNS=<n>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString program = args.size() > 1 ? args.at(1) : QStringLiteral(WATCHROOM_APP_PATH);
    const int runs = qEnvironmentVariableIsSet("BENCH_RUNS")
        ? std::max(1, qEnvironmentVariableIntValue("BENCH_RUNS"))
        : 5;
    static const QRegularExpression line(u"first chart frame painted at (\\d+) ms"_s);

    std::printf("| run | start → first chart frame ms | start → line read by the bench ms |\n");
    std::printf("|---|---|---|\n");
    std::vector<double> firstFrame;
    int failures = 0;
    for (int run = 0; run <= runs; ++run) { // run 0 warms the page cache, not counted
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"WATCHROOM_BENCH_STARTUP"_s, u"1"_s);
        env.insert(u"HOME"_s, home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, home.path() + u"/config"_s);
        env.insert(u"XDG_DATA_HOME"_s, home.path() + u"/data"_s);
        env.insert(u"XDG_CACHE_HOME"_s, home.path() + u"/cache"_s);
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProgram(program);
        p.setStandardOutputFile(QProcess::nullDevice());
        p.setReadChannel(QProcess::StandardError);
        QElapsedTimer total;
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        total.start();
        p.start();
        qint64 seen = -1;
        QByteArray err;
        while (seen < 0 && total.elapsed() < 20000 && p.state() != QProcess::NotRunning) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
            const QRegularExpressionMatch m = line.match(QString::fromUtf8(err));
            if (m.hasMatch())
                seen = m.captured(1).toLongLong();
        }
        p.terminate();
        if (!p.waitForFinished(5000)) {
            p.kill();
            p.waitForFinished(2000);
        }
        if (seen < 0) {
            ++failures;
            std::fprintf(stderr, "run %d: no first frame line; stderr:\n%s\n", run,
                         err.constData());
            continue;
        }
        const double ms = double(seen - started);
        std::printf("| %s%d | %.0f | %.0f |\n", run == 0 ? "warm-up " : "", run, ms,
                    double(total.elapsed()));
        std::fflush(stdout);
        if (run > 0)
            firstFrame.push_back(ms);
    }
    if (firstFrame.empty())
        return 1;
    std::sort(firstFrame.begin(), firstFrame.end());
    const size_t n = firstFrame.size();
    const double median
        = n % 2 ? firstFrame[n / 2] : (firstFrame[n / 2 - 1] + firstFrame[n / 2]) / 2;
    std::printf("\nstart → first chart frame: median %.0f ms, min %.0f, max %.0f over %zu runs "
                "(target ≤ 1000 ms): %s\n",
                median, firstFrame.front(), firstFrame.back(), n,
                median <= 1000 ? "met" : "NOT met");
    return failures ? 1 : 0;
}
