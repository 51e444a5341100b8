// A pull into a replica whose disk fills up: the sync stops with the reason in words (what
// happened, what to do), the central keeps every row, the replica's cursor does not move past rows
// it could not store, and once space is back the next sync brings exactly the central's rows. The
// full disk is real SQLite behaviour: PRAGMA max_page_count caps the replica on its connection, and
// a write needing a page past it fails with SQLITE_FULL as on a full disk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { centralRows, newReplica, replicaRows, seedTiny, type TinyIds } from './fixtures';
import type { Replica } from './replica';

let central: TestCentral;
let admin: Replica;
let ids: TinyIds;

beforeEach(async () => {
  central = await freshCentral();
  admin = newReplica('admin');
  ids = seedTiny(admin);
  await syncOnce(admin, central.url);
});
afterEach(async () => {
  await central.drop();
});

/** Many entries with long notes written elsewhere and synced to the central (a few MB to pull). */
async function busyWeekElsewhere(count: number): Promise<void> {
  admin.transaction(() => {
    for (let i = 0; i < count; i++) {
      admin.insert('time_entries', {
        id: admin.newId(),
        project_id: i % 2 ? ids.project : ids.project2,
        consultant_id: i % 3 ? ids.alice : ids.bob,
        started_at: `2026-11-${String(16 + (i % 5)).padStart(2, '0')}T0${i % 8}:00:00.000Z`,
        minutes: 15 + (i % 60),
        billable: 1,
        note: `Entry ${i} ${'n'.repeat(800)}`,
        rate_cents: 19000,
        invoice_id: null,
      });
    }
  });
  const result = await syncOnce(admin, central.url);
  expect(result.rejected).toBe(0);
}

const cursorOf = (replica: Replica) => replica.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').pluck().get() as string | null;
const centralCount = async () => (await central.admin.query('SELECT count(*)::int AS n FROM time_entries')).rows[0].n as number;

/** Caps the replica a little above its size now, so the pull's rows do not fit. */
function fillUp(replica: Replica, spare = 4): void {
  replica.db.pragma('wal_checkpoint(TRUNCATE)');
  replica.db.pragma(`max_page_count = ${(replica.db.pragma('page_count', { simple: true }) as number) + spare}`);
}

async function expectStoppedForSpace(replica: Replica): Promise<void> {
  const error = await syncOnce(replica, central.url).then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(error?.code).toBe('storage');
  expect(error?.message).toMatch(/^Sync stopped: the disk holding your data \(.+\) is full\. Free some space on it, then try again/);
  // The status screens show the same reason (the update of an existing row still fits).
  expect(replica.db.prepare('SELECT last_error FROM sync_state WHERE id = 1').pluck().get()).toBe(error?.message);
}

describe('a pull into a full replica', () => {
  it('an incremental pull: stops with the reason, the cursor stays, the central keeps its rows; after space returns, exactly the central’s rows', async () => {
    const laptop = newReplica('laptop');
    await syncOnce(laptop, central.url);
    const cursor = cursorOf(laptop);
    expect(cursor).not.toBeNull();

    await busyWeekElsewhere(3000);
    const inCentral = await centralCount();
    fillUp(laptop);
    await expectStoppedForSpace(laptop);
    expect(cursorOf(laptop)).toBe(cursor);
    expect(await centralCount()).toBe(inCentral);
    expect(laptop.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Reads go on: the rows it had are all there.
    expect(laptop.db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(2);

    laptop.db.pragma('max_page_count = 1073741823'); // space is back
    const result = await syncOnce(laptop, central.url);
    expect(result.rejected).toBe(0);
    expect(cursorOf(laptop)).not.toBe(cursor);
    expect(replicaRows(laptop)).toEqual(await centralRows(central.admin));
    expect(laptop.db.prepare('SELECT count(*) FROM time_entries').pluck().get()).toBe(inCentral);
    expect(laptop.db.prepare('SELECT last_error FROM sync_state WHERE id = 1').pluck().get()).toBeNull();
    expect(laptop.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('a first sync in batches: no cursor is stored until every row is in; after space returns, exactly the central’s rows', async () => {
    await busyWeekElsewhere(3000);
    const inCentral = await centralCount();
    const laptop = newReplica('new-laptop');
    fillUp(laptop, 40);
    const error = await syncOnce(laptop, central.url, { pageSize: 200, flushRows: 200 }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe('storage');
    expect(cursorOf(laptop)).toBeNull();
    const stored = laptop.db.prepare('SELECT count(*) FROM time_entries').pluck().get() as number;
    expect(stored).toBeGreaterThan(0); // some batches went in before the disk filled
    expect(stored).toBeLessThan(inCentral);
    expect(await centralCount()).toBe(inCentral);
    expect(laptop.db.pragma('integrity_check', { simple: true })).toBe('ok');

    laptop.db.pragma('max_page_count = 1073741823');
    await syncOnce(laptop, central.url, { pageSize: 200, flushRows: 200 });
    expect(cursorOf(laptop)).not.toBeNull();
    expect(replicaRows(laptop)).toEqual(await centralRows(central.admin));
    expect(laptop.db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('the app’s sync on a read-only data folder', () => {
  it('says why it stopped on the Sync screen even though the replica could not note it; the next sync after the folder is writable clears it', async () => {
    const laptop = newReplica('laptop');
    await syncOnce(laptop, central.url);
    const file = laptop.db.name;
    laptop.db.close();
    const core = new Core({ dbPath: file, centralUrl: central.url });
    try {
      // Read-only as far as SQLite can tell (query_only: the tests may run as root, whom chmod does not stop).
      core.db.pragma('query_only = ON');
      const refused = await core.invoke('sync.now');
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('storage');
      expect(refused.error.message).toMatch(/^Sync stopped: the data folder .+ cannot be written/);
      expect(core.db.prepare('SELECT last_error FROM sync_state WHERE id = 1').pluck().get()).toBeNull(); // could not be noted
      const status = await core.call('sync.status');
      expect(status.lastError).toBe(refused.error.message);
      expect(status.lastResult).toBeNull();

      core.db.pragma('query_only = OFF');
      expect((await core.call('sync.now')).lastError).toBeNull();
    } finally {
      await core.close();
    }
  });
});
