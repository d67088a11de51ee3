#include "boardservices.h"

#include "hostsampler.h"
#include "keeper.h"
#include "logging.h"
#include "metricstore.h"
#include "redact.h"
#include "relayconfig.h"
#include "scraper.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QPointer>

#include <limits>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

// "<board>.<suffix>" → board, when the board part is a valid board name.
QString boardOf(const QString &group, QLatin1StringView suffix)
{
    if (group.size() <= suffix.size() + 1 || !group.endsWith(suffix)
        || group.at(group.size() - suffix.size() - 1) != u'.')
        return {};
    const QString board = group.left(group.size() - suffix.size() - 1);
    return session::isValidBoardName(board) ? board : QString();
}

// The compact encoding of a metrics frame must fit in one transport frame, with room for the
// group message around it.
constexpr qsizetype kMetricsMessageBudget = session::kMaxMetricsFrameBytes - 4096;
// Boards with a metric history; more boards than this get no backfill.
constexpr size_t kMaxHistoryBoards = 64;

} // namespace

QString keeperLockPath(const QString &sqlitePath)
{
    return sqlitePath + u".lock"_s;
}

BoardServices::BoardServices(HubService *hub, QString defaultHub, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_defaultHub(std::move(defaultHub))
{ }

BoardServices::~BoardServices()
{
    stop();
    if (m_keeper)
        m_keeper->close();
}

bool BoardServices::configure(const RelayConfig &config, QString *error)
{
    if (config.keeperEnabled()) {
        QString why;
        KeeperConfig keeperConfig;
        if (!keeperConfigFor(config, &keeperConfig, &why)) {
            *error = why;
            return false;
        }
        const DatabaseSettings &database = keeperConfig.database;
        if (database.backend == DatabaseSettings::Backend::Sqlite) {
            // One keeper owns a database: a second relay, or an offline import, on the same
            // file would write behind this keeper's in-memory state.
            auto lock = std::make_unique<QLockFile>(keeperLockPath(database.sqlitePath));
            QDir().mkpath(QFileInfo(database.sqlitePath).absolutePath());
            if (!lock->tryLock(0)) {
                *error = u"the keeper's database %1 is in use by another watchroom-relay "
                         "process (lock file %2)"_s.arg(database.displayName(),
                                                        keeperLockPath(database.sqlitePath));
                return false;
            }
            m_databaseLock = std::move(lock);
        }
        auto keeper = std::make_unique<Keeper>(keeperConfig);
        if (!keeper->open(&why)) {
            *error = u"cannot open the keeper's database %1: %2"_s.arg(database.displayName(), why);
            return false;
        }
        qCInfo(lcRelay) << "keeper on" << database.displayName();
        m_keeper = std::move(keeper);
        m_backfillMs = qint64(config.backfillMinutes) * 60 * 1000;
    }

    for (const QString &board : config.hostSamplerBoards) {
        sources::HostSamplerOptions options;
        options.intervalMs = config.hostSamplerIntervalMs;
        auto *sampler = new sources::HostSampler(options, nullptr, this);
        sampler->setProperty("board", board);
        m_sources.append(sampler);
    }
    for (const ScrapeConfig &scrape : config.scrapeTargets) {
        sources::ScrapeTarget target;
        target.name = scrape.name;
        target.url = scrape.url;
        target.intervalMs = scrape.intervalMs;
        target.timeoutMs = scrape.timeoutMs;
        target.allowNames = scrape.allowNames;
        target.allowPatterns = scrape.allowPatterns;
        target.extraLabels = scrape.labels;
        if (const QString why = target.validate(); !why.isEmpty()) {
            *error = u"scrape target '%1': %2"_s.arg(scrape.name, why);
            return false;
        }
        if (!m_network)
            m_network = new QNetworkAccessManager(this);
        auto *scraper = new sources::Scraper(target, m_network, this);
        scraper->setProperty("board", scrape.board);
        m_sources.append(scraper);
    }
    for (sources::MetricSource *source : std::as_const(m_sources)) {
        const QString board = source->property("board").toString();
        connect(
            source, &sources::MetricSource::frame, this,
            [this, board](const session::MetricsFrame &frame) { publishMetrics(board, frame); });
        connect(source, &sources::MetricSource::statusChanged, this,
                [source](sources::SourceStatus status, const QString &message) {
                    qCInfo(lcRelay).noquote()
                        << "source" << source->sourceName() << "is" << sources::statusName(status)
                        << redactSecrets(message);
                });
        connect(source, &sources::MetricSource::errorOccurred, this,
                [source](const QString &message) {
                    qCDebug(lcRelay).noquote()
                        << "source" << source->sourceName() << ":" << redactSecrets(message);
                });
    }
    return true;
}

void BoardServices::start()
{
    for (sources::MetricSource *source : std::as_const(m_sources))
        source->start();
}

void BoardServices::stop()
{
    for (sources::MetricSource *source : std::as_const(m_sources))
        source->stop();
}

QList<session::MetricsFrame> BoardServices::split(const session::MetricsFrame &frame) const
{
    // Halve until each part fits; a single series that does not fit is sent alone and left
    // to the transport's limit (sources already split their frames below half of it).
    QList<session::MetricsFrame> out;
    QList<session::MetricsFrame> parts { frame };
    while (!parts.isEmpty()) {
        session::MetricsFrame part = parts.takeFirst();
        if (part.series.size() > 1
            && QJsonDocument(session::encode(part)).toJson(QJsonDocument::Compact).size()
                > kMetricsMessageBudget) {
            const qsizetype half = part.series.size() / 2;
            session::MetricsFrame second { part.source, part.series.mid(half) };
            part.series.resize(half);
            parts.prepend(second);
            parts.prepend(part);
            continue;
        }
        out.append(part);
    }
    return out;
}

int BoardServices::publishMetrics(const QString &board, const session::MetricsFrame &frame)
{
    if (frame.series.isEmpty())
        return 0;
    recordMetrics(board, frame);
    const QString group = session::metricsGroup(board);
    const QList<session::MetricsFrame> parts = split(frame);
    for (const session::MetricsFrame &part : parts) {
        m_hub->sendToGroup(m_defaultHub, group,
                           wps::EncodedData::forGroup(group, std::nullopt, wps::DataType::Json,
                                                      session::encode(part)),
                           {});
        ++m_stats.framesPublished;
    }
    return int(parts.size());
}

void BoardServices::recordMetrics(const QString &board, const session::MetricsFrame &frame)
{
    if (m_backfillMs <= 0)
        return;
    auto it = m_history.find(board);
    if (it == m_history.end()) {
        if (m_history.size() >= kMaxHistoryBoards)
            return;
        auto store = std::make_unique<MetricStore>();
        // Enough for the backfill window at up to 10 points per second per series.
        store->setCapacity(std::max<qsizetype>(600, m_backfillMs / 100));
        it = m_history.emplace(board, std::move(store)).first;
    }
    it->second->apply(frame);
}

void BoardServices::sendBackfill(const QString &hubName, const QString &connectionId,
                                 const QString &board)
{
    const auto it = m_history.find(board);
    if (it == m_history.end())
        return;
    const MetricStore &store = *it->second;
    const qint64 from = QDateTime::currentMSecsSinceEpoch() - m_backfillMs;
    session::MetricsFrame frame;
    frame.source = u"backfill"_s;
    const QStringList ids = store.seriesIds();
    for (const QString &id : ids) {
        const QList<Sample> samples = store.samples(id, from, std::numeric_limits<qint64>::max());
        if (samples.isEmpty())
            continue;
        session::MetricSeries series;
        series.id = id;
        if (const auto info = store.info(id)) {
            if (!info->name.isEmpty())
                series.name = info->name;
            if (!info->unit.isEmpty())
                series.unit = info->unit;
            if (!info->labels.isEmpty())
                series.labels = info->labels;
        }
        series.points.reserve(samples.size());
        for (const Sample &sample : samples)
            series.points.append({ sample.t, sample.value });
        frame.series.append(std::move(series));
    }
    if (frame.series.isEmpty())
        return;
    const QList<session::MetricsFrame> parts = split(frame);
    for (const session::MetricsFrame &part : parts) {
        m_hub->sendToConnection(
            hubName, connectionId,
            wps::EncodedData::forServer(wps::DataType::Json, session::encode(part)));
        ++m_stats.backfillFramesSent;
    }
}

GroupSendOutcome BoardServices::groupSend(const ClientConnection &from,
                                          const wps::SendToGroup &message, const AckCallback &ack)
{
    if (!m_keeper || message.dataType != wps::DataType::Json || !message.data.isObject())
        return GroupSendOutcome::Deliver;
    const QString &group = message.group;
    if (m_backfillMs > 0 && group.endsWith(".metrics"_L1)) {
        // Sources connected over WebSocket: their frames feed the backfill too.
        if (const QString board = boardOf(group, "metrics"_L1); !board.isEmpty()) {
            const session::DecodeResult decoded = session::decode(message.data);
            if (decoded.ok()) {
                if (const auto *frame = std::get_if<session::MetricsFrame>(&*decoded.message))
                    recordMetrics(board, *frame);
            }
        }
        return GroupSendOutcome::Deliver;
    }
    if (group.endsWith(".presence"_L1)) {
        if (message.data.toObject().value("type"_L1).toString() != "sync-request"_L1)
            return GroupSendOutcome::Deliver;
        const QString board = boardOf(group, "presence"_L1);
        if (board.isEmpty())
            return GroupSendOutcome::Deliver;
        // After this frame's handling: the snapshot must not overtake the hub's own work.
        QMetaObject::invokeMethod(
            this,
            [this, hubName = from.hubKey(), id = from.id(), board] {
                answerSyncRequest(hubName, id, board);
            },
            Qt::QueuedConnection);
        return GroupSendOutcome::Deliver;
    }
    if (!group.endsWith(".annotations"_L1))
        return GroupSendOutcome::Deliver;
    const QString board = boardOf(group, "annotations"_L1);
    if (board.isEmpty())
        return GroupSendOutcome::Deliver;
    // Only Watchroom's own messages are the keeper's business; anything else on the group is
    // plain Web PubSub traffic and passes as it would without a keeper.
    const QString type = message.data.toObject().value("type"_L1).toString();
    if (type != "annotation"_L1 && type != "snapshot"_L1)
        return GroupSendOutcome::Deliver;
    const session::DecodeResult decoded = session::decode(message.data);
    if (!decoded.ok()) {
        ++m_stats.opsRejected;
        ack(QString(wps::AckError::BadRequest),
            u"invalid %1 message: %2"_s.arg(type, decoded.error.left(300)));
        return GroupSendOutcome::Refused;
    }
    if (const auto *snapshot = std::get_if<session::Snapshot>(&*decoded.message)) {
        // Peers' snapshots (cloud-style answers) merge into the keeper like ops.
        m_keeper->mergeSnapshot(board, *snapshot, [ack](const KeeperResult &result) {
            ack(result.ok ? QString() : QString(wps::AckError::InternalServerError), result.error);
        });
        return GroupSendOutcome::DeliverAckLater;
    }
    const auto *op = std::get_if<session::AnnotationOp>(&*decoded.message);
    if (!op) {
        ++m_stats.opsRejected;
        ack(QString(wps::AckError::BadRequest),
            u"only annotation and snapshot messages belong on %1"_s.arg(group.left(200)));
        return GroupSendOutcome::Refused;
    }
    if (const QString why
        = Keeper::validate(board, *op, from.userId(), QDateTime::currentMSecsSinceEpoch());
        !why.isEmpty()) {
        ++m_stats.opsRejected;
        ack(QString(wps::AckError::BadRequest), why);
        return GroupSendOutcome::Refused;
    }
    ++m_stats.opsSubmitted;
    // Acknowledged only once committed: an acked op survives kill -9 of the relay.
    m_keeper->submit(board, *op, from.userId(), [ack](const KeeperResult &result) {
        ack(result.ok ? QString() : QString(wps::AckError::InternalServerError), result.error);
    });
    return GroupSendOutcome::DeliverAckLater;
}

void BoardServices::importAnnotations(const QString &board, const QByteArray &json,
                                      std::function<void(const KeeperResult &)> done)
{
    if (!m_keeper) {
        if (done)
            done({ false, u"this relay has no keeper"_s, 0 });
        return;
    }
    m_keeper->importBoard(board, json,
                          [this, guard = QPointer<BoardServices>(this), board,
                           done = std::move(done)](const KeeperResult &result) {
                              // Only after the commit: clients must not see what could be lost.
                              if (guard && result.ok && result.changed > 0)
                                  publishSnapshot(board);
                              if (done)
                                  done(result);
                          });
}

void BoardServices::publishSnapshot(const QString &board)
{
    if (!m_keeper)
        return;
    const QString group = session::annotationsGroup(board);
    const QList<QJsonObject> messages = m_keeper->snapshotFor(board);
    for (const QJsonObject &snapshot : messages) {
        m_hub->sendToGroup(
            m_defaultHub, group,
            wps::EncodedData::forGroup(group, std::nullopt, wps::DataType::Json, snapshot), {});
    }
}

void BoardServices::answerSyncRequest(const QString &hubName, const QString &connectionId,
                                      const QString &board)
{
    if (!m_keeper || !m_hub->connectionExists(hubName, connectionId))
        return;
    const QList<QJsonObject> messages = m_keeper->snapshotFor(board);
    for (const QJsonObject &snapshot : messages) {
        m_hub->sendToConnection(hubName, connectionId,
                                wps::EncodedData::forServer(wps::DataType::Json, snapshot));
    }
    sendBackfill(hubName, connectionId, board);
    ++m_stats.syncRequestsAnswered;
}

} // namespace wr
