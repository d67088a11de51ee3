#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <chrono>

namespace wr {

// Monotonic milliseconds for the limiters (steady: a wall-clock jump neither frees nor blocks
// anyone).
qint64 monotonicMs();

// The key a client address is limited under: the IPv4 address (also when it arrives
// IPv4-mapped on a dual-stack socket), or the /64 prefix of an IPv6 address, because one host
// commonly holds a whole /64 and could otherwise step around any per-address budget.
QString addressKey(const QHostAddress &address);

// Loopback, also when an IPv4 loopback address arrives IPv4-mapped on a dual-stack socket.
bool isLoopbackAddress(const QHostAddress &address);

// A token bucket: refills at `rate` tokens per second up to `capacity`, starts full.
class TokenBucket
{
public:
    TokenBucket() = default;
    TokenBucket(double rate, double capacity);

    bool isLimited() const { return m_rate > 0; }
    // Takes `amount` tokens if there are that many; false (and nothing taken) otherwise.
    // Always true for an unlimited bucket.
    bool take(double amount, qint64 nowMs);

private:
    double m_rate = 0; // 0: unlimited
    double m_capacity = 0;
    double m_tokens = 0;
    qint64 m_lastMs = 0;
};

// Counts failures per key in a fixed window that starts with the key's first failure; a key
// with `budget` failures in its window is blocked until the window ends. Holds at most
// `maxTracked` keys: when full, expired keys are dropped first, then the oldest window.
class FailureLimiter
{
public:
    FailureLimiter(int budget, qint64 windowMs, qsizetype maxTracked = 10000);

    // Milliseconds until `key` may try again; 0 when it may try now.
    qint64 blockedForMs(const QString &key, qint64 nowMs);
    void recordFailure(const QString &key, qint64 nowMs);
    qsizetype trackedCount() const { return m_entries.size(); }

private:
    struct Entry
    {
        qint64 windowStartMs = 0;
        int failures = 0;
    };
    void makeRoom(qint64 nowMs);

    int m_budget;
    qint64 m_windowMs;
    qsizetype m_maxTracked;
    QHash<QString, Entry> m_entries;
};

} // namespace wr
