// Azure Web PubSub connection strings (app/protocol/connectionstring.h) and what is derived from
// them: a parsed string must print to one that parses to the same endpoint and key, and minting a
// client URL from it must not fail.
#include "fuzzsupport.h"

#include "accessurl.h"
#include "connectionstring.h"

using namespace wr;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    QString error;
    const auto parsed = ConnectionString::parse(text, &error);
    if (!parsed) {
        if (error.isEmpty())
            fuzz::violated("a rejected connection string has no reason");
        return 0;
    }
    const auto again = ConnectionString::parse(parsed->toString(), &error);
    if (!again || again->endpoint != parsed->endpoint || again->accessKey != parsed->accessKey)
        fuzz::violated("a parsed connection string does not round-trip through toString()");

    const QUrl ws = parsed->webSocketEndpoint();
    if (!ws.isValid())
        fuzz::violated("webSocketEndpoint() of a valid connection string is invalid");

    ClientAccessOptions options;
    options.userId = u"fuzz"_s;
    options.roles = { u"webpubsub.joinLeaveGroup"_s };
    options.now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    const ClientAccess access = clientAccessFor(*parsed, u"watchroom"_s, options);
    if (access.token.isEmpty())
        fuzz::violated("clientAccessFor minted an empty token");
    return 0;
}
