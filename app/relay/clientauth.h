#pragma once

#include "hub.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace wr {

// What an upgrade request to the client endpoint asks for, and whether it may have it.
struct ClientRequest
{
    enum class Kind { NotClientEndpoint, New, Recovery };
    Kind kind = Kind::NotClientEndpoint;
    QString hub;
    // New connections
    bool authorized = false;
    QString error; // why not
    ClientIdentity identity;
    // Recovery: authorised by the reconnection token alone, checked by the hub.
    QString connectionId;
    QString reconnectionToken;
};

// Parses /client/hubs/{hub} and /client/?hub=…, takes the token from access_token or
// `Authorization: Bearer`, and verifies it (reference §1.5).
ClientRequest inspectClientRequest(const QUrl &url, const QByteArray &authorization,
                                   const QList<QByteArray> &keys);

// The subprotocol the relay speaks for an offered Sec-WebSocket-Protocol list, or empty.
QString chooseSubprotocol(const QByteArray &offered);

} // namespace wr
