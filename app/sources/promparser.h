#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <span>

// Prometheus text exposition 0.0.4 and OpenMetrics 1.0 (reference/feature-anchors.md §5.1–5.2).
// The parser works on the raw bytes: names and label values are views into the page (or into
// unescaped copies held by the result), so one page costs a handful of allocations, not one per
// line. Bad lines are reported with their line number and skipped; the rest of the page is kept.
namespace wr::sources {

enum class ExpositionFormat {
    PrometheusText, // text/plain; version=0.0.4: timestamps are integer milliseconds
    OpenMetrics, // application/openmetrics-text: float seconds, "# EOF" required
};

// OpenMetrics for "application/openmetrics-text…", else the Prometheus text format.
ExpositionFormat expositionFormatForContentType(QByteArrayView contentType);

enum class MetricType : quint8 {
    Untyped, // no TYPE line; "unknown" in OpenMetrics
    Counter,
    Gauge,
    Histogram,
    GaugeHistogram,
    Summary,
    StateSet,
    Info,
};

QByteArrayView toByteArrayView(MetricType type);

struct PromLabel
{
    QByteArrayView name;
    QByteArrayView value; // unescaped
};

struct PromFamily
{
    QByteArrayView name;
    MetricType type = MetricType::Untyped;
    QByteArrayView help; // as written (escapes kept)
    QByteArrayView unit;
    bool accepted = true; // PromParseOptions::accept said yes
    bool hasSamples = false;
};

struct PromSample
{
    QByteArrayView name; // as written: "x_bucket", "x_total", "x"
    QByteArrayView seriesKey; // the name and label block as written: identity across scrapes
    double value = 0;
    qint64 timestampMs = 0; // valid when hasTimestamp
    bool hasTimestamp = false;
    qint32 family = -1; // index into PromParseResult::families
    qint32 firstLabel = 0; // into PromParseResult::labels
    qint32 labelCount = 0;
    qint32 line = 0; // 1-based
};

struct PromParseError
{
    qint32 line = 0; // 1-based; 0: about the page as a whole
    QString message;
};

struct PromParseOptions
{
    ExpositionFormat format = ExpositionFormat::PrometheusText;
    qsizetype maxLineBytes = 64 * 1024; // longer lines are rejected with an error and skipped
    qsizetype maxErrors = 100; // errors beyond this are counted, not stored
    // Families for which this returns false are skipped without parsing their labels (the
    // scraper's allowlist). Called once per family.
    std::function<bool(QByteArrayView familyName)> accept;
};

class PromParseResult
{
public:
    QList<PromFamily> families;
    QList<PromSample> samples;
    QList<PromLabel> labels;
    QList<PromParseError> errors; // the first maxErrors
    qsizetype errorCount = 0; // all of them
    qsizetype skippedSamples = 0; // not accepted by the filter
    bool sawEof = false;

    std::span<const PromLabel> labelsOf(const PromSample &sample) const
    {
        return { labels.constData() + sample.firstLabel, size_t(sample.labelCount) };
    }
    // The value of label `name` of a sample, or a null view.
    QByteArrayView label(const PromSample &sample, QByteArrayView name) const;
    MetricType typeOf(const PromSample &sample) const
    {
        return sample.family < 0 ? MetricType::Untyped : families.at(sample.family).type;
    }
    QByteArrayView familyName(const PromSample &sample) const
    {
        return sample.family < 0 ? sample.name : families.at(sample.family).name;
    }

private:
    friend PromParseResult parsePrometheus(const QByteArray &page, const PromParseOptions &options);
    QByteArray m_page; // the views point into it (shared, not copied)
    QList<QByteArray> m_unescaped; // label values that contained escapes
};

PromParseResult parsePrometheus(const QByteArray &page, const PromParseOptions &options = {});

// Parses a Go-style float: decimal, exponent, NaN, ±Inf (case-insensitive). The whole view must
// be the number.
bool parsePromValue(QByteArrayView text, double *value);

// Linear interpolation inside cumulative histogram buckets, as Prometheus' histogram_quantile():
// `buckets` are (upper bound, cumulative count) in increasing bound order and end with +Inf.
// NaN when there are no observations or the buckets are unusable.
double histogramQuantile(double q, std::span<const std::pair<double, double>> buckets);

} // namespace wr::sources
