// Bounded waits: every wait in this suite ends, with a message that says what was awaited.

export const DEFAULT_TIMEOUT_MS = 5000;

export async function withTimeout(promise, timeoutMs, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
                       timeoutMs);
    // The timer alone must not keep a finished test file alive.
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls `condition` (sync or async) until it returns a truthy value, which is returned.
// `describe` is called on timeout to say what the state was.
export async function waitUntil(condition, { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 20, what = "condition",
                                             describe } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) {
      return value;
    }
    if (Date.now() >= deadline) {
      const state = describe ? `; ${describe()}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
