#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QMenuBar;
class QTreeWidget;

namespace wr {

// Help → Keyboard shortcuts: every action of the menu bar that has a shortcut, grouped by menu,
// read from the actions themselves when the dialog opens, so the list cannot drift from what
// the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    struct Entry
    {
        QString menu; // the top-level menu, without the mnemonic
        QString action; // the action's text, without the mnemonic or a trailing ellipsis
        QString keys; // every shortcut of the action, in the platform's notation
    };

    explicit ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent = nullptr);

    static QList<Entry> entries(const QMenuBar *menuBar);
    QTreeWidget *tree() const { return m_tree; }

private:
    QTreeWidget *m_tree = nullptr;
};

} // namespace wr
