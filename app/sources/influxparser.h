#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

// InfluxDB line protocol (reference/feature-anchors.md §5.5):
//   <measurement>[,<tag>=<value>…] <field>=<value>[,…] [<timestamp>]
// Numeric and boolean fields become samples; string fields are counted and ignored.
namespace wr::sources {

enum class InfluxPrecision { Nanoseconds, Microseconds, Milliseconds, Seconds };

// "ns" (also "n"), "us" ("u", "µs"), "ms", "s"; nullopt for anything else.
std::optional<InfluxPrecision> influxPrecisionFromString(QStringView text);

struct InfluxSample
{
    QString measurement;
    QString field;
    QMap<QString, QString> tags;
    double value = 0; // integers, unsigned and booleans (1/0) as doubles
    qint64 timestampMs = 0;
    qint32 line = 0;
};

struct InfluxParseError
{
    qint32 line = 0;
    QString message;
};

struct InfluxParseOptions
{
    InfluxPrecision precision = InfluxPrecision::Nanoseconds;
    qint64 nowMs = 0; // the time of points without a timestamp
    qsizetype maxLineBytes = 64 * 1024;
    qsizetype maxErrors = 100;
};

struct InfluxParseResult
{
    QList<InfluxSample> samples;
    QList<InfluxParseError> errors; // the first maxErrors
    qsizetype errorCount = 0;
    qsizetype ignoredStringFields = 0;
};

InfluxParseResult parseInflux(QByteArrayView body, const InfluxParseOptions &options = {});

} // namespace wr::sources
