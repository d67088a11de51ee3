// Both directions of the Web PubSub JSON subprotocols: every input is decoded as a frame a
// client sends (the relay's side) and as one the service sends (the client's side). A frame that
// decodes must encode to a frame that decodes again to the same kind of message.
#include "fuzzsupport.h"

#include "webpubsub.h"

using namespace wr;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame = fuzz::bytes(data, size);

    const wps::ClientDecodeResult fromClient = wps::decodeClientMessage(frame);
    if (fromClient.ok()) {
        const wps::ClientDecodeResult again = wps::decodeClientMessage(wps::encode(*fromClient.message));
        if (!again.ok() || again.message->index() != fromClient.message->index())
            fuzz::violated("a decoded client message does not survive encode/decode");
    } else if (fromClient.error.isEmpty()) {
        fuzz::violated("a rejected client frame has no reason");
    }

    const wps::ServiceDecodeResult fromService = wps::decodeServiceMessage(frame);
    if (fromService.ok()) {
        const wps::ServiceDecodeResult again = wps::decodeServiceMessage(wps::encode(*fromService.message));
        if (!again.ok() || again.message->index() != fromService.message->index())
            fuzz::violated("a decoded service message does not survive encode/decode");
    }

    // The small helpers the decoders build on, with the input as text.
    const QString text = QString::fromUtf8(frame);
    if (const auto type = wps::dataTypeFromString(text)) {
        if (wps::dataTypeFromString(QString(wps::toString(*type))) != type)
            fuzz::violated("dataType names do not round-trip");
        QString why;
        wps::isValidPayload(*type, QJsonValue(text), &why);
    }
    return 0;
}
