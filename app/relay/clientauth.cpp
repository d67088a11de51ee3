#include "clientauth.h"

#include "accessurl.h"
#include "jwt.h"
#include "webpubsub.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
QString queryValue(const QUrlQuery &query, const QString &key)
{
    // The JS SDK encodes with URLSearchParams: '+' is a space and %2B a plus, so replace
    // before percent-decoding.
    QString value = query.queryItemValue(key, QUrl::FullyEncoded);
    return QUrl::fromPercentEncoding(value.replace(u'+', "%20"_L1).toUtf8());
}
} // namespace

ClientRequest inspectClientRequest(const QUrl &url, const QByteArray &authorization,
                                   const QList<QByteArray> &keys)
{
    ClientRequest request;
    const QStringList segments = url.path(QUrl::FullyEncoded).split(u'/', Qt::SkipEmptyParts);
    const QUrlQuery query(url);
    if (segments.value(0) != "client"_L1)
        return request;
    if (segments.size() == 3 && segments[1] == "hubs"_L1)
        request.hub = QUrl::fromPercentEncoding(segments[2].toUtf8());
    else if (segments.size() == 1)
        request.hub = queryValue(query, u"hub"_s);
    else
        return request;

    const QString connectionId = queryValue(query, u"awps_connection_id"_s);
    if (!connectionId.isEmpty()) {
        request.kind = ClientRequest::Kind::Recovery;
        request.connectionId = connectionId;
        request.reconnectionToken = queryValue(query, u"awps_reconnection_token"_s);
        return request;
    }
    request.kind = ClientRequest::Kind::New;
    if (!isValidHubName(request.hub)) {
        request.error = u"'%1' is not a valid hub name"_s.arg(request.hub.left(130));
        return request;
    }
    QByteArray token = queryValue(query, u"access_token"_s).toUtf8();
    if (token.isEmpty() && authorization.startsWith("Bearer "))
        token = authorization.mid(7).trimmed();
    if (token.isEmpty()) {
        request.error = u"no access token: pass access_token or Authorization: Bearer"_s;
        return request;
    }
    Jwt::VerifyOptions options;
    options.keys = keys;
    const auto verified = Jwt::verify(token, options, &request.error);
    if (!verified)
        return request;
    const ClientTokenClaims claims = clientClaimsFrom(verified->claims);
    if (!clientAudienceMatches(claims.audience, request.hub)) {
        request.error = u"token audience '%1' is not for hub '%2'"_s.arg(claims.audience.left(200),
                                                                          request.hub);
        return request;
    }
    request.identity = ClientIdentity { request.hub, claims.userId, claims.roles, claims.groups };
    request.authorized = true;
    return request;
}

QString chooseSubprotocol(const QByteArray &offered)
{
    const QList<QByteArray> items = offered.split(',');
    for (const QByteArray &item : items) {
        const QByteArray name = item.trimmed();
        if (name == QByteArrayView(wps::kJsonReliableProtocol)
            || name == QByteArrayView(wps::kJsonProtocol)) {
            return QString::fromLatin1(name);
        }
    }
    return QString();
}

} // namespace wr
