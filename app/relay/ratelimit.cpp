#include "ratelimit.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr {

qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address.toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(bytes.c + 8, bytes.c + 16, quint8(0));
    return QHostAddress(bytes).toString() + u"/64"_s;
}

bool isLoopbackAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).isLoopback() : address.isLoopback();
}

TokenBucket::TokenBucket(double rate, double capacity)
    : m_rate(rate)
    , m_capacity(capacity)
    , m_tokens(capacity)
    , m_lastMs(monotonicMs())
{ }

bool TokenBucket::take(double amount, qint64 nowMs)
{
    if (m_rate <= 0)
        return true;
    if (nowMs > m_lastMs) {
        m_tokens = std::min(m_capacity, m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
        m_lastMs = nowMs;
    }
    if (m_tokens < amount)
        return false;
    m_tokens -= amount;
    return true;
}

FailureLimiter::FailureLimiter(int budget, qint64 windowMs, qsizetype maxTracked)
    : m_budget(budget)
    , m_windowMs(windowMs)
    , m_maxTracked(std::max<qsizetype>(1, maxTracked))
{ }

qint64 FailureLimiter::blockedForMs(const QString &key, qint64 nowMs)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return 0;
    const qint64 end = it->windowStartMs + m_windowMs;
    if (nowMs >= end) {
        m_entries.erase(it);
        return 0;
    }
    return it->failures >= m_budget ? end - nowMs : 0;
}

void FailureLimiter::recordFailure(const QString &key, qint64 nowMs)
{
    auto it = m_entries.find(key);
    if (it != m_entries.end() && nowMs >= it->windowStartMs + m_windowMs) {
        m_entries.erase(it);
        it = m_entries.end();
    }
    if (it == m_entries.end()) {
        makeRoom(nowMs);
        it = m_entries.insert(key, Entry { nowMs, 0 });
    }
    ++it->failures;
}

void FailureLimiter::makeRoom(qint64 nowMs)
{
    if (m_entries.size() < m_maxTracked)
        return;
    m_entries.removeIf([this, nowMs](const QHash<QString, Entry>::iterator &it) {
        return nowMs >= it->windowStartMs + m_windowMs;
    });
    if (m_entries.size() < m_maxTracked)
        return;
    // Still full of live windows: forget the oldest. An attacker with that many addresses
    // gains little from it; the table's memory stays bounded.
    auto oldest = m_entries.begin();
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->windowStartMs < oldest->windowStartMs)
            oldest = it;
    }
    m_entries.erase(oldest);
}

} // namespace wr
