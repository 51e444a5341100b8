// Triggers from a consultant's replica, delivered to the REAL reference receiver
// (electron/pipeline-server) beside a real PostgreSQL central, and the job's progress back by sync.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from '../sync/engine';
import { newReplica, seedTiny, type TinyIds } from '../sync/fixtures';
import type { Replica } from '../sync/replica';
import { startPipelineServer, type PipelineServer } from '../../pipeline-server';
import { ensureDemoPipelines, TEST_SECRET, waitFor } from '../../pipeline-server/testing';
import { deliverDue, wakeDeliveries } from './delivery';
import { getJob } from './queries';
import { deadUrl, deliveryRow, jobStatus } from './testing';
import { cancelJob, rerunJob, retryDelivery, triggerJob } from './trigger';

let central: TestCentral;
let ids: TinyIds;
let laptop: Replica;
let aliceUrl: string;
let receiver: PipelineServer | null;
let logs: string[];

beforeEach(async () => {
  central = await freshCentral();
  const admin = newReplica('admin');
  ids = seedTiny(admin);
  await syncOnce(admin, central.url);
  await ensureDemoPipelines(central.admin);
  laptop = newReplica('alice');
  aliceUrl = await central.consultantUrl(ids.alice);
  await syncOnce(laptop, aliceUrl);
  receiver = null;
  logs = [];
});
afterEach(async () => {
  await receiver?.stop();
  await central.drop();
});

async function startReceiver(speed = 200): Promise<PipelineServer> {
  receiver = await startPipelineServer({
    centralUrl: central.url,
    secret: TEST_SECRET,
    speed,
    seed: 3,
    failureRate: 0,
    log: (line) => logs.push(line),
  });
  return receiver;
}

async function centralJob(id: string) {
  const { rows } = await central.admin.query('SELECT status, result_summary, error, project_id FROM pipeline_jobs WHERE id = $1', [id]);
  return rows[0] as { status: string; result_summary: string | null; error: string | null; project_id: string | null } | undefined;
}
const receivedCount = async (id: string) =>
  (await central.admin.query('SELECT count(*)::int AS n FROM ops_receiver.deliveries WHERE job_id = $1', [id])).rows[0].n as number;
const runsOf = (id: string) => logs.filter((l) => l.startsWith(`job ${id}`) && l.includes(' running:')).length;

const backup = (now?: Date) =>
  triggerJob(laptop, ids.alice, { slug: 'backup-verify', params: { database: 'billing', sample_tables: 3 }, projectId: ids.project }, now)
    .jobId;

async function sync(): Promise<void> {
  const result = await syncOnce(laptop, aliceUrl);
  expect(result.rejected).toBe(0);
}

describe('trigger to result', () => {
  it('trigger → delivered (queued) → the receiver runs it → after a sync the replica shows succeeded, nothing refused', async () => {
    const { url } = await startReceiver();
    const jobId = backup();
    expect(getJob(laptop.db, jobId)).toMatchObject({ status: 'requested', delivery: { status: 'pending', state: 'waiting to be sent' } });

    const outcomes = await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET });
    expect(outcomes).toEqual([expect.objectContaining({ jobId, outcome: 'delivered', httpStatus: 202 })]);
    expect(deliveryRow(laptop, jobId)).toMatchObject({ status: 'delivered', receiver_status: 'queued', last_status: 202 });

    await waitFor(async () => (await centralJob(jobId))?.status === 'succeeded', 30_000, 'the job to succeed');
    // The laptop's own `requested` (pushed now, after the receiver inserted and ran the job) does
    // not move it back, and the pull brings the result.
    await sync();
    const job = getJob(laptop.db, jobId)!;
    expect(job).toMatchObject({
      status: 'succeeded',
      projectId: ids.project,
      resultSummary: expect.stringMatching(/^billing: 3 tables match/),
    });
    expect(job.durationMs).toBeGreaterThanOrEqual(0);
    expect(job.params).toEqual({ database: 'billing', sample_tables: 3, snapshot: 'latest', checksum: true });
    expect(await centralJob(jobId)).toMatchObject({ status: 'succeeded', project_id: ids.project });
    expect(runsOf(jobId)).toBe(1);
  });

  it('offline: queued while the receiver is down, delivered exactly once when it is back', async () => {
    const down = await deadUrl();
    const jobId = backup();
    await sync(); // the job reaches the central as requested; the receiver is still down
    expect((await deliverDue(laptop, { pipelineApi: down, secret: TEST_SECRET }))[0]).toMatchObject({
      outcome: 'retrying',
      httpStatus: null,
    });
    expect(getJob(laptop.db, jobId)!.delivery!.state).toMatch(
      /^waiting for the network \(could not reach the pipeline API \(ECONNREFUSED\)\); next attempt in \d s$/,
    );
    expect(jobStatus(laptop, jobId)).toBe('requested');

    const { url } = await startReceiver();
    wakeDeliveries(laptop); // the network is back
    const [a, b] = await Promise.all([
      deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET }),
      deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET }),
    ]);
    expect([...a, ...b].map((o) => o.outcome)).toEqual(['delivered']);
    expect(await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET, now: new Date(Date.now() + 86_400_000) })).toEqual([]);
    await waitFor(async () => (await centralJob(jobId))?.status === 'succeeded', 30_000, 'the job to succeed');
    expect(await receivedCount(jobId)).toBe(1);
    expect(runsOf(jobId)).toBe(1);
    await sync();
    expect(jobStatus(laptop, jobId)).toBe('succeeded');
  });

  it('a delivery queued two hours ago is accepted: it is signed when sent', async () => {
    const { url } = await startReceiver();
    const jobId = backup(new Date(Date.now() - 2 * 3_600_000));
    const [outcome] = await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET });
    expect(outcome).toMatchObject({ outcome: 'delivered', httpStatus: 202 });
    await waitFor(async () => (await centralJob(jobId))?.status === 'succeeded', 30_000, 'the job to succeed');
  });
});

describe('refusals', () => {
  it('a wrong secret: the 401 is final and shown, the job is not delivered but not lost, and goes once the secret is right', async () => {
    const { url } = await startReceiver();
    const jobId = backup();
    const wrong = `whsec_${crypto.randomBytes(32).toString('base64')}`;
    const [outcome] = await deliverDue(laptop, { pipelineApi: url, secret: wrong });
    expect(outcome).toMatchObject({
      outcome: 'failed',
      httpStatus: 401,
      message: expect.stringMatching(/^not delivered: the receiver refused it \(401\): .*signature does not match/),
    });
    expect(await deliverDue(laptop, { pipelineApi: url, secret: wrong })).toEqual([]); // final: not retried
    const job = getJob(laptop.db, jobId)!;
    expect(job).toMatchObject({ status: 'requested', error: outcome!.message, delivery: { status: 'failed', lastStatus: 401 } });
    expect(job.delivery!.state).toBe(outcome!.message);
    await sync();
    expect(await centralJob(jobId)).toMatchObject({ status: 'requested' }); // kept, not lost
    expect(await receivedCount(jobId)).toBe(0);

    retryDelivery(laptop, jobId);
    expect((await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET }))[0]).toMatchObject({ outcome: 'delivered' });
    await waitFor(async () => (await centralJob(jobId))?.status === 'succeeded', 30_000, 'the job to succeed');
  });

  it('410: the pipeline switched off at the central disables it here, the job is cancelled and syncs as cancelled', async () => {
    const { url } = await startReceiver();
    await central.admin.query(`UPDATE pipelines SET active = false WHERE slug = 'backup-verify'`);
    const jobId = backup(); // this laptop has not synced the change yet
    const [outcome] = await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET });
    expect(outcome).toMatchObject({ outcome: 'disabled', httpStatus: 410 });
    expect(() => backup()).toThrow(/was disabled by the pipeline receiver/);
    expect(jobStatus(laptop, jobId)).toBe('cancelled');
    await sync(); // a job cancelled before its first sync is accepted (central migration 0004)
    expect(await centralJob(jobId)).toMatchObject({ status: 'cancelled' });
    expect(() => backup()).toThrow(/is switched off/);

    // Switched on again at the central: after a sync it runs again.
    await central.admin.query(`UPDATE pipelines SET active = true WHERE slug = 'backup-verify'`);
    await sync();
    const again = backup();
    expect((await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET }))[0]).toMatchObject({ jobId: again, outcome: 'delivered' });
  });
});

describe('the central’s rule for a first push (migration 0004)', () => {
  it('accepts a consultant’s new job as requested or cancelled, nothing further along, and no error of its own', async () => {
    const pipelineId = laptop.db.prepare(`SELECT id FROM pipelines WHERE slug = 'k8s-drift'`).pluck().get() as string;
    const insert = (status: string, extra: Record<string, string | null> = {}) => {
      const id = laptop.newId();
      laptop.transaction(() =>
        laptop.insert('pipeline_jobs', {
          id,
          pipeline_id: pipelineId,
          project_id: null,
          status,
          params: '{}',
          requested_by: ids.alice,
          requested_at: new Date().toISOString(),
          started_at: null,
          finished_at: null,
          error: null,
          result_summary: null,
          ...extra,
        }),
      );
      return id;
    };
    const cancelled = insert('cancelled');
    insert('queued');
    insert('cancelled', { error: 'expired before it could be sent: re-run it' });
    insert('cancelled', { finished_at: new Date().toISOString() });
    const result = await syncOnce(laptop, aliceUrl);
    expect(result.rejected).toBe(3);
    expect(await centralJob(cancelled)).toMatchObject({ status: 'cancelled', error: null });
    const reasons = laptop.db.prepare('SELECT rejected_reason FROM outbox WHERE rejected_at IS NOT NULL').pluck().all();
    expect(reasons).toEqual(Array(3).fill(expect.stringMatching(/a new pipeline job starts as requested \(or cancelled\)/)));
  });
});

describe('expiry, re-run and cancel', () => {
  it('a trigger queued offline past its expiry is never sent: cancelled (synced), and a re-run goes with the same parameters', async () => {
    const { url } = await startReceiver();
    const jobId = backup(new Date(Date.now() - 25 * 3_600_000));
    expect(await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET })).toEqual([
      expect.objectContaining({ jobId, outcome: 'expired' }),
    ]);
    expect(getJob(laptop.db, jobId)).toMatchObject({ status: 'cancelled', error: 'expired before it could be sent: re-run it' });
    await sync();
    expect(await centralJob(jobId)).toMatchObject({ status: 'cancelled' });
    expect(await receivedCount(jobId)).toBe(0);

    const rerun = rerunJob(laptop, ids.alice, jobId);
    expect(rerun.jobId).not.toBe(jobId);
    expect(rerun.params).toEqual(getJob(laptop.db, jobId)!.params);
    expect((await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET }))[0]).toMatchObject({
      jobId: rerun.jobId,
      outcome: 'delivered',
    });
    await waitFor(async () => (await centralJob(rerun.jobId))?.status === 'succeeded', 30_000, 'the re-run to succeed');
    await sync();
    expect(getJob(laptop.db, rerun.jobId)).toMatchObject({ status: 'succeeded', projectId: ids.project });
  });

  it('cancel before delivery is local (and syncs); after delivery it goes to the receiver, which stops the run', async () => {
    const early = backup();
    expect(await cancelJob(laptop, ids.alice, early)).toMatchObject({ via: 'local' });
    expect(getJob(laptop.db, early)).toMatchObject({
      status: 'cancelled',
      delivery: { status: 'cancelled', state: 'cancelled before it was sent' },
    });
    await sync();
    expect(await centralJob(early)).toMatchObject({ status: 'cancelled' });

    const { url } = await startReceiver(2);
    const long = triggerJob(laptop, ids.alice, { slug: 'strategy-sweep', params: { strategy: 'momentum', grid_size: 256 } }).jobId;
    const outcomes = await deliverDue(laptop, { pipelineApi: url, secret: TEST_SECRET });
    expect(outcomes).toEqual([expect.objectContaining({ jobId: long, outcome: 'delivered' })]); // the cancelled one is not sent
    expect(await receivedCount(early)).toBe(0);
    await waitFor(async () => (await centralJob(long))?.status === 'running', 30_000, 'the run to start');
    await expect(cancelJob(laptop, ids.bob, long, { pipelineApi: url, secret: TEST_SECRET })).rejects.toThrow(
      /only the pipeline jobs you requested/,
    );
    expect(await cancelJob(laptop, ids.alice, long, { pipelineApi: url, secret: TEST_SECRET })).toMatchObject({ via: 'receiver' });
    expect((await centralJob(long))!.status).toBe('cancelled');
    await waitFor(async () => logs.includes(`job ${long} cancelled`), 10_000, 'the run to stop');
    await sync();
    expect(jobStatus(laptop, long)).toBe('cancelled');
    await expect(cancelJob(laptop, ids.alice, long, { pipelineApi: url, secret: TEST_SECRET })).rejects.toThrow(/already was cancelled/);
  });
});
