#pragma once

#include <QDockWidget>
#include <QPointer>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace wr {

class AnnotationFilterModel;
class AnnotationStore;

// The board's annotations as a list with search (text and tags) and a tag filter. Each row
// shows the text, then who wrote it, when and where. Activating a row asks the board to jump
// to it; its context menu edits or deletes it (disabled, with the reason, for viewers).
class AnnotationDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit AnnotationDock(AnnotationStore *store, QWidget *parent = nullptr);

    // userId -> display name; panel id -> title.
    void setNames(std::function<QString(const QString &)> authorName,
                  std::function<QString(const QString &)> panelTitle);
    // Whether edit and delete are offered, and why not.
    void setEditable(bool editable, const QString &reason);
    // Offered from an Export button under the list (the board's export actions).
    void setExportActions(const QList<QAction *> &actions);
    QToolButton *exportButton() const { return m_export; }

    AnnotationFilterModel *filterModel() const { return m_filter; }
    QListView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *tagFilter() const { return m_tags; }
    // The text a row shows (tests).
    QString rowText(int row) const;

Q_SIGNALS:
    void annotationActivated(const QString &id);
    void editRequested(const QString &id);
    void deleteRequested(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    class Delegate;
    void refreshTags();
    void retranslate();
    void showMenu(const QPoint &pos);

    QPointer<AnnotationStore> m_store;
    AnnotationFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_tags = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_count = nullptr;
    QToolButton *m_export = nullptr;
    Delegate *m_delegate = nullptr;
    bool m_editable = true;
    QString m_reason;
};

} // namespace wr
