// The app's delivery loop: runs `deliverDue` when a trigger is made, when the network comes back,
// and when the next delivery falls due (at the latest every `maxWaitMs`), one run at a time in this
// process (other processes are kept apart by the claims in delivery.ts).
import type { Replica } from '../sync/replica';
import { deliverDue, nextDueAt, wakeDeliveries, type DeliverOptions, type DeliveryOutcome } from './delivery';

export interface DeliveryLoopOptions {
  /**
   * Where and how to send, read before each run (the app reads the secret from the OS keychain);
   * null when no pipeline API or secret is configured: nothing is sent.
   */
  config: () => Promise<Omit<DeliverOptions, 'now' | 'onOutcome'> | null> | Omit<DeliverOptions, 'now' | 'onOutcome'> | null;
  onOutcome?: (outcome: DeliveryOutcome) => void;
  onError?: (error: unknown) => void;
  /** The longest wait between runs (default 30 s: picks up deliveries written by another process). */
  maxWaitMs?: number;
}

export class DeliveryLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly replica: Replica,
    private readonly options: DeliveryLoopOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.poke();
  }

  /** Sends what is due now (call after a trigger). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.poke();
      } else {
        this.schedule();
      }
    });
  }

  /** The network is back: what waits for it goes at once. */
  networkBack(): void {
    wakeDeliveries(this.replica);
    this.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async run(): Promise<void> {
    try {
      const config = await this.options.config();
      if (!config || this.stopped) return;
      await deliverDue(this.replica, { ...config, onOutcome: this.options.onOutcome });
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const maxWait = this.options.maxWaitMs ?? 30_000;
    const next = nextDueAt(this.replica.db);
    const wait = next === null ? maxWait : Math.min(maxWait, Math.max(250, Date.parse(next) - this.replica.now()));
    this.timer = setTimeout(() => this.poke(), wait);
    this.timer.unref?.();
  }
}
