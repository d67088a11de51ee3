#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace wr {

struct NegotiateResult;

// What a user pasted or clicked to join a session: a watchroom:// link, or a hub as the
// Negotiator takes it (negotiate URL, ws(s):// client URL, connection string).
struct JoinTarget
{
    QString hub; // for the Negotiator; empty when the input was not usable
    QString board; // from the link or the negotiate URL's board=; empty: not said
    QByteArray pin; // from the link's pin=: the hub's certificate digest (TlsPin); empty: none
    QString error; // for people, when hub is empty
    bool ok() const { return !hub.isEmpty(); }
};

// What our token lets us do on a board (its Web PubSub roles), for the UI.
struct SessionAccess
{
    QString role; // viewer | annotator | source | admin; empty when unknown
    bool canAnnotate = true; // unknown: assume yes, the hub decides (and says Forbidden)
    bool known = false;
};

// watchroom://join?hub=<percent-encoded hub>&board=<board>[&pin=sha256:<hex>]: the shareable
// form of an invitation; pin= names the certificate of an https/wss hub with a self-signed
// certificate (TlsPin). The desktop file registers the scheme, so a clicked link starts
// `watchroom <link>`; macOS hands it to the running app as a QFileOpenEvent instead.
class JoinLinks
{
    Q_DECLARE_TR_FUNCTIONS(wr::JoinLinks)

public:
    static bool isLink(const QString &text);
    static QString makeLink(const QString &hub, const QString &board, const QByteArray &pin = {});
    // Accepts a link or a hub; trims what users paste around it.
    static JoinTarget parse(const QString &text);

    // From the token in a client access URL (ws(s)://…?access_token=…).
    static SessionAccess accessFromClientUrl(const QUrl &url, const QString &board);
    // From a negotiate answer: the relay's "role" field, else the token's roles.
    static SessionAccess accessFromNegotiate(const NegotiateResult &result, const QString &board);
};

} // namespace wr
