#include "connectionstring.h"

using namespace Qt::StringLiterals;

namespace wr {

namespace {
bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}
} // namespace

std::optional<ConnectionString> ConnectionString::parse(const QString &text, QString *error)
{
    QString endpoint;
    QString accessKey;
    QString version;
    QString port;
    const auto parts = text.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq <= 0) {
            if (part.trimmed().isEmpty())
                continue;
            fail(error, u"connection string: '%1' is not a key=value pair"_s.arg(part));
            return std::nullopt;
        }
        const QString key = part.left(eq).trimmed().toLower();
        const QString value = part.mid(eq + 1).trimmed();
        if (key == "endpoint"_L1)
            endpoint = value;
        else if (key == "accesskey"_L1)
            accessKey = value;
        else if (key == "version"_L1)
            version = value;
        else if (key == "port"_L1)
            port = value;
        // Unknown keys (ClientEndpoint, ServerEndpoint, …) are ignored like the SDK does.
    }
    if (endpoint.isEmpty()) {
        fail(error, u"connection string: Endpoint is missing"_s);
        return std::nullopt;
    }
    if (accessKey.isEmpty()) {
        fail(error, u"connection string: AccessKey is missing"_s);
        return std::nullopt;
    }
    if (!endpoint.contains("://"_L1))
        endpoint.prepend("https://"_L1);
    QUrl url(endpoint, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        fail(error, u"connection string: Endpoint '%1' is not a valid URL"_s.arg(endpoint));
        return std::nullopt;
    }
    // toString() and the token audience have no place for them, and they would end up in logs
    // and in every ws(s) URL minted from this string.
    if (!url.userInfo().isNull()) { // also a bare "@"
        fail(error, u"connection string: Endpoint must not contain a user name or password"_s);
        return std::nullopt;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != "http"_L1 && scheme != "https"_L1) {
        fail(error, u"connection string: Endpoint must be http or https, not '%1'"_s.arg(scheme));
        return std::nullopt;
    }
    // QUrl takes ":0" (and ":00") as a port; nothing can connect to it.
    if (url.port() == 0) {
        fail(error, u"connection string: Endpoint port 0 is not a port number"_s);
        return std::nullopt;
    }
    if (!port.isEmpty()) {
        bool ok = false;
        const int p = port.toInt(&ok);
        if (!ok || p <= 0 || p > 65535) {
            fail(error, u"connection string: Port '%1' is not a port number"_s.arg(port));
            return std::nullopt;
        }
        url.setPort(p);
    }
    url.setScheme(scheme);
    url.setQuery(QString());
    url.setFragment(QString());
    QString path = url.path();
    // Exactly one trailing slash: toString() drops one, so "x//" would come back as "x/".
    while (path.endsWith("//"_L1))
        path.chop(1);
    if (!path.endsWith(u'/'))
        path.append(u'/');
    url.setPath(path);

    ConnectionString cs;
    cs.endpoint = url;
    cs.accessKey = accessKey;
    cs.version = version.isEmpty() ? u"1.0"_s : version;
    return cs;
}

QString ConnectionString::toString() const
{
    // The shape of the Azure portal's strings: no trailing slash, Port as its own key. A path
    // prefix (reverse proxy) is kept, so parse(toString()) gives the same endpoint.
    QString base = endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePort
                                     | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (base.endsWith(u'/'))
        base.chop(1);
    QString text = "Endpoint="_L1 + base + u';';
    if (endpoint.port() > 0)
        text += "Port="_L1 + QString::number(endpoint.port()) + u';';
    text += "AccessKey="_L1 + accessKey + ";Version="_L1 + version + u';';
    return text;
}

QUrl ConnectionString::webSocketEndpoint() const
{
    QUrl url = endpoint;
    url.setScheme(endpoint.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    return url;
}

} // namespace wr
