#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <array>

namespace wr {

// Counters the relay exports on /metrics (Prometheus text format 0.0.4). Plain integers:
// everything runs on the relay's one thread.
struct RelayMetrics
{
    quint64 connectionsOpened = 0;
    quint64 connectionsClosed = 0;
    quint64 messagesReceived = 0; // client frames
    quint64 messagesDelivered = 0; // frames written to client sockets (data messages)
    quint64 bytesReceived = 0;
    quint64 bytesSent = 0;
    quint64 restRequests = 0;
    quint64 recoveries = 0;
    quint64 recoveriesRejected = 0;
    quint64 sessionsExpired = 0;
    quint64 authFailures = 0;
    quint64 malformedMessages = 0;
    quint64 oversizedMessages = 0;
    quint64 droppedSlowConsumer = 0; // fire-and-forget messages not sent to a slow reader
    quint64 droppedWhileRecovering = 0; // fire-and-forget messages for a detached session
    quint64 sessionsDroppedOverflow = 0;
    quint64 replayEvictions = 0; // old fire-and-forget messages no longer kept for a recovery
    quint64 badHttpRequests = 0;
    QHash<QString, quint64> failedAcks; // by error name
    // Abuse limits (docs/security.md): connections closed (message_rate, byte_rate) and
    // requests refused (connections_per_address, invite_failures, source_token_failures), by
    // reason.
    quint64 limitClosesMessageRate = 0;
    quint64 limitClosesByteRate = 0;
    quint64 limitClosesMalformed = 0;
    quint64 limitRefusalsConnections = 0;
    quint64 limitRefusalsInvites = 0;
    quint64 limitRefusalsSourceTokens = 0;

    // Fan-out latency: from a frame's arrival to its last recipient write being queued.
    static constexpr std::array<double, 12> kLatencyBounds { 0.00005, 0.0001, 0.00025, 0.0005,
                                                             0.001,   0.0025, 0.005,   0.01,
                                                             0.025,   0.05,   0.1,     1.0 };
    std::array<quint64, kLatencyBounds.size() + 1> latencyBuckets {};
    double latencySum = 0;
    quint64 latencyCount = 0;

    void observeLatency(double seconds);
    void countFailedAck(const QString &errorName) { ++failedAcks[errorName]; }

    struct Gauges
    {
        qint64 connections = 0; // attached sockets
        qint64 sessions = 0; // including detached, recoverable sessions
        qint64 groups = 0;
        qint64 bufferedMessages = 0; // un-acked reliable messages held
        qint64 pendingSendBytes = 0; // bytes queued on client sockets
    };
    QByteArray toPrometheusText(const Gauges &gauges) const;
};

} // namespace wr
