#include "tlspin.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslError>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr qsizetype kDigestBytes = 32;

// What a pin may override: who vouches for the certificate and which name it was issued for.
// Everything else (expiry, revocation, signatures, purpose) stays fatal.
QString pinnableReason(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return u"self-signed"_s;
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return u"issued by an authority this computer does not trust"_s;
    case QSslError::HostNameMismatch:
        return u"issued for another host name"_s;
    default:
        return {};
    }
}

// The leaf: the certificate the host-name check names, else the one a self-signed error
// names when it is the only certificate of the chain.
QSslCertificate leafFrom(const QList<QSslError> &errors)
{
    for (const QSslError &e : errors) {
        if (e.error() == QSslError::HostNameMismatch && !e.certificate().isNull())
            return e.certificate();
    }
    for (const QSslError &e : errors) {
        if (e.error() == QSslError::SelfSignedCertificate && !e.certificate().isNull())
            return e.certificate();
    }
    return QSslCertificate();
}

} // namespace

std::optional<QByteArray> TlsPin::parse(const QString &text, QString *error)
{
    const auto failed = [error](const QString &why) -> std::optional<QByteArray> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString pin = text.trimmed();
    if (!pin.startsWith("sha256:"_L1, Qt::CaseInsensitive))
        return failed(u"a certificate pin starts with 'sha256:'"_s);
    pin = pin.mid(7);
    if (pin.contains(u':')) {
        // Colon-separated pairs, as OpenSSL prints fingerprints: every group two digits.
        const QStringList pairs = pin.split(u':');
        for (const QString &pair : pairs) {
            if (pair.size() != 2)
                return failed(u"a certificate pin is sha256: and 64 hex digits, optionally in "
                              "pairs separated by ':'"_s);
        }
        pin = pairs.join(QString());
    }
    if (pin.size() != kDigestBytes * 2)
        return failed(
            u"a certificate pin is sha256: and 64 hex digits (this one has %1)"_s.arg(pin.size()));
    for (const QChar c : std::as_const(pin)) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return failed(u"a certificate pin has only hex digits after sha256:"_s);
    }
    return QByteArray::fromHex(pin.toLatin1());
}

QString TlsPin::format(const QByteArray &digest)
{
    if (digest.isEmpty())
        return {};
    return u"sha256:"_s + QString::fromLatin1(digest.toHex());
}

QString TlsPin::abbreviated(const QByteArray &digest)
{
    return u"sha256:"_s + QString::fromLatin1(digest.left(4).toHex()) + u'…';
}

QByteArray TlsPin::digestOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return certificate.digest(QCryptographicHash::Sha256);
}

QSslConfiguration TlsPin::pinnedConfiguration(QSslConfiguration base)
{
    // Setting the list, even empty, also turns off loading the system's CAs on demand.
    base.setCaCertificates({});
    return base;
}

TlsPin::Verdict TlsPin::check(const QList<QSslError> &errors, const QSslCertificate &peer,
                              const QByteArray &pin)
{
    Verdict verdict;
    QStringList reasons;
    QStringList fatal;
    for (const QSslError &e : errors) {
        const QString reason = pinnableReason(e.error());
        if (reason.isEmpty()) {
            if (!fatal.contains(e.errorString()))
                fatal.append(e.errorString());
        } else if (!reasons.contains(reason)) {
            reasons.append(reason);
        }
    }
    const QByteArray leaf = digestOf(peer.isNull() ? leafFrom(errors) : peer);
    if (!fatal.isEmpty()) {
        verdict.message = u"the relay's certificate%1 is not valid: %2"_s.arg(
            leaf.isEmpty() ? QString() : u" ("_s + format(leaf) + u')', fatal.join("; "_L1));
        return verdict;
    }
    if (pin.isEmpty()) {
        verdict.message = leaf.isEmpty()
            ? u"the relay's certificate is not trusted: %1"_s.arg(reasons.join(", "_L1))
            : u"the relay's certificate is not trusted: %1; pin it to trust it on a LAN: %2"_s.arg(
                reasons.join(", "_L1), format(leaf));
        return verdict;
    }
    if (leaf.isEmpty()) {
        verdict.message = u"the relay's certificate cannot be compared with the pinned "
                          "fingerprint (%1): %2"_s.arg(abbreviated(pin), reasons.join(", "_L1));
        return verdict;
    }
    if (leaf != pin) {
        verdict.message = u"the relay's certificate (%1) does not match the pinned fingerprint "
                          "(%2)"_s.arg(abbreviated(leaf), abbreviated(pin));
        return verdict;
    }
    verdict.accept = true;
    return verdict;
}

bool TlsPin::matches(const QSslCertificate &peer, const QByteArray &pin, QString *message)
{
    if (pin.isEmpty())
        return true;
    const QByteArray digest = digestOf(peer);
    if (digest == pin)
        return true;
    if (message) {
        *message = digest.isEmpty()
            ? u"the relay presented no certificate to compare with the pinned fingerprint"_s
            : u"the relay's certificate (%1) does not match the pinned fingerprint (%2)"_s.arg(
                abbreviated(digest), abbreviated(pin));
    }
    return false;
}

} // namespace wr
