// Sync by itself: at start, and at once when the central database announces a change
// (LISTEN/NOTIFY), long before the 30-second interval.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { freshCentral, type TestCentral } from '../central/testing';
import { tempDir } from '../testing';
import { syncOnce } from './engine';
import { centralRows, newReplica, replicaRows, seedTiny } from './fixtures';

let central: TestCentral;
beforeEach(async () => {
  central = await freshCentral();
  const origin = newReplica('origin');
  seedTiny(origin);
  await syncOnce(origin, central.url);
});
afterEach(async () => {
  await central.drop();
});

function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() > deadline ? reject(new Error('timed out')) : setTimeout(tick, 50));
    tick();
  });
}

describe('automatic sync', () => {
  it('syncs at start and pulls a direct server write at once on LISTEN/NOTIFY', async () => {
    const core = new Core({ dbPath: `${tempDir()}/laptop.sqlite`, centralUrl: central.url });
    const changes: string[][] = [];
    core.on('data.changed', ({ tables }) => changes.push(tables));
    core.startAutoSync({ intervalMs: 600_000 }); // the interval never fires during this test
    await waitFor(() => (core.replica.db.prepare('SELECT count(*) FROM projects').pluck().get() as number) === 2);

    await new Promise((resolve) => setTimeout(resolve, 500)); // the listener is connected by now
    await central.admin.query(`UPDATE projects SET name = 'Renamed by billing' WHERE name = 'Pipeline MVP'`);
    await waitFor(() => core.replica.db.prepare(`SELECT count(*) FROM projects WHERE name = 'Renamed by billing'`).pluck().get() === 1);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(replicaRows(core.replica)).toEqual(await centralRows(central.admin));
    await core.close();
  });
});

describe('tombstone horizon', () => {
  it('forces a full resync when tombstones newer than the cursor were purged', async () => {
    const laptop = newReplica('laptop');
    await syncOnce(laptop, central.url);
    await central.admin.query(`DELETE FROM projects WHERE name = 'Landing zone'`);
    await central.admin.query(`SELECT ops_purge_tombstones('0 seconds')`);
    const result = await syncOnce(laptop, central.url);
    expect(result.full).toBe(true);
    expect(laptop.db.prepare(`SELECT count(*) FROM projects WHERE name = 'Landing zone'`).pluck().get()).toBe(0);
    expect((await syncOnce(laptop, central.url)).full).toBe(false);
  });
});
