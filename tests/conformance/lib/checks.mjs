// Assertion helpers shared by the test files.
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { randomBytes } from "node:crypto";

import { withTimeout } from "./wait.mjs";

export const PUBSUB_ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];

let barrierCounter = 0;

// Negative checks ("X did not receive M") need a point after which M can no longer arrive.
// The relay handles REST calls in order and writes to one socket in order, so once a server
// message sent after M has arrived, M would have arrived before it.
export async function barrier(factory, handle) {
  const marker = `barrier-${++barrierCounter}`;
  await factory.service.sendToConnection(handle.connectionId, { barrier: marker });
  await handle.log.waitFor("server-message", (e) => e.message.data?.barrier === marker,
                           { what: `barrier message ${marker} on connection ${handle.connectionId}` });
}

// Rejects unless `promise` fails with the SDK's SendMessageError carrying errorDetail.name.
export async function assertSendError(promise, name) {
  await assert.rejects(withTimeout(promise, 5000, `a ${name} ack`), (err) => {
    assert.equal(err.name, "SendMessageError", `expected SendMessageError, got ${err.name}: ${err.message}`);
    assert.equal(err.errorDetail?.name, name,
                 `expected errorDetail.name ${name}, got ${JSON.stringify(err.errorDetail)} (${err.message})`);
    assert.equal(typeof err.ackId, "number", "the error carries the ackId of the request");
    return true;
  });
}

// Rejects unless `promise` fails with a RestError of `statusCode`.
export async function assertRestError(promise, statusCode) {
  await assert.rejects(withTimeout(promise, 5000, `an HTTP ${statusCode} error`), (err) => {
    assert.equal(err.name, "RestError", `expected RestError, got ${err.name}: ${err.message}`);
    assert.equal(err.statusCode, statusCode, `expected HTTP ${statusCode}, got ${err.statusCode}: ${err.message}`);
    return true;
  });
}

// Runs an SDK call with an onResponse hook and returns the HTTP status it saw.
export async function statusOf(call) {
  let status;
  await withTimeout(call({ onResponse: (raw) => { status = raw.status; } }), 5000, "the REST call");
  return status;
}

// Sends a bare WebSocket upgrade for `wsUrl` and returns the HTTP status (101 on success).
export function upgradeStatus(wsUrl, { subprotocol = "json.reliable.webpubsub.azure.v1", headers = {} } = {}) {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === "wss:" ? "https:" : "http:";
  const request = new Promise((resolve, reject) => {
    // agent:false: a fresh TCP connection per upgrade, as WebSocket clients do.
    const req = http.request(url, {
      agent: false,
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
        "Sec-WebSocket-Protocol": subprotocol,
        ...headers,
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode, headers: res.headers });
    });
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode, headers: res.headers });
    });
    req.on("error", reject);
    req.end();
  });
  return withTimeout(request, 5000, `the upgrade response for ${url.pathname}`);
}

// Writes `request` on a fresh TCP connection and collects everything the relay sends until it
// closes the connection or `timeoutMs` passes. Returns {text, closed}.
export function rawExchange(port, request, { timeoutMs = 2000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks = [];
    const finish = (closed) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString("latin1"), closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => finish(true));
    socket.on("error", (err) => (chunks.length ? finish(true) : reject(err)));
    socket.write(request);
  });
}
