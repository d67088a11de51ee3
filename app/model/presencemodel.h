#pragma once

#include "sessionmessages.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace wr {

// The people present on a board (PROTOCOL.md, "Presence"), keyed by the hub-stamped userId of
// their messages. A peer appears with its first hello, presence or cursor, and leaves with bye or
// after kPeerTimeoutMs without any message. One row per peer, in order of arrival.
class PresenceModel : public QAbstractListModel
{
    Q_OBJECT

public:
    struct Peer
    {
        QString userId;
        QString name; // the userId until a hello or presence names it
        QString color; // "#rrggbb"; empty until a hello or presence
        QString client; // from hello
        session::PresenceState state = session::PresenceState::Active;
        std::optional<session::View> view; // nullopt until the first presence
        bool followable = false; // a peer whose view we do not know cannot be followed
        std::optional<session::Cursor> cursor; // the last one; panel nullopt = off the charts
        qint64 cursorReceivedAtMs = 0; // on clock()
        qint64 lastSeenMs = 0; // on clock(): the last message of any kind
        bool operator==(const Peer &) const = default;
    };

    enum Roles {
        UserIdRole = Qt::UserRole + 1,
        NameRole,
        ColorRole,
        ClientRole,
        StateRole, // "active" | "idle" | "away"
        HasViewRole, // bool: a presence told us the view
        ViewPanelRole, // QString; empty = the whole board
        ViewFromRole, // qint64, or a null QVariant
        ViewToRole, // qint64, or a null QVariant when live
        IsLiveRole, // bool: view.to == null
        FollowableRole,
        HasCursorRole, // bool: a cursor is on a panel
        CursorPanelRole, // QString, or a null QVariant
        CursorTRole, // qint64, data space
        CursorYRole, // double, data space
        CursorReceivedAtRole, // qint64 on clock()
        LastSeenRole, // qint64 on clock()
    };
    Q_ENUM(Roles)

    static constexpr qint64 kPeerTimeoutMs = 15'000;
    static constexpr int kExpiryCheckIntervalMs = 1'000;

    explicit PresenceModel(QObject *parent = nullptr);

    // Messages from this userId (our own, if the hub echoes them) are ignored.
    QString localUserId() const { return m_localUserId; }
    void setLocalUserId(const QString &userId);

    // Milliseconds of a clock that only moves forward; defaults to a monotonic clock, so that a
    // wall-clock step neither drops everyone nor keeps the departed forever.
    using Clock = std::function<qint64()>;
    void setClock(Clock clock);
    qint64 now() const { return m_clock(); }

    // How often expire() runs on its own (default kExpiryCheckIntervalMs).
    void setExpiryCheckInterval(int ms);

    void applyHello(const QString &userId, const session::Hello &hello);
    void applyPresence(const QString &userId, const session::Presence &presence);
    void applyCursor(const QString &userId, const session::Cursor &cursor);
    void applyBye(const QString &userId);
    // Removes every peer silent for kPeerTimeoutMs or more.
    void expire();

    std::optional<Peer> peer(const QString &userId) const;
    QList<Peer> peers() const { return m_peers; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void peerJoined(const QString &userId);
    void peerLeft(const QString &userId);
    // Name, colour, state, view or followable changed.
    void peerChanged(const QString &userId);
    // Every cursor message, including one that leaves the charts (panel null).
    void cursorMoved(const QString &userId);

private:
    enum class Message { Profile, Cursor };
    // Creates or updates the peer of userId (unless ignored) and signals what changed.
    void upsert(const QString &userId, Message kind,
                const std::function<void(Peer &peer, qint64 now)> &mutate);
    void removePeerAt(int row);
    void updateExpiryTimer();

    QString m_localUserId;
    Clock m_clock;
    QList<Peer> m_peers;
    QHash<QString, int> m_rowOf; // userId -> row
    QTimer m_expiryTimer;
};

} // namespace wr
