// The pipelines channels through `new Core(...).invoke`, as every front end calls them: input
// checks, parameter problems named by field, `touches` announced, the webhook secret never in an
// output or an event; and the background service: the delivery loop (with the REAL receiver and
// REAL PostgreSQL), the network coming back, and the demo workspace's in-process simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Events } from '../../../shared/contract';
import { Core } from '../api';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from '../sync/engine';
import { newReplica, seedTiny, type TinyIds } from '../sync/fixtures';
import { demoDataDir } from '../testing';
import { startPipelineServer, type PipelineServer } from '../../pipeline-server';
import { ensureDemoPipelines, TEST_SECRET, waitFor } from '../../pipeline-server/testing';
import { deadUrl, replicaWithPipelines } from './testing';

const OTHER_SECRET = `whsec_${Buffer.from('another-secret-another-secret-32').toString('base64')}`;

/** Every event the core emits, and every output, as text: the secret must be in none of them. */
function recorder(core: Core) {
  const seen: string[] = [];
  for (const event of ['data.changed', 'timer.changed', 'sync.changed'] as const) {
    core.on(event, (payload: Events[typeof event]) => seen.push(JSON.stringify({ event, payload })));
  }
  const invoke = async (channel: string, input?: unknown) => {
    const result = await core.invoke(channel, input);
    seen.push(JSON.stringify(result));
    return result;
  };
  return { seen, invoke };
}

describe('pipelines channels (a replica with the demo pipelines, no network)', () => {
  let core: Core;
  let jobCount: () => number;
  beforeEach(() => {
    const { replica } = replicaWithPipelines();
    core = new Core({ dbPath: replica.db.name, consultantEmail: 'alice@example.com' });
    jobCount = () => core.db.prepare('SELECT count(*) FROM pipeline_jobs').pluck().get() as number;
    replica.db.close();
  });
  afterEach(() => core.close());

  it('checks inputs before any handler runs', async () => {
    const refusals = [
      ['pipelines.trigger', { params: {} }, 'pipelineId'],
      ['pipelines.trigger', { slug: 'backup-verify', pipelineId: crypto.randomUUID() }, 'pipelineId'],
      ['pipelines.trigger', { slug: 'backup-verify', params: [1, 2] }, 'params'],
      ['pipelines.trigger', { slug: 'backup-verify', params: { database: 'x'.repeat(20_000) } }, 'params'],
      ['pipelines.trigger', { slug: 'Not A Slug' }, 'slug'],
      // Text the central cannot store in jsonb would block every later push from this laptop.
      [
        'pipelines.trigger',
        { slug: 'client-kpi-report', params: { month: '2026-01', recipients: ['a\u0000b@x.com'] } },
        'params.recipients',
      ],
      ['pipelines.trigger', { slug: 'backup-verify', params: { database: 'bill\ud800ing' } }, 'params.database'],
      ['pipelines.trigger', { slug: 'backup-verify', params: { ['db\u0000']: 'x' } }, 'params.db\u0000'],
      [
        'pipelines.trigger',
        { slug: 'backup-verify', params: JSON.parse('{"database":"billing","__proto__":{"x":1}}') },
        'params.__proto__',
      ],
      ['jobs.list', { status: 'exploded' }, 'status'],
      ['jobs.list', { from: '2026-11-20', to: '2026-11-01' }, 'to'],
      ['jobs.get', { id: 'nope' }, 'id'],
      ['pipelines.settings.update', { pipelineApi: 'ftp://example.com' }, 'pipelineApi'],
      ['pipelines.settings.update', { secret: 'hunter2-not-a-secret' }, 'secret'],
    ] as const;
    for (const [channel, input, field] of refusals) {
      const result = await core.invoke(channel, input);
      expect(result, `${channel} ${JSON.stringify(input).slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field },
      });
    }
    const secretRefusal = await core.invoke('pipelines.settings.update', { secret: 'hunter2-not-a-secret' });
    expect(JSON.stringify(secretRefusal)).not.toContain('hunter2');
    expect(jobCount()).toBe(0);
  });

  it('refuses parameters nested deeper than a recursive check survives, before any check walks them (found by fuzzing)', async () => {
    for (const depth of [17, 5000, 200_000]) {
      let value: unknown = 'billing';
      for (let i = 0; i < depth; i++) value = [value];
      const result = await core.invoke('pipelines.trigger', { slug: 'backup-verify', params: { database: value } });
      expect(result, `${depth} deep`).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'params' } });
      if (!result.ok) expect(result.error.message).toMatch(/nest too deeply \(at most 16 levels\)/);
    }
    expect(jobCount()).toBe(0);
  });

  it('refuses parameters JSON cannot carry, which Electron IPC can (found by fuzzing: a BigInt was an internal error)', async () => {
    const values: [unknown, string][] = [
      [{ database: 'billing', extra: { n: 2n ** 70n } }, 'params.extra'],
      [{ database: Number.NaN }, 'params.database'],
      [{ database: new Date() }, 'params.database'],
      [{ database: new Map() }, 'params.database'],
      [{ database: 'billing', list: [1, undefined] }, 'params.list'],
    ];
    for (const [params, field] of values) {
      const result = await core.invoke('pipelines.trigger', { slug: 'backup-verify', params });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field, message: expect.stringMatching(/not a JSON value/) },
      });
    }
    expect(jobCount()).toBe(0);
  });

  it('a parameter the schema refuses is invalid_input on params.<name>, its message names it, and nothing is written', async () => {
    const result = await core.invoke('pipelines.trigger', { slug: 'strategy-sweep', params: { grid_size: 100_000 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'invalid_input', field: 'params.grid_size' });
    expect(result.error.message).toMatch(/grid_size must be at most/);
    const unknown = await core.invoke('pipelines.trigger', { slug: 'backup-verify', params: { colour: 'red' } });
    expect(unknown).toMatchObject({ ok: false, error: { field: 'params.colour', message: expect.stringContaining('colour') } });
    expect(jobCount()).toBe(0);
    expect(await core.call('deliveries.pending')).toEqual([]);
  });

  it('a trigger announces the tables it touches, lists, shows, re-runs and cancels', async () => {
    const changed: string[][] = [];
    core.on('data.changed', ({ tables }) => changed.push(tables));
    const pipelines = await core.call('pipelines.list');
    expect(pipelines.find((p) => p.slug === 'backup-verify')?.paramsSchema).toMatchObject({ type: 'object' });

    const triggered = await core.call('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' } });
    expect(changed).toEqual([['pipeline_jobs', 'webhook_deliveries']]);
    expect(triggered.params).toMatchObject({ database: 'billing' });
    expect(await core.call('jobs.get', { id: triggered.jobId })).toMatchObject({
      status: 'requested',
      delivery: { status: 'pending', state: 'waiting to be sent' },
    });
    expect((await core.call('jobs.list', { status: 'requested' })).map((j) => j.id)).toEqual([triggered.jobId]);
    expect(await core.call('jobs.list', { status: 'running' })).toEqual([]);
    expect((await core.call('deliveries.pending')).map((j) => j.id)).toEqual([triggered.jobId]);

    const rerun = await core.call('jobs.rerun', { id: triggered.jobId });
    expect(rerun.jobId).not.toBe(triggered.jobId);
    const cancelled = await core.call('jobs.cancel', { id: triggered.jobId });
    expect(cancelled).toMatchObject({ via: 'local' });
    expect((await core.call('jobs.get', { id: triggered.jobId })).status).toBe('cancelled');
    expect(await core.invoke('jobs.cancel', { id: triggered.jobId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.invoke('jobs.get', { id: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(changed.length).toBe(3);
  });

  it('the dashboard covers the days asked for, in the workspace zone, and refuses a reversed or over-long range', async () => {
    const got = await core.call('pipelines.dashboard', { from: '2026-11-01', to: '2026-11-30' });
    expect(got.days.map((d) => d.day)).toHaveLength(30);
    expect(got.range.timeZone).toBe((await core.call('workspace.info')).timeZone);
    const reversed = await core.invoke('pipelines.dashboard', { from: '2026-11-30', to: '2026-11-01' });
    expect(reversed.ok ? null : reversed.error).toMatchObject({
      field: 'to',
      message: 'The first day (2026-11-30) is after the last one (2026-11-01): swap them, or choose the last day again.',
    });
    const long = await core.invoke('pipelines.dashboard', { from: '2024-01-01', to: '2026-11-30' });
    expect(long.ok ? null : long.error.message).toMatch(/at most a year/);
  });

  it('sending with no pipeline API says where to set it, and changes nothing', async () => {
    const { jobId } = await core.call('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' } });
    const result = await core.invoke('deliveries.send');
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringContaining('--pipeline-api') } });
    expect((await core.call('jobs.get', { id: jobId })).delivery).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('keeps the secret in the secret store: settings say only that one is stored', async () => {
    const { seen, invoke } = recorder(core);
    const url = await deadUrl();
    const saved = await invoke('pipelines.settings.update', { pipelineApi: url, secret: TEST_SECRET });
    expect(saved).toMatchObject({ ok: true, value: { pipelineApi: url, secretStored: true, secretStorage: 'memory', simulated: false } });
    expect(core.secrets.get('pipeline-webhook-secret')).toBe(TEST_SECRET);
    expect(core.db.prepare('SELECT count(*) FROM settings WHERE value LIKE ?').pluck().get('%whsec_%')).toBe(0);
    await invoke('pipelines.settings.get');
    await invoke('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' } });
    const sent = await invoke('deliveries.send');
    expect(sent).toMatchObject({ ok: true, value: [expect.objectContaining({ outcome: 'retrying', httpStatus: null })] });
    await invoke('pipelines.settings.update', { secret: null });
    expect(await core.call('pipelines.settings.get')).toMatchObject({ secretStored: false });
    expect(seen.length).toBeGreaterThan(5);
    for (const line of seen) expect(line).not.toContain(TEST_SECRET.slice(6));
  });
});

describe('pipelines with the real receiver and PostgreSQL', () => {
  let central: TestCentral;
  let ids: TinyIds;
  let laptopFile: string;
  let receiver: PipelineServer | null;
  let cores: Core[];

  beforeEach(async () => {
    central = await freshCentral();
    const admin = newReplica('admin');
    ids = seedTiny(admin);
    await syncOnce(admin, central.url);
    await ensureDemoPipelines(central.admin);
    const laptop = newReplica('alice');
    await syncOnce(laptop, await central.consultantUrl(ids.alice));
    laptopFile = laptop.db.name;
    laptop.db.close();
    admin.db.close();
    receiver = null;
    cores = [];
  });
  afterEach(async () => {
    for (const core of cores) await core.close();
    await receiver?.stop();
    await central.drop();
  });

  const startReceiver = async (port?: number) =>
    (receiver = await startPipelineServer({
      centralUrl: central.url,
      secret: TEST_SECRET,
      speed: 200,
      seed: 3,
      failureRate: 0,
      port,
      log: () => undefined,
    }));
  const open = (pipelineApi: string, secret = TEST_SECRET) => {
    const core = new Core({
      dbPath: laptopFile,
      consultantEmail: 'alice@example.com',
      pipelineApi,
      webhookSecret: secret,
    });
    cores.push(core);
    return core;
  };

  it('the service delivers a trigger by itself, and the receiver runs it', async () => {
    const { url } = await startReceiver();
    const core = open(url);
    const { seen, invoke } = recorder(core);
    core.startPipelines();
    // Let the loop's first run (nothing due) finish: its next run is 30 s away unless poked.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const triggered = await invoke('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' }, projectId: ids.project });
    expect(triggered.ok).toBe(true);
    const jobId = (triggered as { value: { jobId: string } }).value.jobId;
    // No deliveries.send: the loop, poked by the trigger, sends it.
    await waitFor(async () => (await core.call('jobs.get', { id: jobId })).delivery?.status === 'delivered', 10_000, 'the delivery');
    expect(seen.some((l) => l.includes('pipelines_disabled'))).toBe(true); // the loop's outcome announced
    const remote = await waitFor(
      async () => {
        const run = await core.call('jobs.remote', { id: jobId });
        return run?.status === 'succeeded' ? run : undefined;
      },
      30_000,
      'the run to succeed',
    );
    expect(remote).toMatchObject({ progress: 100, resultSummary: expect.any(String) });
    for (const line of seen) expect(line).not.toContain(TEST_SECRET.slice(6));
  });

  it('a wrong secret: the 401 is shown and the job kept; with the right one, retryDelivery sends it', async () => {
    const { url } = await startReceiver();
    const wrong = open(url, OTHER_SECRET);
    const { seen, invoke } = recorder(wrong);
    const { jobId } = await wrong.call('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' } });
    const outcomes = await invoke('deliveries.send');
    expect(outcomes).toMatchObject({ ok: true, value: [{ jobId, outcome: 'failed', httpStatus: 401 }] });
    expect(await wrong.call('jobs.get', { id: jobId })).toMatchObject({
      status: 'requested',
      delivery: { status: 'failed', lastStatus: 401 },
    });
    for (const line of seen) expect(line).not.toContain(OTHER_SECRET.slice(6));
    await wrong.close();
    cores.length = 0;

    const right = open(url);
    const changed: string[][] = [];
    right.on('data.changed', ({ tables }) => changed.push(tables));
    await right.call('jobs.retryDelivery', { id: jobId });
    expect(changed).toEqual([['webhook_deliveries']]);
    expect(await right.call('deliveries.send')).toEqual([expect.objectContaining({ jobId, outcome: 'delivered', httpStatus: 202 })]);
  });

  it('a trigger waiting for the network goes at once when a sync reaches the central again', async () => {
    const url = await deadUrl();
    const core = open(url);
    core.startPipelines();
    const { jobId } = await core.call('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' } });
    // The first attempts find no one; wait until the next one is minutes away (the schedule's 5 min).
    await waitFor(
      async () => {
        const next = (await core.call('jobs.get', { id: jobId })).delivery?.nextAttemptAt;
        return !!next && Date.parse(next) - Date.now() > 60_000;
      },
      20_000,
      'a retry minutes away',
    );
    expect((await core.call('jobs.get', { id: jobId })).delivery?.state).toMatch(/waiting for the network/);
    await startReceiver(Number(new URL(url).port));
    // The sync service reports the central reached again (offline, then online).
    core.emit('sync.changed', { online: false } as Events['sync.changed']);
    core.emit('sync.changed', { online: true } as Events['sync.changed']);
    await waitFor(async () => (await core.call('jobs.get', { id: jobId })).delivery?.status === 'delivered', 5_000, 'the delivery');
  });

  it('a sealed demo pointed at a receiver (it never syncs) sends what waited as soon as the receiver answers again, with no sync', async () => {
    const url = await deadUrl();
    const core = new Core({
      dataDir: demoDataDir('2026-11-20'),
      pipelineApi: url,
      webhookSecret: TEST_SECRET,
      pipelines: { probeIntervalMs: 100 },
    });
    cores.push(core);
    core.startPipelines();
    const { jobId } = await core.call('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' } });
    await waitFor(
      async () => {
        const next = (await core.call('jobs.get', { id: jobId })).delivery?.nextAttemptAt;
        return !!next && Date.parse(next) - Date.now() > 60_000;
      },
      20_000,
      'a retry minutes away',
    );
    const syncEvents: unknown[] = [];
    core.on('sync.changed', (status) => syncEvents.push(status));
    await startReceiver(Number(new URL(url).port));
    // The receiver's central does not know the demo's consultants, so it refuses the job (422):
    // what matters here is that it was asked at once, not minutes later.
    await waitFor(async () => (await core.call('jobs.get', { id: jobId })).delivery?.lastStatus != null, 5_000, 'an answer');
    expect((await core.call('jobs.get', { id: jobId })).delivery).toMatchObject({ lastStatus: 422 });
    expect(syncEvents).toEqual([]); // no sync told it: the receiver answering did
  });
});

describe('the demo workspace with no pipeline API', () => {
  it('runs a trigger in the in-process simulator to a final status, also after a workspace switch', async () => {
    const core = new Core({
      dataDir: demoDataDir('2026-11-20'),
      pipelines: { simulator: { speed: 1000, failureRate: 0, seed: 1, intervalMs: 50 } },
    });
    try {
      expect(await core.call('pipelines.settings.get')).toMatchObject({ simulated: true, pipelineApi: null, secretStored: false });
      core.startPipelines();
      // Away and back: the simulator stops with the old replica and starts again on the new one.
      await core.call('workspace.switch', { kind: 'work' });
      await core.call('workspace.switch', { kind: 'demo' });
      const changed: string[][] = [];
      core.on('data.changed', ({ tables }) => changed.push(tables));
      const { jobId } = await core.call('pipelines.trigger', { slug: 'backup-verify', params: { database: 'billing' } });
      const done = await waitFor(
        async () => {
          const job = await core.call('jobs.get', { id: jobId });
          return ['succeeded', 'failed'].includes(job.status) ? job : undefined;
        },
        20_000,
        'the simulated run',
      );
      expect(done).toMatchObject({ status: 'succeeded', startedAt: expect.any(String), finishedAt: expect.any(String) });
      expect(done.delivery).toMatchObject({ status: 'delivered' });
      expect(changed.filter((t) => t.includes('pipeline_jobs')).length).toBeGreaterThanOrEqual(3);
    } finally {
      await core.close();
    }
  });

  it('a job the simulator took is cancelled for good; the Work workspace does not simulate; an address stops it', async () => {
    // A slow simulation, driven by deliveries.send alone (the service is not started).
    const core = new Core({ dataDir: demoDataDir('2026-11-20'), pipelines: { simulator: { speed: 0.001, failureRate: 0 } } });
    try {
      const { jobId } = await core.call('pipelines.trigger', { slug: 'backup-verify', params: { database: 'auth' } });
      expect(await core.call('deliveries.send')).toEqual([expect.objectContaining({ jobId, outcome: 'delivered', httpStatus: 202 })]);
      expect((await core.call('jobs.get', { id: jobId })).status).toBe('queued');
      expect(await core.call('jobs.cancel', { id: jobId })).toMatchObject({ message: 'Cancelled: the demo simulator stops the run.' });
      await core.call('deliveries.send');
      expect((await core.call('jobs.get', { id: jobId })).status).toBe('cancelled');

      const url = await deadUrl();
      expect(await core.call('pipelines.settings.update', { pipelineApi: url })).toMatchObject({ simulated: false, pipelineApi: url });
      await core.call('pipelines.settings.update', { pipelineApi: null });
      expect(await core.call('pipelines.settings.get')).toMatchObject({ simulated: true });

      await core.call('workspace.switch', { kind: 'work' });
      expect(await core.call('pipelines.settings.get')).toMatchObject({ simulated: false });
    } finally {
      await core.close();
    }
  });
});
