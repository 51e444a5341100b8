// The network is back when the receiver answers again. The app also learns it from sync (a sync
// that reaches the central after failing), but a sealed demo never syncs and a receiver can come
// back before the central does: while a delivery waits for the network, the receiver itself is
// asked every few seconds, cheaply and unsigned, and any HTTP answer at all counts as reachable.
import type { Sqlite } from '../db/open';
import { cachedStatement } from '../db/query';

/** Whether a delivery is waiting for the network (its last attempt got no HTTP answer). */
export function waitingForNetwork(db: Sqlite): boolean {
  return (
    cachedStatement(
      db,
      `SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND attempts > 0 AND last_status IS NULL LIMIT 1`,
    ).get() !== undefined
  );
}

/** Whether anything answers HTTP at the address (a 404 or a 401 counts: the network is there). */
export async function answers(url: string, timeoutMs = 3_000, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { method: 'HEAD', redirect: 'manual', signal: controller.signal });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface ReachabilityProbeOptions {
  db: Sqlite;
  /** The receiver's address now (null: nothing to ask). */
  pipelineApi: () => string | null;
  /** Called once each time the receiver answers while a delivery waits for the network. */
  onBack: () => void;
  /** How often to ask while something waits (default 10 s). */
  intervalMs?: number;
}

export function startReachabilityProbe(options: ReachabilityProbeOptions): { stop(): void } {
  let stopped = false;
  let busy = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const url = options.pipelineApi();
      if (url && waitingForNetwork(options.db) && (await answers(url)) && !stopped) options.onBack();
    } catch {
      // (a closed or busy replica: the next tick asks again)
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 10_000);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
