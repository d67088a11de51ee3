#include "paneldrag.h"

#include "chartcanvas.h"
#include "chartpanel.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr int kPictureWidth = 320; // px: the panel's picture under the pointer, at most
constexpr double kPictureOpacity = 0.85; // the board shows through, the chart stays legible
constexpr int kAutoScrollMargin = 32; // px from the board's top or bottom edge
constexpr int kAutoScrollStep = 24; // px per move event there
constexpr int kBarWidth = 6; // the insertion bar, in the gap between panels

ChartPanel *panelOf(QWidget *widget)
{
    for (QWidget *w = widget; w; w = w->parentWidget()) {
        if (auto *panel = qobject_cast<ChartPanel *>(w))
            return panel;
    }
    return nullptr;
}

bool isOnHeader(ChartPanel *panel, QWidget *viewport, const QPointF &pos)
{
    return panel && panel->headerRect().contains(viewport->mapTo(panel, pos.toPoint()));
}

} // namespace

// What the board shows during a drag, painted over the panels: the dragged panel's place
// (dashed), the target's place (filled, with a bar on the side the panel goes to) and a
// translucent picture of the panel under the pointer. It never takes the mouse.
class PanelDrag::Indicator : public QWidget
{
public:
    explicit Indicator(QWidget *board)
        : QWidget(board)
    {
        setObjectName(u"panelDropIndicator"_s);
        setAttribute(Qt::WA_TransparentForMouseEvents);
        hide();
    }

    void start(const QRect &source, const QPixmap &picture, const QPoint &hotSpot)
    {
        m_source = source;
        m_picture = picture;
        m_hotSpot = hotSpot;
        m_target = QRect();
        setGeometry(parentWidget()->rect());
        raise();
        show();
        update();
    }

    void setFeedback(const QRect &source, const QRect &target, bool after, const QPoint &pointer)
    {
        if (geometry() != parentWidget()->rect()) {
            setGeometry(parentWidget()->rect()); // the board grew or shrank: draw it all again
            update();
        }
        // Only what changes is painted again: the panels under it are repainted with it.
        QRegion dirty;
        if (source != m_source || target != m_target || after != m_after) {
            dirty += markRect(m_source);
            dirty += markRect(m_target);
            dirty += markRect(source);
            dirty += markRect(target);
        }
        dirty += pictureRect();
        m_source = source;
        m_target = target;
        m_after = after;
        m_pointer = pointer;
        dirty += pictureRect();
        update(dirty);
    }

    QRect targetRect() const { return m_target; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor accent = palette().color(QPalette::Highlight);
        QColor wash = accent;
        wash.setAlpha(24);
        p.setPen(QPen(accent, 2, Qt::DashLine));
        p.setBrush(wash);
        p.drawRoundedRect(QRectF(m_source).adjusted(1, 1, -1, -1), 4, 4);
        if (!m_target.isNull()) {
            wash.setAlpha(64);
            p.setPen(QPen(accent, 3));
            p.setBrush(wash);
            p.drawRoundedRect(QRectF(m_target).adjusted(1.5, 1.5, -1.5, -1.5), 4, 4);
            p.setPen(Qt::NoPen);
            p.setBrush(accent);
            p.drawRoundedRect(barRect(), kBarWidth / 2.0, kBarWidth / 2.0);
        }
        if (!m_picture.isNull()) {
            p.setOpacity(kPictureOpacity);
            p.drawPixmap(m_pointer - m_hotSpot, m_picture);
            p.setOpacity(1.0);
            p.setPen(QPen(accent, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(pictureRect()).adjusted(0.5, 0.5, -0.5, -0.5));
        }
    }

private:
    // Beside the target, in the gap between panels: before it or after it in reading order.
    QRect barRect() const
    {
        const int x = m_after ? m_target.right() + 2 : m_target.left() - kBarWidth - 1;
        return QRect(x, m_target.top(), kBarWidth, m_target.height());
    }
    QRect markRect(const QRect &r) const
    {
        return r.isNull() ? QRect() : r.adjusted(-kBarWidth - 4, -4, kBarWidth + 4, 4);
    }
    QRect pictureRect() const
    {
        return QRect(m_pointer - m_hotSpot, m_picture.deviceIndependentSize().toSize());
    }

    QRect m_source;
    QRect m_target;
    bool m_after = false;
    QPixmap m_picture;
    QPoint m_hotSpot;
    QPoint m_pointer;
};

// Escape during a drag, whichever widget has the keyboard focus.
class PanelDrag::EscapeFilter : public QObject
{
public:
    explicit EscapeFilter(PanelDrag *drag)
        : QObject(drag)
        , m_drag(drag)
    { }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride)
            return false;
        if (static_cast<QKeyEvent *>(event)->key() != Qt::Key_Escape)
            return false;
        // Taking the override keeps Escape from any shortcut, so the key press comes here.
        event->accept();
        if (event->type() == QEvent::KeyPress)
            m_drag->cancel();
        return true;
    }

private:
    PanelDrag *m_drag;
};

PanelDrag::PanelDrag(QScrollArea *scroll, QWidget *board, Panels panels, QObject *parent)
    : QObject(parent)
    , m_scroll(scroll)
    , m_board(board)
    , m_panels(std::move(panels))
    , m_indicator(new Indicator(board))
    , m_escape(new EscapeFilter(this))
{ }

PanelDrag::~PanelDrag()
{
    cancel(); // gives back the override cursor and the application's event filter
}

void PanelDrag::watch(ChartPanel *panel)
{
    QWidget *viewport = panel->canvas()->viewport();
    viewport->installEventFilter(this);
    connect(panel, &QObject::destroyed, this, [this](QObject *gone) {
        if (m_panel.isNull() || m_panel.data() == gone)
            cancel();
    });
}

QString PanelDrag::draggedPanel() const
{
    return m_dragging && m_panel ? m_panel->panelId() : QString();
}

QWidget *PanelDrag::indicator() const
{
    return m_indicator.data();
}

bool PanelDrag::eventFilter(QObject *watched, QEvent *event)
{
    auto *viewport = static_cast<QWidget *>(watched); // only charts' viewports are watched
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::MouseButtonRelease:
        return handleMouse(viewport, static_cast<QMouseEvent *>(event));
    case QEvent::Leave:
        if (!m_panel)
            updateHoverCursor(viewport, QPoint(-1, -1));
        break;
    case QEvent::ToolTip: {
        const auto *help = static_cast<QHelpEvent *>(event);
        ChartPanel *panel = panelOf(viewport);
        if (isOnHeader(panel, viewport, help->pos())) {
            QToolTip::showText(help->globalPos(), panel->moveHint(), viewport);
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

bool PanelDrag::handleMouse(QWidget *viewport, QMouseEvent *event)
{
    const QPoint global = event->globalPosition().toPoint();
    if (m_dragging && !m_panel) {
        cancel(); // the panel went away (the board was rebuilt)
        return true;
    }
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        if (m_panel)
            return true; // another button during a press on a title: not the chart's
        ChartPanel *panel = panelOf(viewport);
        if (event->button() != Qt::LeftButton || event->modifiers() != Qt::NoModifier
            || !isOnHeader(panel, viewport, event->position()))
            return false;
        m_panel = panel;
        m_pressGlobal = global;
        return true;
    }
    case QEvent::MouseMove:
        if (!m_panel) {
            if (event->buttons() == Qt::NoButton)
                updateHoverCursor(viewport, event->position().toPoint());
            return false;
        }
        if (!(event->buttons() & Qt::LeftButton)) {
            cancel(); // the release went somewhere else
            return false;
        }
        if (!m_dragging) {
            // Below the threshold a press is a click on the title, not a drag.
            if ((global - m_pressGlobal).manhattanLength() < QApplication::startDragDistance())
                return true;
            begin();
        }
        moveTo(global);
        return true;
    case QEvent::MouseButtonRelease:
        if (!m_panel)
            return false;
        if (event->button() != Qt::LeftButton)
            return true;
        if (m_dragging)
            finish(global);
        else
            end();
        return true;
    default:
        return false;
    }
}

void PanelDrag::updateHoverCursor(QWidget *viewport, const QPoint &pos)
{
    const bool onHeader = isOnHeader(panelOf(viewport), viewport, pos);
    const bool ours = viewport->testAttribute(Qt::WA_SetCursor)
        && viewport->cursor().shape() == Qt::SizeAllCursor;
    if (onHeader && !ours)
        viewport->setCursor(Qt::SizeAllCursor);
    else if (!onHeader && ours)
        viewport->unsetCursor(); // the chart's own cursors (pan) are set only while pressed
}

void PanelDrag::begin()
{
    m_dragging = true;
    const QPixmap grabbed = m_panel->grab();
    const double scale = std::min(1.0, double(kPictureWidth) / std::max(1, m_panel->width()));
    QPixmap picture
        = grabbed.scaled(grabbed.size() * scale, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    picture.setDevicePixelRatio(grabbed.devicePixelRatio());
    // The point that was pressed stays under the pointer, as if the panel were held there.
    const QPoint hotSpot = m_panel->mapFromGlobal(m_pressGlobal) * scale;
    m_indicator->start(m_panel->geometry(), picture, hotSpot);
    qApp->installEventFilter(m_escape);
    QGuiApplication::setOverrideCursor(Qt::ClosedHandCursor);
}

void PanelDrag::moveTo(const QPoint &global)
{
    autoScroll(global);
    const QList<ChartPanel *> panels = m_panels();
    ChartPanel *target = targetAt(global, panels);
    const bool onItself = target == m_panel;
    m_targetId = target && !onItself ? target->panelId() : QString();
    m_after = !m_targetId.isEmpty() && panels.indexOf(target) > panels.indexOf(m_panel.data());
    m_indicator->setFeedback(m_panel->geometry(),
                             m_targetId.isEmpty() ? QRect() : target->geometry(), m_after,
                             m_board->mapFromGlobal(global));
    // Off the board a drop does nothing: say so before the button is let go.
    QGuiApplication::changeOverrideCursor(target ? Qt::ClosedHandCursor : Qt::ForbiddenCursor);
}

void PanelDrag::finish(const QPoint &global)
{
    moveTo(global); // the release's position decides, not the last move's
    const QString panelId = m_panel->panelId();
    const QString targetId = m_targetId;
    end();
    if (!targetId.isEmpty())
        Q_EMIT dropped(panelId, targetId);
}

void PanelDrag::cancel()
{
    end();
}

void PanelDrag::end()
{
    if (m_dragging) {
        if (m_indicator)
            m_indicator->hide();
        qApp->removeEventFilter(m_escape);
        QGuiApplication::restoreOverrideCursor();
    }
    m_dragging = false;
    m_panel.clear();
    m_targetId.clear();
    m_after = false;
}

void PanelDrag::autoScroll(const QPoint &global)
{
    const QWidget *viewport = m_scroll->viewport();
    const QPoint pos = viewport->mapFromGlobal(global);
    if (!viewport->rect().contains(pos))
        return;
    QScrollBar *bar = m_scroll->verticalScrollBar();
    if (pos.y() < kAutoScrollMargin)
        bar->setValue(bar->value() - kAutoScrollStep);
    else if (pos.y() >= viewport->height() - kAutoScrollMargin)
        bar->setValue(bar->value() + kAutoScrollStep);
}

ChartPanel *PanelDrag::targetAt(const QPoint &global, const QList<ChartPanel *> &panels) const
{
    const QWidget *viewport = m_scroll->viewport();
    if (!viewport->rect().contains(viewport->mapFromGlobal(global)))
        return nullptr;
    // The panel under the pointer, or the nearest one when the pointer is in a gap between
    // panels or below the last row, so the marker does not flicker on the way.
    const QPoint pos = m_board->mapFromGlobal(global);
    ChartPanel *nearest = nullptr;
    qint64 best = std::numeric_limits<qint64>::max();
    for (ChartPanel *panel : panels) {
        const QRect r = panel->geometry();
        const qint64 dx = std::max({ r.left() - pos.x(), 0, pos.x() - r.right() });
        const qint64 dy = std::max({ r.top() - pos.y(), 0, pos.y() - r.bottom() });
        if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            nearest = panel;
        }
    }
    return nearest;
}

} // namespace wr
