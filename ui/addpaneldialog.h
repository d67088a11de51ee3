#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace wr {

class MetricStore;

// View → Add panel… (Ctrl+Shift+N) and a chart's "Add series…": the board's series grouped by
// unit, with a search box; series are checked to go on the panel. A panel shows one unit, so
// once a series is checked the other units' series cannot be. For a new panel a title is asked
// (empty: the first series' name); for an existing panel only its unit is offered, without the
// series it already shows.
class AddPanelDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AddPanelDialog(const MetricStore *store, QWidget *parent = nullptr);
    // Adding to an existing panel: only series of `unit` that are not in `exclude`.
    void restrictTo(const QString &unit, const QStringList &exclude, const QString &panelTitle);

    QString title() const; // what the user typed, else the first chosen series' name
    QStringList selectedSeries() const; // in the list's order
    QString selectedUnit() const;

    // For tests and keyboard users: check a series (false when it cannot be, e.g. another unit).
    bool setSeriesChecked(const QString &seriesId, bool checked);
    bool isSeriesEnabled(const QString &seriesId) const;
    bool isSeriesVisible(const QString &seriesId) const;
    QLineEdit *searchBox() const { return m_search; }
    QLineEdit *titleEdit() const { return m_title; }
    QTreeWidget *tree() const { return m_tree; }
    QDialogButtonBox *buttons() const { return m_buttons; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void populate();
    void applyFilter();
    void updateState();
    void retranslateUi();
    QTreeWidgetItem *itemFor(const QString &seriesId) const;

    const MetricStore *m_store = nullptr;
    QString m_onlyUnit; // restrictTo
    bool m_restricted = false;
    QStringList m_exclude;
    QString m_panelTitle;
    QLabel *m_titleLabel = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_updating = false;
};

} // namespace wr
