// JWT parsing and verification (app/protocol/jwt.h). The first byte picks the mode:
//  even: the rest is a token as it arrives (access_token, Authorization: Bearer …), decoded and
//        verified against a fixed key — this covers the shape and base64url checks, since a
//        fuzzer cannot forge the HMAC;
//  odd:  the rest is "<header JSON>\n<claims JSON>", which the harness signs with the key, so
//        the algorithm, exp/nbf and claim handling behind the signature check are fuzzed too.
// A verified token's claims then go through clientClaimsFrom and the audience checks.
#include "fuzzsupport.h"

#include "jwt.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

using namespace wr;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kKey = QByteArrayLiteral("fuzz-access-key");

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray signedToken(const QByteArray &header, const QByteArray &claims)
{
    const QByteArray signingInput = base64Url(header) + '.' + base64Url(claims);
    return signingInput + '.'
        + base64Url(QMessageAuthenticationCode::hash(signingInput, kKey,
                                                     QCryptographicHash::Sha256));
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray rest = fuzz::bytes(data + 1, size - 1);
    QByteArray token;
    if (data[0] & 1) {
        const qsizetype newline = rest.indexOf('\n');
        token = newline < 0 ? signedToken(rest, {})
                            : signedToken(rest.left(newline), rest.mid(newline + 1));
    } else {
        token = rest;
    }

    QString error;
    Jwt::decodeUnverified(token, &error);

    Jwt::VerifyOptions options;
    options.keys = { QByteArrayLiteral("other-key"), kKey };
    options.now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    options.requireExpiry = (data[0] & 2) != 0;
    const auto verified = Jwt::verify(token, options, &error);
    if (!verified) {
        if (error.isEmpty())
            fuzz::violated("a rejected token has no reason");
        return 0;
    }
    if (verified->header.value("alg"_L1).toString() != "HS256"_L1)
        fuzz::violated("a token that is not HS256 was accepted");

    const ClientTokenClaims claims = clientClaimsFrom(verified->claims);
    clientAudienceMatches(claims.audience, u"watchroom"_s);
    restAudienceMatches(claims.audience, u"/api/hubs/watchroom/:send"_s);
    return 0;
}
