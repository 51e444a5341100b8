// The overview's maintained aggregates (migrations/sqlite/0015_overview_aggregates.sql) always equal
// a direct computation, after random local writes of every column they depend on (entries, jobs,
// cost rates), after a load that sets their triggers aside, and after the zone they are keyed by
// changes: project_spans (each project's first and last entry), project_costs (labour cost to date
// per project), pipeline_local_days (finished jobs per local day) and pipeline_request_days (jobs per
// local day of request, pipeline and status), the local days computed here by the IANA rules of
// shared/time.ts. And clients' retention reads a project whose entries span the year right.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/time';
import { clientsOverview } from '../clients/queries';
import { buildDeferredIndexes, deferIndexes } from '../db/deferred-indexes';
import { keyLocalDays, localDaysZone } from '../db/local-zone';
import { salesReplica } from '../leads/fixture';
import type { TinyIds } from '../sync/fixtures';
import type { Replica, RowValues } from '../sync/replica';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function spans(r: Replica) {
  return r.db.prepare('SELECT project_id, first_at, last_at FROM project_spans ORDER BY 1').all();
}
function spansFromEntries(r: Replica) {
  return r.db
    .prepare('SELECT project_id, min(started_at) AS first_at, max(started_at) AS last_at FROM time_entries GROUP BY 1 ORDER BY 1')
    .all();
}
function costs(r: Replica) {
  return r.db.prepare('SELECT project_id, cost60, uncosted > 0 AS uncosted FROM project_costs ORDER BY 1').all();
}
/** Labour cost to date per project from the entries and the consultants' cost rates now (NULL rate: uncosted). */
function costsFromEntries(r: Replica) {
  return r.db
    .prepare(
      `SELECT e.project_id, coalesce(sum(e.minutes * k.cost_rate_cents), 0) AS cost60, max(k.cost_rate_cents IS NULL) AS uncosted
       FROM time_entries e JOIN consultants k ON k.id = e.consultant_id GROUP BY 1 ORDER BY 1`,
    )
    .all();
}
function jobDays(r: Replica) {
  return r.db.prepare('SELECT day, succeeded, failed FROM pipeline_local_days ORDER BY 1').all();
}
function jobDaysFromJobs(r: Replica, zone: string) {
  const jobs = r.db
    .prepare("SELECT status, finished_at FROM pipeline_jobs WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL")
    .all() as Array<{ status: string; finished_at: string }>;
  const by = new Map<string, { day: string; succeeded: number; failed: number }>();
  for (const j of jobs) {
    const day = localDay(j.finished_at, zone);
    const row = by.get(day) ?? { day, succeeded: 0, failed: 0 };
    if (j.status === 'succeeded') row.succeeded += 1;
    else row.failed += 1;
    by.set(day, row);
  }
  return [...by.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}
function requestDays(r: Replica) {
  return r.db.prepare('SELECT day, pipeline_id, status, jobs FROM pipeline_request_days ORDER BY 1, 2, 3').all();
}
function requestDaysFromJobs(r: Replica, zone: string) {
  const jobs = r.db.prepare('SELECT pipeline_id, status, requested_at FROM pipeline_jobs').all() as Array<{
    pipeline_id: string;
    status: string;
    requested_at: string;
  }>;
  const by = new Map<string, { day: string; pipeline_id: string; status: string; jobs: number }>();
  for (const j of jobs) {
    const day = localDay(j.requested_at, zone);
    const key = `${day} ${j.pipeline_id} ${j.status}`;
    const row = by.get(key) ?? { day, pipeline_id: j.pipeline_id, status: j.status, jobs: 0 };
    row.jobs += 1;
    by.set(key, row);
  }
  return [...by.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, row]) => row);
}
function expectExact(r: Replica, when: string) {
  expect(spans(r), when).toEqual(spansFromEntries(r));
  expect(costs(r), when).toEqual(costsFromEntries(r));
  const zone = localDaysZone(r.db);
  expect(zone).not.toBeNull();
  expect(jobDays(r), when).toEqual(jobDaysFromJobs(r, zone!));
  expect(requestDays(r), when).toEqual(requestDaysFromJobs(r, zone!));
}

describe('the overview aggregates', () => {
  let replica: Replica;
  let ids: TinyIds;
  let pipeline: string;
  let pipeline2: string;
  beforeEach(() => {
    ({ replica, ids } = salesReplica('Australia/Sydney'));
    pipeline = replica.newId();
    pipeline2 = replica.newId();
    replica.transaction(() => {
      replica.insert('pipelines', { id: pipeline, slug: 'etl', name: 'ETL', description: '', params_schema: '{}', active: 1 });
      replica.insert('pipelines', { id: pipeline2, slug: 'load', name: 'Load', description: '', params_schema: '{}', active: 1 });
    });
    replica.db.transaction(() => keyLocalDays(replica.db, 'Australia/Sydney')).immediate();
  });
  afterEach(() => replica.db.close());

  it('equal the entries, jobs and cost rates after random writes, a load without triggers and a change of zone', () => {
    const random = prng(13);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    // Instants around the year's end and the daylight-saving changes, to the minute, and some at local midnight.
    const instant = () =>
      random() < 0.2
        ? pick(['2025-12-31T13:00:00.000Z', '2026-04-04T14:00:00.000Z', '2026-10-03T14:00:00.000Z', '2026-10-04T13:00:00.000Z'])
        : new Date(Date.parse('2025-09-01T00:00:00Z') + Math.floor(random() * 500 * 1440) * 60_000).toISOString();
    const entries: string[] = [];
    const jobs: string[] = [];
    const STATUSES = ['requested', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
    const step = () => {
      const op = random();
      if (op < 0.3 || entries.length === 0) {
        const id = replica.newId();
        entries.push(id);
        replica.insert('time_entries', {
          id,
          project_id: pick([ids.project, ids.project2]),
          consultant_id: pick([ids.alice, ids.bob]),
          started_at: instant(),
          minutes: 1 + Math.floor(random() * 600),
          billable: random() < 0.7 ? 1 : 0,
          note: '',
          rate_cents: 19000,
          invoice_id: null,
        });
      } else if (op < 0.45) {
        const change = pick<RowValues>([
          { started_at: instant() },
          { project_id: pick([ids.project, ids.project2]) },
          { consultant_id: pick([ids.alice, ids.bob]) },
          { minutes: 1 + Math.floor(random() * 600) },
        ]);
        replica.update('time_entries', pick(entries), change);
      } else if (op < 0.55) {
        const id = entries.splice(Math.floor(random() * entries.length), 1)[0]!;
        replica.remove('time_entries', id);
      } else if (op < 0.75 || jobs.length === 0) {
        const id = replica.newId();
        jobs.push(id);
        const status = pick(STATUSES);
        replica.insert('pipeline_jobs', {
          id,
          pipeline_id: pick([pipeline, pipeline2]),
          project_id: null,
          status,
          params: '{}',
          requested_by: ids.alice,
          requested_at: instant(),
          started_at: null,
          finished_at: random() < 0.8 ? instant() : null,
          error: null,
          result_summary: null,
        });
      } else if (op < 0.88) {
        replica.update(
          'pipeline_jobs',
          pick(jobs),
          pick<RowValues>([
            { status: pick(STATUSES) },
            { finished_at: random() < 0.8 ? instant() : null },
            { requested_at: instant() },
            { pipeline_id: pick([pipeline, pipeline2]) },
          ]),
        );
      } else if (op < 0.93) {
        const id = jobs.splice(Math.floor(random() * jobs.length), 1)[0]!;
        replica.remove('pipeline_jobs', id);
      } else {
        replica.update('consultants', pick([ids.alice, ids.bob]), {
          cost_rate_cents: random() < 0.3 ? null : 5000 + Math.floor(random() * 10_000),
        });
      }
    };
    for (let i = 0; i < 400; i++) {
      replica.transaction(step);
      if (i % 20 === 19) expectExact(replica, `after write ${i + 1}`);
    }
    expect(spans(replica).length).toBe(2);
    expect(jobDays(replica).length).toBeGreaterThan(5);
    expect(requestDays(replica).length).toBeGreaterThan(20);

    // A load sets the entries' and jobs' triggers aside: the aggregates lag until it ends and rebuilds them.
    replica.db.transaction(() => deferIndexes(replica.db, ['time_entries', 'pipeline_jobs'])).immediate();
    for (let i = 0; i < 60; i++) replica.transaction(step);
    expect(jobDays(replica)).not.toEqual(jobDaysFromJobs(replica, 'Australia/Sydney'));
    expect(requestDays(replica)).not.toEqual(requestDaysFromJobs(replica, 'Australia/Sydney'));
    replica.db.transaction(() => buildDeferredIndexes(replica.db)).immediate();
    expectExact(replica, 'after the load');

    // Keyed by a quarter-hour zone: rebuilt, and kept in its days from then on.
    replica.db.transaction(() => keyLocalDays(replica.db, 'Asia/Kathmandu')).immediate();
    expectExact(replica, 'keyed by Kathmandu');
    for (let i = 0; i < 100; i++) replica.transaction(step);
    expectExact(replica, 'after writes in Kathmandu');
  });

  it('read retention right when a project spans the year, with and without an hour in it', () => {
    const entry = (project: string, startedAt: string) =>
      replica.insert('time_entries', {
        id: replica.newId(),
        project_id: project,
        consultant_id: ids.alice,
        started_at: startedAt,
        minutes: 60,
        billable: 1,
        note: '',
        rate_cents: 19000,
        invoice_id: null,
      });
    const other = replica.newId();
    const otherProject = replica.newId();
    replica.transaction(() => {
      replica.insert('clients', { id: other, name: 'Zamia', industry: 'Retail', region: 'Sydney', nps: null, status: 'active' });
      replica.insert('projects', {
        id: otherProject,
        client_id: other,
        name: 'Zamia work',
        tier: 'pipeline_mvp',
        status: 'active',
        budget_cents: 100000,
        hourly_rate_cents: 19000,
        rounding_mode: 'none',
        rounding_step: 15,
        start_on: '2024-01-01',
        due_on: null,
      });
      // Both clients' projects span 2025 (an hour in 2024 and one in 2026); only Moreton Freight's has one in 2025 too.
      for (const project of [ids.project, otherProject]) {
        entry(project, '2024-06-01T00:00:00.000Z');
        entry(project, '2026-06-01T00:00:00.000Z');
      }
      entry(ids.project, '2025-06-01T00:00:00.000Z');
    });
    const q = { from: '2026-01-01', to: '2026-06-30', today: '2026-11-20', timeZone: 'Australia/Sydney' };
    const { retention } = clientsOverview(replica.db, q);
    expect(retention).toMatchObject({ year: 2026, activeLastYear: 1, activeThisYear: 2, retained: 1, lapsed: [] });
    expect(retention.gained.map((c) => c.id)).toEqual([other]);
  });
});
