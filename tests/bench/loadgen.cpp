// Native load generator for the relay benchmark. One thread, one epoll loop, many lean WebSocket
// clients speaking json.reliable.webpubsub.azure.v1; see docs/benchmarks.md.
//
//   watchroom-bench-loadgen --connection-string CS [--server-pid PID] [--server-name NAME]
//                           cursors|burst|idle|stuck [scenario options]
//   watchroom-bench-loadgen report RESULTS_FILE [--relay-name relay] [--baseline-name node-ws]

#include "benchreport.h"
#include "procstats.h"
#include "scenarios.h"

#include <QStringList>
#include <QUrl>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

void usage()
{
    std::fputs(
        "usage: watchroom-bench-loadgen --connection-string CS [--server-pid PID]\n"
        "                               [--server-name NAME] [--concurrency 48]\n"
        "                               SCENARIO [options]\n"
        "  cursors --clients N [--rate HZ] [--runs R] [--warmup S] [--window S] [--drain S]\n"
        "  burst   [--clients 32] [--messages 50] [--batches 7] [--batch-seconds 1.5]\n"
        "          [--warmup S]\n"
        "  idle    [--clients 5000] [--settle S]\n"
        "  stuck   [--senders 50] [--rate HZ] [--seconds 10] [--pad BYTES]\n"
        "       watchroom-bench-loadgen report RESULTS_FILE [--relay-name NAME]\n"
        "                               [--baseline-name NAME]\n"
        "       watchroom-bench-loadgen quiet [--max-busy PERCENT] [--timeout S]\n"
        "Results are printed as 'RESULT key=value …' lines on stdout, progress on stderr.\n",
        stderr);
}

class Args
{
public:
    explicit Args(QStringList args)
        : m_args(std::move(args))
    { }

    QString take(const QString &name, const QString &fallback = {})
    {
        const qsizetype i = m_args.indexOf(name);
        if (i < 0 || i + 1 >= m_args.size())
            return fallback;
        const QString value = m_args.at(i + 1);
        m_args.remove(i, 2);
        return value;
    }
    double number(const QString &name, double fallback)
    {
        const QString text = take(name);
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (!text.isEmpty() && !ok)
            m_bad << name;
        return ok ? v : fallback;
    }
    QStringList rest() const { return m_args; }
    QStringList bad() const { return m_bad; }

private:
    QStringList m_args;
    QStringList m_bad;
};

void raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QStringList list;
    for (int i = 1; i < argc; ++i)
        list << QString::fromLocal8Bit(argv[i]);
    Args args(list);

    if (!list.isEmpty() && list.first() == "report"_L1) {
        const QString relay = args.take(u"--relay-name"_s, u"relay"_s);
        const QString baseline = args.take(u"--baseline-name"_s, u"node-ws"_s);
        const QStringList rest = args.rest();
        if (rest.size() != 2) {
            usage();
            return 2;
        }
        return wrbench::printReport(rest.at(1), relay, baseline);
    }

    if (!list.isEmpty() && list.first() == "quiet"_L1) {
        // Waits until the machine is quiet (other tenants, builds), so a run measures the
        // server and the generator rather than the neighbours.
        const double maxBusy = args.number(u"--max-busy"_s, 25);
        const double timeout = args.number(u"--timeout"_s, 60);
        const int64_t deadline = wrbench::nowNs() + int64_t(timeout * 1e9);
        double busy = 0;
        do {
            const wrbench::ProcSample a = wrbench::sampleSystem();
            ::usleep(1'000'000);
            busy = wrbench::cpuPercent(a, wrbench::sampleSystem());
            if (busy <= maxBusy) {
                std::fprintf(stderr, "[loadgen] machine quiet: %.0f%% of one core busy\n", busy);
                return 0;
            }
        } while (wrbench::nowNs() < deadline);
        std::fprintf(stderr, "[loadgen] machine still busy after %.0f s: %.0f%% of one core\n",
                     timeout, busy);
        return 1;
    }

    raiseFileLimit();
    wrbench::BenchContext context;
    context.epochNs = wrbench::nowNs();
    const QString cs = args.take(u"--connection-string"_s);
    context.serverPid = pid_t(args.take(u"--server-pid"_s, u"0"_s).toInt());
    context.serverName = args.take(u"--server-name"_s, u"server"_s).toUtf8();
    context.connectConcurrency = int(args.number(u"--concurrency"_s, 48));
    QString error;
    const auto parsed = wr::ConnectionString::parse(cs, &error);
    if (!parsed) {
        std::fprintf(stderr, "bad --connection-string: %s\n", qPrintable(error));
        usage();
        return 2;
    }
    context.connectionString = *parsed;
    const QUrl endpoint = parsed->endpoint;
    context.host = endpoint.host().toUtf8();
    context.port = quint16(endpoint.port(80));
    if (context.host == "localhost")
        context.host = "127.0.0.1";

    const QString scenario = args.rest().value(0);
    int rc = 2;
    if (scenario == "cursors"_L1) {
        wrbench::CursorOptions o;
        o.clients = size_t(args.number(u"--clients"_s, double(o.clients)));
        o.rateHz = args.number(u"--rate"_s, o.rateHz);
        o.runs = int(args.number(u"--runs"_s, o.runs));
        o.warmupSeconds = args.number(u"--warmup"_s, o.warmupSeconds);
        o.windowSeconds = args.number(u"--window"_s, o.windowSeconds);
        o.drainSeconds = args.number(u"--drain"_s, o.drainSeconds);
        if (args.bad().isEmpty())
            rc = wrbench::runCursors(context, o);
    } else if (scenario == "burst"_L1) {
        wrbench::BurstOptions o;
        o.clients = size_t(args.number(u"--clients"_s, double(o.clients)));
        o.messages = size_t(args.number(u"--messages"_s, double(o.messages)));
        o.batches = int(args.number(u"--batches"_s, o.batches));
        o.batchSeconds = args.number(u"--batch-seconds"_s, o.batchSeconds);
        o.warmupSeconds = args.number(u"--warmup"_s, o.warmupSeconds);
        if (args.bad().isEmpty())
            rc = wrbench::runBurst(context, o);
    } else if (scenario == "idle"_L1) {
        wrbench::IdleOptions o;
        o.clients = size_t(args.number(u"--clients"_s, double(o.clients)));
        o.settleSeconds = args.number(u"--settle"_s, o.settleSeconds);
        if (args.bad().isEmpty())
            rc = wrbench::runIdle(context, o);
    } else if (scenario == "stuck"_L1) {
        wrbench::StuckOptions o;
        o.senders = size_t(args.number(u"--senders"_s, double(o.senders)));
        o.rateHz = args.number(u"--rate"_s, o.rateHz);
        o.seconds = args.number(u"--seconds"_s, o.seconds);
        o.padBytes = size_t(args.number(u"--pad"_s, double(o.padBytes)));
        if (args.bad().isEmpty())
            rc = wrbench::runStuck(context, o);
    }
    if (rc == 2) {
        if (!args.bad().isEmpty())
            std::fprintf(stderr, "bad value for %s\n", qPrintable(args.bad().join(u", "_s)));
        usage();
    }
    return rc;
}
