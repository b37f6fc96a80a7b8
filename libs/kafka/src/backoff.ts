/** Exponential backoff with full jitter, capped: attempt 1 waits ~base, attempt n ~base*2^(n-1). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Sleeps in short slices, calling `tick` between them so a consumer keeps heartbeating while it waits. */
export async function waitWithHeartbeat(ms: number, tick: () => Promise<void>, sliceMs = 1000): Promise<void> {
  let left = ms;
  while (left > 0) {
    const step = Math.min(sliceMs, left);
    await new Promise((resolve) => setTimeout(resolve, step));
    left -= step;
    await tick();
  }
}
