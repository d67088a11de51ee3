#include "clientaddress.h"

#include "logging.h"

#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

// Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d, which isInSubnet() never matches
// against an IPv4 range.
QHostAddress plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

// One X-Forwarded-For entry: an IP address, or one with a port as some load balancers write it
// (Azure Application Gateway: 203.0.113.7:4711, [2001:db8::7]:4711). Host names are not
// addresses.
bool parseForwardedEntry(const QByteArray &entry, QHostAddress *address)
{
    const QString text = QString::fromLatin1(entry);
    if (address->setAddress(text))
        return true;
    const QUrl url(u"//"_s + text, QUrl::StrictMode);
    return url.isValid() && url.port() >= 0 && url.path().isEmpty() && url.userInfo().isEmpty()
        && !url.hasQuery() && !url.hasFragment() && address->setAddress(url.host());
}

} // namespace

TrustedProxies::TrustedProxies(QList<Subnet> subnets)
    : m_subnets(std::move(subnets))
{ }

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress plain = plainAddress(address);
    return std::any_of(m_subnets.cbegin(), m_subnets.cend(), [&](const Subnet &subnet) {
        return plain.isInSubnet(subnet) || address.isInSubnet(subnet);
    });
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer,
                                           const QByteArray &forwardedFor) const
{
    if (m_subnets.isEmpty() || forwardedFor.isEmpty() || !contains(peer))
        return peer;
    const QList<QByteArray> entries = forwardedFor.split(',');
    QHostAddress client = peer;
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        const QByteArray entry = it->trimmed();
        if (entry.isEmpty())
            continue; // an empty list element (RFC 9110 §5.6.1) says nothing
        QHostAddress address;
        if (!parseForwardedEntry(entry, &address)) {
            qCDebug(lcRelay).noquote()
                << "X-Forwarded-For from" << peer.toString() << "has an entry that is not an IP"
                << "address; the request counts as the proxy's own";
            return peer;
        }
        client = address;
        if (!contains(address))
            return client;
    }
    return client;
}

} // namespace wr
