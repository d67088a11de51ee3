// The relay's command-line contract and its plain HTTP endpoints, as scripts and operators use
// them: the printed lines, /negotiate, /healthz, /metrics and a clean exit on SIGTERM/SIGINT.
import assert from "node:assert/strict";
import { test } from "node:test";

import { WebPubSubJsonProtocol } from "@azure/web-pubsub-client";

import { ClientFactory } from "./lib/clients.mjs";
import { ACCESS_KEY, startRelay } from "./lib/relay.mjs";
import { useRelay } from "./lib/suite.mjs";
import { withTimeout } from "./lib/wait.mjs";

const ctx = useRelay();

test("stdout announces the address, a connection string the SDK can use, and a negotiate URL", async () => {
  const { relay } = ctx;
  const port = relay.port;
  assert.ok(Number(port) > 0);
  assert.ok(relay.stdoutLines.includes(`Listening on http://127.0.0.1:${port}`), relay.stdoutLines.join("\n"));
  assert.equal(relay.connectionString,
               `Endpoint=http://127.0.0.1;Port=${port};AccessKey=${ACCESS_KEY};Version=1.0;`);
  const [, negotiate] = await relay.waitForStdout(/^Negotiate: (.+)$/);
  const url = new URL(negotiate);
  assert.equal(url.origin, relay.httpBase);
  assert.equal(url.pathname, "/negotiate");
});

test("GET /negotiate answers {url, baseUrl, token} for a board, user and role", async () => {
  const res = await fetch(`${ctx.relay.httpBase}/negotiate?board=main&user=olga&role=viewer`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = await res.json();
  for (const key of ["url", "baseUrl", "token"]) assert.equal(typeof body[key], "string", `${key} is a string`);
  assert.equal(body.url, `${body.baseUrl}?access_token=${body.token}`);
  const claims = JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString("utf8"));
  assert.equal(claims.sub, "olga");
  assert.ok(claims.exp > Date.now() / 1000, "the token is not expired");
});

test("GET /healthz and HEAD /api/health answer 200", async () => {
  const healthz = await fetch(`${ctx.relay.httpBase}/healthz`);
  assert.equal(healthz.status, 200);
  await healthz.arrayBuffer();
  const head = await fetch(`${ctx.relay.httpBase}/api/health`, { method: "HEAD" });
  assert.equal(head.status, 200);
});

test("GET /metrics is Prometheus text exposition", async () => {
  const res = await fetch(`${ctx.relay.httpBase}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
  const lines = (await res.text()).split("\n").filter((l) => l.trim() !== "");
  assert.ok(lines.some((l) => l.startsWith("# TYPE ")), "has # TYPE lines");
  const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|Inf)( [0-9]+)?$/;
  const bad = lines.filter((l) => !l.startsWith("#") && !sample.test(l));
  assert.deepEqual(bad, [], "every sample line is `name{labels} value`");
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  test(`${signal} stops the relay with exit code 0, also with a client connected`, async (t) => {
    const relay = await startRelay();
    t.after(() => relay.stop("SIGKILL"));
    const f = new ClientFactory(relay, "Shutdown");
    t.after(() => f.stopAll());
    // Non-reliable and no auto-reconnect: the SDK would otherwise keep trying to recover for 30 s.
    const watcher = await f.connect({
      token: { userId: "watcher" },
      options: { autoReconnect: false, protocol: WebPubSubJsonProtocol() },
    });
    relay.proc.kill(signal);
    const exit = await withTimeout(relay.exited, 5000, `the relay to exit after ${signal}`);
    assert.deepEqual(exit, { code: 0, signal: null }, relay.describe());
    await watcher.log.waitFor("stopped", () => true, { what: "the client to notice the relay is gone" });
  });
}
