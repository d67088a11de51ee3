#include "benchclient.h"

#include "procstats.h"

#include <QCryptographicHash>
#include <QList>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace wrbench {

namespace {

constexpr size_t kScratchSize = 256 * 1024;
constexpr int kMaxReadsPerEvent = 4;

uint64_t parseUnsigned(const char *p, const char *end)
{
    uint64_t v = 0;
    while (p < end && *p >= '0' && *p <= '9')
        v = v * 10 + uint64_t(*p++ - '0');
    return v;
}

// The relay may re-serialise the data object; accept "123", "123.0" and "1.23e+2".
int64_t parseNumber(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && *q >= '0' && *q <= '9')
        ++q;
    if (q < end && (*q == '.' || *q == 'e' || *q == 'E')) {
        char buffer[64];
        const size_t n = std::min<size_t>(size_t(end - p), sizeof buffer - 1);
        std::memcpy(buffer, p, n);
        buffer[n] = '\0';
        return int64_t(std::strtod(buffer, nullptr));
    }
    return int64_t(parseUnsigned(p, q));
}

const char *find(const char *p, size_t n, const char *needle, size_t needleSize)
{
    return static_cast<const char *>(memmem(p, n, needle, needleSize));
}

template<size_t N> const char *find(const char *p, size_t n, const char (&needle)[N])
{
    return find(p, n, needle, N - 1);
}

// Bytes still missing before `frame` holds one complete frame (0 when it does).
size_t bytesNeeded(const std::string &frame)
{
    const size_t have = frame.size();
    if (have < 2)
        return 2 - have;
    const auto b1 = uint8_t(frame[1]);
    const size_t len7 = b1 & 0x7f;
    const size_t header = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b1 & 0x80) ? 4 : 0);
    if (have < header)
        return header - have;
    uint64_t payload = len7;
    const auto *u = reinterpret_cast<const uint8_t *>(frame.data());
    if (len7 == 126) {
        payload = (uint64_t(u[2]) << 8) | u[3];
    } else if (len7 == 127) {
        payload = 0;
        for (int i = 0; i < 8; ++i)
            payload = (payload << 8) | u[2 + i];
    }
    const size_t total = header + size_t(payload);
    return total > have ? total - have : 0;
}

bool headerEquals(const QByteArray &head, const QByteArray &name, const QByteArray &value)
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed() == value;
    }
    return false;
}

} // namespace

BenchLoop::BenchLoop(Options options, std::vector<QByteArray> targets)
    : m_options(std::move(options))
    , m_scratch(kScratchSize)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_conns.resize(targets.size());
    for (size_t i = 0; i < targets.size(); ++i) {
        m_conns[i].index = uint32_t(i);
        m_conns[i].target = std::move(targets[i]);
    }
}

BenchLoop::~BenchLoop()
{
    closeAll();
    if (m_epoll >= 0)
        ::close(m_epoll);
}

size_t BenchLoop::openCount() const
{
    return size_t(std::count_if(m_conns.begin(), m_conns.end(),
                                [](const Conn &c) { return c.state == Conn::State::Open; }));
}

size_t BenchLoop::connectAll(int concurrency, int64_t timeoutNs)
{
    const int64_t deadline = nowNs() + timeoutNs;
    size_t next = 0;
    while (nowNs() < deadline) {
        while (next < m_conns.size() && next - m_setupFinished < size_t(concurrency))
            startConnect(m_conns[next++]);
        if (m_setupFinished >= m_conns.size())
            break;
        poll(5'000'000);
    }
    return size_t(std::count_if(m_conns.begin(), m_conns.end(), [](const Conn &c) {
        return c.joined && c.state == Conn::State::Open;
    }));
}

void BenchLoop::startConnect(Conn &conn)
{
    conn.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (conn.fd < 0) {
        fail(conn, 0, "socket() failed (file descriptor limit?)");
        return;
    }
    const int one = 1;
    setsockopt(conn.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_options.port);
    inet_pton(AF_INET, m_options.host.constData(), &addr.sin_addr);
    conn.state = Conn::State::Connecting;
    conn.writeArmed = true;
    epoll_event ev {};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = conn.index;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, conn.fd, &ev);
    if (::connect(conn.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        && errno != EINPROGRESS) {
        fail(conn, 0, "connect() failed");
    }
}

void BenchLoop::poll(int64_t timeoutNs)
{
    epoll_event events[256];
    timespec timeout {};
    timeoutNs = std::max<int64_t>(0, timeoutNs);
    timeout.tv_sec = timeoutNs / 1000000000;
    timeout.tv_nsec = timeoutNs % 1000000000;
    const int n = epoll_pwait2(m_epoll, events, 256, &timeout, nullptr);
    for (int i = 0; i < n; ++i) {
        Conn &conn = m_conns[events[i].data.u32];
        if (conn.state == Conn::State::Closed)
            continue;
        const uint32_t what = events[i].events;
        if (!conn.reading && (what & (EPOLLHUP | EPOLLERR))) {
            // Level-triggered hang-ups cannot be masked; a client that is not reading just
            // learns that its session is gone.
            fail(conn, 1006, "connection reset while not reading");
            continue;
        }
        if (what & EPOLLOUT)
            onWritable(conn);
        if ((what & (EPOLLIN | EPOLLHUP | EPOLLERR)) && conn.state != Conn::State::Closed)
            onReadable(conn);
    }

    const int64_t now = nowNs();
    if (now >= m_nextAckSweepNs) {
        m_nextAckSweepNs = now + 100'000'000;
        for (Conn &conn : m_conns) {
            if (conn.state == Conn::State::Open && conn.reading && conn.lastSeq > conn.ackedSeq
                && now - conn.lastAckNs >= m_options.ackIntervalNs) {
                sendAck(conn, now);
                flush(conn);
            }
        }
    }
}

void BenchLoop::runUntil(int64_t untilNs)
{
    for (int64_t now = nowNs(); now < untilNs; now = nowNs())
        poll(untilNs - now);
}

void BenchLoop::onWritable(Conn &conn)
{
    if (conn.state == Conn::State::Connecting) {
        int error = 0;
        socklen_t len = sizeof error;
        getsockopt(conn.fd, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0) {
            fail(conn, 0, "connect failed");
            return;
        }
        QByteArray key(16, Qt::Uninitialized);
        for (char &c : key) {
            m_maskState ^= m_maskState << 13;
            m_maskState ^= m_maskState >> 7;
            m_maskState ^= m_maskState << 17;
            c = char(m_maskState);
        }
        conn.wsKey = key.toBase64();
        const QByteArray request = "GET "_ba + conn.target + " HTTP/1.1\r\nHost: "_ba
            + m_options.host + ':' + QByteArray::number(m_options.port)
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "_ba + conn.wsKey
            + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: "_ba + m_options.subprotocol
            + "\r\n\r\n"_ba;
        conn.state = Conn::State::Handshaking;
        conn.out.append(request.constData(), size_t(request.size()));
    }
    flush(conn);
}

void BenchLoop::flush(Conn &conn)
{
    while (conn.state != Conn::State::Closed && conn.pendingOut() > 0) {
        const ssize_t n
            = ::send(conn.fd, conn.out.data() + conn.outPos, conn.pendingOut(), MSG_NOSIGNAL);
        if (n > 0) {
            conn.outPos += size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!conn.writeArmed) {
                conn.writeArmed = true;
                updateInterest(conn);
            }
            // Keep the buffer from growing without bound on the front side.
            if (conn.outPos > (1u << 20) && conn.outPos * 2 > conn.out.size()) {
                conn.out.erase(0, conn.outPos);
                conn.outPos = 0;
            }
            return;
        }
        if (n < 0 && errno == EINTR)
            continue;
        fail(conn, 1006, "send failed");
        return;
    }
    conn.out.clear();
    conn.outPos = 0;
    if (conn.writeArmed && conn.state != Conn::State::Connecting
        && conn.state != Conn::State::Closed) {
        conn.writeArmed = false;
        updateInterest(conn);
    }
}

void BenchLoop::onReadable(Conn &conn)
{
    if (!conn.reading)
        return;
    for (int round = 0; round < kMaxReadsPerEvent; ++round) {
        const ssize_t n = ::recv(conn.fd, m_scratch.data(), m_scratch.size(), 0);
        if (n > 0) {
            m_bytesRead += uint64_t(n);
            const int64_t arrival = nowNs();
            if (conn.state == Conn::State::Handshaking) {
                conn.in.append(m_scratch.data(), size_t(n));
                if (!handleHandshake(conn))
                    break;
            } else {
                consume(conn, m_scratch.data(), size_t(n), arrival);
            }
            if (conn.state == Conn::State::Closed || size_t(n) < m_scratch.size())
                break;
            continue;
        }
        if (n == 0) {
            fail(conn, 1006, "connection closed by peer");
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            fail(conn, 1006, "recv failed");
        break;
    }
    if (conn.state != Conn::State::Closed && conn.pendingOut() > 0)
        flush(conn);
}

bool BenchLoop::handleHandshake(Conn &conn)
{
    const size_t end = conn.in.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (conn.in.size() > 16384)
            fail(conn, 0, "oversized handshake response");
        return false;
    }
    const QByteArray head(conn.in.data(), qsizetype(end));
    if (!head.startsWith("HTTP/1.1 101")) {
        m_lastError = "upgrade refused: "_ba + head.left(head.indexOf('\r'));
        fail(conn, 0, nullptr);
        return false;
    }
    const QByteArray accept
        = QCryptographicHash::hash(
              QByteArray(conn.wsKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"_ba),
              QCryptographicHash::Sha1)
              .toBase64();
    if (!headerEquals(head, "sec-websocket-accept", accept)) {
        fail(conn, 0, "bad Sec-WebSocket-Accept");
        return false;
    }
    if (!headerEquals(head, "sec-websocket-protocol", m_options.subprotocol)) {
        fail(conn, 0, "server did not echo the subprotocol");
        return false;
    }
    conn.state = Conn::State::Open;
    std::string rest = conn.in.substr(end + 4);
    conn.in.clear();
    if (!rest.empty())
        consume(conn, rest.data(), rest.size(), nowNs());
    return true;
}

void BenchLoop::consume(Conn &conn, char *data, size_t size, int64_t arrivalNs)
{
    // First complete a frame left over from the previous read, copying only what it lacks.
    while (!conn.in.empty() && size > 0) {
        const size_t take = std::min(bytesNeeded(conn.in), size);
        conn.in.append(data, take);
        data += take;
        size -= take;
        if (bytesNeeded(conn.in) == 0) {
            std::string frame;
            frame.swap(conn.in);
            consume(conn, frame.data(), frame.size(), arrivalNs);
            if (conn.state == Conn::State::Closed)
                return;
        }
    }
    if (!conn.in.empty())
        return;

    while (size >= 2) {
        const auto b0 = uint8_t(data[0]);
        const auto b1 = uint8_t(data[1]);
        const size_t len7 = b1 & 0x7f;
        const bool masked = b1 & 0x80;
        size_t header = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (size < header)
            break;
        uint64_t payload = len7;
        const auto *u = reinterpret_cast<const uint8_t *>(data);
        if (len7 == 126) {
            payload = (uint64_t(u[2]) << 8) | u[3];
        } else if (len7 == 127) {
            payload = 0;
            for (int i = 0; i < 8; ++i)
                payload = (payload << 8) | u[2 + i];
        }
        if (size - header < payload)
            break;
        char *body = data + header;
        if (masked) {
            const char *key = data + header - 4;
            for (uint64_t i = 0; i < payload; ++i)
                body[i] ^= key[i & 3];
        }
        handleFrame(conn, b0 & 0x0f, b0 & 0x80, body, size_t(payload), arrivalNs);
        if (conn.state == Conn::State::Closed)
            return;
        data += header + payload;
        size -= header + size_t(payload);
    }
    if (size > 0)
        conn.in.assign(data, size);
}

void BenchLoop::handleFrame(Conn &conn, uint8_t opcode, bool fin, char *payload, size_t size,
                            int64_t arrivalNs)
{
    switch (opcode) {
    case 0x1:
    case 0x2:
        if (fin && conn.frag.empty()) {
            handleText(conn, payload, size, arrivalNs);
        } else {
            conn.frag.assign(payload, size);
        }
        break;
    case 0x0:
        conn.frag.append(payload, size);
        if (fin) {
            std::string message;
            message.swap(conn.frag);
            handleText(conn, message.data(), message.size(), arrivalNs);
        }
        break;
    case 0x8: {
        const int code = size >= 2 ? (int(uint8_t(payload[0])) << 8) | uint8_t(payload[1]) : 1005;
        m_lastError = "closed by server with code "_ba + QByteArray::number(code) + ' '
            + QByteArray(payload + std::min<size_t>(size, 2), qsizetype(size > 2 ? size - 2 : 0));
        if (m_serverCloseReason.isEmpty() || size > 2)
            m_serverCloseReason = m_lastError;
        fail(conn, code, nullptr);
        break;
    }
    case 0x9:
        queueFrame(conn, 0xA, payload, size);
        break;
    default:
        break;
    }
}

void BenchLoop::handleText(Conn &conn, const char *p, size_t n, int64_t arrivalNs)
{
    const char *end = p + n;
    const char *seq = nullptr;
    static constexpr char kPrefix[] = "{\"sequenceId\":";
    if (n > sizeof kPrefix && std::memcmp(p, kPrefix, sizeof kPrefix - 1) == 0)
        seq = p + sizeof kPrefix - 1;
    else if (const char *at = find(p, n, "\"sequenceId\":"))
        seq = at + 13;

    if (seq) {
        const uint64_t id = parseUnsigned(seq, end);
        int64_t sentNs = 0;
        if (const char *t = find(seq, size_t(end - seq), "\"sentNs\":"))
            sentNs = parseNumber(t + 9, end);
        if (id != conn.lastSeq + 1)
            ++conn.seqGaps;
        conn.lastSeq = std::max(conn.lastSeq, id);
        ++conn.messages;
        if (m_onMessage)
            m_onMessage(conn, id, sentNs, arrivalNs);
        if (conn.lastSeq - conn.ackedSeq >= m_options.ackEvery)
            sendAck(conn, arrivalNs);
        return;
    }
    if (find(p, n, "\"type\":\"ack\"")) {
        const char *ackId = find(p, n, "\"ackId\":");
        if (ackId && parseUnsigned(ackId + 8, end) == 1 && !conn.joined && !conn.setupFailed) {
            if (find(p, n, "\"success\":true")) {
                conn.joined = true;
            } else {
                conn.setupFailed = true;
                m_lastError = "joinGroup refused: "_ba + QByteArray(p, qsizetype(n));
            }
            ++m_setupFinished;
        }
        return;
    }
    if (find(p, n, "\"event\":\"connected\"")) {
        if (!conn.gotConnected) {
            conn.gotConnected = true;
            const QByteArray join = "{\"type\":\"joinGroup\",\"group\":\""_ba + m_options.group
                + "\",\"ackId\":1}"_ba;
            queueFrame(conn, 0x1, join.constData(), size_t(join.size()));
        }
        return;
    }
    if (find(p, n, "\"event\":\"disconnected\"")) {
        m_lastError = "disconnected: "_ba + QByteArray(p, qsizetype(n));
        m_serverCloseReason = m_lastError;
    }
}

void BenchLoop::queueText(Conn &conn, const char *data, size_t size)
{
    queueFrame(conn, 0x1, data, size);
}

void BenchLoop::queueFrame(Conn &conn, uint8_t opcode, const char *data, size_t size)
{
    if (conn.state == Conn::State::Closed)
        return;
    char header[14];
    size_t h = 0;
    header[h++] = char(0x80 | opcode);
    if (size < 126) {
        header[h++] = char(0x80 | size);
    } else if (size < 65536) {
        header[h++] = char(0x80 | 126);
        header[h++] = char(size >> 8);
        header[h++] = char(size);
    } else {
        header[h++] = char(0x80 | 127);
        for (int i = 7; i >= 0; --i)
            header[h++] = char(uint64_t(size) >> (8 * i));
    }
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 7;
    m_maskState ^= m_maskState << 17;
    char key[4];
    std::memcpy(key, &m_maskState, 4);
    std::memcpy(header + h, key, 4);
    h += 4;

    const size_t at = conn.out.size();
    conn.out.resize(at + h + size);
    char *dst = conn.out.data() + at;
    std::memcpy(dst, header, h);
    dst += h;
    for (size_t i = 0; i < size; ++i)
        dst[i] = char(data[i] ^ key[i & 3]);
}

void BenchLoop::sendAck(Conn &conn, int64_t nowNs)
{
    char ack[80];
    const int n = std::snprintf(ack, sizeof ack, "{\"type\":\"sequenceAck\",\"sequenceId\":%llu}",
                                static_cast<unsigned long long>(conn.lastSeq));
    queueFrame(conn, 0x1, ack, size_t(n));
    conn.ackedSeq = conn.lastSeq;
    conn.lastAckNs = nowNs;
}

void BenchLoop::setReading(Conn &conn, bool reading)
{
    if (conn.reading == reading || conn.state == Conn::State::Closed)
        return;
    conn.reading = reading;
    updateInterest(conn);
}

void BenchLoop::updateInterest(Conn &conn)
{
    if (conn.fd < 0)
        return;
    epoll_event ev {};
    ev.events = (conn.reading ? EPOLLIN : 0u) | (conn.writeArmed ? EPOLLOUT : 0u);
    ev.data.u32 = conn.index;
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, conn.fd, &ev);
}

void BenchLoop::fail(Conn &conn, int closeCode, const char *why)
{
    if (why)
        m_lastError = why;
    if (conn.fd >= 0) {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, conn.fd, nullptr);
        ::close(conn.fd);
        conn.fd = -1;
    }
    if (conn.state == Conn::State::Open && conn.joined && !conn.closedByUs)
        ++m_droppedByServer;
    conn.state = Conn::State::Closed;
    conn.closeCode = closeCode;
    if (!conn.joined && !conn.setupFailed) {
        conn.setupFailed = true;
        ++m_setupFinished;
    }
}

void BenchLoop::closeAll()
{
    static constexpr char kNormal[2] = { char(0x03), char(0xE8) }; // 1000
    for (Conn &conn : m_conns) {
        if (conn.state == Conn::State::Closed || conn.fd < 0)
            continue;
        conn.closedByUs = true;
        if (conn.state == Conn::State::Open) {
            queueFrame(conn, 0x8, kNormal, 2);
            ::send(conn.fd, conn.out.data() + conn.outPos, conn.pendingOut(), MSG_NOSIGNAL);
        }
        fail(conn, 1000, nullptr);
    }
}

} // namespace wrbench
