// An initial sync into an empty replica sets the secondary indexes aside and skips foreign-key
// checks that the central database already made (the speed of BENCHMARKS.md), without giving up
// anything: indexes come back with the last rows, or when the sync fails, or at the next open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCentral } from '../central/connection';
import { freshCentral, type TestCentral } from '../central/testing';
import type { Sqlite } from '../db/open';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny } from './fixtures';
import { pull } from './pull';
import type { Replica } from './replica';

let central: TestCentral;
let source: Replica;

beforeEach(async () => {
  central = await freshCentral();
  source = newReplica('source');
  const ids = seedTiny(source);
  for (let i = 0; i < 120; i++) addEntry(source, i % 2 ? ids.alice : ids.bob, ids.project, 15 + i, `entry ${i}`);
  await syncOnce(source, central.url);
});
afterEach(async () => {
  await central.drop();
});

const indexes = (db: Sqlite) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];
const deferred = (db: Sqlite) => db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get() as number;

/** What the replica looks like each time pull reports progress (between its transactions). */
function observe(replica: Replica) {
  const seen: Array<{ indexes: number; deferred: number; foreignKeys: number }> = [];
  const onProgress = () =>
    seen.push({
      indexes: indexes(replica.db).length,
      deferred: deferred(replica.db),
      foreignKeys: replica.db.pragma('foreign_keys', { simple: true }) as number,
    });
  return { seen, onProgress };
}

describe('filling an empty replica', () => {
  it('sets indexes aside while rows arrive and builds them with the last rows', async () => {
    const laptop = newReplica('laptop');
    const all = indexes(laptop.db);
    const { seen, onProgress } = observe(laptop);
    const central1 = await connectCentral(central.url);
    const result = await pull(laptop, central1, { pageSize: 10, flushRows: 10, onProgress });
    await central1.end();

    expect(result.pulled).toBe(125);
    expect(seen.length).toBeGreaterThan(5);
    // Between transactions: indexes aside, recorded, and foreign keys checked for local writes.
    // The synced tables' 16 secondary indexes, billing's 5, the sales tables' 10 (0010), 0015's 3,
    // 0017's 2 and 0019's invoices_unbilled; the 15 triggers of labour_months, billable_days, project_values, billable_local_days
    // and project_spans with their rebuild, and the 6 of pipeline_local_days and
    // pipeline_request_days with theirs (migrations/sqlite/0008_billing.sql, 0009, 0011, 0015, 0017–0019).
    for (const state of seen) expect(state).toEqual({ indexes: all.length - 37, deferred: 37 + 15 + 1 + 6 + 1, foreignKeys: 1 });
    expect(indexes(laptop.db)).toEqual(all);
    expect(deferred(laptop.db)).toBe(0);
    // The aggregate was built again from the entries that arrived without their triggers.
    expect(laptop.db.prepare('SELECT sum(minutes) FROM labour_months').pluck().get()).toBe(
      laptop.db.prepare('SELECT sum(minutes) FROM time_entries').pluck().get(),
    );
    expect(laptop.db.prepare('SELECT sum(cost60) FROM labour_months').pluck().get()).toBe(
      laptop.db
        .prepare('SELECT sum(e.minutes * k.cost_rate_cents) FROM time_entries e JOIN consultants k ON k.id = e.consultant_id')
        .pluck()
        .get(),
    );
    expect(laptop.db.prepare('SELECT sum(minutes) FROM project_values').pluck().get()).toBe(
      laptop.db.prepare('SELECT sum(minutes) FROM time_entries').pluck().get(),
    );
    expect(laptop.db.prepare('SELECT sum(minutes) FROM billable_days').pluck().get()).toBe(
      laptop.db.prepare('SELECT sum(minutes) FROM time_entries WHERE billable = 1').pluck().get(),
    );
    expect(laptop.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'time_entries'").pluck().get()).toBe(
      15,
    );
    expect(laptop.db.pragma('foreign_key_check')).toEqual([]);
    expect(replicaRows(laptop)).toEqual(await centralRows(central.admin));
  });

  it('keeps indexes in place when the replica already has rows', async () => {
    const all = indexes(source.db);
    const { seen, onProgress } = observe(source);
    const ids = source.db.prepare('SELECT id FROM time_entries').pluck().all() as string[];
    await central.admin.query(`UPDATE time_entries SET note = 'changed on the server' WHERE id = ANY($1::uuid[])`, [ids]);
    const central1 = await connectCentral(central.url);
    const result = await pull(source, central1, { pageSize: 10, flushRows: 10, onProgress });
    await central1.end();

    expect(result.pulled).toBe(120);
    // Observed between the pull's transactions (120 rows in pages of 10: many reports), never aside.
    expect(seen.length).toBeGreaterThan(5);
    for (const state of seen) expect(state).toEqual({ indexes: all.length, deferred: 0, foreignKeys: 1 });
    expect(indexes(source.db)).toEqual(all);
  });

  it('builds the indexes again when the connection drops half way, and the next sync completes', async () => {
    const laptop = newReplica('laptop');
    const all = indexes(laptop.db);
    const central1 = await connectCentral(central.url);
    const pid = (await central1.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    let reports = 0;
    const cut = pull(laptop, central1, {
      pageSize: 2,
      flushRows: 2,
      onProgress: () => {
        if (++reports === 3) void central.admin.query('SELECT pg_terminate_backend($1)', [pid]);
      },
    });
    await expect(cut).rejects.toThrow();
    await central1.end().catch(() => undefined);

    expect(laptop.db.prepare('SELECT count(*) FROM time_entries').pluck().get()).toBeGreaterThan(0);
    expect(laptop.db.prepare('SELECT cursor FROM sync_state').pluck().get()).toBeNull();
    expect(indexes(laptop.db)).toEqual(all);
    expect(deferred(laptop.db)).toBe(0);

    await syncOnce(laptop, central.url);
    expect(replicaRows(laptop)).toEqual(await centralRows(central.admin));
  });

  it('still refuses a local write that breaks a foreign key after the fill', async () => {
    const laptop = newReplica('laptop');
    await syncOnce(laptop, central.url);
    expect(() => addEntry(laptop, laptop.newId(), laptop.newId(), 30)).toThrow(/FOREIGN KEY/);
  });
});
