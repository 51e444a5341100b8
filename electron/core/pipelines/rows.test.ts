// The jobs behind a pipelines-dashboard figure: as many as the figure clicked (a day's bar segment,
// a pipeline's runs), on the dashboard's own local days, newest first, limited but counted in full.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../../shared/domain';
import { Core } from '../api';
import { openReplica } from '../db/open';
import { Replica } from '../sync/replica';
import { demoDataDir } from '../testing';
import { pipelineDashboard } from './dashboard';
import { pipelineRows } from './rows';
import { replicaWithPipelines } from './testing';

const NOW = new Date('2026-04-10T00:00:00Z');

/**
 * Around the end of daylight saving in Sydney (Sunday 2026-04-05 has 25 hours: 2026-04-04T13:00Z
 * to 2026-04-05T14:00Z). Times are UTC.
 */
const JOBS: Array<[slug: string, status: string, requestedAt: string]> = [
  ['backup-verify', 'failed', '2026-04-04T12:59:59.999Z'], // Sydney 04-04 23:59:59.999: the day before
  ['backup-verify', 'failed', '2026-04-04T13:00:00.000Z'], // Sydney 04-05 00:00 AEDT: the first instant
  ['cost-report', 'failed', '2026-04-05T01:00:00.000Z'],
  ['backup-verify', 'succeeded', '2026-04-05T10:00:00.000Z'],
  ['backup-verify', 'failed', '2026-04-05T13:30:00.000Z'], // 23:30 AEST, the hour the clocks gave back
  ['backup-verify', 'failed', '2026-04-05T14:00:00.000Z'], // Sydney 04-06 00:00 AEST: the day after
  ['backup-verify', 'queued', '2026-04-05T05:00:00.000Z'],
  ['cost-report', 'requested', '2026-04-05T06:00:00.000Z'],
];

function replicaWithJobs() {
  const { replica, ids, pipelines } = replicaWithPipelines();
  replica.transaction(() => {
    for (const [slug, status, requestedAt] of JOBS) {
      replica.insert('pipeline_jobs', {
        id: replica.newId(),
        pipeline_id: pipelines[slug]!,
        project_id: null,
        status,
        params: '{}',
        requested_by: ids.alice,
        requested_at: requestedAt,
        started_at: null,
        finished_at: null,
        error: status === 'failed' ? `${slug} broke` : null,
        result_summary: null,
      });
    }
  });
  return { replica, pipelines };
}

describe('pipelines.rows: the jobs behind a dashboard figure', () => {
  it('a day of 25 hours in Sydney: its failed jobs, first instant in, next day out (worked out by hand)', () => {
    const { replica, pipelines } = replicaWithJobs();
    const day = { from: '2026-04-05', to: '2026-04-05', timeZone: 'Australia/Sydney', limit: 1000 };
    const failed = pipelineRows(replica.db, { ...day, status: 'failed' }, NOW);
    expect(failed.count).toBe(3);
    expect(failed.truncated).toBe(false);
    // Newest first.
    expect(failed.rows.map((r) => r.requestedAt)).toEqual([
      '2026-04-05T13:30:00.000Z',
      '2026-04-05T01:00:00.000Z',
      '2026-04-04T13:00:00.000Z',
    ]);
    // The figure on the dashboard is the same.
    const dashboard = pipelineDashboard(replica.db, { from: '2026-04-01', to: '2026-04-07', timeZone: 'Australia/Sydney' });
    expect(dashboard.days.find((d) => d.day === '2026-04-05')!.counts.failed).toBe(3);
    // Waiting (requested or queued), one pipeline, and no status at all.
    expect(pipelineRows(replica.db, { ...day, status: ['requested', 'queued'] }, NOW).count).toBe(2);
    const backup = pipelineRows(replica.db, { ...day, status: 'failed', pipelineId: pipelines['backup-verify'] }, NOW);
    expect(backup.rows.map((r) => r.pipeline)).toEqual(['backup-verify', 'backup-verify']);
    expect(pipelineRows(replica.db, day, NOW).count).toBe(6);
    // In Brisbane (no DST, +10) 2026-04-05 is 04-04T14:00Z to 04-05T14:00Z: the 13:00Z job is the day before.
    expect(pipelineRows(replica.db, { ...day, timeZone: 'Australia/Brisbane', status: 'failed' }, NOW).count).toBe(2);
    replica.db.close();
  });

  it('stops at the limit, says so, and still counts them all', () => {
    const { replica } = replicaWithJobs();
    const got = pipelineRows(replica.db, { from: '2026-04-05', to: '2026-04-05', timeZone: 'Australia/Sydney', limit: 2 }, NOW);
    expect(got).toMatchObject({ count: 6, truncated: true });
    expect(got.rows).toHaveLength(2);
    replica.db.close();
  });

  for (const timeZone of ['Australia/Brisbane', 'Australia/Sydney', 'America/New_York']) {
    it(`every bar segment of the demo's dashboard has as many rows as it shows (${timeZone})`, () => {
      const replica = new Replica(openReplica(path.join(demoDataDir('2026-11-20'), 'demo.sqlite')));
      const range = { from: '2026-03-29', to: '2026-04-11', timeZone }; // across Sydney's April change
      const dashboard = pipelineDashboard(replica.db, range);
      let seen = 0;
      for (const { day, counts } of dashboard.days) {
        for (const status of JOB_STATUSES) {
          const rows = pipelineRows(replica.db, { from: day, to: day, timeZone, status, limit: 5000 }, NOW);
          expect(rows.count, `${day} ${status}`).toBe(counts[status]);
          expect(rows.rows).toHaveLength(counts[status]);
          expect(rows.rows.every((r) => r.status === status)).toBe(true);
          seen += rows.count;
        }
      }
      expect(seen).toBeGreaterThan(100);
      for (const p of dashboard.pipelines) {
        expect(pipelineRows(replica.db, { ...range, pipelineId: p.pipelineId, limit: 1 }, NOW).count).toBe(p.runs);
      }
      replica.db.close();
    });
  }

  it('through the core: the workspace zone, checked input', async () => {
    const { replica } = replicaWithJobs();
    const core = new Core({ dbPath: replica.db.name, consultantEmail: 'alice@example.com' });
    replica.db.close();
    try {
      const got = await core.call('pipelines.rows', { from: '2026-04-01', to: '2026-04-07', status: 'failed' });
      expect(got.range.timeZone).toBe((await core.call('workspace.info')).timeZone);
      expect(got.count).toBe(got.rows.length);
      const refusals: [unknown, string][] = [
        [{ from: '2026-04-07', to: '2026-04-01' }, 'to'],
        [{ from: '2025-01-01', to: '2026-04-01' }, 'from'],
        [{ from: '2026-04-01', to: '2026-04-07', status: 'lost' }, 'status'],
        [{ from: '2026-04-01', to: '2026-04-07', pipelineId: 'backup' }, 'pipelineId'],
        [{ from: '2026-04-01', to: '2026-04-07', limit: 0 }, 'limit'],
        [{ from: '2026-04-01', to: '2026-04-07', extra: 1 }, ''],
      ];
      for (const [input, field] of refusals) {
        const result = await core.invoke('pipelines.rows', input);
        expect(result.ok, JSON.stringify(input)).toBe(false);
        if (!result.ok && field) expect(result.error.field).toBe(field);
      }
    } finally {
      core.close();
    }
  });
});
