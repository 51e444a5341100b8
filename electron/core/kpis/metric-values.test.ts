// One value per custom metric per day, across laptops, against a REAL central PostgreSQL: two admin
// laptops record the same day offline, both sync, and both end with one value — the later write —
// with nothing else lost (docs/sales.md). And the upgrade: days kept twice by the older schema (random
// ids) are merged by both migrations into the same one row, the latest value winning.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCentral, type Central } from '../central/connection';
import { migrateCentral } from '../central/migrate';
import { centralMigrations } from '../central/migrations';
import { createTestDatabase, type TestDatabase } from '../central/test-database';
import { freshCentral } from '../central/testing';
import { openReplica } from '../db/open';
import { sqliteMigrations } from '../db/migrations';
import { tempDir } from '../testing';
import { syncOnce } from '../sync/engine';
import { centralRows, replicaRows, seedTiny } from '../sync/fixtures';
import { Replica } from '../sync/replica';
import { defineMetric, listMetrics, recordMetric } from './metrics';
import { metricValueId } from './value-id';

let central: TestDatabase<Central>;
afterEach(async () => {
  await central.drop();
});

/** A laptop whose clock can be put forward (within the central's bound), so which write is later is certain. */
function laptop(name: string, dir = tempDir(), migrations = sqliteMigrations) {
  let ahead = 0;
  const replica = new Replica(
    openReplica(path.join(dir, `${name}.sqlite`), migrations),
    () => Date.now() + ahead,
    () => performance.now() + ahead,
  );
  return { replica, aheadBy: (ms: number) => (ahead = ms) };
}

const valuesOf = (replica: Replica, metricId: string) =>
  replica.db.prepare('SELECT id, recorded_on, value FROM metric_values WHERE metric_id = ? ORDER BY recorded_on').all(metricId);

describe('a custom metric recorded for the same day on two laptops offline', () => {
  it('ends as one value on both, the later write, whichever laptop syncs first; nothing else is lost', async () => {
    central = await freshCentral();
    const a = laptop('a');
    const b = laptop('b');
    seedTiny(a.replica);
    await syncOnce(a.replica, central.url);
    const metric = defineMetric(a.replica, { name: 'Talks', unit: 'talks', target: 2, direction: 'higher' });
    recordMetric(a.replica, metric.id, '2026-11-01', 1, '2026-11-20');
    await syncOnce(a.replica, central.url);
    await syncOnce(b.replica, central.url);
    expect(valuesOf(b.replica, metric.id)).toEqual([{ id: metricValueId(metric.id, '2026-11-01'), recorded_on: '2026-11-01', value: 1 }]);

    // Offline. 10 Nov: A first, then B (later). 12 Nov: B first, then A (later). 1 Nov: B changes
    // A's value. Each also records a day of its own.
    recordMetric(a.replica, metric.id, '2026-11-10', 3, '2026-11-20');
    b.aheadBy(2_000);
    recordMetric(b.replica, metric.id, '2026-11-10', 5, '2026-11-20');
    recordMetric(b.replica, metric.id, '2026-11-12', 7, '2026-11-20');
    a.aheadBy(4_000);
    recordMetric(a.replica, metric.id, '2026-11-12', 8, '2026-11-20');
    recordMetric(b.replica, metric.id, '2026-11-01', 2, '2026-11-20');
    recordMetric(a.replica, metric.id, '2026-11-14', 4, '2026-11-20');
    recordMetric(b.replica, metric.id, '2026-11-15', 6, '2026-11-20');

    for (const r of [a, b, a]) expect(await syncOnce(r.replica, central.url)).toMatchObject({ rejected: 0 });
    const expected = [
      ['2026-11-01', 2],
      ['2026-11-10', 5],
      ['2026-11-12', 8],
      ['2026-11-14', 4],
      ['2026-11-15', 6],
    ].map(([day, value]) => ({ id: metricValueId(metric.id, day as string), recorded_on: day, value }));
    expect(valuesOf(a.replica, metric.id)).toEqual(expected);
    expect(valuesOf(b.replica, metric.id)).toEqual(expected);
    const onCentral = await central.admin.query(
      `SELECT id::text, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on, value FROM metric_values ORDER BY recorded_on`,
    );
    expect(onCentral.rows).toEqual(expected);
    expect(replicaRows(a.replica)).toEqual(await centralRows(central.admin));
    expect(replicaRows(b.replica)).toEqual(replicaRows(a.replica));
    expect(listMetrics(b.replica.db, { from: '2026-11-01', to: '2026-11-30' })[0]!.value).toBe(6);
  });

  it('is refused by the central under any other id (a direct write as well)', async () => {
    central = await freshCentral();
    const a = laptop('a');
    seedTiny(a.replica);
    const metric = defineMetric(a.replica, { name: 'Talks', unit: 'talks', target: 2, direction: 'higher' });
    await syncOnce(a.replica, central.url);
    await expect(
      central.admin.query(`INSERT INTO metric_values (id, metric_id, recorded_on, value) VALUES (gen_random_uuid(), $1, '2026-11-02', 1)`, [
        metric.id,
      ]),
    ).rejects.toThrow(/metric_values_one_a_day/);
    await central.admin.query(`INSERT INTO metric_values (id, metric_id, recorded_on, value) VALUES ($1, $2, '2026-11-02', 1)`, [
      metricValueId(metric.id, '2026-11-02'),
      metric.id,
    ]);
  });
});

describe('upgrading: a day kept twice by the older schema', () => {
  it('becomes one row under the derived id on the central and on a replica, the latest value winning, an unpushed later one too', async () => {
    // The central at schema 7 and a replica at schema 11, as before the rule.
    const before = centralMigrations.filter((m) => m.version <= 7);
    central = await createTestDatabase(
      'ops_test',
      async (url) => {
        const client = await connectCentral(url);
        await client.query(
          `CREATE TABLE _migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
        );
        for (const m of before) {
          await client.query(m.sql);
          await client.query(`INSERT INTO _migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
        }
        await client.query(`INSERT INTO _schema_meta (id, version) VALUES (1, 7) ON CONFLICT (id) DO UPDATE SET version = 7`);
        await client.end();
      },
      connectCentral,
    );
    const dir = tempDir();
    const old = laptop(
      'old',
      dir,
      sqliteMigrations.filter((m) => m.version <= 11),
    );
    seedTiny(old.replica);
    const metric = old.replica.newId();
    // Three values for 10 Nov (random ids, as the old app wrote them), the one edited last winning;
    // 11 Nov once; and, on the replica only and not yet pushed, a fourth for 12 Nov later than the
    // central's two for that day.
    const rows: Array<[string, string, number, string, string]> = [
      ['0192f000-0000-7000-8000-00000000000a', '2026-11-10', 1, '0mhs00000-0000-a', '{}'],
      ['0192f000-0000-7000-8000-00000000000b', '2026-11-10', 2, '0mhs00000-0000-b', '{"value": "0mhs00009-0000-b"}'],
      ['0192f000-0000-7000-8000-00000000000c', '2026-11-10', 3, '0mhs00005-0000-c', '{}'],
      ['0192f000-0000-7000-8000-00000000000d', '2026-11-11', 4, '0mhs00001-0000-d', '{}'],
      ['0192f000-0000-7000-8000-00000000000e', '2026-11-12', 5, '0mhs00002-0000-e', '{}'],
      ['0192f000-0000-7000-8000-00000000000f', '2026-11-12', 6, '0mhs00003-0000-f', '{}'],
    ];
    // Written as a replica's push wrote them, with their own clocks (the stamping trigger off).
    await central.admin.query('ALTER TABLE metric_values DISABLE TRIGGER ops_stamp');
    for (const [table, values] of [['metrics', { id: metric, name: 'Talks', unit: '', target: 2, direction: 'higher' }]] as const) {
      const cols = Object.keys(values);
      await central.admin.query(
        `INSERT INTO ${table} (${cols.join(', ')}, _hlc) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, '0mhs00000-0000-x')`,
        Object.values(values),
      );
    }
    for (const [id, day, value, hlc, clocks] of rows)
      await central.admin.query(
        `INSERT INTO metric_values (id, metric_id, recorded_on, value, _hlc, _clocks) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, metric, day, value, hlc, clocks],
      );
    await central.admin.query('ALTER TABLE metric_values ENABLE TRIGGER ops_stamp');
    const insertLocal = old.replica.db.prepare(
      'INSERT INTO metric_values (id, metric_id, recorded_on, value, _hlc, _clocks) VALUES (?, ?, ?, ?, ?, ?)',
    );
    old.replica.db
      .prepare(`INSERT INTO metrics (id, name, unit, target, direction, _hlc) VALUES (?, 'Talks', '', 2, 'higher', '0mhs00000-0000-x')`)
      .run(metric);
    for (const row of rows) insertLocal.run(row[0], metric, ...row.slice(1));
    const unpushed = '0192f000-0000-7000-8000-000000000010';
    old.replica.transaction(() => {
      old.replica.insert('metric_values', { id: unpushed, metric_id: metric, recorded_on: '2026-11-12', value: 9 });
    });
    old.replica.db.close();

    await migrateCentral(central.admin);
    const upgraded = laptop('old', dir);
    const derived = (day: string) => metricValueId(metric, day);
    const expected = [
      { id: derived('2026-11-10'), recorded_on: '2026-11-10', value: 2 },
      { id: derived('2026-11-11'), recorded_on: '2026-11-11', value: 4 },
      { id: derived('2026-11-12'), recorded_on: '2026-11-12', value: 9 },
    ];
    expect(valuesOf(upgraded.replica, metric)).toEqual(expected);
    // The unpushed change follows its day to the derived id.
    expect(upgraded.replica.db.prepare(`SELECT row_id, columns FROM outbox WHERE table_name = 'metric_values'`).all()).toEqual([
      { row_id: derived('2026-11-12'), columns: null },
    ]);
    const centralValues = async () =>
      (
        await central.admin.query(
          `SELECT id::text, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on, value FROM metric_values ORDER BY recorded_on`,
        )
      ).rows;
    // The central alone had 12 Nov's 6 as the latest; each old id left a tombstone.
    expect(await centralValues()).toEqual([expected[0], expected[1], { ...expected[2], value: 6 }]);
    const tombstones = await central.admin.query(`SELECT row_id::text FROM _tombstones WHERE table_name = 'metric_values' ORDER BY row_id`);
    expect(tombstones.rows.map((r) => r.row_id)).toEqual(rows.map((r) => r[0]));

    // A laptop that never had the old rows pulls one row a day; the upgraded one pushes its later value.
    const fresh = laptop('fresh');
    expect(await syncOnce(upgraded.replica, central.url)).toMatchObject({ rejected: 0 });
    await syncOnce(fresh.replica, central.url);
    expect(await centralValues()).toEqual(expected);
    expect(valuesOf(fresh.replica, metric)).toEqual(expected);
    expect(valuesOf(upgraded.replica, metric)).toEqual(expected);
  });
});
