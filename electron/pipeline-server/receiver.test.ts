// The reference receiver against a real PostgreSQL (a fresh database per test): signatures,
// replays, refusals, runs whose progress a replica pulls, cancels.
import crypto from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../core/central/testing';
import { testServerUrl } from '../core/central/test-database';
import { syncOnce } from '../core/sync/engine';
import { newReplica, seedTiny, type TinyIds } from '../core/sync/fixtures';
import type { Replica } from '../core/sync/replica';
import { startPipelineServer, type PipelineServer, type PipelineServerOptions } from './index';
import { deliver, ensureDemoPipelines, signedHeaders, TEST_SECRET, waitFor, type Delivery } from './testing';

let central: TestCentral;
let admin: Replica;
let ids: TinyIds;
let pipelines: Record<string, string>;
let server: PipelineServer | null;
let logs: string[];

beforeEach(async () => {
  central = await freshCentral();
  admin = newReplica('admin');
  ids = seedTiny(admin);
  await syncOnce(admin, central.url);
  pipelines = await ensureDemoPipelines(central.admin);
  server = null;
  logs = [];
});
const roles: string[] = [];
afterEach(async () => {
  await server?.stop();
  await central.drop();
  // Login roles a test made are cluster-wide: they go after their database.
  if (roles.length > 0) {
    const root = new pg.Client({ connectionString: testServerUrl() });
    await root.connect();
    for (const role of roles.splice(0)) await root.query(`DROP ROLE IF EXISTS ${role}`);
    await root.end();
  }
});

async function start(options: Partial<PipelineServerOptions> = {}): Promise<PipelineServer> {
  server = await startPipelineServer({
    centralUrl: central.url,
    secret: TEST_SECRET,
    speed: 200,
    seed: 7,
    failureRate: 0,
    log: (line) => logs.push(line),
    ...options,
  });
  return server;
}

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    job_id: crypto.randomUUID(),
    pipeline: 'terraform-drift',
    params: { workspace: 'prod-core', environment: 'prod' },
    requested_by: ids.alice,
    requested_at: new Date().toISOString(),
    ...overrides,
  };
}

async function centralJob(id: string) {
  const { rows } = await central.admin.query(
    'SELECT status, params, started_at, finished_at, error, result_summary, _clocks FROM pipeline_jobs WHERE id = $1',
    [id],
  );
  return rows[0] as
    | {
        status: string;
        params: Record<string, unknown>;
        started_at: Date | null;
        finished_at: Date | null;
        error: string | null;
        result_summary: string | null;
      }
    | undefined;
}

const runsOf = (jobId: string) => logs.filter((l) => l.startsWith(`job ${jobId}`) && l.includes(' running:')).length;

describe('signatures', () => {
  it('accepts a delivery signed with the secret (202 queued); another secret, a stale timestamp or none is 401 with a reason', async () => {
    const { url } = await start();

    const other = `whsec_${crypto.randomBytes(32).toString('base64')}`;
    const wrong = await deliver(url, delivery(), { secret: other });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/signature does not match/);

    const staleJob = delivery();
    const stale = await deliver(url, staleJob, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatch(/more than 5 minutes/);
    const future = await deliver(url, delivery(), { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(future.status).toBe(401);

    const unsigned = await fetch(`${url}/pipelines/terraform-drift/runs`, { method: 'POST', body: JSON.stringify(delivery()) });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: string }).error).toMatch(/not signed/);

    // A body changed after signing is refused too.
    const job = delivery();
    const text = JSON.stringify(job);
    const tampered = await fetch(`${url}/pipelines/terraform-drift/runs`, {
      method: 'POST',
      headers: signedHeaders(text, { id: job.job_id }),
      body: text.replace('prod-core', 'prod-edge'),
    });
    expect(tampered.status).toBe(401);

    // Nothing refused reached the central.
    expect((await central.admin.query('SELECT count(*)::int AS n FROM pipeline_jobs')).rows[0].n).toBe(0);

    // Within 4 minutes of skew, with the right secret: accepted.
    const ok = await deliver(url, staleJob, { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(ok.status).toBe(202);
    expect(ok.body).toMatchObject({ job_id: staleJob.job_id, status: 'queued', pipeline: 'terraform-drift' });
    expect((await centralJob(staleJob.job_id))?.status).toMatch(/queued|running|succeeded/);
  });
});

describe('replays', () => {
  it('answers a replayed webhook-id with the original job and runs it once', async () => {
    const { url } = await start({ speed: 50 });
    const job = delivery();
    const first = await deliver(url, job);
    expect(first.status).toBe(202);
    // The app retries (its answer was lost): signed again later, same job, same body.
    const again = await deliver(url, job, { timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);

    await waitFor(async () => (await centralJob(job.job_id))?.status === 'succeeded', 30_000, 'the job to succeed');
    // And once more after it finished: still the original answer, no second run.
    const late = await deliver(url, job);
    expect(late.body).toEqual(first.body);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(runsOf(job.job_id)).toBe(1);

    // The same job id for another request is not a replay.
    const reused = await deliver(url, { ...job, params: { workspace: 'other-ws' } });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatch(/already used for a different request/);
  });
});

describe('refusals', () => {
  it('404 for an unknown pipeline, 410 for an inactive one, 422 with ajv reasons in words for bad parameters', async () => {
    const { url } = await start();
    const unknown = await deliver(url, delivery({ pipeline: 'no-such-pipeline' }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/no pipeline "no-such-pipeline"/);

    await central.admin.query(`UPDATE pipelines SET active = false WHERE slug = 'backup-verify'`);
    const inactive = await deliver(url, delivery({ pipeline: 'backup-verify', params: { database: 'orders' } }));
    expect(inactive.status).toBe(410);

    const bad = await deliver(
      url,
      delivery({ pipeline: 'strategy-sweep', params: { strategy: 'astrology', grid_size: 10_000, colour: 'red', from: '2021-13-01' } }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.reasons).toEqual(
      expect.arrayContaining([
        'params.strategy must be one of: mean-reversion, momentum, pairs-trading',
        'params.grid_size must be <= 512',
        'params has an unknown parameter "colour"',
        expect.stringMatching(/^params\.from is not in the expected format/),
      ]),
    );
    expect(bad.body.error).toMatch(/do not fit the pipeline "strategy-sweep"/);
    const missing = await deliver(url, delivery({ pipeline: 'client-kpi-report', params: { format: 'pdf' } }));
    expect(missing.status).toBe(422);
    expect(missing.body.reasons).toEqual(['params is missing the required parameter "month"']);
    const typed = await deliver(url, delivery({ pipeline: 'terraform-drift', params: { workspace: 'prod-core', parallelism: 'ten' } }));
    expect(typed.body.reasons).toEqual(['params.parallelism must be integer']);

    // None of them became a job.
    expect((await central.admin.query('SELECT count(*)::int AS n FROM pipeline_jobs')).rows[0].n).toBe(0);
  });

  it('413 for a body over 64 kB, 400 for malformed JSON or a job id other than the webhook-id, 421 for a foreign Host', async () => {
    const { url, port } = await start();
    const huge = JSON.stringify(delivery({ params: { workspace: 'x'.repeat(70 * 1024) } }));
    const tooLarge = await fetch(`${url}/pipelines/terraform-drift/runs`, { method: 'POST', headers: signedHeaders(huge), body: huge });
    expect(tooLarge.status).toBe(413);
    // Streamed with no Content-Length: cut off once it passes the limit.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/pipelines/terraform-drift/runs', headers: signedHeaders(huge) },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < huge.length; i += 8192) req.write(huge.slice(i, i + 8192));
      req.end();
    });
    expect(chunked).toBe(413);

    const broken = '{"job_id": ';
    const malformed = await fetch(`${url}/pipelines/terraform-drift/runs`, {
      method: 'POST',
      headers: signedHeaders(broken),
      body: broken,
    });
    expect(malformed.status, logs.join('\n')).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/not valid JSON/);

    const job = delivery();
    const mismatched = await deliver(url, job, { id: crypto.randomUUID() });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.error).toMatch(/job_id must equal the webhook-id/);

    const rebound = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/runs/x', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(421);
  });

  it('408 when a client is slower than the read timeout', async () => {
    const { port } = await start({ readTimeoutMs: 500 });
    const status = await new Promise<number | string>((resolve) => {
      import('node:net').then(({ default: net }) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(`POST /pipelines/terraform-drift/runs HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 100\r\n\r\n{"job`);
        });
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('close', () => resolve(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ? Number(/^HTTP\/1\.1 (\d+)/.exec(text)![1]) : 'closed'));
      });
    });
    expect(status).toBe(408);
  });
});

describe('runs', () => {
  it('runs a job to succeeded; its progress lands in the central pipeline_jobs and a consultant’s replica pulls it', async () => {
    const { url } = await start({ speed: 20 });
    const laptop = newReplica('alice');
    const aliceUrl = await central.consultantUrl(ids.alice);
    await syncOnce(laptop, aliceUrl);

    // The app's side: the job requested locally and synced, then delivered.
    const job = delivery({ pipeline: 'backup-verify', params: { database: 'billing', sample_tables: 3, checksum: false } });
    laptop.transaction(() =>
      laptop.insert('pipeline_jobs', {
        id: job.job_id,
        pipeline_id: pipelines['backup-verify']!,
        project_id: ids.project,
        status: 'requested',
        params: JSON.stringify(job.params),
        requested_by: ids.alice,
        requested_at: job.requested_at,
        started_at: null,
        finished_at: null,
        error: null,
        result_summary: null,
      }),
    );
    expect((await syncOnce(laptop, aliceUrl)).rejected).toBe(0);
    expect((await centralJob(job.job_id))?.status).toBe('requested');

    const accepted = await deliver(url, job);
    expect(accepted.status).toBe(202);
    expect(accepted.body.status).toBe('queued');

    // While it runs, the central has its step and progress, and so does GET /runs/{id}.
    const running = await waitFor(async () => {
      const row = await centralJob(job.job_id);
      return row?.status === 'running' && row.result_summary ? row : undefined;
    });
    expect(running.started_at).toBeInstanceOf(Date);
    expect(running.result_summary).toMatch(/billing|row counts|sandbox/);
    const polled = await fetch(`${url}/runs/${job.job_id}`, { headers: { authorization: `Bearer ${TEST_SECRET}` } });
    expect(polled.status).toBe(200);
    expect(await polled.json()).toMatchObject({ job_id: job.job_id, status: expect.stringMatching(/running|succeeded/) });

    await syncOnce(laptop, aliceUrl);
    const local = () =>
      laptop.db
        .prepare('SELECT status, started_at, finished_at, result_summary, error, project_id FROM pipeline_jobs WHERE id = ?')
        .get(job.job_id) as Record<string, unknown>;
    expect(local().status).toMatch(/running|succeeded/);

    const done = await waitFor(async () => {
      const row = await centralJob(job.job_id);
      return row?.status === 'succeeded' ? row : undefined;
    }, 60_000);
    expect(done.finished_at!.getTime()).toBeGreaterThanOrEqual(done.started_at!.getTime());
    expect(done.result_summary).toMatch(/^billing: 3 tables match/);
    expect(done.error).toBeNull();
    // The receiver's writes are direct writes: server clocks on the columns it changed.
    expect(
      Object.keys((await central.admin.query('SELECT _clocks FROM pipeline_jobs WHERE id = $1', [job.job_id])).rows[0]._clocks),
    ).toEqual(expect.arrayContaining(['status', 'started_at', 'finished_at', 'result_summary']));

    const pulled = await syncOnce(laptop, aliceUrl);
    expect(pulled.pulled).toBeGreaterThan(0);
    expect(local()).toMatchObject({
      status: 'succeeded',
      started_at: done.started_at!.toISOString(),
      finished_at: done.finished_at!.toISOString(),
      result_summary: done.result_summary,
      error: null,
      project_id: ids.project,
    });
    const status = (await (
      await fetch(`${url}/runs/${job.job_id}`, { headers: { authorization: `Bearer ${TEST_SECRET}` } })
    ).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'succeeded', progress: 100, result_summary: done.result_summary });
  });

  it('inserts the job when the laptop has not synced it yet, and fails some runs with a pipeline error (seeded)', async () => {
    const { url } = await start({ failureRate: 1 });
    const job = delivery({ pipeline: 'xero-warehouse-sync', params: { mode: 'full' }, project_id: ids.project2 });
    expect((await deliver(url, job)).status).toBe(202);
    const failed = await waitFor(async () => {
      const row = await centralJob(job.job_id);
      return row?.status === 'failed' ? row : undefined;
    }, 30_000);
    expect(failed.error).toMatch(/Xero|Warehouse/);
    expect(failed.finished_at).toBeInstanceOf(Date);
    expect(failed.params).toEqual({ mode: 'full' }); // as sent; the run used the schema's defaults for the rest
    const { rows } = await central.admin.query('SELECT requested_by, project_id, requested_at FROM pipeline_jobs WHERE id = $1', [
      job.job_id,
    ]);
    expect(rows[0]).toMatchObject({ requested_by: ids.alice, project_id: ids.project2 });
    expect((rows[0].requested_at as Date).toISOString()).toBe(job.requested_at);

    // An admin's replica pulls the job the receiver inserted.
    await syncOnce(admin, central.url);
    expect(admin.db.prepare('SELECT status, error FROM pipeline_jobs WHERE id = ?').get(job.job_id)).toEqual({
      status: 'failed',
      error: failed.error,
    });

    // GET /runs needs the secret: signed, or as a bearer.
    expect((await fetch(`${url}/runs/${job.job_id}`)).status).toBe(401);
    expect((await fetch(`${url}/runs/${job.job_id}`, { headers: { authorization: 'Bearer whsec_wrong' } })).status).toBe(401);
    const signed = await fetch(`${url}/runs/${job.job_id}`, { headers: signedHeaders('', { id: job.job_id }) });
    expect(((await signed.json()) as { status: string }).status).toBe('failed');
    // Signed for another job: refused (a signature is good for the job it names only).
    expect((await fetch(`${url}/runs/${job.job_id}`, { headers: signedHeaders('') })).status).toBe(401);
  });

  it('cancels a running job: it stops, stays cancelled with a finish time; a finished job cannot be cancelled', async () => {
    const { url } = await start({ speed: 2 });
    const job = delivery({ pipeline: 'strategy-sweep', params: { strategy: 'momentum', grid_size: 256 } });
    expect((await deliver(url, job)).status).toBe(202);
    await waitFor(async () => (await centralJob(job.job_id))?.status === 'running');

    const cancelBody = (id: string) => JSON.stringify({ action: 'cancel', job_id: id });
    const cancel = (id: string, sign = true) =>
      fetch(`${url}/runs/${id}/cancel`, {
        method: 'POST',
        headers: sign ? signedHeaders(cancelBody(id), { id }) : {},
        body: cancelBody(id),
      });
    expect((await cancel(job.job_id, false)).status).toBe(401);
    // A status poll's signature (empty body) replayed as a cancel, and a cancel signed for another
    // job sent to this one: both refused, and the run goes on.
    const poll = signedHeaders('', { id: job.job_id });
    expect((await fetch(`${url}/runs/${job.job_id}/cancel`, { method: 'POST', headers: poll, body: '' })).status).toBe(401);
    const other = crypto.randomUUID();
    const forOther = signedHeaders(cancelBody(other), { id: other });
    expect((await fetch(`${url}/runs/${job.job_id}/cancel`, { method: 'POST', headers: forOther, body: cancelBody(other) })).status).toBe(
      401,
    );
    expect((await centralJob(job.job_id))!.status).toBe('running');
    const res = await cancel(job.job_id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ job_id: job.job_id, status: 'cancelled' });
    await waitFor(async () => logs.some((l) => l === `job ${job.job_id} cancelled`), 5_000, 'the run to stop');
    const summary = (await centralJob(job.job_id))!.result_summary;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const row = (await centralJob(job.job_id))!;
    expect(row.status).toBe('cancelled');
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.result_summary).toBe(summary); // no progress written after the cancel
    expect((await cancel(job.job_id)).status).toBe(200); // again: nothing more to do

    // A finished job: 409, and it stays as it finished.
    const finished = crypto.randomUUID();
    await central.admin.query(
      `INSERT INTO pipeline_jobs (id, pipeline_id, status, params, requested_by, requested_at, started_at, finished_at, result_summary)
       VALUES ($1, $2, 'succeeded', '{}', $3, now(), now(), now(), 'done')`,
      [finished, pipelines['k8s-drift'], ids.alice],
    );
    const late = await cancel(finished);
    expect(late.status).toBe(409);
    expect((await late.json()) as object).toMatchObject({ status: 'succeeded', error: expect.stringMatching(/already succeeded/) });
    expect((await centralJob(finished))!.status).toBe('succeeded');
    expect((await cancel(crypto.randomUUID())).status).toBe(404);
  });

  it('does not run a job the app cancelled (through sync) before its delivery arrived, and stops one cancelled while running', async () => {
    const { url } = await start({ speed: 2 });
    const early = delivery({ pipeline: 'k8s-drift', params: { cluster: 'staging' } });
    await central.admin.query(
      `INSERT INTO pipeline_jobs (id, pipeline_id, status, params, requested_by, requested_at) VALUES ($1, $2, 'cancelled', $3, $4, $5)`,
      [early.job_id, pipelines['k8s-drift'], JSON.stringify(early.params), ids.alice, early.requested_at],
    );
    const answer = await deliver(url, early);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('cancelled');

    const job = delivery({ pipeline: 'strategy-sweep', params: { strategy: 'pairs-trading', grid_size: 256 } });
    expect((await deliver(url, job)).status).toBe(202);
    await waitFor(async () => (await centralJob(job.job_id))?.status === 'running');
    // The app's cancel arrives by sync (here as the direct write an admin tool would make).
    await central.admin.query(`UPDATE pipeline_jobs SET status = 'cancelled' WHERE id = $1`, [job.job_id]);
    await waitFor(async () => (await centralJob(job.job_id))?.finished_at, 10_000, 'the worker to notice');
    expect((await centralJob(job.job_id))!.status).toBe('cancelled');
    expect(runsOf(early.job_id)).toBe(0);
    expect((await centralJob(early.job_id))!.started_at).toBeNull();
  });
});

describe('restarts', () => {
  it('runs a job again when the receiver stopped in the middle of it, and it succeeds once', async () => {
    await start({ speed: 2 });
    const job = delivery({ pipeline: 'strategy-sweep', params: { strategy: 'momentum', grid_size: 256 } });
    expect((await deliver(server!.url, job)).status).toBe(202);
    await waitFor(async () => (await centralJob(job.job_id))?.status === 'running');
    const startedAt = (await centralJob(job.job_id))!.started_at;
    await server!.stop();
    server = null;
    expect((await centralJob(job.job_id))!.status).toBe('running'); // not cancelled, not finished

    await start({ speed: 500 });
    // Usually the stopped receiver hands the job back and it runs again within seconds; on a busy
    // machine its stop can time out first, and then the missed heartbeat (30 s, looked for every
    // 10 s) brings it back.
    // The worker logs its success after its last write (the delivery's progress), so both are waited for.
    const succeeded = () => logs.filter((l) => l.startsWith(`job ${job.job_id} succeeded`));
    const done = await waitFor(async () => {
      const row = await centralJob(job.job_id);
      return row?.status === 'succeeded' && succeeded().length > 0 ? row : undefined;
    }, 90_000);
    expect(done.started_at).toEqual(startedAt);
    expect(succeeded()).toHaveLength(1);
  }, 150_000);
});

describe('least privilege', () => {
  it('runs as a login in ops_pipeline_worker (may create its own schemas), which can write pipeline jobs and nothing else', async () => {
    const role = `${central.name}_worker`;
    await central.admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'worker-pw' IN ROLE ops_pipeline_worker`);
    roles.push(role);
    await central.admin.query(`GRANT CREATE ON DATABASE ${central.name} TO ${role}`);
    const workerUrl = new URL(central.url);
    workerUrl.username = role;
    workerUrl.password = 'worker-pw';

    const { url } = await start({ centralUrl: workerUrl.toString() });
    const job = delivery({ pipeline: 'security-scan', params: { severity: 'critical', images: 3 } });
    expect((await deliver(url, job)).status).toBe(202);
    await waitFor(async () => (await centralJob(job.job_id))?.status === 'succeeded', 30_000);

    const worker = new pg.Client({ connectionString: workerUrl.toString() });
    await worker.connect();
    try {
      await expect(worker.query(`UPDATE time_entries SET minutes = 1`)).rejects.toThrow(/permission denied/);
      await expect(worker.query(`UPDATE pipelines SET active = false`)).rejects.toThrow(/permission denied/);
      await expect(worker.query(`SELECT cost_rate_cents FROM consultants`)).rejects.toThrow(/permission denied/);
    } finally {
      await worker.end();
    }
  });
});
