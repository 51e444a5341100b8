// A pipeline job's status never goes backwards at the central (migration 0003), whoever writes:
// direct writers, a consultant's late push through ops_push, an admin's replica with a newer clock.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../core/central/testing';
import { syncOnce } from '../core/sync/engine';
import { newReplica, seedTiny, type TinyIds } from '../core/sync/fixtures';
import type { Replica } from '../core/sync/replica';
import { startPipelineServer, type PipelineServer } from './index';
import { deliver, ensureDemoPipelines, TEST_SECRET, waitFor } from './testing';

let central: TestCentral;
let admin: Replica;
let ids: TinyIds;
let pipelines: Record<string, string>;
let server: PipelineServer | null;

beforeEach(async () => {
  central = await freshCentral();
  admin = newReplica('admin');
  ids = seedTiny(admin);
  await syncOnce(admin, central.url);
  pipelines = await ensureDemoPipelines(central.admin);
  server = null;
});
afterEach(async () => {
  await server?.stop();
  await central.drop();
});

async function job(id: string) {
  const { rows } = await central.admin.query(
    `SELECT status, started_at, finished_at, error, result_summary, _clocks ->> 'status' AS status_clock FROM pipeline_jobs WHERE id = $1`,
    [id],
  );
  return rows[0] as {
    status: string;
    started_at: Date | null;
    finished_at: Date | null;
    result_summary: string | null;
    status_clock: string | null;
  };
}

/** A job as the pipeline left it (a direct write, as the receiver makes). */
async function jobAt(status: string): Promise<string> {
  const id = crypto.randomUUID();
  await central.admin.query(
    `INSERT INTO pipeline_jobs (id, pipeline_id, status, params, requested_by, requested_at) VALUES ($1, $2, 'queued', '{}', $3, now())`,
    [id, pipelines['terraform-drift'], ids.alice],
  );
  await central.admin.query(
    `UPDATE pipeline_jobs SET status = 'running', started_at = now(), result_summary = 'Planning (40%)' WHERE id = $1`,
    [id],
  );
  if (status !== 'running') {
    await central.admin.query(`UPDATE pipeline_jobs SET status = $2, finished_at = now(), result_summary = 'No drift' WHERE id = $1`, [
      id,
      status,
    ]);
  }
  return id;
}

function localJob(replica: Replica, id: string) {
  return replica.db.prepare('SELECT status, started_at, result_summary FROM pipeline_jobs WHERE id = ?').get(id) as {
    status: string;
    started_at: string | null;
    result_summary: string | null;
  };
}

describe('a job’s status never goes backwards', () => {
  it('under direct writes: a late requested or queued keeps running, a finished job keeps its status, progress is never cleared', async () => {
    const id = await jobAt('running');
    const before = await job(id);
    await central.admin.query(`UPDATE pipeline_jobs SET status = 'requested', started_at = NULL, result_summary = NULL WHERE id = $1`, [
      id,
    ]);
    const after = await job(id);
    expect(after).toMatchObject({ status: 'running', started_at: before.started_at, result_summary: 'Planning (40%)' });
    // Nothing changed, so no new clock: replicas see no change.
    expect(after.status_clock).toBe(before.status_clock);
    await central.admin.query(`UPDATE pipeline_jobs SET status = 'queued' WHERE id = $1`, [id]);
    expect((await job(id)).status).toBe('running');

    // Forward moves go through.
    await central.admin.query(`UPDATE pipeline_jobs SET status = 'succeeded', finished_at = now() WHERE id = $1`, [id]);
    expect((await job(id)).status).toBe('succeeded');
    for (const later of ['running', 'requested', 'cancelled', 'failed']) {
      await central.admin.query(`UPDATE pipeline_jobs SET status = $2, finished_at = NULL WHERE id = $1`, [id, later]);
      expect((await job(id)).status, later).toBe('succeeded');
      expect((await job(id)).finished_at).toBeInstanceOf(Date);
    }

    // A queued job may be cancelled, and a requested one may move straight to running.
    const queued = crypto.randomUUID();
    await central.admin.query(
      `INSERT INTO pipeline_jobs (id, pipeline_id, status, params, requested_by, requested_at) VALUES ($1, $2, 'requested', '{}', $3, now())`,
      [queued, pipelines['terraform-drift'], ids.alice],
    );
    await central.admin.query(`UPDATE pipeline_jobs SET status = 'running' WHERE id = $1`, [queued]);
    expect((await job(queued)).status).toBe('running');
    await central.admin.query(`UPDATE pipeline_jobs SET status = 'cancelled' WHERE id = $1`, [queued]);
    expect((await job(queued)).status).toBe('cancelled');
  });

  it('under a consultant’s late push (ops_push) of the job they requested, with a clock a little ahead: no rejection, still running, and the laptop takes the central’s status', async () => {
    server = await startPipelineServer({ centralUrl: central.url, secret: TEST_SECRET, speed: 0.5, seed: 3, failureRate: 0 });
    const laptop = newReplica('alice');
    const aliceUrl = await central.consultantUrl(ids.alice);
    await syncOnce(laptop, aliceUrl);
    // The laptop's clock runs 3 minutes ahead (inside the 5-minute bound) and it goes offline.
    laptop.setClockOffset(laptop.clockOffsetMs + 3 * 60_000);
    const id = crypto.randomUUID();
    const requestedAt = new Date().toISOString();
    laptop.transaction(() =>
      laptop.insert('pipeline_jobs', {
        id,
        pipeline_id: pipelines['terraform-drift']!,
        project_id: null,
        status: 'requested',
        params: '{"workspace":"prod-core"}',
        requested_by: ids.alice,
        requested_at: requestedAt,
        started_at: null,
        finished_at: null,
        error: null,
        result_summary: null,
      }),
    );
    // Its delivery reaches the receiver before the laptop syncs: the receiver inserts and runs it.
    const answer = await deliver(server.url, {
      job_id: id,
      pipeline: 'terraform-drift',
      params: { workspace: 'prod-core' },
      requested_by: ids.alice,
      requested_at: requestedAt,
    });
    expect(answer.status).toBe(202);
    await waitFor(async () => (await job(id))?.status === 'running' && (await job(id)).result_summary);
    const running = await job(id);

    // Now the laptop syncs its older view (status requested, nothing started) with newer clocks.
    const result = await syncOnce(laptop, aliceUrl);
    expect(result.rejected).toBe(0);
    const after = await job(id);
    expect(after.status).toBe('running');
    expect(after.started_at).toEqual(running.started_at);
    expect(after.result_summary).not.toBeNull();
    expect(localJob(laptop, id)).toMatchObject({ status: 'running', started_at: running.started_at!.toISOString() });
    // And the laptop's next edits carry on from there: its cancel goes through.
    laptop.transaction(() => laptop.update('pipeline_jobs', id, { status: 'cancelled' }));
    expect((await syncOnce(laptop, aliceUrl)).rejected).toBe(0);
    expect((await job(id)).status).toBe('cancelled');
  });

  it('under an admin replica’s newer write of requested: the central keeps running, the replica takes it back', async () => {
    const id = await jobAt('running');
    await syncOnce(admin, central.url);
    expect(localJob(admin, id).status).toBe('running');
    admin.transaction(() => admin.update('pipeline_jobs', id, { status: 'requested', started_at: null }));
    expect((await syncOnce(admin, central.url)).rejected).toBe(0);
    const after = await job(id);
    expect(after.status).toBe('running');
    expect(after.started_at).toBeInstanceOf(Date);
    expect(localJob(admin, id)).toMatchObject({ status: 'running', started_at: after.started_at!.toISOString() });
    // A second replica that had the old value converges too.
    const other = newReplica('other-admin');
    await syncOnce(other, central.url);
    expect(localJob(other, id).status).toBe('running');
  });

  it('under a consultant’s cancel of a job that already succeeded: it stays succeeded everywhere', async () => {
    const id = await jobAt('succeeded');
    const laptop = newReplica('alice');
    const aliceUrl = await central.consultantUrl(ids.alice);
    await syncOnce(laptop, aliceUrl);
    laptop.transaction(() => laptop.update('pipeline_jobs', id, { status: 'cancelled' }));
    expect((await syncOnce(laptop, aliceUrl)).rejected).toBe(0);
    expect((await job(id)).status).toBe('succeeded');
    expect(localJob(laptop, id).status).toBe('succeeded');
  });
});
