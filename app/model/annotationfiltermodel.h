#pragma once

#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

namespace wr {

// Search and tag filter over an AnnotationStore (or any model with its TextRole and TagsRole),
// for the annotation list. Rows keep the source order.
class AnnotationFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(QStringList tagFilter READ tagFilter WRITE setTagFilter NOTIFY tagFilterChanged)

public:
    explicit AnnotationFilterModel(QObject *parent = nullptr);

    // Case-insensitive substring of the text or of any tag; surrounding whitespace is ignored,
    // empty matches everything.
    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);

    // Rows must carry every one of these tags (compared case-insensitively); empty: no filter.
    QStringList tagFilter() const { return m_tagFilter; }
    void setTagFilter(const QStringList &tags);

signals:
    void searchTextChanged(const QString &text);
    void tagFilterChanged(const QStringList &tags);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_searchText;
    QStringList m_tagFilter;
};

} // namespace wr
