// The demo's sales side: leads across every source and stage over two years, each won lead one of
// the demo's own projects and its client, a stage history that is in order, NPS that moves over
// time, and a monthly history for the custom metrics.
import { beforeAll, describe, expect, it } from 'vitest';
import { npsReport } from '../feedback/queries';
import { leadsDashboard } from '../leads/dashboard';
import { newReplica } from '../sync/fixtures';
import type { Replica } from '../sync/replica';
import { DEMO_TIME_ZONE, seedDemo, type SeedCounts } from './seed';

let replica: Replica;
let counts: SeedCounts;
beforeAll(() => {
  replica = newReplica('demo-sales');
  counts = seedDemo(replica, { anchor: '2026-11-20' });
}, 120_000);

describe('the demo’s sales data', () => {
  it('has leads from every source in every stage, won ones linked to the demo’s projects and their clients', () => {
    const db = replica.db;
    expect(counts).toMatchObject({ metrics: 2, metric_values: 48 });
    expect(counts.leads).toBe(db.prepare('SELECT count(*) FROM leads').pluck().get());
    expect(db.prepare('SELECT DISTINCT source FROM leads ORDER BY 1').pluck().all()).toEqual([
      'content',
      'networking',
      'open_source',
      'other',
      'referral',
    ]);
    expect(db.prepare('SELECT DISTINCT stage FROM leads ORDER BY 1').pluck().all()).toEqual([
      'discovery',
      'follow_up',
      'implementation',
      'lost',
      'proposal',
      'won',
    ]);
    expect(
      db
        .prepare(
          `SELECT count(*) FROM leads l LEFT JOIN projects p ON p.id = l.project_id
           WHERE l.stage = 'won' AND (p.id IS NULL OR p.client_id IS NOT l.client_id OR p.tier <> l.tier OR l.created_on > p.start_on)`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM leads WHERE stage <> 'won' AND project_id IS NOT NULL`).pluck().get()).toBe(0);
    // every lead's events: its creation first, each move from the stage before, the last its stage, none after the anchor
    const broken = db
      .prepare(
        `WITH e AS (SELECT lead_id, from_stage, to_stage, moved_on,
                      lag(to_stage) OVER (PARTITION BY lead_id ORDER BY moved_on, moved_at) AS before,
                      row_number() OVER (PARTITION BY lead_id ORDER BY moved_on DESC, moved_at DESC) AS from_end
                    FROM lead_events)
         SELECT count(*) FROM e JOIN leads l ON l.id = e.lead_id
         WHERE e.from_stage IS NOT e.before OR (e.from_end = 1 AND e.to_stage <> l.stage) OR e.moved_on >= '2026-11-20' OR e.moved_on < l.created_on`,
      )
      .pluck()
      .get();
    expect(broken).toBe(0);
    const d = leadsDashboard(db, { from: '2025-11-20', to: '2026-11-19', timeZone: DEMO_TIME_ZONE, today: '2026-11-19' });
    expect(d.pipeline.openLeads).toBeGreaterThan(10);
    expect(d.winRate.rate).toBeGreaterThan(0.2);
    expect(d.winRate.rate).toBeLessThan(0.8);
  });

  it('has NPS answers that get better over the two years', () => {
    const first = npsReport(replica.db, '2024-11-20', '2025-11-19', DEMO_TIME_ZONE).overall;
    const second = npsReport(replica.db, '2025-11-20', '2026-11-19', DEMO_TIME_ZONE).overall;
    expect(first.responses).toBeGreaterThan(30);
    expect(second.responses).toBeGreaterThan(30);
    expect(second.nps! - first.nps!).toBeGreaterThan(20);
  });
});
