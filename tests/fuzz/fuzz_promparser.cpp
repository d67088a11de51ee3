// Prometheus text 0.0.4 and OpenMetrics 1.0 pages (app/sources/promparser.h), as a scrape or a
// push delivers them. The first byte picks the format and whether a family filter is set; every
// sample's views must lie inside the result and its labels inside the label list.
#include "fuzzsupport.h"

#include "promparser.h"

#include <cmath>

using namespace wr;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t mode = data[0];
    const QByteArray page = fuzz::bytes(data + 1, size - 1);

    sources::PromParseOptions options;
    options.format = (mode & 1) ? sources::ExpositionFormat::OpenMetrics
                                : sources::ExpositionFormat::PrometheusText;
    options.maxLineBytes = (mode & 2) ? 64 : 64 * 1024;
    options.maxErrors = (mode & 4) ? 2 : 100;
    if (mode & 8) {
        // The scraper's allowlist: keep families whose name has an even length.
        options.accept = [](QByteArrayView name) { return name.size() % 2 == 0; };
    }

    const sources::PromParseResult result = sources::parsePrometheus(page, options);
    if (result.errors.size() > options.maxErrors || result.errorCount < result.errors.size())
        fuzz::violated("error list and error count disagree");
    for (const sources::PromSample &sample : result.samples) {
        if (sample.family >= result.families.size())
            fuzz::violated("a sample refers to a family that does not exist");
        if (sample.firstLabel < 0 || sample.labelCount < 0
            || sample.firstLabel + sample.labelCount > result.labels.size())
            fuzz::violated("a sample's labels lie outside the label list");
        for (const sources::PromLabel &label : result.labelsOf(sample)) {
            if (result.label(sample, label.name).isNull())
                fuzz::violated("label() does not find a label of the sample");
        }
        result.typeOf(sample);
        if (result.familyName(sample).isEmpty())
            fuzz::violated("a sample without a name");
    }

    double value = 0;
    sources::parsePromValue(fuzz::view(data + 1, size - 1), &value);
    sources::expositionFormatForContentType(fuzz::view(data + 1, size - 1));

    // histogram_quantile over whatever the page's numbers are, read as (bound, count) pairs.
    std::vector<std::pair<double, double>> buckets;
    for (qsizetype i = 0; i + 1 < result.samples.size() && buckets.size() < 64; i += 2)
        buckets.emplace_back(result.samples.at(i).value, result.samples.at(i + 1).value);
    if (!buckets.empty())
        sources::histogramQuantile((mode >> 4) / 15.0, buckets);
    return 0;
}
