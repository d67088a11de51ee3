#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace wr {

// Compares secrets (keys, signatures, invite secrets, tokens) in time that depends only on
// their lengths, not on where they first differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// HS256 JSON Web Tokens as Azure Web PubSub uses them: the HMAC key is the UTF-8 bytes of the
// access key string (not its base64 decoding).
namespace Jwt {

QByteArray sign(const QJsonObject &claims, const QByteArray &key);

struct Verified
{
    QJsonObject header;
    QJsonObject claims;
};

struct VerifyOptions
{
    QList<QByteArray> keys; // primary and optionally secondary
    QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 clockSkewSeconds = 300;
    bool requireExpiry = true;
};

// Checks the shape, algorithm (HS256 only), signature against any of the keys, `exp`
// (required unless disabled) and `nbf`. Returns nullopt with a precise reason on failure.
std::optional<Verified> verify(const QByteArray &token, const VerifyOptions &options,
                               QString *error = nullptr);

// Decodes without checking the signature (diagnostics and tests only).
std::optional<Verified> decodeUnverified(const QByteArray &token, QString *error = nullptr);

} // namespace Jwt

// The claims of a client access token (reference §1.3): `sub`, `role` and `webpubsub.group`
// may each be a string or an array of strings.
struct ClientTokenClaims
{
    QString userId; // empty: anonymous
    QStringList roles;
    QStringList groups;
    QString audience;
    std::optional<qint64> expiresAt; // seconds since epoch
};

ClientTokenClaims clientClaimsFrom(const QJsonObject &claims);

// Builds the claims object the official server SDK signs for a client.
QJsonObject makeClientClaims(const QString &audience, const QString &userId,
                             const QStringList &roles, const QStringList &groups,
                             qint64 lifetimeSeconds,
                             const QDateTime &now = QDateTime::currentDateTimeUtc());

// Lenient audience checks (reference §1.5, §1.6): any of http/https/ws/wss, any host, and a
// path that ends with /client/hubs/<hub> (client tokens) or equals the request path after
// percent-decoding (REST tokens); hub and path comparisons are case-insensitive.
bool clientAudienceMatches(const QString &audience, const QString &hub);
bool restAudienceMatches(const QString &audience, const QString &requestPath);

} // namespace wr
