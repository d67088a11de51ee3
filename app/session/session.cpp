#include "session.h"

#include "annotationstore.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "sessionlogging.h"
#include "webpubsub.h"

#include <QJsonDocument>
#include <QMetaMethod>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

bool isPermanentFailure(const QString &errorName)
{
    return errorName == wps::AckError::Forbidden || errorName == wps::AckError::BadRequest;
}

QString originName(Session::Origin origin)
{
    switch (origin) {
    case Session::Origin::Metrics:
        return u"metrics group"_s;
    case Session::Origin::Presence:
        return u"presence group"_s;
    case Session::Origin::Annotations:
        return u"annotations group"_s;
    case Session::Origin::Server:
        return u"server"_s;
    }
    return {};
}

} // namespace

Session::Session(SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_metricsGroup(session::metricsGroup(m_options.board))
    , m_presenceGroup(session::presenceGroup(m_options.board))
    , m_annotationsGroup(session::annotationsGroup(m_options.board))
    , m_userId(m_options.userId)
{
    if (!session::isValidBoardName(m_options.board))
        qCWarning(lcSession) << "invalid board name" << m_options.board;
    m_metrics = new MetricStore(this);
    m_annotations = new AnnotationStore(m_userId, m_options.wallClock, this);
    m_presence = new PresenceModel(this);
    m_presence->setLocalUserId(m_userId);

    m_localPresence.name = m_options.name;
    m_localPresence.color = m_options.color;
    m_localPresence.followable = m_options.followable;

    m_monotonic.start();
    m_cursorTimer.setSingleShot(true);
    m_cursorTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_cursorTimer, &QTimer::timeout, this, &Session::onCursorTimer);
    m_heartbeatTimer.setInterval(m_options.heartbeatInterval);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &Session::sendPresence);
    m_helloAnswerTimer.setSingleShot(true);
    connect(&m_helloAnswerTimer, &QTimer::timeout, this, &Session::sendPresence);
    m_snapshotTimer.setSingleShot(true);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &Session::answerSyncRequest);
}

Session::~Session() = default;

SessionStats Session::stats() const
{
    SessionStats s = m_stats;
    s.pendingLocalOps = qsizetype(m_pendingOps.size());
    return s;
}

SessionMode Session::effectiveMode() const
{
    if (m_options.mode != SessionMode::Auto)
        return m_options.mode;
    return m_keeperPresent.value_or(false) ? SessionMode::Relay : SessionMode::Cloud;
}

// ---- transport ------------------------------------------------------------------------------

void Session::transportUp(const QString &userId, bool resumed)
{
    if (m_stopped)
        return;
    if (!userId.isEmpty() && userId != m_userId) {
        m_userId = userId;
        m_annotations->setLocalUserId(userId);
        m_presence->setLocalUserId(userId);
        // Edits made before we knew who we are carry a clock without a node id, which peers
        // would reject: issue them again under our userId (a greater clock, so they still win).
        const auto ops = m_pendingOps;
        for (const auto &[id, op] : ops) {
            if (!op.annotation.clock.node.isEmpty())
                continue;
            m_pendingOps.insert_or_assign(id,
                                          op.kind == session::AnnotationOp::Kind::Put
                                              ? m_annotations->put(op.annotation)
                                              : m_annotations->remove(id));
        }
    }
    setUp(true);
    if (m_options.participate)
        m_heartbeatTimer.start();
    if (!resumed && m_options.participate) {
        // A new connection: peers may have expired us and we may have missed anything.
        m_lastCursorSent.reset();
        m_pendingCursor.reset();
        sendHello();
        requestSync();
        sendPresence();
    }
    flushLocalOps();
}

void Session::transportDown()
{
    if (!m_up)
        return;
    m_heartbeatTimer.stop();
    m_helloAnswerTimer.stop();
    m_snapshotTimer.stop();
    m_cursorTimer.stop();
    m_pendingCursor.reset();
    setUp(false);
}

void Session::stop()
{
    if (m_stopped)
        return;
    if (m_up && m_options.participate)
        sendPresenceMessage(session::Bye {});
    transportDown();
    m_stopped = true;
}

void Session::setUp(bool up)
{
    if (m_up == up)
        return;
    m_up = up;
    emit upChanged(up);
}

// ---- receiving ------------------------------------------------------------------------------

void Session::receiveGroupMessage(const QString &group, const QString &fromUserId,
                                  const QJsonValue &data, bool isJson)
{
    Origin origin;
    if (group == m_metricsGroup) {
        origin = Origin::Metrics;
    } else if (group == m_presenceGroup) {
        origin = Origin::Presence;
    } else if (group == m_annotationsGroup) {
        origin = Origin::Annotations;
    } else {
        ++m_stats.foreignGroup;
        qCDebug(lcSession) << "ignored a message on" << group << "from" << fromUserId;
        touchStats();
        return;
    }
    handle(origin, fromUserId, data, isJson);
}

void Session::receiveServerMessage(const QJsonValue &data, bool isJson)
{
    handle(Origin::Server, QString(), data, isJson);
}

void Session::reject(Origin origin, const QString &fromUserId, quint64 SessionStats::*counter,
                     const QString &reason)
{
    ++(m_stats.*counter);
    qCInfo(lcSession) << "dropped a message from" << fromUserId << "on the" << originName(origin)
                      << ":" << reason;
    emit messageRejected(origin, fromUserId, reason);
    touchStats();
}

void Session::handle(Origin origin, const QString &from, const QJsonValue &data, bool isJson)
{
    if (m_stopped)
        return;
    if (!isJson || !data.isObject()) {
        reject(origin, from, &SessionStats::malformed, u"not a JSON object"_s);
        return;
    }
    const QJsonObject object = data.toObject();
    if (origin != Origin::Metrics) {
        // Metrics frames are bounded by the transport's frame limit; everything else by the
        // session limit, measured on the compact encoding as the sender would have produced it.
        const qsizetype bytes = QJsonDocument(object).toJson(QJsonDocument::Compact).size();
        if (bytes > session::kMaxMessageBytes) {
            reject(origin, from, &SessionStats::oversized,
                   u"%1 bytes, over the limit of %2"_s.arg(bytes).arg(session::kMaxMessageBytes));
            return;
        }
    }
    session::DecodeResult decoded = session::decode(data);
    if (!decoded.ok()) {
        reject(origin, from, &SessionStats::malformed, decoded.error);
        return;
    }
    const auto wrong = [&](const char *what) {
        reject(origin, from, &SessionStats::wrongGroup,
               u"a %1 message does not belong on the %2"_s.arg(QLatin1StringView(what),
                                                               originName(origin)));
    };
    const bool fromSelf = origin != Origin::Server && !m_userId.isEmpty() && from == m_userId;

    bool accepted = std::visit(
        [&](auto &message) -> bool {
            using T = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<T, session::MetricsFrame>) {
                if (origin != Origin::Metrics && origin != Origin::Server) {
                    wrong("metrics");
                    return false;
                }
                for (const session::MetricSeries &s : std::as_const(message.series))
                    m_stats.metricPoints += quint64(s.points.size());
                m_metrics->apply(message);
                return true;
            } else if constexpr (std::is_same_v<T, session::AnnotationOp>) {
                if (origin != Origin::Annotations && origin != Origin::Server) {
                    wrong("annotation");
                    return false;
                }
                ++m_stats.annotationOps;
                m_annotations->apply(message, from);
                return true;
            } else if constexpr (std::is_same_v<T, session::Snapshot>) {
                if (origin != Origin::Annotations && origin != Origin::Server) {
                    wrong("snapshot");
                    return false;
                }
                ++m_stats.snapshotsReceived;
                m_annotations->merge(message);
                if (origin == Origin::Annotations && !fromSelf)
                    onSnapshotSeen(from);
                return true;
            } else {
                // hello, presence, cursor, bye, sync-request
                if (origin != Origin::Presence) {
                    wrong(std::is_same_v<T, session::SyncRequest> ? "sync-request" : "presence");
                    return false;
                }
                if (fromSelf)
                    return true; // our own echo: nothing to do
                if constexpr (std::is_same_v<T, session::Hello>) {
                    m_presence->applyHello(from, message);
                    if (m_up && !m_helloAnswerTimer.isActive())
                        m_helloAnswerTimer.start(
                            std::chrono::milliseconds(randomUpTo(m_options.helloAnswerMaxDelay)));
                } else if constexpr (std::is_same_v<T, session::Presence>) {
                    m_presence->applyPresence(from, message);
                } else if constexpr (std::is_same_v<T, session::Cursor>) {
                    m_presence->applyCursor(from, message);
                } else if constexpr (std::is_same_v<T, session::Bye>) {
                    m_presence->applyBye(from);
                } else if constexpr (std::is_same_v<T, session::SyncRequest>) {
                    onPeerSyncRequest(from);
                }
                return true;
            }
        },
        *decoded.message);
    if (!accepted)
        return;
    ++m_stats.received;
    if (isSignalConnected(QMetaMethod::fromSignal(&Session::messageReceived)))
        emit messageReceived(origin, from, object);
}

// ---- late joiners ---------------------------------------------------------------------------

void Session::requestSync()
{
    sendPresenceMessage(session::SyncRequest {});
}

bool Session::holdsState() const
{
    return !m_annotations->snapshot().annotations.isEmpty();
}

void Session::onPeerSyncRequest(const QString &fromUserId)
{
    emit syncRequested(fromUserId);
    if (!m_up || effectiveMode() != SessionMode::Cloud || !m_options.canAnnotate
        || !m_options.participate)
        return;
    if (m_snapshotTimer.isActive() || !holdsState())
        return; // one answer covers every request it follows
    m_snapshotTimer.start(std::chrono::milliseconds(randomUpTo(m_options.snapshotAnswerMaxDelay)));
}

void Session::onSnapshotSeen(const QString &fromUserId)
{
    // A snapshot on the group reaches every member, including whoever asked: ours would be a
    // duplicate.
    if (m_snapshotTimer.isActive()) {
        m_snapshotTimer.stop();
        ++m_stats.snapshotsSuppressed;
        qCDebug(lcSession) << "snapshot answer suppressed: " << fromUserId << "answered first";
        touchStats();
    }
}

void Session::answerSyncRequest()
{
    if (!m_up || !m_options.canAnnotate)
        return;
    const QList<session::Snapshot> parts = session::splitSnapshot(m_annotations->snapshot());
    for (const session::Snapshot &part : parts) {
        sendFrame(m_annotationsGroup, session::encode(part), SessionFrame::Delivery::Acked, false,
                  PendingSend { PendingSend::Kind::Snapshot, {}, {} });
    }
    ++m_stats.snapshotsSent;
    emit snapshotAnswered(int(parts.size()));
    touchStats();
}

// ---- sending --------------------------------------------------------------------------------

void Session::sendFrame(const QString &group, const QJsonObject &data,
                        SessionFrame::Delivery delivery, bool noEcho, PendingSend pending)
{
    SessionFrame frame { group, data, delivery, noEcho, 0 };
    if (delivery == SessionFrame::Delivery::Acked) {
        frame.token = m_nextToken++;
        m_sends.emplace(frame.token, std::move(pending));
    }
    emit frameOut(frame);
}

void Session::sendPresenceMessage(const session::Message &message)
{
    if (!m_up || m_stopped)
        return;
    sendFrame(m_presenceGroup, session::encode(message), SessionFrame::Delivery::FireAndForget,
              true, {});
}

session::Presence Session::localPresence() const
{
    session::Presence p = m_localPresence;
    if (p.name.isEmpty())
        p.name = m_userId;
    return p;
}

void Session::sendHello()
{
    const session::Presence p = localPresence();
    sendPresenceMessage(session::Hello { p.name, p.color, m_options.client });
    ++m_stats.presenceSent;
}

void Session::sendPresence()
{
    if (!m_up || !m_options.participate)
        return;
    m_helloAnswerTimer.stop();
    sendPresenceMessage(localPresence());
    ++m_stats.presenceSent;
    m_heartbeatTimer.start(); // the next heartbeat counts from now
}

void Session::presenceChanged()
{
    sendPresence();
}

void Session::setName(const QString &name)
{
    if (m_localPresence.name == name)
        return;
    m_localPresence.name = name;
    presenceChanged();
}

void Session::setColor(const QString &color)
{
    if (m_localPresence.color == color)
        return;
    m_localPresence.color = color;
    presenceChanged();
}

void Session::setState(session::PresenceState state)
{
    if (m_localPresence.state == state)
        return;
    m_localPresence.state = state;
    presenceChanged();
}

void Session::setView(const std::optional<session::View> &view)
{
    if (m_localPresence.view == view)
        return;
    m_localPresence.view = view;
    presenceChanged();
}

void Session::setFollowable(bool followable)
{
    if (m_localPresence.followable == followable)
        return;
    m_localPresence.followable = followable;
    presenceChanged();
}

// ---- cursor ---------------------------------------------------------------------------------

void Session::moveCursor(const QString &panel, qint64 t, double y)
{
    setCursor(session::Cursor { panel, t, y });
}

void Session::leaveCursor()
{
    setCursor(session::Cursor { std::nullopt, 0, 0 });
}

void Session::setCursor(const session::Cursor &cursor)
{
    if (!m_up || m_stopped)
        return; // fire-and-forget: nothing to keep for later
    if (m_lastCursorSent && *m_lastCursorSent == cursor) {
        // Back where the last sent one was: nothing moved from the peers' point of view.
        if (m_pendingCursor) {
            m_pendingCursor.reset();
            ++m_stats.cursorsCoalesced;
            m_cursorTimer.stop();
        }
        return;
    }
    const qint64 interval = m_options.cursorInterval.count();
    const qint64 elapsed = monotonicNow() - m_lastCursorSentAt;
    if (!m_cursorTimer.isActive() && elapsed >= interval) {
        sendCursor(cursor);
        return;
    }
    if (m_pendingCursor)
        ++m_stats.cursorsCoalesced;
    m_pendingCursor = cursor;
    if (!m_cursorTimer.isActive())
        m_cursorTimer.start(
            std::chrono::milliseconds(std::clamp<qint64>(interval - elapsed, 0, interval)));
}

void Session::onCursorTimer()
{
    if (!m_pendingCursor || !m_up)
        return;
    const session::Cursor cursor = *m_pendingCursor;
    m_pendingCursor.reset();
    sendCursor(cursor);
}

void Session::sendCursor(const session::Cursor &cursor)
{
    sendPresenceMessage(cursor);
    m_lastCursorSent = cursor;
    m_lastCursorSentAt = monotonicNow();
    ++m_stats.cursorsSent;
}

// ---- annotations ----------------------------------------------------------------------------

QString Session::putAnnotation(const session::Annotation &annotation, QString *error)
{
    // Validate with the codec receivers use, so we never send what peers would drop.
    session::Annotation probe = annotation;
    if (probe.id.isEmpty())
        probe.id = u"probe"_s;
    probe.clock = session::HlcTimestamp { 1, 0, m_userId.isEmpty() ? u"probe"_s : m_userId };
    probe.author.clear();
    probe.deleted = false;
    const QJsonObject encoded
        = session::encode(session::AnnotationOp { session::AnnotationOp::Kind::Put, probe });
    session::DecodeResult check
        = session::decode(QJsonDocument(encoded).toJson(QJsonDocument::Compact));
    QString problem = check.error;
    if (check.ok() && annotation.t1 && *annotation.t1 < annotation.t0)
        problem = u"the end of the region (t1) is before its start (t0)"_s;
    if (!problem.isEmpty() || !check.ok()) {
        if (error)
            *error = problem.isEmpty() ? u"invalid annotation"_s : problem;
        return {};
    }
    const session::AnnotationOp op = m_annotations->put(annotation);
    queueLocalOp(op);
    return op.annotation.id;
}

bool Session::removeAnnotation(const QString &id)
{
    if (!m_annotations->annotation(id))
        return false;
    queueLocalOp(m_annotations->remove(id));
    return true;
}

QStringList Session::pendingAnnotationIds() const
{
    QStringList ids;
    for (const auto &[id, op] : m_pendingOps)
        ids.append(id);
    return ids;
}

void Session::queueLocalOp(const session::AnnotationOp &op)
{
    // Last writer wins: a newer op of the same id makes an older unsent one irrelevant.
    m_pendingOps.insert_or_assign(op.annotation.id, op);
    if (m_up && !m_stopped)
        sendLocalOp(op);
}

void Session::sendLocalOp(const session::AnnotationOp &op)
{
    PendingSend pending { PendingSend::Kind::LocalEdit, op.annotation.id, op.annotation.clock };
    const quint64 token = m_nextToken;
    sendFrame(m_annotationsGroup, session::encode(op), SessionFrame::Delivery::Acked, false,
              std::move(pending));
    m_inFlight.insert(op.annotation.id, token);
}

void Session::flushLocalOps()
{
    // Copy: sending may synchronously complete (a test transport acks at once).
    const auto ops = m_pendingOps;
    for (const auto &[id, op] : ops) {
        const auto inFlight = m_inFlight.constFind(id);
        if (inFlight != m_inFlight.cend()) {
            const auto send = m_sends.find(*inFlight);
            if (send != m_sends.end() && send->second.clock == op.annotation.clock)
                continue; // the transport still holds it (e.g. HubClient's outbox)
        }
        if (m_up && !m_stopped)
            sendLocalOp(op);
    }
}

quint64 Session::publishMetrics(const session::MetricsFrame &frame, bool acked)
{
    if (!m_up || m_stopped)
        return 0;
    if (!acked) {
        sendFrame(m_metricsGroup, session::encode(frame), SessionFrame::Delivery::FireAndForget,
                  false, {});
        return 0;
    }
    const quint64 token = m_nextToken;
    sendFrame(m_metricsGroup, session::encode(frame), SessionFrame::Delivery::Acked, false,
              PendingSend { PendingSend::Kind::Metrics, {}, {} });
    return token;
}

void Session::sendAcked(quint64 token)
{
    const auto it = m_sends.find(token);
    if (it == m_sends.end())
        return;
    const PendingSend send = std::move(it->second);
    m_sends.erase(it);
    switch (send.kind) {
    case PendingSend::Kind::LocalEdit: {
        if (m_inFlight.value(send.annotationId) == token)
            m_inFlight.remove(send.annotationId);
        const auto pending = m_pendingOps.find(send.annotationId);
        if (pending != m_pendingOps.end() && pending->second.annotation.clock == send.clock) {
            m_pendingOps.erase(pending);
            emit localEditAcked(send.annotationId);
        }
        break;
    }
    case PendingSend::Kind::Metrics:
        emit metricsAcked(token);
        break;
    case PendingSend::Kind::Snapshot:
        break;
    }
}

void Session::sendFailed(quint64 token, const QString &errorName, const QString &message)
{
    const auto it = m_sends.find(token);
    if (it == m_sends.end())
        return;
    const PendingSend send = std::move(it->second);
    m_sends.erase(it);
    ++m_stats.sendFailures;
    const bool permanent = isPermanentFailure(errorName);
    qCInfo(lcSession) << "send failed:" << errorName << message;
    switch (send.kind) {
    case PendingSend::Kind::LocalEdit: {
        if (m_inFlight.value(send.annotationId) == token)
            m_inFlight.remove(send.annotationId);
        const auto pending = m_pendingOps.find(send.annotationId);
        const bool current
            = pending != m_pendingOps.end() && pending->second.annotation.clock == send.clock;
        if (permanent) {
            if (current)
                m_pendingOps.erase(pending);
            emit localEditFailed(send.annotationId, errorName, message);
        }
        // Otherwise it stays pending and goes out again on the next transportUp().
        break;
    }
    case PendingSend::Kind::Metrics:
        emit metricsFailed(token, errorName, message);
        break;
    case PendingSend::Kind::Snapshot:
        if (errorName == wps::AckError::Forbidden)
            m_options.canAnnotate = false; // a viewer: never answer again
        break;
    }
    touchStats();
}

// ---- helpers --------------------------------------------------------------------------------

qint64 Session::randomUpTo(std::chrono::milliseconds bound) const
{
    if (bound.count() <= 0)
        return 0;
    if (m_options.random)
        return std::clamp<qint64>(m_options.random(bound.count()), 0, bound.count());
    return qint64(QRandomGenerator::global()->bounded(quint64(bound.count()) + 1));
}

qint64 Session::monotonicNow() const
{
    return m_options.monotonicClock ? m_options.monotonicClock() : m_monotonic.elapsed();
}

void Session::touchStats()
{
    emit statsChanged();
}

} // namespace wr
