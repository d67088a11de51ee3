#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace wr {

// An address range as QHostAddress::parseSubnet() returns it: network address, prefix length.
using Subnet = QPair<QHostAddress, int>;

// The reverse proxies (--trusted-proxy) allowed to say which client they forward for. Every
// per-address limit and log line uses the address clientAddress() returns; a connection from
// anywhere else is its own client, whatever headers it sends, so a client cannot pick the
// address its limits are counted against.
class TrustedProxies
{
public:
    TrustedProxies() = default;
    explicit TrustedProxies(QList<Subnet> subnets);

    bool isEmpty() const { return m_subnets.isEmpty(); }
    // IPv4-mapped IPv6 addresses (dual-stack sockets) match IPv4 ranges too.
    bool contains(const QHostAddress &address) const;

    // `peer` is the TCP peer; `forwardedFor` the X-Forwarded-For value (repeated headers joined
    // with commas, in order). From a trusted peer the list is walked from the right, past
    // trusted proxies, to the first address that is not one: that is the client (if all are
    // trusted, the leftmost). Entries may carry a port (a.b.c.d:port, [v6]:port). An entry that
    // is not an IP address makes the list useless: the peer is the client then, as for an
    // untrusted peer or no header.
    QHostAddress clientAddress(const QHostAddress &peer, const QByteArray &forwardedFor) const;

private:
    QList<Subnet> m_subnets;
};

} // namespace wr
