#include "annotationfiltermodel.h"

#include "annotationstore.h"

#include <algorithm>

namespace wr {

AnnotationFilterModel::AnnotationFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void AnnotationFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    invalidateFilter();
    emit searchTextChanged(m_searchText);
}

void AnnotationFilterModel::setTagFilter(const QStringList &tags)
{
    QStringList cleaned;
    for (const QString &tag : tags) {
        const QString t = tag.trimmed();
        if (!t.isEmpty() && !cleaned.contains(t, Qt::CaseInsensitive))
            cleaned.append(t);
    }
    if (cleaned == m_tagFilter)
        return;
    m_tagFilter = cleaned;
    invalidateFilter();
    emit tagFilterChanged(m_tagFilter);
}

bool AnnotationFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_searchText.isEmpty() && m_tagFilter.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QStringList tags = index.data(AnnotationStore::TagsRole).toStringList();
    for (const QString &wanted : m_tagFilter) {
        if (!tags.contains(wanted, Qt::CaseInsensitive))
            return false;
    }
    if (m_searchText.isEmpty())
        return true;
    if (index.data(AnnotationStore::TextRole)
            .toString()
            .contains(m_searchText, Qt::CaseInsensitive))
        return true;
    return std::any_of(tags.cbegin(), tags.cend(), [this](const QString &tag) {
        return tag.contains(m_searchText, Qt::CaseInsensitive);
    });
}

} // namespace wr
