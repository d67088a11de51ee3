#include "links.h"

#include "jwt.h"
#include "negotiator.h"
#include "sessionmessages.h"
#include "tlspin.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
constexpr auto kScheme = "watchroom"_L1;
} // namespace

bool JoinLinks::isLink(const QString &text)
{
    return text.trimmed().startsWith(kScheme + u':', Qt::CaseInsensitive);
}

QString JoinLinks::makeLink(const QString &hub, const QString &board, const QByteArray &pin)
{
    // Built by hand: the hub is itself a URL with '&' and '=', which must stay encoded.
    QString link = u"watchroom://join?hub="_s + QString::fromLatin1(QUrl::toPercentEncoding(hub));
    if (!board.isEmpty())
        link += u"&board="_s + QString::fromLatin1(QUrl::toPercentEncoding(board));
    if (!pin.isEmpty())
        link += u"&pin="_s + QString::fromLatin1(QUrl::toPercentEncoding(TlsPin::format(pin)));
    return link;
}

JoinTarget JoinLinks::parse(const QString &text)
{
    JoinTarget target;
    QString input = text.trimmed();
    // Pasted from chat or a terminal: quotes or angle brackets around it.
    while (input.size() >= 2
           && ((input.front() == u'"' && input.back() == u'"')
               || (input.front() == u'\'' && input.back() == u'\'')
               || (input.front() == u'<' && input.back() == u'>'))) {
        input = input.mid(1, input.size() - 2).trimmed();
    }
    if (input.isEmpty()) {
        target.error = tr("Paste a hub address or a watchroom:// link.");
        return target;
    }
    if (isLink(input)) {
        const QUrl url(input, QUrl::StrictMode);
        const QUrlQuery query(url);
        const QString action = url.host().isEmpty() ? url.path() : url.host();
        if (!url.isValid() || action.compare("join"_L1, Qt::CaseInsensitive) != 0
            || !query.hasQueryItem(u"hub"_s)) {
            target.error = tr("This watchroom:// link is not an invitation to join "
                              "(expected watchroom://join?hub=…).");
            return target;
        }
        input = query.queryItemValue(u"hub"_s, QUrl::FullyDecoded).trimmed();
        target.board = query.queryItemValue(u"board"_s, QUrl::FullyDecoded).trimmed();
        if (!target.board.isEmpty() && !session::isValidBoardName(target.board)) {
            target.error = tr("The link names an invalid board.");
            return target;
        }
        if (query.hasQueryItem(u"pin"_s)) {
            const auto pin = TlsPin::parse(query.queryItemValue(u"pin"_s, QUrl::FullyDecoded));
            if (!pin) {
                target.error = tr("The link's certificate pin is not valid (expected "
                                  "pin=sha256:<64 hex digits>).");
                return target;
            }
            target.pin = *pin;
        }
    }
    if (Negotiator::classify(input) == Negotiator::InputKind::Invalid) {
        target.error = tr("This is not a hub address: paste a negotiate URL (http…/negotiate), "
                          "a wss:// client URL or a connection string (Endpoint=…;AccessKey=…).");
        return target;
    }
    if (target.board.isEmpty()
        && Negotiator::classify(input) == Negotiator::InputKind::NegotiateUrl) {
        const QString board = QUrlQuery(QUrl(input)).queryItemValue(u"board"_s,
                                                                     QUrl::FullyDecoded);
        if (session::isValidBoardName(board))
            target.board = board;
    }
    target.hub = input;
    return target;
}

namespace {

SessionAccess accessFromRoles(const QStringList &roles, const QString &board)
{
    SessionAccess access;
    access.known = true;
    const QString annotations = u"webpubsub.sendToGroup.%1.annotations"_s.arg(board);
    const QString metrics = u"webpubsub.sendToGroup.%1.metrics"_s.arg(board);
    if (roles.contains(u"webpubsub.sendToGroup"_s)) {
        access.role = u"admin"_s;
        access.canAnnotate = true;
    } else if (roles.contains(annotations)) {
        access.role = u"annotator"_s;
        access.canAnnotate = true;
    } else if (roles.contains(metrics)) {
        access.role = u"source"_s;
        access.canAnnotate = false;
    } else {
        access.role = u"viewer"_s;
        access.canAnnotate = false;
    }
    return access;
}

} // namespace

SessionAccess JoinLinks::accessFromClientUrl(const QUrl &url, const QString &board)
{
    const QString token = QUrlQuery(url).queryItemValue(u"access_token"_s, QUrl::FullyDecoded);
    if (token.isEmpty())
        return {};
    const auto decoded = Jwt::decodeUnverified(token.toUtf8());
    if (!decoded)
        return {};
    return accessFromRoles(clientClaimsFrom(decoded->claims).roles, board);
}

SessionAccess JoinLinks::accessFromNegotiate(const NegotiateResult &result, const QString &board)
{
    SessionAccess access = accessFromClientUrl(result.url, board);
    const QString role = result.response.value("role"_L1).toString();
    if (!role.isEmpty() && !access.known) {
        access.known = true;
        access.role = role;
        access.canAnnotate = role == "annotator"_L1 || role == "admin"_L1;
    } else if (!role.isEmpty()) {
        access.role = role; // the relay's word for it; the token decides what is allowed
    }
    return access;
}

} // namespace wr
