#include "odatafilter.h"
// Placeholder until the parser lands.
namespace wr {
struct ODataFilter::Node {};
std::optional<ODataFilter> ODataFilter::parse(const QString &, QString *error)
{
    if (error)
        *error = QStringLiteral("filters are not supported yet");
    return std::nullopt;
}
bool ODataFilter::matches(const QString &, const QString &, const QSet<QString> &) const
{
    return false;
}
} // namespace wr
