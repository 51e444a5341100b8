import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/time';
import Database from 'better-sqlite3';
import { buildDeferredIndexes, deferIndexes } from '../db/deferred-indexes';
import { localDaysZone } from '../db/local-zone';
import { openReplica } from '../db/open';
import { demoDataDir } from '../testing';
import { freshCentral } from '../central/testing';
import { syncOnce } from '../sync/engine';
import { newReplica, seedTiny } from '../sync/fixtures';
import { Replica } from '../sync/replica';
import { ensureDemoPipelines } from '../../pipeline-server/testing';
import { pipelineDashboard } from './dashboard';
import { replicaWithPipelines } from './testing';

const ANCHOR = '2026-11-20';

interface Job {
  pipeline_id: string;
  status: string;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** The nearest-rank percentile the dashboard promises, computed the slow way. */
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

describe('the pipelines dashboard', () => {
  for (const timeZone of ['Australia/Brisbane', 'Australia/Sydney', 'America/New_York']) {
    it(`agrees with a row-by-row count of the demo's jobs (${timeZone})`, () => {
      const replica = new Replica(openReplica(path.join(demoDataDir(ANCHOR), 'demo.sqlite')));
      const range = { from: '2026-03-01', to: '2026-05-31', timeZone }; // across Sydney's April change
      const got = pipelineDashboard(replica.db, range);
      const jobs = replica.db
        .prepare('SELECT pipeline_id, status, requested_at, started_at, finished_at FROM pipeline_jobs')
        .all() as Job[];
      const inRange = jobs.filter((j) => {
        const day = localDay(j.requested_at, timeZone);
        return day >= range.from && day <= range.to;
      });
      expect(inRange.length).toBeGreaterThan(1000);
      expect(got.days).toHaveLength(92);
      expect(got.days.reduce((n, d) => n + Object.values(d.counts).reduce((a, b) => a + b, 0), 0)).toBe(inRange.length);
      const day = got.days.find((d) => d.day === '2026-04-05')!;
      expect(day.counts.succeeded).toBe(
        inRange.filter((j) => localDay(j.requested_at, timeZone) === '2026-04-05' && j.status === 'succeeded').length,
      );

      for (const p of got.pipelines) {
        const mine = inRange.filter((j) => j.pipeline_id === p.pipelineId);
        expect(p.runs).toBe(mine.length);
        expect(p.failed).toBe(mine.filter((j) => j.status === 'failed').length);
        const runs = mine.filter((j) => j.started_at && j.finished_at).map((j) => Date.parse(j.finished_at!) - Date.parse(j.started_at!));
        const queues = mine.filter((j) => j.started_at).map((j) => Date.parse(j.started_at!) - Date.parse(j.requested_at));
        expect(p.p50DurationMs).toBe(nearestRank(runs, 0.5));
        expect(p.p95DurationMs).toBe(nearestRank(runs, 0.95));
        expect(p.p50QueueMs).toBe(nearestRank(queues, 0.5));
        expect(p.p95QueueMs).toBe(nearestRank(queues, 0.95));
        const succeeded = mine.filter((j) => j.status === 'succeeded').length;
        expect(p.successRate).toBeCloseTo(succeeded / (succeeded + p.failed), 10);
      }
      const failures = inRange.filter((j) => j.status === 'failed');
      expect(got.recentFailures).toHaveLength(Math.min(10, failures.length));
      expect(got.recentFailures.every((f) => f.error.length > 0)).toBe(true);
      replica.db.close();
    });
  }

  it('counts the same from the local-day aggregate as from the jobs, in any zone, and from the jobs when it cannot be keyed', () => {
    const file = path.join(demoDataDir(ANCHOR), 'demo.sqlite');
    const replica = new Replica(openReplica(file));
    const year = { from: '2025-11-21', to: ANCHOR };
    // Half-hour and quarter-hour offsets, both hemispheres' daylight saving, and none.
    for (const timeZone of ['Australia/Adelaide', 'Asia/Kathmandu', 'Europe/London', 'UTC']) {
      const range = { ...year, timeZone };
      const fromDays = pipelineDashboard(replica.db, range, 10, 'auto');
      expect(localDaysZone(replica.db)).toBe(timeZone);
      expect(fromDays).toEqual(pipelineDashboard(replica.db, range, 10, 'jobs'));
      expect(fromDays.totals.runs).toBeGreaterThan(5_000);
    }
    replica.db.close();
    // Read-only and keyed by another zone: counted from the jobs, the same figures.
    const readOnly = new Database(file, { readonly: true });
    const sydney = { ...year, timeZone: 'Australia/Sydney' };
    expect(localDaysZone(readOnly)).toBe('UTC');
    expect(pipelineDashboard(readOnly, sydney, 10, 'auto')).toEqual(pipelineDashboard(readOnly, sydney, 10, 'jobs'));
    readOnly.close();
  });

  it('refuses a range it cannot show, rather than a wrong picture', () => {
    const replica = new Replica(openReplica(path.join(demoDataDir(ANCHOR), 'demo.sqlite')));
    expect(() => pipelineDashboard(replica.db, { from: '2026-05-01', to: '2026-04-01', timeZone: 'UTC' })).toThrow(/1 to 366 days/);
    replica.db.close();
  });
});

/**
 * A hand-made week around the end of daylight saving in Sydney (Sunday 2026-04-05, 03:00 AEDT
 * becomes 02:00 AEST: that local day has 25 hours, 2026-04-04T13:00Z to 2026-04-05T14:00Z) and in
 * Adelaide (the same morning, +10:30 to +9:30). Times are UTC; queue and run in milliseconds (a
 * negative queue time: the receiver's clock behind the laptop's); null: not started / not finished.
 */
const WEEK: Array<[slug: string, status: string, requestedAt: string, queueMs: number | null, runMs: number | null]> = [
  // Sydney 2026-03-31 23:59:59.999 AEDT: before the range, with outliers that would show if counted.
  ['backup-verify', 'succeeded', '2026-03-31T12:59:59.999Z', 999_999, 9_999_999],
  // Sydney 2026-04-01 00:00 AEDT: the range's first instant.
  ['backup-verify', 'succeeded', '2026-03-31T13:00:00.000Z', 2_000, 3_000],
  ['backup-verify', 'failed', '2026-04-02T01:00:00.000Z', 5, 950],
  ['backup-verify', 'succeeded', '2026-04-03T01:00:00.000Z', 2_000, 43_999],
  // Sydney 2026-04-04 23:59:59.999 AEDT (Adelaide 23:29:59.999 ACDT).
  ['backup-verify', 'succeeded', '2026-04-04T12:59:59.999Z', -1_500, 43_000],
  // Sydney 2026-04-05 00:00 AEDT (Adelaide 04-04 23:30 ACDT).
  ['backup-verify', 'failed', '2026-04-04T13:00:00.000Z', 0, 7],
  // Sydney 2026-04-05 23:30 AEST, an hour the day has only because the clocks went back (Adelaide 23:00 ACST).
  ['backup-verify', 'succeeded', '2026-04-05T13:30:00.000Z', 90_000, 43_099],
  // Sydney 2026-04-06 00:00 AEST (Adelaide 04-05 23:30 ACST).
  ['backup-verify', 'cancelled', '2026-04-05T14:00:00.000Z', 120_000, 120_000],
  ['backup-verify', 'running', '2026-04-06T02:00:00.000Z', 3_000, null],
  ['backup-verify', 'queued', '2026-04-06T03:00:00.000Z', null, null],
  ['cost-report', 'succeeded', '2026-04-01T00:00:00.000Z', 1_000, 60_000],
  ['cost-report', 'failed', '2026-04-05T14:00:00.000Z', 1_000, 1_000],
  ['cost-report', 'requested', '2026-04-07T13:59:59.999Z', null, null],
  // Sydney 2026-04-08 00:00 AEST: after the range.
  ['cost-report', 'succeeded', '2026-04-07T14:00:00.000Z', 999_999, 9_999_999],
];

function weekReplica() {
  const { replica, ids, pipelines } = replicaWithPipelines();
  const iso = (ms: number) => new Date(ms).toISOString();
  replica.transaction(() => {
    for (const [slug, status, requestedAt, queueMs, runMs] of WEEK) {
      const started = queueMs === null ? null : Date.parse(requestedAt) + queueMs;
      replica.insert('pipeline_jobs', {
        id: replica.newId(),
        pipeline_id: pipelines[slug]!,
        project_id: null,
        status,
        params: '{}',
        requested_by: ids.alice,
        requested_at: requestedAt,
        started_at: started === null ? null : iso(started),
        finished_at: started === null || runMs === null ? null : iso(started + runMs),
        error: status === 'failed' ? `${slug} broke` : null,
        result_summary: null,
      });
    }
  });
  return { replica, pipelines };
}

const zeros = { requested: 0, queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };

describe('the pipelines dashboard on a hand-made week (figures worked out by hand)', () => {
  it(`Sydney, across the end of daylight saving (process TZ ${process.env.TZ ?? 'unset'})`, () => {
    const { replica, pipelines } = weekReplica();
    const got = pipelineDashboard(replica.db, { from: '2026-04-01', to: '2026-04-07', timeZone: 'Australia/Sydney' });
    expect(got.days).toEqual([
      { day: '2026-04-01', counts: { ...zeros, succeeded: 2 } },
      { day: '2026-04-02', counts: { ...zeros, failed: 1 } },
      { day: '2026-04-03', counts: { ...zeros, succeeded: 1 } },
      { day: '2026-04-04', counts: { ...zeros, succeeded: 1 } },
      { day: '2026-04-05', counts: { ...zeros, failed: 1, succeeded: 1 } },
      { day: '2026-04-06', counts: { ...zeros, cancelled: 1, failed: 1, running: 1, queued: 1 } },
      { day: '2026-04-07', counts: { ...zeros, requested: 1 } },
    ]);
    const backup = got.pipelines.find((p) => p.slug === 'backup-verify')!;
    // Runs (finished): 3000, 950, 43999, 43000, 7, 43099, 120000 → sorted 7, 950, 3000, 43000,
    // 43099, 43999, 120000: p50 is the 4th (ceil 3.5), p95 the 7th (ceil 6.65); three share 43 s.
    // Queues (started): 2000, 5, 2000, -1500, 0, 90000, 120000, 3000 → sorted -1500, 0, 5, 2000,
    // 2000, 3000, 90000, 120000: p50 the 4th, p95 the 8th (ceil 7.6).
    expect(backup).toEqual({
      pipelineId: pipelines['backup-verify'],
      slug: 'backup-verify',
      name: expect.any(String),
      runs: 9,
      succeeded: 4,
      failed: 2,
      cancelled: 1,
      successRate: 4 / 6,
      p50DurationMs: 43_000,
      p95DurationMs: 120_000,
      p50QueueMs: 2_000,
      p95QueueMs: 120_000,
    });
    expect(got.pipelines.find((p) => p.slug === 'cost-report')).toMatchObject({
      runs: 3,
      succeeded: 1,
      failed: 1,
      cancelled: 0,
      successRate: 0.5,
      // Runs 60000, 1000: p50 the 1st, p95 the 2nd. Queues 1000, 1000.
      p50DurationMs: 1_000,
      p95DurationMs: 60_000,
      p50QueueMs: 1_000,
      p95QueueMs: 1_000,
    });
    // A pipeline with no job in the range: zero runs, no rate, no percentiles.
    expect(got.pipelines.find((p) => p.slug === 'k8s-drift')).toMatchObject({
      runs: 0,
      successRate: null,
      p50DurationMs: null,
      p95DurationMs: null,
      p50QueueMs: null,
      p95QueueMs: null,
    });
    expect(got.pipelines).toHaveLength(Object.keys(pipelines).length);
    expect(got.totals).toEqual({ runs: 12, succeeded: 5, failed: 3, successRate: 5 / 8 });
    // Newest finished first: cost-report's (finished 14:00:02Z) before backup-verify's of 13:00.
    expect(got.recentFailures.map((f) => [f.pipelineName.length > 0, f.finishedAt, f.error])).toEqual([
      [true, '2026-04-05T14:00:02.000Z', 'cost-report broke'],
      [true, '2026-04-04T13:00:00.007Z', 'backup-verify broke'],
      [true, '2026-04-02T01:00:00.955Z', 'backup-verify broke'],
    ]);
    expect(
      pipelineDashboard(replica.db, { from: '2026-04-01', to: '2026-04-07', timeZone: 'Australia/Sydney' }, 2).recentFailures,
    ).toHaveLength(2);
    replica.db.close();
  });

  it('Adelaide (a half-hour zone) on its 25-hour day, and one day in UTC', () => {
    const { replica } = weekReplica();
    const adelaide = pipelineDashboard(replica.db, { from: '2026-04-05', to: '2026-04-05', timeZone: 'Australia/Adelaide' });
    // 2026-04-04T13:30Z to 2026-04-05T14:30Z: the 13:30 and both 14:00 jobs, not the 13:00 one.
    expect(adelaide.days).toEqual([{ day: '2026-04-05', counts: { ...zeros, succeeded: 1, cancelled: 1, failed: 1 } }]);
    expect(adelaide.pipelines.find((p) => p.slug === 'backup-verify')).toMatchObject({
      runs: 2,
      p50DurationMs: 43_099, // runs 43099, 120000: the 1st
      p95DurationMs: 120_000,
      p50QueueMs: 90_000,
      p95QueueMs: 120_000,
    });
    const utc = pipelineDashboard(replica.db, { from: '2026-04-04', to: '2026-04-04', timeZone: 'UTC' });
    expect(utc.days).toEqual([{ day: '2026-04-04', counts: { ...zeros, succeeded: 1, failed: 1 } }]);
    expect(utc.pipelines.find((p) => p.slug === 'backup-verify')).toMatchObject({
      runs: 2,
      p50DurationMs: 7, // runs 43000, 7
      p95DurationMs: 43_000,
      p50QueueMs: -1_500, // queues -1500, 0
      p95QueueMs: 0,
    });
    replica.db.close();
  });

  it('follows changes: a job that starts, finishes or changes status moves between the figures', () => {
    const { replica } = weekReplica();
    const range = { from: '2026-04-06', to: '2026-04-06', timeZone: 'Australia/Sydney' };
    const queued = replica.db.prepare(`SELECT id FROM pipeline_jobs WHERE status = 'queued'`).pluck().get() as string;
    const before = pipelineDashboard(replica.db, range).pipelines.find((p) => p.slug === 'backup-verify')!;
    expect(before).toMatchObject({ runs: 3, p50DurationMs: 120_000, p50QueueMs: 3_000, p95QueueMs: 120_000 });
    replica.transaction(() =>
      replica.update('pipeline_jobs', queued, {
        status: 'succeeded',
        started_at: '2026-04-06T03:00:00.001Z',
        finished_at: '2026-04-06T03:00:01.001Z',
      }),
    );
    const after = pipelineDashboard(replica.db, range);
    expect(after.days[0]!.counts).toEqual({ ...zeros, cancelled: 1, running: 1, succeeded: 1, failed: 1 });
    // Runs 120000, 1000 → p50 1000; queues 120000, 3000, 1 → p50 3000 (the 2nd), p95 120000.
    expect(after.pipelines.find((p) => p.slug === 'backup-verify')).toMatchObject({
      runs: 3,
      succeeded: 1,
      p50DurationMs: 1_000,
      p95DurationMs: 120_000,
      p50QueueMs: 3_000,
      p95QueueMs: 120_000,
    });
    replica.db.close();
  });
});

describe('the pipelines dashboard while a load has the aggregate aside', () => {
  it('counts the jobs themselves until the load ends and the aggregate is rebuilt', () => {
    const { replica, pipelines } = weekReplica();
    const range = { from: '2026-04-01', to: '2026-04-07', timeZone: 'Australia/Sydney' };
    const before = pipelineDashboard(replica.db, range);
    expect(localDaysZone(replica.db)).toBe('Australia/Sydney');
    // An initial sync's parts: triggers aside, jobs arriving in transactions of their own.
    replica.db.transaction(() => deferIndexes(replica.db, ['pipeline_jobs'])).immediate();
    replica.transaction(() =>
      replica.insert('pipeline_jobs', {
        id: replica.newId(),
        pipeline_id: pipelines['backup-verify']!,
        project_id: null,
        status: 'failed',
        params: '{}',
        requested_by: null,
        requested_at: '2026-04-03T01:00:00.000Z',
        started_at: '2026-04-03T01:00:01.000Z',
        finished_at: '2026-04-03T01:00:02.000Z',
        error: 'arrived during the load',
        result_summary: null,
      }),
    );
    const during = pipelineDashboard(replica.db, range);
    expect(during).toEqual(pipelineDashboard(replica.db, range, 10, 'jobs'));
    expect(during.totals.runs).toBe(before.totals.runs + 1);
    expect(during.days.find((d) => d.day === '2026-04-03')!.counts.failed).toBe(
      before.days.find((d) => d.day === '2026-04-03')!.counts.failed + 1,
    );
    // The load's end rebuilds the aggregate: read from it again, the same figures.
    replica.db.transaction(() => buildDeferredIndexes(replica.db)).immediate();
    expect(pipelineDashboard(replica.db, range)).toEqual(during);
    replica.db.close();
  });
});

describe('the pipelines dashboard over rows that came by sync (real PostgreSQL)', () => {
  it('counts jobs a pull inserted and follows the updates a later pull brings', async () => {
    const central = await freshCentral();
    try {
      const admin = newReplica('admin');
      const ids = seedTiny(admin);
      await syncOnce(admin, central.url);
      const slugs = await ensureDemoPipelines(central.admin);
      const insert = (status: string, requestedAt: string, startedAt: string | null, finishedAt: string | null) =>
        central.admin.query(
          `INSERT INTO pipeline_jobs (id, pipeline_id, status, params, requested_by, requested_at, started_at, finished_at)
           VALUES (gen_random_uuid(), $1, $2, '{}', $3, $4, $5, $6) RETURNING id`,
          [slugs['backup-verify'], status, ids.alice, requestedAt, startedAt, finishedAt],
        );
      await insert('succeeded', '2026-04-05T13:30:00.000Z', '2026-04-05T13:30:02.000Z', '2026-04-05T13:30:45.000Z');
      await insert('failed', '2026-04-04T13:00:00.000Z', '2026-04-04T13:00:01.000Z', '2026-04-04T13:00:01.500Z');
      const running = (await insert('running', '2026-04-05T01:00:00.000Z', '2026-04-05T01:00:30.000Z', null)).rows[0].id as string;
      const laptop = newReplica('alice');
      await syncOnce(laptop, await central.consultantUrl(ids.alice));
      const range = { from: '2026-04-05', to: '2026-04-05', timeZone: 'Australia/Sydney' };
      const first = pipelineDashboard(laptop.db, range);
      expect(first.days[0]!.counts).toEqual({ ...zeros, succeeded: 1, failed: 1, running: 1 });
      // Runs 43000, 500; queues 2000, 1000, 30000.
      expect(first.pipelines.find((p) => p.slug === 'backup-verify')).toMatchObject({
        runs: 3,
        p50DurationMs: 500,
        p95DurationMs: 43_000,
        p50QueueMs: 2_000,
        p95QueueMs: 30_000,
      });

      // The worker finishes the running job at the central; the next pull updates the row here.
      await central.admin.query(`UPDATE pipeline_jobs SET status = 'succeeded', finished_at = '2026-04-05T01:02:30.000Z' WHERE id = $1`, [
        running,
      ]);
      await syncOnce(laptop, await central.consultantUrl(ids.alice));
      const second = pipelineDashboard(laptop.db, range);
      expect(second.days[0]!.counts).toEqual({ ...zeros, succeeded: 2, failed: 1 });
      // Runs 43000, 500, 120000 → p50 43000 (the 2nd), p95 120000.
      expect(second.pipelines.find((p) => p.slug === 'backup-verify')).toMatchObject({
        runs: 3,
        succeeded: 2,
        p50DurationMs: 43_000,
        p95DurationMs: 120_000,
      });
      laptop.db.close();
      admin.db.close();
    } finally {
      await central.drop();
    }
  });
});
