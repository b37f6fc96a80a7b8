import { PeriodicTask } from './periodic-task';

/** A pass the test finishes by hand, so "in flight" is a state the test controls. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets the promise callbacks queued so far run (fake timers do not touch microtasks). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const warnings: { fields: object; message: string }[] = [];
  const logger = { warn: (fields: object, message: string) => warnings.push({ fields, message }) };
  beforeEach(() => (warnings.length = 0));

  it('runs a pass every interval, and never before start()', async () => {
    let passes = 0;
    const task = new PeriodicTask({ name: 'counter', everyMs: 1000, logger, run: async () => void passes++ });
    await jest.advanceTimersByTimeAsync(5000);
    expect(passes).toBe(0);
    task.start();
    await jest.advanceTimersByTimeAsync(3000);
    expect(passes).toBe(3);
    await task.stop();
  });

  it('never overlaps: the next pass is scheduled only after the slow one finishes', async () => {
    const passes: ReturnType<typeof deferred>[] = [];
    let active = 0;
    let maxActive = 0;
    const task = new PeriodicTask({
      name: 'slow',
      everyMs: 100,
      logger,
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        const d = deferred();
        passes.push(d);
        await d.promise;
        active--;
      },
    });
    task.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(passes).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1000); // ten intervals go by while the first pass is still running
    expect(passes).toHaveLength(1);
    passes[0].resolve();
    await settle();
    await jest.advanceTimersByTimeAsync(99);
    expect(passes).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toHaveLength(2);
    expect(maxActive).toBe(1);
    passes[1].resolve();
    await task.stop();
  });

  it('logs a failed pass with the task name and keeps going', async () => {
    let calls = 0;
    const task = new PeriodicTask({
      name: 'flaky relay',
      everyMs: 1000,
      logger,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('broker down');
        return calls;
      },
    });
    task.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toBe('flaky relay failed; retrying next pass');
    expect(warnings[0].fields).toMatchObject({ task: 'flaky relay', err: new Error('broker down') });
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(3);
    expect(warnings).toHaveLength(1);
    await task.stop();
  });

  it('stop() waits for the pass in flight and no pass starts afterwards', async () => {
    const inFlight = deferred();
    let started = 0;
    let finished = 0;
    const task = new PeriodicTask({
      name: 'relay',
      everyMs: 500,
      logger,
      run: async () => {
        started++;
        if (started === 1) await inFlight.promise;
        finished++;
      },
    });
    task.start();
    await jest.advanceTimersByTimeAsync(500);
    expect(started).toBe(1);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    inFlight.resolve();
    await stopping;
    expect(finished).toBe(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(started).toBe(1);
  });

  it('runNow() runs a pass after the one in flight, returns its result, and shares a pass not yet begun', async () => {
    const first = deferred();
    let calls = 0;
    const task = new PeriodicTask({
      name: 'outbox',
      everyMs: 5000,
      logger,
      run: async () => {
        calls++;
        if (calls === 1) await first.promise;
        return calls;
      },
    });
    task.start();
    await jest.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(1);
    const a = task.runNow();
    const b = task.runNow();
    await settle();
    expect(calls).toBe(1); // waits for the pass in flight
    first.resolve();
    await expect(a).resolves.toBe(2);
    await expect(b).resolves.toBe(2);
    expect(calls).toBe(2);
    await task.stop();
  });

  it('runNow() rejects for its caller when the pass fails, and the schedule goes on', async () => {
    let fail = true;
    let calls = 0;
    const task = new PeriodicTask({
      name: 'outbox',
      everyMs: 1000,
      logger,
      run: async () => {
        calls++;
        if (fail) throw new Error('publish failed');
        return calls;
      },
    });
    task.start();
    await expect(task.runNow()).rejects.toThrow('publish failed');
    fail = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    await expect(task.runNow()).resolves.toBe(3);
    await task.stop();
  });

  it('with everyMs <= 0 never runs on a timer but still runs on demand', async () => {
    let calls = 0;
    const task = new PeriodicTask({ name: 'off', everyMs: 0, logger, run: async () => ++calls });
    task.start();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(0);
    await expect(task.runNow()).resolves.toBe(1);
    await task.stop();
  });
});
