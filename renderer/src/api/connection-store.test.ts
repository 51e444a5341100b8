import { describe, expect, it } from 'vitest';
import { backoffDelay, createConnection, type ProbeResult, type Timers } from './connection-store';

/** Timers the test advances by hand, and a probe whose answers it sets. */
function harness(answers: ProbeResult[] = []) {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  const probes: number[] = [];
  let reopened = 0;
  const connection = createConnection({
    timers,
    backoffMs: { first: 100, max: 800 },
    probe: async () => {
      probes.push(now);
      return answers.shift() ?? 'ok';
    },
    reopen: () => reopened++,
  });
  /** Runs every timer due within `ms`, letting each probe settle. */
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    now = until;
  };
  return { connection, advance, probes, reopened: () => reopened, pending: () => pending.size, answers };
}

describe('connection to the browser host', () => {
  it('backs off doubling up to its limit', () => {
    expect([0, 1, 2, 3, 4, 10, 1000].map((n) => backoffDelay(n, 500, 5_000))).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('starts online and stays so while calls work', () => {
    const { connection, pending } = harness();
    connection.reportOk();
    expect(connection.getSnapshot()).toEqual({ state: 'online', tokenMissing: false, reconnects: 0 });
    expect(pending()).toBe(0);
  });

  it('a host that stops is lost once, however many calls fail, and probed with backoff until it is back', async () => {
    const h = harness(['lost', 'lost', 'lost']);
    let changes = 0;
    h.connection.subscribe(() => changes++);
    for (let i = 0; i < 10; i++) h.connection.reportFailure('lost');
    expect(h.connection.getSnapshot().state).toBe('lost');
    expect(changes).toBe(1);
    expect(h.pending()).toBe(1); // one probe loop, not one per failed call

    await h.advance(100 + 200 + 400 + 800);
    expect(h.probes).toEqual([100, 300, 700, 1500]); // waits 100, 200, 400, then 800: the 4th probe passes
    expect(h.connection.getSnapshot()).toMatchObject({ state: 'online', reconnects: 1 });
    expect(h.reopened()).toBe(1);
    expect(changes).toBe(2);
    expect(h.pending()).toBe(0); // and stops probing
  });

  it('a broken event stream probes at once; a blip that heals reopens it and refreshes without a lost state', async () => {
    const h = harness(['ok']);
    const states: string[] = [];
    h.connection.subscribe(() => states.push(h.connection.getSnapshot().state));
    h.connection.reportStreamError();
    await h.advance(0);
    expect(h.probes).toEqual([0]);
    expect(h.reopened()).toBe(1);
    expect(h.connection.getSnapshot()).toMatchObject({ state: 'online', reconnects: 1 });
    expect(states).toEqual(['online']); // never announced as lost
  });

  it('a refused token is its own state, probed slowly, and heals if the host takes the token again', async () => {
    const h = harness(['unauthorized', 'ok']);
    h.connection.reportStreamError();
    await h.advance(0);
    expect(h.connection.getSnapshot().state).toBe('unauthorized');
    await h.advance(799);
    expect(h.probes).toEqual([0]);
    await h.advance(1);
    expect(h.probes).toEqual([0, 800]);
    expect(h.connection.getSnapshot()).toMatchObject({ state: 'online', reconnects: 1 });
  });

  it('a call that works while lost makes it probe now rather than at the next backoff', async () => {
    const h = harness(['lost', 'lost', 'lost', 'ok']);
    h.connection.reportFailure('lost');
    await h.advance(100 + 200 + 400);
    expect(h.connection.getSnapshot().state).toBe('lost');
    h.connection.reportOk();
    await h.advance(0);
    expect(h.connection.getSnapshot().state).toBe('online');
  });

  it('Try now probes at once only when something is wrong', async () => {
    const h = harness(['lost', 'ok']);
    h.connection.retryNow();
    expect(h.pending()).toBe(0);
    h.connection.reportFailure('lost');
    await h.advance(100);
    expect(h.probes).toEqual([100]);
    h.connection.retryNow();
    await h.advance(0);
    expect(h.probes).toEqual([100, 100]);
    expect(h.connection.getSnapshot().state).toBe('online');
  });

  it('a probe that throws counts as lost', async () => {
    const connection = createConnection({ backoffMs: { first: 60_000, max: 60_000 }, probe: () => Promise.reject(new Error('boom')) });
    connection.reportStreamError();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(connection.getSnapshot().state).toBe('lost');
    connection.dispose();
  });
});
