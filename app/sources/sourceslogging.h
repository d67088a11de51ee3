#pragma once

#include <QLoggingCategory>

// "watchroom.sources", quiet by default: QT_LOGGING_RULES="watchroom.sources.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcSources)
