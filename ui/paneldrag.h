#pragma once

#include <QList>
#include <QObject>
#include <QPixmap>
#include <QPoint>
#include <QPointer>
#include <QRect>
#include <QString>

#include <functional>

class QMouseEvent;
class QScrollArea;

namespace wr {

class ChartPanel;

// Moving a panel on the board by dragging its title strip (ChartPanel::headerRect()). The
// drag stays inside the process: the press on a chart's viewport grabs the mouse implicitly,
// so its moves arrive here wherever the pointer goes, and the board draws the feedback itself
// (where the panel comes from, where it would land, a translucent picture of it under the
// pointer). QDrag would run the platform's nested drag loop instead, for no gain: the panel
// never leaves the window.
//
// The press has to travel QApplication::startDragDistance() before the drag starts; Escape
// cancels it, so does a release outside the board or on the panel's own place. A drop emits
// dropped(), and the board moves the panel into the target's place (MainWindow::movePanelTo).
// Presses anywhere else on the chart (pan, zoom, annotate) go on to it untouched; the corner
// grip is a widget of its own and never reaches this filter.
class PanelDrag : public QObject
{
    Q_OBJECT

public:
    // The board's visible panels in reading order.
    using Panels = std::function<QList<ChartPanel *>()>;

    PanelDrag(QScrollArea *scroll, QWidget *board, Panels panels, QObject *parent = nullptr);
    ~PanelDrag() override;

    // Watches the panel's chart for presses on its title strip (once per panel).
    void watch(ChartPanel *panel);

    bool isDragging() const { return m_dragging; }
    QString draggedPanel() const;
    // The panel whose place the dragged one would take now; empty: a drop does nothing.
    QString targetPanel() const { return m_targetId; }
    // Whether the dragged panel would go after the target in reading order (else before).
    bool isTargetAfter() const { return m_after; }
    // The feedback drawn over the board (child of the board, hidden when not dragging).
    QWidget *indicator() const;
    void cancel();

Q_SIGNALS:
    void dropped(const QString &panelId, const QString &targetId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    class Indicator;
    class EscapeFilter;

    bool handleMouse(QWidget *viewport, QMouseEvent *event);
    void updateHoverCursor(QWidget *viewport, const QPoint &pos);
    void begin();
    void moveTo(const QPoint &global);
    void finish(const QPoint &global);
    void end();
    void autoScroll(const QPoint &global);
    // Among `panels` (the board's visible ones).
    ChartPanel *targetAt(const QPoint &global, const QList<ChartPanel *> &panels) const;

    QScrollArea *m_scroll = nullptr;
    QWidget *m_board = nullptr;
    Panels m_panels;
    QPointer<Indicator> m_indicator; // the board's child: it may go first when closing
    EscapeFilter *m_escape = nullptr;

    QPointer<ChartPanel> m_panel; // pressed on its title, dragged once m_dragging
    QPoint m_pressGlobal;
    bool m_dragging = false;
    QString m_targetId;
    bool m_after = false;
};

} // namespace wr
