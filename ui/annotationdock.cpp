#include "annotationdock.h"

#include "plaintext.h"

#include "annotationfiltermodel.h"
#include "annotationstore.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wr {

// Two lines per annotation, plain text (item views never interpret markup): the text, then
// author · time · panel, with the annotation's colour as the decoration.
class AnnotationDock::Delegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    std::function<QString(const QString &)> authorName;
    std::function<QString(const QString &)> panelTitle;

    QString textFor(const QModelIndex &index) const
    {
        const QString author = index.data(AnnotationStore::AuthorRole).toString();
        const QString who = authorName ? authorName(author) : author;
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(
            index.data(AnnotationStore::T0Role).toLongLong());
        QString when = t0.toString(u"yyyy-MM-dd HH:mm:ss"_s);
        const QVariant t1 = index.data(AnnotationStore::T1Role);
        if (!t1.isNull()) {
            when = AnnotationDock::tr("%1 – %2").arg(
                when, QDateTime::fromMSecsSinceEpoch(t1.toLongLong()).toString(u"HH:mm:ss"_s));
        }
        const QVariant panel = index.data(AnnotationStore::PanelRole);
        const QString where = panel.isNull()
            ? AnnotationDock::tr("every panel")
            : (panelTitle ? panelTitle(panel.toString()) : panel.toString());
        QString text = index.data(AnnotationStore::TextRole).toString().simplified();
        if (text.isEmpty())
            text = AnnotationDock::tr("(no text)");
        const QStringList tags = index.data(AnnotationStore::TagsRole).toStringList();
        if (!tags.isEmpty())
            text += u"  #"_s + tags.join(u" #"_s);
        //: Second line of an annotation in the list: author · time · panel
        // A line separator, not '\n': the item view lays the text out as one paragraph.
        return text + QChar(QChar::LineSeparator)
            + AnnotationDock::tr("%1 · %2 · %3").arg(who, when, where);
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = textFor(index);
        option->textElideMode = Qt::ElideRight;
        QColor c = QColor::fromString(index.data(AnnotationStore::ColorRole).toString());
        if (!c.isValid())
            c = option->palette.color(QPalette::Highlight);
        QPixmap swatch(12, 28);
        swatch.fill(c);
        option->icon = QIcon(swatch);
        option->decorationSize = QSize(4, 28);
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
};

AnnotationDock::AnnotationDock(AnnotationStore *store, QWidget *parent)
    : QDockWidget(parent)
    , m_store(store)
{
    setObjectName(u"annotationDock"_s);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);
    m_search = new QLineEdit(content);
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_tags = new QComboBox(content);
    layout->addWidget(m_tags);
    m_filter = new AnnotationFilterModel(this);
    m_filter->setSourceModel(store);
    m_view = new QListView(content);
    m_view->setModel(m_filter);
    m_view->setUniformItemSizes(false);
    m_view->setWordWrap(false);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAlternatingRowColors(true);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideRight);
    m_delegate = new Delegate(m_view);
    m_view->setItemDelegate(m_delegate);
    layout->addWidget(m_view, 1);
    m_count = new QLabel(content);
    m_count->setEnabled(false);
    m_export = new QToolButton(content);
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setAutoRaise(true);
    m_export->hide(); // until the board gives it actions
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_count, 1);
    footer->addWidget(m_export);
    layout->addLayout(footer);
    setWidget(content);

    connect(m_search, &QLineEdit::textChanged, m_filter, &AnnotationFilterModel::setSearchText);
    connect(m_tags, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString tag = index > 0 ? m_tags->itemData(index).toString() : QString();
        m_filter->setTagFilter(tag.isEmpty() ? QStringList() : QStringList { tag });
    });
    // A click or keyboard selection jumps; so does Enter / double-click. Rows moving under a
    // current index (a peer's edit) must not move the charts, hence the focus check.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && m_view->hasFocus())
                    Q_EMIT annotationActivated(current.data(AnnotationStore::IdRole).toString());
            });
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &index) {
        Q_EMIT annotationActivated(index.data(AnnotationStore::IdRole).toString());
    });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT annotationActivated(index.data(AnnotationStore::IdRole).toString());
    });
    connect(m_view, &QListView::customContextMenuRequested, this, &AnnotationDock::showMenu);
    if (store) {
        for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
            connect(store, signal, this, &AnnotationDock::refreshTags);
        connect(store, &QAbstractItemModel::modelReset, this, &AnnotationDock::refreshTags);
        connect(store, &QAbstractItemModel::dataChanged, this, &AnnotationDock::refreshTags);
    }
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &AnnotationDock::retranslate);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &AnnotationDock::retranslate);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &AnnotationDock::retranslate);
    retranslate();
    refreshTags();
}

void AnnotationDock::setNames(std::function<QString(const QString &)> authorName,
                              std::function<QString(const QString &)> panelTitle)
{
    m_delegate->authorName = std::move(authorName);
    m_delegate->panelTitle = std::move(panelTitle);
    m_view->viewport()->update();
}

void AnnotationDock::setEditable(bool editable, const QString &reason)
{
    m_editable = editable;
    m_reason = reason;
}

QString AnnotationDock::rowText(int row) const
{
    return m_delegate->textFor(m_filter->index(row, 0));
}

void AnnotationDock::refreshTags()
{
    if (!m_store)
        return;
    const QString current = m_tags->currentData().toString();
    const QStringList tags = m_store->allTags();
    QSignalBlocker block(m_tags);
    m_tags->clear();
    m_tags->addItem(tr("All tags"), QString());
    for (const QString &tag : tags)
        m_tags->addItem(u"#"_s + tag, tag);
    const int index = current.isEmpty() ? 0 : m_tags->findData(current);
    m_tags->setCurrentIndex(std::max(0, index));
    if (index < 0)
        m_filter->setTagFilter({}); // the tag is gone
    m_view->viewport()->update();
}

void AnnotationDock::showMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = index.data(AnnotationStore::IdRole).toString();
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    QAction *jump = menu.addAction(tr("Show on the charts"));
    connect(jump, &QAction::triggered, this, [this, id] { Q_EMIT annotationActivated(id); });
    menu.addSeparator();
    QAction *edit = menu.addAction(tr("Edit…"));
    QAction *remove = menu.addAction(tr("Delete"));
    for (QAction *a : { edit, remove }) {
        a->setEnabled(m_editable);
        if (!m_editable)
            a->setToolTip(literalToolTip(m_reason)); // names the role the hub gave
    }
    if (!m_editable) {
        // '&' in an action's text would become a shortcut marker.
        QAction *why = menu.addAction(mnemonicEscaped(m_reason));
        why->setEnabled(false);
    }
    connect(edit, &QAction::triggered, this, [this, id] { Q_EMIT editRequested(id); });
    connect(remove, &QAction::triggered, this, [this, id] { Q_EMIT deleteRequested(id); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void AnnotationDock::setExportActions(const QList<QAction *> &actions)
{
    auto *menu = new QMenu(m_export);
    menu->addActions(actions);
    m_export->setMenu(menu);
    m_export->setVisible(!actions.isEmpty());
}

void AnnotationDock::retranslate()
{
    //: Dock title: the list of annotations
    setWindowTitle(tr("Annotations"));
    m_search->setPlaceholderText(tr("Search text and tags"));
    m_search->setAccessibleName(tr("Search annotations"));
    m_tags->setAccessibleName(tr("Filter by tag"));
    m_view->setAccessibleName(tr("Annotations"));
    //: Button under the annotation list: export them as CSV or JSON
    m_export->setText(tr("Export"));
    m_export->setAccessibleName(tr("Export annotations"));
    if (m_tags->count() > 0)
        m_tags->setItemText(0, tr("All tags"));
    const int shown = m_filter->rowCount();
    const int all = m_store ? m_store->rowCount() : 0;
    m_count->setText(shown == all ? tr("%n annotation(s)", nullptr, all)
                                  //: %1 of %n annotations shown by the filter
                                  : tr("%1 of %n annotation(s)", nullptr, all).arg(shown));
}

void AnnotationDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

} // namespace wr
