// Per-file fixture: one relay for the whole file, one fresh hub and client factory per test.
import { after, before } from "node:test";

import { ClientFactory } from "./clients.mjs";
import { startRelay } from "./relay.mjs";

export function useRelay(options) {
  const ctx = { relay: null };
  before(async () => {
    ctx.relay = await startRelay(options);
  });
  after(async () => {
    if (!ctx.relay) return;
    const diedEarly = ctx.relay.exit !== null;
    await ctx.relay.stop();
    if (diedEarly) {
      throw new Error(`watchroom-relay died while the tests ran: ${ctx.relay.describe()}`);
    }
  });
  return ctx;
}

let hubCounter = 0;

// Hubs keep their case in SDK URLs; mixed case checks the relay keeps it consistent too.
export function uniqueHub(prefix) {
  hubCounter += 1;
  return `${prefix}_${hubCounter}`;
}

// A factory on a fresh hub whose clients are stopped when test `t` ends.
export function factoryFor(t, ctx, prefix = "Conf") {
  const factory = new ClientFactory(ctx.relay, uniqueHub(prefix));
  t.after(() => factory.stopAll());
  return factory;
}
