// Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so stamps keep
// causal order even when laptop clocks disagree. A stamp is a fixed-width string that sorts in
// clock order; the node (client) id at the end breaks ties, as the sync protocol requires.

const MS_WIDTH = 9; // base 36: enough for dates past the year 5000
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

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
    const wall = this.wallClock();
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.advanceCounter();
    }
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  /** Folds in a stamp seen from elsewhere, so later local stamps sort after it. */
  observe(stamp: string): void {
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
