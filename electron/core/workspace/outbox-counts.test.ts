// The sync status's outbox counts: right, and taken from indexes (every screen asks for them on
// opening; a demo workspace's whole seed waits in its outbox).
import { describe, expect, it } from 'vitest';
import { newReplica, seedTiny } from '../sync/fixtures';
import { outboxCounts } from './queries';

describe('outboxCounts', () => {
  it('counts pending and rejected mutations', () => {
    const replica = newReplica();
    seedTiny(replica);
    const total = replica.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    expect(total).toBeGreaterThan(3);
    expect(outboxCounts(replica.db)).toEqual({ pending: total, rejected: 0 });
    replica.db
      .prepare(
        "UPDATE outbox SET rejected_at = '2026-11-29T00:00:00.000Z', rejected_reason = 'refused' WHERE mutation_id IN (SELECT mutation_id FROM outbox ORDER BY mutation_id LIMIT 2)",
      )
      .run();
    expect(outboxCounts(replica.db)).toEqual({ pending: total - 2, rejected: 2 });
  });

  it('reads no outbox row to count them', () => {
    const replica = newReplica();
    const plans = ['SELECT count(*) FROM outbox', 'SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL'].map((statement) =>
      (replica.db.prepare(`EXPLAIN QUERY PLAN ${statement}`).all() as { detail: string }[]).map((r) => r.detail).join('; '),
    );
    for (const plan of plans) expect(plan).toMatch(/USING COVERING INDEX/);
    expect(plans[1]).toMatch(/outbox_rejected/);
  });
});
