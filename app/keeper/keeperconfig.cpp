#include "keeperconfig.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace wr {

DatabaseSettings DatabaseSettings::sqlite(const QString &path)
{
    DatabaseSettings s;
    s.backend = Backend::Sqlite;
    s.sqlitePath = path;
    return s;
}

std::optional<DatabaseSettings> DatabaseSettings::fromUrl(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *error = u"the database URL is empty"_s;
        return std::nullopt;
    }
    const qsizetype colon = trimmed.indexOf(u':');
    const QString scheme = colon > 1 ? trimmed.left(colon).toLower() : QString();
    if (scheme.isEmpty() || !QRegularExpression(u"^[a-z][a-z0-9+.-]*$"_s).match(scheme).hasMatch())
        return sqlite(trimmed); // a file path (a Windows drive letter has a one-letter "scheme")

    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = u"invalid database URL: %1"_s.arg(url.errorString());
        return std::nullopt;
    }
    if (scheme == "sqlite"_L1 || scheme == "file"_L1) {
        const QString path = url.path(QUrl::FullyDecoded);
        if (path.isEmpty()) {
            *error = u"the SQLite URL has no file path"_s;
            return std::nullopt;
        }
        return sqlite(path);
    }
    if (scheme != "postgresql"_L1 && scheme != "postgres"_L1) {
        *error = u"unsupported database URL scheme '%1' (use postgresql:// or a SQLite file path)"_s
                     .arg(scheme);
        return std::nullopt;
    }

    DatabaseSettings s;
    s.backend = Backend::Postgres;
    s.host = url.host(QUrl::FullyDecoded);
    s.userName = url.userName(QUrl::FullyDecoded);
    s.password = url.password(QUrl::FullyDecoded);
    s.port = url.port(5432);
    if (s.port <= 0 || s.port > 65535) {
        *error = u"invalid PostgreSQL port in the database URL"_s;
        return std::nullopt;
    }
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    if (path.contains(u'/')) {
        *error = u"the PostgreSQL URL path must be a single database name, not '%1'"_s.arg(path);
        return std::nullopt;
    }
    s.databaseName = path.isEmpty() ? s.userName : path;

    // libpq options. QPSQL joins them into a conninfo string without quoting, so a value must
    // be one word.
    static const QRegularExpression keyPattern(u"^[a-z_]{1,64}$"_s);
    static const QRegularExpression badValue(u"[\\s;'\"\\\\]"_s);
    QStringList options;
    bool hasConnectTimeout = false;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!keyPattern.match(key).hasMatch() || value.isEmpty() || badValue.match(value).hasMatch()) {
            *error = u"unsupported PostgreSQL option '%1' in the database URL"_s.arg(key);
            return std::nullopt;
        }
        if (key == "host"_L1) { // libpq style: ?host=/run/postgresql
            s.host = value;
            continue;
        }
        if (key == "user"_L1 || key == "password"_L1 || key == "dbname"_L1 || key == "port"_L1) {
            *error = u"put '%1' in the URL itself, not in its query"_s.arg(key);
            return std::nullopt;
        }
        hasConnectTimeout = hasConnectTimeout || key == "connect_timeout"_L1;
        options.append(key + u'=' + value);
    }
    // A server that is down or unreachable must fail a commit (and its acks) in bounded time.
    if (!hasConnectTimeout)
        options.append(u"connect_timeout=5"_s);
    s.connectOptions = options.join(u';');
    return s;
}

QString DatabaseSettings::displayName() const
{
    if (backend == Backend::Sqlite)
        return sqlitePath;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(userName);
    url.setHost(host.startsWith(u'/') ? QString() : host);
    url.setPort(port);
    url.setPath(u'/' + databaseName);
    return url.toString();
}

QString DatabaseSettings::backendName() const
{
    return backend == Backend::Sqlite ? u"sqlite"_s : u"postgresql"_s;
}

} // namespace wr
