#include "ingest.h"

#include "promconvert.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr::sources {

std::optional<IngestFormat> ingestFormatFromName(QStringView name)
{
    if (name.compare(u"json", Qt::CaseInsensitive) == 0)
        return IngestFormat::Json;
    if (name.compare(u"prometheus", Qt::CaseInsensitive) == 0)
        return IngestFormat::PrometheusText;
    if (name.compare(u"openmetrics", Qt::CaseInsensitive) == 0)
        return IngestFormat::OpenMetrics;
    if (name.compare(u"influx", Qt::CaseInsensitive) == 0)
        return IngestFormat::Influx;
    return std::nullopt;
}

IngestFormat detectIngestFormat(QByteArrayView contentType, QByteArrayView body)
{
    const QByteArray type = contentType.trimmed().toByteArray().toLower();
    if (type.startsWith("application/json") || type.endsWith("+json"))
        return IngestFormat::Json;
    if (type.startsWith("application/openmetrics-text"))
        return IngestFormat::OpenMetrics;
    if (type.contains("version=0.0.4"))
        return IngestFormat::PrometheusText;
    if (type.contains("influx"))
        return IngestFormat::Influx;
    // Sniff the first data line.
    qsizetype pos = 0;
    while (pos < body.size()) {
        qsizetype eol = body.indexOf('\n', pos);
        if (eol < 0)
            eol = body.size();
        const QByteArrayView line = body.sliced(pos, eol - pos).trimmed();
        pos = eol + 1;
        if (line.isEmpty() || line.front() == '#')
            continue;
        if (line.front() == '{')
            return IngestFormat::Json;
        // Prometheus: name{labels} value; Influx: measurement,tags fields (k=v).
        qsizetype i = 0;
        bool inBraces = false;
        for (; i < line.size(); ++i) {
            const char c = line[i];
            if (c == '{')
                inBraces = true;
            else if (c == '}')
                inBraces = false;
            else if (c == '\\')
                ++i;
            else if (c == ' ' && !inBraces)
                break;
        }
        const QByteArrayView rest = line.sliced(std::min(i, line.size()));
        return rest.contains('=') ? IngestFormat::Influx : IngestFormat::PrometheusText;
    }
    return IngestFormat::PrometheusText;
}

namespace {

bool tooLarge(qsizetype size, const IngestOptions &options, IngestResult *result)
{
    if (size <= options.maxBodyBytes)
        return false;
    result->fatalError = u"body of %1 bytes is larger than the limit of %2 bytes"_s.arg(
            QString::number(size), QString::number(options.maxBodyBytes));
    return true;
}

template<typename Error>
void collectErrors(const QList<Error> &errors, qsizetype count, const IngestOptions &options,
                   IngestResult *result)
{
    result->errorCount += count;
    for (const Error &e : errors) {
        if (result->errors.size() >= options.maxErrors)
            break;
        result->errors.append(e.line > 0 ? u"line %1: %2"_s.arg(QString::number(e.line), e.message)
                                         : e.message);
    }
}

QString withPrefix(const IngestOptions &options, const QString &id)
{
    return options.idPrefix.isEmpty() ? id : options.idPrefix + u'/' + id;
}

} // namespace

IngestResult ingestJson(const QByteArray &body, const IngestOptions &options)
{
    IngestResult result;
    if (tooLarge(body.size(), options, &result))
        return result;
    session::DecodeResult decoded = session::decode(body);
    if (!decoded.ok()) {
        result.fatalError = decoded.error;
        return result;
    }
    auto *frame = std::get_if<session::MetricsFrame>(&*decoded.message);
    if (!frame) {
        result.fatalError = u"the body is a session message, but not a 'metrics' frame"_s;
        return result;
    }
    result.frame = std::move(*frame);
    if (result.frame.source.isEmpty())
        result.frame.source = options.source;
    return result;
}

IngestResult ingestInflux(QByteArrayView body, const IngestOptions &options)
{
    IngestResult result;
    if (tooLarge(body.size(), options, &result))
        return result;
    InfluxParseOptions parseOptions;
    parseOptions.precision = options.precision;
    parseOptions.nowMs = options.nowMs;
    parseOptions.maxErrors = options.maxErrors;
    const InfluxParseResult parsed = parseInflux(body, parseOptions);
    collectErrors(parsed.errors, parsed.errorCount, options, &result);

    result.frame.source = options.source;
    QHash<QString, qsizetype> index;
    for (const InfluxSample &sample : parsed.samples) {
        QString id = sample.measurement + u'.' + sample.field;
        if (!sample.tags.isEmpty()) {
            QStringList parts;
            for (auto it = sample.tags.constBegin(); it != sample.tags.constEnd(); ++it)
                parts.append(it.key() + u'=' + it.value());
            id += u'{' + parts.join(u',') + u'}';
        }
        id = withPrefix(options, id);
        if (id.size() > session::kMaxIdLength) {
            ++result.errorCount;
            if (result.errors.size() < options.maxErrors)
                result.errors.append(u"line %1: series id longer than %2 characters; skipped"_s.arg(
                        QString::number(sample.line), QString::number(session::kMaxIdLength)));
            continue;
        }
        auto it = index.find(id);
        if (it == index.end()) {
            session::MetricSeries series;
            series.id = id;
            series.name = sample.measurement + u'.' + sample.field;
            series.labels = sample.tags;
            it = index.insert(id, result.frame.series.size());
            result.frame.series.append(std::move(series));
        }
        result.frame.series[*it].points.append({ sample.timestampMs, sample.value });
    }
    // Points must increase strictly: sort, and keep the last value written for a repeated time.
    for (session::MetricSeries &series : result.frame.series) {
        auto &points = series.points;
        std::stable_sort(points.begin(), points.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        QList<QPair<qint64, double>> unique;
        unique.reserve(points.size());
        for (const auto &p : std::as_const(points)) {
            if (!unique.isEmpty() && unique.constLast().first == p.first)
                unique.last() = p;
            else
                unique.append(p);
        }
        points = std::move(unique);
    }
    return result;
}

IngestResult ingestPrometheus(const QByteArray &body, ExpositionFormat format,
                              const IngestOptions &options, PromConverter *converter)
{
    IngestResult result;
    if (tooLarge(body.size(), options, &result))
        return result;
    PromParseOptions parseOptions;
    parseOptions.format = format;
    parseOptions.maxErrors = options.maxErrors;
    const PromParseResult parsed = parsePrometheus(body, parseOptions);
    collectErrors(parsed.errors, parsed.errorCount, options, &result);

    PromConvertOptions convertOptions;
    convertOptions.idPrefix = options.idPrefix;
    convertOptions.countersAsRates = false;
    PromConverter stateless(convertOptions);
    PromConverter *use = converter ? converter : &stateless;
    result.frame.source = options.source;
    result.frame.series = use->convert(parsed, options.nowMs);
    return result;
}

IngestResult ingest(IngestFormat format, const QByteArray &body, const IngestOptions &options,
                    PromConverter *converter)
{
    switch (format) {
    case IngestFormat::Json:
        return ingestJson(body, options);
    case IngestFormat::PrometheusText:
        return ingestPrometheus(body, ExpositionFormat::PrometheusText, options, converter);
    case IngestFormat::OpenMetrics:
        return ingestPrometheus(body, ExpositionFormat::OpenMetrics, options, converter);
    case IngestFormat::Influx:
        return ingestInflux(body, options);
    }
    return {};
}

} // namespace wr::sources
