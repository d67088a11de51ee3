#pragma once

#include <QByteArray>
#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <sys/types.h>

// Shared by the soak driver (watchroom-soak) and the fault tests (tst_faults): the real
// watchroom-relay executable as a child process, what /proc says about it, and blocking
// loopback HTTP for /healthz, /metrics and the annotation export.
namespace wrsoak {

class RelayProcess
{
public:
    RelayProcess() = default;
    ~RelayProcess();
    RelayProcess(const RelayProcess &) = delete;
    RelayProcess &operator=(const RelayProcess &) = delete;

    // Starts `program args…` and waits (bounded) for its "Listening on <url>" line. The relay
    // should be given `--port`, `--access-key` and `--data-dir` by the caller.
    bool start(const QString &program, const QStringList &args, QString *error);
    void kill9(); // SIGKILL and reap
    bool terminate(int timeoutMs = 5000); // SIGTERM; false when it had to be killed

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    pid_t pid() const { return pid_t(m_process.processId()); }
    quint16 port() const { return quint16(m_base.port()); }
    QUrl baseUrl() const { return m_base; } // http://127.0.0.1:PORT/
    // What the relay wrote to stderr so far (the last 64 KiB).
    QByteArray standardError() const { return m_stderr; }

private:
    QProcess m_process;
    QUrl m_base;
    QByteArray m_stderr;
};

// VmRSS of a process in KiB, -1 when it cannot be read.
qint64 rssKiB(pid_t pid);
// Entries of /proc/<pid>/fd, -1 when it cannot be read.
int openFds(pid_t pid);

struct HttpResult
{
    int status = 0; // 0: no answer (connection failed or timed out)
    QByteArray body;
    QString error;
};

// One GET on a private event loop, bounded by timeoutMs; bearer is added as Authorization.
HttpResult httpGet(const QUrl &url, const QByteArray &bearer = {}, int timeoutMs = 5000);

// Samples without labels (and labelled ones under their full "name{…}" key) of a Prometheus
// text exposition.
QHash<QByteArray, double> parseMetrics(const QByteArray &text);

// A client access URL (ws://…/client/hubs/<hub>?access_token=…) signed with `accessKey`.
QUrl clientUrl(const QUrl &base, const QString &accessKey, const QString &userId,
               const QStringList &roles, const QString &hub = QStringLiteral("watchroom"));
// A bare token with the admin role on `board` (for the REST annotation export).
QByteArray adminToken(const QUrl &base, const QString &accessKey, const QString &board);

// Median of a copy of `values` (0 for none).
double median(QList<double> values);
// The p-th percentile (0–100, nearest rank) of a copy of `values` (0 for none).
double percentile(QList<double> values, double p);

} // namespace wrsoak
