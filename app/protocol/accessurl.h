#pragma once

#include "connectionstring.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace wr {

// What getClientAccessToken of the official server SDK returns (reference §1.4).
struct ClientAccess
{
    QString token;
    QUrl baseUrl; // ws(s)://host/client/hubs/<hub>
    QUrl url;     // baseUrl?access_token=<token>
};

struct ClientAccessOptions
{
    QString userId;
    QStringList roles;
    QStringList groups;
    qint64 lifetimeSeconds = 3600;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

// Mints a client token with the connection string's key, exactly as the JS SDK does:
// aud = <http(s) endpoint>client/hubs/<hub>, url = ws(s) endpoint + client/hubs/<hub>.
ClientAccess clientAccessFor(const ConnectionString &cs, const QString &hub,
                             const ClientAccessOptions &options);

// Negotiate responses (reference §2): a bare URL string (text/plain or a JSON string),
// {"url": …}, or {"baseUrl": …, "token": …}. Returns the WebSocket URL or an error.
std::optional<QUrl> parseNegotiateResponse(const QByteArray &body, QString *error = nullptr);

// The shape Watchroom's relay serves: {"url": …, "baseUrl": …, "token": …}. Clients that read
// only `url` work, and so do those that read the SDK object.
QJsonObject negotiateResponse(const ClientAccess &access);

// Hub names as constrained by the REST API: ^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$
bool isValidHubName(const QString &hub);

} // namespace wr
