#pragma once

#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace wr {

struct KeeperConfig;

// A secret that lets a desktop client join with a role.
struct InviteSecret
{
    QString role; // viewer|annotator|source|admin
    QString secret;
};

// A Prometheus / OpenMetrics target the relay scrapes for a board ([scrape.NAME] sections).
struct ScrapeConfig
{
    QString name;
    QString board = QStringLiteral("main");
    QUrl url;
    int intervalMs = 1000;
    int timeoutMs = 0; // 0: 80 % of the interval, at most 10 s
    QStringList allowNames; // metric families; both lists empty: everything
    QStringList allowPatterns; // anchored regular expressions
    QMap<QString, QString> labels; // added to every series
};

// Everything watchroom-relay needs to start. Filled from, highest precedence first, command-line
// flags, WATCHROOM_RELAY_* environment variables, an INI file (--config), then these defaults.
struct RelayConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 7300; // 0 = ephemeral
    QStringList accessKeys; // primary[, secondary]; empty = generate/persist in dataDir
    QString dataDir; // parseRelayConfig fills in <generic data location>/watchroom-relay
    QString defaultHub = QStringLiteral("watchroom");
    QList<InviteSecret> invites;
    QString tlsCertificatePath, tlsKeyPath; // both or neither; absolute and readable
    QString publicUrl; // optional http(s) URL to advertise instead of the listen address
    QString logLevel = QStringLiteral("warning"); // error|warning|info|debug

    // limits
    qint64 maxFrameBytes = 1024 * 1024;
    int reliableBufferMessages = 1000;
    qint64 reliableBufferBytes = 16 * 1024 * 1024;
    int sessionRetentionSeconds = 60;
    // Watchroom boards
    QStringList hostSamplerBoards { QStringLiteral("main") }; // empty: no host sampler
    int hostSamplerIntervalMs = 1000;
    QList<ScrapeConfig> scrapeTargets;
    // Secrets that authorise POST /api/boards/{board}/metrics: "BOARD=SECRET" for one board,
    // or "SECRET" for every board (besides JWTs with the board's source role).
    QStringList sourceTokens;
    bool keeper = true; // persist annotations (needs a data directory or --database)
    QString database; // keeper URL (postgresql://…, sqlite:///…, a file); empty: SQLite in dataDir
    QString keeperOnly; // run only the keeper, against this remote hub (negotiate/client URL)
    QStringList keeperBoards { QStringLiteral("main") }; // boards the --keeper-only keeper serves
    int backfillMinutes = 10; // metric history sent to late joiners with the snapshot; 0: none
    // Keeper retention (KeeperConfig::maxAge / maxCountPerBoard); 0: keep everything.
    int retentionMaxAgeDays = 0;
    int retentionMaxCount = 0;

    // One-shot annotation export/import on the keeper's database instead of serving
    // (--export-annotations BOARD [--output FILE], --import-annotations BOARD FILE).
    enum class AnnotationTask { None, Export, Import };
    AnnotationTask annotationTask = AnnotationTask::None;
    QString annotationBoard;
    QString annotationFile = QStringLiteral("-"); // "-": standard output / input

    bool keeperEnabled() const { return keeper && (!database.isEmpty() || !dataDir.isEmpty()); }

    qint64 maxPendingSendBytes = 64 * 1024; // per connection, beyond what the kernel holds;
                                            // above it fire-and-forget messages are dropped

    // Abuse limits (docs/security.md). 0: unlimited. The per-connection rates are token
    // buckets holding two seconds' worth (bytes: at least one max-frame-bytes frame); a client
    // over either is closed with 1008. The three limits below apply to non-loopback peers
    // only unless limitLoopback is set: the desktop app's embedded relay and the benchmarks
    // run on loopback.
    int maxMessagesPerSecond = 1000;
    qint64 maxBytesPerSecond = 4 * 1024 * 1024;
    int maxConnectionsPerAddress = 100;
    bool limitLoopback = false;
    // Failed invite secrets an address may send to /negotiate per minute before it is refused
    // (429) for the rest of that minute, correct secret or not. Applies to loopback too; the
    // same budget, counted separately, bounds wrong source tokens on POST …/metrics.
    int inviteFailuresPerMinute = 10;
    // Reverse proxies (--trusted-proxy ADDR[/PREFIX]) whose X-Forwarded-For names the client
    // that the limits above and the logs use. Empty: the TCP peer is always the client.
    QList<QPair<QHostAddress, int>> trustedProxies;
};

enum class ConfigOutcome { Run, ShowHelp, ShowVersion, Error };

struct ConfigResult
{
    ConfigOutcome outcome;
    RelayConfig config;
    QString message; // help/version text or error
};

// `arguments` is what QCoreApplication::arguments() returns (program name first). Never exits
// and never prints; main() decides what to do with the outcome and message.
ConfigResult parseRelayConfig(const QStringList &arguments, const QProcessEnvironment &environment);

// The keeper settings the relay configuration asks for (database from --database or
// keeper.sqlite in the data directory, retention). False and *error for a bad database URL.
bool keeperConfigFor(const RelayConfig &config, KeeperConfig *out, QString *error);

} // namespace wr
