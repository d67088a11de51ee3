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

// watchroom://join?hub=<percent-encoded hub>&board=<board>: the shareable form of an
// invitation. The desktop file registers the scheme, so a clicked link starts `watchroom <link>`.
class JoinLinks
{
    Q_DECLARE_TR_FUNCTIONS(wr::JoinLinks)

public:
    static bool isLink(const QString &text);
    static QString makeLink(const QString &hub, const QString &board);
    // Accepts a link or a hub; trims what users paste around it.
    static JoinTarget parse(const QString &text);

    // From the token in a client access URL (ws(s)://…?access_token=…).
    static SessionAccess accessFromClientUrl(const QUrl &url, const QString &board);
    // From a negotiate answer: the relay's "role" field, else the token's roles.
    static SessionAccess accessFromNegotiate(const NegotiateResult &result, const QString &board);
};

} // namespace wr
