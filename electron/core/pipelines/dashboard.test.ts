import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/time';
import { openReplica } from '../db/open';
import { demoDataDir } from '../testing';
import { Replica } from '../sync/replica';
import { pipelineDashboard } from './dashboard';

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

  it('refuses a range it cannot show, rather than a wrong picture', () => {
    const replica = new Replica(openReplica(path.join(demoDataDir(ANCHOR), 'demo.sqlite')));
    expect(() => pipelineDashboard(replica.db, { from: '2026-05-01', to: '2026-04-01', timeZone: 'UTC' })).toThrow(/1 to 366 days/);
    replica.db.close();
  });
});
