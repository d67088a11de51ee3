#pragma once

// Helpers shared by the metric-source benchmarks.

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtGlobal>

#include <ctime>
#include <memory>

namespace wr::bench {

inline bool quick()
{
    return qEnvironmentVariableIntValue("BENCH_QUICK") != 0;
}

// CPU time of this process, all threads, in seconds.
inline double processCpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

// Starts /usr/bin/prometheus-node-exporter on a free loopback port; null if unavailable.
inline std::unique_ptr<QProcess> startNodeExporter(quint16 *port,
                                                   const QStringList &extraArgs = {})
{
    const QString binary = QStringLiteral("/usr/bin/prometheus-node-exporter");
    if (!QFile::exists(binary))
        return nullptr;
    for (int attempt = 0; attempt < 5; ++attempt) {
        quint16 candidate = 0;
        {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0))
                return nullptr;
            candidate = probe.serverPort();
        }
        auto process = std::make_unique<QProcess>();
        process->setStandardOutputFile(QProcess::nullDevice());
        process->setStandardErrorFile(QProcess::nullDevice());
        process->start(binary, QStringList { QStringLiteral("--web.listen-address=127.0.0.1:%1")
                                                     .arg(candidate) }
                                       + extraArgs);
        if (!process->waitForStarted(5000))
            return nullptr;
        for (int i = 0; i < 100 && process->state() == QProcess::Running; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, candidate);
            if (socket.waitForConnected(100)) {
                *port = candidate;
                return process;
            }
            process->waitForFinished(50);
        }
        process->kill();
        process->waitForFinished(2000);
    }
    return nullptr;
}

} // namespace wr::bench
