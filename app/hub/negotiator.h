#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace wr {

// What a user pastes to join a session, plus who they are.
struct NegotiateRequest
{
    // A negotiate URL (http[s]://…), a client access URL (ws[s]://…?access_token=…) or a
    // connection string (Endpoint=…;AccessKey=…;).
    QString input;
    QString hub = QStringLiteral("watchroom"); // connection strings only
    QString userId;
    QString board;
    QString role; // viewer | annotator | source | admin
};

struct NegotiateResult
{
    enum class Error {
        None,
        InvalidInput, // not something we can connect with
        HostNotFound, // DNS
        ConnectionRefused,
        Tls,
        Timeout,
        HttpStatus, // the negotiate endpoint answered with an error status
        BadResponse, // a body that is neither a URL nor the JSON shapes of reference §2
        MissingToken, // a client URL without access_token
        Network, // anything else on the way
    };

    QUrl url; // ws(s)://…?access_token=… on success
    Error error = Error::None;
    QString errorString; // for people; never contains a token or an access key
    int httpStatus = 0; // set when the negotiate endpoint answered
    // The negotiate endpoint's JSON object answer ({url} or {baseUrl, token}, plus whatever the
    // server adds, e.g. the relay's "keeper": true); empty for other inputs and plain answers.
    QJsonObject response;

    bool ok() const { return error == Error::None; }
    // Retrying the same input cannot help (bad input, 4xx other than 408/429, bad TLS, …).
    bool isPermanent() const;

    static NegotiateResult success(const QUrl &url);
    static NegotiateResult failure(Error error, const QString &message, int httpStatus = 0);
};

// Turns a NegotiateRequest into a client access URL.
//  - Negotiate URL: GET (then POST when GET gives 404/405), adding board/user/role query items
//    that are given and not already present; accepts a plain string, {url} or {baseUrl,token}
//    and turns an http(s) URL into ws(s).
//  - ws(s):// URL: used as is, once it is known to carry access_token.
//  - Connection string: a token minted locally (sub = userId, roles of `role` on `board`,
//    defaulting like the relay to annotator on "main").
// One request at a time; every attempt ends in exactly one finished() (asynchronously, even
// for inputs that need no network) unless cancel() or a new negotiate() comes first.
class Negotiator : public QObject
{
    Q_OBJECT

public:
    enum class InputKind { Invalid, NegotiateUrl, ClientUrl, ConnectionString };
    static InputKind classify(const QString &input);

    explicit Negotiator(QObject *parent = nullptr);
    ~Negotiator() override;

    // Bounds the whole request: DNS, connect, TLS, both HTTP attempts.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timeout; }
    // E.g. to trust a relay's self-signed certificate through its CA list.
    void setSslConfiguration(const QSslConfiguration &configuration);
    // The SHA-256 digest of the certificate an https negotiate endpoint must present (TlsPin);
    // empty: none, certificates are verified normally. TLS errors are ignored only when the
    // pin matches and every error is one a pin may override.
    void setTlsPin(const QByteArray &digest);
    QByteArray tlsPin() const { return m_pin; }
    void setTokenLifetimeSeconds(qint64 seconds) { m_tokenLifetimeSeconds = seconds; }

    void negotiate(const NegotiateRequest &request);
    void cancel();
    bool isBusy() const;

    // The negotiate URL actually requested for `request` (query items added).
    static QUrl negotiateUrlFor(const NegotiateRequest &request);
    // A URL for logs and messages: wr::redactedUrl, i.e. the values of access_token,
    // awps_reconnection_token, invite, key, … and a password replaced by REDACTED.
    static QString redacted(const QUrl &url);

Q_SIGNALS:
    void finished(const wr::NegotiateResult &result);

private:
    void sendHttp(bool post);
    void onReplyFinished(QNetworkReply *reply, bool post);
    void onTimeout();
    void finish(const NegotiateResult &result);
    void finishLater(const NegotiateResult &result);
    NegotiateResult fromConnectionString(const NegotiateRequest &request) const;

    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QUrl m_url;
    quint64 m_generation = 0; // invalidates queued results after cancel()
    bool m_busy = false;
    std::chrono::milliseconds m_timeout { 15000 };
    std::optional<QSslConfiguration> m_ssl;
    QByteArray m_pin;
    bool m_sslChanged = false;
    qint64 m_tokenLifetimeSeconds = 3600;
};

} // namespace wr
