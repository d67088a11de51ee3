// InfluxDB line protocol (app/sources/influxparser.h), as POST /api/boards/{board}/write or a
// push source delivers it. The first byte picks the precision and the limits; the body is
// passed as a view without a terminator, as the ingest path does.
#include "fuzzsupport.h"

#include "influxparser.h"

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
    static constexpr sources::InfluxPrecision precisions[] = {
        sources::InfluxPrecision::Nanoseconds, sources::InfluxPrecision::Microseconds,
        sources::InfluxPrecision::Milliseconds, sources::InfluxPrecision::Seconds
    };
    sources::InfluxParseOptions options;
    options.precision = precisions[mode & 3];
    options.nowMs = 1700000000000;
    options.maxLineBytes = (mode & 4) ? 64 : 64 * 1024;
    options.maxErrors = (mode & 8) ? 2 : 100;

    const sources::InfluxParseResult result =
        sources::parseInflux(fuzz::view(data + 1, size - 1), options);
    if (result.errors.size() > options.maxErrors || result.errorCount < result.errors.size())
        fuzz::violated("error list and error count disagree");
    for (const sources::InfluxSample &sample : result.samples) {
        if (sample.measurement.isEmpty() || sample.field.isEmpty())
            fuzz::violated("a sample without a measurement or a field");
    }

    sources::influxPrecisionFromString(QString::fromUtf8(fuzz::bytes(data + 1, size - 1)));
    return 0;
}
