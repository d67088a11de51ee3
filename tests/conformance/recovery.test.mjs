// Reliable-protocol recovery (reference §6.2, §10.2, §11): the relay's WebSocket traffic runs
// through a loopback TCP proxy that the test can cut with a TCP reset, so neither side sees a
// close frame, as on a real network drop.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PUBSUB_ROLES } from "./lib/checks.mjs";
import { dataIs, groupData, serverData } from "./lib/clients.mjs";
import { redact, startProxy } from "./lib/proxy.mjs";
import { factoryFor, useRelay } from "./lib/suite.mjs";
import { sleep, waitUntil, withTimeout } from "./lib/wait.mjs";

const ctx = useRelay();

// Appends the proxy's view of the wire to a failure.
async function explained(promise, proxy) {
  try {
    return await promise;
  } catch (err) {
    err.message += `\nconnections through the proxy:\n${proxy.describe()}\n${ctx.relay.describe()}`;
    throw err;
  }
}

const recoveryAttempts = (proxy, connectionId) =>
  proxy.upgrades().filter((c) => c.request?.url.searchParams.get("awps_connection_id") === connectionId);

test("an abrupt drop mid-stream is recovered on the same connection, every message exactly once, in order",
  async (t) => {
    const f = factoryFor(t, ctx, "Recover");
    const proxy = await startProxy(ctx.relay.port);
    t.after(() => proxy.close());
    const rita = await f.connect({ token: { userId: "rita", roles: PUBSUB_ROLES }, url: (u) => proxy.rewrite(u) });
    await rita.client.joinGroup("stream");
    const sam = await f.connect({ token: { userId: "sam", roles: PUBSUB_ROLES } });

    const N = 400;
    const ackedAt = [];
    const received = () => rita.log.all("group-message", groupData("stream")).map((e) => e.message.data);
    const sending = (async () => {
      for (let i = 0; i < N; ++i) {
        if (i === 40) {
          // Rita has seen some of the stream; cut her off mid-flow and keep her out for a while
          // (her first recovery attempt fails, the SDK retries after 1 s) while Sam goes on.
          await waitUntil(() => received().length >= 20, { what: "rita to receive 20 messages" });
          proxy.block();
          proxy.dropAll();
          setTimeout(() => proxy.unblock(), 500);
        }
        await sam.client.sendToGroup("stream", { i }, "json");
        ackedAt.push(Date.now());
        await sleep(3);
      }
      await sam.client.sendToGroup("stream", { end: true }, "json");
    })();
    await explained(withTimeout(sending, 20_000, "Sam's 400 acked sends"), proxy);
    // A `disconnected` event means recovery already failed: report that at once.
    const endMarker = rita.log.waitFor("group-message", groupData("stream", dataIs({ end: true })),
                                       { timeoutMs: 15_000, what: "the end marker after recovery" });
    const lost = rita.log.waitFor("disconnected", () => true, { timeoutMs: 15_000 }).then((e) => {
      throw new Error(`the SDK gave up recovering and emitted disconnected ${JSON.stringify(e)}; ` +
                      `events seen:\n${rita.log.describe()}`);
    });
    lost.catch(() => {}); // settles after the race when recovery works
    await explained(Promise.race([endMarker, lost]), proxy);

    const ids = received().filter((d) => !d.end).map((d) => d.i);
    const missing = [...Array(N).keys()].filter((i) => !ids.includes(i));
    const duplicates = ids.filter((i, k) => ids.indexOf(i) !== k);
    assert.deepEqual({ missing, duplicates }, { missing: [], duplicates: [] }, "no loss, no duplicates");
    assert.deepEqual(ids, [...Array(N).keys()], "in order");

    // Recovery is invisible to the application: no new connection, no new `connected` event.
    assert.equal(rita.log.count("connected"), 1, rita.log.describe());
    assert.equal(rita.log.count("disconnected"), 0, rita.log.describe());
    assert.equal(rita.urlCalls, 1, "no new getClientAccessUrl call: recovery reuses the URL");
    const attempts = recoveryAttempts(proxy, rita.connectionId);
    assert.ok(attempts.length >= 1, `the SDK recovered with awps_connection_id:\n${proxy.describe()}`);
    const accepted = attempts.filter((c) => c.response?.status === 101);
    assert.equal(accepted.length, 1, `exactly one recovery upgrade accepted:\n${proxy.describe()}`);
    // The stream must have gone on while rita was away and after she came back, or this test
    // would not have exercised replay and its interleaving with live messages.
    const sentWhileAway = ackedAt.filter((at) => at > proxy.lastDropAt && at < accepted[0].acceptedAt).length;
    const sentAfter = ackedAt.filter((at) => at > accepted[0].acceptedAt).length;
    t.diagnostic(`${sentWhileAway} messages sent while rita was away, ${sentAfter} after she recovered`);
    assert.ok(sentWhileAway > 0 && sentAfter > 0, "the stream spans the outage and the recovery");
    const closeFrame = accepted[0].down.find((fr) => fr.opcode === "close");
    assert.equal(closeFrame, undefined, `the recovered socket was closed by the relay:\n${proxy.describe()}`);

    // The recovered socket is the same connection as far as the relay is concerned.
    assert.equal(await f.service.connectionExists(rita.connectionId), true);
    await f.service.sendToConnection(rita.connectionId, { after: "recovery" });
    await rita.log.waitFor("server-message", serverData(dataIs({ after: "recovery" })));
    await sam.client.sendToGroup("stream", { still: "member" }, "json");
    await rita.log.waitFor("group-message", groupData("stream", dataIs({ still: "member" })));
  });

test("recovery into a session the relay no longer has gets 1008, then a new connection rejoins its groups",
  async (t) => {
    const f = factoryFor(t, ctx, "Recover");
    const proxy = await startProxy(ctx.relay.port);
    t.after(() => proxy.close());
    const gina = await f.connect({ token: { userId: "gina", roles: PUBSUB_ROLES }, url: (u) => proxy.rewrite(u) });
    await gina.client.joinGroup("keep");
    const oldId = gina.connectionId;

    // Drop gina, and while she cannot reach the relay, end her session there.
    proxy.block();
    proxy.dropAll();
    await f.service.closeConnection(oldId, { reason: "session ended by the test" });
    assert.equal(await f.service.connectionExists(oldId), false);
    proxy.unblock();

    const disconnected = await explained(gina.log.waitFor("disconnected", () => true,
      { timeoutMs: 8000, what: "the disconnected event after a refused recovery" }), proxy);
    assert.equal(disconnected.connectionId, oldId);
    const connected = await explained(gina.log.waitFor("connected", (e) => e.connectionId !== oldId,
      { timeoutMs: 8000, what: "a connected event for a new connection" }), proxy);
    assert.equal(connected.userId, "gina");
    assert.equal(gina.urlCalls, 2, "the new connection gets a fresh URL from getClientAccessUrl");

    const attempts = recoveryAttempts(proxy, oldId).filter((c) => c.response);
    assert.ok(attempts.length >= 1, `the SDK tried to recover:\n${proxy.describe()}`);
    for (const attempt of attempts) {
      const close = attempt.down.find((fr) => fr.opcode === "close");
      assert.equal(attempt.response.status, 101,
                   `a recovery for a gone session must be accepted and then closed with 1008 ` +
                   `(the SDK ignores close codes before the upgrade):\n${proxy.describe()}`);
      assert.equal(close?.closeCode, 1008, `recovery ${redact(attempt.request.path)}:\n${proxy.describe()}`);
    }

    // The SDK rejoined "keep" on the new connection.
    const sam = await f.connect({ token: { userId: "sam", roles: PUBSUB_ROLES } });
    await sam.client.sendToGroup("keep", { after: "reconnect" }, "json");
    await gina.log.waitFor("group-message", groupData("keep", dataIs({ after: "reconnect" })));
    assert.equal(gina.log.count("rejoin-group-failed"), 0, gina.log.describe());
  });

test("a REST close is final: the SDK does not recover into the closed session, it reconnects and rejoins",
  async (t) => {
    const f = factoryFor(t, ctx, "Recover");
    const proxy = await startProxy(ctx.relay.port);
    t.after(() => proxy.close());
    const hank = await f.connect({ token: { userId: "hank", roles: PUBSUB_ROLES }, url: (u) => proxy.rewrite(u) });
    await hank.client.joinGroup("keep");
    const oldId = hank.connectionId;

    await f.service.closeConnection(oldId, { reason: "kicked" });
    const disconnected = await explained(hank.log.waitFor("disconnected", () => true, { timeoutMs: 8000 }), proxy);
    assert.equal(disconnected.connectionId, oldId);
    assert.match(disconnected.message?.message ?? "", /kicked/,
                 "the disconnected system message carries the REST reason");
    await explained(hank.log.waitFor("connected", (e) => e.connectionId !== oldId, { timeoutMs: 8000 }), proxy);

    // Either the relay closed with 1008 straight away, or it refused the recovery with 1008.
    const [first] = proxy.upgrades();
    const firstClose = first.down.find((fr) => fr.opcode === "close");
    const attempts = recoveryAttempts(proxy, oldId).filter((c) => c.response);
    if (firstClose?.closeCode !== 1008) {
      assert.ok(attempts.length >= 1, proxy.describe());
    }
    for (const attempt of attempts) {
      assert.equal(attempt.response.status, 101, proxy.describe());
      assert.equal(attempt.down.find((fr) => fr.opcode === "close")?.closeCode, 1008, proxy.describe());
    }

    await f.service.group("keep").sendToAll({ to: "keep" });
    await hank.log.waitFor("group-message", groupData("keep", dataIs({ to: "keep" })));
  });
