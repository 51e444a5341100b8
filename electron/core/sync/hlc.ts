// Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so stamps keep
// causal order even when laptop clocks disagree. A stamp is a fixed-width string that sorts in
// clock order; the node (client) id at the end breaks ties, as the sync protocol requires.

const MS_WIDTH = 9; // base 36: enough for dates past the year 5000
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

/**
 * How far ahead of a clock's own time a stamp may be: the central database refuses (restamps)
 * anything later, and a replica never moves its clock, or lets a stamp win, past its time plus this.
 * The same bound as `ops_clock_bound()` in the central schema.
 */
export const CLOCK_BOUND_MS = 5 * 60_000;

const STAMP = /^[0-9a-z]{9}-[0-9a-z]{4}-[0-9A-Za-z-]+$/;

export function isWellFormedHlc(stamp: unknown): stamp is string {
  return typeof stamp === 'string' && STAMP.test(stamp);
}

/** The first stamp of a millisecond: every stamp at or after `ms` sorts at or after it. */
export function hlcAt(ms: number): string {
  return Math.max(0, Math.floor(ms)).toString(36).padStart(MS_WIDTH, '0');
}

/**
 * A stamp as it may take part in a merge: well formed and not past `nowMs` plus the bound, else
 * the empty string, which loses to every accepted stamp. A stamp that no reader could parse, or one
 * from a clock running ahead, can then neither break a pull nor win over later edits.
 */
export function checkedHlc(stamp: unknown, nowMs: number): string {
  return stampChecker(nowMs)(stamp);
}

/**
 * `checkedHlc` for many stamps at one moment (a pull merging thousands of rows): the bound is
 * computed once, and a stamp seen just before (rows written together share one) is not checked again.
 */
export function stampChecker(nowMs: number): (stamp: unknown) => string {
  const bound = hlcAt(nowMs + CLOCK_BOUND_MS);
  let lastAccepted = '';
  return (stamp) => {
    if (stamp === lastAccepted) return lastAccepted;
    if (!isWellFormedHlc(stamp) || stamp.slice(0, MS_WIDTH) > bound) return '';
    return (lastAccepted = stamp);
  };
}

export interface HlcParts {
  ms: number;
  counter: number;
  node: string;
}

export function formatHlc({ ms, counter, node }: HlcParts): string {
  return `${ms.toString(36).padStart(MS_WIDTH, '0')}-${counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${node}`;
}

export function parseHlc(stamp: string): HlcParts {
  const ms = parseInt(stamp.slice(0, MS_WIDTH), 36);
  const counter = parseInt(stamp.slice(MS_WIDTH + 1, MS_WIDTH + 1 + COUNTER_WIDTH), 36);
  const node = stamp.slice(MS_WIDTH + COUNTER_WIDTH + 2);
  if (!Number.isFinite(ms) || !Number.isFinite(counter) || !node) throw new Error(`Not a clock stamp: ${stamp}`);
  return { ms, counter, node };
}

export class HybridClock {
  private ms = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    last: string | null = null,
    private readonly wallClock: () => number = Date.now,
  ) {
    if (last) this.observe(last);
  }

  /** A new stamp for a local write; always greater than every stamp seen before. */
  tick(): string {
    const wall = Math.floor(this.wallClock()); // whole milliseconds: the stamp's digits are an integer
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.advanceCounter();
    }
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  /**
   * Folds in a stamp seen from elsewhere, so later local stamps sort after it, but never past this
   * clock's own time plus the bound: a peer whose clock runs ahead cannot drag this one along.
   */
  observe(stamp: string): void {
    if (checkedHlc(stamp, this.wallClock()) === '') return;
    const remote = parseHlc(stamp);
    if (remote.ms > this.ms) {
      this.ms = remote.ms;
      this.counter = remote.counter;
    } else if (remote.ms === this.ms && remote.counter > this.counter) {
      this.counter = remote.counter;
    }
  }

  private advanceCounter(): void {
    if (this.counter === MAX_COUNTER) {
      this.ms += 1; // borrow a millisecond rather than overflow the fixed width
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
