#include "addpaneldialog.h"

#include "metricstore.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kUnitRole = Qt::UserRole + 1;

QString hostOf(const SeriesInfo &info)
{
    const QString host = info.labels.value(u"host"_s);
    if (!host.isEmpty())
        return host;
    const QString bare = info.id.section(u'{', 0, 0);
    return bare.contains(u'/') ? bare.section(u'/', 0, -2) : QString();
}

QString nameOf(const SeriesInfo &info)
{
    QString name = info.name.isEmpty() ? info.id.section(u'/', -1) : info.name;
    // Per-core, per-interface series share a name: the other labels tell them apart.
    QStringList extra;
    for (auto it = info.labels.cbegin(); it != info.labels.cend(); ++it) {
        if (it.key() != "host"_L1 && !name.contains(it.value()))
            extra.append(it.value());
    }
    return extra.isEmpty() ? name : u"%1 (%2)"_s.arg(name, extra.join(u", "_s));
}

} // namespace

AddPanelDialog::AddPanelDialog(const MetricStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
{
    setObjectName(u"addPanelDialog"_s);
    m_title = new QLineEdit(this);
    m_title->setObjectName(u"panelTitle"_s);
    m_title->setMaxLength(120);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"seriesSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(u"seriesTree"_s);
    m_tree->setColumnCount(3);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    // Names first and in full; host and id as wide as they need (a scroll bar past that).
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *form = new QFormLayout;
    m_titleLabel = new QLabel(this);
    m_titleLabel->setBuddy(m_title);
    form->addRow(m_titleLabel, m_title);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &AddPanelDialog::applyFilter);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (!m_updating && column == 0 && item->parent())
            updateState();
    });
    populate();
    retranslateUi();
    resize(560, 520);
    m_search->setFocus();
}

void AddPanelDialog::restrictTo(const QString &unit, const QStringList &exclude,
                                const QString &panelTitle)
{
    m_restricted = true;
    m_onlyUnit = unit;
    m_exclude = exclude;
    m_panelTitle = panelTitle;
    m_titleLabel->hide();
    m_title->hide();
    populate();
    retranslateUi();
}

void AddPanelDialog::populate()
{
    m_updating = true;
    m_tree->clear();
    QMap<QString, QList<SeriesInfo>> byUnit; // sorted by unit
    if (m_store) {
        const QStringList ids = m_store->seriesIds();
        for (const QString &id : ids) {
            const auto info = m_store->info(id);
            if (!info || m_exclude.contains(id) || (m_restricted && info->unit != m_onlyUnit))
                continue;
            byUnit[info->unit].append(*info);
        }
    }
    for (auto it = byUnit.begin(); it != byUnit.end(); ++it) {
        auto *group = new QTreeWidgetItem(m_tree);
        group->setData(0, kUnitRole, it.key());
        group->setFlags(Qt::ItemIsEnabled);
        group->setFirstColumnSpanned(true);
        std::sort(it->begin(), it->end(), [](const SeriesInfo &a, const SeriesInfo &b) {
            const int host = hostOf(a).localeAwareCompare(hostOf(b));
            return host != 0 ? host < 0 : nameOf(a).localeAwareCompare(nameOf(b)) < 0;
        });
        for (const SeriesInfo &info : std::as_const(*it)) {
            auto *item = new QTreeWidgetItem(group);
            item->setText(0, nameOf(info));
            item->setText(1, hostOf(info));
            item->setText(2, info.id);
            item->setToolTip(0, info.id);
            item->setData(0, kIdRole, info.id);
            item->setData(0, kUnitRole, info.unit);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(0, Qt::Unchecked);
        }
    }
    m_tree->expandAll();
    m_updating = false;
    applyFilter();
    updateState();
}

void AddPanelDialog::applyFilter()
{
    const QStringList words = m_search->text().simplified().split(u' ', Qt::SkipEmptyParts);
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const QString haystack = item->text(0) + u' ' + item->text(1) + u' ' + item->text(2)
                + u' ' + item->data(0, kUnitRole).toString();
            const bool match = std::all_of(words.cbegin(), words.cend(), [&](const QString &w) {
                return haystack.contains(w, Qt::CaseInsensitive);
            });
            // A checked series stays in sight, so the choice is never hidden by a search.
            const bool visible = match || item->checkState(0) == Qt::Checked;
            item->setHidden(!visible);
            shown += visible ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

void AddPanelDialog::updateState()
{
    const QString unit = selectedUnit();
    const bool any = !selectedSeries().isEmpty();
    m_updating = true;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        const bool allowed = !any || group->data(0, kUnitRole).toString() == unit;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            Qt::ItemFlags flags = item->flags();
            flags.setFlag(Qt::ItemIsEnabled, allowed);
            item->setFlags(flags);
        }
        Qt::ItemFlags flags = group->flags();
        flags.setFlag(Qt::ItemIsEnabled, allowed);
        group->setFlags(flags);
    }
    m_updating = false;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(any);
    retranslateUi(); // the hint and the placeholder depend on the choice
}

void AddPanelDialog::retranslateUi()
{
    setWindowTitle(m_restricted ? tr("Add series to “%1”").arg(m_panelTitle) : tr("Add panel"));
    m_titleLabel->setText(tr("&Title:"));
    m_search->setPlaceholderText(tr("Search series by name, host or id"));
    m_search->setAccessibleName(tr("Search series"));
    m_tree->setHeaderLabels({ tr("Series"), tr("Host"), tr("Id") });
    m_tree->setAccessibleName(tr("Series of the board"));
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        const QString unit = group->data(0, kUnitRole).toString();
        //: A group of series in the Add panel dialog; %1 = a unit such as "%" or "B/s"
        group->setText(0,
                       unit.isEmpty()
                           ? tr("Without a unit (%n series)", nullptr, group->childCount())
                           : tr("Unit %1 (%n series)", nullptr, group->childCount()).arg(unit));
    }
    const QStringList chosen = selectedSeries();
    const QString unit = selectedUnit();
    if (m_tree->topLevelItemCount() == 0)
        m_hint->setText(m_restricted ? tr("The board has no other series in this unit.")
                                     : tr("The board has no series yet."));
    else if (chosen.isEmpty())
        m_hint->setText(tr("A panel shows series of one unit: check the series to show."));
    else if (unit.isEmpty())
        m_hint->setText(tr("%n series chosen. A panel shows one unit: only series without a "
                           "unit can be added.",
                           nullptr, int(chosen.size())));
    else
        m_hint->setText(tr("%n series chosen. A panel shows one unit: only series in %1 can be "
                           "added.",
                           nullptr, int(chosen.size()))
                            .arg(unit));
    const QStringList names = [&] {
        QStringList list;
        for (const QString &id : chosen) {
            if (QTreeWidgetItem *item = itemFor(id))
                list.append(item->text(0));
        }
        return list;
    }();
    m_title->setPlaceholderText(names.isEmpty() ? tr("e.g. Memory of every host") : names.first());
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(m_restricted ? tr("Add series") : tr("Add panel"));
}

QTreeWidgetItem *AddPanelDialog::itemFor(const QString &seriesId) const
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, kIdRole).toString() == seriesId)
                return group->child(i);
        }
    }
    return nullptr;
}

QString AddPanelDialog::title() const
{
    const QString typed = m_title->text().simplified();
    if (!typed.isEmpty())
        return typed;
    const QStringList chosen = selectedSeries();
    QTreeWidgetItem *first = chosen.isEmpty() ? nullptr : itemFor(chosen.first());
    return first ? first->text(0) : QString();
}

QStringList AddPanelDialog::selectedSeries() const
{
    QStringList ids;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->checkState(0) == Qt::Checked)
                ids.append(group->child(i)->data(0, kIdRole).toString());
        }
    }
    return ids;
}

QString AddPanelDialog::selectedUnit() const
{
    const QStringList chosen = selectedSeries();
    QTreeWidgetItem *first = chosen.isEmpty() ? nullptr : itemFor(chosen.first());
    return first ? first->data(0, kUnitRole).toString() : m_onlyUnit;
}

bool AddPanelDialog::setSeriesChecked(const QString &seriesId, bool checked)
{
    QTreeWidgetItem *item = itemFor(seriesId);
    if (!item || !(item->flags() & Qt::ItemIsEnabled))
        return false;
    item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked); // itemChanged → updateState
    return true;
}

bool AddPanelDialog::isSeriesEnabled(const QString &seriesId) const
{
    const QTreeWidgetItem *item = itemFor(seriesId);
    return item && (item->flags() & Qt::ItemIsEnabled);
}

bool AddPanelDialog::isSeriesVisible(const QString &seriesId) const
{
    const QTreeWidgetItem *item = itemFor(seriesId);
    return item && !item->isHidden() && !item->parent()->isHidden();
}

void AddPanelDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wr
