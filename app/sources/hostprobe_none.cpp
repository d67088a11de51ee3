#include "hostprobe.h"

using namespace Qt::StringLiterals;

namespace wr::sources {

namespace {

class UnsupportedHostProbe : public HostProbe
{
public:
    bool sample(HostSnapshot *, QString *error) override
    {
        *error = u"host metrics are not implemented on this platform"_s;
        return false;
    }
};

} // namespace

std::unique_ptr<HostProbe> HostProbe::createDefault()
{
    return std::make_unique<UnsupportedHostProbe>();
}

} // namespace wr::sources
