#pragma once

#include "counterrate.h"
#include "promparser.h"
#include "seriesmeta.h"
#include "sessionmessages.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace wr::sources {

struct PromConvertOptions
{
    enum class Distributions {
        Quantiles, // summary quantile lines; histogram quantiles interpolated from buckets
        Sums, // _sum and _count of histograms and summaries, as rates
    };

    QString idPrefix; // every id starts with "<idPrefix>/"; e.g. the target's name
    QMap<QString, QString> extraLabels; // added to every series' labels (not to its id)
    Distributions distributions = Distributions::Quantiles;
    QList<double> quantiles { 0.5, 0.9, 0.99 }; // empty: every summary quantile, no histogram ones
    bool countersAsRates = true; // counters (and _sum/_count) become per-second rates
};

// Turns parsed exposition pages into metrics series, keeping what must survive between pages:
// counter state for rates (CounterRate, with reset detection), previous histogram buckets (so
// quantiles describe the last interval, as histogram_quantile(rate(…)) does) and which
// metadata was already sent. One converter per scrape target (or per push stream).
//
// Series ids: "<idPrefix>/<sample name>{k=v,…}" with labels sorted by name (plus
// "quantile=<q>" for quantiles); ids longer than the protocol limit end in a digest instead.
class PromConverter
{
public:
    explicit PromConverter(const PromConvertOptions &options = {});

    const PromConvertOptions &options() const { return m_options; }

    // `nowMs` is the time of samples without their own timestamp.
    QList<session::MetricSeries> convert(const PromParseResult &page, qint64 nowMs);

    void reset(); // forget all state: the next page restates metadata and restarts rates
    qsizetype trackedSeries() const { return m_series.size(); }
    qint64 counterResets() const { return m_resets; }

private:
    struct SeriesState
    {
        QString id;
        SeriesMeta::Meta meta;
        bool metaSent = false;
        CounterRate rate;
        qint64 lastT = std::numeric_limits<qint64>::min();
        quint64 generation = 0;
    };
    struct HistogramState
    {
        QList<double> bounds;
        QList<double> counts;
        quint64 generation = 0;
    };

    SeriesState &stateFor(const QByteArray &key, const PromParseResult &page,
                          const PromSample &sample, bool rate, std::optional<double> quantile);
    void emitPoint(SeriesState &state, qint64 t, double value,
                   QList<session::MetricSeries> &out);
    void emitRate(SeriesState &state, qint64 t, double value, QList<session::MetricSeries> &out);
    void convertHistograms(const PromParseResult &page, qint64 nowMs,
                           QList<session::MetricSeries> &out);
    void prune();

    PromConvertOptions m_options;
    QHash<QByteArray, SeriesState> m_series; // by series key (+ quantile)
    QHash<QByteArray, HistogramState> m_histograms; // by family and labels other than le
    quint64 m_generation = 0;
    qint64 m_resets = 0;
};

} // namespace wr::sources
