#pragma once

#include "sessionmessages.h"
#include "timeseries.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

class QWidget;

namespace wr {

class MetricStore;

// What File → Export and the chart and annotation menus write. Pure functions of their inputs
// (the widgets only for PNG), so tests call them with temporary files.
//
// Series CSV (long format, one row per raw stored point, never the drawn reduction):
//   series_id,series_name,time_iso,time_ms,value
// for every point with from <= time_ms < to, series by series, in time order; a gap is an empty
// value. Annotation CSV: id,panel,t0_iso,t0_ms,t1_iso,t1_ms,text,tags,color,author_id,author.
// Text fields are quoted per RFC 4180, and one starting with = + - @ gets a leading ' so a
// spreadsheet shows it rather than evaluating it (peers write annotation text).
class BoardExport
{
    Q_DECLARE_TR_FUNCTIONS(wr::BoardExport)

public:
    struct SeriesRef
    {
        QString id;
        QString name; // as the legend shows it
    };

    static QByteArray seriesCsv(const MetricStore &store, const QList<SeriesRef> &series,
                                qint64 from, qint64 to);

    // The series CSV in two steps, so the slow part runs off the UI thread: snapshot() copies
    // the raw points (on the thread that owns the store: a copy of the window, no formatting);
    // writeSeriesCsv() formats and writes them atomically, in chunks, touching nothing shared,
    // so it may run on a worker. progress(rowsWritten) is called every few thousand rows;
    // cancelled() is asked as often and stops the write (the file is not replaced then).
    struct SeriesData
    {
        QString id;
        QString name;
        QList<qint64> times; // the store's columns, copied run by run
        QList<double> values;
    };
    static QList<SeriesData> snapshot(const MetricStore &store, const QList<SeriesRef> &series,
                                      qint64 from, qint64 to);
    static qint64 rowCount(const QList<SeriesData> &data);
    static bool writeSeriesCsv(const QString &path, const QList<SeriesData> &data,
                               QString *error,
                               const std::function<void(qint64 rows)> &progress = {},
                               const std::function<bool()> &cancelled = {});
    // authorName: userId -> display name (may be empty).
    static QByteArray annotationsCsv(const QList<session::Annotation> &annotations,
                                     const std::function<QString(const QString &)> &authorName);
    // {"format":"watchroom.annotations","version":1,"board":…,"exportedAt":…,
    //  "annotations":[{id, panel|null, t0, t1|null, text, tags, color, author, authorName}]}
    static QByteArray annotationsJson(const QList<session::Annotation> &annotations,
                                      const QString &board, qint64 exportedAt,
                                      const std::function<QString(const QString &)> &authorName);

    // Writes atomically (QSaveFile); false and a readable reason on failure.
    static bool writeFile(const QString &path, const QByteArray &data, QString *error);
    // The widget as it is shown (overlay included), at the screen's device pixel ratio.
    static bool savePng(QWidget *widget, const QString &path, QString *error);

    static QString csvField(const QString &text);
    static QString isoTime(qint64 ms);
};

} // namespace wr
