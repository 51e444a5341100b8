import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica, type Sqlite } from '../db/open';
import { SYNCED_TABLES } from '../db/schema';
import { Replica } from '../sync/replica';
import { tempDir } from '../testing';
import { seedDemo } from './seed';

function seeded(anchor = '2026-11-20'): { db: Sqlite; counts: ReturnType<typeof seedDemo> } {
  const db = openReplica(path.join(tempDir(), 'demo.sqlite'));
  const counts = seedDemo(new Replica(db), { scale: 1, anchor });
  return { db, counts };
}

function tableDigest(db: Sqlite, table: string): string {
  // Rows without clocks (stamped at seeding time): the data itself must be identical.
  const columns = (
    db.prepare(`SELECT name FROM pragma_table_info('${table}') WHERE name NOT LIKE '\\_%' ESCAPE '\\'`).pluck().all() as string[]
  ).join(', ');
  return db
    .prepare(
      `SELECT count(*) || ':' || sum(length(${columns.split(', ').join(" || '|' || ")})) || ':' || group_concat(id, ',') FROM (SELECT ${columns} FROM ${table} ORDER BY id)`,
    )
    .pluck()
    .get() as string;
}

describe('demo workspace', () => {
  it('is deterministic: the same anchor gives identical rows, ids included', () => {
    const a = seeded();
    const b = seeded();
    for (const table of SYNCED_TABLES) expect(tableDigest(a.db, table), table).toBe(tableDigest(b.db, table));
    expect(a.counts).toEqual(b.counts);
  });

  it('looks like a small consultancy: three tiers in their budget ranges, two years of hours', () => {
    const { db, counts } = seeded();
    expect(counts.time_entries).toBeGreaterThan(30_000);
    expect(counts.invoices).toBeGreaterThan(800);
    expect(counts.pipeline_jobs).toBe(20_000);
    const tiers = db.prepare('SELECT tier, min(budget_cents) AS lo, max(budget_cents) AS hi FROM projects GROUP BY tier').all() as Array<{
      tier: string;
      lo: number;
      hi: number;
    }>;
    const ranges: Record<string, [number, number]> = {
      pipeline_mvp: [5_000_00, 8_000_00],
      devops_foundation: [12_000_00, 20_000_00],
      enterprise_cloud: [30_000_00, 60_000_00],
    };
    expect(tiers.map((t) => t.tier).sort()).toEqual(Object.keys(ranges).sort());
    for (const t of tiers) {
      expect(t.lo).toBeGreaterThanOrEqual(ranges[t.tier]![0]);
      expect(t.hi).toBeLessThanOrEqual(ranges[t.tier]![1]);
    }
    const span = db.prepare('SELECT min(started_at) AS first, max(started_at) AS last FROM time_entries').get() as {
      first: string;
      last: string;
    };
    expect(span.first < '2024-11-25').toBe(true);
    expect(span.last < '2026-11-20').toBe(true);
  });

  it('keeps invoices honest: totals are the sum of their entries plus 10% GST', () => {
    const { db } = seeded();
    const mismatches = db
      .prepare(
        `SELECT count(*) FROM invoices i WHERE i.status <> 'void' AND (i.total_cents <> i.subtotal_cents + i.tax_cents OR i.tax_cents <> (i.subtotal_cents * 10 + 50) / 100)`,
      )
      .pluck()
      .get();
    expect(mismatches).toBe(0);
    const paid = db.prepare(`SELECT sum(total_cents) FROM invoices WHERE status = 'paid'`).pluck().get() as number;
    expect(paid).toBeGreaterThan(0);
  });

  it('records every seeded row in the outbox, so a first sync fills the central database', () => {
    const { db } = seeded();
    const rows = SYNCED_TABLES.reduce((sum, t) => sum + (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number), 0);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(rows);
  });

  it('refuses to seed a replica that already has data', () => {
    const { db } = seeded();
    expect(() => seedDemo(new Replica(db), { scale: 1 })).toThrow(/already has data/);
  });
});
