// `npm run bench:pipelines` (issue 9), all figures in one run:
//
//  A. Trigger to delivered on loopback: 200 triggers one after another through the core's own
//     channel (`pipelines.trigger`), sent by the app's delivery loop to the reference receiver
//     (`out/node/pipeline-server.js` in its own process, pg-boss and standardwebhooks) beside a
//     throwaway central database; each measured from the call to the moment the replica records
//     the delivery as delivered (the loop's outcome event).
//  B. The offline drain: 1,000 triggers made while the receiver is down (the loop tries each once or
//     twice and waits for the network), then the receiver starts and the network comes back as the
//     app sees it (a sync reaches the central again: `sync.changed` offline → online); measured
//     until the replica records all 1,000 delivered, then duplicates counted at the receiver.
//  C. The pipelines dashboard (`pipelineDashboard`: every query of the screen together) at the
//     demo's scale 1 and 10 (20k and 200k jobs) for 30-, 90- and 365-day ranges: the SQL before
//     issue 9's indexes (on the same database with them dropped) and now, median and p95 of 25 runs
//     each, and a check that both give the same figures.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Events } from '../shared/contract';
import { JOB_STATUSES } from '../shared/domain';
import { addDays, localDayRange } from '../shared/time';
import { Core } from '../electron/core/api';
import { freshCentral } from '../electron/core/central/testing';
import { openReplica, type Sqlite } from '../electron/core/db/open';
import { seedDemo } from '../electron/core/demo/seed';
import { pipelineDashboard } from '../electron/core/pipelines/dashboard';
import { syncOnce } from '../electron/core/sync/engine';
import { seedTiny } from '../electron/core/sync/fixtures';
import { Replica } from '../electron/core/sync/replica';
import { ensureDemoPipelines, TEST_SECRET } from '../electron/pipeline-server/testing';

const ANCHOR = '2026-11-20';
const RUNS = 25;
const LATENCY_TRIGGERS = 200;
const DRAIN_TRIGGERS = 1000;
const DATABASES = ['orders', 'billing', 'warehouse', 'auth'];
/** The indexes issue 9 added for the dashboard (migration 0007); dropped to measure the SQL before it. */
const DASHBOARD_INDEXES = ['pipeline_jobs_status_requested', 'pipeline_jobs_pipeline_status', 'pipeline_jobs_run', 'pipeline_jobs_queue'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-bench-pipelines-'));
const out: string[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

// ---- A and B: delivery -------------------------------------------------------------------------

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Receiver {
  process: ChildProcess;
  lines: string[];
  stop(): Promise<void>;
}

/** The reference receiver as its own process (as `npm run pipeline-server` runs it), ready to answer. */
async function startReceiver(centralUrl: string, port: number): Promise<Receiver> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'pipeline-server.js'), '--port', String(port), '--failure-rate', '0', '--seed', '7'],
    { env: { ...process.env, OPS_CENTRAL_URL: centralUrl, OPS_WEBHOOK_SECRET: TEST_SECRET }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('Pipeline receiver:')) resolve();
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    process: child,
    lines,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function deliveryFigures(): Promise<void> {
  const central = await freshCentral();
  let receiver: Receiver | null = null;
  let core: Core | null = null;
  try {
    const admin = new Replica(openReplica(path.join(work, 'admin.sqlite')));
    const ids = seedTiny(admin);
    await syncOnce(admin, central.url);
    admin.db.close();
    await ensureDemoPipelines(central.admin);
    const laptopFile = path.join(work, 'laptop.sqlite');
    const laptop = new Replica(openReplica(laptopFile));
    await syncOnce(laptop, await central.consultantUrl(ids.alice));
    laptop.db.close();

    const port = await freePort();
    const pipelineApi = `http://127.0.0.1:${port}`;
    receiver = await startReceiver(central.url, port);
    core = new Core({ dbPath: laptopFile, consultantEmail: 'alice@example.com', pipelineApi, webhookSecret: TEST_SECRET });
    const db = core.db;
    const statusOf = db.prepare('SELECT status FROM webhook_deliveries WHERE job_id = ?').pluck();
    const deliveredCount = db.prepare(`SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'`).pluck();
    // Woken by each outcome the loop records (the same event the screens redraw on).
    let waiting: (() => void) | null = null;
    core.on('data.changed', () => waiting?.());
    const until = (done: () => boolean, ms: number, what: string) =>
      new Promise<void>((resolve, reject) => {
        if (done()) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
        waiting = () => {
          if (!done()) return;
          clearTimeout(timer);
          waiting = null;
          resolve();
        };
      });
    const trigger = async (i: number) =>
      (
        await core!.call('pipelines.trigger', {
          slug: 'backup-verify',
          params: { database: DATABASES[i % DATABASES.length]! },
          projectId: ids.project,
        })
      ).jobId;

    core.startPipelines();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the loop's first run (nothing due)

    // A: one trigger at a time, from the call to delivered in the replica.
    for (let i = 0; i < 10; i++) {
      const jobId = await trigger(i); // warm-up: connections, statements, the receiver's JIT
      await until(() => statusOf.get(jobId) === 'delivered', 10_000, 'a warm-up delivery');
    }
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_TRIGGERS; i++) {
      const started = performance.now();
      const jobId = await trigger(i);
      await until(() => statusOf.get(jobId) === 'delivered', 10_000, 'a delivery');
      latencies.push(performance.now() - started);
    }
    out.push(
      '',
      `A. Trigger to delivered (${LATENCY_TRIGGERS} sequential triggers through pipelines.trigger, the delivery loop, the reference receiver in its own process, loopback):`,
      `   median ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    say(out.slice(-2).join('\n'));

    // B: the receiver goes away; 1,000 triggers wait for the network.
    await receiver.stop();
    receiver = null;
    const before = deliveredCount.get() as number;
    const queued: string[] = [];
    for (let i = 0; i < DRAIN_TRIGGERS; i++) queued.push(await trigger(i));
    // Until every one has found no one and waits minutes for the next attempt (the schedule's 5 min).
    const waitingForNetwork = db.prepare(
      `SELECT count(*) FROM webhook_deliveries WHERE status = 'pending' AND claim_token IS NULL AND last_status IS NULL AND next_attempt_at > ?`,
    );
    await until(
      () => waitingForNetwork.pluck().get(new Date(Date.now() + 60_000).toISOString()) === DRAIN_TRIGGERS,
      60_000,
      'the offline attempts',
    );
    const attemptsOffline = db.prepare(`SELECT sum(attempts) FROM webhook_deliveries WHERE status = 'pending'`).pluck().get() as number;
    receiver = await startReceiver(central.url, port);
    const back = performance.now();
    core.emit('sync.changed', { online: false } as Events['sync.changed']);
    core.emit('sync.changed', { online: true } as Events['sync.changed']);
    await until(() => (deliveredCount.get() as number) === before + DRAIN_TRIGGERS, 120_000, 'the drain');
    const drain = performance.now() - back;
    const sends =
      (db
        .prepare(`SELECT sum(attempts) FROM webhook_deliveries WHERE job_id IN (SELECT value FROM json_each(?))`)
        .pluck()
        .get(JSON.stringify(queued)) as number) - attemptsOffline;
    const counts = (
      await central.admin.query<{ rows: number; jobs: number; runs: number; queue: number }>(
        `SELECT (SELECT count(*)::int FROM ops_receiver.deliveries WHERE job_id = ANY($1::uuid[])) AS rows,
                (SELECT count(DISTINCT job_id)::int FROM ops_receiver.deliveries WHERE job_id = ANY($1::uuid[])) AS jobs,
                (SELECT count(*)::int FROM pipeline_jobs WHERE id = ANY($1::uuid[])) AS runs,
                (SELECT count(*)::int FROM ops_receiver_queue.job WHERE name = 'pipeline-runs' AND id = ANY($1::uuid[])) AS queue`,
        [queued],
      )
    ).rows[0]!;
    const accepted = receiver.lines.filter((l) => / queued$/.test(l) && queued.some((id) => l.includes(id)));
    out.push(
      '',
      `B. Offline drain (${DRAIN_TRIGGERS} triggers queued with the receiver down; ${attemptsOffline} failed attempts while offline):`,
      `   all delivered ${(drain / 1000).toFixed(2)} s after the receiver was up and the network came back (${((DRAIN_TRIGGERS / drain) * 1000).toFixed(0)} deliveries/s, ${sends} requests sent)`,
      `   at the receiver: ${counts.rows} delivery rows for ${counts.jobs} distinct job ids, ${counts.runs} central jobs, ${counts.queue} pg-boss jobs, ${accepted.length} "queued" log lines (${new Set(accepted).size} distinct): ${counts.rows === DRAIN_TRIGGERS && counts.jobs === DRAIN_TRIGGERS && counts.queue === DRAIN_TRIGGERS && accepted.length === DRAIN_TRIGGERS ? 'no duplicates' : 'MISMATCH'}`,
    );
    say(out.slice(-3).join('\n'));
  } finally {
    await core?.close();
    await receiver?.stop();
    await central.drop();
  }
}

// ---- C: the dashboard --------------------------------------------------------------------------

/** The dashboard's SQL as it was before issue 9's indexes (commit 085aa74), for the baseline. */
function dashboardBefore(db: Sqlite, range: { from: string; to: string; timeZone: string }) {
  const count = Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
  const { days, starts } = localDayRange(range.from, count, range.timeZone);
  const params: string[] = [];
  const values = days.map((day, i) => (params.push(day, starts[i]!, starts[i + 1]!), '(?, ?, ?)')).join(', ');
  const from = params[1]!;
  const until = params[params.length - 1]!;
  const perDay = db
    .prepare(
      `WITH d(day, start, until) AS (VALUES ${values})
       SELECT d.day, j.status, count(*) AS n
       FROM d JOIN pipeline_jobs j ON j.requested_at >= d.start AND j.requested_at < d.until
       GROUP BY d.day, j.status`,
    )
    .all(...params) as { day: string; status: string; n: number }[];
  const pipelines = db
    .prepare(
      `WITH j AS (
         SELECT pipeline_id, status,
           CASE WHEN started_at IS NOT NULL AND finished_at IS NOT NULL
                THEN CAST(round((julianday(finished_at) - julianday(started_at)) * 86400000) AS INTEGER) END AS run_ms,
           CASE WHEN started_at IS NOT NULL
                THEN CAST(round((julianday(started_at) - julianday(requested_at)) * 86400000) AS INTEGER) END AS queue_ms
         FROM pipeline_jobs WHERE requested_at >= :from AND requested_at < :until
       ),
       counts AS (
         SELECT pipeline_id, count(*) AS runs, sum(status = 'succeeded') AS succeeded, sum(status = 'failed') AS failed,
                sum(status = 'cancelled') AS cancelled
         FROM j GROUP BY pipeline_id
       ),
       runs AS (
         SELECT pipeline_id, run_ms, row_number() OVER (PARTITION BY pipeline_id ORDER BY run_ms) AS k,
                count(*) OVER (PARTITION BY pipeline_id) AS n
         FROM j WHERE run_ms IS NOT NULL
       ),
       queues AS (
         SELECT pipeline_id, queue_ms, row_number() OVER (PARTITION BY pipeline_id ORDER BY queue_ms) AS k,
                count(*) OVER (PARTITION BY pipeline_id) AS n
         FROM j WHERE queue_ms IS NOT NULL
       ),
       run_p AS (
         SELECT pipeline_id, max(CASE WHEN k = (n + 1) / 2 THEN run_ms END) AS p50_run,
                max(CASE WHEN k = (95 * n + 99) / 100 THEN run_ms END) AS p95_run
         FROM runs GROUP BY pipeline_id
       ),
       queue_p AS (
         SELECT pipeline_id, max(CASE WHEN k = (n + 1) / 2 THEN queue_ms END) AS p50_queue,
                max(CASE WHEN k = (95 * n + 99) / 100 THEN queue_ms END) AS p95_queue
         FROM queues GROUP BY pipeline_id
       )
       SELECT p.id AS pipeline_id, coalesce(c.runs, 0) AS runs, coalesce(c.succeeded, 0) AS succeeded,
         coalesce(c.failed, 0) AS failed, coalesce(c.cancelled, 0) AS cancelled, r.p50_run, r.p95_run, q.p50_queue, q.p95_queue
       FROM pipelines p
       LEFT JOIN counts c ON c.pipeline_id = p.id
       LEFT JOIN run_p r ON r.pipeline_id = p.id
       LEFT JOIN queue_p q ON q.pipeline_id = p.id
       ORDER BY p.name, p.id`,
    )
    .all({ from, until }) as Record<string, unknown>[];
  const recentFailures = db
    .prepare(
      `SELECT j.id AS job_id FROM pipeline_jobs j JOIN pipelines p ON p.id = j.pipeline_id
       WHERE j.status = 'failed' AND j.requested_at >= :from AND j.requested_at < :until
       ORDER BY coalesce(j.finished_at, j.requested_at) DESC, j.id DESC LIMIT 10`,
    )
    .pluck()
    .all({ from, until }) as string[];
  return { perDay, pipelines, recentFailures };
}

/** The figures both give, in one shape, to check the new SQL against the old on the same data. */
function sameFigures(db: Sqlite, range: { from: string; to: string; timeZone: string }): boolean {
  const now = pipelineDashboard(db, range);
  const then = dashboardBefore(db, range);
  const days = Object.fromEntries(now.days.map((d) => [d.day, Object.fromEntries(JOB_STATUSES.map((s) => [s, d.counts[s]]))]));
  const thenDays = Object.fromEntries(now.days.map((d) => [d.day, Object.fromEntries(JOB_STATUSES.map((s) => [s, 0]))]));
  for (const row of then.perDay) thenDays[row.day]![row.status] = row.n;
  const pipes = now.pipelines.map((p) => ({
    pipeline_id: p.pipelineId,
    runs: p.runs,
    succeeded: p.succeeded,
    failed: p.failed,
    cancelled: p.cancelled,
    p50_run: p.p50DurationMs,
    p95_run: p.p95DurationMs,
    p50_queue: p.p50QueueMs,
    p95_queue: p.p95QueueMs,
  }));
  return (
    isDeepStrictEqual(days, thenDays) &&
    isDeepStrictEqual(pipes, then.pipelines) &&
    isDeepStrictEqual(
      now.recentFailures.map((f) => f.jobId),
      then.recentFailures,
    )
  );
}

function time(run: () => unknown): { median: number; p95: number } {
  run(); // warm the page cache and the statements
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

function dashboardFigures(): void {
  const rows: string[] = [];
  for (const scale of [1, 10]) {
    const file = path.join(work, `scale${scale}.sqlite`);
    const replica = new Replica(openReplica(file));
    const seeded = performance.now();
    seedDemo(replica, { scale, anchor: ANCHOR });
    const db = replica.db;
    const jobs = db.prepare('SELECT count(*) FROM pipeline_jobs').pluck().get() as number;
    say(`scale ${scale}: ${jobs} jobs seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const ranges = [30, 90, 365].map((days) => ({
      days,
      range: { from: addDays(ANCHOR, -(days - 1)), to: ANCHOR, timeZone: 'Australia/Brisbane' },
    }));
    const indexSql = DASHBOARD_INDEXES.map(
      (name) => db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`).pluck().get(name) as string,
    );
    for (const name of DASHBOARD_INDEXES) db.exec(`DROP INDEX ${name}`);
    const before = ranges.map(({ range }) => time(() => dashboardBefore(db, range)));
    for (const sql of indexSql) db.exec(sql);
    ranges.forEach(({ days, range }, i) => {
      const now = time(() => pipelineDashboard(db, range));
      const same = sameFigures(db, range) ? 'same' : 'DIFFERENT';
      rows.push(
        `| ${scale} (${jobs.toLocaleString('en-AU')} jobs) | ${days} days | ${before[i]!.median.toFixed(1)} | ${now.median.toFixed(1)} | ${now.p95.toFixed(1)} | ${(before[i]!.median / now.median).toFixed(1)}× | ${same} |`,
      );
      say(rows[rows.length - 1]!);
    });
    db.close();
  }
  out.push(
    '',
    'C. The pipelines dashboard (pipelineDashboard, every query together), Australia/Brisbane, 25 runs after a warm-up:',
    '',
    '| scale | range | before: median ms | now: median ms | now: p95 ms | speed-up | figures |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  );
}

async function main(): Promise<void> {
  try {
    // `-- delivery` or `-- dashboard` runs one part alone (while working on it); the figures
    // recorded in BENCHMARKS.md come from a run of both.
    const only = process.argv[2];
    const load = os.loadavg()[0]!;
    if (only !== 'dashboard') await deliveryFigures();
    if (only !== 'delivery') dashboardFigures();
    // The machine is shared: how busy it was says how far to trust the figures.
    out.push(
      '',
      `Load average (1 min) at the start and the end: ${load.toFixed(1)}, ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
    );
    say(out.join('\n'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
