// The delivery engine against a tiny real HTTP server that answers with a script: backoff on the
// Standard Webhooks schedule, Retry-After, final refusals, 410, bounded answers, timeouts, claims.
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { TEST_SECRET, waitFor } from '../../pipeline-server/testing';
import { openReplica } from '../db/open';
import { Replica } from '../sync/replica';
import { claimDue, CLAIM_LEASE_MS, deliverDue, RETRY_SCHEDULE_MS, wakeDeliveries } from './delivery';
import { MAX_REASON_CHARS, reasonOf, retryAfterMs } from './http';
import { DeliveryLoop } from './loop';
import { getJob, listPipelines } from './queries';
import { deadUrl, deliveryRow, jobStatus, replicaWithPipelines, scriptedServer, type ScriptedServer } from './testing';
import { cancelJob, retryDelivery, triggerJob } from './trigger';

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function serve(...script: Parameters<typeof scriptedServer>[0]): Promise<ScriptedServer> {
  const server = await scriptedServer(script, TEST_SECRET);
  servers.push(server);
  return server;
}

const T0 = new Date('2026-11-29T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const noJitter = () => 0.5;

function longExpiry(replica: Replica, pipelineId: string, minutes = 30 * 24 * 60): void {
  const schema = JSON.parse(replica.db.prepare('SELECT params_schema FROM pipelines WHERE id = ?').pluck().get(pipelineId) as string);
  replica.transaction(() =>
    replica.update('pipelines', pipelineId, { params_schema: JSON.stringify({ ...schema, 'x-ops': { expires_after_minutes: minutes } }) }),
  );
}

function setup() {
  const { replica, ids, pipelines } = replicaWithPipelines();
  const trigger = (now = T0, slug = 'terraform-drift', params: unknown = { workspace: 'prod-core' }) =>
    triggerJob(replica, ids.alice, { slug, params, projectId: ids.project }, now).jobId;
  return { replica, ids, pipelines, trigger };
}

describe('retries', () => {
  it('500, 500, 202: delivered once, on the schedule (5 s, then 5 min, with jitter), each attempt signed afresh with the same id and body', async () => {
    const { replica, trigger } = setup();
    const server = await serve(
      { status: 500, body: { error: 'boom' } },
      { status: 500, body: 'upstream down' },
      { status: 202, body: { status: 'queued' } },
    );
    const jobId = trigger();
    const send = (now: Date) => deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now, random: noJitter });

    expect((await send(T0))[0]).toMatchObject({ outcome: 'retrying', httpStatus: 500, message: 'the receiver answered 500: boom' });
    expect(deliveryRow(replica, jobId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: at(5_000).toISOString(),
      last_status: 500,
    });
    expect(getJob(replica.db, jobId, at(1_000))!.delivery!.state).toBe('next attempt in 4 s; the receiver answered 500: boom');

    expect(await send(at(4_000))).toEqual([]); // not yet
    expect(server.requests).toHaveLength(1);
    expect((await send(at(5_000)))[0]).toMatchObject({ outcome: 'retrying', httpStatus: 500 });
    expect(deliveryRow(replica, jobId)).toMatchObject({
      attempts: 2,
      next_attempt_at: at(5_000 + 5 * 60_000).toISOString(),
      last_answer: 'upstream down',
    });
    expect(await send(at(4 * 60_000))).toEqual([]);
    expect((await send(at(6 * 60_000)))[0]).toMatchObject({ outcome: 'delivered', httpStatus: 202 });
    expect(await send(at(3 * 3_600_000))).toEqual([]); // never again

    expect(server.requests).toHaveLength(3);
    expect(
      server.requests.every((r) => r.verified && r.url === '/pipelines/terraform-drift/runs' && r.headers['webhook-id'] === jobId),
    ).toBe(true);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
    // Signed at each send: the timestamps are the send times, not the trigger's.
    expect(server.requests.map((r) => Number(r.headers['webhook-timestamp']))).toEqual(
      [0, 5_000, 6 * 60_000].map((ms) => at(ms).getTime() / 1000),
    );
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({
      job_id: jobId,
      pipeline: 'terraform-drift',
      params: { workspace: 'prod-core', environment: 'prod', refresh: true, parallelism: 10 },
    });
    expect(deliveryRow(replica, jobId)).toMatchObject({
      status: 'delivered',
      delivered_at: at(6 * 60_000).toISOString(),
      receiver_status: 'queued',
      attempts: 3,
    });
    // Said on the workspace's clock, not in UTC.
    expect(getJob(replica.db, jobId, undefined, 'Australia/Brisbane')!.delivery!.state).toBe(
      'delivered Sun, 29 Nov 2026, 7:06 pm AEST (the receiver: queued)',
    );
    expect(getJob(replica.db, jobId, undefined, 'America/New_York')!.delivery!.state).toBe(
      'delivered Sun, 29 Nov 2026, 4:06 am GMT-5 (the receiver: queued)',
    );
    expect(jobStatus(replica, jobId)).toBe('requested'); // the receiver's progress comes by sync
  });

  it('spreads the waits with jitter (±10 %) and gives up after the 8 attempts of the schedule', async () => {
    const { replica, trigger, pipelines } = setup();
    // (The schedule spans 33 hours: longer than the default expiry of 24, which would end it first.)
    longExpiry(replica, pipelines['terraform-drift']!);
    const server = await serve({ status: 503 });
    const jobId = trigger();
    let now = T0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const [outcome] = await deliverDue(replica, {
        pipelineApi: server.url,
        secret: TEST_SECRET,
        now,
        random: () => (attempt % 2 ? 0 : 1),
      });
      if (attempt < 8) {
        expect(outcome!.outcome).toBe('retrying');
        const next = new Date(outcome!.nextAttemptAt!);
        waits.push(next.getTime() - now.getTime());
        now = next;
      } else {
        expect(outcome).toMatchObject({ outcome: 'failed', message: 'not delivered after 8 attempts; the receiver answered 503' });
      }
    }
    expect(waits).toEqual(RETRY_SCHEDULE_MS.slice(1).map((ms, i) => Math.round(ms * ((i + 1) % 2 ? 0.9 : 1.1))));
    expect(server.requests).toHaveLength(8);
    expect(jobStatus(replica, jobId)).toBe('requested'); // not lost: shown as not delivered
  });

  it('honours Retry-After in seconds and as an HTTP date, for 429 and 503', async () => {
    const { replica, trigger } = setup();
    const server = await serve(
      { status: 429, headers: { 'retry-after': '120' }, body: { error: 'slow down' } },
      { status: 503, headers: { 'retry-after': at(120_000 + 30 * 60_000).toUTCString() } },
      { status: 202, body: { status: 'queued' } },
    );
    const jobId = trigger();
    const send = (now: Date) => deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now, random: noJitter });
    await send(T0);
    expect(deliveryRow(replica, jobId).next_attempt_at).toBe(at(120_000).toISOString()); // not the schedule's 5 s
    expect(await send(at(60_000))).toEqual([]);
    await send(at(120_000));
    expect(deliveryRow(replica, jobId).next_attempt_at).toBe(at(120_000 + 30 * 60_000).toISOString());
    expect(await send(at(20 * 60_000))).toEqual([]);
    expect((await send(at(120_000 + 30 * 60_000)))[0]!.outcome).toBe('delivered');
    expect(server.requests).toHaveLength(3);
  });

  it('a receiver asking to come back (503 Retry-After: 0) is asked again after at least 1 s, past the schedule’s eight attempts, until it takes it', async () => {
    const { replica, trigger } = setup();
    const server = await serve(...Array(12).fill({ status: 503, headers: { 'retry-after': '0' } }), {
      status: 202,
      body: { status: 'queued' },
    });
    const jobId = trigger();
    let now = T0;
    for (let i = 0; i < 12; i++) {
      expect((await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now }))[0]).toMatchObject({ outcome: 'retrying' });
      const next = deliveryRow(replica, jobId).next_attempt_at as string;
      expect(Date.parse(next) - now.getTime()).toBe(1_000); // Retry-After: 0 → the 1 s floor
      now = new Date(next);
    }
    expect((await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now }))[0]).toMatchObject({ outcome: 'delivered' });
    expect(deliveryRow(replica, jobId)).toMatchObject({ status: 'delivered', attempts: 13 });
  });

  it('reads Retry-After only as seconds or an HTTP date (a negative or odd value is the schedule)', () => {
    const now = new Date('2026-11-29T09:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 09:02:00 GMT', now)).toBe(120_000);
    for (const odd of ['-5', '1.5', 'soon', '1e3', 'Nov 29 2026']) expect(retryAfterMs(odd, now)).toBeNull();
  });

  it('waits for the network when nothing answers, and goes at once when it is back', async () => {
    const { replica, trigger } = setup();
    const jobId = trigger();
    const [outcome] = await deliverDue(replica, { pipelineApi: await deadUrl(), secret: TEST_SECRET, now: T0, random: noJitter });
    expect(outcome).toMatchObject({
      outcome: 'retrying',
      httpStatus: null,
      message: expect.stringMatching(/^waiting for the network: could not reach the pipeline API \(ECONNREFUSED\)/),
    });
    await deliverDue(replica, { pipelineApi: await deadUrl(), secret: TEST_SECRET, now: at(5_000), random: noJitter });
    expect(getJob(replica.db, jobId, at(6_000))!.delivery!.state).toMatch(
      /^waiting for the network \(could not reach .*\); next attempt in 4 min 59 s$/,
    );

    const server = await serve({ status: 202, body: { status: 'queued' } });
    expect(await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(10_000) })).toEqual([]); // scheduled later
    expect(wakeDeliveries(replica, at(10_000))).toBe(1);
    expect((await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(10_000) }))[0]!.outcome).toBe('delivered');
    expect(server.requests).toHaveLength(1);
  });

  it('retries when no answer comes within the timeout', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 202, hang: true });
    const jobId = trigger();
    const [outcome] = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: T0, timeoutMs: 300 });
    expect(outcome).toMatchObject({ outcome: 'retrying', message: 'waiting for the network: no answer within 0.3 s' });
    expect(deliveryRow(replica, jobId)).toMatchObject({ status: 'pending', claim_token: null });
  });
});

describe('final answers', () => {
  it('Send now on a delivery waiting after a 500 makes its next attempt now, keeping the schedule; not while it is being sent', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 500, body: 'down' }, { status: 202, body: { status: 'queued' } });
    const jobId = trigger();
    await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: T0, random: noJitter });
    expect(deliveryRow(replica, jobId)).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(5_000).toISOString() });
    expect(await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(1_000) })).toEqual([]);
    retryDelivery(replica, jobId, at(1_000));
    expect(deliveryRow(replica, jobId)).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(1_000).toISOString() });
    const [sent] = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(1_000) });
    expect(sent).toMatchObject({ outcome: 'delivered', httpStatus: 202 });
    expect(deliveryRow(replica, jobId)).toMatchObject({ attempts: 2 });

    const other = trigger(at(2_000));
    claimDue(replica, at(2_000));
    expect(() => retryDelivery(replica, other, at(2_500))).toThrow(/being sent right now/);
  });

  it('a cancel while the delivery is being sent is refused (whether the receiver has it is not known yet), then goes through', async () => {
    const { replica, ids, trigger } = setup();
    const jobId = trigger();
    claimDue(replica, new Date(replica.now()));
    await expect(cancelJob(replica, ids.alice, jobId)).rejects.toThrow(/being sent right now/);
    expect(deliveryRow(replica, jobId)).toMatchObject({ status: 'pending' });
    replica.db.prepare('UPDATE webhook_deliveries SET claim_until = NULL, claim_token = NULL WHERE job_id = ?').run(jobId);
    expect(await cancelJob(replica, ids.alice, jobId)).toMatchObject({ via: 'local', message: 'Cancelled before it was sent.' });
  });

  it('a receiver reason its message already says is not said twice', () => {
    const body = {
      message: 'Unknown references: requested_by is not a consultant.',
      reasons: ['requested_by is not a consultant', 'x > 3'],
    };
    expect(reasonOf(body, JSON.stringify(body))).toBe('Unknown references: requested_by is not a consultant.: x > 3');
    // and a reason never carries terminal controls (C1's CSI) or direction overrides
    expect(reasonOf({ error: 'bad\u009b2J \u202eevil' }, '')).toBe('bad 2J  evil');
  });

  it('a 4xx other than 408/429/410 is final, with the receiver’s reason kept and shown; the job stays, not delivered', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 422, body: { error: 'The parameters do not fit', reasons: ['params.x must be <= 3'] } });
    const jobId = trigger();
    const [outcome] = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: T0 });
    expect(outcome).toMatchObject({
      outcome: 'failed',
      httpStatus: 422,
      message: 'not delivered: the receiver refused it (422): The parameters do not fit: params.x must be <= 3',
    });
    expect(await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(86_400_000) })).toEqual([]);
    expect(server.requests).toHaveLength(1);
    const job = getJob(replica.db, jobId)!;
    expect(job).toMatchObject({ status: 'requested', error: outcome!.message });
    expect(job.delivery).toMatchObject({
      status: 'failed',
      lastStatus: 422,
      lastAnswer: 'The parameters do not fit: params.x must be <= 3',
    });
  });

  it('410 disables the pipeline on this laptop: the delivery is final, the job cancelled, new triggers refused, others not sent', async () => {
    const { replica, trigger, pipelines } = setup();
    const server = await serve({ status: 410, body: { error: 'The pipeline "terraform-drift" is inactive.' } });
    const first = trigger();
    const second = trigger(at(1));
    const outcomes = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(10), concurrency: 1 });
    expect(outcomes.map((o) => o.outcome)).toEqual(['disabled', 'disabled']);
    expect(server.requests).toHaveLength(1); // the second was not sent once the first was refused
    expect(deliveryRow(replica, first)).toMatchObject({ status: 'disabled', last_status: 410 });
    expect(deliveryRow(replica, second)).toMatchObject({ status: 'disabled', last_status: null });
    expect([jobStatus(replica, first), jobStatus(replica, second)]).toEqual(['cancelled', 'cancelled']);
    expect(listPipelines(replica.db).find((p) => p.slug === 'terraform-drift')!.disabledHere).toMatchObject({
      reason: 'The pipeline "terraform-drift" is inactive.',
    });
    expect(() => trigger(at(2))).toThrow(/was disabled by the pipeline receiver \(it answered 410/);
    expect(listPipelines(replica.db).find((p) => p.slug === 'backup-verify')!.disabledHere).toBeNull();

    // An admin switches it off and on again at the central: the new clock of `active` arrives by
    // sync (here written as the pull would), and the flag no longer applies.
    replica.transaction(() => replica.update('pipelines', pipelines['terraform-drift']!, { active: 1 }));
    expect(listPipelines(replica.db).find((p) => p.slug === 'terraform-drift')!.disabledHere).toBeNull();
    expect(() => trigger(at(3))).not.toThrow();
  });

  it('keeps a huge or malformed answer bounded: 64 kB read at most, the reason cut short', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 400, body: 'x'.repeat(5_000_000) }, { status: 202, body: '{"status": "queu' });
    const first = trigger();
    const [huge] = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: T0 });
    expect(huge!.outcome).toBe('failed');
    expect((deliveryRow(replica, first).last_answer as string).length).toBe(MAX_REASON_CHARS);
    const second = trigger(at(1));
    const [malformed] = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(2) });
    expect(malformed).toMatchObject({ outcome: 'delivered', httpStatus: 202 });
    expect(deliveryRow(replica, second)).toMatchObject({ status: 'delivered', receiver_status: null });
  });
});

describe('expiry', () => {
  it('a trigger not sent within 24 h expires: never sent, the job cancelled with the reason, and a re-run goes', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 202, body: { status: 'queued' } });
    const jobId = trigger();
    expect(deliveryRow(replica, jobId).expires_at).toBe(at(24 * 3_600_000).toISOString());
    expect(await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(24 * 3_600_000) })).toEqual([
      expect.objectContaining({ jobId, outcome: 'expired', message: 'expired before it could be sent: re-run it' }),
    ]);
    expect(server.requests).toHaveLength(0);
    expect(getJob(replica.db, jobId)).toMatchObject({
      status: 'cancelled',
      error: 'expired before it could be sent: re-run it',
      delivery: { status: 'expired' },
    });
  });

  it('a pipeline may set its own expiry in its schema (x-ops.expires_after_minutes)', () => {
    const { replica, trigger, pipelines } = setup();
    longExpiry(replica, pipelines['terraform-drift']!, 30);
    expect(deliveryRow(replica, trigger()).expires_at).toBe(at(30 * 60_000).toISOString());
    expect(listPipelines(replica.db).find((p) => p.slug === 'terraform-drift')!.expiresAfterMinutes).toBe(30);
  });
});

describe('claims', () => {
  it('two senders on one replica at once (two connections) send each delivery once', async () => {
    const { replica, trigger } = setup();
    const other = new Replica(openReplica(replica.db.name));
    const server = await serve({ status: 202, body: { status: 'queued' }, delayMs: 200 });
    const jobs = [trigger(), trigger(at(1)), trigger(at(2))];
    const options = { pipelineApi: server.url, secret: TEST_SECRET, now: at(10) };
    const [a, b] = await Promise.all([deliverDue(replica, options), deliverDue(other, options)]);
    expect([...a, ...b].filter((o) => o.outcome === 'delivered')).toHaveLength(3);
    expect(server.requests.map((r) => r.headers['webhook-id']).sort()).toEqual([...jobs].sort());
    other.db.close();
  });

  it('a claim left by a sender killed mid-send holds for its lease, then the delivery is sent again', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 202, body: { status: 'queued' } });
    const jobId = trigger();
    // A sender claimed it and died before the answer was recorded.
    expect(claimDue(replica, T0).claimed.map((c) => c.row.job_id)).toEqual([jobId]);
    expect(getJob(replica.db, jobId, at(1_000))!.delivery!.state).toBe('sending now');
    expect(await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(CLAIM_LEASE_MS - 1) })).toEqual([]);
    expect(server.requests).toHaveLength(0);
    const [outcome] = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(CLAIM_LEASE_MS) });
    expect(outcome!.outcome).toBe('delivered');
    expect(server.requests).toHaveLength(1);
    expect(deliveryRow(replica, jobId)).toMatchObject({ status: 'delivered', attempts: 2, claim_token: null });
  });

  it('does not send a job that sync shows is already at the receiver, nor one cancelled meanwhile', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 202 });
    const queued = trigger();
    const cancelled = trigger(at(1));
    // As sync would write them: the receiver's `queued`, another device's cancel.
    replica.transaction(() => {
      replica.update('pipeline_jobs', queued, { status: 'queued' });
      replica.update('pipeline_jobs', cancelled, { status: 'cancelled' });
    });
    const outcomes = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: at(5) });
    expect(Object.fromEntries(outcomes.map((o) => [o.jobId, o.outcome]))).toEqual({ [queued]: 'delivered', [cancelled]: 'cancelled' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('the secret', () => {
  it('is refused when missing or malformed, before anything is claimed, and appears in no row or message', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 401, body: { error: 'The signature does not match' } });
    const jobId = trigger();
    await expect(deliverDue(replica, { pipelineApi: server.url, secret: '', now: T0 })).rejects.toThrow(/No webhook secret is set/);
    await expect(deliverDue(replica, { pipelineApi: server.url, secret: 'whsec_%%%', now: T0 })).rejects.toThrow(
      /not a valid Standard Webhooks secret/,
    );
    await expect(deliverDue(replica, { pipelineApi: 'localhost:8790', secret: TEST_SECRET, now: T0 })).rejects.toThrow(
      /is not an http\(s\) URL/,
    );
    expect(deliveryRow(replica, jobId)).toMatchObject({ attempts: 0, claim_token: null });
    const outcomes = await deliverDue(replica, { pipelineApi: server.url, secret: TEST_SECRET, now: T0 });
    const everything = JSON.stringify([
      outcomes,
      replica.db.prepare('SELECT * FROM webhook_deliveries').all(),
      replica.db.prepare('SELECT * FROM settings').all(),
    ]);
    const raw = TEST_SECRET.slice('whsec_'.length);
    expect(everything).not.toContain(raw);
    expect(new Webhook(TEST_SECRET)).toBeDefined();
  });
});

describe('the app’s loop', () => {
  it('sends after a trigger, retries when the next attempt falls due, and stops cleanly', async () => {
    const { replica, trigger } = setup();
    const server = await serve({ status: 503, headers: { 'retry-after': '1' } }, { status: 202, body: { status: 'queued' } });
    const outcomes: string[] = [];
    const loop = new DeliveryLoop(replica, {
      config: () => ({ pipelineApi: server.url, secret: TEST_SECRET }),
      onOutcome: (o) => outcomes.push(o.outcome),
      maxWaitMs: 60_000,
    });
    loop.start();
    const jobId = trigger(new Date(replica.now()));
    loop.poke();
    await waitFor(async () => outcomes.includes('delivered'), 10_000, 'the retry');
    expect(outcomes).toEqual(['retrying', 'delivered']);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(900);
    expect(deliveryRow(replica, jobId).status).toBe('delivered');
    await loop.stop();
  });

  it('sends nothing while no pipeline API is configured', async () => {
    const { replica, trigger } = setup();
    const loop = new DeliveryLoop(replica, { config: () => null });
    loop.start();
    const jobId = trigger(new Date(replica.now()));
    loop.poke();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await loop.stop();
    expect(deliveryRow(replica, jobId)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
