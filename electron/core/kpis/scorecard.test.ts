// The KPI scorecard's trends on the weeks of a daylight-saving change: Sydney's clocks go forward
// at 2 a.m. on Sunday 4 October 2026, so the week from Monday 5 October starts at 13:00 UTC, not
// 14:00. Each figure lands in the local week it belongs to, whatever the machine's own zone (run
// under TZ=Australia/Sydney, America/New_York and UTC). And the quarter, the statuses, the metrics.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertLead, salesReplica } from '../leads/fixture';
import type { TinyIds } from '../sync/fixtures';
import type { Replica } from '../sync/replica';
import { pipelineRows } from '../pipelines/rows';
import { defineMetric, recordMetric } from './metrics';
import { weeksOf } from './periods';
import { quarterStart, scorecard } from './scorecard';
import { statusOf } from './status';

const SYDNEY = 'Australia/Sydney';

describe('trend weeks across a daylight-saving change', () => {
  it('start at each local Monday midnight: 14:00 UTC before the change, 13:00 UTC after', () => {
    expect(weeksOf('2026-09-28', '2026-10-11', SYDNEY)).toEqual([
      { period: '2026-09-28', from: '2026-09-28', to: '2026-10-04', start: '2026-09-27T14:00:00.000Z', until: '2026-10-04T13:00:00.000Z' },
      { period: '2026-10-05', from: '2026-10-05', to: '2026-10-11', start: '2026-10-04T13:00:00.000Z', until: '2026-10-11T13:00:00.000Z' },
    ]);
  });
});

describe('the scorecard', () => {
  let replica: Replica;
  let ids: TinyIds;
  beforeEach(() => {
    ({ replica, ids } = salesReplica(SYDNEY));
  });
  afterEach(() => replica.db.close());

  const job = (status: 'succeeded' | 'failed', finishedAt: string, pipeline: string) =>
    replica.insert('pipeline_jobs', {
      id: replica.newId(),
      pipeline_id: pipeline,
      project_id: null,
      status,
      params: '{}',
      requested_by: ids.alice,
      requested_at: '2026-09-27T00:00:00.000Z',
      started_at: '2026-09-27T00:00:00.000Z',
      finished_at: finishedAt,
      error: null,
      result_summary: null,
    });
  const entry = (startedAt: string, minutes: number) =>
    replica.insert('time_entries', {
      id: replica.newId(),
      project_id: ids.project,
      consultant_id: ids.alice,
      started_at: startedAt,
      minutes,
      billable: 1,
      note: '',
      rate_cents: 19000,
      invoice_id: null,
    });

  it('puts each job, hour and answer in its local week on the weeks of the change', () => {
    const pipeline = replica.newId();
    replica.transaction(() => {
      replica.insert('pipelines', { id: pipeline, slug: 'etl', name: 'ETL', description: '', params_schema: '{}', active: 1 });
      job('succeeded', '2026-09-28T00:00:00.000Z', pipeline); // Mon 28 Sep, 10:00 AEST
      job('failed', '2026-10-04T12:30:00.000Z', pipeline); // Sun 4 Oct, 23:30 AEDT: the first week
      job('succeeded', '2026-10-04T13:30:00.000Z', pipeline); // Mon 5 Oct, 00:30 AEDT: the second (a fixed +10 would say Sunday)
      entry('2026-10-04T13:30:00.000Z', 120); // Mon 5 Oct, 00:30
      entry('2026-10-04T12:00:00.000Z', 60); // Sun 4 Oct, 23:00
      replica.insert('client_feedback', {
        id: replica.newId(),
        client_id: ids.client,
        project_id: null,
        score: 10,
        comment: '',
        responded_on: '2026-10-04',
      });
      replica.insert('client_feedback', {
        id: replica.newId(),
        client_id: ids.client,
        project_id: null,
        score: 5,
        comment: '',
        responded_on: '2026-10-05',
      });
    });
    const s = scorecard(replica.db, { from: '2026-09-28', to: '2026-10-11', today: '2026-11-20', timeZone: SYDNEY }, true);
    expect(s.granularity).toBe('week');
    const tile = (key: string) => s.tiles.find((t) => t.key === key)!;
    expect(tile('job_success')).toMatchObject({ value: 2 / 3, target: 0.95, status: 'missed' });
    expect(tile('job_success').trend.map((p) => [p.period, p.value])).toEqual([
      ['2026-09-28', 0.5],
      ['2026-10-05', 1],
    ]);
    // Its drill is the jobs it counts (requested the day before the range, finished in it): three, two succeeded.
    const jobs = tile('job_success').drill.jobs!;
    expect(tile('job_success').drill).toMatchObject({ route: '/pipelines/dashboard', search: { from: '2026-09-28', to: '2026-10-11' } });
    const behind = pipelineRows(replica.db, { ...jobs, timeZone: SYDNEY, limit: 1000 }, new Date('2026-11-20T00:00:00Z'));
    expect([behind.count, behind.rows.length, behind.rows.filter((j) => j.status === 'succeeded').length]).toEqual([3, 3, 2]);
    expect(behind.rows.map((j) => j.finishedAt)).toEqual([
      '2026-10-04T13:30:00.000Z',
      '2026-10-04T12:30:00.000Z',
      '2026-09-28T00:00:00.000Z',
    ]);
    // 367 days: more than pipelines.rows takes, so no rows query (the screen says so).
    const long = scorecard(replica.db, { from: '2025-10-10', to: '2026-10-11', today: '2026-11-20', timeZone: SYDNEY }, true);
    expect(long.tiles.find((t) => t.key === 'job_success')!.drill.jobs).toBeUndefined();
    // capacity: Alice and Bob, 38 h a week each, 5 weekdays a week
    expect(tile('utilization').trend.map((p) => p.value)).toEqual([60 / (2 * 38 * 60), 120 / (2 * 38 * 60)]);
    expect(tile('utilization')).toMatchObject({ value: 180 / (2 * 2 * 38 * 60), target: 0.8, status: 'missed' });
    expect(tile('nps').trend.map((p) => p.value)).toEqual([100, -100]);
    expect(tile('satisfaction')).toMatchObject({ value: 0.5, target: 0.9, status: 'missed' });
    expect(tile('nps')).toMatchObject({ value: 0, target: null, previous: null, status: 'none' });
  });

  it('compares revenue this quarter to date with as many days of the last, and values the pipeline by its history', () => {
    const invoice = (issuedOn: string, subtotal: number, status = 'paid') =>
      replica.insert('invoices', {
        id: replica.newId(),
        client_id: ids.client,
        project_id: null,
        number: `INV-${issuedOn}`,
        issued_on: issuedOn,
        due_on: issuedOn,
        status,
        subtotal_cents: subtotal,
        tax_cents: 0,
        total_cents: subtotal,
        paid_on: status === 'paid' ? issuedOn : null,
      });
    replica.transaction(() => {
      invoice('2026-07-10', 300_000); // last quarter, within its first 50 days (1 July + 50 = 20 August)
      invoice('2026-08-25', 999_000); // last quarter, after its first 50 days
      invoice('2026-10-05', 200_000);
      invoice('2026-11-20', 150_000, 'sent');
      invoice('2026-11-19', 40_000, 'draft');
    });
    insertLead(replica, {
      source: 'referral',
      tier: 'pipeline_mvp',
      value: 600_000,
      probability: 50,
      owner: ids.alice,
      history: [
        ['discovery', '2026-09-15'],
        ['won', '2026-10-20'],
      ],
    });
    insertLead(replica, {
      source: 'content',
      tier: 'devops_foundation',
      value: 1_500_000,
      probability: 20,
      owner: ids.alice,
      history: [['discovery', '2026-10-10']],
    });
    const s = scorecard(replica.db, { from: '2026-09-01', to: '2026-11-30', today: '2026-11-20', timeZone: SYDNEY }, true);
    const tile = (key: string) => s.tiles.find((t) => t.key === key)!;
    // 1 October → 20 November is 50 days in: against 1 July → 20 August
    expect(tile('revenue_quarter')).toMatchObject({ value: 350_000, previous: 300_000, target: 300_000, status: 'met' });
    expect(tile('weighted_pipeline')).toMatchObject({ value: 300_000, previous: 0 });
    // week ends: 6 Sep none; 20 Sep: the first lead (50 % of $6,000); 11 Oct: both; 25 Oct: the first won
    const byWeek = new Map(tile('weighted_pipeline').trend.map((p) => [p.to, p.value]));
    expect([byWeek.get('2026-09-06'), byWeek.get('2026-09-20'), byWeek.get('2026-10-11'), byWeek.get('2026-10-25')]).toEqual([
      0, 300_000, 600_000, 300_000,
    ]);
    expect(byWeek.get('2026-11-29')).toBeNull(); // a week not over yet (today is 20 November)
    expect(quarterStart('2026-11-20')).toBe('2026-10-01');
    expect(quarterStart('2026-01-05', -1)).toBe('2025-10-01');
  });

  it('shows the admins’ metrics with their latest value in the range against the target', () => {
    const m = defineMetric(replica, { name: 'Median PR review', unit: 'h', target: 24, direction: 'lower' });
    recordMetric(replica, m.id, '2026-10-01', 30, '2026-11-20');
    recordMetric(replica, m.id, '2026-10-15', 20, '2026-11-20');
    recordMetric(replica, m.id, '2026-10-15', 22, '2026-11-20'); // the same day again: replaces it
    recordMetric(replica, m.id, '2026-11-10', 40, '2026-11-20'); // outside the range
    const s = scorecard(replica.db, { from: '2026-10-01', to: '2026-10-31', today: '2026-11-20', timeZone: SYDNEY }, false);
    expect(s.canEditMetrics).toBe(false);
    expect(s.custom).toEqual([
      expect.objectContaining({
        name: 'Median PR review',
        value: 22,
        status: 'met',
        values: [expect.objectContaining({ value: 30 }), expect.objectContaining({ value: 22 })],
      }),
    ]);
    expect(statusOf(25, 24, 'lower', null)).toBe('missed');
    expect(statusOf(null, 24, 'lower', null)).toBe('none');
    expect(statusOf(5, null, 'higher', 4)).toBe('met');
  });
});
