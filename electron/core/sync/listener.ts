// LISTEN/NOTIFY: the central database pokes connected apps when data changes, so they pull at
// once instead of waiting for the next interval. Reconnects quietly; sync works without it.
import { connectCentral, type Central } from '../central/connection';

export class ChangeListener {
  private client: Central | null = null;
  private stopped = false;
  private debounce: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onChange: () => void,
    private readonly retryMs = 30_000,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    try {
      const client = await connectCentral(this.url);
      client.on('notification', () => {
        clearTimeout(this.debounce);
        this.debounce = setTimeout(this.onChange, 200); // one pull for a burst of commits
      });
      client.on('error', () => this.reconnectLater());
      client.on('end', () => this.reconnectLater());
      await client.query('LISTEN ops_changes');
      this.client = client;
    } catch {
      this.reconnectLater();
    }
  }

  /**
   * The central can be reached again (a sync just connected to it): listen again now rather than
   * at the next retry, up to 30 s away, so changes made meanwhile poke this app at once again.
   */
  wake(): void {
    if (this.stopped || this.client || !this.retry) return;
    clearTimeout(this.retry);
    this.retry = undefined;
    void this.start();
  }

  private reconnectLater(): void {
    this.client = null;
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, this.retryMs);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.debounce);
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
