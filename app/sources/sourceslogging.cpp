#include "sourceslogging.h"

Q_LOGGING_CATEGORY(lcSources, "watchroom.sources", QtWarningMsg)
