#pragma once

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wrbench {

// One load-generator client: a non-blocking TCP socket speaking just enough RFC 6455 (masked
// text frames out, unmasked frames in, ping/pong, close) and of json.reliable.webpubsub.azure.v1
// (connected, joinGroup + ack, message + sequenceAck) to drive the relay. Incoming frames are
// never parsed as JSON: message frames are recognised by a small scan for "sequenceId": and the
// embedded "sentNs": send timestamp.
struct Conn
{
    enum class State : uint8_t { Idle, Connecting, Handshaking, Open, Closed };

    int fd = -1;
    uint32_t index = 0;
    State state = State::Idle;
    bool gotConnected = false;
    bool joined = false;
    bool setupFailed = false;
    bool reading = true;
    bool writeArmed = false;
    bool closedByUs = false;
    int closeCode = 0; // from a close frame, 1006 for a bare EOF/reset

    QByteArray target; // request path + query
    QByteArray wsKey;
    std::string out;
    size_t outPos = 0;
    std::string in; // bytes of an incomplete frame (or the handshake response)
    std::string frag; // a fragmented message being reassembled

    uint64_t lastSeq = 0;
    uint64_t ackedSeq = 0;
    int64_t lastAckNs = 0;
    uint64_t messages = 0;
    uint64_t seqGaps = 0;

    size_t pendingOut() const { return out.size() - outPos; }
};

class BenchLoop
{
public:
    struct Options
    {
        QByteArray host = "127.0.0.1";
        uint16_t port = 0;
        QByteArray subprotocol = "json.reliable.webpubsub.azure.v1";
        QByteArray group = "g";
        uint64_t ackEvery = 256; // messages received before an immediate sequenceAck
        int64_t ackIntervalNs = 1000000000; // …and at least this often, like the SDK's timer
    };

    // onMessage(conn, sequenceId, sentNs (0 if absent), arrivalNs)
    using MessageHandler = std::function<void(Conn &, uint64_t, int64_t, int64_t)>;

    BenchLoop(Options options, std::vector<QByteArray> targets);
    ~BenchLoop();
    BenchLoop(const BenchLoop &) = delete;
    BenchLoop &operator=(const BenchLoop &) = delete;

    // Connects every client (at most `concurrency` handshakes in flight), waits for each one's
    // `connected` frame and joins it to the group. Returns the number that are ready.
    size_t connectAll(int concurrency, int64_t timeoutNs);

    // One epoll_wait (at most timeoutNs) and the work it reports, plus the periodic acks.
    void poll(int64_t timeoutNs);
    // Polls until the steady clock reaches untilNs.
    void runUntil(int64_t untilNs);

    void queueText(Conn &conn, const char *data, size_t size);
    void flush(Conn &conn);
    void setReading(Conn &conn, bool reading);
    void closeAll();

    void setMessageHandler(MessageHandler handler) { m_onMessage = std::move(handler); }

    std::vector<Conn> &conns() { return m_conns; }
    size_t openCount() const;
    uint64_t droppedByServer() const { return m_droppedByServer; }
    uint64_t bytesRead() const { return m_bytesRead; }
    QByteArray lastError() const { return m_lastError; }
    // What the server last said when it ended a session (system `disconnected` message or the
    // close frame's reason), empty if it never did.
    QByteArray serverCloseReason() const { return m_serverCloseReason; }

private:
    void startConnect(Conn &conn);
    void onReadable(Conn &conn);
    void onWritable(Conn &conn);
    bool handleHandshake(Conn &conn);
    void consume(Conn &conn, char *data, size_t size, int64_t arrivalNs);
    void handleFrame(Conn &conn, uint8_t opcode, bool fin, char *payload, size_t size,
                     int64_t arrivalNs);
    void handleText(Conn &conn, const char *payload, size_t size, int64_t arrivalNs);
    void queueFrame(Conn &conn, uint8_t opcode, const char *data, size_t size);
    void sendAck(Conn &conn, int64_t nowNs);
    void updateInterest(Conn &conn);
    void fail(Conn &conn, int closeCode, const char *why);

    Options m_options;
    std::vector<Conn> m_conns;
    int m_epoll = -1;
    std::vector<char> m_scratch;
    MessageHandler m_onMessage;
    uint64_t m_maskState = 0x9E3779B97F4A7C15ULL;
    uint64_t m_droppedByServer = 0;
    uint64_t m_bytesRead = 0;
    size_t m_setupFinished = 0; // clients that joined or failed during connectAll
    int64_t m_nextAckSweepNs = 0;
    QByteArray m_lastError;
    QByteArray m_serverCloseReason;
};

} // namespace wrbench
