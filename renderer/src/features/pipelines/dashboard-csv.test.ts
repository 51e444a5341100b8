// The pipelines dashboard's CSV: the same figures as on screen, in plain units, local times in the
// workspace's zone (a failure on the night Sydney's clocks went forward).
import { describe, expect, it } from 'vitest';
import type { PipelineDashboard } from '../../../../shared/features/pipelines/types';
import { tableCsv } from '../../ui/csv';
import { dashboardCsv } from './dashboard-csv';

const data: PipelineDashboard = {
  range: { from: '2026-10-01', to: '2026-10-07', timeZone: 'Australia/Sydney' },
  days: [{ day: '2026-10-04', counts: { requested: 0, queued: 0, running: 1, succeeded: 3, failed: 1, cancelled: 0 } }],
  pipelines: [
    {
      pipelineId: 'p1',
      slug: 'xero-sync',
      name: 'Xero → warehouse',
      runs: 5,
      succeeded: 3,
      failed: 1,
      cancelled: 0,
      successRate: 0.75,
      p50DurationMs: 61_250,
      p95DurationMs: null,
      p50QueueMs: 400,
      p95QueueMs: 1_000,
    },
  ],
  // 2026-10-03T16:30Z is 03:30 AEDT on Sunday 4 October, the night the clocks went forward.
  recentFailures: [
    { jobId: 'j1', pipelineId: 'p1', pipelineName: 'Xero → warehouse', finishedAt: '2026-10-03T16:30:00.000Z', error: '=cmd|boom' },
  ],
  totals: { runs: 5, succeeded: 3, failed: 1, successRate: 0.75 },
};

describe('dashboardCsv', () => {
  const tables = dashboardCsv(data, 'Australia/Sydney');
  it('writes the range and the zone on top of each table', () => {
    expect(tableCsv(tables.perPipeline).split('\r\n').slice(0, 4)).toEqual([
      '\ufeffPipelines: per pipeline',
      'From,2026-10-01',
      'To,2026-10-07',
      'Time zone,Australia/Sydney',
    ]);
  });
  it('gives the per-pipeline figures in seconds and percent, empty where there is none', () => {
    expect(tableCsv(tables.perPipeline).split('\r\n')[6]).toBe('Xero → warehouse,xero-sync,5,3,1,0,75,61.3,,0.4,1');
  });
  it('gives a count for every status of every day', () => {
    expect(tableCsv(tables.perDay).split('\r\n').slice(5, 7)).toEqual([
      'Day,requested,queued,running,succeeded,failed,cancelled',
      '2026-10-04,0,0,1,3,1,0',
    ]);
  });
  it('says when a failure finished on the workspace’s clock, across the DST change', () => {
    expect(tableCsv(tables.failures).split('\r\n')[6]).toBe('2026-10-04 03:30,Xero → warehouse,j1,"\'=cmd|boom"');
  });
});
