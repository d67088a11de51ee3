#include "soaksupport.h"

#include "accessurl.h"
#include "connectionstring.h"
#include "sessionmessages.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <cmath>

#include <dirent.h>
#include <signal.h>

using namespace Qt::StringLiterals;

namespace wrsoak {

RelayProcess::~RelayProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        terminate(3000);
}

bool RelayProcess::start(const QString &program, const QStringList &args, QString *error)
{
    m_process.setProgram(program);
    m_process.setArguments(args);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = u"cannot start %1: %2"_s.arg(program, m_process.errorString());
        return false;
    }
    QByteArray out;
    const QDeadlineTimer deadline(15000);
    while (!out.contains('\n') && !deadline.hasExpired()
           && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        out += m_process.readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n'));
    if (!line.startsWith("Listening on ")) {
        *error = u"the relay did not say where it listens (stdout '%1', stderr '%2')"_s.arg(
            QString::fromUtf8(out), QString::fromUtf8(m_process.readAllStandardError()));
        if (m_process.state() != QProcess::NotRunning)
            kill9();
        return false;
    }
    m_base = QUrl(QString::fromUtf8(line.mid(13).trimmed()) + u'/');
    // The remaining start-up lines are not needed; stdout is drained so the pipe never fills.
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                     [this] { m_process.readAllStandardOutput(); });
    // stderr too: a relay that logs a lot must never block on a full pipe.
    m_stderr = m_process.readAllStandardError();
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
        m_stderr += m_process.readAllStandardError();
        if (m_stderr.size() > 64 * 1024)
            m_stderr = m_stderr.right(64 * 1024);
    });
    return true;
}

void RelayProcess::kill9()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

bool RelayProcess::terminate(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    m_process.terminate();
    if (m_process.waitForFinished(timeoutMs))
        return true;
    kill9();
    return false;
}

qint64 rssKiB(pid_t pid)
{
    QFile file(u"/proc/%1/status"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:")) {
            const QList<QByteArray> parts = line.mid(6).simplified().split(' ');
            bool ok = false;
            const qint64 kib = parts.value(0).toLongLong(&ok);
            return ok ? kib : -1;
        }
    }
    return -1;
}

int openFds(pid_t pid)
{
    const QByteArray path = "/proc/" + QByteArray::number(pid) + "/fd";
    DIR *dir = opendir(path.constData());
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    closedir(dir);
    return count;
}

HttpResult httpGet(const QUrl &url, const QByteArray &bearer, int timeoutMs)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(timeoutMs + 1000);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = u"no answer within %1 ms"_s.arg(timeoutMs);
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError)
            result.error = reply->errorString();
    }
    delete reply;
    return result;
}

QHash<QByteArray, double> parseMetrics(const QByteArray &text)
{
    QHash<QByteArray, double> out;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        if (space <= 0)
            continue;
        bool ok = false;
        const double value = line.mid(space + 1).toDouble(&ok);
        if (ok)
            out.insert(line.left(space), value);
    }
    return out;
}

namespace {

wr::ConnectionString connectionString(const QUrl &base, const QString &accessKey)
{
    wr::ConnectionString cs;
    cs.endpoint = base;
    cs.accessKey = accessKey;
    return cs;
}

} // namespace

QUrl clientUrl(const QUrl &base, const QString &accessKey, const QString &userId,
               const QStringList &roles, const QString &hub)
{
    wr::ClientAccessOptions options;
    options.userId = userId;
    options.roles = roles;
    options.lifetimeSeconds = 6 * 3600;
    return wr::clientAccessFor(connectionString(base, accessKey), hub, options).url;
}

QByteArray adminToken(const QUrl &base, const QString &accessKey, const QString &board)
{
    wr::ClientAccessOptions options;
    options.userId = u"soak-admin"_s;
    options.roles = wr::session::webPubSubRolesFor(u"admin"_s, board);
    return wr::clientAccessFor(connectionString(base, accessKey), u"watchroom"_s, options)
        .token.toUtf8();
}

double median(QList<double> values)
{
    return percentile(std::move(values), 50);
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

} // namespace wrsoak
