// CPU cost of the host sampler: CPU time per sample, as a share of one core at 1 s.
#include "hostsampler.h"
#include "sourcesbench.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace wr::sources;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    HostSamplerOptions options;
    options.host = u"bench"_s;
    HostSampler sampler(options);
    qsizetype series = 0;
    QObject::connect(&sampler, &MetricSource::frame, &sampler,
                     [&](const wr::session::MetricsFrame &f) { series += f.series.size(); });
    sampler.sampleNow(); // warm-up: first reading, metadata
    const int samples = wr::bench::quick() ? 300 : 3000;
    series = 0;
    const double cpu0 = wr::bench::processCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < samples; ++i)
        sampler.sampleNow();
    const double cpu = wr::bench::processCpuSeconds() - cpu0;
    const double perSampleMs = 1000.0 * cpu / samples;
    std::printf("| samples | series/sample | CPU ms/sample | wall ms/sample | share of one core at 1 s |\n");
    std::printf("|---:|---:|---:|---:|---:|\n");
    std::printf("| %d | %.0f | %.3f | %.3f | %.3f %% |\n", samples, double(series) / samples,
                perSampleMs, double(wall.elapsed()) / samples, perSampleMs / 1000.0 * 100.0);
    return 0;
}
