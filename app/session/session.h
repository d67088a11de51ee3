#pragma once

#include "sessionmessages.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>
#include <limits>
#include <map>
#include <optional>

namespace wr {

class AnnotationStore;
class MetricStore;
class PresenceModel;

// Who answers a late joiner's sync-request (PROTOCOL.md, "Late joiners").
enum class SessionMode {
    Auto, // Relay when the hub said a keeper is active (setKeeperPresent(true)), else Cloud
    Relay, // the keeper answers with a server message; clients never answer
    Cloud, // annotators holding state answer on the annotations group, jittered and suppressed
};

// Every setting, timing and source of randomness of a Session; tests shrink and pin them.
struct SessionOptions
{
    using ms = std::chrono::milliseconds;

    QString board = QStringLiteral("main");
    // HLC node id and author of local edits until the transport names us (transportUp).
    QString userId;
    QString name; // display name; the userId when empty
    QString color = QStringLiteral("#3e63dd");
    QString client = QStringLiteral("watchroom/1.0");
    bool followable = true;
    SessionMode mode = SessionMode::Auto;
    // Whether we may answer sync-requests (annotators and admins). A Forbidden answer turns it
    // off for the rest of the session.
    bool canAnnotate = true;
    // false: a tool that only sends (watchroom-cli annotate): no hello, sync-request, presence,
    // heartbeat or bye, so it never shows up as a person on the board.
    bool participate = true;

    ms cursorInterval { 34 }; // minimum spacing of cursor messages: ≤ 30 Hz
    ms heartbeatInterval { 5000 }; // presence re-sent this often while connected
    ms helloAnswerMaxDelay { 500 }; // our presence answers a peer's hello after U[0, this]
    ms snapshotAnswerMaxDelay { 500 }; // cloud mode: snapshot answer after U[0, this]

    // Uniform integer in [0, bound]; default QRandomGenerator::global().
    std::function<qint64(qint64 bound)> random;
    // Unix epoch ms for the HLC; default the system clock.
    std::function<qint64()> wallClock;
    // Monotonic ms for the cursor throttle; default a QElapsedTimer.
    std::function<qint64()> monotonicClock;
};

// One message the session wants to send. The transport adapter (SessionBinding for HubClient,
// a test harness for back-to-back sessions) delivers it and, for Acked frames, reports the
// result with sendAcked(token) or sendFailed(token, …).
struct SessionFrame
{
    enum class Delivery {
        Acked, // annotations and snapshots (and metrics from publishMetrics(…, true))
        FireAndForget, // presence group traffic and metrics; dropped when it cannot go now
    };
    QString group; // full group name, e.g. "main.presence"
    QJsonObject data; // a session message (dataType json)
    Delivery delivery = Delivery::FireAndForget;
    bool noEcho = false; // presence group: we do not want our own copies back
    quint64 token = 0; // Acked only: echoed by sendAcked/sendFailed; unique per session
};

// What a session received and did, for diagnostics, the CLI and tests.
struct SessionStats
{
    quint64 received = 0; // session messages accepted and applied
    quint64 malformed = 0; // not JSON data, not a valid session message, unknown type
    quint64 oversized = 0; // over session::kMaxMessageBytes (metrics: the transport's limit)
    quint64 wrongGroup = 0; // e.g. an annotation op on the presence group: rejected
    quint64 foreignGroup = 0; // a group that is not one of this board's three
    quint64 metricPoints = 0; // points handed to the MetricStore
    quint64 annotationOps = 0; // annotation ops received (applied or stale)
    quint64 snapshotsReceived = 0;
    quint64 snapshotsSent = 0; // answers to sync-requests (parts of a split one count once)
    quint64 snapshotsSuppressed = 0; // answers cancelled because another peer answered first
    quint64 cursorsSent = 0;
    quint64 cursorsCoalesced = 0; // positions replaced by a later one before they went out
    quint64 presenceSent = 0; // hello, presence, heartbeat
    quint64 sendFailures = 0; // acked sends that failed (local ops stay pending unless refused)
    qsizetype pendingLocalOps = 0; // local annotation edits not yet acknowledged by the hub
    bool operator==(const SessionStats &) const = default;
};

// The client side of one board (DESIGN.md, app/session), independent of any transport:
// frames come in through the receive*() slots and the transport*() notifications, go out
// through frameOut(). Two sessions can be wired back to back in a test.
//
// Behaviour (PROTOCOL.md):
//  - transportUp(userId, false) (a new connection, groups joined): hello, sync-request,
//    presence; unacknowledged local edits are sent again. transportUp(userId, true) (the same
//    connection recovered, nothing lost): only the pending edits.
//  - Presence is sent on every change and as a heartbeat; a peer's hello is answered with our
//    presence after a random delay; stop() says bye.
//  - Cursors: at most one per cursorInterval, only when moved; the latest position wins and
//    the last one is always sent (trailing send). Dropped while the transport is down.
//  - Local annotation edits apply to the store at once (fresh HLC clock) and go out acked;
//    made while the transport is down (offline edits) they wait and go out on the next
//    transportUp. Only the newest op per annotation id is kept waiting (last writer wins).
//    A refused edit (Forbidden, BadRequest) is reported with localEditFailed and not retried.
//  - Received annotation ops and snapshots are merged only when they arrive on the board's
//    annotations group or as server messages; anything else is rejected and counted.
//  - Cloud mode: holding state, we answer a peer's sync-request with a snapshot (split to fit
//    the message limit) after a random delay, unless another snapshot arrives first.
//  - Malformed and oversized messages are dropped and counted (stats()), never fatal.
class Session : public QObject
{
    Q_OBJECT

public:
    enum class Origin { Metrics, Presence, Annotations, Server };
    Q_ENUM(Origin)

    explicit Session(SessionOptions options = {}, QObject *parent = nullptr);
    ~Session() override;

    const SessionOptions &options() const { return m_options; }
    QString board() const { return m_options.board; }
    QString metricsGroup() const { return m_metricsGroup; }
    QString presenceGroup() const { return m_presenceGroup; }
    QString annotationsGroup() const { return m_annotationsGroup; }

    // The stores this session feeds; owned by the session, alive as long as it is.
    MetricStore *metrics() const { return m_metrics; }
    AnnotationStore *annotations() const { return m_annotations; }
    PresenceModel *presence() const { return m_presence; }

    QString userId() const { return m_userId; }
    bool isUp() const { return m_up; }
    bool isStopped() const { return m_stopped; }
    SessionStats stats() const;

    // ---- mode -------------------------------------------------------------------------------
    SessionMode mode() const { return m_options.mode; }
    // What the hub told us (negotiate response "keeper"); nullopt: unknown. Only matters in
    // Auto mode, where unknown means Cloud.
    void setKeeperPresent(std::optional<bool> present) { m_keeperPresent = present; }
    std::optional<bool> keeperPresent() const { return m_keeperPresent; }
    SessionMode effectiveMode() const; // Relay or Cloud

    // ---- our presence (each setter sends a presence message when the value changes) ---------
    session::Presence localPresence() const;
    void setName(const QString &name);
    void setColor(const QString &color);
    void setState(session::PresenceState state);
    void setView(const std::optional<session::View> &view);
    void setFollowable(bool followable);

    // ---- cursor -----------------------------------------------------------------------------
    // Pointer at (t, y) in the data space of `panel`.
    void moveCursor(const QString &panel, qint64 t, double y);
    // The pointer left the charts: cursor with panel null (throttled like a move).
    void leaveCursor();

    // ---- annotations ------------------------------------------------------------------------
    // Creates (empty id: a new id is assigned) or replaces an annotation; returns its id.
    // Invalid input (text over session::kMaxTextLength, too many or too long tags, t1 < t0)
    // returns an empty string and sets `error`; nothing is stored or sent.
    QString putAnnotation(const session::Annotation &annotation, QString *error = nullptr);
    // Deletes a visible annotation; false when there is none with that id.
    bool removeAnnotation(const QString &id);
    // Ids of local edits still waiting for the hub's ack.
    QStringList pendingAnnotationIds() const;

    // ---- metrics (sources, the CLI) ---------------------------------------------------------
    // Sends a metrics frame to the board's metrics group. Fire-and-forget by default (dropped
    // while down); acked=true makes it reliable and reports through metricsAcked/-Failed.
    // Returns the token (acked) or 0; 0 with acked=true means the transport is down.
    quint64 publishMetrics(const session::MetricsFrame &frame, bool acked = false);

    // A peer's sync-request and our own are answered by the rules above; this sends one now
    // (the session does it on every new connection).
    void requestSync();

public Q_SLOTS:
    // The transport is connected and joined to the board's groups. `resumed`: the same
    // connection recovered without losing messages.
    void transportUp(const QString &userId, bool resumed = false);
    // The transport lost its connection; local edits made from now on wait (offline edits).
    void transportDown();
    // Says bye (if up), stops timers, sends nothing afterwards. Idempotent.
    void stop();

    // A group message (dataType json only; anything else is counted as malformed).
    void receiveGroupMessage(const QString &group, const QString &fromUserId,
                             const QJsonValue &data, bool isJson = true);
    // A server message (the keeper's snapshot in relay mode, or its ops).
    void receiveServerMessage(const QJsonValue &data, bool isJson = true);
    // Results of Acked frames, by token.
    void sendAcked(quint64 token);
    void sendFailed(quint64 token, const QString &errorName, const QString &message);

Q_SIGNALS:
    // A frame for the transport. Connect with a direct connection: the session expects
    // sendAcked/sendFailed later, never during the emission.
    void frameOut(const wr::SessionFrame &frame);

    // A valid session message was received and applied (or, for our own echoes, ignored by
    // the stores). For logs and `watchroom-cli tail`.
    void messageReceived(wr::Session::Origin origin, const QString &fromUserId,
                         const QJsonObject &message);
    // A message was dropped: malformed, oversized or on the wrong group.
    void messageRejected(wr::Session::Origin origin, const QString &fromUserId,
                         const QString &reason);

    // Local annotation edits: the hub accepted it, or refused it for good.
    void localEditAcked(const QString &annotationId);
    void localEditFailed(const QString &annotationId, const QString &errorName,
                         const QString &message);
    void metricsAcked(quint64 token);
    void metricsFailed(quint64 token, const QString &errorName, const QString &message);

    void upChanged(bool up);
    void syncRequested(const QString &fromUserId); // a peer's sync-request
    void snapshotAnswered(int parts); // we answered a sync-request (cloud mode)
    // A drop, rejection, suppression or send failure was counted (not emitted per message
    // received: poll stats() for the running totals).
    void statsChanged();

private:
    struct PendingSend
    {
        enum class Kind { LocalEdit, Snapshot, Metrics };
        Kind kind = Kind::LocalEdit;
        QString annotationId; // LocalEdit
        session::HlcTimestamp clock; // LocalEdit: which op of that id
    };

    void handle(Origin origin, const QString &fromUserId, const QJsonValue &data, bool isJson);
    void reject(Origin origin, const QString &fromUserId, quint64 SessionStats::*counter,
                const QString &reason);
    void sendFrame(const QString &group, const QJsonObject &data, SessionFrame::Delivery delivery,
                   bool noEcho, PendingSend pending);
    void sendPresenceMessage(const session::Message &message);
    void sendPresence();
    void presenceChanged();
    void sendHello();
    void queueLocalOp(const session::AnnotationOp &op);
    void flushLocalOps();
    void sendLocalOp(const session::AnnotationOp &op);
    void onCursorTimer();
    void sendCursor(const session::Cursor &cursor);
    void setCursor(const session::Cursor &cursor);
    void onPeerSyncRequest(const QString &fromUserId);
    void onSnapshotSeen(const QString &fromUserId);
    void answerSyncRequest();
    bool holdsState() const;
    qint64 randomUpTo(std::chrono::milliseconds bound) const;
    qint64 monotonicNow() const;
    void setUp(bool up);
    void touchStats();

    SessionOptions m_options;
    QString m_metricsGroup;
    QString m_presenceGroup;
    QString m_annotationsGroup;
    MetricStore *m_metrics = nullptr;
    AnnotationStore *m_annotations = nullptr;
    PresenceModel *m_presence = nullptr;

    QString m_userId;
    bool m_up = false;
    bool m_stopped = false;
    std::optional<bool> m_keeperPresent;
    session::Presence m_localPresence;

    // cursor throttle
    QTimer m_cursorTimer;
    QElapsedTimer m_monotonic;
    std::optional<session::Cursor> m_lastCursorSent;
    std::optional<session::Cursor> m_pendingCursor;
    qint64 m_lastCursorSentAt = std::numeric_limits<qint64>::min() / 2;

    QTimer m_heartbeatTimer;
    QTimer m_helloAnswerTimer;
    QTimer m_snapshotTimer; // cloud mode: pending answer to sync-requests

    // local annotation edits waiting for an ack: newest op per id
    std::map<QString, session::AnnotationOp> m_pendingOps;
    QHash<QString, quint64> m_inFlight; // annotation id -> token of the send in flight
    std::map<quint64, PendingSend> m_sends; // acked sends in flight, by token
    quint64 m_nextToken = 1;

    SessionStats m_stats;
    bool m_statsDirty = false;
};

} // namespace wr
