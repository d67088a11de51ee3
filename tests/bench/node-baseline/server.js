'use strict';
// Baseline for the relay benchmark: a plain Node `ws` group broadcaster that speaks just enough
// of json.reliable.webpubsub.azure.v1 for the same load generator to drive it. Like the relay it
// parses each incoming frame once and builds a per-recipient envelope carrying that
// recipient's own sequenceId. It does not verify tokens, keep un-acked buffers or recover
// sessions, so it does strictly less work per message than the relay.
//
//   node server.js [--host 127.0.0.1] [--port 0]
// prints "Listening on http://HOST:PORT" when ready; SIGTERM/SIGINT stop it.

const { WebSocketServer } = require('ws');

const SUBPROTOCOLS = ['json.reliable.webpubsub.azure.v1', 'json.webpubsub.azure.v1'];

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = argValue('--host', '127.0.0.1');
const port = Number(argValue('--port', '0'));

const groups = new Map(); // group name -> Set of connections
let nextConnectionId = 1;

function userIdFromToken(url) {
  const match = /[?&]access_token=([^&]+)/.exec(url || '');
  if (!match) return null;
  const parts = match[1].split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}

function ack(ws, ackId) {
  if (ackId !== undefined) ws.send('{"type":"ack","ackId":' + Number(ackId) + ',"success":true}');
}

const wss = new WebSocketServer({
  host,
  port,
  perMessageDeflate: false,
  maxPayload: 1024 * 1024,
  handleProtocols: (offered) => {
    for (const p of offered) if (SUBPROTOCOLS.includes(p)) return p;
    return false;
  },
});

wss.on('connection', (ws, request) => {
  ws.connectionId = 'node-' + nextConnectionId++;
  ws.userId = userIdFromToken(request.url);
  ws.seq = 0;
  ws.groups = new Set();
  ws.send(JSON.stringify({
    type: 'system',
    event: 'connected',
    userId: ws.userId,
    connectionId: ws.connectionId,
    reconnectionToken: 'baseline-' + ws.connectionId,
  }));

  ws.on('message', (raw) => {
    let msg;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      ws.close(1003, 'invalid JSON');
      return;
    }
    switch (msg.type) {
      case 'joinGroup': {
        let members = groups.get(msg.group);
        if (!members) groups.set(msg.group, (members = new Set()));
        members.add(ws);
        ws.groups.add(msg.group);
        ack(ws, msg.ackId);
        break;
      }
      case 'leaveGroup': {
        const members = groups.get(msg.group);
        if (members) members.delete(ws);
        ws.groups.delete(msg.group);
        ack(ws, msg.ackId);
        break;
      }
      case 'sendToGroup': {
        const dataType = msg.dataType || 'json';
        const tail = ',"type":"message","from":"group","group":' + JSON.stringify(msg.group)
          + ',"dataType":' + JSON.stringify(dataType)
          + ',"data":' + JSON.stringify(msg.data)
          + (ws.userId !== null ? ',"fromUserId":' + JSON.stringify(ws.userId) : '') + '}';
        const members = groups.get(msg.group);
        if (members) {
          for (const member of members) {
            if (msg.noEcho && member === ws) continue;
            member.send('{"sequenceId":' + ++member.seq + tail);
          }
        }
        ack(ws, msg.ackId);
        break;
      }
      case 'ping':
        ws.send('{"type":"pong"}');
        break;
      case 'sequenceAck':
      default:
        break;
    }
  });

  ws.on('close', () => {
    for (const g of ws.groups) {
      const members = groups.get(g);
      if (members) {
        members.delete(ws);
        if (members.size === 0) groups.delete(g);
      }
    }
  });
  ws.on('error', () => {});
});

wss.on('listening', () => {
  const address = wss.address();
  process.stdout.write('Listening on http://' + address.address + ':' + address.port + '\n');
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
