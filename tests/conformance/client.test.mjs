// @azure/web-pubsub-client against watchroom-relay: what an application built on the official
// client SDK sees (reference §4, §5, §7, §10).
import assert from "node:assert/strict";
import { test } from "node:test";

import { WebPubSubJsonProtocol } from "@azure/web-pubsub-client";

import { PUBSUB_ROLES, assertSendError, barrier } from "./lib/checks.mjs";
import { bytes, dataIs, groupData, serverData, serviceClient } from "./lib/clients.mjs";
import { startProxy } from "./lib/proxy.mjs";
import { factoryFor, useRelay } from "./lib/suite.mjs";
import { waitUntil } from "./lib/wait.mjs";

const ctx = useRelay();

test("json, text and binary group messages reach another member with fromUserId and dataType", async (t) => {
  const f = factoryFor(t, ctx);
  const alice = await f.connect({ token: { userId: "alice", roles: PUBSUB_ROLES } });
  const bob = await f.connect({ token: { userId: "bob", roles: PUBSUB_ROLES } });
  await bob.client.joinGroup("room");

  const json = { text: "hi", n: 1, nested: { ok: true, list: [1, "two", null] } };
  const text = "plain text with ünïcödé ✓";
  const binary = new Uint8Array([0, 1, 2, 127, 128, 253, 254, 255]);
  await alice.client.sendToGroup("room", json, "json");
  await alice.client.sendToGroup("room", text, "text");
  await alice.client.sendToGroup("room", binary.buffer, "binary");

  await bob.log.waitFor("group-message", groupData("room", (m) => m.dataType === "binary"));
  const got = bob.log.all("group-message").map((e) => e.message);
  assert.deepEqual(got.map((m) => m.dataType), ["json", "text", "binary"], "three messages, in send order");
  for (const m of got) {
    assert.equal(m.group, "room");
    assert.equal(m.fromUserId, "alice", "the relay stamps the sender's userId");
  }
  assert.deepEqual(got[0].data, json);
  assert.equal(got[1].data, text);
  assert.ok(got[2].data instanceof ArrayBuffer, "binary data is decoded to an ArrayBuffer");
  assert.deepEqual(bytes(got[2].data), [...binary]);
  const seq = got.map((m) => m.sequenceId);
  assert.ok(seq.every((s, i) => Number.isInteger(s) && (i === 0 || s > seq[i - 1])),
            `reliable messages carry increasing sequenceIds, got ${seq}`);

  // Alice published without being a member: she gets no copy.
  await barrier(f, alice);
  assert.equal(alice.log.count("group-message"), 0, alice.log.describe());
});

test("acks resolve with the ackId and isDuplicated false; a reused ackId is a duplicate, delivered once",
  async (t) => {
    const f = factoryFor(t, ctx);
    const alice = await f.connect({ token: { userId: "alice", roles: PUBSUB_ROLES } });
    const bob = await f.connect({ token: { userId: "bob", roles: PUBSUB_ROLES } });
    await bob.client.joinGroup("room");

    const joined = await alice.client.joinGroup("room");
    const sent = await alice.client.sendToGroup("room", "hello", "text");
    const left = await alice.client.leaveGroup("room");
    for (const result of [joined, sent, left]) {
      assert.equal(typeof result.ackId, "number");
      assert.equal(result.isDuplicated, false);
    }
    assert.ok(joined.ackId < sent.ackId && sent.ackId < left.ackId);

    const first = await alice.client.sendToGroup("room", { copy: 1 }, "json", { ackId: 4242 });
    assert.deepEqual(first, { ackId: 4242, isDuplicated: false });
    const again = await alice.client.sendToGroup("room", { copy: 2 }, "json", { ackId: 4242 });
    assert.deepEqual(again, { ackId: 4242, isDuplicated: true },
                     "the relay answers a reused ackId with a Duplicate ack, which the SDK reports as isDuplicated");

    await bob.log.waitFor("group-message", groupData("room", dataIs({ copy: 1 })));
    await barrier(f, bob);
    assert.equal(bob.log.count("group-message", groupData("room", dataIs({ copy: 2 }))), 0,
                 "a request with an already processed ackId must not be executed again");
  });

test("fireAndForget sends carry no ackId and still reach the group", async (t) => {
  const f = factoryFor(t, ctx);
  const alice = await f.connect({ token: { userId: "alice", roles: PUBSUB_ROLES } });
  const bob = await f.connect({ token: { userId: "bob", roles: PUBSUB_ROLES } });
  await bob.client.joinGroup("room");

  const result = await alice.client.sendToGroup("room", { fast: true }, "json", { fireAndForget: true });
  assert.deepEqual(result, { isDuplicated: false });
  const m = await bob.log.waitFor("group-message", groupData("room", dataIs({ fast: true })));
  assert.equal(m.message.fromUserId, "alice");

  // Without the role a fire-and-forget send is dropped silently and the connection stays usable.
  const carol = await f.connect({ token: { userId: "carol", roles: ["webpubsub.joinLeaveGroup"] } });
  await carol.client.sendToGroup("room", { sneaky: true }, "json", { fireAndForget: true });
  await carol.client.joinGroup("room");
  await barrier(f, bob);
  assert.equal(bob.log.count("group-message", groupData("room", dataIs({ sneaky: true }))), 0);
  assert.equal(carol.log.count("disconnected"), 0, carol.log.describe());
});

test("noEcho: the sender gets no copy of its own message, other members do", async (t) => {
  const f = factoryFor(t, ctx);
  const alice = await f.connect({ token: { userId: "alice", roles: PUBSUB_ROLES } });
  const bob = await f.connect({ token: { userId: "bob", roles: PUBSUB_ROLES } });
  await alice.client.joinGroup("room");
  await bob.client.joinGroup("room");

  await alice.client.sendToGroup("room", { n: "quiet" }, "json", { noEcho: true });
  await alice.client.sendToGroup("room", { n: "loud" }, "json"); // echoed: also the barrier for alice
  await alice.log.waitFor("group-message", groupData("room", dataIs({ n: "loud" })));
  await bob.log.waitFor("group-message", groupData("room", dataIs({ n: "loud" })));

  assert.deepEqual(alice.log.all("group-message").map((e) => e.message.data), [{ n: "loud" }],
                   "alice must not receive her noEcho message");
  assert.deepEqual(bob.log.all("group-message").map((e) => e.message.data), [{ n: "quiet" }, { n: "loud" }]);
});

test("leaveGroup stops delivery to the leaver only", async (t) => {
  const f = factoryFor(t, ctx);
  const alice = await f.connect({ token: { userId: "alice", roles: PUBSUB_ROLES } });
  const bob = await f.connect({ token: { userId: "bob", roles: PUBSUB_ROLES } });
  await alice.client.joinGroup("room");
  await bob.client.joinGroup("room");
  await alice.client.leaveGroup("room");

  await bob.client.sendToGroup("room", { after: "leave" }, "json");
  await bob.log.waitFor("group-message", groupData("room", dataIs({ after: "leave" })));
  await barrier(f, alice);
  assert.equal(alice.log.count("group-message"), 0, alice.log.describe());
});

test("server messages from sendToAll, sendToUser and sendToConnection reach the client", async (t) => {
  const f = factoryFor(t, ctx);
  const alice = await f.connect({ token: { userId: "alice" } });

  await f.service.sendToAll({ to: "all" });
  await f.service.sendToUser("alice", "to alice", { contentType: "text/plain" });
  await f.service.sendToConnection(alice.connectionId, new Uint8Array([9, 8, 7]));

  await alice.log.waitFor("server-message", serverData((m) => m.dataType === "binary"));
  const got = alice.log.all("server-message").map((e) => e.message);
  assert.deepEqual(got.map((m) => m.dataType), ["json", "text", "binary"]);
  assert.deepEqual(got[0].data, { to: "all" });
  assert.equal(got[1].data, "to alice");
  assert.deepEqual(bytes(got[2].data), [9, 8, 7]);
  for (const m of got) {
    assert.equal(m.from, "server");
    assert.equal(m.group, undefined);
  }
});

test("missing roles are refused with SendMessageError Forbidden and nothing is delivered", async (t) => {
  const f = factoryFor(t, ctx);
  const bob = await f.connect({ token: { userId: "bob", roles: PUBSUB_ROLES } });
  await bob.client.joinGroup("room");

  const carol = await f.connect({ token: { userId: "carol", roles: ["webpubsub.joinLeaveGroup"] } });
  await carol.client.joinGroup("room");
  await assertSendError(carol.client.sendToGroup("room", "not allowed", "text"), "Forbidden");

  const dave = await f.connect({ token: { userId: "dave" } });
  await assertSendError(dave.client.joinGroup("room"), "Forbidden");
  await assertSendError(dave.client.sendToGroup("room", "not allowed either", "text"), "Forbidden");

  // Roles scoped to one group allow that group only.
  const erin = await f.connect({
    token: { userId: "erin", roles: ["webpubsub.sendToGroup.room", "webpubsub.joinLeaveGroup.room"] },
  });
  await erin.client.joinGroup("room");
  await assertSendError(erin.client.joinGroup("elsewhere"), "Forbidden");
  await erin.client.sendToGroup("room", "scoped ok", "text");
  await assertSendError(erin.client.sendToGroup("elsewhere", "scoped no", "text"), "Forbidden");

  await bob.log.waitFor("group-message", groupData("room", (m) => m.data === "scoped ok"));
  await barrier(f, bob);
  const texts = bob.log.all("group-message").map((e) => e.message.data);
  assert.deepEqual(texts, ["scoped ok"], "refused sends must not be delivered");

  // A refusal does not cost the connection.
  for (const h of [carol, dave, erin]) {
    assert.equal(h.log.count("disconnected"), 0, h.log.describe());
  }
  await carol.client.leaveGroup("room");
});

test("groups in the token are joined on connect, without a join role", async (t) => {
  const f = factoryFor(t, ctx);
  const alice = await f.connect({ token: { userId: "alice", roles: PUBSUB_ROLES } });
  const frank = await f.connect({ token: { userId: "frank", groups: ["auto-a", "auto-b"] } });

  await alice.client.sendToGroup("auto-a", "to a", "text");
  await alice.client.sendToGroup("auto-b", "to b", "text");
  await alice.client.sendToGroup("auto-c", "to c", "text");
  await frank.log.waitFor("group-message", groupData("auto-b"));
  await barrier(f, frank);
  assert.deepEqual(frank.log.all("group-message").map((e) => `${e.message.group}:${e.message.data}`),
                   ["auto-a:to a", "auto-b:to b"]);
});

test("a getClientAccessUrl function that fetches the relay's /negotiate connects", async (t) => {
  const f = factoryFor(t, ctx);
  const bodies = [];
  const negotiate = async () => {
    const res = await fetch(`${ctx.relay.httpBase}/negotiate?board=confboard&user=carol&role=admin`);
    assert.equal(res.status, 200, `GET /negotiate answered ${res.status}`);
    const body = await res.json();
    bodies.push(body);
    return body.url;
  };
  const carol = await f.start(f.create({ credential: negotiate }));

  assert.equal(bodies.length, 1, "getClientAccessUrl is called once on start");
  const [body] = bodies;
  assert.equal(typeof body.url, "string");
  assert.equal(body.url, `${body.baseUrl}?access_token=${body.token}`, "url = baseUrl?access_token=token");
  const url = new URL(body.url);
  assert.equal(url.protocol, "ws:");
  const hub = /^\/client\/hubs\/([^/]+)$/.exec(url.pathname)?.[1];
  assert.ok(hub, `negotiate URL path ${url.pathname} is /client/hubs/<hub>`);
  assert.equal(carol.log.all("connected")[0].userId, "carol");

  // The negotiated connection is a full participant of that hub.
  const service = serviceClient(ctx.relay, hub);
  await service.sendToUser("carol", { negotiated: true });
  await carol.log.waitFor("server-message", serverData(dataIs({ negotiated: true })));
  await carol.client.joinGroup("confboard.annotations");
  await carol.client.sendToGroup("confboard.annotations", { probe: "conformance" }, "json");
  await carol.log.waitFor("group-message", groupData("confboard.annotations", dataIs({ probe: "conformance" })));
});

test("negotiate roles map to the documented Web PubSub permissions", async (t) => {
  const f = factoryFor(t, ctx);
  const as = (user, role) => f.start(f.create({
    credential: async () => {
      const res = await fetch(`${ctx.relay.httpBase}/negotiate?board=rolesboard&user=${user}&role=${role}`);
      assert.equal(res.status, 200, `GET /negotiate role=${role} answered ${res.status}`);
      return (await res.json()).url;
    },
  }));
  const probe = { probe: "conformance" };

  const viewer = await as("vic", "viewer");
  await viewer.client.joinGroup("rolesboard.presence");
  await viewer.client.sendToGroup("rolesboard.presence", probe, "json", { noEcho: true });
  await assertSendError(viewer.client.sendToGroup("rolesboard.annotations", probe, "json"), "Forbidden");
  await assertSendError(viewer.client.sendToGroup("rolesboard.metrics", probe, "json"), "Forbidden");

  const annotator = await as("ann", "annotator");
  await annotator.client.joinGroup("rolesboard.annotations");
  await annotator.client.sendToGroup("rolesboard.annotations", probe, "json", { noEcho: true });
  await assertSendError(annotator.client.sendToGroup("rolesboard.metrics", probe, "json"), "Forbidden");

  const source = await as("src", "source");
  await source.client.sendToGroup("rolesboard.metrics", probe, "json");
  await assertSendError(source.client.sendToGroup("rolesboard.annotations", probe, "json"), "Forbidden");

  const admin = await as("adm", "admin");
  await admin.client.joinGroup("anything");
  await admin.client.sendToGroup("rolesboard.annotations", probe, "json", { noEcho: true });
});

test("the hub can be given in the query: /client/?hub=<hub>&access_token=…", async (t) => {
  const f = factoryFor(t, ctx);
  const { token } = await f.service.getClientAccessToken({ userId: "quinn" });
  const url = `${ctx.relay.wsBase}/client/?hub=${f.hub}&access_token=${token}`;
  const quinn = await f.start(f.create({ credential: url }));
  await f.service.sendToUser("quinn", "query hub");
  await quinn.log.waitFor("server-message", serverData((m) => m.data === "query hub"));
});

test("the non-reliable json.webpubsub.azure.v1 protocol works, without sequenceIds", async (t) => {
  const f = factoryFor(t, ctx);
  const alice = await f.connect({ token: { userId: "alice", roles: PUBSUB_ROLES } });
  const nora = await f.connect({
    token: { userId: "nora", roles: PUBSUB_ROLES },
    options: { protocol: WebPubSubJsonProtocol() },
  });
  await nora.client.joinGroup("room");
  await alice.client.sendToGroup("room", { plain: true }, "json");
  const m = await nora.log.waitFor("group-message", groupData("room"));
  assert.deepEqual(m.message.data, { plain: true });
  assert.equal(m.message.fromUserId, "alice");
  assert.equal(m.message.sequenceId, undefined, "no sequenceId on the non-reliable protocol");
});

test("wire: subprotocol echoed, text frames only, connected first, sequenceIds from 1", async (t) => {
  const f = factoryFor(t, ctx);
  const proxy = await startProxy(ctx.relay.port);
  t.after(() => proxy.close());
  const wire = await f.connect({ token: { userId: "wire", roles: PUBSUB_ROLES }, url: (u) => proxy.rewrite(u) });
  await wire.client.joinGroup("room");
  await wire.client.sendToGroup("room", { a: 1 }, "json");
  await wire.client.sendToGroup("room", "b", "text");
  await f.service.sendToConnection(wire.connectionId, "c", { contentType: "text/plain" });
  await wire.log.waitFor("server-message", serverData((m) => m.data === "c"));

  const [conn, ...others] = proxy.upgrades();
  assert.equal(others.length, 0, proxy.describe());
  assert.equal(conn.response.status, 101);
  assert.equal(conn.request.headers["sec-websocket-protocol"], "json.reliable.webpubsub.azure.v1");
  assert.equal(conn.response.headers["sec-websocket-protocol"], "json.reliable.webpubsub.azure.v1",
               "the relay must echo the offered subprotocol");

  const data = conn.down.filter((fr) => ["text", "binary", "continuation"].includes(fr.opcode));
  assert.ok(data.every((fr) => fr.opcode === "text"),
            `relay→client frames must be text frames; got ${data.map((fr) => fr.opcode)}`);
  if (data.some((fr) => fr.compressed)) {
    t.diagnostic("frames are compressed (permessage-deflate); skipping the frame content checks");
    return;
  }
  assert.ok(data.every((fr) => fr.json), "every frame is one JSON message");
  const first = data[0].json;
  assert.equal(first.type, "system");
  assert.equal(first.event, "connected");
  assert.equal(first.connectionId, wire.connectionId);
  assert.equal(first.userId, "wire");
  assert.equal(typeof first.reconnectionToken, "string");
  assert.ok(first.reconnectionToken.length > 0, "a reliable connection gets a reconnectionToken");

  const seq = data.map((fr) => fr.json).filter((m) => m.type === "message").map((m) => m.sequenceId);
  assert.deepEqual(seq, seq.map((_, i) => i + 1), "sequenceIds count 1, 2, 3… per connection");
  const acks = data.map((fr) => fr.json).filter((m) => m.type === "ack");
  assert.equal(acks.length, 3, "one ack per request with an ackId (join + 2 sends)");
  assert.ok(acks.every((a) => a.success === true));
});

test("the relay answers keep-alive pings, so an idle client is not dropped", async (t) => {
  const f = factoryFor(t, ctx);
  const proxy = await startProxy(ctx.relay.port);
  t.after(() => proxy.close());
  // Pings every 200 ms; the SDK closes the socket after 1.5 s without any inbound message.
  const idle = await f.connect({
    token: { userId: "idle" },
    url: (u) => proxy.rewrite(u),
    options: { keepAliveIntervalInMs: 200, keepAliveTimeoutInMs: 1500 },
  });
  const [conn] = proxy.upgrades();
  const count = (frames, type) => frames.filter((fr) => fr.json?.type === type).length;
  await waitUntil(() => count(conn.up, "ping") >= 12, {
    timeoutMs: 6000,
    what: "12 keep-alive pings (2.4 s, longer than the 1.5 s keep-alive timeout)",
    describe: () => proxy.describe(),
  });
  assert.ok(count(conn.down, "pong") >= 10, `pongs seen: ${count(conn.down, "pong")}`);
  assert.equal(proxy.upgrades().length, 1, `the client had to reconnect:\n${proxy.describe()}`);
  assert.equal(conn.closed, false);
  assert.equal(idle.log.count("disconnected"), 0);
});
