#include "relaymetrics.h"

using namespace Qt::StringLiterals;

namespace wr {

void RelayMetrics::observeLatency(double seconds)
{
    latencySum += seconds;
    ++latencyCount;
    for (size_t i = 0; i < kLatencyBounds.size(); ++i) {
        if (seconds <= kLatencyBounds[i]) {
            ++latencyBuckets[i];
            return;
        }
    }
    ++latencyBuckets.back();
}

namespace {
void metric(QByteArray &out, const char *name, const char *type, const char *help, double value)
{
    out += "# HELP " + QByteArray(name) + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n' + name
        + ' ' + QByteArray::number(value, 'g', 17) + '\n';
}
} // namespace

QByteArray RelayMetrics::toPrometheusText(const Gauges &g) const
{
    QByteArray out;
    out.reserve(4096);
    metric(out, "watchroom_relay_connections", "gauge", "Client WebSockets currently open.",
           double(g.connections));
    metric(out, "watchroom_relay_sessions", "gauge",
           "Client sessions, including dropped reliable sessions that can still recover.",
           double(g.sessions));
    metric(out, "watchroom_relay_groups", "gauge", "Groups with at least one member.",
           double(g.groups));
    metric(out, "watchroom_relay_buffered_messages", "gauge",
           "Reliable messages waiting for a sequenceAck.", double(g.bufferedMessages));
    metric(out, "watchroom_relay_pending_send_bytes", "gauge",
           "Bytes queued on client sockets and not yet written.", double(g.pendingSendBytes));
    metric(out, "watchroom_relay_connections_opened_total", "counter",
           "WebSocket connections accepted.", double(connectionsOpened));
    metric(out, "watchroom_relay_connections_closed_total", "counter",
           "WebSocket connections closed.", double(connectionsClosed));
    metric(out, "watchroom_relay_messages_received_total", "counter",
           "Frames received from clients.", double(messagesReceived));
    metric(out, "watchroom_relay_messages_delivered_total", "counter",
           "Data messages written to client sockets.", double(messagesDelivered));
    metric(out, "watchroom_relay_bytes_received_total", "counter",
           "Payload bytes received from clients.", double(bytesReceived));
    metric(out, "watchroom_relay_bytes_sent_total", "counter", "Payload bytes sent to clients.",
           double(bytesSent));
    metric(out, "watchroom_relay_rest_requests_total", "counter", "REST API requests served.",
           double(restRequests));
    metric(out, "watchroom_relay_recoveries_total", "counter",
           "Reliable sessions recovered after a dropped connection.", double(recoveries));
    metric(out, "watchroom_relay_recoveries_rejected_total", "counter",
           "Recovery attempts for sessions that were gone (closed with 1008).",
           double(recoveriesRejected));
    metric(out, "watchroom_relay_sessions_expired_total", "counter",
           "Dropped reliable sessions removed after the retention time.", double(sessionsExpired));
    metric(out, "watchroom_relay_auth_failures_total", "counter",
           "Requests rejected for a missing, expired or badly signed token.", double(authFailures));
    metric(out, "watchroom_relay_malformed_messages_total", "counter",
           "Client frames rejected as malformed.", double(malformedMessages));
    metric(out, "watchroom_relay_oversized_messages_total", "counter",
           "Client connections closed for a frame over the size limit.", double(oversizedMessages));
    metric(out, "watchroom_relay_bad_http_requests_total", "counter",
           "HTTP requests that were malformed, too large or timed out.", double(badHttpRequests));
    out += "# HELP watchroom_relay_messages_dropped_total Messages not delivered, by reason.\n"
           "# TYPE watchroom_relay_messages_dropped_total counter\n";
    out += "watchroom_relay_messages_dropped_total{reason=\"slow_consumer\"} "
        + QByteArray::number(droppedSlowConsumer) + '\n';
    out += "watchroom_relay_messages_dropped_total{reason=\"recovering\"} "
        + QByteArray::number(droppedWhileRecovering) + '\n';
    metric(out, "watchroom_relay_sessions_dropped_overflow_total", "counter",
           "Reliable sessions dropped because their un-acked buffer overflowed.",
           double(sessionsDroppedOverflow));
    metric(out, "watchroom_relay_replay_evictions_total", "counter",
           "Old fire-and-forget messages no longer kept for replay after a recovery.",
           double(replayEvictions));
    out += "# HELP watchroom_relay_failed_acks_total Acks sent with success=false, by error.\n"
           "# TYPE watchroom_relay_failed_acks_total counter\n";
    for (const auto &name :
         { "Forbidden"_L1, "Duplicate"_L1, "BadRequest"_L1, "InternalServerError"_L1 }) {
        out += "watchroom_relay_failed_acks_total{error=\"" + QByteArray(name.data(), name.size())
            + "\"} " + QByteArray::number(failedAcks.value(QString(name))) + '\n';
    }
    out += "# HELP watchroom_relay_limit_closes_total Client connections closed (1008) for going "
           "over a per-connection limit, by limit.\n"
           "# TYPE watchroom_relay_limit_closes_total counter\n"
           "watchroom_relay_limit_closes_total{reason=\"message_rate\"} "
        + QByteArray::number(limitClosesMessageRate)
        + "\nwatchroom_relay_limit_closes_total{reason=\"byte_rate\"} "
        + QByteArray::number(limitClosesByteRate)
        + "\nwatchroom_relay_limit_closes_total{reason=\"malformed\"} "
        + QByteArray::number(limitClosesMalformed) + '\n';
    out += "# HELP watchroom_relay_limit_refusals_total Requests refused with 429, by limit.\n"
           "# TYPE watchroom_relay_limit_refusals_total counter\n"
           "watchroom_relay_limit_refusals_total{reason=\"connections_per_address\"} "
        + QByteArray::number(limitRefusalsConnections)
        + "\nwatchroom_relay_limit_refusals_total{reason=\"invite_failures\"} "
        + QByteArray::number(limitRefusalsInvites)
        + "\nwatchroom_relay_limit_refusals_total{reason=\"source_token_failures\"} "
        + QByteArray::number(limitRefusalsSourceTokens) + '\n';
    out += "# HELP watchroom_relay_delivery_latency_seconds Time from a frame's arrival until "
           "it was queued for every recipient.\n"
           "# TYPE watchroom_relay_delivery_latency_seconds histogram\n";
    quint64 cumulative = 0;
    for (size_t i = 0; i < kLatencyBounds.size(); ++i) {
        cumulative += latencyBuckets[i];
        out += "watchroom_relay_delivery_latency_seconds_bucket{le=\""
            + QByteArray::number(kLatencyBounds[i], 'g', 6) + "\"} "
            + QByteArray::number(cumulative) + '\n';
    }
    cumulative += latencyBuckets.back();
    out += "watchroom_relay_delivery_latency_seconds_bucket{le=\"+Inf\"} "
        + QByteArray::number(cumulative) + '\n';
    out += "watchroom_relay_delivery_latency_seconds_sum " + QByteArray::number(latencySum, 'g', 17)
        + '\n';
    out += "watchroom_relay_delivery_latency_seconds_count " + QByteArray::number(latencyCount)
        + '\n';
    return out;
}

} // namespace wr
