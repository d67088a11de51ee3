#pragma once

#include <QString>

namespace wrbench {

// Reads the RESULT lines the scenarios printed (one file, any order) and prints markdown tables:
// one per scenario, the relay against the Node baseline, and the targets.
int printReport(const QString &path, const QString &relayName, const QString &baselineName);

} // namespace wrbench
