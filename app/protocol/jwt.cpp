#include "jwt.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(kBase64Url);
}

std::optional<QByteArray> fromBase64Url(const QByteArray &data)
{
    auto result = QByteArray::fromBase64Encoding(
        data, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

QByteArray hs256(const QByteArray &input, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256);
}

bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

std::optional<QJsonObject> decodeSegment(const QByteArray &segment, const char *what,
                                         QString *error)
{
    const auto raw = fromBase64Url(segment);
    if (!raw) {
        fail(error, u"token %1 is not base64url"_s.arg(QLatin1StringView(what)));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*raw, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(error, u"token %1 is not a JSON object"_s.arg(QLatin1StringView(what)));
        return std::nullopt;
    }
    return doc.object();
}

QStringList stringOrArray(const QJsonValue &value)
{
    QStringList out;
    if (value.isString()) {
        out.append(value.toString());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array) {
            if (v.isString())
                out.append(v.toString());
        }
    }
    return out;
}

std::optional<qint64> numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    // Clamp first: converting an out-of-range double is undefined behaviour (x86 yields
    // INT64_MIN, which turned nbf=1e300 into "valid since forever"). ±2^53 s is beyond any
    // real date and leaves room for the clock-skew arithmetic.
    constexpr double kLimit = 9007199254740992.0;
    return static_cast<qint64>(std::clamp(value.toDouble(), -kLimit, kLimit));
}

QStringList pathSegments(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

QString decodedPath(const QString &pathOrUrl)
{
    QUrl url(pathOrUrl);
    QString encoded = url.isValid() && !url.scheme().isEmpty() ? url.path(QUrl::FullyEncoded)
                                                               : pathOrUrl.section(u'?', 0, 0);
    return QUrl::fromPercentEncoding(encoded.toUtf8());
}

} // namespace

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QByteArray Jwt::sign(const QJsonObject &claims, const QByteArray &key)
{
    static const QByteArray header =
        base64Url(QJsonDocument(QJsonObject { { u"alg"_s, u"HS256"_s }, { u"typ"_s, u"JWT"_s } })
                      .toJson(QJsonDocument::Compact));
    const QByteArray signingInput =
        header + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return signingInput + '.' + base64Url(hs256(signingInput, key));
}

std::optional<Jwt::Verified> Jwt::decodeUnverified(const QByteArray &token, QString *error)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3) {
        fail(error, u"token is not a JWT (expected three dot-separated parts)"_s);
        return std::nullopt;
    }
    auto header = decodeSegment(parts[0], "header", error);
    if (!header)
        return std::nullopt;
    auto claims = decodeSegment(parts[1], "payload", error);
    if (!claims)
        return std::nullopt;
    return Verified { *header, *claims };
}

std::optional<Jwt::Verified> Jwt::verify(const QByteArray &token, const VerifyOptions &options,
                                         QString *error)
{
    if (token.isEmpty()) {
        fail(error, u"no access token"_s);
        return std::nullopt;
    }
    if (token.size() > 16 * 1024) {
        fail(error, u"access token is too long"_s);
        return std::nullopt;
    }
    auto decoded = decodeUnverified(token, error);
    if (!decoded)
        return std::nullopt;
    if (decoded->header.value("alg"_L1).toString() != "HS256"_L1) {
        fail(error,
             u"token algorithm '%1' is not HS256"_s.arg(decoded->header.value("alg"_L1).toString()));
        return std::nullopt;
    }
    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArray signingInput = token.left(lastDot);
    const auto signature = fromBase64Url(token.mid(lastDot + 1));
    if (!signature) {
        fail(error, u"token signature is not base64url"_s);
        return std::nullopt;
    }
    bool signatureOk = false;
    for (const QByteArray &key : options.keys) {
        if (!key.isEmpty() && constantTimeEquals(hs256(signingInput, key), *signature)) {
            signatureOk = true;
            break;
        }
    }
    if (!signatureOk) {
        fail(error, u"token signature is invalid"_s);
        return std::nullopt;
    }
    const qint64 now = options.now.toSecsSinceEpoch();
    const auto exp = numericDate(decoded->claims.value("exp"_L1));
    if (!exp && options.requireExpiry) {
        fail(error, u"token has no exp claim"_s);
        return std::nullopt;
    }
    if (exp && now > *exp + options.clockSkewSeconds) {
        fail(error, u"token expired at %1"_s.arg(
                        QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC).toString(Qt::ISODate)));
        return std::nullopt;
    }
    const auto nbf = numericDate(decoded->claims.value("nbf"_L1));
    if (nbf && now + options.clockSkewSeconds < *nbf) {
        fail(error, u"token is not valid before %1"_s.arg(
                        QDateTime::fromSecsSinceEpoch(*nbf, Qt::UTC).toString(Qt::ISODate)));
        return std::nullopt;
    }
    return decoded;
}

ClientTokenClaims clientClaimsFrom(const QJsonObject &claims)
{
    ClientTokenClaims out;
    out.userId = claims.value("sub"_L1).toString();
    out.roles = stringOrArray(claims.value("role"_L1));
    out.groups = stringOrArray(claims.value("webpubsub.group"_L1));
    out.audience = claims.value("aud"_L1).toString();
    out.expiresAt = numericDate(claims.value("exp"_L1));
    return out;
}

QJsonObject makeClientClaims(const QString &audience, const QString &userId,
                             const QStringList &roles, const QStringList &groups,
                             qint64 lifetimeSeconds, const QDateTime &now)
{
    const qint64 iat = now.toSecsSinceEpoch();
    QJsonObject claims { { u"aud"_s, audience }, { u"iat"_s, iat },
                         { u"exp"_s, iat + lifetimeSeconds } };
    if (!userId.isEmpty())
        claims.insert(u"sub"_s, userId);
    if (!roles.isEmpty())
        claims.insert(u"role"_s, QJsonArray::fromStringList(roles));
    if (!groups.isEmpty())
        claims.insert(u"webpubsub.group"_s, QJsonArray::fromStringList(groups));
    return claims;
}

bool clientAudienceMatches(const QString &audience, const QString &hub)
{
    const QUrl url(audience);
    const QString scheme = url.scheme().toLower();
    if (scheme != "http"_L1 && scheme != "https"_L1 && scheme != "ws"_L1 && scheme != "wss"_L1)
        return false;
    const QStringList segments = pathSegments(decodedPath(audience));
    if (segments.size() < 3)
        return false;
    const qsizetype n = segments.size();
    return segments[n - 3].compare("client"_L1, Qt::CaseInsensitive) == 0
        && segments[n - 2].compare("hubs"_L1, Qt::CaseInsensitive) == 0
        && segments[n - 1].compare(hub, Qt::CaseInsensitive) == 0;
}

bool restAudienceMatches(const QString &audience, const QString &requestPath)
{
    const QUrl url(audience);
    const QString scheme = url.scheme().toLower();
    if (scheme != "http"_L1 && scheme != "https"_L1 && scheme != "ws"_L1 && scheme != "wss"_L1)
        return false;
    const QStringList expected = pathSegments(decodedPath(requestPath));
    const QStringList actual = pathSegments(decodedPath(audience));
    if (expected.size() != actual.size())
        return false;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (expected[i].compare(actual[i], Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

} // namespace wr
