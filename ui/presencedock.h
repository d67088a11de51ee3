#pragma once

#include <QDockWidget>
#include <QHash>
#include <QPointer>

#include <functional>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace wr {

class PresenceModel;

// Who is here: one row per peer of the PresenceModel with their colour, name (plain text: it
// comes from the peer), state (active, idle, away), what they look at (panel and time window)
// and a Follow button. A peer who does not allow following (followable:false, or no view
// known yet) has the button disabled, with the reason as its tooltip.
class PresenceDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit PresenceDock(PresenceModel *presence, QWidget *parent = nullptr);

    // Panel id -> title, for "looks at CPU · alpha".
    void setPanelTitles(std::function<QString(const QString &)> titleOf);
    // Panels appeared or were renamed: redo the "looking at" texts.
    void refresh();
    // Whom we follow ("" = nobody): their button reads Unfollow.
    void setFollowing(const QString &userId);
    QString following() const { return m_following; }

    // For tests and accessibility checks.
    QLabel *nameLabel(const QString &userId) const;
    QLabel *stateLabel(const QString &userId) const;
    QLabel *viewLabel(const QString &userId) const;
    QPushButton *followButton(const QString &userId) const;
    int rowCount() const { return int(m_rows.size()); }

Q_SIGNALS:
    void followRequested(const QString &userId);
    void unfollowRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *swatch = nullptr;
        QLabel *name = nullptr;
        QLabel *state = nullptr;
        QLabel *view = nullptr;
        QPushButton *follow = nullptr;
    };
    void rebuild();
    void updateRow(const QString &userId);
    void removeRow(const QString &userId);
    void retranslate();

    QPointer<PresenceModel> m_presence;
    std::function<QString(const QString &)> m_titleOf;
    QWidget *m_list = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    QLabel *m_empty = nullptr;
    QHash<QString, Row> m_rows;
    QString m_following;
};

} // namespace wr
