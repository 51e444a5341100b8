// The state of the way to the core, and the loop that mends it. Pure (timers and the probe are
// given), so its rules are tested without a browser; `connection.ts` holds the app's one instance.
//
//  online        calls and the event stream work
//  lost          the host does not answer: probe with backoff until it does
//  unauthorized  the host answers but refuses this page's token (missing, or minted by an earlier run)
//
// Over IPC (Electron) nothing ever reports a failure, so the state stays online.

export type ConnectionState = 'online' | 'lost' | 'unauthorized';
export type ProbeResult = 'ok' | 'lost' | 'unauthorized';

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** With 'unauthorized': true when the page never had a token, false when its token went stale. */
  tokenMissing: boolean;
  /** Counts the times the way came back after a failure: every query is then refreshed. */
  reconnects: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectionOptions {
  /** Asks the host whether it answers and takes this page's token. */
  probe(): Promise<ProbeResult>;
  /** The probe passed after a failure: reopen the event stream. */
  reopen?(): void;
  tokenMissing?: boolean;
  timers?: Timers;
  /** Waits between probes while lost: doubling from the first to the last, then the last. */
  backoffMs?: { first: number; max: number };
}

export interface Connection {
  getSnapshot(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  /** A call or the event stream worked. */
  reportOk(): void;
  /** A call found no host (fetch failed) or had its token refused. */
  reportFailure(kind: Exclude<ProbeResult, 'ok'>): void;
  /** The event stream broke: the cause is not known yet, so probe at once. */
  reportStreamError(): void;
  /** The person asked to try again now rather than at the next probe. */
  retryNow(): void;
  /** Stops the probe loop (tests, page unload). */
  dispose(): void;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The wait before probe number `attempt` (0-based) while the host is lost. */
export function backoffDelay(attempt: number, first: number, max: number): number {
  return Math.min(max, first * 2 ** Math.min(attempt, 30));
}

export function createConnection(options: ConnectionOptions): Connection {
  const timers = options.timers ?? defaultTimers;
  const { first, max } = options.backoffMs ?? { first: 500, max: 5_000 };
  let snapshot: ConnectionSnapshot = { state: 'online', tokenMissing: options.tokenMissing ?? false, reconnects: 0 };
  const listeners = new Set<() => void>();
  let timer: unknown;
  let probing = false;
  let attempt = 0;
  let broken = false; // a failure was seen since the last reopen
  let disposed = false;

  const update = (next: Partial<ConnectionSnapshot>) => {
    const merged = { ...snapshot, ...next };
    if (merged.state === snapshot.state && merged.reconnects === snapshot.reconnects) return;
    snapshot = merged;
    listeners.forEach((listener) => listener());
  };

  const schedule = (ms: number) => {
    if (disposed || probing) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void probeOnce();
    }, ms);
  };

  const recovered = () => {
    attempt = 0;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (!broken) return;
    broken = false;
    options.reopen?.();
    update({ state: 'online', reconnects: snapshot.reconnects + 1 });
  };

  const failed = (kind: Exclude<ProbeResult, 'ok'>, fromProbe: boolean) => {
    broken = true;
    update({ state: kind });
    // Many calls fail at once when the host goes: one probe loop, not one per call.
    if (!fromProbe && (probing || timer !== undefined)) return;
    // A refused token heals only if the host comes back with the old one (a fixed --token): look slowly.
    schedule(kind === 'unauthorized' ? max : backoffDelay(attempt++, first, max));
  };

  async function probeOnce(): Promise<void> {
    if (disposed || probing) return;
    probing = true;
    let result: ProbeResult;
    try {
      result = await options.probe();
    } catch {
      result = 'lost';
    }
    probing = false;
    if (disposed) return;
    if (result === 'ok') recovered();
    else failed(result, true);
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportOk() {
      // A call that worked proves the way is back, but the event stream may still be closed: let the probe reopen it.
      if (broken && !probing) schedule(0);
    },
    reportFailure: (kind) => failed(kind, false),
    reportStreamError() {
      broken = true;
      schedule(0);
    },
    retryNow() {
      if (snapshot.state !== 'online' || broken) schedule(0);
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      listeners.clear();
    },
  };
}
