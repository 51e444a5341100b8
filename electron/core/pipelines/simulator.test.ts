// The demo workspace's in-process simulator: triggers run with no network, deterministically.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica } from '../db/open';
import { Replica } from '../sync/replica';
import { tempDir } from '../testing';
import { getJob } from './queries';
import { simulateDue } from './simulator';
import { replicaWithPipelines } from './testing';
import { triggerJob } from './trigger';

const T0 = new Date('2026-11-29T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('simulator', () => {
  it('runs a trigger requested → queued → running (with progress) → succeeded, with realistic times', () => {
    const { replica, ids } = replicaWithPipelines();
    const { jobId } = triggerJob(replica, ids.alice, { slug: 'backup-verify', params: { database: 'billing', sample_tables: 3 } }, T0);
    expect(simulateDue(replica, { now: T0, failureRate: 0 })).toBe(1);
    expect(getJob(replica.db, jobId, T0)).toMatchObject({ status: 'queued', delivery: { status: 'delivered', lastStatus: 202 } });

    expect(simulateDue(replica, { now: at(8_500), failureRate: 0 })).toBe(1);
    const running = getJob(replica.db, jobId, at(8_500))!;
    expect(running.status).toBe('running');
    const startedMs = Date.parse(running.startedAt!) - T0.getTime();
    expect(startedMs).toBeGreaterThanOrEqual(1_000);
    expect(startedMs).toBeLessThanOrEqual(8_000);
    expect(running.resultSummary).toMatch(/\(\d+%\)$/);

    simulateDue(replica, { now: at(3_600_000), failureRate: 0 });
    const done = getJob(replica.db, jobId, at(3_600_000))!;
    expect(done).toMatchObject({ status: 'succeeded', error: null, resultSummary: expect.stringMatching(/^billing: 3 tables match/) });
    const ms = Date.parse(done.finishedAt!) - Date.parse(done.startedAt!);
    expect(ms).toBeGreaterThan(10_000); // tens of seconds to minutes at speed 1
    expect(ms).toBeLessThan(3_600_000 - startedMs);
    expect(simulateDue(replica, { now: at(7_200_000), failureRate: 0 })).toBe(0); // finished: left alone
  });

  it('fails runs at the failure rate with the pipeline’s own errors; a tick after a pause gives the times of steady ticks', () => {
    const { replica, ids } = replicaWithPipelines();
    const { jobId } = triggerJob(replica, ids.alice, { slug: 'terraform-drift', params: { workspace: 'prod-core' } }, T0);
    simulateDue(replica, { now: T0, failureRate: 1 });
    replica.db.pragma('wal_checkpoint(TRUNCATE)');
    const copyFile = path.join(tempDir(), 'copy.sqlite');
    fs.copyFileSync(replica.db.name, copyFile);
    const copy = new Replica(openReplica(copyFile));

    for (let t = 0; t <= 3_600_000; t += 2_000) simulateDue(replica, { now: at(t), failureRate: 1 });
    simulateDue(copy, { now: at(3_600_000), failureRate: 1 });
    const steady = getJob(replica.db, jobId)!;
    expect(steady.status).toBe('failed');
    expect(steady.error).toMatch(/Terraform|state|provider|plan|lock|credential/i);
    expect(getJob(copy.db, jobId)).toMatchObject({
      status: 'failed',
      startedAt: steady.startedAt,
      finishedAt: steady.finishedAt,
      error: steady.error,
    });
    copy.db.close();
  });

  it('expires what waited too long instead of running it, and leaves cancelled jobs alone', () => {
    const { replica, ids } = replicaWithPipelines();
    const stale = triggerJob(replica, ids.alice, { slug: 'security-scan' }, T0).jobId;
    const cancelled = triggerJob(replica, ids.alice, { slug: 'security-scan' }, at(25 * 3_600_000)).jobId;
    replica.transaction(() => replica.update('pipeline_jobs', cancelled, { status: 'cancelled' }));
    simulateDue(replica, { now: at(25 * 3_600_000 + 1) });
    expect(getJob(replica.db, stale)).toMatchObject({ status: 'cancelled', error: 'expired before it could be sent: re-run it' });
    expect(getJob(replica.db, cancelled)).toMatchObject({ status: 'cancelled', delivery: { status: 'cancelled' } });
  });
});
