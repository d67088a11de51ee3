#pragma once

#include <QString>
#include <QUrl>

namespace wr {

// Log lines must never carry secrets (docs/security.md). These remove them from what is about
// to be logged or shown: passwords in URLs, the values of query parameters that carry secrets
// (access_token, awps_reconnection_token, invite, token, key, secret, password, sig, …),
// bearer tokens and a connection string's AccessKey.
QString redactedUrl(const QUrl &url);
// Every URL inside free text (an error message that quotes a URL), plus "Bearer …" and
// "AccessKey=…".
QString redactSecrets(const QString &text);

} // namespace wr
