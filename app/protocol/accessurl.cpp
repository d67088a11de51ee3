#include "accessurl.h"

#include "jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

std::optional<QUrl> checkedWebSocketUrl(const QString &text, QString *error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != "ws"_L1 && scheme != "wss"_L1 && scheme != "http"_L1
            && scheme != "https"_L1)) {
        fail(error, u"negotiate response: '%1' is not a ws(s):// URL"_s.arg(text.left(200)));
        return std::nullopt;
    }
    return url;
}
} // namespace

ClientAccess clientAccessFor(const ConnectionString &cs, const QString &hub,
                             const ClientAccessOptions &options)
{
    const QString path = "client/hubs/"_L1 + hub;
    const QString audience = cs.endpoint.toString(QUrl::FullyEncoded) + path;
    const QJsonObject claims = makeClientClaims(audience, options.userId, options.roles,
                                                options.groups, options.lifetimeSeconds,
                                                options.now);
    ClientAccess access;
    access.token = QString::fromLatin1(Jwt::sign(claims, cs.accessKey.toUtf8()));
    access.baseUrl = QUrl(cs.webSocketEndpoint().toString(QUrl::FullyEncoded) + path);
    access.url = QUrl(access.baseUrl.toString(QUrl::FullyEncoded) + "?access_token="_L1
                      + access.token);
    return access;
}

std::optional<QUrl> parseNegotiateResponse(const QByteArray &body, QString *error)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, u"negotiate response is empty"_s);
        return std::nullopt;
    }
    if (!trimmed.startsWith('{') && !trimmed.startsWith('"'))
        return checkedWebSocketUrl(QString::fromUtf8(trimmed), error);

    QJsonParseError parseError;
    // A JSON string is wrapped into an array so that QJsonDocument accepts it.
    const bool isString = trimmed.startsWith('"');
    const QJsonDocument doc =
        QJsonDocument::fromJson(isString ? '[' + trimmed + ']' : trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(error, u"negotiate response is not valid JSON: %1"_s.arg(parseError.errorString()));
        return std::nullopt;
    }
    if (isString)
        return checkedWebSocketUrl(doc.array().at(0).toString(), error);

    const QJsonObject object = doc.object();
    if (object.value("url"_L1).isString())
        return checkedWebSocketUrl(object.value("url"_L1).toString(), error);
    if (object.value("baseUrl"_L1).isString() && object.value("token"_L1).isString()) {
        return checkedWebSocketUrl(object.value("baseUrl"_L1).toString() + "?access_token="_L1
                                       + object.value("token"_L1).toString(),
                                   error);
    }
    fail(error, u"negotiate response has neither 'url' nor 'baseUrl' and 'token'"_s);
    return std::nullopt;
}

QJsonObject negotiateResponse(const ClientAccess &access)
{
    return QJsonObject { { u"url"_s, access.url.toString(QUrl::FullyEncoded) },
                         { u"baseUrl"_s, access.baseUrl.toString(QUrl::FullyEncoded) },
                         { u"token"_s, access.token } };
}

bool isValidHubName(const QString &hub)
{
    // \z, not $: PCRE's $ also matches before a final newline, which let "chat\n" through.
    static const QRegularExpression re(uR"(^[A-Za-z][A-Za-z0-9_`,.\[\]]{0,127}\z)"_s);
    return re.match(hub).hasMatch();
}

} // namespace wr
