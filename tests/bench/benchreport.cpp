#include "benchreport.h"

#include <QFile>
#include <QList>
#include <QMap>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace wrbench {

namespace {

using Result = QMap<QByteArray, QByteArray>;

struct Results
{
    QList<Result> rows;

    QList<Result> of(const QByteArray &scenario) const
    {
        QList<Result> out;
        for (const Result &r : rows) {
            if (r.value("scenario") == scenario)
                out.append(r);
        }
        return out;
    }

    std::optional<Result> find(const QByteArray &scenario, const QByteArray &server,
                               const QByteArray &key = {}, const QByteArray &value = {}) const
    {
        for (const Result &r : rows) {
            if (r.value("scenario") == scenario && r.value("server") == server
                && (key.isEmpty() || r.value(key) == value))
                return r;
        }
        return std::nullopt;
    }
};

std::optional<double> number(const Result &r, const QByteArray &key)
{
    bool ok = false;
    const double v = r.value(key).toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

QString dash()
{
    return u"–"_s;
}

// 1234567 → "1.23 M", 45678 → "45.7 k"
QString rate(const Result &r, const QByteArray &key)
{
    const auto v = number(r, key);
    if (!v)
        return dash();
    if (*v >= 1e6)
        return QString::number(*v / 1e6, 'f', 2) + u" M"_s;
    if (*v >= 1e3)
        return QString::number(*v / 1e3, 'f', 1) + u" k"_s;
    return QString::number(*v, 'f', 0);
}

QString millis(const Result &r, const QByteArray &key)
{
    const auto v = number(r, key);
    if (!v)
        return dash();
    const double ms = *v / 1000.0;
    return QString::number(ms, 'f', ms < 10 ? 2 : ms < 100 ? 1 : 0) + u" ms"_s;
}

QString percent(const Result &r, const QByteArray &key, int decimals = 0)
{
    const auto v = number(r, key);
    return v ? QString::number(*v, 'f', decimals) + u" %"_s : dash();
}

QString plain(const Result &r, const QByteArray &key)
{
    const QByteArray v = r.value(key);
    return v.isEmpty() ? dash() : QString::fromUtf8(v);
}

QString mib(const Result &r, const QByteArray &key)
{
    const auto v = number(r, key);
    return v ? QString::number(*v, 'f', 1) + u" MiB"_s : dash();
}

QString ratio(std::optional<double> a, std::optional<double> b, int decimals = 2)
{
    if (!a || !b || *b == 0)
        return dash();
    return QString::number(*a / *b, 'f', decimals) + u"×"_s;
}

bool plateaued(const Result &r)
{
    const auto start = number(r, "rss_start_mib");
    const auto max = number(r, "rss_max_mib");
    const auto growth = number(r, "growth_second_half_mib");
    if (!start || !max || !growth)
        return false;
    return *growth <= std::max(2.0, 0.1 * (*max - *start));
}

} // namespace

int printReport(const QString &path, const QString &relayName, const QString &baselineName)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 2;
    }
    Results results;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.startsWith("RESULT "))
            continue;
        Result r;
        const QList<QByteArray> parts = line.mid(7).split(' ');
        for (const QByteArray &part : parts) {
            const qsizetype eq = part.indexOf('=');
            if (eq > 0)
                r.insert(part.left(eq), part.mid(eq + 1));
        }
        results.rows.append(r);
    }

    const QByteArray relay = relayName.toUtf8();
    const QByteArray baseline = baselineName.toUtf8();
    QString out;
    QTextStream s(&out);

    auto serverOrder = [&](QList<Result> rows) {
        std::stable_sort(rows.begin(), rows.end(), [&](const Result &a, const Result &b) {
            const int ca = a.value("clients").toInt();
            const int cb = b.value("clients").toInt();
            if (ca != cb)
                return ca < cb;
            return a.value("server") == relay && b.value("server") != relay;
        });
        return rows;
    };

    const QList<Result> cursors = serverOrder(results.of("cursors"));
    if (!cursors.isEmpty()) {
        s << "### Scenario 1: open-loop cursors (N clients × 30 Hz, one group, everyone receives "
             "everyone)\n\n"
          << "Medians over the runs; max is the largest single delivery over all runs. Loss = "
             "deliveries of messages sent in the window that had not arrived 3 s after it. CPU "
             "is % of one core; *other* is what the rest of the machine used meanwhile.\n\n"
          << "| server | N | offered msg/s | delivered msg/s | loss | p50 | p99 | max | server CPU "
             "| server RSS (peak) | generator CPU | other CPU | saturated | dropped sessions |\n"
          << "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|\n";
        for (const Result &r : cursors) {
            if (r.contains("error")) {
                s << "| " << plain(r, "server") << " | " << plain(r, "clients") << " | "
                  << plain(r, "error") << " ||||||||||||\n";
                continue;
            }
            s << "| " << plain(r, "server") << " | " << plain(r, "clients") << " | "
              << rate(r, "offered_per_s") << " | " << rate(r, "delivered_per_s") << " | "
              << percent(r, "loss_pct", 3) << " | " << millis(r, "p50_us") << " | "
              << millis(r, "p99_us") << " | " << millis(r, "max_us") << " | "
              << percent(r, "server_cpu_pct") << " | " << mib(r, "server_rss_mib") << " ("
              << mib(r, "server_rss_peak_mib") << ") | " << percent(r, "gen_cpu_pct") << " | "
              << percent(r, "other_cpu_pct") << " | " << plain(r, "saturated") << " | "
              << plain(r, "dropped") << " |\n";
        }
        s << "\n";
    }

    const QList<Result> bursts = serverOrder(results.of("burst"));
    if (!bursts.isEmpty()) {
        s << "### Scenario 2: closed-loop burst (32 clients, 50 messages each per round, round "
             "ends when all 32×32×50 deliveries arrived)\n\n"
          << "| server | delivered msg/s (median) | batches (min–max) | server CPU | deliveries "
             "per server CPU-s | generator CPU | other CPU | saturated |\n"
          << "|---|--:|--:|--:|--:|--:|--:|---|\n";
        for (const Result &r : bursts) {
            if (r.contains("error") && !r.contains("delivered_per_s")) {
                s << "| " << plain(r, "server")
                  << " | failed: " << plain(r, "error").replace(u'_', u' ') << " |||||||\n";
                continue;
            }
            s << "| " << plain(r, "server") << " | " << rate(r, "delivered_per_s") << " | "
              << plain(r, "batches") << " (" << rate(r, "min_per_s") << "–" << rate(r, "max_per_s")
              << ") | " << percent(r, "server_cpu_pct") << " | " << rate(r, "per_server_cpu_s")
              << " | " << percent(r, "gen_cpu_pct") << " | " << percent(r, "other_cpu_pct") << " | "
              << plain(r, "saturated") << " |\n";
        }
        s << "\n";
    }

    const QList<Result> idle = serverOrder(results.of("idle"));
    if (!idle.isEmpty()) {
        s << "### Scenario 3a: idle connections (each connected and joined to a group)\n\n"
          << "| server | connections ready | connect + join rate | RSS before | RSS after | RSS "
             "per connection | RSS after all closed |\n"
          << "|---|--:|--:|--:|--:|--:|--:|\n";
        for (const Result &r : idle) {
            s << "| " << plain(r, "server") << " | " << plain(r, "ready") << " / "
              << plain(r, "clients") << " | " << plain(r, "connect_per_s") << "/s | "
              << mib(r, "rss_before_mib") << " | " << mib(r, "rss_after_mib") << " | "
              << plain(r, "kib_per_conn") << " KiB | " << mib(r, "rss_closed_mib") << " |\n";
        }
        s << "\n";
    }

    const QList<Result> stuck = serverOrder(results.of("stuck"));
    if (!stuck.isEmpty()) {
        s << "### Scenario 3b: one consumer stops reading while the others keep sending\n\n"
          << "| server | load | into the stuck client | RSS start / mid / end (max) | growth in "
             "2nd half | plateau | stuck session closed | others p99 / loss |\n"
          << "|---|---|--:|--:|--:|---|---|--:|\n";
        for (const Result &r : stuck) {
            if (r.contains("error")) {
                s << "| " << plain(r, "server") << " | " << plain(r, "error") << " |||||||\n";
                continue;
            }
            s << "| " << plain(r, "server") << " | " << plain(r, "senders") << " senders × "
              << plain(r, "rate_hz") << " Hz, " << plain(r, "pad_bytes") << " B pad, "
              << plain(r, "seconds") << " s | " << plain(r, "stuck_offered_mib_per_s")
              << " MiB/s | " << plain(r, "rss_start_mib") << " / " << plain(r, "rss_mid_mib")
              << " / " << plain(r, "rss_end_mib") << " (" << plain(r, "rss_max_mib") << ") MiB | "
              << mib(r, "growth_second_half_mib") << " | " << (plateaued(r) ? "yes" : "**no**")
              << " | " << plain(r, "stuck_closed")
              << (r.value("stuck_closed") == "yes"
                      ? u" (code "_s + plain(r, "stuck_close_code") + u")"_s
                      : QString())
              << " | " << millis(r, "others_p99_us") << " / " << percent(r, "others_loss_pct", 3)
              << " |\n";
        }
        s << "\nRSS samples (seconds:MiB):\n\n";
        for (const Result &r : stuck)
            s << "- " << plain(r, "server") << ": "
              << plain(r, "rss_series").replace(u","_s, u" "_s) << "\n";
        s << "\n";
    }

    // Relay against the baseline measured in the same run.
    auto value = [&](const QByteArray &scenario, const QByteArray &server, const QByteArray &key,
                     const QByteArray &clients = {}) -> std::optional<double> {
        const auto r = clients.isEmpty() ? results.find(scenario, server)
                                         : results.find(scenario, server, "clients", clients);
        return r ? number(*r, key) : std::nullopt;
    };
    auto fmt = [](std::optional<double> v, double scale, int decimals, const QString &unit) {
        return v ? QString::number(*v / scale, 'f', decimals) + unit : dash();
    };
    s << "### " << relayName << " against the " << baselineName << " baseline (same run)\n\n"
      << "| metric | " << relayName << " | " << baselineName << " | ratio |\n|---|--:|--:|--:|\n";
    // Relay variants (e.g. relay-buf4096, a raised un-acked cap) get their own burst rows.
    QList<QByteArray> burstServers { relay };
    for (const Result &r : bursts) {
        const QByteArray name = r.value("server");
        if (name != baseline && !burstServers.contains(name))
            burstServers.append(name);
    }
    for (const QByteArray &server : std::as_const(burstServers)) {
        const QString label
            = server == relay ? QString() : u" ("_s + QString::fromUtf8(server) + u")"_s;
        const auto a = value("burst", server, "delivered_per_s");
        const auto b = value("burst", baseline, "delivered_per_s");
        s << "| burst: delivered msg/s" << label << " | " << fmt(a, 1e6, 2, u" M"_s) << " | "
          << fmt(b, 1e6, 2, u" M"_s) << " | " << ratio(a, b) << " |\n";
        const auto ac = value("burst", server, "per_server_cpu_s");
        const auto bc = value("burst", baseline, "per_server_cpu_s");
        s << "| burst: deliveries per server CPU-second" << label << " | "
          << fmt(ac, 1e6, 2, u" M"_s) << " | " << fmt(bc, 1e6, 2, u" M"_s) << " | " << ratio(ac, bc)
          << " |\n";
    }
    QList<QByteArray> ns;
    for (const Result &r : cursors) {
        if (!ns.contains(r.value("clients")))
            ns.append(r.value("clients"));
    }
    for (const QByteArray &n : ns) {
        const auto a = value("cursors", relay, "delivered_per_s", n);
        const auto b = value("cursors", baseline, "delivered_per_s", n);
        s << "| cursors N=" << n << ": delivered msg/s | " << fmt(a, 1e6, 3, u" M"_s) << " | "
          << fmt(b, 1e6, 3, u" M"_s) << " | " << ratio(a, b) << " |\n";
        const auto pa = value("cursors", relay, "p99_us", n);
        const auto pb = value("cursors", baseline, "p99_us", n);
        s << "| cursors N=" << n << ": p99 latency (lower is better) | "
          << fmt(pa, 1e3, 2, u" ms"_s) << " | " << fmt(pb, 1e3, 2, u" ms"_s) << " | "
          << ratio(pa, pb, 3) << " |\n";
    }
    {
        const auto a = value("idle", relay, "kib_per_conn");
        const auto b = value("idle", baseline, "kib_per_conn");
        s << "| idle: RSS per connection (lower is better) | " << fmt(a, 1, 1, u" KiB"_s) << " | "
          << fmt(b, 1, 1, u" KiB"_s) << " | " << ratio(a, b) << " |\n\n";
    }

    // The targets, judged only on what this run measured.
    s << "### Targets (" << relayName << ")\n\n| target | measured | met |\n|---|---|---|\n";
    auto verdict = [](std::optional<bool> ok) {
        return !ok ? u"not measured"_s : *ok ? u"yes"_s : u"**no**"_s;
    };
    {
        const auto r = results.find("cursors", relay, "clients", "100");
        const auto p99 = r ? number(*r, "p99_us") : std::nullopt;
        const auto loss = r ? number(*r, "loss_pct") : std::nullopt;
        s << "| N=100 cursors: p99 ≤ 2 ms, no loss | "
          << (r ? u"p99 "_s + millis(*r, "p99_us") + u", loss "_s + percent(*r, "loss_pct", 3)
                : dash())
          << " | "
          << verdict(p99 && loss ? std::optional<bool>(*p99 <= 2000 && *loss == 0) : std::nullopt)
          << " |\n";
    }
    {
        const auto r = results.find("cursors", relay, "clients", "200");
        const auto p99 = r ? number(*r, "p99_us") : std::nullopt;
        const auto loss = r ? number(*r, "loss_worst_pct") : std::nullopt;
        s << "| N=200 cursors (1.2 M/s offered): delivered in full, p99 ≤ 10 ms | "
          << (r ? rate(*r, "delivered_per_s") + u"/s of "_s + rate(*r, "offered_per_s")
                      + u"/s, worst-run loss "_s + percent(*r, "loss_worst_pct", 3) + u", p99 "_s
                      + millis(*r, "p99_us")
                : dash())
          << " | "
          << verdict(p99 && loss ? std::optional<bool>(*p99 <= 10000 && *loss == 0) : std::nullopt)
          << " |\n";
    }
    for (const QByteArray &server : std::as_const(burstServers)) {
        const QString label
            = server == relay ? QString() : u" ("_s + QString::fromUtf8(server) + u")"_s;
        const auto r = results.find("burst", server);
        const auto a = value("burst", server, "delivered_per_s");
        const auto b = value("burst", baseline, "delivered_per_s");
        const QString failed = r && r->contains("error")
            ? u"failed: "_s + plain(*r, "error").replace(u'_', u' ')
            : dash();
        s << "| burst ≥ 1.5 M deliveries/s" << label << " | "
          << (a ? fmt(a, 1e6, 2, u" M/s"_s) : failed) << " | "
          << verdict(a       ? std::optional<bool>(*a >= 1.5e6)
                         : r ? std::optional<bool>(false)
                             : std::nullopt)
          << " |\n";
        s << "| burst ≥ 3× the " << baselineName << " baseline" << label << " | "
          << (a ? ratio(a, b) : failed) << " | "
          << verdict(a && b && *b > 0 ? std::optional<bool>(*a / *b >= 3)
                         : r          ? std::optional<bool>(false)
                                      : std::nullopt)
          << " |\n";
    }
    {
        const auto a = value("idle", relay, "kib_per_conn");
        const auto r = results.find("idle", relay);
        s << "| idle: ≤ 20 KiB RSS per connection | "
          << (r ? plain(*r, "kib_per_conn") + u" KiB × "_s + plain(*r, "ready") : dash()) << " | "
          << verdict(a ? std::optional<bool>(*a <= 20) : std::nullopt) << " |\n";
    }
    {
        const auto r = results.find("stuck", relay);
        s << "| stuck consumer: relay RSS plateaus | "
          << (r && !r->contains("error") ? u"growth in 2nd half "_s
                      + mib(*r, "growth_second_half_mib") + u", max "_s + mib(*r, "rss_max_mib")
                                         : dash())
          << " | "
          << verdict(r && !r->contains("error") ? std::optional<bool>(plateaued(*r)) : std::nullopt)
          << " |\n";
    }

    QStringList problems;
    for (const Result &r : results.rows) {
        if (r.contains("error"))
            problems << plain(r, "scenario") + u" / "_s + plain(r, "server") + u": "_s
                    + plain(r, "error");
        if (r.value("alive") == "no")
            problems << plain(r, "server") + u" exited during "_s + plain(r, "scenario") + u" N="_s
                    + plain(r, "clients");
        if (number(r, "dropped").value_or(0) > 0 || number(r, "others_dropped").value_or(0) > 0)
            problems << plain(r, "scenario") + u" / "_s + plain(r, "server") + u" N="_s
                    + plain(r, r.contains("clients") ? "clients" : "senders")
                    + u": the server closed "_s
                    + plain(r, r.contains("dropped") ? "dropped" : "others_dropped")
                    + u" sessions"_s
                    + (r.contains("close_reason")
                           ? u" (last: "_s + plain(r, "close_reason").replace(u'_', u' ') + u")"_s
                           : QString());
        if (number(r, "gaps").value_or(0) > 0)
            problems << plain(r, "scenario") + u" / "_s + plain(r, "server") + u": "_s
                    + plain(r, "gaps") + u" sequenceId gaps or repeats"_s;
    }
    if (!problems.isEmpty()) {
        s << "\n### Problems seen\n\n";
        for (const QString &p : std::as_const(problems))
            s << "- " << p << "\n";
    }
    s.flush();
    std::fputs(out.toUtf8().constData(), stdout);
    return 0;
}

} // namespace wrbench
