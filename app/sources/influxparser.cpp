#include "influxparser.h"

#include <charconv>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr::sources {

std::optional<InfluxPrecision> influxPrecisionFromString(QStringView text)
{
    if (text == u"ns" || text == u"n")
        return InfluxPrecision::Nanoseconds;
    if (text == u"us" || text == u"u" || text == u"µs")
        return InfluxPrecision::Microseconds;
    if (text == u"ms")
        return InfluxPrecision::Milliseconds;
    if (text == u"s")
        return InfluxPrecision::Seconds;
    return std::nullopt;
}

namespace {

struct LineError
{
    QString message;
};

QString excerpt(QByteArrayView text)
{
    constexpr qsizetype kMax = 60;
    QString s = QString::fromUtf8(text.first(std::min(text.size(), kMax)));
    if (text.size() > kMax)
        s += u"…"_s;
    return u'\'' + s + u'\'';
}

// Reads up to an unescaped delimiter; a backslash escapes the next character (a backslash
// before anything else is kept literally, as InfluxDB does).
QByteArray readToken(QByteArrayView line, qsizetype &i, QByteArrayView delimiters)
{
    QByteArray out;
    while (i < line.size()) {
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size()) {
            const char n = line[i + 1];
            if (delimiters.contains(n) || n == '\\' || n == '=' || n == ',' || n == ' ') {
                out.append(n);
                i += 2;
                continue;
            }
        }
        if (delimiters.contains(c))
            break;
        out.append(c);
        ++i;
    }
    return out;
}

bool parseInteger(QByteArrayView text, qint64 *out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

bool parseUnsigned(QByteArrayView text, quint64 *out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

bool parseFloat(QByteArrayView text, double *out)
{
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    // Line protocol has no NaN or infinity.
    for (const char *c = begin; c != end; ++c) {
        if ((*c < '0' || *c > '9') && *c != '.' && *c != '-' && *c != 'e' && *c != 'E'
            && *c != '+')
            return false;
    }
    const auto [ptr, ec] = std::from_chars(begin, end, *out, std::chars_format::general);
    return begin != end && ec == std::errc() && ptr == end && std::isfinite(*out);
}

struct Field
{
    QString key;
    std::optional<double> value; // nullopt: a string field
};

std::optional<LineError> parseFields(QByteArrayView line, qsizetype &i, QList<Field> *fields)
{
    for (;;) {
        const QByteArray key = readToken(line, i, "= ,");
        if (key.isEmpty())
            return LineError { u"empty field key"_s };
        if (i >= line.size() || line[i] != '=')
            return LineError { u"field %1 has no '=value'"_s.arg(excerpt(key)) };
        ++i;
        Field field;
        field.key = QString::fromUtf8(key);
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    i += 2;
                    continue;
                }
                if (line[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                ++i;
            }
            if (!closed)
                return LineError { u"unterminated string in field %1"_s.arg(excerpt(key)) };
        } else {
            const qsizetype start = i;
            while (i < line.size() && line[i] != ',' && line[i] != ' ')
                ++i;
            const QByteArrayView text = line.sliced(start, i - start);
            if (text.isEmpty())
                return LineError { u"field %1 has an empty value"_s.arg(excerpt(key)) };
            const char last = text.back();
            if (text == "t" || text == "T" || text == "true" || text == "True" || text == "TRUE") {
                field.value = 1.0;
            } else if (text == "f" || text == "F" || text == "false" || text == "False"
                       || text == "FALSE") {
                field.value = 0.0;
            } else if (last == 'i') {
                qint64 v = 0;
                if (!parseInteger(text.chopped(1), &v))
                    return LineError { u"invalid integer %1 in field %2"_s.arg(excerpt(text),
                                                                           excerpt(key)) };
                field.value = double(v);
            } else if (last == 'u') {
                quint64 v = 0;
                if (!parseUnsigned(text.chopped(1), &v))
                    return LineError { u"invalid unsigned integer %1 in field %2"_s.arg(
                            excerpt(text), excerpt(key)) };
                field.value = double(v);
            } else {
                double v = 0;
                if (!parseFloat(text, &v))
                    return LineError { u"invalid number %1 in field %2"_s.arg(excerpt(text),
                                                                          excerpt(key)) };
                field.value = v;
            }
        }
        fields->append(field);
        if (i < line.size() && line[i] == ',') {
            ++i;
            continue;
        }
        return std::nullopt;
    }
}

std::optional<LineError> parseLine(QByteArrayView line, const InfluxParseOptions &options,
                                   qint32 lineNumber, InfluxParseResult &result)
{
    qsizetype i = 0;
    const QByteArray measurement = readToken(line, i, ", ");
    if (measurement.isEmpty())
        return LineError { u"missing measurement name"_s };
    QMap<QString, QString> tags;
    while (i < line.size() && line[i] == ',') {
        ++i;
        const QByteArray key = readToken(line, i, "=, ");
        if (key.isEmpty() || i >= line.size() || line[i] != '=')
            return LineError { u"tag %1 needs a key and '=value'"_s.arg(excerpt(key)) };
        ++i;
        const QByteArray value = readToken(line, i, ", =");
        if (value.isEmpty())
            return LineError { u"tag %1 has an empty value"_s.arg(excerpt(key)) };
        tags.insert(QString::fromUtf8(key), QString::fromUtf8(value));
    }
    if (i >= line.size() || line[i] != ' ')
        return LineError { u"expected a space and fields after %1"_s.arg(excerpt(measurement)) };
    while (i < line.size() && line[i] == ' ')
        ++i;
    if (i >= line.size())
        return LineError { u"a point needs at least one field"_s };
    QList<Field> fields;
    if (auto error = parseFields(line, i, &fields))
        return error;

    qint64 timestampMs = options.nowMs;
    while (i < line.size() && line[i] == ' ')
        ++i;
    if (i < line.size()) {
        qsizetype end = line.size();
        while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t'))
            --end;
        const QByteArrayView ts = line.sliced(i, end - i);
        qint64 t = 0;
        if (!parseInteger(ts, &t))
            return LineError { u"invalid timestamp %1 (an integer is expected)"_s.arg(excerpt(ts)) };
        qint64 divisor = 1;
        switch (options.precision) {
        case InfluxPrecision::Nanoseconds:
            divisor = 1'000'000;
            break;
        case InfluxPrecision::Microseconds:
            divisor = 1'000;
            break;
        case InfluxPrecision::Milliseconds:
            break;
        case InfluxPrecision::Seconds:
            if (std::abs(t) > std::numeric_limits<qint64>::max() / 1000)
                return LineError { u"timestamp %1 is out of range"_s.arg(excerpt(ts)) };
            t *= 1000;
            break;
        }
        // Floor division, so times before 1970 round the same way as after it.
        timestampMs = t / divisor - ((t % divisor != 0 && t < 0) ? 1 : 0);
    }

    const QString measurementName = QString::fromUtf8(measurement);
    for (const Field &field : std::as_const(fields)) {
        if (!field.value) {
            ++result.ignoredStringFields;
            continue;
        }
        result.samples.append({ measurementName, field.key, tags, *field.value, timestampMs,
                                lineNumber });
    }
    return std::nullopt;
}

} // namespace

InfluxParseResult parseInflux(QByteArrayView body, const InfluxParseOptions &options)
{
    InfluxParseResult result;
    qsizetype pos = 0;
    qint32 lineNumber = 0;
    while (pos < body.size()) {
        qsizetype eol = body.indexOf('\n', pos);
        if (eol < 0)
            eol = body.size();
        QByteArrayView line = body.sliced(pos, eol - pos);
        pos = eol + 1;
        ++lineNumber;
        const auto fail = [&](const QString &message) {
            ++result.errorCount;
            if (result.errors.size() < options.maxErrors)
                result.errors.append({ lineNumber, message });
        };
        if (line.size() > options.maxLineBytes) {
            fail(u"line is longer than %1 bytes; skipped"_s.arg(options.maxLineBytes));
            continue;
        }
        if (line.endsWith('\r'))
            line.chop(1);
        qsizetype start = 0;
        while (start < line.size() && (line[start] == ' ' || line[start] == '\t'))
            ++start;
        line = line.sliced(start);
        if (line.isEmpty() || line.front() == '#')
            continue;
        if (auto error = parseLine(line, options, lineNumber, result))
            fail(error->message);
    }
    return result;
}

} // namespace wr::sources
