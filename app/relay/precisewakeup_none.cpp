#include "precisewakeup.h"

namespace wr {

// No finer source than Qt's timers on this platform yet: waits are whole milliseconds.
std::unique_ptr<PreciseWakeup::Source> PreciseWakeup::makeFineSource(PreciseWakeup *)
{
    return nullptr;
}

} // namespace wr
