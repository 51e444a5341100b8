// Fills a central database with the demo data on purpose (`npm run central:dev -- --demo`), so two
// app instances can sync the demo's made-up consultancy through it. The app's own demo workspace
// stays sealed: this seeds a throwaway replica of its own and pushes that.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Central } from '../central/connection';
import { openReplica } from '../db/open';
import { syncOnce } from '../sync/engine';
import { Replica } from '../sync/replica';
import { seedDemo, type SeedCounts } from './seed';

export type DemoFill = { filled: true; counts: SeedCounts; ms: number } | { filled: false; consultants: number };

/** Seeds the demo into a temporary replica and pushes it; does nothing if the central has consultants already. */
export async function fillCentralWithDemo(central: Central, options: { anchor?: string } = {}): Promise<DemoFill> {
  const { rows } = await central.query<{ n: number }>('SELECT count(*)::int AS n FROM consultants');
  if (rows[0]!.n > 0) return { filled: false, consultants: rows[0]!.n };
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-demo-central-'));
  const db = openReplica(path.join(dir, 'demo.sqlite'));
  try {
    const replica = new Replica(db);
    const counts = seedDemo(replica, { scale: 1, anchor: options.anchor });
    await syncOnce(replica, central);
    return { filled: true, counts, ms: performance.now() - started };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
