#include "promparser.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr::sources {

ExpositionFormat expositionFormatForContentType(QByteArrayView contentType)
{
    const QByteArrayView mime = contentType.trimmed();
    return mime.size() >= 28
                    && QByteArrayView(mime.data(), 28).compare("application/openmetrics-text",
                                                               Qt::CaseInsensitive)
                            == 0
            ? ExpositionFormat::OpenMetrics
            : ExpositionFormat::PrometheusText;
}

QByteArrayView toByteArrayView(MetricType type)
{
    switch (type) {
    case MetricType::Untyped:
        return "untyped";
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    case MetricType::GaugeHistogram:
        return "gaugehistogram";
    case MetricType::Summary:
        return "summary";
    case MetricType::StateSet:
        return "stateset";
    case MetricType::Info:
        return "info";
    }
    return "untyped";
}

QByteArrayView PromParseResult::label(const PromSample &sample, QByteArrayView name) const
{
    for (const PromLabel &l : labelsOf(sample)) {
        if (l.name == name)
            return l.value;
    }
    return {};
}

bool parsePromValue(QByteArrayView text, double *value)
{
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (begin == end)
        return false;
    bool negative = false;
    if (*begin == '+' || *begin == '-') {
        negative = *begin == '-';
        ++begin;
        if (begin == end || *begin == '+' || *begin == '-')
            return false;
    }
    // from_chars handles digits, "inf", "infinity" and "nan" (case-insensitive).
    double v = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, v, std::chars_format::general);
    if (ptr != end) {
        return false;
    }
    if (ec == std::errc::result_out_of_range) {
        // Go's ParseFloat gives ±Inf or 0 here; so do we.
        v = std::strtod(QByteArray(begin, end - begin).constData(), nullptr);
    } else if (ec != std::errc()) {
        return false;
    }
    *value = negative ? -v : v;
    return true;
}

double histogramQuantile(double q, std::span<const std::pair<double, double>> buckets)
{
    if (buckets.size() < 1 || std::isnan(q) || !std::isinf(buckets.back().first))
        return std::numeric_limits<double>::quiet_NaN();
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();
    const double total = buckets.back().second;
    if (!(total > 0))
        return std::numeric_limits<double>::quiet_NaN();
    if (buckets.size() < 2)
        return std::numeric_limits<double>::quiet_NaN();
    const double rank = q * total;
    size_t b = 0;
    while (b < buckets.size() - 1 && buckets[b].second < rank)
        ++b;
    if (b == buckets.size() - 1)
        return buckets[b - 1].first; // in the +Inf bucket: the highest finite bound
    if (b == 0 && buckets[0].first <= 0)
        return buckets[0].first;
    const double lower = b == 0 ? 0.0 : buckets[b - 1].first;
    const double countBelow = b == 0 ? 0.0 : buckets[b - 1].second;
    const double inBucket = buckets[b].second - countBelow;
    if (!(inBucket > 0))
        return buckets[b].first;
    return lower + (buckets[b].first - lower) * ((rank - countBelow) / inBucket);
}

namespace {

inline bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
inline bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}
inline bool isLabelNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool isLabelNameChar(char c)
{
    return isLabelNameStart(c) || (c >= '0' && c <= '9');
}
inline bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

QString quoted(QByteArrayView text)
{
    constexpr qsizetype kMax = 60;
    QString s = QString::fromUtf8(text.first(std::min(text.size(), kMax)));
    if (text.size() > kMax)
        s += u"…"_s;
    return u'\'' + s + u'\'';
}

std::optional<MetricType> typeFromName(QByteArrayView name, ExpositionFormat format)
{
    if (name == "counter")
        return MetricType::Counter;
    if (name == "gauge")
        return MetricType::Gauge;
    if (name == "histogram")
        return MetricType::Histogram;
    if (name == "summary")
        return MetricType::Summary;
    if (name == "untyped")
        return MetricType::Untyped;
    if (format == ExpositionFormat::OpenMetrics) {
        if (name == "unknown")
            return MetricType::Untyped;
        if (name == "gaugehistogram")
            return MetricType::GaugeHistogram;
        if (name == "stateset")
            return MetricType::StateSet;
        if (name == "info")
            return MetricType::Info;
    }
    return std::nullopt;
}

// Suffixes a sample name may carry beyond its family's name, by family type.
bool sampleBelongsTo(QByteArrayView sample, QByteArrayView family, MetricType type)
{
    if (!sample.startsWith(family))
        return false;
    const QByteArrayView suffix = sample.sliced(family.size());
    if (suffix.isEmpty())
        return true;
    switch (type) {
    case MetricType::Counter:
        return suffix == "_total" || suffix == "_created";
    case MetricType::Histogram:
        return suffix == "_bucket" || suffix == "_sum" || suffix == "_count"
                || suffix == "_created";
    case MetricType::GaugeHistogram:
        return suffix == "_bucket" || suffix == "_gsum" || suffix == "_gcount";
    case MetricType::Summary:
        return suffix == "_sum" || suffix == "_count" || suffix == "_created";
    case MetricType::Info:
        return suffix == "_info";
    case MetricType::Untyped:
    case MetricType::Gauge:
    case MetricType::StateSet:
        return false;
    }
    return false;
}

class Parser
{
public:
    Parser(const PromParseOptions &options, PromParseResult &result, QList<QByteArray> &unescaped)
        : m_options(options),
          m_result(result),
          m_unescaped(unescaped),
          m_om(options.format == ExpositionFormat::OpenMetrics)
    {
    }

    void run(const char *data, qsizetype size);

private:
    void error(const QString &message)
    {
        ++m_result.errorCount;
        if (m_result.errors.size() < m_options.maxErrors)
            m_result.errors.append({ m_line, message });
    }
    void parseComment(const char *p, const char *end);
    void parseSample(const char *p, const char *end);
    bool parseLabels(const char *&p, const char *end);
    qint32 familyFor(QByteArrayView name, bool create);
    qint32 addFamily(QByteArrayView name);

    const PromParseOptions &m_options;
    PromParseResult &m_result;
    QList<QByteArray> &m_unescaped;
    const bool m_om;
    const char *m_lineBegin = nullptr;
    qsizetype m_labelStart = 0;
    qint32 m_line = 0;
    qint32 m_current = -1; // family of the previous line
    QHash<QByteArrayView, qint32> m_familyIndex;
    QHash<QByteArrayView, qint32> m_seen; // series key -> line, for duplicates
};

qint32 Parser::addFamily(QByteArrayView name)
{
    PromFamily family;
    family.name = name;
    family.accepted = !m_options.accept || m_options.accept(name);
    const qint32 index = qint32(m_result.families.size());
    m_result.families.append(family);
    m_familyIndex.insert(name, index);
    return index;
}

// The family a sample name belongs to: the current one (families are contiguous), one declared
// earlier, or a new untyped one.
qint32 Parser::familyFor(QByteArrayView name, bool create)
{
    if (m_current >= 0) {
        const PromFamily &f = m_result.families.at(m_current);
        if (sampleBelongsTo(name, f.name, f.type))
            return m_current;
    }
    if (const auto it = m_familyIndex.constFind(name); it != m_familyIndex.cend())
        return *it;
    for (const QByteArrayView suffix :
         { QByteArrayView("_total"), QByteArrayView("_bucket"), QByteArrayView("_sum"),
           QByteArrayView("_count"), QByteArrayView("_created"), QByteArrayView("_info"),
           QByteArrayView("_gsum"), QByteArrayView("_gcount") }) {
        if (!name.endsWith(suffix))
            continue;
        const auto it = m_familyIndex.constFind(name.chopped(suffix.size()));
        if (it != m_familyIndex.cend()
            && sampleBelongsTo(name, m_result.families.at(*it).name,
                               m_result.families.at(*it).type))
            return *it;
    }
    return create ? addFamily(name) : -1;
}

void Parser::run(const char *data, qsizetype size)
{
    const char *p = data;
    const char *const end = data + size;
    while (p < end) {
        ++m_line;
        const char *eol = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const char *lineEnd = eol ? eol : end;
        const char *next = eol ? eol + 1 : end;
        if (m_result.sawEof) {
            error(u"content after '# EOF'"_s);
            return;
        }
        if (lineEnd - p > m_options.maxLineBytes) {
            error(u"line is longer than %1 bytes; skipped"_s.arg(m_options.maxLineBytes));
            p = next;
            continue;
        }
        if (lineEnd > p && lineEnd[-1] == '\r' && !m_om)
            --lineEnd;
        const char *q = p;
        if (!m_om) {
            while (q < lineEnd && isBlank(*q))
                ++q;
        }
        if (q == lineEnd) {
            if (m_om)
                error(u"empty line (not allowed in OpenMetrics)"_s);
        } else if (*q == '#') {
            parseComment(q, lineEnd);
        } else {
            parseSample(q, lineEnd);
        }
        p = next;
    }
    if (m_om && !m_result.sawEof) {
        ++m_result.errorCount;
        if (m_result.errors.size() < m_options.maxErrors)
            m_result.errors.append({ 0, u"OpenMetrics page does not end with '# EOF' (truncated?)"_s });
    }
}

void Parser::parseComment(const char *p, const char *end)
{
    const QByteArrayView line(p, end - p);
    if (line == "# EOF") {
        if (m_om) {
            m_result.sawEof = true;
            return;
        }
    }
    const bool help = line.startsWith("# HELP ");
    const bool type = line.startsWith("# TYPE ");
    const bool unit = line.startsWith("# UNIT ");
    if (!help && !type && !unit) {
        if (m_om)
            error(u"unknown '#' line in OpenMetrics: %1"_s.arg(quoted(line)));
        return; // a plain comment in the Prometheus text format
    }
    const char *q = p + 7;
    if (!m_om) {
        while (q < end && isBlank(*q))
            ++q;
    }
    const char *nameBegin = q;
    if (q == end || !isNameStart(*q)) {
        error(u"metadata line without a valid metric name: %1"_s.arg(quoted(line)));
        return;
    }
    while (q < end && isNameChar(*q))
        ++q;
    const QByteArrayView name(nameBegin, q - nameBegin);
    QByteArrayView rest;
    if (q < end) {
        if (!isBlank(*q)) {
            error(u"invalid character in metric name %1"_s.arg(quoted(QByteArrayView(nameBegin, end - nameBegin))));
            return;
        }
        ++q;
        if (!m_om) {
            while (q < end && isBlank(*q))
                ++q;
        }
        rest = QByteArrayView(q, end - q);
    }

    qint32 family = -1;
    if (const auto it = m_familyIndex.constFind(name); it != m_familyIndex.cend())
        family = *it;
    if (family < 0) {
        family = addFamily(name);
    } else if (family != m_current && m_result.families.at(family).hasSamples) {
        error(u"metadata for %1 after its samples (families must be contiguous)"_s.arg(quoted(name)));
        return;
    }
    m_current = family;
    PromFamily &f = m_result.families[family];
    if (help) {
        f.help = rest;
    } else if (unit) {
        if (!m_om) {
            error(u"'# UNIT' is OpenMetrics only"_s);
            return;
        }
        f.unit = rest;
    } else {
        const auto t = typeFromName(rest.trimmed(), m_options.format);
        if (!t) {
            error(u"unknown metric type %1 for %2"_s.arg(quoted(rest), quoted(name)));
            return;
        }
        if (f.hasSamples) {
            error(u"'# TYPE' for %1 after its first sample"_s.arg(quoted(name)));
            return;
        }
        f.type = *t;
    }
}

bool Parser::parseLabels(const char *&p, const char *end)
{
    // p is just after '{'
    for (;;) {
        if (!m_om) {
            while (p < end && isBlank(*p))
                ++p;
        }
        if (p == end) {
            error(u"unterminated label set"_s);
            return false;
        }
        if (*p == '}') {
            ++p;
            return true;
        }
        const char *nameBegin = p;
        if (!isLabelNameStart(*p)) {
            error(u"invalid label name at column %1"_s.arg(p - m_lineBegin + 1));
            return false;
        }
        while (p < end && isLabelNameChar(*p))
            ++p;
        const QByteArrayView name(nameBegin, p - nameBegin);
        if (!m_om) {
            while (p < end && isBlank(*p))
                ++p;
        }
        if (p == end || *p != '=') {
            error(u"expected '=' after label %1"_s.arg(quoted(name)));
            return false;
        }
        ++p;
        if (!m_om) {
            while (p < end && isBlank(*p))
                ++p;
        }
        if (p == end || *p != '"') {
            error(u"label %1 must have a quoted value"_s.arg(quoted(name)));
            return false;
        }
        ++p;
        const char *valueBegin = p;
        bool escaped = false;
        while (p < end && *p != '"') {
            if (*p == '\\') {
                escaped = true;
                ++p;
                if (p == end)
                    break;
                if (*p != '\\' && *p != '"' && *p != 'n') {
                    error(u"bad escape '\\%1' in the value of label %2"_s.arg(
                            QString::fromUtf8(QByteArrayView(p, 1)), quoted(name)));
                    return false;
                }
            }
            ++p;
        }
        if (p == end) {
            error(u"unterminated value of label %1"_s.arg(quoted(name)));
            return false;
        }
        QByteArrayView value(valueBegin, p - valueBegin);
        ++p; // closing quote
        if (escaped) {
            QByteArray unescaped;
            unescaped.reserve(value.size());
            for (qsizetype i = 0; i < value.size(); ++i) {
                char c = value[i];
                if (c == '\\') {
                    c = value[++i];
                    if (c == 'n')
                        c = '\n';
                }
                unescaped.append(c);
            }
            m_unescaped.append(unescaped);
            value = m_unescaped.constLast();
        }
        for (qsizetype i = m_labelStart; i < m_result.labels.size(); ++i) {
            if (m_result.labels.at(i).name == name) {
                error(u"label %1 appears twice"_s.arg(quoted(name)));
                return false;
            }
        }
        m_result.labels.append({ name, value });
        if (!m_om) {
            while (p < end && isBlank(*p))
                ++p;
        }
        if (p < end && *p == ',') {
            ++p;
            continue;
        }
        if (p < end && *p == '}') {
            ++p;
            return true;
        }
        error(u"expected ',' or '}' after the value of label %1"_s.arg(quoted(name)));
        return false;
    }
}

void Parser::parseSample(const char *p, const char *end)
{
    m_lineBegin = p;
    const char *nameBegin = p;
    if (!isNameStart(*p)) {
        error(u"a sample line must start with a metric name: %1"_s.arg(quoted(QByteArrayView(p, end - p))));
        return;
    }
    while (p < end && isNameChar(*p))
        ++p;
    const QByteArrayView name(nameBegin, p - nameBegin);
    const qint32 family = familyFor(name, true);
    m_current = family;
    PromFamily &f = m_result.families[family];
    f.hasSamples = true;
    if (!f.accepted) {
        ++m_result.skippedSamples;
        return;
    }

    m_labelStart = m_result.labels.size();
    if (p < end && *p == '{') {
        ++p;
        if (!parseLabels(p, end)) {
            m_result.labels.resize(m_labelStart);
            return;
        }
    }
    const QByteArrayView seriesKey(nameBegin, p - nameBegin);
    const auto fail = [&](const QString &message) {
        m_result.labels.resize(m_labelStart);
        error(message);
    };
    if (p == end || !isBlank(*p)) {
        fail(p == end ? u"sample %1 has no value"_s.arg(quoted(name))
                      : u"invalid character in sample %1"_s.arg(quoted(QByteArrayView(nameBegin, end - nameBegin))));
        return;
    }
    while (p < end && isBlank(*p))
        ++p;
    const char *valueBegin = p;
    while (p < end && !isBlank(*p))
        ++p;
    PromSample sample;
    if (!parsePromValue(QByteArrayView(valueBegin, p - valueBegin), &sample.value)) {
        fail(u"invalid value %1 of %2"_s.arg(quoted(QByteArrayView(valueBegin, p - valueBegin)), quoted(name)));
        return;
    }
    while (p < end && isBlank(*p))
        ++p;
    if (p < end && *p != '#') {
        const char *tsBegin = p;
        while (p < end && !isBlank(*p))
            ++p;
        const QByteArrayView ts(tsBegin, p - tsBegin);
        if (m_om) {
            double seconds = 0;
            if (!parsePromValue(ts, &seconds) || !std::isfinite(seconds)
                || std::abs(seconds) > 9.0e12) {
                fail(u"invalid timestamp %1 (OpenMetrics: seconds)"_s.arg(quoted(ts)));
                return;
            }
            sample.timestampMs = qint64(std::llround(seconds * 1000.0));
        } else {
            qint64 ms = 0;
            const auto [ptr, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), ms);
            if (ec != std::errc() || ptr != ts.data() + ts.size()) {
                fail(u"invalid timestamp %1 (milliseconds expected)"_s.arg(quoted(ts)));
                return;
            }
            sample.timestampMs = ms;
        }
        sample.hasTimestamp = true;
        while (p < end && isBlank(*p))
            ++p;
    }
    if (p < end) {
        // OpenMetrics exemplar ("# {trace_id=…} 0.67"): not used, only checked for its marker.
        if (!(m_om && *p == '#')) {
            fail(u"unexpected text after the value of %1"_s.arg(quoted(name)));
            return;
        }
    }

    if (const auto seen = m_seen.constFind(seriesKey); seen != m_seen.cend()) {
        fail(u"duplicate series %1 (first on line %2); kept the first"_s.arg(
                quoted(seriesKey), QString::number(*seen)));
        return;
    }
    m_seen.insert(seriesKey, m_line);
    sample.name = name;
    sample.seriesKey = seriesKey;
    sample.family = family;
    sample.firstLabel = qint32(m_labelStart);
    sample.labelCount = qint32(m_result.labels.size() - m_labelStart);
    sample.line = m_line;
    m_result.samples.append(sample);
}

} // namespace

PromParseResult parsePrometheus(const QByteArray &page, const PromParseOptions &options)
{
    PromParseResult result;
    result.m_page = page;
    // Rough sizes for a typical exporter page (~55 bytes a line), to avoid regrowing.
    result.samples.reserve(page.size() / 80 + 1);
    result.labels.reserve(page.size() / 40 + 1);
    Parser parser(options, result, result.m_unescaped);
    parser.run(result.m_page.constData(), result.m_page.size());
    return result;
}

} // namespace wr::sources
