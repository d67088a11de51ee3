// Negotiate responses. Negotiator::onReplyFinished only runs on a finished QNetworkReply, so this
// fuzzes what it does with the body: parseNegotiateResponse (app/protocol/accessurl.h), then
// Negotiator::redacted on the URL it yields. The same input is also classified and turned into
// a negotiate URL as if a user had pasted it. Security property: a URL's access_token and
// awps_reconnection_token values never survive redacted(), which feeds logs and error messages.
#include "fuzzsupport.h"

#include "accessurl.h"
#include "negotiator.h"

#include <QUrlQuery>

using namespace wr;
using namespace Qt::StringLiterals;

namespace {
void checkRedacted(const QUrl &url)
{
    QString shown = Negotiator::redacted(url);
    // What redaction writes may itself contain a "secret" such as the value "access_token".
    shown.remove(u"access_token=REDACTED"_s).remove(u"awps_reconnection_token=REDACTED"_s);
    QUrl withoutSecrets = url;
    QUrlQuery query(withoutSecrets);
    QStringList secrets;
    for (const auto &key : { u"access_token"_s, u"awps_reconnection_token"_s }) {
        secrets += query.allQueryItemValues(key, QUrl::FullyEncoded);
        query.removeAllQueryItems(key);
    }
    withoutSecrets.setQuery(query);
    const QString rest = withoutSecrets.toString(QUrl::RemovePassword);
    for (const QString &secret : std::as_const(secrets)) {
        // Short values can occur anywhere by chance; only a real token's length is telling.
        if (secret.size() >= 12 && !rest.contains(secret) && shown.contains(secret))
            fuzz::violated("redacted() shows a token");
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    QString error;
    if (const auto url = parseNegotiateResponse(body, &error)) {
        if (!url->isValid() || url->host().isEmpty())
            fuzz::violated("parseNegotiateResponse accepted a URL without a host");
        checkRedacted(*url);
    } else if (error.isEmpty()) {
        fuzz::violated("a rejected negotiate response has no reason");
    }

    NegotiateRequest request;
    request.input = QString::fromUtf8(body);
    request.userId = u"fuzz user"_s;
    request.board = u"main"_s;
    request.role = u"viewer"_s;
    if (Negotiator::classify(request.input) == Negotiator::InputKind::NegotiateUrl)
        checkRedacted(Negotiator::negotiateUrlFor(request));
    return 0;
}
