// The keeper suite, run once against SQLite (a temporary file) and once against a real
// PostgreSQL server the test starts in a temporary directory (WATCHROOM_KEEPER_BACKEND selects;
// ctest registers both). Every test gets a fresh database.
//
// `tst_keeper --durability-child <database> <board>` is the child of ackedOpsSurviveKill9: it
// submits ops without pause and prints "acked <id>" for each completion, until it is killed.
#include "annotationrepository.h"
#include "annotationstore.h"
#include "keeper.h"
#include "postgresfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using wr::AnnotationRepository;
using wr::DatabaseSettings;
using wr::Keeper;
using wr::KeeperConfig;
using wr::KeeperResult;
namespace session = wr::session;

namespace {

constexpr int kTimeoutMs = 30000;
constexpr qint64 kBaseMs = 1'790'000'000'000; // a fixed "now" for fake clocks

session::AnnotationOp put(const QString &id, qint64 ms, quint32 counter, const QString &node,
                          const QString &text = {}, qint64 t0 = 1'000)
{
    session::AnnotationOp op;
    op.kind = session::AnnotationOp::Kind::Put;
    op.annotation.id = id;
    op.annotation.clock = { ms, counter, node };
    op.annotation.text = text.isEmpty() ? u"note %1"_s.arg(id) : text;
    op.annotation.t0 = t0;
    op.annotation.tags = { u"deploy"_s };
    op.annotation.color = u"#f5a524"_s;
    return op;
}

session::AnnotationOp del(const QString &id, qint64 ms, quint32 counter, const QString &node)
{
    session::AnnotationOp op;
    op.kind = session::AnnotationOp::Kind::Delete;
    op.annotation.id = id;
    op.annotation.clock = { ms, counter, node };
    op.annotation.deleted = true;
    return op;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Collects completions.
struct Results
{
    QList<KeeperResult> list;
    Keeper::Completion add()
    {
        return [this](const KeeperResult &r) { list.append(r); };
    }
    int failures() const
    {
        return int(std::count_if(list.begin(), list.end(), [](const KeeperResult &r) { return !r.ok; }));
    }
};

QString sortedIds(const session::Snapshot &s)
{
    QStringList ids;
    for (const auto &a : s.annotations)
        ids.append(a.id + (a.deleted ? u"(x)"_s : QString()));
    ids.sort();
    return ids.join(u',');
}

int runDurabilityChild(const QStringList &args)
{
    if (args.size() < 4)
        return 2;
    QString error;
    const auto settings = DatabaseSettings::fromUrl(args.at(2), &error);
    if (!settings)
        return 3;
    KeeperConfig config;
    config.database = *settings;
    Keeper keeper(config);
    if (!keeper.open(&error)) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
        return 4;
    }
    const QString board = args.at(3);
    int next = 0;
    std::function<void()> submitOne;
    submitOne = [&] {
        const QString id = u"d%1"_s.arg(next++);
        keeper.submit(board, put(id, nowMs(), 0, u"child"_s, u"durable "_s + id), u"child"_s,
                      [&, id](const KeeperResult &r) {
                          if (r.ok) {
                              std::fprintf(stdout, "acked %s\n", qPrintable(id));
                              std::fflush(stdout);
                          }
                          if (next < 200000)
                              submitOne();
                      });
    };
    for (int i = 0; i < 32; ++i)
        submitOne();
    QTimer::singleShot(120s, qApp, &QCoreApplication::quit); // the parent died: give up
    return QCoreApplication::exec();
}

} // namespace

class TestKeeper : public QObject
{
    Q_OBJECT

public:
    explicit TestKeeper(DatabaseSettings::Backend backend)
        : m_backend(backend)
    { }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void migratesAnEmptyDatabaseAndReopens();
    void refusesANewerSchema();
    void failedMigrationStepRollsBack();
    void mergeIsOrderIndependent();
    void tombstonesPersistAndLoseToNewerPuts();
    void invalidOpsFailWithAReason_data();
    void invalidOpsFailWithAReason();
    void groupCommitBatchesOpsArrivingDuringACommit();
    void burstOfSubmitsIsOneTransaction();
    void ackedOpsSurviveKill9();
    void retentionByCountAndAge();
    void retentionAppliesAtStartup();
    void exportImportRoundTrip();
    void importMergesByClock();
    void importsTheFixtureFile();
    void importRejectsBadDocuments_data();
    void importRejectsBadDocuments();
    void snapshotForSplitsUnder64KiB();
    void databaseFailureFailsCompletionAndRecovers();
    void closeCommitsWhatIsPending();
    void unreadableRowsAreSkippedOnLoad();

private:
    bool postgres() const { return m_backend == DatabaseSettings::Backend::Postgres; }
    KeeperConfig config() const;
    std::unique_ptr<Keeper> openKeeper(const KeeperConfig &config);
    std::unique_ptr<Keeper> openKeeper() { return openKeeper(config()); }
    AnnotationRepository::BoardRegisters readBack();
    // A plain connection to the test's database, for what the keeper would never do.
    QSqlDatabase direct();
    bool waitIdle(Keeper &keeper);
    QList<KeeperResult> submitAll(Keeper &keeper, const QString &board,
                                  const QList<session::AnnotationOp> &ops);

    DatabaseSettings::Backend m_backend;
    PostgresFixture m_pg;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_database; // URL or path of the current test's database
    int m_counter = 0;
    qint64 m_fakeNow = kBaseMs;
};

void TestKeeper::initTestCase()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    if (postgres()) {
        if (const QString why = PostgresFixture::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
    }
}

void TestKeeper::cleanupTestCase()
{
    QString error;
    QVERIFY2(m_pg.stop(&error), qPrintable(error));
}

void TestKeeper::init()
{
    ++m_counter;
    m_fakeNow = kBaseMs;
    if (postgres()) {
        // One database, emptied before each test: CREATE DATABASE copies and fsyncs a template
        // every time, which made the server's shutdown checkpoint slow.
        QVERIFY(m_pg.isRunning());
        m_database = m_pg.url(u"keeper"_s);
        if (m_counter == 1) {
            QString error;
            QVERIFY2(m_pg.createDatabase(u"keeper"_s, &error), qPrintable(error));
        }
        QSqlQuery q(direct());
        QVERIFY(q.exec(u"SET client_min_messages TO warning"_s));
        QVERIFY2(q.exec(u"DROP SCHEMA public CASCADE"_s) && q.exec(u"CREATE SCHEMA public"_s),
                 qPrintable(q.lastError().text()));
    } else {
        m_database = m_tmp->filePath(u"keeper-%1.db"_s.arg(m_counter));
    }
}

void TestKeeper::cleanup()
{
    if (QSqlDatabase::contains(u"tst-keeper-direct"_s))
        QSqlDatabase::removeDatabase(u"tst-keeper-direct"_s);
}

KeeperConfig TestKeeper::config() const
{
    QString error;
    KeeperConfig c;
    c.database = *DatabaseSettings::fromUrl(m_database, &error);
    c.retryBase = 20ms;
    c.retryCap = 200ms;
    return c;
}

std::unique_ptr<Keeper> TestKeeper::openKeeper(const KeeperConfig &config)
{
    auto keeper = std::make_unique<Keeper>(config);
    QString error;
    if (!keeper->open(&error)) {
        qWarning("open failed: %s", qPrintable(error));
        return nullptr;
    }
    return keeper;
}

AnnotationRepository::BoardRegisters TestKeeper::readBack()
{
    AnnotationRepository repository(config().database);
    AnnotationRepository::BoardRegisters out;
    QString error;
    if (!repository.loadAll(&out, &error))
        qWarning("read back failed: %s", qPrintable(error));
    return out;
}

QSqlDatabase TestKeeper::direct()
{
    const QString name = u"tst-keeper-direct"_s;
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    const DatabaseSettings s = config().database;
    QSqlDatabase db = QSqlDatabase::addDatabase(postgres() ? u"QPSQL"_s : u"QSQLITE"_s, name);
    if (postgres()) {
        db.setHostName(s.host);
        db.setPort(s.port);
        db.setUserName(s.userName);
        db.setDatabaseName(s.databaseName);
    } else {
        db.setDatabaseName(s.sqlitePath);
    }
    if (!db.open())
        qWarning("direct connection failed: %s", qPrintable(db.lastError().text()));
    return db;
}

bool TestKeeper::waitIdle(Keeper &keeper)
{
    return QTest::qWaitFor(
        [&] {
            const auto s = keeper.stats();
            return !s.commitInFlight && s.pendingCompletions == 0 && s.dirtyRegisters == 0;
        },
        kTimeoutMs);
}

QList<KeeperResult> TestKeeper::submitAll(Keeper &keeper, const QString &board,
                                          const QList<session::AnnotationOp> &ops)
{
    Results results;
    for (const auto &op : ops)
        keeper.submit(board, op, op.annotation.clock.node, results.add());
    if (!QTest::qWaitFor([&] { return results.list.size() == ops.size(); }, kTimeoutMs))
        qWarning("only %lld of %lld completions arrived", qint64(results.list.size()), qint64(ops.size()));
    return results.list;
}

// ---- schema ---------------------------------------------------------------------------------

void TestKeeper::migratesAnEmptyDatabaseAndReopens()
{
    {
        AnnotationRepository repository(config().database);
        QString error;
        QVERIFY2(repository.open(&error), qPrintable(error));
        QCOMPARE(repository.versionAtOpen(), 0);
        QCOMPARE(repository.schemaVersion(), AnnotationRepository::kSchemaVersion);
    }
    {
        auto keeper = openKeeper();
        QVERIFY(keeper);
        const auto results = submitAll(*keeper, u"main"_s, { put(u"a"_s, nowMs(), 0, u"alice"_s) });
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.first().ok, qPrintable(results.first().error));
    }
    AnnotationRepository reopened(config().database);
    QString error;
    QVERIFY2(reopened.open(&error), qPrintable(error));
    QCOMPARE(reopened.versionAtOpen(), AnnotationRepository::kSchemaVersion);
    auto keeper = openKeeper();
    QVERIFY(keeper);
    QCOMPARE(keeper->visibleCount(u"main"_s), 1);
    QCOMPARE(keeper->snapshot(u"main"_s).annotations.first().author, u"alice"_s);

    QSqlQuery q(direct());
    QVERIFY(q.exec(u"SELECT COUNT(*), MAX(version) FROM schema_version"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(q.value(1).toInt(), AnnotationRepository::kSchemaVersion);
}

void TestKeeper::refusesANewerSchema()
{
    {
        auto keeper = openKeeper();
        QVERIFY(keeper);
    }
    QSqlQuery q(direct());
    QVERIFY2(q.exec(u"UPDATE schema_version SET version = %1"_s.arg(
                 AnnotationRepository::kSchemaVersion + 1)),
             qPrintable(q.lastError().text()));
    Keeper keeper(config());
    QString error;
    QVERIFY(!keeper.open(&error));
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
    QVERIFY(!keeper.isOpen());
    QVERIFY(q.exec(u"SELECT version FROM schema_version"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), AnnotationRepository::kSchemaVersion + 1); // left alone
}

void TestKeeper::failedMigrationStepRollsBack()
{
    // An object in the way of step 1's index makes the step fail halfway, after its table.
    QSqlQuery q(direct());
    QVERIFY2(q.exec(u"CREATE TABLE annotations_board_clock (x INTEGER)"_s),
             qPrintable(q.lastError().text()));
    {
        AnnotationRepository repository(config().database);
        QString error;
        QVERIFY(!repository.open(&error));
        QVERIFY2(error.contains(u"migration 1"_s), qPrintable(error));
    }
    QVERIFY(q.exec(u"SELECT version FROM schema_version"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(!q.exec(u"SELECT COUNT(*) FROM annotations"_s)); // the step's table was rolled back
    QVERIFY(q.exec(u"DROP TABLE annotations_board_clock"_s));
    AnnotationRepository repository(config().database);
    QString error;
    QVERIFY2(repository.open(&error), qPrintable(error));
    QCOMPARE(repository.schemaVersion(), AnnotationRepository::kSchemaVersion);
}

// ---- merging --------------------------------------------------------------------------------

void TestKeeper::mergeIsOrderIndependent()
{
    QRandomGenerator rng(4242);
    const QStringList users { u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s };
    const qint64 base = nowMs() - 60'000;
    QList<session::AnnotationOp> ops;
    for (int i = 0; i < 400; ++i) {
        const QString id = u"n%1"_s.arg(rng.bounded(25));
        const QString user = users.at(rng.bounded(int(users.size())));
        const qint64 ms = base + rng.bounded(40);
        const quint32 counter = rng.bounded(3);
        if (rng.bounded(100) < 25)
            ops.append(del(id, ms, counter, user));
        else
            ops.append(put(id, ms, counter, user, u"v%1 by %2"_s.arg(i).arg(user), rng.bounded(1000)));
    }
    wr::AnnotationStore reference(u"reference"_s);
    for (const auto &op : std::as_const(ops))
        reference.apply(op, op.annotation.clock.node);
    const session::Snapshot expected = reference.snapshot();
    QVERIFY(expected.annotations.size() > 15);

    const QStringList boards { u"order-0"_s, u"order-1"_s, u"order-2"_s, u"order-3"_s };
    {
        auto keeper = openKeeper();
        QVERIFY(keeper);
        for (int b = 0; b < boards.size(); ++b) {
            QList<session::AnnotationOp> shuffled = ops;
            if (b > 0) {
                for (int i = 0; i < 80; ++i) // duplicates
                    shuffled.append(ops.at(rng.bounded(int(ops.size()))));
                std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());
            }
            const auto results = submitAll(*keeper, boards.at(b), shuffled);
            QCOMPARE(results.size(), shuffled.size());
            QCOMPARE(std::count_if(results.begin(), results.end(), [](auto &r) { return !r.ok; }), 0);
            QCOMPARE(keeper->snapshot(boards.at(b)), expected);
        }
    }
    const auto stored = readBack();
    auto keeper = openKeeper(); // and loaded again from the database
    QVERIFY(keeper);
    for (const QString &board : boards) {
        QVERIFY(stored.count(board));
        session::Snapshot fromDb { stored.at(board) };
        std::sort(fromDb.annotations.begin(), fromDb.annotations.end(),
                  [](const auto &a, const auto &b) { return a.id < b.id; });
        QCOMPARE(fromDb, expected);
        QCOMPARE(keeper->snapshot(board), expected);
    }
}

void TestKeeper::tombstonesPersistAndLoseToNewerPuts()
{
    const qint64 t = nowMs();
    {
        auto keeper = openKeeper();
        QVERIFY(keeper);
        auto results = submitAll(*keeper, u"b"_s,
                                 { put(u"x"_s, t, 0, u"alice"_s), del(u"x"_s, t + 10, 0, u"bob"_s),
                                   del(u"never-put"_s, t, 0, u"bob"_s) });
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.at(1).changed, 1);
    }
    {
        const auto stored = readBack();
        QCOMPARE(sortedIds({ stored.at(u"b"_s) }), u"never-put(x),x(x)"_s);
        auto keeper = openKeeper();
        QVERIFY(keeper);
        QCOMPARE(keeper->visibleCount(u"b"_s), 0);
        // Older than the tombstone: stays deleted, and is acknowledged (it is durable: lost).
        auto results = submitAll(*keeper, u"b"_s, { put(u"x"_s, t + 5, 0, u"carol"_s) });
        QVERIFY(results.first().ok);
        QCOMPARE(results.first().changed, 0);
        QCOMPARE(keeper->visibleCount(u"b"_s), 0);
        // Newer: revives.
        results = submitAll(*keeper, u"b"_s, { put(u"x"_s, t + 20, 0, u"carol"_s, u"back"_s) });
        QCOMPARE(results.first().changed, 1);
    }
    auto keeper = openKeeper();
    QVERIFY(keeper);
    QCOMPARE(keeper->visibleCount(u"b"_s), 1);
    const auto x = keeper->snapshot(u"b"_s).annotations.last();
    QCOMPARE(x.id, u"x"_s);
    QCOMPARE(x.text, u"back"_s);
    QVERIFY(!x.deleted);
}

void TestKeeper::invalidOpsFailWithAReason_data()
{
    QTest::addColumn<QString>("board");
    QTest::addColumn<session::AnnotationOp>("op");
    QTest::addColumn<QString>("reason");
    const qint64 t = nowMs();
    QTest::addRow("bad board") << u"no spaces"_s << put(u"a"_s, t, 0, u"u"_s) << u"board"_s;
    QTest::addRow("empty id") << u"b"_s << put(QString(), t, 0, u"u"_s) << u"id"_s;
    QTest::addRow("no clock") << u"b"_s << put(u"a"_s, 0, 0, QString()) << u"clock"_s;
    QTest::addRow("clock two days ahead")
        << u"b"_s << put(u"a"_s, t + 2 * 86'400'000, 0, u"u"_s) << u"ahead"_s;
    QTest::addRow("text too long")
        << u"b"_s << put(u"a"_s, t, 0, u"u"_s, QString(2001, u'x')) << u"text"_s;
    auto tags = put(u"a"_s, t, 0, u"u"_s);
    for (int i = 0; i < 17; ++i)
        tags.annotation.tags.append(u"t%1"_s.arg(i));
    QTest::addRow("17 tags") << u"b"_s << tags << u"tags"_s;
    auto backwards = put(u"a"_s, t, 0, u"u"_s);
    backwards.annotation.t1 = backwards.annotation.t0 - 1;
    QTest::addRow("t1 before t0") << u"b"_s << backwards << u"t1"_s;
    auto colour = put(u"a"_s, t, 0, u"u"_s);
    colour.annotation.color = u"red"_s;
    QTest::addRow("bad colour") << u"b"_s << colour << u"colour"_s;
}

void TestKeeper::invalidOpsFailWithAReason()
{
    QFETCH(QString, board);
    QFETCH(session::AnnotationOp, op);
    QFETCH(QString, reason);
    auto keeper = openKeeper();
    QVERIFY(keeper);
    const auto results = submitAll(*keeper, board, { op });
    QCOMPARE(results.size(), 1);
    QVERIFY(!results.first().ok);
    QVERIFY2(results.first().error.contains(reason), qPrintable(results.first().error));
    QVERIFY(keeper->boards().isEmpty());
    QCOMPARE(keeper->stats().rejected, 1u);
    QVERIFY(readBack().empty());
}

// ---- group commit and durability ------------------------------------------------------------

void TestKeeper::groupCommitBatchesOpsArrivingDuringACommit()
{
    auto keeper = openKeeper();
    QVERIFY(keeper);
    QSignalSpy committed(keeper.get(), &Keeper::committed);

    // Hold the write lock from another connection, so the first commit waits in the database.
    QSqlDatabase locker = direct();
    QSqlQuery lock(locker);
    if (postgres()) {
        QVERIFY(lock.exec(u"BEGIN"_s));
        QVERIFY2(lock.exec(u"LOCK TABLE annotations IN EXCLUSIVE MODE"_s),
                 qPrintable(lock.lastError().text()));
    } else {
        QVERIFY2(lock.exec(u"BEGIN IMMEDIATE"_s), qPrintable(lock.lastError().text()));
    }

    // Each completion checks, from a separate connection, that its op is already committed.
    const QString reader = u"tst-keeper-reader"_s;
    QSqlDatabase readDb = QSqlDatabase::cloneDatabase(locker, reader);
    QVERIFY(readDb.open());
    int notYetVisible = 0;
    Results results;
    const auto check = [&](const QString &id) {
        return [&, id](const KeeperResult &r) {
            QSqlQuery q(readDb);
            q.prepare(u"SELECT COUNT(*) FROM annotations WHERE board = ? AND id = ?"_s);
            q.addBindValue(u"gc"_s);
            q.addBindValue(id);
            if (!q.exec() || !q.next() || q.value(0).toInt() != 1)
                ++notYetVisible;
            results.list.append(r);
        };
    };

    const qint64 t = nowMs();
    keeper->submit(u"gc"_s, put(u"first"_s, t, 0, u"u"_s), u"u"_s, check(u"first"_s));
    QTRY_VERIFY_WITH_TIMEOUT(keeper->stats().commitInFlight, kTimeoutMs);
    for (int i = 0; i < 500; ++i)
        keeper->submit(u"gc"_s, put(u"op%1"_s.arg(i), t, 0, u"u"_s), u"u"_s, check(u"op%1"_s.arg(i)));
    QCOMPARE(keeper->stats().pendingCompletions, 501);
    QCOMPARE(results.list.size(), 0); // nothing acknowledged while the commit cannot finish

    QVERIFY(lock.exec(u"COMMIT"_s));
    QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 501, kTimeoutMs);
    QCOMPARE(results.failures(), 0);
    QCOMPARE(notYetVisible, 0);
    QCOMPARE(committed.size(), 2); // one transaction for the first op, one for the other 500
    QCOMPARE(committed.at(0).at(0).toInt(), 1);
    QCOMPARE(committed.at(1).at(0).toInt(), 500);
    QCOMPARE(committed.at(1).at(1).toInt(), 500);
    QCOMPARE(keeper->stats().largestBatch, 500);
    readDb.close();
    readDb = QSqlDatabase();
    QSqlDatabase::removeDatabase(reader);
}

void TestKeeper::burstOfSubmitsIsOneTransaction()
{
    auto keeper = openKeeper();
    QVERIFY(keeper);
    const quint64 before = keeper->stats().transactions;
    QList<session::AnnotationOp> ops;
    const qint64 t = nowMs();
    for (int i = 0; i < 2000; ++i)
        ops.append(put(u"burst%1"_s.arg(i), t, quint32(i), u"u"_s));
    const auto results = submitAll(*keeper, u"burst"_s, ops);
    QCOMPARE(results.size(), 2000);
    QCOMPARE(std::count_if(results.begin(), results.end(), [](auto &r) { return r.ok; }), 2000);
    QCOMPARE(keeper->stats().transactions - before, 1u);
    QCOMPARE(readBack().at(u"burst"_s).size(), 2000);
}

void TestKeeper::ackedOpsSurviveKill9()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                { u"--durability-child"_s, m_database, u"dur"_s });
    QVERIFY2(child.waitForStarted(kTimeoutMs), qPrintable(child.errorString()));
    QByteArray out;
    const auto ackedCount = [&] { return out.count("acked "); };
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += child.readAllStandardOutput();
            return ackedCount() >= 2000 || child.state() != QProcess::Running;
        },
        60000));
    QCOMPARE(child.state(), QProcess::Running);
    child.kill(); // SIGKILL, with commits in flight
    QVERIFY(child.waitForFinished(kTimeoutMs));
    out += child.readAllStandardOutput();
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    QSet<QString> acked;
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith("acked ") && line.size() > 6)
            acked.insert(QString::fromUtf8(line.mid(6)));
    }
    QVERIFY(acked.size() >= 2000);
    const auto stored = readBack();
    QVERIFY(stored.count(u"dur"_s));
    QHash<QString, session::Annotation> byId;
    for (const auto &a : stored.at(u"dur"_s))
        byId.insert(a.id, a);
    QStringList missing;
    for (const QString &id : std::as_const(acked)) {
        const auto it = byId.constFind(id);
        if (it == byId.constEnd() || it->text != u"durable "_s + id || it->author != u"child"_s)
            missing.append(id);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"%1 acked ops lost, e.g. %2"_s.arg(missing.size())
                                               .arg(missing.mid(0, 5).join(u','))));
    qInfo("%lld ops acknowledged before SIGKILL, %lld stored", qint64(acked.size()),
          qint64(byId.size()));
}

// ---- retention ------------------------------------------------------------------------------

void TestKeeper::retentionByCountAndAge()
{
    KeeperConfig c = config();
    c.wallClock = [this] { return m_fakeNow; };
    c.maxAge = 1h;
    c.maxCountPerBoard = 3;
    c.retentionInterval = 0ms; // applied by hand below
    auto keeper = openKeeper(c);
    QVERIFY(keeper);
    QList<session::AnnotationOp> ops;
    for (int i = 1; i <= 5; ++i)
        ops.append(put(u"r%1"_s.arg(i), m_fakeNow - 50 * 60'000 + i, 0, u"u"_s));
    QCOMPARE(submitAll(*keeper, u"ret"_s, ops).size(), 5);

    keeper->applyRetention();
    QVERIFY(waitIdle(*keeper));
    QCOMPARE(keeper->visibleCount(u"ret"_s), 3);
    QCOMPARE(sortedIds(keeper->snapshot(u"ret"_s)), u"r1(x),r2(x),r3,r4,r5"_s);
    QCOMPARE(sortedIds({ readBack().at(u"ret"_s) }), u"r1(x),r2(x),r3,r4,r5"_s);
    QCOMPARE(keeper->stats().retentionEvicted, 2u);

    // An op older than the newest evicted write still loses to the tombstone.
    auto results = submitAll(*keeper, u"ret"_s, { put(u"r1"_s, m_fakeNow - 50 * 60'000, 0, u"u"_s) });
    QCOMPARE(results.first().changed, 0);

    m_fakeNow += 2 * 3'600'000; // everything is now older than an hour
    keeper->applyRetention();
    QVERIFY(waitIdle(*keeper));
    QVERIFY(!keeper->boards().contains(u"ret"_s));
    QVERIFY(readBack().empty());

    // An op older than max age is acknowledged but not stored.
    results = submitAll(*keeper, u"ret"_s, { put(u"old"_s, m_fakeNow - 2 * 3'600'000, 0, u"u"_s) });
    QVERIFY(results.first().ok);
    QCOMPARE(results.first().changed, 0);
    QVERIFY(readBack().empty());
    QCOMPARE(keeper->stats().expired, 1u);
}

void TestKeeper::retentionAppliesAtStartup()
{
    {
        KeeperConfig c = config();
        c.wallClock = [this] { return m_fakeNow; };
        auto keeper = openKeeper(c);
        QVERIFY(keeper);
        submitAll(*keeper, u"s"_s,
                  { put(u"old"_s, m_fakeNow - 3 * 86'400'000LL, 0, u"u"_s),
                    put(u"new"_s, m_fakeNow - 60'000, 0, u"u"_s) });
    }
    QCOMPARE(readBack().at(u"s"_s).size(), 2);
    KeeperConfig c = config();
    c.wallClock = [this] { return m_fakeNow; };
    c.maxAge = std::chrono::hours(24);
    auto keeper = openKeeper(c);
    QVERIFY(keeper);
    QCOMPARE(sortedIds(keeper->snapshot(u"s"_s)), u"new"_s);
    QCOMPARE(sortedIds({ readBack().at(u"s"_s) }), u"new"_s); // already when open() returned
}

// ---- export / import ------------------------------------------------------------------------

void TestKeeper::exportImportRoundTrip()
{
    auto keeper = openKeeper();
    QVERIFY(keeper);
    const qint64 t = nowMs();
    auto region = put(u"z"_s, t, 0, u"carol"_s, u"région ✓"_s);
    region.annotation.t1 = region.annotation.t0 + 60'000;
    region.annotation.panel = u"host/cpu"_s;
    submitAll(*keeper, u"src"_s,
              { put(u"x"_s, t, 0, u"alice"_s), put(u"y"_s, t, 1, u"bob"_s),
                del(u"y"_s, t, 2, u"alice"_s), region });
    const QByteArray exported = keeper->exportBoard(u"src"_s);
    const QJsonObject doc = QJsonDocument::fromJson(exported).object();
    QCOMPARE(doc.value("board"_L1).toString(), u"src"_s);
    QCOMPARE(doc.value("annotations"_L1).toArray().size(), 3);

    Results results;
    keeper->importBoard(u"dst"_s, exported, results.add());
    QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, kTimeoutMs);
    QVERIFY2(results.list.first().ok, qPrintable(results.list.first().error));
    QCOMPARE(results.list.first().changed, 3);
    QCOMPARE(keeper->snapshot(u"dst"_s), keeper->snapshot(u"src"_s));
    keeper.reset();
    keeper = openKeeper();
    QVERIFY(keeper);
    QCOMPARE(keeper->snapshot(u"dst"_s), keeper->snapshot(u"src"_s));
    QCOMPARE(keeper->snapshot(u"dst"_s).annotations.last().text, u"région ✓"_s);
}

void TestKeeper::importMergesByClock()
{
    auto keeper = openKeeper();
    QVERIFY(keeper);
    const qint64 t = nowMs();
    submitAll(*keeper, u"src"_s, { put(u"x"_s, t, 0, u"a"_s, u"old"_s), put(u"w"_s, t, 0, u"a"_s) });
    submitAll(*keeper, u"dst"_s, { put(u"x"_s, t + 100, 0, u"a"_s, u"newer"_s) });
    Results results;
    keeper->importBoard(u"dst"_s, keeper->exportBoard(u"src"_s), results.add());
    QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, kTimeoutMs);
    QVERIFY(results.list.first().ok);
    QCOMPARE(results.list.first().changed, 1); // w; x keeps the newer text
    QCOMPARE(keeper->snapshot(u"dst"_s).annotations.at(1).text, u"newer"_s);
    QCOMPARE(sortedIds({ readBack().at(u"dst"_s) }), u"w,x"_s);
}

void TestKeeper::importsTheFixtureFile()
{
    QFile file(QFINDTESTDATA("../data/keeper/export-v1.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto keeper = openKeeper();
    QVERIFY(keeper);
    Results results;
    keeper->importBoard(u"imported"_s, file.readAll(), results.add());
    QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, kTimeoutMs);
    QVERIFY2(results.list.first().ok, qPrintable(results.list.first().error));
    const session::Snapshot s = keeper->snapshot(u"imported"_s);
    QCOMPARE(sortedIds(s), u"deploy-42,gone(x),spike-1"_s);
    QCOMPARE(s.annotations.at(0).author, u"alice"_s);
    QCOMPARE(s.annotations.at(0).t1, std::optional<qint64>());
    QCOMPARE(s.annotations.at(2).panel, std::optional<QString>(u"host-alpha/cpu.usage"_s));
    QCOMPARE(s.annotations.at(2).t1, std::optional<qint64>(1795400060000));
    QCOMPARE(readBack().at(u"imported"_s).size(), 3);
}

void TestKeeper::importRejectsBadDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::addRow("not json") << "{\"type\": \"snap"_ba << u"not JSON"_s;
    QTest::addRow("array") << "[]"_ba << u"object"_s;
    QTest::addRow("metrics") << R"({"type":"metrics","v":1,"series":[]})"_ba << u"snapshot"_s;
    QTest::addRow("bad entry")
        << R"({"type":"snapshot","v":1,"annotations":[{"id":"a","clock":"nope","t0":1}]})"_ba
        << u"clock"_s;
    QTest::addRow("text too long")
        << QByteArray(R"({"type":"snapshot","v":1,"annotations":[{"id":"a","clock":"1:0:u","t0":1,"text":")"
                      + QByteArray(2001, 'x') + "\"}]}")
        << u"text"_s;
    QTest::addRow("too large") << QByteArray(300 * 1024, ' ') << u"larger"_s;
}

void TestKeeper::importRejectsBadDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    KeeperConfig c = config();
    c.maxImportBytes = 256 * 1024;
    auto keeper = openKeeper(c);
    QVERIFY(keeper);
    Results results;
    keeper->importBoard(u"dst"_s, json, results.add());
    QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, kTimeoutMs);
    QVERIFY(!results.list.first().ok);
    QVERIFY2(results.list.first().error.contains(reason), qPrintable(results.list.first().error));
    QVERIFY(keeper->boards().isEmpty());
    QVERIFY(readBack().empty());
}

void TestKeeper::snapshotForSplitsUnder64KiB()
{
    auto keeper = openKeeper();
    QVERIFY(keeper);
    QCOMPARE(keeper->snapshotFor(u"nothing"_s).size(), 1); // a late joiner still gets an answer
    QVERIFY(keeper->snapshotFor(u"nothing"_s).first().value("annotations"_L1).toArray().isEmpty());
    QList<session::AnnotationOp> ops;
    for (int i = 0; i < 300; ++i)
        ops.append(put(u"big%1"_s.arg(i, 3, 10, QChar(u'0')), nowMs(), 0, u"u"_s, QString(1500, u'é')));
    submitAll(*keeper, u"big"_s, ops);
    const QList<QJsonObject> messages = keeper->snapshotFor(u"big"_s);
    QVERIFY(messages.size() >= 7);
    wr::AnnotationStore joiner(u"joiner"_s);
    for (const QJsonObject &m : messages) {
        const QByteArray bytes = QJsonDocument(m).toJson(QJsonDocument::Compact);
        QVERIFY(bytes.size() <= session::kMaxMessageBytes);
        const auto decoded = session::decode(bytes);
        QVERIFY2(decoded.ok(), qPrintable(decoded.error));
        joiner.merge(std::get<session::Snapshot>(*decoded.message));
    }
    QCOMPARE(joiner.snapshot(), keeper->snapshot(u"big"_s));
}

// ---- failures -------------------------------------------------------------------------------

void TestKeeper::databaseFailureFailsCompletionAndRecovers()
{
    KeeperConfig c = config();
    c.database.lockTimeout = 300ms;
    auto keeper = openKeeper(c);
    QVERIFY(keeper);
    QSignalSpy failedSpy(keeper.get(), &Keeper::commitFailed);
    const qint64 t = nowMs();

    QSqlQuery lock;
    if (postgres()) {
        QString error;
        QVERIFY2(m_pg.stop(&error), qPrintable(error)); // the server goes away mid-run
    } else {
        // As root, file permissions do not stop SQLite; another writer holding the lock past
        // the busy timeout does, the same way for everyone.
        lock = QSqlQuery(direct());
        QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));
    }
    Results results;
    keeper->submit(u"f"_s, put(u"during"_s, t, 0, u"u"_s), u"u"_s, results.add());
    QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 1, kTimeoutMs);
    QVERIFY(!results.list.first().ok);
    QVERIFY(!results.list.first().error.isEmpty());
    qInfo("failure reported: %s", qPrintable(results.list.first().error));
    QVERIFY(failedSpy.size() >= 1);
    QCOMPARE(keeper->visibleCount(u"f"_s), 1); // memory keeps it; a retry will persist it

    if (postgres()) {
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
    } else {
        QVERIFY(lock.exec(u"COMMIT"_s));
    }
    keeper->submit(u"f"_s, put(u"after"_s, t, 0, u"u"_s), u"u"_s, results.add());
    QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 2, kTimeoutMs);
    QVERIFY2(results.list.last().ok, qPrintable(results.list.last().error));
    QVERIFY(waitIdle(*keeper));
    QCOMPARE(sortedIds({ readBack().at(u"f"_s) }), u"after,during"_s);
}

void TestKeeper::closeCommitsWhatIsPending()
{
    Results results;
    {
        auto keeper = openKeeper();
        QVERIFY(keeper);
        for (int i = 0; i < 50; ++i)
            keeper->submit(u"c"_s, put(u"c%1"_s.arg(i), nowMs(), 0, u"u"_s), u"u"_s, results.add());
        keeper->close(); // no event loop turn in between
        QCOMPARE(results.list.size(), 50);
        QCOMPARE(results.failures(), 0);
        keeper->submit(u"c"_s, put(u"late"_s, nowMs(), 0, u"u"_s), u"u"_s, results.add());
        QTRY_COMPARE_WITH_TIMEOUT(results.list.size(), 51, kTimeoutMs);
        QVERIFY(!results.list.last().ok);
    }
    QCOMPARE(readBack().at(u"c"_s).size(), 50);
}

void TestKeeper::unreadableRowsAreSkippedOnLoad()
{
    {
        auto keeper = openKeeper();
        QVERIFY(keeper);
        submitAll(*keeper, u"u"_s, { put(u"good"_s, nowMs(), 0, u"u"_s), put(u"bad"_s, nowMs(), 0, u"u"_s) });
    }
    QSqlQuery q(direct());
    QVERIFY(q.exec(u"UPDATE annotations SET fields = 'not json' WHERE id = 'bad'"_s));
    auto keeper = openKeeper();
    QVERIFY(keeper);
    QCOMPARE(sortedIds(keeper->snapshot(u"u"_s)), u"good"_s);
    QCOMPARE(keeper->stats().skippedRowsAtLoad, 1);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 2 && qstrcmp(argv[1], "--durability-child") == 0)
        return runDurabilityChild(app.arguments());
    const bool pg = qEnvironmentVariable("WATCHROOM_KEEPER_BACKEND") == "postgresql"_L1;
    TestKeeper test(pg ? DatabaseSettings::Backend::Postgres : DatabaseSettings::Backend::Sqlite);
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keeper.moc"
