// Triggers on a real replica file: parameters checked against the pipeline's schema (defaults
// filled in, every problem named in words), the job and its delivery written in one transaction.
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/contract';
import type { Sqlite } from '../db/open';
import { ParamsError } from './params';
import { getJob, listJobs, listPipelines } from './queries';
import { deliveryRow, replicaWithPipelines } from './testing';
import { rerunJob, triggerJob } from './trigger';

const T0 = new Date('2026-11-29T09:00:00.000Z');

function counts(db: Sqlite) {
  return db
    .prepare(
      'SELECT (SELECT count(*) FROM pipeline_jobs) AS jobs, (SELECT count(*) FROM webhook_deliveries) AS deliveries, (SELECT count(*) FROM outbox) AS outbox',
    )
    .get();
}

describe('parameters', () => {
  it('refuses bad parameters with a message per field, in words, and writes nothing', () => {
    const { replica, ids } = replicaWithPipelines();
    const before = counts(replica.db);
    let error: unknown;
    try {
      triggerJob(
        replica,
        ids.alice,
        { slug: 'strategy-sweep', params: { strategy: 'astrology', grid_size: 10_000, colour: 'red', from: '2021-13-01', metric: 3 } },
        T0,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParamsError);
    const problems = (error as ParamsError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'strategy', message: 'strategy must be one of: mean-reversion, momentum, pairs-trading' },
        { field: 'grid_size', message: 'grid_size must be at most 512' },
        { field: 'colour', message: 'colour is not a parameter of this pipeline' },
        { field: 'from', message: 'from must be a day, YYYY-MM-DD' },
        { field: 'metric', message: 'metric must be text' },
      ]),
    );
    expect((error as ParamsError).message).toMatch(
      /^These parameters do not fit “Strategy parameter sweep”: .*grid_size must be at most 512/,
    );
    expect((error as ParamsError).code).toBe('invalid_input');
    expect((error as ParamsError).field).toMatch(/^params\./);
    expect(counts(replica.db)).toEqual(before);

    expect(() => triggerJob(replica, ids.alice, { slug: 'client-kpi-report', params: { format: 'pdf' } }, T0)).toThrow(/month is required/);
    expect(() =>
      triggerJob(replica, ids.alice, { slug: 'xero-warehouse-sync', params: { entities: ['invoices', 'invoices', 'ledgers'] } }, T0),
    ).toThrow(/entities\[2\] must be one of: .*; entities must not list the same item twice/);
    expect(() => triggerJob(replica, ids.alice, { slug: 'terraform-drift', params: { workspace: 'prod', parallelism: 0 } }, T0)).toThrow(
      /parallelism must be at least 1/,
    );
    expect(() => triggerJob(replica, ids.alice, { slug: 'terraform-drift', params: [1, 2] }, T0)).toThrow(/must be a set of named values/);
    expect(counts(replica.db)).toEqual(before);
  });

  it('fills in the schema’s defaults; the job and its delivery carry the same parameters', () => {
    const { replica, ids, pipelines } = replicaWithPipelines();
    const t = triggerJob(
      replica,
      ids.alice,
      { pipelineId: pipelines['strategy-sweep'], params: { strategy: 'momentum' }, projectId: ids.project },
      T0,
    );
    const expected = { strategy: 'momentum', universe: 'ASX200', from: '2021-01-01', to: '2025-12-31', grid_size: 64, metric: 'sharpe' };
    expect(t.params).toEqual(expected);
    expect(getJob(replica.db, t.jobId, T0)).toMatchObject({
      status: 'requested',
      params: expected,
      pipeline: 'strategy-sweep',
      requestedBy: ids.alice,
      requestedByName: 'Alice',
      projectName: 'Pipeline MVP',
      requestedAt: T0.toISOString(),
    });
    expect(JSON.parse(deliveryRow(replica, t.jobId).body as string)).toEqual({
      job_id: t.jobId,
      pipeline: 'strategy-sweep',
      params: expected,
      requested_by: ids.alice,
      requested_at: T0.toISOString(),
      project_id: ids.project,
    });
    // One transaction: the job row went through the outbox, the delivery did not (local only).
    expect(replica.db.prepare('SELECT table_name FROM outbox WHERE row_id = ?').pluck().all(t.jobId)).toEqual(['pipeline_jobs']);
    const again = rerunJob(replica, ids.alice, t.jobId, new Date(T0.getTime() + 1000));
    expect(again.jobId).not.toBe(t.jobId);
    expect(again.params).toEqual(expected);
    expect(listJobs(replica.db, { pipeline: 'strategy-sweep' }).map((j) => j.id)).toEqual([again.jobId, t.jobId]);
    expect(listJobs(replica.db, { status: 'succeeded' })).toEqual([]);
    expect(listJobs(replica.db, { from: new Date(T0.getTime() + 500).toISOString() }).map((j) => j.id)).toEqual([again.jobId]);
    expect(listJobs(replica.db, { to: new Date(T0.getTime() + 500).toISOString() }).map((j) => j.id)).toEqual([t.jobId]);
  });

  it('refuses an inactive pipeline, an unknown one, an unknown project, with a message', () => {
    const { replica, ids, pipelines } = replicaWithPipelines();
    replica.transaction(() => replica.update('pipelines', pipelines['k8s-drift']!, { active: 0 }));
    expect(() => triggerJob(replica, ids.alice, { slug: 'k8s-drift', params: {} }, T0)).toThrow(
      /“Kubernetes drift check” is switched off, so it cannot be run/,
    );
    expect(() => triggerJob(replica, ids.alice, { slug: 'nope' }, T0)).toThrow(OpsError);
    expect(() => triggerJob(replica, ids.alice, { slug: 'nope' }, T0)).toThrow(/no pipeline “nope”/);
    expect(() => triggerJob(replica, ids.alice, { slug: 'security-scan', projectId: replica.newId() }, T0)).toThrow(
      /project does not exist/,
    );
    expect(listPipelines(replica.db).find((p) => p.slug === 'k8s-drift')).toMatchObject({
      active: false,
      expiresAfterMinutes: 24 * 60,
      paramsSchema: { type: 'object' },
    });
  });
});
