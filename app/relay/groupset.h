#pragma once

#include <QString>
#include <QStringList>

namespace wr {

// The groups one connection is in. Usually one to a handful, so a sorted list: a QSet<QString>
// allocates more than 1 KiB with its first element, which is most of what an idle connection
// costs the relay beyond Qt's own socket objects.
class GroupSet
{
public:
    bool contains(const QString &group) const;
    // Both return whether the set changed.
    bool insert(const QString &group);
    bool remove(const QString &group);

    qsizetype size() const { return m_sorted.size(); }
    bool isEmpty() const { return m_sorted.isEmpty(); }
    QStringList::const_iterator begin() const { return m_sorted.cbegin(); }
    QStringList::const_iterator end() const { return m_sorted.cend(); }

private:
    QStringList m_sorted;
};

} // namespace wr
