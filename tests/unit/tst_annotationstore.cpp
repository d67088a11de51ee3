#include "annotationstore.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <memory>
#include <numeric>

using namespace Qt::StringLiterals;
using wr::AnnotationStore;
using wr::session::Annotation;
using wr::session::AnnotationOp;
using wr::session::HlcTimestamp;
using wr::session::Snapshot;
using Kind = wr::session::AnnotationOp::Kind;

namespace wr::session {
// Found by argument-dependent lookup: failed QCOMPARE()s print protocol structs readably.
QString describe(const Annotation &a)
{
    if (a.deleted)
        return u"%1 @%2 DELETED author=%3"_s.arg(a.id, a.clock.toString(), a.author);
    return u"%1 @%2 panel=%3 t0=%4 t1=%5 text=\"%6\" tags=[%7] color=%8 author=%9"_s.arg(
        a.id, a.clock.toString(), a.panel.value_or(u"*"_s), QString::number(a.t0),
        a.t1 ? QString::number(*a.t1) : u"-"_s, a.text, a.tags.join(u','), a.color, a.author);
}
char *toString(const Annotation &a)
{
    return QTest::toString(describe(a));
}
char *toString(const Snapshot &s)
{
    QStringList lines;
    for (const Annotation &a : s.annotations)
        lines << describe(a);
    return QTest::toString(u"\n  "_s + lines.join(u"\n  "_s));
}
char *toString(const HlcTimestamp &t)
{
    return QTest::toString(t.toString());
}
} // namespace wr::session

namespace {

HlcTimestamp clk(const QString &text)
{
    return HlcTimestamp::parse(text).value();
}

// One delivery to a store: an op and its hub-stamped sender.
struct Step
{
    AnnotationOp op;
    QString from;
};

// put("a", "100:0:alice", "text") is sent by alice, the clock's node, unless by() says otherwise.
Step put(const QString &id, const QString &clock, const QString &text, qint64 t0 = 1000)
{
    Annotation a;
    a.id = id;
    a.t0 = t0;
    a.text = text;
    a.clock = clk(clock);
    return { { Kind::Put, a }, a.clock.node };
}

Step del(const QString &id, const QString &clock)
{
    Annotation a;
    a.id = id;
    a.clock = clk(clock);
    return { { Kind::Delete, a }, a.clock.node };
}

Step by(Step step, const QString &from)
{
    step.from = from;
    return step;
}

Annotation tombstone(const QString &id, const QString &clock, const QString &author)
{
    Annotation a;
    a.id = id;
    a.clock = clk(clock);
    a.author = author;
    a.deleted = true;
    return a;
}

qint64 fixedWall()
{
    return 1000;
}

// The model's rows must be exactly visible(): ids in (t0, id) order, roles agreeing.
void verifyRows(const AnnotationStore &store)
{
    const QList<Annotation> visible = store.visible();
    QCOMPARE(store.rowCount(), visible.size());
    for (int row = 0; row < visible.size(); ++row) {
        const QModelIndex index = store.index(row);
        const Annotation &a = visible.at(row);
        QCOMPARE(index.data(AnnotationStore::IdRole).toString(), a.id);
        QCOMPARE(index.data(AnnotationStore::T0Role).toLongLong(), a.t0);
        QCOMPARE(index.data(AnnotationStore::TextRole).toString(), a.text);
        QVERIFY(!a.deleted);
        if (row > 0) {
            const Annotation &p = visible.at(row - 1);
            QVERIFY2(p.t0 < a.t0 || (p.t0 == a.t0 && p.id < a.id), qPrintable(a.id));
        }
    }
    const Snapshot snapshot = store.snapshot();
    const auto live = std::count_if(snapshot.annotations.cbegin(), snapshot.annotations.cend(),
                                    [](const Annotation &a) { return !a.deleted; });
    QCOMPARE(live, visible.size());
}

} // namespace

class tst_AnnotationStore : public QObject
{
    Q_OBJECT

private slots:
    void apply_data();
    void apply();
    void localPutAssignsIdClockAndAuthor();
    void localEditOfARemoteAnnotationWins();
    void localRemoveLeavesATombstone();
    void farFutureClockIsStoredButNotFollowed();
    void snapshotRoundTripIsIdempotent();
    void snapshotAuthorIsTakenAsGiven();
    void snapshotTombstones_data();
    void snapshotTombstones();
    void firstSnapshotResetsAnEmptyModel();
    void rowsStaySortedAndMove();
    void roles_data();
    void roles();
    void allTags();
    void randomizedConvergence_data();
    void randomizedConvergence();
};

void tst_AnnotationStore::apply_data()
{
    QTest::addColumn<QList<Step>>("steps");
    QTest::addColumn<QList<bool>>("changed"); // apply()'s result, step by step
    QTest::addColumn<QString>("text"); // of annotation "a" at the end; empty: not visible
    QTest::addColumn<QString>("author");

    const QString a = u"a"_s;
    QTest::addRow("create") << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s) }
                            << QList<bool> { true } << u"v1"_s << u"alice"_s;
    QTest::addRow("duplicate put is ignored")
        << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s), put(a, u"100:0:alice"_s, u"v1"_s) }
        << QList<bool> { true, false } << u"v1"_s << u"alice"_s;
    QTest::addRow("newer edit wins, author stays the creator")
        << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s), put(a, u"200:0:bob"_s, u"v2"_s) }
        << QList<bool> { true, true } << u"v2"_s << u"alice"_s;
    QTest::addRow("stale edit is ignored")
        << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s), put(a, u"300:0:bob"_s, u"v3"_s),
                         put(a, u"200:0:carol"_s, u"v2"_s) }
        << QList<bool> { true, true, false } << u"v3"_s << u"alice"_s;
    QTest::addRow("edit before its creation: author from the creating op")
        << QList<Step> { put(a, u"200:0:bob"_s, u"v2"_s), put(a, u"100:0:alice"_s, u"v1"_s) }
        << QList<bool> { true, true } << u"v2"_s << u"alice"_s;
    QTest::addRow("author is the hub-stamped sender, not the clock's node")
        << QList<Step> { by(put(a, u"100:0:alice"_s, u"v1"_s), u"mallory"_s) }
        << QList<bool> { true } << u"v1"_s << u"mallory"_s;
    QTest::addRow("delete hides") << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s),
                                                   del(a, u"200:0:bob"_s) }
                                  << QList<bool> { true, true } << QString() << QString();
    QTest::addRow("stale delete is ignored")
        << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s), put(a, u"300:0:alice"_s, u"v3"_s),
                         del(a, u"200:0:bob"_s) }
        << QList<bool> { true, true, false } << u"v3"_s << u"alice"_s;
    QTest::addRow("duplicate delete is ignored")
        << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s), del(a, u"200:0:bob"_s),
                         del(a, u"200:0:bob"_s) }
        << QList<bool> { true, true, false } << QString() << QString();
    QTest::addRow("delete before an older put keeps it deleted")
        << QList<Step> { del(a, u"200:0:bob"_s), put(a, u"100:0:alice"_s, u"v1"_s) }
        << QList<bool> { false, false } << QString() << QString();
    QTest::addRow("later put revives")
        << QList<Step> { put(a, u"100:0:alice"_s, u"v1"_s), del(a, u"200:0:bob"_s),
                         put(a, u"300:0:bob"_s, u"v3"_s) }
        << QList<bool> { true, true, true } << u"v3"_s << u"alice"_s;
    QTest::addRow("same ms: the counter decides")
        << QList<Step> { put(a, u"50:0:carol"_s, u"c"_s), put(a, u"100:1:alice"_s, u"x"_s),
                         put(a, u"100:0:bob"_s, u"y"_s) }
        << QList<bool> { true, true, false } << u"x"_s << u"carol"_s;
    QTest::addRow("same ms and counter: the node id decides")
        << QList<Step> { put(a, u"100:0:alice"_s, u"x"_s), put(a, u"100:0:bob"_s, u"y"_s) }
        << QList<bool> { true, true } << u"y"_s << u"alice"_s;
    QTest::addRow("equal clocks: a delete beats a put")
        << QList<Step> { put(a, u"100:0:alice"_s, u"x"_s), del(a, u"100:0:alice"_s) }
        << QList<bool> { true, true } << QString() << QString();
    QTest::addRow("equal clocks, different content: the content decides")
        << QList<Step> { put(a, u"100:0:alice"_s, u"b"_s), put(a, u"100:0:alice"_s, u"a"_s) }
        << QList<bool> { true, false } << u"b"_s << u"alice"_s;
    QTest::addRow("op without id is dropped")
        << QList<Step> { put(QString(), u"100:0:alice"_s, u"x"_s) } << QList<bool> { false }
        << QString() << QString();
    QTest::addRow("delete of an unknown id changes nothing visible")
        << QList<Step> { del(a, u"100:0:alice"_s) } << QList<bool> { false } << QString()
        << QString();
}

// Also replays the steps in every order: the final snapshot does not depend on it.
void tst_AnnotationStore::apply()
{
    QFETCH(QList<Step>, steps);
    QFETCH(QList<bool>, changed);
    QFETCH(QString, text);
    QFETCH(QString, author);

    AnnotationStore store(u"me"_s, fixedWall);
    QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changedSpy(&store, &AnnotationStore::annotationChanged);
    QSignalSpy removedSpy(&store, &AnnotationStore::annotationRemoved);
    QList<bool> results;
    for (const Step &step : std::as_const(steps))
        results << store.apply(step.op, step.from);
    QCOMPARE(results, changed);
    QCOMPARE(changedSpy.size() + removedSpy.size(), qsizetype(changed.count(true)));

    const auto annotation = store.annotation(u"a"_s);
    QCOMPARE(annotation.has_value(), !text.isEmpty());
    if (annotation) {
        QCOMPARE(annotation->text, text);
        QCOMPARE(annotation->author, author);
        QCOMPARE(store.rowCount(), 1);
        QCOMPARE(store.index(0).data(AnnotationStore::AuthorRole).toString(), author);
    } else {
        QCOMPARE(store.rowCount(), 0);
    }
    verifyRows(store);

    QList<int> order(steps.size());
    std::iota(order.begin(), order.end(), 0);
    const Snapshot expected = store.snapshot();
    while (std::next_permutation(order.begin(), order.end())) {
        AnnotationStore replica(u"me"_s, fixedWall);
        for (int i : std::as_const(order))
            replica.apply(steps.at(i).op, steps.at(i).from);
        QCOMPARE(replica.snapshot(), expected);
    }
}

void tst_AnnotationStore::localPutAssignsIdClockAndAuthor()
{
    AnnotationStore store(u"alice"_s, fixedWall);
    QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changedSpy(&store, &AnnotationStore::annotationChanged);

    Annotation draft;
    draft.t0 = 500;
    draft.t1 = 900;
    draft.text = u"deploy 4.2"_s;
    draft.tags = QStringList { u"deploy"_s };
    draft.author = u"forged"_s; // ignored
    draft.deleted = true; // ignored
    const AnnotationOp op = store.put(draft);

    QCOMPARE(op.kind, Kind::Put);
    QCOMPARE(op.annotation.id.size(), 36); // no braces
    QVERIFY(!QUuid::fromString(op.annotation.id).isNull());
    QCOMPARE(op.annotation.clock.toString(), u"1000:0:alice"_s);
    QCOMPARE(op.annotation.text, draft.text);
    QVERIFY(!op.annotation.deleted);
    QVERIFY(op.annotation.author.isEmpty()); // the wire never carries a trusted author

    QCOMPARE(changedSpy.size(), 1);
    QCOMPARE(changedSpy.at(0).at(0).toString(), op.annotation.id);
    const auto stored = store.annotation(op.annotation.id);
    QVERIFY(stored);
    QCOMPARE(stored->author, u"alice"_s);
    QCOMPARE(stored->clock, op.annotation.clock);
    QCOMPARE(store.rowCount(), 1);

    // A second local put gets a later clock and a different id.
    const AnnotationOp second = store.put(draft);
    QVERIFY(second.annotation.id != op.annotation.id);
    QCOMPARE(second.annotation.clock.toString(), u"1000:1:alice"_s);

    // The ops a replica receives reproduce the state.
    AnnotationStore peer(u"bob"_s, fixedWall);
    peer.apply(op, u"alice"_s);
    peer.apply(second, u"alice"_s);
    QCOMPARE(peer.snapshot(), store.snapshot());
}

void tst_AnnotationStore::localEditOfARemoteAnnotationWins()
{
    // Bob's clock runs an hour ahead of ours; our edit must still win, because the HLC
    // observed his clock.
    AnnotationStore store(u"alice"_s, fixedWall);
    const qint64 hour = 3600 * 1000;
    const Step created = put(u"a"_s, u"%1:4:bob"_s.arg(1000 + hour), u"bob's"_s);
    QVERIFY(store.apply(created.op, created.from));

    Annotation edit = *store.annotation(u"a"_s);
    edit.text = u"alice's"_s;
    const AnnotationOp op = store.put(edit);
    QCOMPARE(op.annotation.id, u"a"_s);
    QVERIFY(op.annotation.clock > created.op.annotation.clock);
    QCOMPARE(store.annotation(u"a"_s)->text, u"alice's"_s);
    QCOMPARE(store.annotation(u"a"_s)->author, u"bob"_s);

    AnnotationStore bob(u"bob"_s, fixedWall);
    bob.apply(created.op, created.from);
    QVERIFY(bob.apply(op, u"alice"_s));
    QCOMPARE(bob.snapshot(), store.snapshot());
}

void tst_AnnotationStore::localRemoveLeavesATombstone()
{
    AnnotationStore store(u"alice"_s, fixedWall);
    QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Step created = put(u"a"_s, u"900:0:bob"_s, u"note"_s);
    store.apply(created.op, created.from);
    QSignalSpy removedSpy(&store, &AnnotationStore::annotationRemoved);

    const AnnotationOp op = store.remove(u"a"_s);
    QCOMPARE(op.kind, Kind::Delete);
    QCOMPARE(op.annotation.id, u"a"_s);
    // Receiving bob's op at wall 1000 was an event at 1000:0.
    QCOMPARE(op.annotation.clock.toString(), u"1000:1:alice"_s);
    QCOMPARE(removedSpy.size(), 1);
    QVERIFY(!store.annotation(u"a"_s));
    QCOMPARE(store.rowCount(), 0);
    // Only id, clock and author survive the delete.
    QCOMPARE(store.snapshot().annotations,
             QList<Annotation> { tombstone(u"a"_s, u"1000:1:alice"_s, u"bob"_s) });

    // Removing again is a new op that changes nothing visible.
    removedSpy.clear();
    store.remove(u"a"_s);
    QCOMPARE(removedSpy.size(), 0);
}

void tst_AnnotationStore::farFutureClockIsStoredButNotFollowed()
{
    // A peer whose clock is two days ahead: its op is a valid op and must win everywhere alike
    // (otherwise replicas diverge), but our clock does not jump forward with it.
    AnnotationStore store(u"alice"_s, fixedWall);
    const qint64 twoDays = 2 * 24 * 3600 * 1000;
    const Step future = put(u"a"_s, u"%1:0:bob"_s.arg(1000 + twoDays), u"from the future"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^ignoring remote clock"_s));
    QVERIFY(store.apply(future.op, future.from));
    QCOMPARE(store.clock().rejectedRemoteCount(), quint64(1));

    Annotation other;
    other.text = u"mine"_s;
    QCOMPARE(store.put(other).annotation.clock.toString(), u"1000:0:alice"_s);

    // Editing the future annotation loses until the wall clock catches up; the op is still
    // returned, and the loss logged.
    Annotation edit = *store.annotation(u"a"_s);
    edit.text = u"edited"_s;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"lost to a clock from the future"_s));
    store.put(edit);
    QCOMPARE(store.annotation(u"a"_s)->text, u"from the future"_s);
}

void tst_AnnotationStore::snapshotRoundTripIsIdempotent()
{
    AnnotationStore a(u"alice"_s, fixedWall);
    const QList<Step> steps { put(u"x"_s, u"100:0:bob"_s, u"x1"_s, 10),
                              put(u"y"_s, u"110:0:carol"_s, u"y1"_s, 5),
                              put(u"z"_s, u"120:0:bob"_s, u"z1"_s, 7),
                              del(u"z"_s, u"130:0:carol"_s), del(u"w"_s, u"140:0:bob"_s) };
    for (const Step &s : steps)
        a.apply(s.op, s.from);
    const Snapshot snapshot = a.snapshot();
    QCOMPARE(snapshot.annotations.size(), 4); // tombstones included
    QStringList ids;
    for (const Annotation &an : snapshot.annotations)
        ids << an.id;
    QCOMPARE(ids, (QStringList { u"w"_s, u"x"_s, u"y"_s, u"z"_s }));

    AnnotationStore b(u"bob"_s, fixedWall);
    QAbstractItemModelTester tester(&b, QAbstractItemModelTester::FailureReportingMode::QtTest);
    b.merge(snapshot);
    QCOMPARE(b.snapshot(), snapshot);
    QCOMPARE(b.visible(), a.visible());
    verifyRows(b);

    // Merging the same snapshot again, or b's own, or replaying the ops changes nothing and
    // signals nothing.
    QSignalSpy changedSpy(&b, &AnnotationStore::annotationChanged);
    QSignalSpy removedSpy(&b, &AnnotationStore::annotationRemoved);
    QSignalSpy dataSpy(&b, &AnnotationStore::dataChanged);
    QSignalSpy insertSpy(&b, &AnnotationStore::rowsInserted);
    QSignalSpy resetSpy(&b, &AnnotationStore::modelReset);
    b.merge(snapshot);
    b.merge(b.snapshot());
    for (const Step &s : steps)
        QVERIFY(!b.apply(s.op, s.from));
    QCOMPARE(b.snapshot(), snapshot);
    QCOMPARE(changedSpy.size() + removedSpy.size() + dataSpy.size() + insertSpy.size()
                 + resetSpy.size(),
             0);

    // b's clock moved past everything it merged.
    Annotation fresh;
    QVERIFY(b.put(fresh).annotation.clock > clk(u"140:0:bob"_s));
}

void tst_AnnotationStore::snapshotAuthorIsTakenAsGiven()
{
    // We only saw bob's edit; a keeper that saw the creation says carol created it.
    AnnotationStore store(u"alice"_s, fixedWall);
    const Step edit = put(u"a"_s, u"200:0:bob"_s, u"edited"_s);
    store.apply(edit.op, edit.from);
    QCOMPARE(store.annotation(u"a"_s)->author, u"bob"_s);

    Annotation entry = edit.op.annotation;
    entry.author = u"carol"_s;
    QSignalSpy dataSpy(&store, &AnnotationStore::dataChanged);
    store.merge(Snapshot { { entry } });
    QCOMPARE(store.annotation(u"a"_s)->author, u"carol"_s);
    QCOMPARE(dataSpy.size(), 1);

    // An older op arriving afterwards does not override what the snapshot said...
    const Step creation = by(put(u"a"_s, u"100:0:carol"_s, u"first"_s), u"dave"_s);
    QVERIFY(!store.apply(creation.op, creation.from));
    QCOMPARE(store.annotation(u"a"_s)->author, u"carol"_s);

    // ...and a snapshot without an author leaves it alone.
    entry.author.clear();
    store.merge(Snapshot { { entry } });
    QCOMPARE(store.annotation(u"a"_s)->author, u"carol"_s);
}

void tst_AnnotationStore::snapshotTombstones_data()
{
    QTest::addColumn<QList<Step>>("ops");
    QTest::addColumn<Annotation>("entry"); // merged after the ops
    QTest::addColumn<QString>("text"); // of "a" afterwards; empty: not visible

    QTest::addRow("newer tombstone deletes")
        << QList<Step> { put(u"a"_s, u"100:0:bob"_s, u"x"_s) }
        << tombstone(u"a"_s, u"200:0:carol"_s, u"bob"_s) << QString();
    QTest::addRow("older tombstone loses")
        << QList<Step> { put(u"a"_s, u"300:0:bob"_s, u"x"_s) }
        << tombstone(u"a"_s, u"200:0:carol"_s, u"bob"_s) << u"x"_s;
    Annotation revived = put(u"a"_s, u"300:0:carol"_s, u"back"_s).op.annotation;
    revived.author = u"bob"_s;
    QTest::addRow("newer put in a snapshot revives")
        << QList<Step> { put(u"a"_s, u"100:0:bob"_s, u"x"_s), del(u"a"_s, u"200:0:bob"_s) }
        << revived << u"back"_s;
    // A tombstone's leftover fields are not trusted: it stays a bare tombstone.
    Annotation dirty = tombstone(u"a"_s, u"200:0:carol"_s, u"bob"_s);
    dirty.text = u"leftover"_s;
    QTest::addRow("tombstone fields are dropped") << QList<Step> {} << dirty << QString();
}

void tst_AnnotationStore::snapshotTombstones()
{
    QFETCH(QList<Step>, ops);
    QFETCH(Annotation, entry);
    QFETCH(QString, text);

    AnnotationStore store(u"alice"_s, fixedWall);
    QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const Step &s : std::as_const(ops))
        store.apply(s.op, s.from);
    store.merge(Snapshot { { entry } });
    const auto a = store.annotation(u"a"_s);
    QCOMPARE(a ? a->text : QString(), text);
    verifyRows(store);

    // The same result when the snapshot comes first.
    AnnotationStore other(u"bob"_s, fixedWall);
    other.merge(Snapshot { { entry } });
    for (const Step &s : std::as_const(ops))
        other.apply(s.op, s.from);
    QCOMPARE(other.snapshot(), store.snapshot());
    if (!a) {
        const Annotation t = store.snapshot().annotations.value(0);
        QVERIFY(t.deleted);
        QVERIFY(t.text.isEmpty());
    }
}

void tst_AnnotationStore::firstSnapshotResetsAnEmptyModel()
{
    AnnotationStore source(u"keeper"_s, fixedWall);
    for (int i = 0; i < 20; ++i) {
        const Step s = put(u"id%1"_s.arg(i, 2, 10, QChar(u'0')), u"%1:0:bob"_s.arg(100 + i),
                           u"n%1"_s.arg(i), 1000 - i);
        source.apply(s.op, s.from);
    }
    AnnotationStore store(u"alice"_s, fixedWall);
    QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resetSpy(&store, &AnnotationStore::modelReset);
    QSignalSpy insertSpy(&store, &AnnotationStore::rowsInserted);
    QSignalSpy changedSpy(&store, &AnnotationStore::annotationChanged);
    store.merge(source.snapshot());
    QCOMPARE(resetSpy.size(), 1);
    QCOMPARE(insertSpy.size(), 0);
    QCOMPARE(changedSpy.size(), 20);
    QCOMPARE(store.rowCount(), 20);
    QCOMPARE(store.index(0).data(AnnotationStore::IdRole).toString(), u"id19"_s); // smallest t0
    verifyRows(store);

    // A small snapshot into a populated model changes rows one by one.
    const Step extra = put(u"new"_s, u"500:0:carol"_s, u"late"_s, 1);
    const Step gone = del(u"id05"_s, u"500:0:carol"_s);
    AnnotationStore delta(u"x"_s, fixedWall);
    delta.apply(extra.op, extra.from);
    delta.apply(gone.op, gone.from);
    QSignalSpy removeSpy(&store, &AnnotationStore::rowsRemoved);
    store.merge(delta.snapshot());
    QCOMPARE(resetSpy.size(), 1);
    QCOMPARE(insertSpy.size(), 1);
    QCOMPARE(removeSpy.size(), 1);
    QCOMPARE(store.rowCount(), 20);
    verifyRows(store);
}

void tst_AnnotationStore::rowsStaySortedAndMove()
{
    AnnotationStore store(u"alice"_s, fixedWall);
    QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<Step> steps { put(u"c"_s, u"100:0:bob"_s, u"c"_s, 30),
                              put(u"a"_s, u"101:0:bob"_s, u"a"_s, 10),
                              put(u"b"_s, u"102:0:bob"_s, u"b"_s, 20),
                              put(u"b2"_s, u"103:0:bob"_s, u"b2"_s, 20) };
    for (const Step &s : steps)
        store.apply(s.op, s.from);
    const auto ids = [&store] {
        QStringList result;
        for (int row = 0; row < store.rowCount(); ++row)
            result << store.index(row).data(AnnotationStore::IdRole).toString();
        return result;
    };
    QCOMPARE(ids(), (QStringList { u"a"_s, u"b"_s, u"b2"_s, u"c"_s }));

    QSignalSpy moveSpy(&store, &AnnotationStore::rowsMoved);
    QSignalSpy dataSpy(&store, &AnnotationStore::dataChanged);
    const Step later = put(u"a"_s, u"200:0:carol"_s, u"a moved"_s, 25);
    QVERIFY(store.apply(later.op, later.from));
    QCOMPARE(ids(), (QStringList { u"b"_s, u"b2"_s, u"a"_s, u"c"_s }));
    QCOMPARE(moveSpy.size(), 1);
    QCOMPARE(dataSpy.size(), 1);
    QCOMPARE(dataSpy.at(0).at(0).toModelIndex().row(), 2);

    const Step earliest = put(u"c"_s, u"201:0:carol"_s, u"c first"_s, 0);
    QVERIFY(store.apply(earliest.op, earliest.from));
    QCOMPARE(ids(), (QStringList { u"c"_s, u"b"_s, u"b2"_s, u"a"_s }));
    QCOMPARE(moveSpy.size(), 2);

    // Same t0: no move, just data.
    const Step text = put(u"b2"_s, u"202:0:carol"_s, u"b2 edited"_s, 20);
    QVERIFY(store.apply(text.op, text.from));
    QCOMPARE(moveSpy.size(), 2);
    QCOMPARE(store.index(2).data().toString(), u"b2 edited"_s);
    verifyRows(store);
}

void tst_AnnotationStore::roles_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QVariant>("region"); // for the region annotation
    QTest::addColumn<QVariant>("point"); // for the point annotation on every panel

    QTest::addRow("display") << int(Qt::DisplayRole) << "display"_ba << QVariant(u"spike"_s)
                             << QVariant(u"deploy"_s);
    QTest::addRow("id") << int(AnnotationStore::IdRole) << "id"_ba << QVariant(u"r"_s)
                        << QVariant(u"p"_s);
    QTest::addRow("panel") << int(AnnotationStore::PanelRole) << "panel"_ba
                           << QVariant(u"host/cpu"_s) << QVariant();
    QTest::addRow("t0") << int(AnnotationStore::T0Role) << "t0"_ba << QVariant(qint64(100))
                        << QVariant(qint64(200));
    QTest::addRow("t1") << int(AnnotationStore::T1Role) << "t1"_ba << QVariant(qint64(160))
                        << QVariant();
    QTest::addRow("text") << int(AnnotationStore::TextRole) << "text"_ba << QVariant(u"spike"_s)
                          << QVariant(u"deploy"_s);
    QTest::addRow("tags") << int(AnnotationStore::TagsRole) << "tags"_ba
                          << QVariant(QStringList { u"incident"_s, u"db"_s })
                          << QVariant(QStringList {});
    QTest::addRow("color") << int(AnnotationStore::ColorRole) << "color"_ba
                           << QVariant(u"#e5484d"_s) << QVariant(u"#f5a524"_s);
    QTest::addRow("author") << int(AnnotationStore::AuthorRole) << "author"_ba << QVariant(u"bob"_s)
                            << QVariant(u"carol"_s);
    QTest::addRow("clock") << int(AnnotationStore::ClockRole) << "clock"_ba
                           << QVariant(u"100:0:bob"_s) << QVariant(u"101:0:carol"_s);
    QTest::addRow("isRegion") << int(AnnotationStore::IsRegionRole) << "isRegion"_ba
                              << QVariant(true) << QVariant(false);
}

void tst_AnnotationStore::roles()
{
    QFETCH(int, role);
    QFETCH(QByteArray, name);
    QFETCH(QVariant, region);
    QFETCH(QVariant, point);

    AnnotationStore store(u"alice"_s, fixedWall);
    QAbstractItemModelTester tester(&store, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Step r = put(u"r"_s, u"100:0:bob"_s, u"spike"_s, 100);
    r.op.annotation.panel = u"host/cpu"_s;
    r.op.annotation.t1 = 160;
    r.op.annotation.tags = QStringList { u"incident"_s, u"db"_s };
    r.op.annotation.color = u"#e5484d"_s;
    Step p = put(u"p"_s, u"101:0:carol"_s, u"deploy"_s, 200);
    p.op.annotation.color = u"#f5a524"_s;
    store.apply(r.op, r.from);
    store.apply(p.op, p.from);

    QCOMPARE(store.roleNames().value(role), name);
    QCOMPARE(store.index(0).data(role), region);
    QCOMPARE(store.index(1).data(role), point);
}

void tst_AnnotationStore::allTags()
{
    AnnotationStore store(u"alice"_s, fixedWall);
    Step a = put(u"a"_s, u"100:0:bob"_s, u"a"_s);
    a.op.annotation.tags = QStringList { u"deploy"_s, u"DB"_s };
    Step b = put(u"b"_s, u"101:0:bob"_s, u"b"_s);
    b.op.annotation.tags = QStringList { u"deploy"_s, u"alpha"_s };
    Step c = put(u"c"_s, u"102:0:bob"_s, u"c"_s);
    c.op.annotation.tags = QStringList { u"gone"_s };
    for (const Step &s : { a, b, c })
        store.apply(s.op, s.from);
    const Step removed = del(u"c"_s, u"103:0:bob"_s);
    store.apply(removed.op, removed.from);
    QCOMPARE(store.allTags(), (QStringList { u"alpha"_s, u"DB"_s, u"deploy"_s }));
}

// ---- randomized convergence ---------------------------------------------------------------

namespace {

// Several writers edit concurrently, each seeing only part of the others' ops; the ops then
// reach replicas in shuffled orders with duplicates, some only inside keepers' snapshots.
class Simulation
{
public:
    struct Writer
    {
        QString userId;
        qint64 skew = 0; // ms ahead of the shared time
        std::unique_ptr<AnnotationStore> store;
        QList<bool> received; // by op index
    };
    struct Op
    {
        Step step;
        QString creator; // the creating writer of the op's annotation
    };

    Simulation(quint32 seed, int writers)
        : m_random(seed)
    {
        static const QList<qint64> skews { 0, 0, 7, -4, 3, -9 };
        for (int i = 0; i < writers; ++i) {
            auto w = std::make_unique<Writer>();
            w->userId = u"writer%1"_s.arg(i);
            w->skew = skews.at(i % skews.size());
            const Writer *raw = w.get();
            w->store = std::make_unique<AnnotationStore>(w->userId,
                                                         [this, raw] { return m_now + raw->skew; });
            m_writers.push_back(std::move(w));
        }
    }

    QRandomGenerator &random() { return m_random; }
    qint64 now() const { return m_now; }
    const QList<Op> &ops() const { return m_ops; }
    Writer &writer(int i) { return *m_writers.at(i); }
    int writerCount() const { return int(m_writers.size()); }
    int sameClockPairs() const { return m_sameClockPairs; }

    void run(int actions)
    {
        for (int i = 0; i < actions; ++i) {
            m_now += qint64(m_random.bounded(3)); // many ops share a millisecond
            Writer &w = *m_writers.at(m_random.bounded(int(m_writers.size())));
            catchUp(w, 0.5);
            const int action = int(m_random.bounded(100));
            if (action < 25 || w.store->snapshot().annotations.isEmpty())
                create(w);
            else if (action < 60)
                edit(w, pickKnownId(w));
            else if (action < 80)
                record(w, w.store->remove(pickKnownId(w)));
            else
                concurrentEdits();
        }
    }

    // Receive each op not yet seen with the given probability, in shuffled order.
    void catchUp(Writer &w, double probability)
    {
        QList<int> pending;
        for (int i = 0; i < m_ops.size(); ++i) {
            if (!w.received.value(i) && m_random.generateDouble() < probability)
                pending << i;
        }
        shuffle(pending);
        for (int i : std::as_const(pending)) {
            w.store->apply(m_ops.at(i).step.op, m_ops.at(i).step.from);
            markReceived(w, i);
        }
    }

    // The state every replica must reach: per id the op with the greatest clock (all clocks
    // differ: each writer's HLC is strictly monotonic, node ids differ), author its creator.
    Snapshot expected() const
    {
        QMap<QString, Op> winners;
        for (const Op &op : m_ops) {
            const QString &id = op.step.op.annotation.id;
            const auto it = winners.constFind(id);
            if (it == winners.constEnd()
                || op.step.op.annotation.clock > it->step.op.annotation.clock)
                winners.insert(id, op);
        }
        Snapshot result;
        for (const Op &op : std::as_const(winners)) {
            Annotation a = op.step.op.annotation;
            if (op.step.op.kind == Kind::Delete)
                a = tombstone(a.id, a.clock.toString(), op.creator);
            a.author = op.creator;
            result.annotations << a;
        }
        return result;
    }

    template<typename T> void shuffle(QList<T> &list)
    {
        for (qsizetype i = list.size() - 1; i > 0; --i)
            list.swapItemsAt(i, qsizetype(m_random.bounded(quint64(i + 1))));
    }

private:
    QString pickKnownId(const Writer &w)
    {
        const Snapshot known = w.store->snapshot(); // tombstones too: editing one revives it
        return known.annotations.at(m_random.bounded(int(known.annotations.size()))).id;
    }

    void randomize(Annotation &a)
    {
        static const QStringList words { u"deploy"_s, u"spike"_s,    u"rollback"_s,
                                         u"db"_s,     u"incident"_s, u"ok"_s };
        a.t0 = 1000 + qint64(m_random.bounded(20)) * 10; // collisions exercise the id order
        a.t1 = m_random.bounded(3) == 0 ? std::optional<qint64>(a.t0 + 50) : std::nullopt;
        a.panel = m_random.bounded(2) ? std::optional<QString>(u"host/cpu"_s) : std::nullopt;
        a.text = words.at(m_random.bounded(int(words.size()))) + u' '
            + QString::number(m_random.bounded(1000));
        a.tags.clear();
        for (const QString &tag : { u"deploy"_s, u"incident"_s, u"db"_s }) {
            if (m_random.bounded(3) == 0)
                a.tags << tag;
        }
        a.color = m_random.bounded(2) ? u"#e5484d"_s : u"#f5a524"_s;
    }

    void create(Writer &w)
    {
        Annotation a;
        randomize(a);
        // From the seed, not QUuid: snapshots are in id order and ops are picked from them, so
        // random ids made a seed's run differ from one test run to the next.
        a.id = u"%1-%2"_s.arg(uint(m_random.generate()), 8, 16, QChar(u'0')).arg(m_creators.size());
        const AnnotationOp op = w.store->put(a);
        m_creators.insert(op.annotation.id, w.userId);
        record(w, op);
    }

    void edit(Writer &w, const QString &id)
    {
        Annotation a = w.store->annotation(id).value_or(Annotation {});
        a.id = id;
        randomize(a);
        record(w, w.store->put(a));
    }

    // Two writers with the same wall time edit the same annotation without seeing each other:
    // equal physical time and counter, so the node id decides.
    void concurrentEdits()
    {
        QList<int> zeroSkew;
        for (int i = 0; i < int(m_writers.size()); ++i) {
            if (m_writers.at(i)->skew == 0)
                zeroSkew << i;
        }
        if (zeroSkew.size() < 2)
            return;
        Writer &a = *m_writers.at(zeroSkew.at(0));
        Writer &b = *m_writers.at(zeroSkew.at(1));
        catchUp(a, 1.0);
        catchUp(b, 1.0);
        if (a.store->snapshot().annotations.isEmpty())
            return;
        const QString id = pickKnownId(a);
        m_now += 50; // past anything either clock has observed
        edit(a, id);
        edit(b, id);
        const HlcTimestamp ca = m_ops.at(m_ops.size() - 2).step.op.annotation.clock;
        const HlcTimestamp cb = m_ops.last().step.op.annotation.clock;
        if (ca.physicalMs == cb.physicalMs && ca.counter == cb.counter)
            ++m_sameClockPairs;
    }

    void record(Writer &w, const AnnotationOp &op)
    {
        m_ops << Op { Step { op, w.userId }, m_creators.value(op.annotation.id) };
        markReceived(w, int(m_ops.size()) - 1);
    }

    static void markReceived(Writer &w, int index)
    {
        if (w.received.size() <= index)
            w.received.resize(index + 1);
        w.received[index] = true;
    }

    QRandomGenerator m_random;
    qint64 m_now = 1'795'400'000'000;
    std::vector<std::unique_ptr<Writer>> m_writers;
    QList<Op> m_ops;
    QHash<QString, QString> m_creators;
    int m_sameClockPairs = 0;
};

} // namespace

void tst_AnnotationStore::randomizedConvergence_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("writers");
    QTest::addColumn<int>("actions");
    QTest::addColumn<int>("replicas");

    for (quint32 seed = 1; seed <= 30; ++seed)
        QTest::addRow("seed %u: 3 writers, 150 edits, 4 replicas", seed) << seed << 3 << 150 << 4;
    for (quint32 seed = 101; seed <= 108; ++seed)
        QTest::addRow("seed %u: 5 writers, 300 edits, 3 replicas", seed) << seed << 5 << 300 << 3;
    QTest::addRow("seed 9001: 4 writers, 800 edits, 2 replicas") << 9001u << 4 << 800 << 2;
    QTest::addRow("seed 7: 2 writers, 40 edits, 6 replicas") << 7u << 2 << 40 << 6;
}

void tst_AnnotationStore::randomizedConvergence()
{
    QFETCH(quint32, seed);
    QFETCH(int, writers);
    QFETCH(int, actions);
    QFETCH(int, replicas);

    Simulation sim(seed, writers);
    sim.run(actions);
    const Snapshot expected = sim.expected();
    const QList<Simulation::Op> &ops = sim.ops();
    QVERIFY(ops.size() >= actions);
    QVERIFY(sim.sameClockPairs() > 0 || writers < 2);
    // The stream must contain what it is meant to exercise: revivals (a put ordered after a
    // delete of the same id) and node-id tie-breaks.
    QMap<QString, QList<const Simulation::Op *>> history;
    for (const Simulation::Op &op : ops)
        history[op.step.op.annotation.id] << &op;
    int revivals = 0;
    for (auto &list : history) {
        std::sort(list.begin(), list.end(), [](const auto *x, const auto *y) {
            return x->step.op.annotation.clock < y->step.op.annotation.clock;
        });
        for (qsizetype i = 1; i < list.size(); ++i) {
            if (list.at(i - 1)->step.op.kind == Kind::Delete
                && list.at(i)->step.op.kind == Kind::Put)
                ++revivals;
        }
    }
    QVERIFY(revivals > 0);
    const qsizetype deleted
        = std::count_if(expected.annotations.cbegin(), expected.annotations.cend(),
                        [](const Annotation &a) { return a.deleted; });
    QVERIFY2(deleted > 0 && deleted < expected.annotations.size(), "a trivial expectation");

    // About one op in six reaches replicas only through one of two keepers' snapshots. A keeper
    // also holds the creating op of whatever it holds (it saw the annotation being created) and
    // a random share of the rest.
    QRandomGenerator &random = sim.random();
    QList<bool> snapshotOnly(ops.size());
    QList<QList<int>> keeperOps(2);
    QHash<QString, int> creationOp;
    for (int i = 0; i < ops.size(); ++i) {
        const Annotation &a = ops.at(i).step.op.annotation;
        if (!creationOp.contains(a.id))
            creationOp.insert(a.id, i);
    }
    for (int i = 0; i < ops.size(); ++i) {
        snapshotOnly[i] = random.bounded(6) == 0;
        const int keeper = int(random.bounded(2));
        if (snapshotOnly[i] || random.bounded(3) == 0) {
            keeperOps[keeper] << i;
            keeperOps[keeper] << creationOp.value(ops.at(i).step.op.annotation.id);
        }
    }
    QList<Snapshot> keeperSnapshots;
    for (int k = 0; k < 2; ++k) {
        AnnotationStore keeper(u"keeper%1"_s.arg(k), [&sim] { return sim.now(); });
        sim.shuffle(keeperOps[k]);
        for (int i : std::as_const(keeperOps[k]))
            keeper.apply(ops.at(i).step.op, ops.at(i).step.from);
        keeperSnapshots << keeper.snapshot();
    }

    // Deliveries: an op index, or -1 - k for keeper k's snapshot.
    const auto deliveryPlan = [&] {
        QList<int> plan;
        for (int i = 0; i < ops.size(); ++i) {
            if (snapshotOnly.at(i))
                continue;
            plan << i;
            if (random.bounded(4) == 0)
                plan << i; // a duplicate
            if (random.bounded(20) == 0)
                plan << i;
        }
        for (int k = 0; k < 2; ++k) {
            plan << -1 - k;
            if (random.bounded(2))
                plan << -1 - k;
        }
        sim.shuffle(plan);
        return plan;
    };

    const auto deliver = [&](AnnotationStore &store, const QList<int> &plan) {
        QSet<int> seen;
        for (int d : plan) {
            if (d < 0) {
                store.merge(keeperSnapshots.at(-1 - d));
                continue;
            }
            const Step &step = ops.at(d).step;
            const QString &id = step.op.annotation.id;
            const auto before = store.annotation(id);
            const bool changed = store.apply(step.op, step.from);
            QCOMPARE(changed, store.annotation(id) != before);
            if (seen.contains(d))
                QVERIFY2(!changed, "a duplicate op changed the state");
            seen.insert(d);
        }
    };

    QList<Snapshot> results;
    for (int r = 0; r < replicas; ++r) {
        AnnotationStore replica(u"replica%1"_s.arg(r),
                                [&sim, r] { return sim.now() - 1000 + r * 300; });
        QAbstractItemModelTester tester(&replica,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        deliver(replica, deliveryPlan());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(replica.snapshot(), expected);
        verifyRows(replica);
        // Its clock now beats every clock it merged: a local edit wins.
        Annotation edit = replica.visible().value(0);
        const AnnotationOp op = replica.put(edit);
        for (const Annotation &a : expected.annotations)
            QVERIFY(op.annotation.clock > a.clock);
    }

    // The writers themselves converge once they have everything.
    for (int w = 0; w < sim.writerCount(); ++w) {
        Simulation::Writer &writer = sim.writer(w);
        QAbstractItemModelTester tester(writer.store.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        writer.store->merge(keeperSnapshots.at(w % 2));
        sim.catchUp(writer, 1.0);
        QCOMPARE(writer.store->snapshot(), expected);
        verifyRows(*writer.store);
    }

    // A late joiner that gets nothing but one converged snapshot.
    AnnotationStore lateJoiner(u"late"_s, [&sim] { return sim.now(); });
    QAbstractItemModelTester tester(&lateJoiner,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    lateJoiner.merge(expected);
    QCOMPARE(lateJoiner.snapshot(), expected);
    verifyRows(lateJoiner);
}

QTEST_MAIN(tst_AnnotationStore)
#include "tst_annotationstore.moc"
