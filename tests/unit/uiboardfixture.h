#pragma once

// What the offscreen desktop-UI tests (tst_ui*.cpp) set up the same way: series of host "alpha"
// at a fixed clock, settings in a temporary INI file, a board (the stores and a MainWindow on
// them) made fresh for each test function, and the folder screenshots are saved into.

#include "annotationstore.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QList>
#include <QSettings>
#include <QSize>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace wrtest {

using namespace Qt::StringLiterals;

// The tests' "now": every clock returns it, so windows and stores agree on what is live.
constexpr qint64 kNow = 1'795'400'000'000;

// Ids (host/group|unit) of the panels the board makes for such series of host "alpha".
inline const QString kCpu = u"alpha/cpu|%"_s;
inline const QString kMem = u"alpha/memory|B"_s;
inline const QString kNet = u"alpha/network|B/s"_s;
inline const QString kLoad = u"alpha/load|"_s;

// One series of host "alpha" with a point every `step` ms in [from, to).
inline wr::session::MetricSeries series(const QString &id, const QString &name, const QString &unit,
                                        qint64 from, qint64 to, qint64 step,
                                        const std::function<double(qint64)> &value)
{
    wr::session::MetricSeries s;
    s.id = id;
    s.name = name;
    s.unit = unit;
    s.labels = QMap<QString, QString> { { u"host"_s, u"alpha"_s } };
    s.points.reserve((to - from) / step + 1);
    for (qint64 t = from; t < to; t += step)
        s.points.append({ t, value(t) });
    return s;
}

// A frame as a "test" source sends it.
inline wr::session::MetricsFrame frame(const QList<wr::session::MetricSeries> &all)
{
    wr::session::MetricsFrame f;
    f.source = u"test"_s;
    f.series = all;
    return f;
}

// A frame of one series (see series()).
inline wr::session::MetricsFrame frame(const QString &id, const QString &name, const QString &unit,
                                       qint64 from, qint64 to, qint64 step,
                                       const std::function<double(qint64)> &value)
{
    return frame(QList { series(id, name, unit, from, to, step, value) });
}

// For initTestCase(): standard paths in test mode, QSettings in INI files under `dir` for the
// organisation "watchroom-tests" (and `applicationName` if given), so no test reads or writes
// the user's settings. False if `dir` could not be made.
inline bool useTestSettings(const QTemporaryDir &dir, const QString &applicationName = QString())
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(u"watchroom-tests"_s);
    if (!applicationName.isEmpty())
        QCoreApplication::setApplicationName(applicationName);
    return dir.isValid();
}

// Where screenshots for people to look at go: $WATCHROOM_SCREENSHOT_DIR, or ./screenshots.
inline QString screenshotDir()
{
    return qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                QDir::current().filePath(u"screenshots"_s));
}

// The stores a board shows and a MainWindow on them, for init()/cleanup(). The clock (`now`),
// span and size are the test's to choose, e.g. `Board m_board { .span = kSpan, .size = … };`.
struct Board
{
    qint64 now = kNow; // what the window's and the annotations' clocks return
    qint64 span = 5 * 60'000;
    QSize size { 1100, 700 };

    wr::MetricStore *store = nullptr;
    wr::AnnotationStore *annotations = nullptr;
    wr::PresenceModel *presence = nullptr;
    wr::MainWindow *window = nullptr;

    // An empty MetricStore, an AnnotationStore of the local user "me" on the clock `now`, and a
    // PresenceModel with "me" as the local user; children of `parent` in case destroy() is not
    // reached.
    void createStores(QObject *parent)
    {
        store = new wr::MetricStore(parent);
        annotations = new wr::AnnotationStore(
            u"me"_s, [t = now] { return t; }, parent);
        presence = new wr::PresenceModel(parent);
        presence->setLocalUserId(u"me"_s);
    }

    // Another window on the same stores, as the board's window is made (not shown).
    wr::MainWindow *makeWindow() const
    {
        auto *w = new wr::MainWindow(store, annotations, presence);
        w->setClock([t = now] { return t; });
        w->setSpan(span);
        w->resize(size);
        return w;
    }

    // The board's window, made and shown; false if it was never exposed.
    [[nodiscard]] bool showWindow()
    {
        window = makeWindow();
        window->show();
        return QTest::qWaitForWindowExposed(window);
    }

    // The window first: it still refers to the stores while it goes.
    void destroy()
    {
        delete window;
        window = nullptr;
        delete presence;
        presence = nullptr;
        delete annotations;
        annotations = nullptr;
        delete store;
        store = nullptr;
    }
};

} // namespace wrtest
