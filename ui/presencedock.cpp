#include "presencedock.h"

#include "plaintext.h"
#include "presencemodel.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

QPixmap swatchFor(const QColor &color, qreal dpr)
{
    QPixmap pm(QSize(14, 14) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color.darker(130), 1));
    p.setBrush(color.isValid() ? color : QColor(0x88, 0x88, 0x88));
    p.drawEllipse(QRectF(1, 1, 12, 12));
    return pm;
}

QString clockText(qint64 t)
{
    return QDateTime::fromMSecsSinceEpoch(t).toString(u"HH:mm:ss"_s);
}

// A one-line plain-text label that ends a name too long for its width with "…" instead of
// cutting it off; text() stays the whole name (accessibility, tooltips, tests).
class ElidedLabel : public QLabel
{
public:
    using QLabel::QLabel;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        const QRect area = contentsRect();
        const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
        style()->drawItemText(&p, area, int(alignment() | Qt::TextSingleLine), palette(),
                              isEnabled(), shown, foregroundRole());
    }
};

} // namespace

PresenceDock::PresenceDock(PresenceModel *presence, QWidget *parent)
    : QDockWidget(parent)
    , m_presence(presence)
{
    setObjectName(u"presenceDock"_s);
    m_list = new QWidget(this);
    auto *outer = new QVBoxLayout(m_list);
    outer->setContentsMargins(6, 6, 6, 6);
    m_empty = new QLabel(m_list);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    outer->addWidget(m_empty);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(6);
    outer->addLayout(m_rowsLayout);
    outer->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_list);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWidget(scroll);

    if (m_presence) {
        connect(m_presence, &PresenceModel::peerJoined, this, &PresenceDock::updateRow);
        connect(m_presence, &PresenceModel::peerChanged, this, &PresenceDock::updateRow);
        connect(m_presence, &PresenceModel::peerLeft, this, &PresenceDock::removeRow);
        connect(m_presence, &QAbstractItemModel::modelReset, this, &PresenceDock::rebuild);
    }
    retranslate();
    rebuild();
}

void PresenceDock::setPanelTitles(std::function<QString(const QString &)> titleOf)
{
    m_titleOf = std::move(titleOf);
    rebuild();
}

void PresenceDock::refresh()
{
    const QStringList ids = m_rows.keys();
    for (const QString &id : ids)
        updateRow(id);
}

void PresenceDock::setFollowing(const QString &userId)
{
    if (m_following == userId)
        return;
    const QString before = std::exchange(m_following, userId);
    if (!before.isEmpty())
        updateRow(before);
    if (!userId.isEmpty())
        updateRow(userId);
}

QLabel *PresenceDock::nameLabel(const QString &userId) const
{
    return m_rows.value(userId).name;
}

QLabel *PresenceDock::stateLabel(const QString &userId) const
{
    return m_rows.value(userId).state;
}

QLabel *PresenceDock::viewLabel(const QString &userId) const
{
    return m_rows.value(userId).view;
}

QPushButton *PresenceDock::followButton(const QString &userId) const
{
    return m_rows.value(userId).follow;
}

void PresenceDock::rebuild()
{
    const QStringList known = m_rows.keys();
    for (const QString &id : known)
        removeRow(id);
    if (!m_presence)
        return;
    const QList<PresenceModel::Peer> peers = m_presence->peers();
    for (const PresenceModel::Peer &peer : peers)
        updateRow(peer.userId);
}

void PresenceDock::updateRow(const QString &userId)
{
    if (!m_presence)
        return;
    const auto peer = m_presence->peer(userId);
    if (!peer) {
        removeRow(userId);
        return;
    }
    Row &row = m_rows[userId];
    if (!row.widget) {
        row.widget = new QWidget(m_list);
        auto *grid = new QGridLayout(row.widget);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setHorizontalSpacing(6);
        grid->setVerticalSpacing(1);
        row.swatch = new QLabel(row.widget);
        row.name = new ElidedLabel(row.widget);
        // Names come from peers: never interpreted as markup.
        row.name->setTextFormat(Qt::PlainText);
        QFont bold = row.name->font();
        bold.setBold(true);
        row.name->setFont(bold);
        // Long names must not push the Follow button out of the dock.
        row.name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        row.name->setMinimumWidth(40);
        row.state = new QLabel(row.widget);
        row.state->setTextFormat(Qt::PlainText);
        row.view = new QLabel(row.widget);
        row.view->setTextFormat(Qt::PlainText);
        row.view->setWordWrap(true);
        row.view->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        row.follow = new QPushButton(row.widget);
        grid->addWidget(row.swatch, 0, 0, Qt::AlignVCenter);
        grid->addWidget(row.name, 0, 1);
        grid->addWidget(row.state, 0, 2, Qt::AlignRight);
        grid->addWidget(row.view, 1, 1, 1, 2);
        grid->addWidget(row.follow, 0, 3, 2, 1, Qt::AlignVCenter);
        grid->setColumnStretch(1, 1);
        connect(row.follow, &QPushButton::clicked, this, [this, userId] {
            if (m_following == userId)
                Q_EMIT unfollowRequested();
            else
                Q_EMIT followRequested(userId);
        });
        m_rowsLayout->addWidget(row.widget);
    }

    row.swatch->setPixmap(swatchFor(QColor::fromString(peer->color), devicePixelRatioF()));
    row.name->setText(peer->name);
    row.name->setToolTip(peer->client.isEmpty() ? QString()
                                                : richToolTip(tr("Using %1").arg(peer->client)));
    QString state;
    switch (peer->state) {
    case session::PresenceState::Active:
        //: Presence state of a person
        state = tr("active");
        break;
    case session::PresenceState::Idle:
        //: Presence state: no input for a minute
        state = tr("idle");
        break;
    case session::PresenceState::Away:
        //: Presence state: their window is hidden
        state = tr("away");
        break;
    }
    row.state->setText(state);
    row.state->setEnabled(peer->state == session::PresenceState::Active);

    QString view;
    if (peer->view) {
        const QString panel = peer->view->panel.isEmpty()
            ? tr("the whole board")
            : (m_titleOf ? m_titleOf(peer->view->panel) : peer->view->panel);
        QString when;
        if (!peer->view->to)
            //: What a peer looks at: following the current time
            when = tr("live");
        else if (peer->view->from)
            when = tr("%1 – %2").arg(clockText(*peer->view->from), clockText(*peer->view->to));
        //: What a peer looks at: %1 = panel title, %2 = "live" or a time range
        view = tr("Looking at %1, %2").arg(panel.isEmpty() ? peer->view->panel : panel, when);
    } else {
        view = tr("View not shared yet");
    }
    row.view->setText(view);

    const bool followingThis = m_following == userId;
    row.follow->setText(followingThis ? tr("Unfollow") : tr("Follow"));
    row.follow->setCheckable(false);
    row.follow->setEnabled(followingThis || (peer->followable && peer->view));
    if (followingThis)
        row.follow->setToolTip(richToolTip(tr("Stop following %1").arg(peer->name)));
    else if (!peer->view)
        row.follow->setToolTip(richToolTip(tr("%1 has not shared what they look at yet").arg(peer->name)));
    else if (!peer->followable)
        row.follow->setToolTip(richToolTip(tr("%1 does not allow others to follow them").arg(peer->name)));
    else
        row.follow->setToolTip(richToolTip(tr("Show what %1 looks at, until you move yourself").arg(peer->name)));
    row.follow->setAccessibleName(followingThis ? tr("Unfollow %1").arg(peer->name)
                                                : tr("Follow %1").arg(peer->name));
    // A screen reader reads a row as the person, then their state and view.
    row.widget->setAccessibleName(peer->name);
    //: Accessible description of a person's row: %1 = state, %2 = what they look at
    row.widget->setAccessibleDescription(tr("%1; %2").arg(state, view));
    m_empty->setVisible(m_rows.isEmpty());
}

void PresenceDock::removeRow(const QString &userId)
{
    const auto it = m_rows.find(userId);
    if (it == m_rows.end())
        return;
    it->widget->hide();
    it->widget->deleteLater();
    m_rows.erase(it);
    if (m_following == userId)
        m_following.clear();
    m_empty->setVisible(m_rows.isEmpty());
}

void PresenceDock::retranslate()
{
    //: Dock title: the people on the board
    setWindowTitle(tr("People"));
    m_list->setAccessibleName(tr("People on this board"));
    m_empty->setText(tr("Nobody else is here yet. Share a join link (Session → Host a team "
                        "session) to invite others."));
    const QStringList ids = m_rows.keys();
    for (const QString &id : ids)
        updateRow(id);
}

void PresenceDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

} // namespace wr
