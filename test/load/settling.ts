/**
 * A broker that just started (or a machine busy with other work) refuses requests for a while: createTopics
 * times out, a group join is rebalanced away, the first sends find no leader. A bench step that meets one of
 * these waits and tries again instead of failing the whole run; what still fails after `attempts` is real.
 */
export async function untilSettled<T>(what: string, step: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts) throw error;
      const delayMs = Math.min(8000, 500 * 2 ** (attempt - 1));
      console.warn(`${what}: ${(error as Error).message ?? error}; trying again in ${delayMs} ms (attempt ${attempt} of ${attempts})`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** Polls `done` until it answers true; throws after `timeoutMs` with what was last seen. */
export async function waitUntil(what: string, done: () => Promise<boolean | string>, timeoutMs: number, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: boolean | string = false;
  while (Date.now() < deadline) {
    last = await done().catch((error: Error) => `error: ${error.message}`);
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`${what}: not done after ${timeoutMs} ms (${last})`);
}
