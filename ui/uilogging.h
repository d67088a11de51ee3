#pragma once

#include <QLoggingCategory>

// The desktop app's category, quiet by default: QT_LOGGING_RULES="watchroom.ui.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcUi)
