import { StoreCounts, waitUntilSettled } from './demo-store';

const counts = (over: Partial<StoreCounts>): StoreCounts => ({ feedback: 12, analyses: 12, facts: 12, alerts: 0, cases: 0, rollups: 0, ...over });

/** A clock the test advances: each poll is 500 ms of virtual time, nothing waits for real. */
function virtualClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

/** Reads the given snapshots in order, then keeps answering the last one. */
function reads(...snapshots: StoreCounts[]) {
  let i = 0;
  return async () => snapshots[Math.min(i++, snapshots.length - 1)];
}

describe('waiting for the demo pipeline to settle', () => {
  it('does not stop at the first alert: it waits until the alerts and cases stop arriving', async () => {
    const result = await waitUntilSettled(
      reads(
        counts({ analyses: 9, facts: 8 }),
        counts({ alerts: 5, cases: 5, rollups: 10 }),
        counts({ alerts: 7, cases: 7, rollups: 20 }),
        counts({ alerts: 8, cases: 8, rollups: 24 }),
      ),
      12,
      { quietMs: 5000, timeoutMs: 120000, clock: virtualClock() },
    );
    expect(result).toEqual({ counts: counts({ alerts: 8, cases: 8, rollups: 24 }), settled: true, waitedMs: 6500 });
  });

  it('keeps waiting while an item has no analysis or fact, even if nothing changes', async () => {
    const result = await waitUntilSettled(reads(counts({ analyses: 11 })), 12, { quietMs: 5000, timeoutMs: 30000, clock: virtualClock() });
    expect(result).toEqual({ counts: counts({ analyses: 11 }), settled: false, waitedMs: 30000 });
  });

  it('waits for every accepted item to reach the store', async () => {
    const result = await waitUntilSettled(reads(counts({ feedback: 3, analyses: 3, facts: 3 })), 12, { quietMs: 5000, timeoutMs: 10000, clock: virtualClock() });
    expect(result.settled).toBe(false);
  });
});
