// Peer-provided strings are shown literally everywhere (issue 7, "Rendering"): a peer named
// `<img src=x><b>bold</b>` with an annotation whose text and tags look like HTML, in the main
// window offscreen. Each place is checked for what a person sees: QLabels in plain-text format
// (or text without markup), tooltips as QToolTip would render them (it guesses rich text with
// Qt::mightBeRichText), item-model data, the overlay's painted strings, the status bar message.
// Saves uiplaintext.png (into $WATCHROOM_SCREENSHOT_DIR or ./screenshots) to look at.
#include "annotationdialog.h"
#include "annotationdock.h"
#include "annotationstore.h"
#include "bannerbar.h"
#include "chartcanvas.h"
#include "chartoverlay.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "plaintext.h"
#include "presencedock.h"
#include "presencemodel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGraphicsItemGroup>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QHelpEvent>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QToolTip>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

const QString kPeer = u"mallory"_s;
const QString kName = u"<img src=x><b>bold</b>"_s;
const QString kClient = u"<script>x</script>watchroom"_s;
const QString kText = u"<b>deploy</b> <img src=y> & <a href=z>link</a>"_s;
const QString kTag = u"<i>tag</i>"_s;
const QString kSeriesName = u"<u>Load</u> & more"_s;
const QString kServerSaid = u"<h1>502</h1> from the proxy"_s;

// What QToolTip, or a QLabel in Qt::AutoText, displays for `text`.
QString displayed(const QString &text, Qt::TextFormat format = Qt::AutoText)
{
    if (format == Qt::PlainText || (format == Qt::AutoText && !Qt::mightBeRichText(text)))
        return text;
    QTextDocument document;
    document.setHtml(text);
    // A rich-text line break reads back as U+2028.
    return document.toPlainText().replace(QChar::LineSeparator, u'\n');
}

QString displayed(const QLabel *label)
{
    return displayed(label->text(), label->textFormat());
}

} // namespace

class TestUiPlainText : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void theCheckDetectsMarkup();
    void presenceDock();
    void annotationDockAndModel();
    void annotationEditor();
    void chartOverlayStrings();
    void legendNamesAndToolTips();
    void bannerStatusBarAndFollow();
    void everyLabelAndToolTipInTheWindow();
    void screenshot();
    void cleanupTestCase();

private:
    qint64 m_now = 0;
    std::unique_ptr<MetricStore> m_metrics;
    std::unique_ptr<AnnotationStore> m_annotations;
    std::unique_ptr<PresenceModel> m_presence;
    std::unique_ptr<MainWindow> m_window;
    QString m_annotationId;
};

void TestUiPlainText::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_now = QDateTime(QDate(2026, 11, 23), QTime(14, 30, 0)).toMSecsSinceEpoch();
    const qint64 now = m_now;
    m_metrics = std::make_unique<MetricStore>();
    m_annotations = std::make_unique<AnnotationStore>(u"me"_s, [now] { return now; });
    m_presence = std::make_unique<PresenceModel>();
    m_presence->setLocalUserId(u"me"_s);

    session::MetricsFrame frame;
    frame.source = u"test"_s;
    session::MetricSeries load;
    load.id = u"alpha/load.1"_s;
    load.name = kSeriesName;
    load.labels = { { u"host"_s, u"alpha"_s } };
    for (qint64 t = now - 5 * 60'000; t <= now; t += 1000)
        load.points.append({ t, 1.0 + double((t / 1000) % 17) / 10.0 });
    frame.series = { load };
    m_metrics->apply(frame);

    m_presence->applyHello(kPeer, { kName, u"#8e4ec6"_s, kClient });
    session::Presence presence { kName, u"#8e4ec6"_s, session::PresenceState::Active,
                                 session::View { QString(), now - 5 * 60'000, std::nullopt },
                                 true };
    m_presence->applyPresence(kPeer, presence);

    // The peer's annotation arrives as an op from them.
    AnnotationStore theirs(kPeer, [now] { return now; });
    session::Annotation a;
    a.t0 = now - 60'000;
    a.text = kText;
    a.tags = { kTag };
    a.color = u"#e5484d"_s;
    const session::AnnotationOp op = theirs.put(a);
    QVERIFY(m_annotations->apply(op, kPeer));
    QCOMPARE(m_annotations->rowCount(), 1);
    m_annotationId = m_annotations->visible().constFirst().id;

    m_window = std::make_unique<MainWindow>(m_metrics.get(), m_annotations.get(), m_presence.get());
    m_window->setClock([now] { return now; });
    m_window->setSpan(5 * 60'000);
    m_window->resize(1200, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->renderFrame();
    QCoreApplication::processEvents();
    m_window->renderFrame();
    QVERIFY(!m_window->panels().isEmpty());

    session::Cursor cursor;
    cursor.panel = m_window->panels().constFirst()->panelId();
    cursor.t = now - 90'000;
    cursor.y = 1.5;
    m_presence->applyCursor(kPeer, cursor);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->panels().constFirst()->canvas()->remoteCursors().isEmpty(),
                             5000);
}

void TestUiPlainText::theCheckDetectsMarkup()
{
    // Without escaping, a tooltip or an AutoText label would lose the markup: the check below
    // would see "bold", not the name. This keeps the other tests from passing by accident.
    QVERIFY(!displayed(kName).contains(kName));
    QVERIFY(displayed(kName).endsWith(u"bold"_s)); // the image became an object placeholder
    QVERIFY(!displayed(kText).contains(kText));
    QCOMPARE(displayed(richToolTip(kName)), kName);
    QCOMPARE(displayed(richToolTip(kText + u"\n"_s + kTag)), kText + u"\n"_s + kTag);
    QCOMPARE(displayed(literalToolTip(kName)), kName);
    QCOMPARE(literalToolTip(u"plain & simple"_s), u"plain & simple"_s); // unchanged
    QCOMPARE(mnemonicEscaped(u"a & b"_s), u"a && b"_s);
}

void TestUiPlainText::presenceDock()
{
    PresenceDock *dock = m_window->presenceDock();
    QCOMPARE(dock->rowCount(), 1);
    const QLabel *name = dock->nameLabel(kPeer);
    QVERIFY(name);
    QCOMPARE(name->textFormat(), Qt::PlainText);
    QCOMPARE(displayed(name), kName);
    QCOMPARE(displayed(name->toolTip()), u"Using "_s + kClient);
    const QPushButton *follow = dock->followButton(kPeer);
    QVERIFY(follow->isEnabled());
    QVERIFY2(displayed(follow->toolTip()).contains(kName), qPrintable(follow->toolTip()));
    // The model the dock reads: the name as sent.
    QCOMPARE(m_presence->index(0).data(Qt::DisplayRole).toString(), kName);
}

void TestUiPlainText::annotationDockAndModel()
{
    AnnotationDock *dock = m_window->annotationDock();
    QCOMPARE(dock->view()->model()->rowCount(), 1);
    // The delegate's text, drawn by QStyledItemDelegate (plain text, never markup).
    const QString row = dock->rowText(0);
    QVERIFY2(row.contains(kText), qPrintable(row));
    QVERIFY2(row.contains(u"#"_s + kTag), qPrintable(row));
    QVERIFY2(row.contains(kName), qPrintable(row)); // the author, by display name
    const QModelIndex index = dock->view()->model()->index(0, 0);
    QCOMPARE(index.data(Qt::DisplayRole).toString(), kText);
    QVERIFY(index.data(Qt::ToolTipRole).toString().isEmpty()); // no tooltip to guess about
    // The tag filter offers the tag as written.
    QVERIFY(dock->tagFilter()->findText(u"#"_s + kTag) >= 0);

    // A viewer's reason names the role the hub sent; the context menu shows it literally.
    const QString reason = u"Your role (<b>viewer</b> & co) may not edit"_s;
    dock->setEditable(false, reason);
    QStringList tips;
    QStringList texts;
    QTimer::singleShot(0, this, [&tips, &texts] {
        // Runs inside the menu's exec(): read what it shows, then close it.
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (const QAction *a : menu->actions()) {
            tips.append(a->toolTip());
            texts.append(a->text());
        }
        menu->close();
    });
    Q_EMIT dock->view()->customContextMenuRequested(dock->view()->visualRect(index).center());
    dock->setEditable(true, QString());
    QVERIFY2(texts.contains(mnemonicEscaped(reason)), qPrintable(texts.join(u" | "_s)));
    int withReason = 0;
    for (const QString &tip : std::as_const(tips)) {
        if (displayed(tip) == reason)
            ++withReason;
    }
    QCOMPARE(withReason, 2); // Edit and Delete
}

void TestUiPlainText::annotationEditor()
{
    const auto annotation = m_annotations->annotation(m_annotationId);
    QVERIFY(annotation);
    AnnotationDialog dialog(*annotation, kSeriesName);
    const auto *text = dialog.findChild<QPlainTextEdit *>();
    QVERIFY(text);
    QCOMPARE(text->toPlainText(), kText);
    bool tagsShown = false;
    for (const QLineEdit *field : dialog.findChildren<QLineEdit *>())
        tagsShown = tagsShown || field->text() == kTag;
    QVERIFY(tagsShown);
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        QCOMPARE(displayed(label), label->text());
    // The panel's title in the check box: '&' stays an ampersand (no shortcut letter).
    const auto *box = dialog.findChild<QCheckBox *>();
    QVERIFY(box);
    QVERIFY2(box->text().contains(mnemonicEscaped(kSeriesName)), qPrintable(box->text()));
    // The edited annotation comes back unchanged.
    QCOMPARE(dialog.annotation().text, kText);
    QCOMPARE(dialog.annotation().tags, QStringList { kTag });
}

void TestUiPlainText::chartOverlayStrings()
{
    const ChartCanvas *canvas = m_window->panels().constFirst()->canvas();
    // Painted with QPainter::drawText, which never interprets markup: the strings must be the
    // literal ones.
    const QList<RemoteCursor> cursors = canvas->remoteCursors();
    QCOMPARE(cursors.size(), 1);
    QCOMPARE(cursors.constFirst().name, kName);
    const QList<PanelAnnotation> annotations = canvas->annotations();
    QCOMPARE(annotations.size(), 1);
    QCOMPARE(annotations.constFirst().text, kText);
    const QString hover = ChartOverlay::hoverText(annotations, 0, {}, 5 * 60'000);
    QVERIFY2(hover.contains(kText), qPrintable(hover));
    QVERIFY2(hover.contains(annotations.constFirst().author), qPrintable(hover));
    const QString edge
        = ChartOverlay::edgeLabel(kName, m_now - 3'600'000, ChartMapping::Edge::Before, 5 * 60'000);
    QVERIFY2(edge.contains(kName), qPrintable(edge));

    // Qt Charts draws the legend, the title and axis titles as HTML (QGraphicsTextItem): the
    // series name must come out literally there too.
    QStringList shownInScene;
    const QList<QGraphicsItem *> items = canvas->scene()->items();
    for (const QGraphicsItem *item : items) {
        if (const auto *text = dynamic_cast<const QGraphicsTextItem *>(item))
            shownInScene.append(text->toPlainText());
    }
    QVERIFY2(shownInScene.contains(kSeriesName), qPrintable(shownInScene.join(u" | "_s)));
}

void TestUiPlainText::legendNamesAndToolTips()
{
    ChartPanel *panel = m_window->panels().constFirst();
    const QString id = u"alpha/load.1"_s;
    QCOMPARE(panel->legendName(id), kSeriesName);
    // The legend may leave the title's word out of a name; what is left stays text.
    QCOMPARE(ChartPanel::legendNames(u"Load · alpha"_s, { u"Load a<b>x</b> & y"_s }),
             QStringList { u"a<b>x</b> & y"_s });
    // The legend entry's tooltip (the full name, what a click does), shown or hidden.
    QVERIFY2(displayed(panel->legendToolTip(id)).startsWith(kSeriesName + u'\n'),
             qPrintable(panel->legendToolTip(id)));
    panel->setSeriesHidden(id, true);
    QVERIFY2(displayed(panel->legendToolTip(id)).startsWith(kSeriesName + u'\n'),
             qPrintable(panel->legendToolTip(id)));
    panel->setSeriesHidden(id, false);

    // As QToolTip shows it when the pointer rests on the entry (the panel's only one).
    QGraphicsItem *entry = nullptr;
    const QList<QGraphicsItem *> children = panel->canvas()->chart()->legend()->childItems();
    for (QGraphicsItem *child : children) {
        if (qgraphicsitem_cast<QGraphicsItemGroup *>(child) && !child->childItems().isEmpty())
            entry = child->childItems().constFirst();
    }
    QVERIFY(entry);
    QWidget *viewport = panel->canvas()->viewport();
    const QPoint pos = panel->canvas()->mapFromScene(entry->sceneBoundingRect().center());
    QMouseEvent move(QEvent::MouseMove, QPointF(pos), viewport->mapToGlobal(QPointF(pos)),
                     Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QHelpEvent help(QEvent::ToolTip, pos, viewport->mapToGlobal(pos));
    QCoreApplication::sendEvent(viewport, &help);
    QVERIFY2(displayed(QToolTip::text()).startsWith(kSeriesName + u'\n'),
             qPrintable(QToolTip::text()));
    QToolTip::hideText();
}

void TestUiPlainText::bannerStatusBarAndFollow()
{
    m_window->showBanner(u"peer"_s, u"%1 left: %2"_s.arg(kName, kText));
    bool found = false;
    for (const QLabel *label : m_window->banners()->findChildren<QLabel *>()) {
        if (!label->text().contains(kName))
            continue;
        found = true;
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QCOMPARE(displayed(label), u"%1 left: %2"_s.arg(kName, kText));
    }
    QVERIFY(found);

    ConnectionStatus status;
    status.state = ConnectionStatus::State::Reconnecting;
    status.where = u"hub.example"_s;
    status.detail = kServerSaid;
    m_window->setConnectionStatus(status);

    QVERIFY(m_window->follow(kPeer));
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(kName), qPrintable(message)); // QStatusBar paints it plainly
    m_window->unfollow();
}

void TestUiPlainText::everyLabelAndToolTipInTheWindow()
{
    // Wherever a peer's string (or the hub's words) appears, what is displayed is that string.
    const QStringList peerStrings { kName, kText, kTag, kClient, kSeriesName, kServerSaid };
    int checked = 0;
    for (const QWidget *w : m_window->findChildren<QWidget *>()) {
        const QString tip = w->toolTip();
        for (const QString &s : peerStrings) {
            if (!tip.contains(s) && !tip.contains(s.toHtmlEscaped()))
                continue;
            ++checked;
            QVERIFY2(displayed(tip).contains(s),
                     qPrintable(u"%1 %2: tooltip %3"_s.arg(
                         QString::fromLatin1(w->metaObject()->className()), w->objectName(), tip)));
        }
        if (const auto *label = qobject_cast<const QLabel *>(w)) {
            for (const QString &s : peerStrings) {
                if (!label->text().contains(s))
                    continue;
                ++checked;
                QVERIFY2(displayed(label).contains(s),
                         qPrintable(u"label %1: %2"_s.arg(label->objectName(), label->text())));
            }
        }
    }
    // The name label, the follow button, the client tooltip, the people count, the banner
    // and the connection detail at least.
    QVERIFY2(checked >= 6, qPrintable(QString::number(checked)));
}

void TestUiPlainText::screenshot()
{
    const QString dir = qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                             QDir::current().filePath(u"screenshots"_s));
    QVERIFY(QDir().mkpath(dir));
    m_window->renderFrame();
    QCoreApplication::processEvents();
    const QString path = QDir(dir).filePath(u"uiplaintext.png"_s);
    QVERIFY(m_window->grab().save(path));
    qInfo("saved %s", qPrintable(path));
}

void TestUiPlainText::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(TestUiPlainText)
#include "tst_uiplaintext.moc"
