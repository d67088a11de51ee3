#include "groupset.h"

#include <algorithm>

namespace wr {

bool GroupSet::contains(const QString &group) const
{
    return std::binary_search(m_sorted.cbegin(), m_sorted.cend(), group);
}

bool GroupSet::insert(const QString &group)
{
    const auto at = std::lower_bound(m_sorted.cbegin(), m_sorted.cend(), group);
    if (at != m_sorted.cend() && *at == group)
        return false;
    m_sorted.insert(at - m_sorted.cbegin(), group);
    return true;
}

bool GroupSet::remove(const QString &group)
{
    const auto at = std::lower_bound(m_sorted.cbegin(), m_sorted.cend(), group);
    if (at == m_sorted.cend() || *at != group)
        return false;
    m_sorted.removeAt(at - m_sorted.cbegin());
    if (m_sorted.isEmpty())
        m_sorted = QStringList(); // give the allocation back
    return true;
}

} // namespace wr
