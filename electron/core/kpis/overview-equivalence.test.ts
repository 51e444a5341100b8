// The overview and clients screens read maintained aggregates and one-pass queries since issue 13's
// performance work (migrations/sqlite/0015): on the demo workspace, every figure equals the same
// figure computed as before — the queries as they were, kept here as the reference — for ranges of
// a year, 90 days, whole months and a daylight-saving change, in the demo's zone and in a
// quarter-hour one (Kathmandu, +05:45) and one with daylight saving (Sydney).
import { beforeAll, describe, expect, it } from 'vitest';
import { previousRange } from '../../../shared/ranges';
import { dayStartUtc, localDay } from '../../../shared/time';
import { collection } from '../billing/queries/dashboard';
import { clientsOverview } from '../clients/queries';
import { DEMO_TIME_ZONE, seedDemo } from '../demo/seed';
import { SPANS_CTE } from '../leads/dashboard';
import { newReplica } from '../sync/fixtures';
import type { Replica } from '../sync/replica';
import { trendPeriods } from './periods';
import { scorecard } from './scorecard';

let replica: Replica;
beforeAll(() => {
  replica = newReplica('demo-overview');
  seedDemo(replica, { anchor: '2026-11-20' });
}, 180_000);

const RANGES = [
  { from: '2025-11-21', to: '2026-11-20' },
  { from: '2026-08-23', to: '2026-11-20' },
  { from: '2026-01-01', to: '2026-06-30' },
  { from: '2026-09-20', to: '2026-10-17' },
];
const ZONES = [DEMO_TIME_ZONE, 'Asia/Kathmandu', 'Australia/Sydney'];
const TODAY = '2026-11-20';

/** The scorecard's projects under way per period, as it read them: two seeks into the entries a project. */
function activeProjectsBefore(periods: ReturnType<typeof trendPeriods>['periods']): number[] {
  const span = replica.db.prepare(
    `SELECT (SELECT min(e.started_at) FROM time_entries e WHERE e.project_id = pr.id) AS first_at,
       (SELECT max(e.started_at) FROM time_entries e WHERE e.project_id = pr.id) AS last_at FROM projects pr`,
  );
  const spans = span.all() as Array<{ first_at: string | null; last_at: string | null }>;
  return periods.map((p) => spans.filter((s) => s.first_at !== null && s.first_at < p.until && s.last_at! >= p.start).length);
}

/** The weighted pipeline at the end of each day, as it was read: the leads dashboard's spans joined to the days. */
function pipelineBefore(days: string[]): Map<string, number> {
  const rows = replica.db
    .prepare(
      `WITH d AS MATERIALIZED (SELECT value AS day FROM json_each(:days)),
       ${SPANS_CTE}
       SELECT d.day, (coalesce(sum(s.value * s.probability), 0) + 50) / 100 AS cents
       FROM d LEFT JOIN spans s ON s.since <= d.day AND (s.until IS NULL OR s.until > d.day) GROUP BY d.day`,
    )
    .all({ days: JSON.stringify(days) }) as Array<{ day: string; cents: number }>;
  return new Map(rows.map((r) => [r.day, r.cents]));
}

describe('the scorecard on the demo workspace', () => {
  for (const zone of ZONES) {
    for (const range of RANGES) {
      it(`equals the figures computed as before: ${range.from} to ${range.to} in ${zone}`, () => {
        const q = { ...range, today: TODAY, timeZone: zone };
        const now = scorecard(replica.db, q, true);
        const direct = scorecard(replica.db, q, true, 'direct');
        const tile = (s: typeof now, key: string) => s.tiles.find((t) => t.key === key)!;
        // utilization: the projects dashboard's, for the range and each period by itself; job success from the jobs
        for (const key of ['utilization', 'job_success']) expect(tile(now, key), key).toEqual(tile(direct, key));
        expect(tile(now, 'utilization').trend.some((p) => p.value !== null && p.value > 0)).toBe(true);
        expect(tile(now, 'job_success').value).not.toBeNull();

        const { periods } = trendPeriods(q.from, q.to, zone);
        const asOf = q.to < q.today ? q.to : q.today;
        const prev = previousRange(q);
        const paid = tile(now, 'paid_within_30');
        expect(paid.value).toBe(collection(replica.db, { from: q.from, to: q.to, asOf }).share);
        expect(paid.previous).toBe(collection(replica.db, { from: prev.from, to: prev.to, asOf }).share);
        expect(paid.trend.map((p) => p.value)).toEqual(periods.map((p) => collection(replica.db, { from: p.from, to: p.to, asOf }).share));

        expect(tile(now, 'active_projects').trend.map((p) => p.value)).toEqual(activeProjectsBefore(periods));

        const before = pipelineBefore([prev.to, ...periods.map((p) => p.to)]);
        const pipeline = tile(now, 'weighted_pipeline');
        expect(pipeline.previous).toBe(before.get(prev.to));
        expect(pipeline.trend.map((p) => p.value)).toEqual(periods.map((p) => (p.to <= TODAY ? before.get(p.to) : null)));
        expect(pipeline.trend.some((p) => p.value !== null && p.value > 0)).toBe(true);
      });
    }
  }
});

interface ClientBefore {
  id: string;
  revenue: number;
  receivables: number;
  cost60: number;
  uncosted: number;
  expenses: number;
  projects: number;
  active: number;
  last_at: string | null;
}

/** The clients list's money, projects and last day worked, as it read them: from labour_months, expenses and the entries. */
function clientsBefore(): ClientBefore[] {
  return replica.db
    .prepare(
      `WITH rev AS MATERIALIZED (
         SELECT client_id, coalesce(sum(CASE WHEN status IN ('sent', 'paid') THEN subtotal_cents END), 0) AS revenue,
           coalesce(sum(CASE WHEN status = 'sent' THEN total_cents END), 0) AS receivables
         FROM invoices GROUP BY client_id
       ),
       lab AS MATERIALIZED (
         SELECT p.client_id, sum(lm.minutes * k.cost_rate_cents) AS cost60, sum(k.cost_rate_cents IS NULL) AS uncosted
         FROM labour_months lm JOIN projects p ON p.id = lm.project_id JOIN consultants k ON k.id = lm.consultant_id
         GROUP BY p.client_id
       ),
       ex AS MATERIALIZED (SELECT p.client_id, sum(x.amount_cents) AS expenses FROM expenses x JOIN projects p ON p.id = x.project_id GROUP BY 1),
       pr AS MATERIALIZED (
         SELECT p.client_id, count(*) AS projects, sum(p.status = 'active') AS active,
           max((SELECT max(e.started_at) FROM time_entries e WHERE e.project_id = p.id)) AS last_at
         FROM projects p GROUP BY p.client_id
       )
       SELECT c.id, coalesce(rev.revenue, 0) AS revenue, coalesce(rev.receivables, 0) AS receivables,
         coalesce(lab.cost60, 0) AS cost60, coalesce(lab.uncosted, 0) AS uncosted, coalesce(ex.expenses, 0) AS expenses,
         coalesce(pr.projects, 0) AS projects, coalesce(pr.active, 0) AS active, pr.last_at
       FROM clients c LEFT JOIN rev ON rev.client_id = c.id LEFT JOIN lab ON lab.client_id = c.id LEFT JOIN ex ON ex.client_id = c.id
       LEFT JOIN pr ON pr.client_id = c.id
       ORDER BY c.name, c.id`,
    )
    .all() as ClientBefore[];
}

/** Retention as it was read: for each client, any entry on its projects in each year. */
function retentionBefore(year: number, zone: string): { last: string[]; this: string[] } {
  const start = (y: number) => dayStartUtc(`${y}-01-01`, zone);
  const worked = `EXISTS (SELECT 1 FROM projects p JOIN time_entries e ON e.project_id = p.id
                          WHERE p.client_id = c.id AND e.started_at >= ? AND e.started_at < ?)`;
  const rows = replica.db
    .prepare(`SELECT c.id, ${worked} AS last, ${worked} AS this FROM clients c ORDER BY c.name, c.id`)
    .all(start(year - 1), start(year), start(year), start(year + 1)) as Array<{ id: string; last: number; this: number }>;
  return { last: rows.filter((r) => r.last === 1).map((r) => r.id), this: rows.filter((r) => r.this === 1).map((r) => r.id) };
}

describe('the clients list on the demo workspace', () => {
  for (const zone of ZONES) {
    it(`equals the figures computed as before, and retention across the year in ${zone}`, () => {
      const before = clientsBefore();
      for (const range of RANGES) {
        const list = clientsOverview(replica.db, { ...range, today: TODAY, timeZone: zone });
        expect(list.clients.map((c) => c.id)).toEqual(before.map((c) => c.id));
        expect(
          list.clients.map((c) => [c.revenueCents, c.receivablesCents, c.marginCents, c.projectCount, c.activeProjects, c.lastWorkedOn]),
        ).toEqual(
          before.map((b) => [
            b.revenue,
            b.receivables,
            b.uncosted > 0 ? null : b.revenue - Math.floor((b.cost60 + 30) / 60) - b.expenses,
            b.projects,
            b.active,
            b.last_at ? localDay(b.last_at, zone) : null,
          ]),
        );
        const r = retentionBefore(Number(range.to.slice(0, 4)), zone);
        const lapsed = list.retention.lapsed.map((c) => c.id);
        const gained = list.retention.gained.map((c) => c.id);
        expect(list.retention.activeLastYear).toBe(r.last.length);
        expect(list.retention.activeThisYear).toBe(r.this.length);
        expect(lapsed).toEqual(before.map((b) => b.id).filter((id) => r.last.includes(id) && !r.this.includes(id)));
        expect(gained).toEqual(before.map((b) => b.id).filter((id) => r.this.includes(id) && !r.last.includes(id)));
      }
      // the demo has clients with margins, lapsed ones and a last day worked, so the comparisons compare something
      expect(before.filter((b) => b.cost60 > 0 && b.expenses > 0).length).toBeGreaterThan(3);
      expect(before.filter((b) => b.last_at !== null).length).toBeGreaterThan(3);
    });
  }
});
