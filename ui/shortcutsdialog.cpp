#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

QString plainText(QString text)
{
    text.remove(QRegularExpression(u"&(?!&)"_s));
    text.replace(u"&&"_s, u"&"_s);
    if (text.endsWith(u'…'))
        text.chop(1);
    return text;
}

void collect(const QMenu *menu, const QString &title, const QString &submenu,
             QList<ShortcutsDialog::Entry> &out)
{
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (action->menu()) {
            collect(action->menu(), title, plainText(action->text()), out);
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &k : action->shortcuts())
            keys.append(k.toString(QKeySequence::NativeText));
        const QString text = plainText(action->text());
        out.append({ title,
                     submenu.isEmpty()
                         ? text
                         //: Keyboard shortcuts: submenu › action, e.g. "Export › Board as PNG"
                         : ShortcutsDialog::tr("%1 › %2").arg(submenu, text),
                     keys.join(u", "_s) });
    }
}

} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::entries(const QMenuBar *menuBar)
{
    QList<Entry> out;
    if (!menuBar)
        return out;
    const QList<QAction *> menus = menuBar->actions();
    for (const QAction *a : menus) {
        if (a->menu())
            collect(a->menu(), plainText(a->text()), QString(), out);
    }
    return out;
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({ tr("Action"), tr("Keys") });
    m_tree->setRootIsDecorated(false);
    m_tree->setAccessibleName(tr("Keyboard shortcuts"));
    QTreeWidgetItem *group = nullptr;
    for (const Entry &e : entries(menuBar)) {
        if (!group || group->text(0) != e.menu) {
            group = new QTreeWidgetItem(m_tree, { e.menu });
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
            group->setFlags(Qt::ItemIsEnabled);
        }
        new QTreeWidgetItem(group, { e.action, e.keys });
    }
    // Gestures on a chart have no action; they are listed after the menus.
    const std::pair<const char *, const char *> gestures[] = {
        { QT_TR_NOOP("Zoom around the pointer"), QT_TR_NOOP("Wheel") },
        { QT_TR_NOOP("Pan"), QT_TR_NOOP("Drag") },
        { QT_TR_NOOP("Zoom to a range"), QT_TR_NOOP("Right-drag") },
        { QT_TR_NOOP("Back to live"), QT_TR_NOOP("Double-click") },
        { QT_TR_NOOP("Point annotation"), QT_TR_NOOP("Shift+click") },
        { QT_TR_NOOP("Region annotation"), QT_TR_NOOP("Shift+drag") },
        { QT_TR_NOOP("Menu: annotations, layout, threshold, export"), QT_TR_NOOP("Right-click") },
    };
    //: Keyboard shortcuts dialog: the group of mouse gestures on a chart
    group = new QTreeWidgetItem(m_tree, { tr("On a chart (mouse)") });
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    group->setFirstColumnSpanned(true);
    group->setFlags(Qt::ItemIsEnabled);
    for (const auto &[what, how] : gestures)
        new QTreeWidgetItem(group, { tr(what), tr(how) });
    m_tree->expandAll();
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(460, 520);
}

} // namespace wr
