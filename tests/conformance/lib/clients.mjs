// Official SDK clients wired to a test relay, with every event they emit recorded so tests can
// wait for what a user would see (bounded) and check what they must not see.
import { WebPubSubClient } from "@azure/web-pubsub-client";
import { WebPubSubServiceClient } from "@azure/web-pubsub";

import { DEFAULT_TIMEOUT_MS, withTimeout } from "./wait.mjs";

export const EVENTS = ["connected", "disconnected", "stopped", "server-message", "group-message",
                       "rejoin-group-failed"];

// Test defaults: no hidden retries (a Forbidden would otherwise be retried 3 × 1 s), pings
// every second so the relay's ping handling is exercised everywhere, and no keep-alive
// timeout (its 40 s check timer would outlive the test). The keep-alive test sets its own.
export const CLIENT_DEFAULTS = {
  messageRetryOptions: { maxRetries: 0 },
  keepAliveIntervalInMs: 1000,
  keepAliveTimeoutInMs: 0,
};

export function serviceClient(relay, hub, { connectionString = relay.connectionString } = {}) {
  return new WebPubSubServiceClient(connectionString, hub, {
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
}

function summarize(event) {
  const { type, args } = event;
  if (type === "group-message" || type === "server-message") {
    const m = args.message;
    let data = m.data;
    if (data instanceof ArrayBuffer) data = `<binary ${Buffer.from(data).toString("hex")}>`;
    else data = JSON.stringify(data);
    const from = m.group !== undefined ? ` group=${m.group} fromUserId=${m.fromUserId}` : "";
    return `${type}${from} dataType=${m.dataType} seq=${m.sequenceId} data=${data}`;
  }
  return `${type} ${JSON.stringify(args)}`;
}

// Records the events of one WebPubSubClient.
export class EventLog {
  constructor(client) {
    this.events = [];
    this.waiters = new Set();
    for (const type of EVENTS) {
      client.on(type, (args) => this.push({ type, args, at: Date.now() }));
    }
  }

  push(event) {
    this.events.push(event);
    for (const w of [...this.waiters]) {
      if (w.type === event.type && w.predicate(event.args)) {
        this.waiters.delete(w);
        w.resolve(event.args);
      }
    }
  }

  all(type, predicate = () => true) {
    return this.events.filter((e) => e.type === type && predicate(e.args)).map((e) => e.args);
  }

  count(type, predicate) {
    return this.all(type, predicate).length;
  }

  // The first event of `type` matching `predicate`, already seen or still to come.
  waitFor(type, predicate = () => true, { timeoutMs = DEFAULT_TIMEOUT_MS, what } = {}) {
    const seen = this.events.find((e) => e.type === type && predicate(e.args));
    if (seen) return Promise.resolve(seen.args);
    let waiter;
    const promise = new Promise((resolve) => {
      waiter = { type, predicate, resolve };
      this.waiters.add(waiter);
    });
    return withTimeout(promise, timeoutMs, what ?? `a "${type}" event`).catch((err) => {
      this.waiters.delete(waiter);
      err.message += `; events seen:\n${this.describe()}`;
      throw err;
    });
  }

  describe() {
    if (!this.events.length) return "  (none)";
    return this.events.slice(-30).map((e) => `  ${summarize(e)}`).join("\n");
  }
}

// Predicates over message events.
export const groupData = (group, match = () => true) =>
  (e) => e.message.group === group && match(e.message);
export const serverData = (match = () => true) => (e) => match(e.message);
export const dataIs = (expected) => (m) => JSON.stringify(m.data) === JSON.stringify(expected);

// Creates SDK clients for one hub and stops them all at the end of a test.
export class ClientFactory {
  constructor(relay, hub) {
    this.relay = relay;
    this.hub = hub;
    this.service = serviceClient(relay, hub);
    this.clients = [];
  }

  // token: options for getClientAccessToken (userId, roles, groups, expirationTimeInMinutes).
  // url: optional async (tokenUrl) => url rewriter (e.g. to go through a proxy).
  // options: WebPubSubClient options on top of CLIENT_DEFAULTS.
  create({ token = {}, url: rewrite, options = {}, credential } = {}) {
    const probe = { urlCalls: 0, urls: [] };
    const getClientAccessUrl = credential ?? (async () => {
      probe.urlCalls += 1;
      const access = await this.service.getClientAccessToken(token);
      const url = rewrite ? await rewrite(access.url) : access.url;
      probe.urls.push(url);
      return url;
    });
    const client = new WebPubSubClient({ getClientAccessUrl }, { ...CLIENT_DEFAULTS, ...options });
    const log = new EventLog(client);
    const handle = Object.assign(probe, { client, log, userId: token.userId });
    this.clients.push(handle);
    return handle;
  }

  // Starts the client and waits for its `connected` event; sets handle.connectionId.
  async start(handle) {
    await withTimeout(handle.client.start(), DEFAULT_TIMEOUT_MS, "client.start()");
    handle.startIndex = handle.log.events.length;
    const connected = await handle.log.waitFor("connected", () => true, { what: 'the "connected" event' });
    handle.connectionId = connected.connectionId;
    return handle;
  }

  async connect(spec = {}) {
    return this.start(this.create(spec));
  }

  // stop() in SDK 1.1.0 is ignored while the client is between sockets (reconnecting or
  // recovering), so it is repeated for a bounded time. A client that still has not stopped is
  // left to `node --test --test-force-exit`.
  async stopAll() {
    await Promise.all(this.clients.map(async ({ client, log, startIndex }) => {
      if (startIndex === undefined) {
        client.stop(); // never started: a no-op
        return;
      }
      const stoppedSinceStart = () => log.events.slice(startIndex).some((e) => e.type === "stopped");
      for (let attempt = 0; attempt < 6 && !stoppedSinceStart(); ++attempt) {
        client.stop();
        await log.waitFor("stopped", () => stoppedSinceStart(), { timeoutMs: 500 }).catch(() => {});
      }
    }));
  }
}

export function bytes(arrayBuffer) {
  return [...new Uint8Array(arrayBuffer)];
}
