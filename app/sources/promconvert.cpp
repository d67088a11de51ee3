#include "promconvert.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace wr::sources {

namespace {

// Series not seen for this many pages are forgotten (bounded memory when label values churn).
constexpr quint64 kForgetAfterPages = 10;

QString quantileText(double q)
{
    return QString::number(q, 'g', 6);
}

// A unit from an OpenMetrics UNIT line, or from the base-unit suffix Prometheus names carry.
QString unitFor(const PromParseResult &page, const PromSample &sample)
{
    if (sample.family >= 0 && !page.families.at(sample.family).unit.isEmpty())
        return QString::fromUtf8(page.families.at(sample.family).unit);
    QByteArrayView name = page.familyName(sample);
    if (name.endsWith("_total"))
        name.chop(6);
    if (name.endsWith("_bytes"))
        return u"B"_s;
    if (name.endsWith("_seconds"))
        return u"s"_s;
    if (name.endsWith("_ratio"))
        return u"ratio"_s;
    if (name.endsWith("_celsius"))
        return u"°C"_s;
    if (name.endsWith("_percent"))
        return u"%"_s;
    return {};
}

QString makeId(const QString &prefix, QByteArrayView name, const QMap<QString, QString> &labels)
{
    QString id = prefix.isEmpty() ? QString() : prefix + u'/';
    id += QString::fromUtf8(name);
    if (!labels.isEmpty()) {
        id += u'{';
        bool first = true;
        for (auto it = labels.constBegin(); it != labels.constEnd(); ++it) {
            if (!first)
                id += u',';
            first = false;
            id += it.key() + u'=' + it.value();
        }
        id += u'}';
    }
    if (id.size() <= session::kMaxIdLength)
        return id;
    // Stable and within the limit; the readable start is kept.
    const QByteArray digest
            = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256).toHex().left(24);
    return id.left(session::kMaxIdLength - 25) + u'~' + QString::fromLatin1(digest);
}

} // namespace

PromConverter::PromConverter(const PromConvertOptions &options) : m_options(options) { }

void PromConverter::reset()
{
    m_series.clear();
    m_histograms.clear();
}

PromConverter::SeriesState &PromConverter::stateFor(const QByteArray &key,
                                                    const PromParseResult &page,
                                                    const PromSample &sample, bool rate,
                                                    std::optional<double> quantile)
{
    auto it = m_series.find(key);
    if (it == m_series.end()) {
        SeriesState state;
        QMap<QString, QString> idLabels;
        for (const PromLabel &l : page.labelsOf(sample)) {
            if (quantile && l.name == "le")
                continue;
            idLabels.insert(QString::fromUtf8(l.name), QString::fromUtf8(l.value));
        }
        QByteArrayView name = sample.name;
        if (quantile) {
            idLabels.insert(u"quantile"_s, quantileText(*quantile));
            name = page.familyName(sample);
        }
        state.id = makeId(m_options.idPrefix, name, idLabels);
        state.meta.name = QString::fromUtf8(name);
        state.meta.unit = unitFor(page, sample);
        if (rate)
            state.meta.unit = state.meta.unit.isEmpty() ? u"/s"_s : state.meta.unit + u"/s"_s;
        state.meta.labels = idLabels;
        for (auto e = m_options.extraLabels.constBegin(); e != m_options.extraLabels.constEnd(); ++e)
            state.meta.labels.insert(e.key(), e.value());
        // Keys are views into the page: copy before storing.
        it = m_series.insert(QByteArray(key.constData(), key.size()), std::move(state));
    }
    it->generation = m_generation;
    return *it;
}

void PromConverter::emitPoint(SeriesState &state, qint64 t, double value,
                              QList<session::MetricSeries> &out)
{
    if (t <= state.lastT)
        return; // a repeated or older explicit timestamp: nothing new
    state.lastT = t;
    session::MetricSeries series;
    series.id = state.id;
    if (!state.metaSent) {
        series.name = state.meta.name;
        series.unit = state.meta.unit;
        series.labels = state.meta.labels;
        state.metaSent = true;
    }
    // ±Inf cannot travel in JSON: a gap.
    series.points.append({ t, std::isfinite(value) ? value : qQNaN() });
    out.append(std::move(series));
}

void PromConverter::emitRate(SeriesState &state, qint64 t, double value,
                             QList<session::MetricSeries> &out)
{
    const qint64 resetsBefore = state.rate.resets();
    const std::optional<double> rate = state.rate.update(t, value);
    m_resets += state.rate.resets() - resetsBefore;
    if (rate)
        emitPoint(state, t, *rate, out);
}

QList<session::MetricSeries> PromConverter::convert(const PromParseResult &page, qint64 nowMs)
{
    ++m_generation;
    QList<session::MetricSeries> out;
    out.reserve(page.samples.size());
    const bool sums = m_options.distributions == PromConvertOptions::Distributions::Sums;
    bool hasHistograms = false;

    for (const PromSample &sample : page.samples) {
        const MetricType type = page.typeOf(sample);
        const QByteArrayView family = page.familyName(sample);
        const QByteArrayView suffix = sample.name.sliced(std::min(family.size(), sample.name.size()));
        const qint64 t = sample.hasTimestamp ? sample.timestampMs : nowMs;
        // A lookup key without copying the page.
        const QByteArray key = QByteArray::fromRawData(sample.seriesKey.data(),
                                                       sample.seriesKey.size());
        bool asRate = false;
        switch (type) {
        case MetricType::Counter:
            if (suffix == "_created")
                continue;
            asRate = m_options.countersAsRates;
            break;
        case MetricType::Histogram:
        case MetricType::Summary:
            if (suffix == "_created")
                continue;
            if (suffix == "_sum" || suffix == "_count") {
                if (!sums)
                    continue;
                asRate = m_options.countersAsRates;
                break;
            }
            if (sums)
                continue;
            if (type == MetricType::Histogram) {
                hasHistograms = true;
                continue; // buckets: below
            }
            // A summary quantile line.
            if (!m_options.quantiles.isEmpty()) {
                double q = 0;
                if (!parsePromValue(page.label(sample, "quantile"), &q))
                    continue;
                const bool chosen = std::any_of(
                        m_options.quantiles.cbegin(), m_options.quantiles.cend(),
                        [q](double wanted) { return std::abs(wanted - q) < 1e-9; });
                if (!chosen)
                    continue;
            }
            break;
        case MetricType::Info:
            continue; // always 1: nothing to chart
        case MetricType::Untyped:
        case MetricType::Gauge:
        case MetricType::GaugeHistogram:
        case MetricType::StateSet:
            break;
        }
        SeriesState &state = stateFor(key, page, sample, asRate, std::nullopt);
        if (asRate)
            emitRate(state, t, sample.value, out);
        else
            emitPoint(state, t, sample.value, out);
    }
    if (hasHistograms && !m_options.quantiles.isEmpty())
        convertHistograms(page, nowMs, out);
    if (m_generation % kForgetAfterPages == 0)
        prune();
    return out;
}

void PromConverter::convertHistograms(const PromParseResult &page, qint64 nowMs,
                                      QList<session::MetricSeries> &out)
{
    struct Group
    {
        QByteArray key;
        const PromSample *first = nullptr;
        std::vector<std::pair<double, double>> buckets;
        qint64 t = 0;
    };
    QList<Group> groups;
    QHash<QByteArray, qsizetype> index;
    for (const PromSample &sample : page.samples) {
        if (page.typeOf(sample) != MetricType::Histogram
            || sample.name.size() != page.familyName(sample).size() + 7
            || !sample.name.endsWith("_bucket"))
            continue;
        double le = 0;
        if (!parsePromValue(page.label(sample, "le"), &le))
            continue;
        QByteArray key = page.familyName(sample).toByteArray();
        for (const PromLabel &l : page.labelsOf(sample)) {
            if (l.name == "le")
                continue;
            key += ',' + l.name.toByteArray() + '=' + l.value.toByteArray();
        }
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.insert(key, groups.size());
            groups.append({ key, &sample, {}, sample.hasTimestamp ? sample.timestampMs : nowMs });
        }
        groups[*it].buckets.emplace_back(le, sample.value);
    }

    for (Group &group : groups) {
        std::sort(group.buckets.begin(), group.buckets.end());
        HistogramState &previous = m_histograms[group.key];
        const bool first = previous.generation == 0;
        previous.generation = m_generation;
        bool sameLayout = !first && qsizetype(group.buckets.size()) == previous.bounds.size();
        bool reset = false;
        for (size_t b = 0; sameLayout && b < group.buckets.size(); ++b) {
            if (group.buckets[b].first != previous.bounds.at(qsizetype(b)))
                sameLayout = false;
            else if (group.buckets[b].second < previous.counts.at(qsizetype(b)))
                reset = true;
        }
        std::vector<std::pair<double, double>> interval = group.buckets;
        if (sameLayout && !reset) {
            for (size_t b = 0; b < interval.size(); ++b)
                interval[b].second -= previous.counts.at(qsizetype(b));
        }
        previous.bounds.clear();
        previous.counts.clear();
        for (const auto &[bound, count] : group.buckets) {
            previous.bounds.append(bound);
            previous.counts.append(count);
        }
        if (!sameLayout)
            continue; // the first page (or new buckets): no interval to describe yet

        for (double q : std::as_const(m_options.quantiles)) {
            const QByteArray key = group.key + "|q=" + QByteArray::number(q, 'g', 6);
            SeriesState &state = stateFor(key, page, *group.first, false, q);
            // No observations in the interval: a gap, not zero.
            emitPoint(state, group.t, histogramQuantile(q, interval), out);
        }
    }
}

void PromConverter::prune()
{
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (m_generation - it->generation >= kForgetAfterPages)
            it = m_series.erase(it);
        else
            ++it;
    }
    for (auto it = m_histograms.begin(); it != m_histograms.end();) {
        if (m_generation - it->generation >= kForgetAfterPages)
            it = m_histograms.erase(it);
        else
            ++it;
    }
}

} // namespace wr::sources
