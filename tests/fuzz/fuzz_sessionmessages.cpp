// The Watchroom session protocol decoder (app/protocol/sessionmessages.h), as a client meets it in
// the `data` of a group message, plus the HLC timestamp parser. A message that decodes must
// encode to one that decodes again to the same kind of message.
#include "fuzzsupport.h"

#include "sessionmessages.h"

#include <QJsonDocument>

using namespace wr;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);

    const session::DecodeResult result = session::decode(json);
    if (result.ok()) {
        const QJsonObject encoded = session::encode(*result.message);
        const session::DecodeResult again = session::decode(QJsonValue(encoded));
        if (!again.ok() || again.message->index() != result.message->index())
            fuzz::violated("a decoded session message does not survive encode/decode");
        if (const auto *snapshot = std::get_if<session::Snapshot>(&*result.message)) {
            qsizetype total = 0;
            for (const session::Snapshot &part : session::splitSnapshot(*snapshot))
                total += part.annotations.size();
            if (total != snapshot->annotations.size())
                fuzz::violated("splitSnapshot lost or duplicated annotations");
        }
    } else if (result.error.isEmpty()) {
        fuzz::violated("a rejected session message has no reason");
    }

    const QString text = QString::fromUtf8(json);
    if (const auto clock = session::HlcTimestamp::parse(text)) {
        const auto again = session::HlcTimestamp::parse(clock->toString());
        if (!again || *again != *clock)
            fuzz::violated("an HLC timestamp does not round-trip");
    }
    return 0;
}
