#pragma once

#include "negotiator.h"
#include "webpubsub.h"

#include <QElapsedTimer>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <optional>

class QWebSocket;

namespace wr {

// Every timing and bound of HubClient; tests shrink them (reference §6, §10.1).
struct HubClientOptions
{
    using ms = std::chrono::milliseconds;

    QString subprotocol = QString(wps::kJsonReliableProtocol); // or wps::kJsonProtocol
    ms connectTimeout { 15000 }; // each of: getting a URL; handshake + `connected`
    ms pingInterval { 20000 }; // {"type":"ping"}; 0 disables
    ms livenessTimeout { 120000 }; // no inbound frame for this long: drop and recover; 0 disables
    ms sequenceAckInterval { 1000 };
    quint64 sequenceAckGap = 300; // a jump larger than this is acked at once
    // Received but not yet acked: at this many, ack at once instead of waiting for the timer.
    // The service drops a session whose un-acked buffer overflows (≈ 1000 messages), so a
    // once-a-second ack alone loses the session above ~1000 messages/s.
    quint64 sequenceAckBacklog = 250;
    ms recoveryInterval { 1000 }; // between recovery attempts
    ms recoveryWindow { 30000 }; // then give up and start a new connection
    ms reconnectBase { 1000 }; // exponential backoff with full jitter …
    ms reconnectCap { 30000 }; // … capped here
    int maxReconnectAttempts = 0; // consecutive failed attempts before Offline; 0 = never
    ms ackTimeout { 30000 }; // no ack on a live connection: resend (same ackId)
    ms ackRetryDelay { 1000 }; // after a failed ack other than Forbidden/BadRequest
    int maxAckRetries = 5; // then sendFailed
    qsizetype outboxLimit = 10000; // acked sends waiting for their ack
    // Pacing of acked sends, so that flushing a full outbox after a (re)connect stays below the
    // relay's default per-connection limits (1000 messages/s with a burst of 2000, 4 MiB/s with
    // a burst of 8 MiB; beyond them it closes with 1008, docs/security.md) and leaves half of
    // them to pings, acks, cursors and presence: at most sendSliceMessages frames and
    // sendSliceBytes bytes per sendSlice, the rest in the next slices, in ackId order. A few
    // sends go at once; a frame larger than sendSliceBytes goes alone in its slice. 0 (either
    // bound) switches that bound off.
    ms sendSlice { 1000 };
    int sendSliceMessages = 500;
    qint64 sendSliceBytes = 1024 * 1024;
    qint64 maxQueuedWriteBytes = 1024 * 1024; // above this fire-and-forget sends are dropped
    ms statsInterval { 1000 };
    std::optional<QSslConfiguration> sslConfiguration; // e.g. to trust a relay's certificate
    // SHA-256 digest of the certificate an https/wss hub must present (TlsPin::parse); empty:
    // none. Applies to the negotiate request and to every WebSocket of this client.
    QByteArray tlsPin;
};

struct HubStats
{
    qint64 roundTripMs = -1; // last ping → pong; -1 until measured
    double messagesInPerSecond = 0;
    double messagesOutPerSecond = 0;
    quint64 messagesIn = 0; // group and server messages delivered to the application
    quint64 messagesOut = 0; // sendToGroup/event frames written (retries not counted)
    quint64 duplicatesDropped = 0; // sequenceId ≤ the largest seen
    quint64 duplicateAcks = 0; // `Duplicate` acks taken as success
    quint64 droppedWhileDisconnected = 0; // fire-and-forget sends refused
    quint64 droppedBackpressure = 0; // fire-and-forget sends refused: socket backlog
    quint64 recoveries = 0; // successful recoveries of the same connection
    quint64 reconnects = 0; // new connections after the first
    qsizetype outboxSize = 0;
    quint64 lastSequenceId = 0;
    bool operator==(const HubStats &) const = default;
};

// The client side of the Azure Web PubSub JSON protocols on a QWebSocket: reliable delivery
// (sequence acks, duplicate suppression, recovery of the same connection), keep-alive,
// reconnection with a fresh URL, acked sends that survive all of that with the same ackId.
//
// States (stateChanged):
//   Stopped      → start() → Connecting (getting a URL, handshake, waiting for `connected`)
//   Connecting   → Connected; on a failure → Reconnecting
//   Connected    → unexpected drop, reliable protocol → Recovering
//                → drop on a non-reliable protocol, or close 1008 → Reconnecting
//   Recovering   → the same URL + awps_connection_id/awps_reconnection_token every
//                  recoveryInterval: success → Connected (no connected() signal, groups kept);
//                  1008 or recoveryWindow over → Reconnecting
//   Reconnecting → waits (reconnectScheduled), gets a new URL, connects: Connected with a new
//                  connection id, connected() signal, groups rejoined
//   Offline      → gave up: a permanent failure (input that cannot work, negotiate 4xx, TLS
//                  errors, a handshake refused with 4xx for a URL that cannot be renewed) or
//                  maxReconnectAttempts reached. No timers run; acked sends stay queued;
//                  start() or reconnectNow() tries again. A network that is down is not
//                  Offline: it is a transient failure and Reconnecting keeps trying.
//   any          → stop() → Stopped, synchronously; nothing scheduled before survives it.
//
// Drops the client itself detects (liveness, a stalled handshake) abort the socket without a
// close frame, so the service keeps the session for the recovery; only stop() closes cleanly.
//
// Acked sends: `Duplicate` is success; `Forbidden` and `BadRequest` fail at once (the same
// request cannot succeed later); other errors and missing acks (ackTimeout) are retried with
// the same ackId, up to maxAckRetries. After a recovery the service deduplicates resent
// requests; a request whose ack was lost with a connection that could not be recovered is
// sent again on the new connection, where the service cannot know it, so it may be applied
// twice — session messages are idempotent (annotation ids, last-writer-wins).
class HubClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Connecting, Connected, Recovering, Reconnecting, Offline };
    Q_ENUM(State)

    // Where the URL of each new connection comes from. The provider calls `done` once,
    // possibly later; a result delivered after stop() or a newer request is ignored.
    using UrlCallback = std::function<void(const NegotiateResult &)>;
    using UrlProvider = std::function<void(const UrlCallback &done)>;

    explicit HubClient(HubClientOptions options = {}, QObject *parent = nullptr);
    ~HubClient() override;

    // Only from Stopped or Offline; otherwise ignored (returns false).
    bool start(const NegotiateRequest &request); // negotiates again for every new connection
    bool start(const QUrl &clientAccessUrl); // ws(s) URL: reused, its token with it
    bool start(UrlProvider provider);
    // Closes the connection (a clean close, so the service drops the session), fails every
    // pending acked send with "ClientStopped", forgets joined groups. The ackId counter
    // continues.
    void stop();
    // From Reconnecting: skip the remaining wait. From Offline: try again.
    void reconnectNow();

    State state() const { return m_state; }
    QString connectionId() const { return m_connectionId; }
    QString userId() const { return m_userId; }
    bool isReliable() const { return m_reliable; }
    QSet<QString> joinedGroups() const { return m_groups; }

    // Acked sends: return the ackId, which stays the same across retries and reconnects;
    // exactly one sendAcked or sendFailed follows. Accepted in any state and sent when
    // connected, up to outboxLimit waiting (then sendFailed "OutboxFull").
    quint64 joinGroup(const QString &group);
    quint64 leaveGroup(const QString &group);
    quint64 sendToGroup(const QString &group, const QJsonValue &data,
                        wps::DataType dataType = wps::DataType::Json, bool noEcho = false);
    quint64 sendEvent(const QString &event, const QJsonValue &data,
                      wps::DataType dataType = wps::DataType::Json);

    // Fire-and-forget: sent now or never. False (and counted) when not connected.
    bool sendToGroupFireAndForget(const QString &group, const QJsonValue &data,
                                  wps::DataType dataType = wps::DataType::Json,
                                  bool noEcho = false);
    bool sendEventFireAndForget(const QString &event, const QJsonValue &data,
                                wps::DataType dataType = wps::DataType::Json);

    HubStats stats() const;
    const HubClientOptions &options() const { return m_options; }
    // Replaces options().tlsPin from the next start() on (e.g. the embedded relay restarted
    // with another certificate).
    void setTlsPin(const QByteArray &digest) { m_options.tlsPin = digest; }

    int lastCloseCode() const { return m_lastCloseCode; } // 0: none yet
    QString lastCloseReason() const { return m_lastCloseReason; }
    QString lastError() const { return m_lastError; }

    // Upper bound of the delay before reconnect attempt `attempt` (0-based); the delay itself
    // is uniform in [0, bound] (full jitter).
    static std::chrono::milliseconds backoffBound(int attempt, std::chrono::milliseconds base,
                                                  std::chrono::milliseconds cap);
    // `url` + awps_connection_id + awps_reconnection_token (replacing earlier ones).
    static QUrl recoveryUrl(const QUrl &url, const QString &connectionId,
                            const QString &reconnectionToken);

Q_SIGNALS:
    void stateChanged(wr::HubClient::State state);
    // A new connection (not a recovered one) is ready; joined groups were re-requested.
    void connected(const QString &connectionId, const QString &userId);
    void reconnectScheduled(int seconds); // rounded up
    void groupMessage(const QString &group, const QString &fromUserId, wr::wps::DataType dataType,
                      const QJsonValue &data);
    void serverMessage(wr::wps::DataType dataType, const QJsonValue &data);
    void sendAcked(quint64 ackId);
    void sendFailed(quint64 ackId, const QString &errorName, const QString &message);
    void groupRejoinFailed(const QString &group, const QString &errorName, const QString &message);
    void statsChanged();
    void errorOccurred(const QString &message); // also lastError()

private:
    struct Pending
    {
        enum class Phase { Waiting, Sent, RetryWait };
        wps::ClientMessage message; // carries the ackId
        QString group; // join/leave bookkeeping
        bool isJoin = false;
        bool internal = false; // a rejoin: reported through groupRejoinFailed
        bool counted = false; // in stats().messagesOut already
        Phase phase = Phase::Waiting;
        quint64 epoch = 0; // the session it was last sent on
        int retries = 0;
    };
    struct Due
    {
        qint64 atMs;
        quint64 ackId;
        quint64 epoch; // for ack deadlines: which send it guards
    };

    bool startWith(UrlProvider provider, bool renewable);
    void setState(State state);
    void fail(const QString &message);

    // connection lifecycle
    void beginNewConnection();
    void onUrl(const NegotiateResult &result);
    void openSocket(const QUrl &url);
    void onSocketOpened();
    void onSocketLost(QWebSocket *socket);
    void onAttemptTimeout();
    void discardSocket(bool graceful);
    void attemptFailed(const QString &reason, bool permanent);
    void scheduleReconnect();
    void goOffline(const QString &reason);
    void startRecovery();
    void attemptRecovery();
    void giveUpRecovery(const QString &reason);
    void transportLost(int closeCode);
    void sessionEstablished(const wps::Connected &message);
    void startSessionTimers();
    void stopSessionTimers();
    void checkLiveness();
    void sendPing();

    // frames
    void onFrame(const QByteArray &frame);
    void onData(std::optional<quint64> sequenceId, const std::function<void()> &deliver);
    void onAck(const wps::Ack &ack);
    void flushSequenceAck();
    bool writeFrame(const QByteArray &frame);

    // outbox
    quint64 enqueue(wps::ClientMessage message, quint64 ackId, const QString &group, bool isJoin,
                    bool internal = false);
    quint64 rejectLater(quint64 ackId, const QString &errorName, const QString &message);
    void transmit(quint64 ackId, Pending &entry);
    void transmit(quint64 ackId, Pending &entry, const QByteArray &frame);
    void flushOutbox(); // from the oldest entry: a new session
    void continueFlush(); // from where the last slice stopped
    bool fitsSlice(qint64 bytes); // starts a new slice when the current one is over
    void rejoinGroups();
    void completeEntry(quint64 ackId, bool success, const QString &errorName,
                       const QString &message);
    void scheduleOutboxTimer();
    void onOutboxTimer();
    void failAllPending(const QString &errorName, const QString &message);
    bool fireAndForget(const wps::ClientMessage &message);

    void onStatsTick();

    HubClientOptions m_options;
    State m_state = State::Stopped;
    UrlProvider m_provider;
    bool m_renewableUrl = true;
    Negotiator *m_negotiator = nullptr;
    UrlCallback m_negotiatorDone;
    quint64 m_attemptGeneration = 0; // invalidates URL callbacks of abandoned attempts

    QPointer<QWebSocket> m_socket;
    bool m_socketOpen = false; // handshake done
    bool m_closeFrameReceived = false;
    bool m_transportFailed = false; // the current socket's TCP socket reported an error
    QString m_tlsRefusal; // why the last handshake's certificate was refused
    QUrl m_url; // of the current connection; recovery appends to it
    QString m_connectionId;
    QString m_userId;
    QString m_reconnectionToken;
    bool m_reliable = true;
    bool m_hadConnection = false;
    quint64 m_epoch = 0; // increments with every established session (new or recovered)

    quint64 m_largestSequenceId = 0;
    quint64 m_ackedSequenceId = 0;

    QTimer m_attemptTimer; // handshake / URL timeout of one attempt
    QTimer m_retryTimer; // backoff wait, or the pause between recovery attempts
    QTimer m_recoveryDeadline;
    QTimer m_pingTimer;
    QTimer m_livenessTimer;
    QTimer m_sequenceAckTimer;
    QTimer m_outboxTimer;
    qint64 m_outboxTimerAtMs = 0;
    QTimer m_flushTimer; // the next slice of a paced flush
    quint64 m_flushFrom = 0; // entries below this ackId were sent on this session
    qint64 m_sliceStartMs = -1;
    int m_sliceMessages = 0;
    qint64 m_sliceBytes = 0;
    QTimer m_statsTimer;
    QElapsedTimer m_clock; // monotonic time base for deadlines
    qint64 m_lastInboundMs = 0;
    qint64 m_pingSentMs = -1; // outstanding ping, for the round trip
    int m_reconnectAttempt = 0;

    QSet<QString> m_groups; // joined through this client and not left
    std::map<quint64, Pending> m_outbox;
    std::deque<Due> m_ackDeadlines;
    std::deque<Due> m_retriesDue;
    quint64 m_nextAckId = 1;

    HubStats m_stats;
    HubStats m_lastEmittedStats;
    quint64 m_rateInBase = 0;
    quint64 m_rateOutBase = 0;
    qint64 m_rateBaseMs = 0;

    int m_lastCloseCode = 0;
    QString m_lastCloseReason;
    QString m_lastError;
};

} // namespace wr
