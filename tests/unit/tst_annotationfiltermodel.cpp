#include "annotationfiltermodel.h"
#include "annotationstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using wr::AnnotationFilterModel;
using wr::AnnotationStore;
using wr::session::Annotation;
using wr::session::AnnotationOp;
using wr::session::HlcTimestamp;

namespace {

AnnotationOp putOp(const QString &id, qint64 t0, const QString &text, const QStringList &tags,
                   qint64 physical = 100)
{
    Annotation a;
    a.id = id;
    a.t0 = t0;
    a.text = text;
    a.tags = tags;
    a.clock = HlcTimestamp { physical, 0, u"bob"_s };
    return { AnnotationOp::Kind::Put, a };
}

QStringList ids(const QAbstractItemModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row, 0).data(AnnotationStore::IdRole).toString();
    return result;
}

} // namespace

class tst_AnnotationFilterModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void filter_data();
    void filter();
    void followsTheStore();
    void propertiesNotifyOnlyOnChange();

private:
    std::unique_ptr<AnnotationStore> m_store;
    std::unique_ptr<AnnotationFilterModel> m_filter;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_AnnotationFilterModel::init()
{
    m_store = std::make_unique<AnnotationStore>(u"alice"_s, [] { return qint64(1000); });
    m_store->apply(putOp(u"a"_s, 10, u"Deploy 4.2 rolling out"_s, { u"deploy"_s }), u"bob"_s);
    m_store->apply(putOp(u"b"_s, 20, u"CPU spike on db-1"_s, { u"incident"_s, u"DB"_s }), u"bob"_s);
    m_store->apply(putOp(u"c"_s, 30, u"rollback"_s, { u"deploy"_s, u"incident"_s }), u"bob"_s);
    m_store->apply(putOp(u"d"_s, 40, u"all good"_s, {}), u"bob"_s);
    m_filter = std::make_unique<AnnotationFilterModel>();
    m_filter->setSourceModel(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_filter.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_AnnotationFilterModel::cleanup()
{
    m_tester.reset();
    m_filter.reset();
    m_store.reset();
}

void tst_AnnotationFilterModel::filter_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QStringList>("expected");

    const QStringList none;
    QTest::addRow("no filter") << QString() << none
                               << QStringList { u"a"_s, u"b"_s, u"c"_s, u"d"_s };
    QTest::addRow("text or tag, case-insensitive")
        << u"DEPLOY"_s << none << QStringList { u"a"_s, u"c"_s };
    QTest::addRow("substring of a tag") << u"incid"_s << none << QStringList { u"b"_s, u"c"_s };
    QTest::addRow("substring of the text") << u"spike on"_s << none << QStringList { u"b"_s };
    QTest::addRow("surrounding whitespace is ignored")
        << u"  good "_s << none << QStringList { u"d"_s };
    QTest::addRow("whitespace only matches everything")
        << u"   "_s << none << QStringList { u"a"_s, u"b"_s, u"c"_s, u"d"_s };
    QTest::addRow("no match") << u"zzz"_s << none << QStringList {};
    QTest::addRow("tag filter") << QString() << QStringList { u"incident"_s }
                                << QStringList { u"b"_s, u"c"_s };
    QTest::addRow("tag filter is case-insensitive")
        << QString() << QStringList { u"db"_s } << QStringList { u"b"_s };
    QTest::addRow("tag filter is not a substring match")
        << QString() << QStringList { u"dep"_s } << QStringList {};
    QTest::addRow("several tags: all of them")
        << QString() << QStringList { u"deploy"_s, u"incident"_s } << QStringList { u"c"_s };
    QTest::addRow("search within a tag filter")
        << u"spike"_s << QStringList { u"incident"_s } << QStringList { u"b"_s };
    QTest::addRow("search matching outside the tag filter")
        << u"rolling"_s << QStringList { u"incident"_s } << QStringList {};
}

void tst_AnnotationFilterModel::filter()
{
    QFETCH(QString, search);
    QFETCH(QStringList, tags);
    QFETCH(QStringList, expected);

    m_filter->setSearchText(search);
    m_filter->setTagFilter(tags);
    QCOMPARE(ids(*m_filter), expected);

    // Clearing both shows everything again.
    m_filter->setSearchText(QString());
    m_filter->setTagFilter({});
    QCOMPARE(m_filter->rowCount(), m_store->rowCount());
}

void tst_AnnotationFilterModel::followsTheStore()
{
    m_filter->setSearchText(u"deploy"_s);
    QCOMPARE(ids(*m_filter), (QStringList { u"a"_s, u"c"_s }));

    // A new matching annotation appears in place...
    m_store->apply(putOp(u"e"_s, 15, u"canary"_s, { u"deploy"_s }), u"carol"_s);
    QCOMPARE(ids(*m_filter), (QStringList { u"a"_s, u"e"_s, u"c"_s }));
    // ...an edit that stops matching hides it...
    m_store->apply(putOp(u"a"_s, 10, u"rolled out"_s, {}, 200), u"bob"_s);
    QCOMPARE(ids(*m_filter), (QStringList { u"e"_s, u"c"_s }));
    // ...one that starts matching shows it, and a delete removes it.
    m_store->apply(putOp(u"d"_s, 40, u"deploy finished"_s, {}, 200), u"bob"_s);
    QCOMPARE(ids(*m_filter), (QStringList { u"e"_s, u"c"_s, u"d"_s }));
    Annotation gone;
    gone.id = u"c"_s;
    gone.clock = HlcTimestamp { 300, 0, u"bob"_s };
    m_store->apply({ AnnotationOp::Kind::Delete, gone }, u"bob"_s);
    QCOMPARE(ids(*m_filter), (QStringList { u"e"_s, u"d"_s }));
}

void tst_AnnotationFilterModel::propertiesNotifyOnlyOnChange()
{
    QSignalSpy searchSpy(m_filter.get(), &AnnotationFilterModel::searchTextChanged);
    QSignalSpy tagSpy(m_filter.get(), &AnnotationFilterModel::tagFilterChanged);
    m_filter->setSearchText(u"db"_s);
    m_filter->setSearchText(u" db "_s); // the same search
    QCOMPARE(searchSpy.size(), 1);
    QCOMPARE(m_filter->searchText(), u"db"_s);
    m_filter->setTagFilter({ u"deploy"_s, u"Deploy"_s, u""_s });
    m_filter->setTagFilter({ u"deploy"_s });
    QCOMPARE(tagSpy.size(), 1);
    QCOMPARE(m_filter->tagFilter(), QStringList { u"deploy"_s });
}

QTEST_MAIN(tst_AnnotationFilterModel)
#include "tst_annotationfiltermodel.moc"
