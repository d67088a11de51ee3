#pragma once

#include "connectionstring.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <sys/types.h>
#include <vector>

namespace wrbench {

// Everything a scenario needs to reach and observe the server under test.
struct BenchContext
{
    wr::ConnectionString connectionString;
    QString hub = QStringLiteral("bench");
    QByteArray host;
    uint16_t port = 0;
    pid_t serverPid = 0;
    QByteArray serverName = "server";
    int64_t epochNs = 0; // send timestamps travel relative to this, so they stay small integers
    int connectConcurrency = 48;
};

// Access URLs (path + query) for `count` clients, minted with the connection string's key.
std::vector<QByteArray> makeTargets(const BenchContext &context, size_t count);

struct CursorOptions
{
    size_t clients = 100;
    double rateHz = 30;
    int runs = 5;
    double warmupSeconds = 1;
    double windowSeconds = 4;
    double drainSeconds = 3;
};
// Scenario 1: open-loop cursors, everyone in one group receiving everyone.
int runCursors(const BenchContext &context, const CursorOptions &options);

struct BurstOptions
{
    size_t clients = 32;
    size_t messages = 50;
    int batches = 7;
    double batchSeconds = 1.5;
    double warmupSeconds = 1;
};
// Scenario 2: closed-loop burst (Bun chat-bench method).
int runBurst(const BenchContext &context, const BurstOptions &options);

struct IdleOptions
{
    size_t clients = 5000;
    double settleSeconds = 2;
};
// Scenario 3a: idle connections, RSS per connection.
int runIdle(const BenchContext &context, const IdleOptions &options);

struct StuckOptions
{
    size_t senders = 50;
    double rateHz = 30;
    double seconds = 10;
    size_t padBytes = 2048;
};
// Scenario 3b: one consumer stops reading while the others keep sending.
int runStuck(const BenchContext &context, const StuckOptions &options);

} // namespace wrbench
