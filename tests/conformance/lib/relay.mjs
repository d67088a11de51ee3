// Starts watchroom-relay (path in WATCHROOM_RELAY) on 127.0.0.1 with an ephemeral port, a
// temporary data directory and a fixed access key, and stops it again.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

// Base64-shaped like a real Azure key, '=' included: the relay must sign and verify with the
// UTF-8 bytes of this string, not with its base64 decoding (reference §1.3).
export const ACCESS_KEY = "V2F0Y2hyb29tQ29uZm9ybWFuY2VUZXN0S2V5MDEyMzQ1Njc=";

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

// The SDKs' HTTP pipeline honours HTTP(S)_PROXY; loopback traffic must never go through one.
for (const name of ["NO_PROXY", "no_proxy"]) {
  process.env[name] = [process.env[name], "127.0.0.1", "localhost"].filter(Boolean).join(",");
}

export function relayPath() {
  const path = process.env.WATCHROOM_RELAY;
  if (!path) {
    throw new Error("WATCHROOM_RELAY is not set: point it at the watchroom-relay binary");
  }
  return path;
}

export class Relay {
  constructor(proc, dataDir) {
    this.proc = proc;
    this.dataDir = dataDir;
    this.stdoutLines = [];
    this.stderrTail = "";
    this.exit = null; // {code, signal} once the process has exited
    this.exited = new Promise((resolve) => {
      proc.once("exit", (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    this.stopping = false;
    this.lineWaiters = [];
  }

  // Resolves with the match of the first stdout line (already printed or future) matching `re`.
  waitForStdout(re, timeoutMs = 2000) {
    const seen = this.stdoutLines.map((l) => re.exec(l)).find(Boolean);
    if (seen) {
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const waiter = { re, resolve };
      this.lineWaiters.push(waiter);
      setTimeout(() => {
        this.lineWaiters = this.lineWaiters.filter((w) => w !== waiter);
        reject(new Error(`relay printed no line matching ${re} within ${timeoutMs} ms; stdout:\n` +
                         this.stdoutLines.join("\n")));
      }, timeoutMs).unref();
    });
  }

  get port() {
    return this.listenUrl.port;
  }

  // http://127.0.0.1:PORT (no trailing slash)
  get httpBase() {
    return this.listenUrl.origin;
  }

  get wsBase() {
    return this.httpBase.replace(/^http/, "ws");
  }

  describe() {
    const exit = this.exit ? `exit code ${this.exit.code}, signal ${this.exit.signal}` : "running";
    return `relay (${exit}); stderr tail:\n${this.stderrTail || "(empty)"}`;
  }

  // Sends `signal`, waits for the exit, escalates to SIGKILL after a bounded wait.
  async stop(signal = "SIGTERM") {
    this.stopping = true;
    if (!this.exit) {
      this.proc.kill(signal);
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timer);
    }
    await rm(this.dataDir, { recursive: true, force: true });
    return this.exit;
  }
}

// Resolves once the relay has printed both its `Listening on` and `Connection string:` lines.
export async function startRelay({ accessKey = ACCESS_KEY, extraArgs = [] } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "watchroom-conformance-"));
  const args = ["--listen", "127.0.0.1", "--port", "0", "--data-dir", dataDir,
                "--access-key", accessKey, ...extraArgs];
  const proc = spawn(relayPath(), args, { stdio: ["ignore", "pipe", "pipe"] });
  const relay = new Relay(proc, dataDir);

  proc.stderr.setEncoding("utf8");
  proc.stderr.on("data", (chunk) => {
    relay.stderrTail = (relay.stderrTail + chunk).slice(-8000);
  });

  const ready = new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.on("line", (line) => {
      relay.stdoutLines.push(line);
      for (const w of relay.lineWaiters) {
        const m = w.re.exec(line);
        if (m) {
          relay.lineWaiters = relay.lineWaiters.filter((x) => x !== w);
          w.resolve(m);
        }
      }
      let m;
      if ((m = /^Listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line))) {
        relay.listenUrl = new URL(m[1]);
      } else if ((m = /^Connection string: (.+)$/.exec(line))) {
        relay.connectionString = m[1];
      } else if ((m = /^Negotiate: (.+)$/.exec(line))) {
        relay.negotiateLine = m[1];
      }
      if (relay.listenUrl && relay.connectionString) {
        resolve();
      }
    });
    proc.once("error", reject);
    proc.once("exit", (code, signal) =>
      reject(new Error(`watchroom-relay exited before it was ready (code ${code}, signal ${signal})`)));
  });

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `watchroom-relay printed no "Listening on" and "Connection string:" lines within ${START_TIMEOUT_MS} ms`)),
    START_TIMEOUT_MS);
  });
  try {
    await Promise.race([ready, timeout]);
  } catch (err) {
    proc.kill("SIGKILL");
    await relay.exited;
    await rm(dataDir, { recursive: true, force: true });
    err.message += `\nstdout:\n${relay.stdoutLines.join("\n")}\n${relay.describe()}`;
    throw err;
  } finally {
    clearTimeout(timer);
  }

  proc.once("exit", (code, signal) => {
    if (!relay.stopping) {
      process.stderr.write(`watchroom-relay died during the tests (code ${code}, signal ${signal})\n` +
                           `${relay.describe()}\n`);
    }
  });
  return relay;
}
