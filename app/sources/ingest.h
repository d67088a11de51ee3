#pragma once

#include "influxparser.h"
#include "promparser.h"
#include "sessionmessages.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

// Push ingest: what the relay's POST /api/boards/{board}/metrics handler calls with the request
// body. Accepts our JSON `metrics` frame (and the Azure Monitor shapes), Prometheus text /
// OpenMetrics, and the Influx line protocol.
namespace wr::sources {

class PromConverter;

enum class IngestFormat { Json, PrometheusText, OpenMetrics, Influx };

// "json", "prometheus", "openmetrics", "influx" (e.g. from a ?format= query parameter).
std::optional<IngestFormat> ingestFormatFromName(QStringView name);
// From the Content-Type; for a bare text/plain, from the first data line (a field list
// "k=v" after the first space means Influx line protocol, otherwise Prometheus text).
IngestFormat detectIngestFormat(QByteArrayView contentType, QByteArrayView body);

struct IngestOptions
{
    QString source; // the frame's source when the body does not name one
    QString idPrefix; // series ids of text formats start with "<idPrefix>/" (if not empty)
    qint64 nowMs = 0; // the time of points without a timestamp
    InfluxPrecision precision = InfluxPrecision::Nanoseconds;
    qsizetype maxBodyBytes = 16 * 1024 * 1024;
    qsizetype maxErrors = 20;
};

struct IngestResult
{
    session::MetricsFrame frame;
    QStringList errors; // per-line problems ("line 3: …"); the good lines are still in frame
    qsizetype errorCount = 0;
    QString fatalError; // nothing usable (bad JSON, too large, not a metrics message)
    bool ok() const { return fatalError.isEmpty(); }
};

IngestResult ingestJson(const QByteArray &body, const IngestOptions &options = {});
IngestResult ingestInflux(QByteArrayView body, const IngestOptions &options = {});
// With a converter, counters become rates across pushes (keep one per pushing client);
// without, values are taken as they are.
IngestResult ingestPrometheus(const QByteArray &body, ExpositionFormat format,
                              const IngestOptions &options = {},
                              PromConverter *converter = nullptr);
IngestResult ingest(IngestFormat format, const QByteArray &body, const IngestOptions &options = {},
                    PromConverter *converter = nullptr);

} // namespace wr::sources
