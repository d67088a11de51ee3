#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace wr {

// An Azure Web PubSub connection string:
// "Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;[Port=<n>;]"
// Parsed like the official JS SDK (keys case-insensitive, split at the first '=', Port
// overrides the endpoint's port, a scheme-less endpoint gets https://), but stricter where
// the SDK would only fail later: missing Endpoint or AccessKey, a non-http(s) endpoint, user
// info in the endpoint and a bad port (0 included) are errors with a reason.
struct ConnectionString
{
    QUrl endpoint; // normalised: http(s)://host[:port]/ with a trailing slash
    QString accessKey;
    QString version;

    static std::optional<ConnectionString> parse(const QString &text, QString *error = nullptr);
    QString toString() const;

    // http(s) endpoint → ws(s), as getClientAccessToken does.
    QUrl webSocketEndpoint() const;
};

} // namespace wr
