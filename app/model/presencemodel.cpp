#include "presencemodel.h"

#include <QDeadlineTimer>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

qint64 monotonicNow()
{
    return QDeadlineTimer::current().deadline();
}

QString stateName(session::PresenceState state)
{
    switch (state) {
    case session::PresenceState::Active:
        return u"active"_s;
    case session::PresenceState::Idle:
        return u"idle"_s;
    case session::PresenceState::Away:
        return u"away"_s;
    }
    return u"active"_s;
}

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

// The roles whose data differ between two states of a peer.
QList<int> changedRoles(const PresenceModel::Peer &a, const PresenceModel::Peer &b)
{
    using M = PresenceModel;
    QList<int> roles;
    if (a.name != b.name)
        roles << Qt::DisplayRole << M::NameRole;
    if (a.color != b.color)
        roles << M::ColorRole;
    if (a.client != b.client)
        roles << M::ClientRole;
    if (a.state != b.state)
        roles << M::StateRole;
    if (a.view != b.view)
        roles << M::HasViewRole << M::ViewPanelRole << M::ViewFromRole << M::ViewToRole
              << M::IsLiveRole;
    if (a.followable != b.followable)
        roles << M::FollowableRole;
    if (a.cursor != b.cursor)
        roles << M::HasCursorRole << M::CursorPanelRole << M::CursorTRole << M::CursorYRole;
    if (a.cursorReceivedAtMs != b.cursorReceivedAtMs)
        roles << M::CursorReceivedAtRole;
    if (a.lastSeenMs != b.lastSeenMs)
        roles << M::LastSeenRole;
    return roles;
}

bool profileChanged(const PresenceModel::Peer &a, const PresenceModel::Peer &b)
{
    return a.name != b.name || a.color != b.color || a.client != b.client || a.state != b.state
        || a.view != b.view || a.followable != b.followable;
}

} // namespace

PresenceModel::PresenceModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_clock(monotonicNow)
    , m_expiryTimer(this)
{
    m_expiryTimer.setInterval(kExpiryCheckIntervalMs);
    connect(&m_expiryTimer, &QTimer::timeout, this, &PresenceModel::expire);
}

void PresenceModel::setLocalUserId(const QString &userId)
{
    m_localUserId = userId;
    if (const int row = m_rowOf.value(userId, -1); row >= 0)
        removePeerAt(row);
}

void PresenceModel::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(monotonicNow);
}

void PresenceModel::setExpiryCheckInterval(int ms)
{
    m_expiryTimer.setInterval(ms);
}

void PresenceModel::applyHello(const QString &userId, const session::Hello &hello)
{
    upsert(userId, Message::Profile, [&hello](Peer &peer, qint64) {
        if (!hello.name.isEmpty())
            peer.name = hello.name;
        if (!hello.color.isEmpty())
            peer.color = hello.color;
        peer.client = hello.client;
        peer.state = session::PresenceState::Active; // just (re)joined
    });
}

void PresenceModel::applyPresence(const QString &userId, const session::Presence &presence)
{
    upsert(userId, Message::Profile, [&presence](Peer &peer, qint64) {
        if (!presence.name.isEmpty())
            peer.name = presence.name;
        if (!presence.color.isEmpty())
            peer.color = presence.color;
        peer.state = presence.state;
        peer.view = presence.view;
        peer.followable = presence.followable;
    });
}

void PresenceModel::applyCursor(const QString &userId, const session::Cursor &cursor)
{
    upsert(userId, Message::Cursor, [&cursor](Peer &peer, qint64 now) {
        peer.cursor = cursor;
        peer.cursorReceivedAtMs = now;
    });
}

void PresenceModel::applyBye(const QString &userId)
{
    if (const int row = m_rowOf.value(userId, -1); row >= 0)
        removePeerAt(row);
}

void PresenceModel::expire()
{
    const qint64 now = m_clock();
    for (int row = int(m_peers.size()) - 1; row >= 0; --row) {
        if (now - m_peers.at(row).lastSeenMs >= kPeerTimeoutMs)
            removePeerAt(row);
    }
}

void PresenceModel::upsert(const QString &userId, Message kind,
                           const std::function<void(Peer &peer, qint64 now)> &mutate)
{
    // Anonymous connections have no userId to key on; our own messages are not a peer.
    if (userId.isEmpty() || userId == m_localUserId)
        return;
    const qint64 now = m_clock();
    const int row = m_rowOf.value(userId, -1);
    if (row < 0) {
        Peer peer;
        peer.userId = userId;
        peer.name = userId;
        mutate(peer, now);
        peer.lastSeenMs = now;
        const int pos = int(m_peers.size());
        beginInsertRows(QModelIndex(), pos, pos);
        m_peers.append(peer);
        m_rowOf.insert(userId, pos);
        endInsertRows();
        updateExpiryTimer();
        emit peerJoined(userId);
        if (kind == Message::Cursor)
            emit cursorMoved(userId);
        return;
    }

    Peer peer = m_peers.at(row);
    const Peer before = peer;
    mutate(peer, now);
    peer.lastSeenMs = now;
    const QList<int> roles = changedRoles(before, peer);
    m_peers[row] = peer;
    if (!roles.isEmpty()) {
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed, roles);
    }
    if (profileChanged(before, peer))
        emit peerChanged(userId);
    if (kind == Message::Cursor)
        emit cursorMoved(userId);
}

void PresenceModel::removePeerAt(int row)
{
    const QString userId = m_peers.at(row).userId;
    beginRemoveRows(QModelIndex(), row, row);
    m_peers.removeAt(row);
    m_rowOf.clear();
    for (int i = 0; i < m_peers.size(); ++i)
        m_rowOf.insert(m_peers.at(i).userId, i);
    endRemoveRows();
    updateExpiryTimer();
    emit peerLeft(userId);
}

void PresenceModel::updateExpiryTimer()
{
    // Tick only while someone can expire.
    if (m_peers.isEmpty())
        m_expiryTimer.stop();
    else if (!m_expiryTimer.isActive())
        m_expiryTimer.start();
}

std::optional<PresenceModel::Peer> PresenceModel::peer(const QString &userId) const
{
    const int row = m_rowOf.value(userId, -1);
    if (row < 0)
        return std::nullopt;
    return m_peers.at(row);
}

int PresenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_peers.size());
}

QVariant PresenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Peer &p = m_peers.at(index.row());
    const bool onPanel = p.cursor && p.cursor->panel;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return p.name;
    case UserIdRole:
        return p.userId;
    case ColorRole:
        return p.color;
    case ClientRole:
        return p.client;
    case StateRole:
        return stateName(p.state);
    case HasViewRole:
        return p.view.has_value();
    case ViewPanelRole:
        return p.view ? p.view->panel : QString();
    case ViewFromRole:
        return p.view ? optionalValue(p.view->from) : QVariant();
    case ViewToRole:
        return p.view ? optionalValue(p.view->to) : QVariant();
    case IsLiveRole:
        return p.view && !p.view->to;
    case FollowableRole:
        return p.followable;
    case HasCursorRole:
        return onPanel;
    case CursorPanelRole:
        return onPanel ? QVariant(*p.cursor->panel) : QVariant();
    case CursorTRole:
        return onPanel ? QVariant::fromValue(p.cursor->t) : QVariant();
    case CursorYRole:
        return onPanel ? QVariant(p.cursor->y) : QVariant();
    case CursorReceivedAtRole:
        return p.cursor ? QVariant::fromValue(p.cursorReceivedAtMs) : QVariant();
    case LastSeenRole:
        return QVariant::fromValue(p.lastSeenMs);
    default:
        return {};
    }
}

QHash<int, QByteArray> PresenceModel::roleNames() const
{
    return {
        { Qt::DisplayRole, "display"_ba },
        { UserIdRole, "userId"_ba },
        { NameRole, "name"_ba },
        { ColorRole, "color"_ba },
        { ClientRole, "client"_ba },
        { StateRole, "state"_ba },
        { HasViewRole, "hasView"_ba },
        { ViewPanelRole, "viewPanel"_ba },
        { ViewFromRole, "viewFrom"_ba },
        { ViewToRole, "viewTo"_ba },
        { IsLiveRole, "isLive"_ba },
        { FollowableRole, "followable"_ba },
        { HasCursorRole, "hasCursor"_ba },
        { CursorPanelRole, "cursorPanel"_ba },
        { CursorTRole, "cursorT"_ba },
        { CursorYRole, "cursorY"_ba },
        { CursorReceivedAtRole, "cursorReceivedAt"_ba },
        { LastSeenRole, "lastSeen"_ba },
    };
}

} // namespace wr
