#include "redact.h"

#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
const QString kRedacted = u"REDACTED"_s;

bool isSecretParameter(const QString &name)
{
    static const QStringList names { u"access_token"_s, u"awps_reconnection_token"_s,
                                     u"invite"_s,       u"token"_s,
                                     u"key"_s,          u"accesskey"_s,
                                     u"access_key"_s,   u"apikey"_s,
                                     u"api_key"_s,      u"secret"_s,
                                     u"password"_s,     u"passwd"_s,
                                     u"sig"_s,          u"signature"_s,
                                     u"code"_s,         u"auth"_s,
                                     u"authorization"_s };
    return names.contains(name.toLower());
}
} // namespace

QString redactedUrl(const QUrl &url)
{
    QUrl copy = url;
    if (!copy.password().isEmpty())
        copy.setPassword(kRedacted);
    if (copy.hasQuery()) {
        QUrlQuery query(copy);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto &[name, value] : items) {
            if (isSecretParameter(QUrl::fromPercentEncoding(name.toUtf8())))
                value = kRedacted;
        }
        query.setQueryItems(items);
        copy.setQuery(query);
    }
    return copy.toString(QUrl::FullyEncoded);
}

QString redactSecrets(const QString &text)
{
    static const QRegularExpression urlPattern(u"\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s'\"<>]+"_s);
    static const QRegularExpression bearerPattern(u"\\b(Bearer)\\s+[^\\s'\",;]+"_s,
                                                  QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression accessKeyPattern(u"\\b(AccessKey)=[^;\\s'\"]*"_s,
                                                     QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    auto matches = urlPattern.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        const QUrl url(match.captured(), QUrl::TolerantMode);
        // Unparseable: keep only the scheme rather than risk a secret.
        out += url.isValid() && !url.host().isEmpty()
            ? redactedUrl(url)
            : match.captured().section(u':', 0, 0) + u"://…"_s;
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    out.replace(bearerPattern, u"\\1 "_s + kRedacted);
    out.replace(accessKeyPattern, u"\\1="_s + kRedacted);
    return out;
}

} // namespace wr
