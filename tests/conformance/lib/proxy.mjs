// A loopback TCP proxy in front of the relay. It lets a test cut connections abruptly (TCP
// reset, no WebSocket close frame), refuse new ones for a while, and see what crossed the wire:
// the HTTP upgrade request and response and every WebSocket frame in both directions.
import net from "node:net";

const OPCODES = { 0: "continuation", 1: "text", 2: "binary", 8: "close", 9: "ping", 10: "pong" };

// Incremental RFC 6455 frame decoder for one direction of one connection.
class FrameSniffer {
  constructor(frames) {
    this.frames = frames;
    this.buffer = Buffer.alloc(0);
  }

  push(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) {
        return;
      }
      let offset = 2;
      let length = b[1] & 0x7f;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (b[1] & 0x80) !== 0;
      const maskOffset = offset;
      if (masked) offset += 4;
      if (b.length < offset + length) return;
      const payload = Buffer.from(b.subarray(offset, offset + length));
      if (masked) {
        for (let i = 0; i < payload.length; ++i) payload[i] ^= b[maskOffset + (i % 4)];
      }
      this.buffer = b.subarray(offset + length);
      this.record(b[0], masked, payload);
    }
  }

  record(first, masked, payload) {
    const frame = {
      fin: (first & 0x80) !== 0,
      compressed: (first & 0x40) !== 0,
      opcode: OPCODES[first & 0x0f] ?? `0x${(first & 0x0f).toString(16)}`,
      masked,
      length: payload.length,
      at: Date.now(),
    };
    if (frame.opcode === "text" || frame.opcode === "continuation") {
      frame.text = payload.toString("utf8");
      try {
        frame.json = JSON.parse(frame.text);
      } catch {
        // fragments and non-JSON text stay as text
      }
    } else if (frame.opcode === "close") {
      frame.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
      frame.closeReason = payload.subarray(2).toString("utf8");
    }
    this.frames.push(frame);
  }
}

// Splits off the HTTP head ("...\r\n\r\n") of a stream; the rest goes to the frame sniffer.
class HttpThenFrames {
  constructor(onHead, frames) {
    this.onHead = onHead;
    this.head = null;
    this.pending = Buffer.alloc(0);
    this.sniffer = new FrameSniffer(frames);
  }

  push(chunk) {
    if (this.head !== null) {
      this.sniffer.push(chunk);
      return;
    }
    this.pending = Buffer.concat([this.pending, chunk]);
    const end = this.pending.indexOf("\r\n\r\n");
    if (end < 0) return;
    this.head = this.pending.subarray(0, end).toString("latin1");
    const rest = this.pending.subarray(end + 4);
    this.pending = null;
    this.onHead(this.head);
    if (rest.length) this.sniffer.push(rest);
  }
}

function parseHeaders(lines) {
  const headers = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

let nextId = 1;

export class TcpProxy {
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.blocked = false;
    this.connections = []; // one record per accepted TCP connection, in order
    this.live = new Set();
    this.server = net.createServer((socket) => this.accept(socket));
  }

  async listen() {
    await new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", resolve);
    });
    this.port = this.server.address().port;
    return this;
  }

  // ws://127.0.0.1:<proxy port> with the path and query of `url`.
  rewrite(url) {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  accept(client) {
    const record = {
      id: nextId++,
      acceptedAt: Date.now(),
      refused: this.blocked,
      request: null,   // {method, path, url, headers}
      response: null,  // {status, headers}
      up: [],          // client -> relay frames
      down: [],        // relay -> client frames
      closed: false,
      droppedByTest: false,
    };
    this.connections.push(record);
    if (this.blocked) {
      client.on("error", () => {});
      client.resetAndDestroy();
      record.closed = true;
      return;
    }
    const upstream = net.connect(this.targetPort, "127.0.0.1");
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const pair = { client, upstream, record };
    this.live.add(pair);

    const upParser = new HttpThenFrames((head) => {
      const [requestLine, ...rest] = head.split("\r\n");
      const [method, path] = requestLine.split(" ");
      record.request = { method, path, url: new URL(path, "http://127.0.0.1"), headers: parseHeaders(rest) };
    }, record.up);
    const downParser = new HttpThenFrames((head) => {
      const [statusLine, ...rest] = head.split("\r\n");
      record.response = { status: Number(statusLine.split(" ")[1]), statusLine, headers: parseHeaders(rest) };
    }, record.down);

    client.on("data", (chunk) => {
      upParser.push(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      downParser.push(chunk);
      client.write(chunk);
    });
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
    const finish = () => {
      record.closed = true;
      this.live.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", finish);
    upstream.on("close", finish);
    client.on("error", () => {});
    upstream.on("error", () => {});
  }

  // Cuts every live connection with a TCP reset on both sides: neither end gets a close frame.
  dropAll() {
    this.lastDropAt = Date.now();
    for (const pair of this.live) {
      pair.record.droppedByTest = true;
      pair.client.resetAndDestroy();
      pair.upstream.resetAndDestroy();
    }
    this.live.clear();
  }

  // While blocked, new connections are reset as soon as they are accepted.
  block() {
    this.blocked = true;
  }

  unblock() {
    this.blocked = false;
  }

  // Upgrade attempts that reached the relay (refused ones excluded).
  upgrades() {
    return this.connections.filter((c) => !c.refused);
  }

  // One line per connection, for failure messages.
  describe() {
    return this.connections.map((c) => {
      if (c.refused) return `#${c.id} refused by the test proxy`;
      const req = c.request ? `${c.request.method} ${redact(c.request.path)}` : "(no request)";
      const res = c.response ? c.response.statusLine : "(no response)";
      const close = c.down.find((f) => f.opcode === "close");
      const closeText = close ? `, relay close frame ${close.closeCode} "${close.closeReason}"` : "";
      const drop = c.droppedByTest ? ", dropped by the test" : "";
      return `#${c.id} ${req} -> ${res}${closeText}${drop}; ${c.down.length} frames down, ${c.up.length} up`;
    }).join("\n");
  }

  async close() {
    this.dropAll();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

// Shortens access tokens in logged URLs.
export function redact(path) {
  return path.replace(/(access_token=)[^&]+/, "$1…").replace(/(awps_reconnection_token=)[^&]+/, "$1…");
}

export async function startProxy(targetPort) {
  return new TcpProxy(targetPort).listen();
}
