#pragma once

// A raw WebSocket client for relay tests: it speaks the Web PubSub frames itself (no HubClient)
// and records every frame the relay sends, decoded, so a test can assert on exactly what
// arrived.

#include "webpubsub.h"

#include <QNetworkRequest>
#include <QObject>
#include <QStringList>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <optional>

namespace wrtest {

class RecordingClient : public QObject
{
public:
    explicit RecordingClient(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const auto decoded = wr::wps::decodeServiceMessage(text.toUtf8());
            if (decoded.ok())
                frames.append(*decoded.message);
            else
                undecodable.append(text);
        });
        connect(&socket, &QWebSocket::binaryMessageReceived, this,
                [this](const QByteArray &) { ++binaryFrames; });
    }

    // Starts the handshake; an empty subprotocol offers none.
    void open(const QUrl &url, const QString &subprotocol = QString(wr::wps::kJsonReliableProtocol))
    {
        QWebSocketHandshakeOptions options;
        if (!subprotocol.isEmpty())
            options.setSubprotocols({ subprotocol });
        socket.open(QNetworkRequest(url), options);
    }
    bool waitConnected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return count<wr::wps::Connected>() > 0; }, timeoutMs);
    }

    template<class T> QList<T> all() const
    {
        QList<T> out;
        for (const auto &f : frames) {
            if (const T *m = std::get_if<T>(&f))
                out.append(*m);
        }
        return out;
    }
    template<class T> qsizetype count() const { return all<T>().size(); }
    std::optional<wr::wps::Ack> ack(quint64 id) const
    {
        for (const auto &a : all<wr::wps::Ack>()) {
            if (a.ackId == id)
                return a;
        }
        return std::nullopt;
    }
    QString connectionId() const
    {
        const auto c = all<wr::wps::Connected>();
        return c.isEmpty() ? QString() : c.first().connectionId;
    }

    void send(const wr::wps::ClientMessage &message)
    {
        socket.sendTextMessage(QString::fromUtf8(wr::wps::encode(message)));
    }
    // Every frame sent before this has been handled by the relay once it returns true.
    bool sync()
    {
        const qsizetype pongs = count<wr::wps::Pong>();
        send(wr::wps::Ping {});
        return QTest::qWaitFor([&] { return count<wr::wps::Pong>() > pongs; }, 5000);
    }

    QWebSocket socket;
    QList<wr::wps::ServiceMessage> frames;
    QStringList undecodable;
    int binaryFrames = 0;
};

} // namespace wrtest
