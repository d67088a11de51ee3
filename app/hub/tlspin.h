#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <optional>

class QSslError;

namespace wr {

// A certificate pin for LAN sessions: the SHA-256 digest of the server's leaf certificate
// (DER), written `sha256:<64 hex digits>`.
//
// With a pin the pin alone decides trust, as an SSH known-hosts entry does: the system's CAs
// are not consulted (pinnedConfiguration() clears them, so every handshake reports the chain
// as untrusted and reaches check()), a certificate whose digest differs is refused even when
// a CA would vouch for it, and a matching one is accepted although it is self-signed, not
// issued by a trusted CA or issued for another host name (a LAN address). Other certificate
// problems (expired, not yet valid, revoked, bad signature) are refused with or without a pin.
// Without a pin, certificates are verified normally.
class TlsPin
{
public:
    // Accepts `sha256:` (any case) followed by 64 hex digits, optionally in pairs separated
    // by ':' (as `openssl x509 -fingerprint -sha256` prints them); surrounding white space is
    // ignored. Returns the 32-byte digest, or nullopt with a reason.
    static std::optional<QByteArray> parse(const QString &text, QString *error = nullptr);
    // `sha256:` + 64 lower-case hex digits; empty for an empty digest.
    static QString format(const QByteArray &digest);
    // `sha256:` + the first 8 hex digits + '…', for messages.
    static QString abbreviated(const QByteArray &digest);
    static QByteArray digestOf(const QSslCertificate &certificate);

    // `base` with an empty CA list and on-demand loading of the system's CAs off, so that a
    // pinned connection always reports its chain through sslErrors.
    static QSslConfiguration pinnedConfiguration(QSslConfiguration base);

    struct Verdict
    {
        bool accept = false; // ignore exactly these errors and go on
        QString message; // why not, for people; names the certificate's fingerprint
    };
    // Decides a handshake that reported `errors` (QSslSocket/QNetworkReply::sslErrors) with
    // `pin` (empty: none). `peer` is the leaf certificate when the transport can tell it; a
    // null one is taken from the errors (the host-name error's, or a lone self-signed one).
    static Verdict check(const QList<QSslError> &errors, const QSslCertificate &peer,
                         const QByteArray &pin);
    // After a handshake that succeeded: false with a message when `peer` does not match
    // `pin` (a resumed TLS session reports no errors, so this is checked again).
    static bool matches(const QSslCertificate &peer, const QByteArray &pin, QString *message);
};

} // namespace wr
