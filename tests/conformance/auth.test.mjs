// Tokens the relay must refuse (reference §1.5, §1.6, §11): HTTP 401 before the upgrade, so
// the SDK's start() rejects; REST calls signed with the wrong key fail with 401.
import assert from "node:assert/strict";
import { test } from "node:test";

import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { WebPubSubClient } from "@azure/web-pubsub-client";

import { assertRestError, rawExchange, upgradeStatus } from "./lib/checks.mjs";
import { CLIENT_DEFAULTS, serviceClient } from "./lib/clients.mjs";
import { ACCESS_KEY } from "./lib/relay.mjs";
import { factoryFor, useRelay } from "./lib/suite.mjs";
import { withTimeout } from "./lib/wait.mjs";

const ctx = useRelay();
const WRONG_KEY = "U29tZU90aGVyS2V5VGhhdElzTm90VGhlUmVsYXlzS2V5MDA=";

function wrongKeyService(hub) {
  const connectionString = ctx.relay.connectionString.replace(`AccessKey=${ACCESS_KEY}`, `AccessKey=${WRONG_KEY}`);
  assert.notEqual(connectionString, ctx.relay.connectionString, "the connection string carries the test key");
  return serviceClient(ctx.relay, hub, { connectionString });
}

// The SDK's view (start() rejects, nothing is emitted) and the wire's view (HTTP 401).
async function assertRefused(url) {
  const client = new WebPubSubClient(url, CLIENT_DEFAULTS);
  let connected = 0;
  client.on("connected", () => { connected += 1; });
  await assert.rejects(withTimeout(client.start(), 5000, "start() to fail"), (err) => {
    assert.match(String(err?.message), /401/, `start() should fail with the relay's 401, got: ${err?.message}`);
    return true;
  });
  client.stop();
  assert.equal(connected, 0);
  const { status } = await upgradeStatus(url);
  assert.equal(status, 401, `the upgrade request is answered with HTTP ${status}`);
}

test("control: a token signed with the relay's key is accepted", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  const { url } = await f.service.getClientAccessToken({ userId: "ok" });
  assert.equal((await upgradeStatus(url)).status, 101);
  await f.start(f.create({ credential: url }));
});

test("a client token signed with a wrong key fails start() with HTTP 401", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  const { url } = await wrongKeyService(f.hub).getClientAccessToken({ userId: "mallory" });
  await assertRefused(url);
});

test("an expired client token fails start() with HTTP 401", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  // Ten minutes past expiry: beyond any clock-skew allowance.
  const { url } = await f.service.getClientAccessToken({ userId: "late", expirationTimeInMinutes: -10 });
  await assertRefused(url);
});

test("a missing token or a token for another hub fails with HTTP 401", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  await assertRefused(`${ctx.relay.wsBase}/client/hubs/${f.hub}`);
  const { token } = await serviceClient(ctx.relay, "SomeOtherHub").getClientAccessToken({ userId: "hopper" });
  await assertRefused(`${ctx.relay.wsBase}/client/hubs/${f.hub}?access_token=${token}`);
});

test("a refused upgrade gets exactly one HTTP 401 response on its connection", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  const request = [
    `GET /client/hubs/${f.hub}?access_token=not.a.token HTTP/1.1`,
    `Host: 127.0.0.1:${ctx.relay.port}`,
    "Connection: Upgrade",
    "Upgrade: websocket",
    "Sec-WebSocket-Version: 13",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Protocol: json.reliable.webpubsub.azure.v1",
    "", "",
  ].join("\r\n");
  const { text } = await rawExchange(ctx.relay.port, request);
  const statusLines = text.split("\r\n").filter((l) => /^HTTP\/1\.[01] \d{3}/.test(l));
  assert.deepEqual(statusLines.map((l) => l.split(" ")[1]), ["401"],
                   `one request, one response; the relay sent:\n${text}`);
});

test("the token may come in an Authorization: Bearer header instead of the query", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  const { token, baseUrl } = await f.service.getClientAccessToken({ userId: "bearer" });
  assert.equal((await upgradeStatus(baseUrl, { headers: { Authorization: `Bearer ${token}` } })).status, 101);
});

test("REST calls signed with a wrong key are refused with 401, and have no effect", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  const alice = await f.connect({ token: { userId: "alice" } });
  const wrong = wrongKeyService(f.hub);
  await assertRestError(wrong.sendToAll({ forged: true }), 401);
  await assertRestError(wrong.closeConnection(alice.connectionId), 401);
  await assertRestError(wrong.connectionExists(alice.connectionId), 401);
  await assertRestError(wrong.group("g").addConnection(alice.connectionId), 401);

  await f.service.sendToConnection(alice.connectionId, { genuine: true });
  await alice.log.waitFor("server-message", (e) => e.message.data?.genuine === true);
  assert.deepEqual(alice.log.all("server-message").map((e) => e.message.data), [{ genuine: true }]);
  assert.equal(await f.service.groupExists("g"), false);
});

test("REST through a reverse proxy: tokens whose audience names another host are accepted", async (t) => {
  const f = factoryFor(t, ctx, "Auth");
  const alice = await f.connect({ token: { userId: "alice" } });
  // The SDK signs for the connection string's endpoint, then reverseProxyEndpoint re-targets the
  // request: the relay sees an aud with a host that is not its own (reference §1.5, §1.6).
  const proxied = new WebPubSubServiceClient(
    `Endpoint=http://webpubsub.example.invalid;AccessKey=${ACCESS_KEY};Version=1.0;`, f.hub,
    { allowInsecureConnection: true, reverseProxyEndpoint: ctx.relay.httpBase, retryOptions: { maxRetries: 0 } });
  assert.equal(await proxied.connectionExists(alice.connectionId), true);
  await proxied.sendToUser("alice", { via: "reverse proxy" });
  await alice.log.waitFor("server-message", (e) => e.message.data?.via === "reverse proxy");

  // Client tokens signed for that host connect too.
  const { token } = await proxied.getClientAccessToken({ userId: "bert" });
  await f.start(f.create({ credential: `${ctx.relay.wsBase}/client/hubs/${f.hub}?access_token=${token}` }));
});
