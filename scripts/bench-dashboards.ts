// `npm run bench:dashboards` (issue 10), all figures in one run, at scale 1 and scale 10:
//
//  Dataset: the demo seeded at the scale into a throwaway replica and pushed into a throwaway
//  central database (as `central:dev --demo` and bench:sync fill one), then a laptop replica made
//  by its first sync (`ops sync` into an empty file, as a user runs it).
//  A. Each dashboard opened cold in Chromium through the browser host (`out/node/serve.js` over
//     the laptop's replica): a new browser context per run (nothing cached in the renderer), the
//     span of every API call of the page, the shell's included — from the first request's start
//     to the last response's end, by the page's Resource Timing entries — for a 90-day and a
//     12-month range; the Hours screen as the trivial screen. Beside it, the host's own time for
//     those calls (their Server-Timing), and the same calls replayed at once from a bare page (no
//     app script): what the span would be without the app's start-up work competing for the CPU;
//     and the screen reloaded in a context that has shown it once (a new document, no query cache,
//     the bundle and its compiled code from the browser's cache, as the desktop app starts).
//  B. In the same run, on the same replica: one full scan of `time_entries` (`sum(minutes)` as
//     SQLite plans it, and a forced table scan `NOT INDEXED`); each span as a ratio to it.
//  C. Each dashboard's channel through `Core.invoke` (validation and handler), median and p95, in
//     each zone of CORE_ZONES, every call paired with a full scan just before it (scripts/bench-core.ts,
//     one process per dashboard, range and zone). With OPS_BENCH_BEFORE=<dir> (ops.js and
//     bench-core.js built from another commit, e.g. main), the same on a second laptop replica filled
//     by that commit's own first sync, interleaved with this build's: before and after in one run.
//  D. The same main figures computed by the central PostgreSQL with hand-written equivalent SQL
//     (what a BI tool would do): not the app's code path.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { chromium, type Browser, type Page, type Request } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { addDays } from '../shared/time';
import { connectCentral } from '../electron/core/central/connection';
import { migrateCentral } from '../electron/core/central/migrate';
import { openReplica } from '../electron/core/db/open';
import { seedDemo } from '../electron/core/demo/seed';
import { push } from '../electron/core/sync/push';
import { Replica } from '../electron/core/sync/replica';

const ANCHOR = '2026-11-20';
const ZONE = 'Australia/Brisbane';
/** Core.invoke is timed in a zone without daylight saving and in one with it. */
const CORE_ZONES = ['Australia/Brisbane', 'Australia/Sydney'];
const BEFORE = process.env.OPS_BENCH_BEFORE;
const SERVER = process.env.OPS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAGE_RUNS = Number(process.env.OPS_BENCH_PAGE_RUNS ?? 7);
const CORE_RUNS = 15;
/** OPS_BENCH_KEEP=1 keeps the laptop replicas and the central databases for profiling afterwards. */
const KEEP = process.env.OPS_BENCH_KEEP === '1';
/**
 * OPS_BENCH_REUSE=<laptop replica> (a kept one): no new dataset and no central figures, for timing
 * a change quickly; OPS_BENCH_SCREENS=Billing,Clients limits the screens.
 */
const REUSE = process.env.OPS_BENCH_REUSE;
const ONLY_SCREENS = process.env.OPS_BENCH_SCREENS?.split(',');
/**
 * OPS_BENCH_HOST_CPU=1: the browser host runs on that CPU alone (`taskset`), with the benchmark
 * itself started as `taskset -c 0 node …` so Chromium keeps to the other: a 2-core machine made to
 * look like a laptop where the host does not share its core with the browser's start-up.
 */
const HOST_CPU = process.env.OPS_BENCH_HOST_CPU;
const SCAN_RUNS = 7;
const SQL_RUNS = 7;
const RANGES = [
  { label: '90 days', from: addDays(ANCHOR, -89), to: ANCHOR },
  { label: '12 months', from: addDays(ANCHOR, -364), to: ANCHOR },
];
interface Screen {
  name: string;
  hash: (range: { from: string; to: string }) => string;
  /** A selector that appears once the screen shows its figures. */
  ready: string;
  channel?: string;
}
const SCREENS: Screen[] = [
  { name: 'Hours (trivial screen)', hash: () => '#/hours', ready: '[aria-label="Timer project"] option:not([value=""])' },
  {
    name: 'Projects',
    hash: (r) => `#/projects?from=${r.from}&to=${r.to}`,
    ready: '[data-testid="tile-utilization"]',
    channel: 'projects.dashboard',
  },
  {
    name: 'Billing',
    hash: (r) => `#/billing?from=${r.from}&to=${r.to}`,
    ready: '[data-testid="tile-invoiced"]',
    channel: 'billing.dashboard',
  },
  {
    name: 'Pipelines dashboard',
    hash: (r) => `#/pipelines/dashboard?from=${r.from}&to=${r.to}`,
    ready: '[data-testid="pipeline-row"], [role="img"][aria-label^="Runs per day"]',
    channel: 'pipelines.dashboard',
  },
  {
    name: 'Overview',
    hash: (r) => `#/overview?from=${r.from}&to=${r.to}`,
    ready: '[data-testid="kpi-utilization"] [data-testid="kpi-value"]',
    channel: 'kpis.scorecard',
  },
  {
    name: 'Clients',
    hash: (r) => `#/clients?from=${r.from}&to=${r.to}`,
    ready: '[data-testid="clients-table"] tbody tr, [data-testid="clients-table"] .empty',
    channel: 'clients.list',
  },
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-bench-dashboards-'));
const out: string[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);
const load = () => os.loadavg()[0]!.toFixed(1);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}
const median = (values: number[]) => percentile(values, 0.5);
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function dbUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const server = new pg.Client({ connectionString: SERVER });
  await server.connect();
  await server.query(sql);
  await server.end();
}

// ---- the dataset -------------------------------------------------------------------------------

/** A central filled with the demo at `scale`, and a laptop replica filled by its first sync. */
async function dataset(scale: number) {
  const name = `ops_bench_dash_s${scale}`;
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  const central = await connectCentral(url);
  await migrateCentral(central);
  let started = performance.now();
  const source = new Replica(openReplica(path.join(work, `source-s${scale}.sqlite`)));
  seedDemo(source, { scale, anchor: ANCHOR });
  const seedSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await push(source, central);
  const pushSeconds = (performance.now() - started) / 1000;
  source.db.close();
  fs.rmSync(path.join(work, `source-s${scale}.sqlite`), { force: true });
  await central.query('VACUUM ANALYZE'); // what autovacuum does after a bulk load
  await central.end();

  const laptop = path.join(work, `laptop-s${scale}.sqlite`);
  started = performance.now();
  const child = spawnSync(process.execPath, [path.join(__dirname, 'ops.js'), 'sync', '--db', laptop, '--central', url, '--json'], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`ops sync failed: ${child.stderr}`);
  const syncSeconds = (performance.now() - started) / 1000;
  let laptopBefore: string | undefined;
  if (BEFORE) {
    laptopBefore = path.join(work, `laptop-before-s${scale}.sqlite`);
    const before = spawnSync(process.execPath, [path.join(BEFORE, 'ops.js'), 'sync', '--db', laptopBefore, '--central', url, '--json'], {
      encoding: 'utf8',
    });
    if (before.status !== 0) throw new Error(`ops sync (before) failed: ${before.stderr}`);
  }
  const { counts, as } = laptopFacts(laptop);
  say(
    `scale ${scale}: seeded in ${seedSeconds.toFixed(1)} s, pushed to the central in ${pushSeconds.toFixed(1)} s, the laptop's first sync (ops sync) ${syncSeconds.toFixed(1)} s; ` +
      `${counts.entries} entries, ${counts.invoices} invoices, ${counts.jobs} jobs, ${counts.projects} projects (load ${load()})`,
  );
  return { name, url, laptop, laptopBefore, as, counts, seedSeconds, pushSeconds, syncSeconds };
}

/** A laptop replica's row counts, and who its user is (`--as`): the active consultant with the most entries. */
function laptopFacts(laptop: string) {
  const db = new Database(laptop, { readonly: true });
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const counts = {
      entries: count('time_entries'),
      invoices: count('invoices'),
      jobs: count('pipeline_jobs'),
      projects: count('projects'),
    };
    const as = db
      .prepare(
        `SELECT c.email FROM consultants c JOIN time_entries e ON e.consultant_id = c.id WHERE c.active
         GROUP BY c.id ORDER BY count(*) DESC, c.email LIMIT 1`,
      )
      .pluck()
      .get() as string;
    return { counts, as };
  } finally {
    db.close();
  }
}

/** A kept laptop replica, as `dataset` describes one (no central). */
function reused(laptop: string) {
  const { counts, as } = laptopFacts(laptop);
  return {
    name: '',
    url: '',
    laptop,
    // OPS_BENCH_REUSE_BEFORE=<the same replica as the before build left it> with OPS_BENCH_BEFORE.
    laptopBefore: process.env.OPS_BENCH_REUSE_BEFORE,
    as,
    counts,
    seedSeconds: 0,
    pushSeconds: 0,
    syncSeconds: 0,
  };
}

// ---- B: the full scan --------------------------------------------------------------------------

function scanTimes(file: string) {
  const db = new Database(file, { readonly: true });
  const plain = db.prepare('SELECT sum(minutes) FROM time_entries').pluck();
  const forced = db.prepare('SELECT sum(minutes) FROM time_entries NOT INDEXED').pluck();
  const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT sum(minutes) FROM time_entries').all() as { detail: string }[])
    .map((r) => r.detail)
    .join('; ');
  const timed = (statement: Database.Statement) => {
    statement.get(); // warm the page cache
    const times: number[] = [];
    for (let i = 0; i < SCAN_RUNS; i++) {
      const t = performance.now();
      statement.get();
      times.push(performance.now() - t);
    }
    return times;
  };
  const result = { plain: timed(plain), forced: timed(forced), plan };
  db.close();
  return result;
}

// ---- A: the screens, cold, through the browser host ---------------------------------------------

/** `npm run serve --as <consultant>` over the laptop's replica (the built bundle beside this one), in its own process. */
async function startHost(file: string, as: string) {
  const serve = [path.join(__dirname, 'serve.js'), '--db', file, '--as', as];
  const child = spawn(HOST_CPU ? 'taskset' : process.execPath, HOST_CPU ? ['-c', HOST_CPU, process.execPath, ...serve] : serve, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: ZONE },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /served at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The browser host exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Opened {
  span: number;
  /** Time with at least one API call under way (the union of the calls' intervals). */
  busy: number;
  /** The longest single call. */
  longest: number;
  calls: string[];
  /** The calls as the page made them, for the bare replay. */
  requests: { path: string; body: string | null }[];
  /** The host's own time for the calls (their Server-Timing: the core and the JSON), summed. */
  host: number;
  ready: number;
}

async function openCold(browser: Browser, url: string, screen: Screen, range: { from: string; to: string }): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  try {
    return await measureOpen(page, screen, () => page.goto(`${url}${screen.hash(range)}`));
  } finally {
    await context.close();
  }
}

/**
 * The screen reloaded in a context that has shown it once: a new renderer document (no query cache,
 * nothing in memory), its bundle from the browser's cache with V8's compiled code, as the desktop app
 * starts from its own code cache.
 */
async function openReloaded(page: Page, screen: Screen): Promise<Opened> {
  return measureOpen(page, screen, () => page.reload());
}

async function measureOpen(page: Page, screen: Screen, open: () => Promise<unknown>): Promise<Opened> {
  let pending = 0;
  let lastActivity = performance.now();
  const isApi = (u: string) => u.includes('/api/') && !u.includes('/api/events');
  const requests: Opened['requests'] = [];
  const sent = (r: Request) => {
    if (!isApi(r.url())) return;
    requests.push({ path: new URL(r.url()).pathname, body: r.postData() });
    pending += 1;
    lastActivity = performance.now();
  };
  const done = (r: Request) => {
    if (!isApi(r.url())) return;
    pending -= 1;
    lastActivity = performance.now();
  };
  page.on('request', sent);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const started = performance.now();
  await open();
  await page.locator(screen.ready).first().waitFor({ state: 'attached', timeout: 120_000 });
  const ready = performance.now() - started;
  // Then until no API call has been under way for half a second (a screen's second wave counts).
  while (pending > 0 || performance.now() - lastActivity < 500) await new Promise((resolve) => setTimeout(resolve, 50));
  page.off('request', sent);
  page.off('requestfinished', done);
  page.off('requestfailed', done);
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/') && !e.name.includes('/api/events'))
      .map((e) => ({
        name: e.name,
        start: e.startTime,
        end: (e as PerformanceResourceTiming).responseEnd,
        host: (e as PerformanceResourceTiming).serverTiming.reduce((sum, t) => sum + t.duration, 0),
      })),
  );
  if (entries.length === 0) throw new Error(`${screen.name}: no API call seen`);
  const span = Math.max(...entries.map((e) => e.end)) - Math.min(...entries.map((e) => e.start));
  let busy = 0;
  let reached = -Infinity;
  for (const e of [...entries].sort((a, b) => a.start - b.start)) {
    busy += Math.max(0, e.end - Math.max(e.start, reached));
    reached = Math.max(reached, e.end);
  }
  const longest = Math.max(...entries.map((e) => e.end - e.start));
  const calls = entries.map((e) => new URL(e.name).pathname.replace('/api/invoke/', ''));
  const host = entries.reduce((sum, e) => sum + e.host, 0);
  return { span, busy, longest, calls, requests, host, ready };
}

/**
 * The same calls replayed at once from a bare page of the host's origin (no app script): what the
 * host, the loopback and the browser's network stack take without the app's own work beside them.
 */
async function replayBare(browser: Browser, url: string, requests: Opened['requests']): Promise<number> {
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token')!;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${origin}/bench-bare.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bare</title>' }),
  );
  await page.goto(`${origin}/bench-bare.html`);
  const span = await page.evaluate(
    async ({ requests, token }) => {
      const started = performance.now();
      await Promise.all(
        requests.map((r) =>
          fetch(r.path, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: r.body ?? undefined,
          }).then((response) => response.text()),
        ),
      );
      return performance.now() - started;
    },
    { requests, token },
  );
  await context.close();
  return span;
}

// ---- C: Core.invoke ----------------------------------------------------------------------------

interface CoreFigures {
  median: number;
  p95: number;
  scan: number;
  ratios: number[];
  /** The same in CPU time of the process (user + system). */
  cpu: number;
  cpuScan: number;
  cpuRatios: number[];
}

function benchCore(dir: string, file: string, zone: string, channel: string, range: { from: string; to: string }): CoreFigures {
  const child = spawnSync(
    process.execPath,
    [path.join(dir, 'bench-core.js'), file, zone, channel, range.from, range.to, String(CORE_RUNS)],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`bench-core ${channel} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CoreFigures;
}

/** Each dashboard, range and zone through Core.invoke: this build, and the "before" build interleaved when given. */
function coreTimes(data: { laptop: string; laptopBefore?: string }) {
  const rows: { screen: string; range: string; zone: string; after: CoreFigures; before?: CoreFigures; load: string }[] = [];
  for (const zone of CORE_ZONES) {
    for (const screen of SCREENS.filter((s) => s.channel && (!ONLY_SCREENS || ONLY_SCREENS.some((o) => s.name.startsWith(o))))) {
      for (const range of RANGES) {
        const after = benchCore(__dirname, data.laptop, zone, screen.channel!, range);
        const before = BEFORE && data.laptopBefore ? benchCore(BEFORE, data.laptopBefore, zone, screen.channel!, range) : undefined;
        rows.push({ screen: screen.name, range: range.label, zone, after, before, load: load() });
      }
    }
  }
  return rows;
}

// ---- D: the central's equivalents --------------------------------------------------------------

/** Hand-written PostgreSQL for the main figures of each dashboard ($1 first day, $2 last day, $3 zone). */
const CENTRAL_SQL: { dashboard: string; figure: string; sql: string }[] = [
  {
    dashboard: 'Billing',
    figure: 'revenue by month (invoiced by issue day, paid by payment day)',
    sql: `WITH inv AS (SELECT date_trunc('month', issued_on)::date AS month, sum(subtotal_cents) AS invoiced
                   FROM invoices WHERE status IN ('sent', 'paid') AND issued_on BETWEEN $1 AND $2 GROUP BY 1),
          paid AS (SELECT date_trunc('month', paid_on)::date AS month, sum(subtotal_cents) AS paid
                   FROM invoices WHERE status = 'paid' AND paid_on BETWEEN $1 AND $2 GROUP BY 1)
          SELECT month, invoiced, paid, $3::text AS zone FROM inv FULL JOIN paid USING (month) ORDER BY month`,
  },
  {
    dashboard: 'Billing',
    figure: 'receivables aging per client (sent invoices, by days past due at the last day)',
    sql: `SELECT c.name, $3::text AS zone,
             sum(i.total_cents) FILTER (WHERE $2::date - i.due_on <= 0) AS current,
             sum(i.total_cents) FILTER (WHERE $2::date - i.due_on BETWEEN 1 AND 30) AS d30,
             sum(i.total_cents) FILTER (WHERE $2::date - i.due_on BETWEEN 31 AND 60) AS d60,
             sum(i.total_cents) FILTER (WHERE $2::date - i.due_on BETWEEN 61 AND 90) AS d90,
             sum(i.total_cents) FILTER (WHERE $2::date - i.due_on > 90) AS older
          FROM invoices i JOIN clients c ON c.id = i.client_id
          WHERE i.status = 'sent' AND i.issued_on <= $2 AND $1::date IS NOT NULL GROUP BY c.name ORDER BY c.name`,
  },
  {
    dashboard: 'Billing',
    figure: 'work in progress per client and project (billable, uninvoiced, × snapshotted rate)',
    sql: `SELECT p.client_id, e.project_id, sum(e.minutes) AS minutes, round(sum(e.minutes::bigint * e.rate_cents) / 60.0) AS value_cents
          FROM time_entries e JOIN projects p ON p.id = e.project_id
          WHERE e.billable AND e.invoice_id IS NULL AND e.started_at < (($2::date + 1)::timestamp AT TIME ZONE $3) AND $1::date IS NOT NULL
          GROUP BY p.client_id, e.project_id`,
  },
  {
    dashboard: 'Projects',
    figure: 'utilization per consultant-week (billable hours against weekly capacity)',
    sql: `SELECT e.consultant_id, date_trunc('week', e.started_at AT TIME ZONE $3)::date AS week,
             sum(e.minutes) FILTER (WHERE e.billable) / 60.0 AS billable_hours,
             sum(e.minutes) FILTER (WHERE e.billable) / 60.0 / nullif(max(c.weekly_capacity_hours), 0) AS utilization
          FROM time_entries e JOIN consultants c ON c.id = e.consultant_id
          WHERE e.started_at >= ($1::date::timestamp AT TIME ZONE $3) AND e.started_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
          GROUP BY 1, 2`,
  },
  {
    dashboard: 'Projects',
    figure: 'budget burn per active project (hours, billed + unbilled value against the budget)',
    sql: `SELECT p.id, p.budget_cents, sum(e.minutes) / 60.0 AS hours,
             round(sum(e.minutes::bigint * e.rate_cents) FILTER (WHERE e.billable) / 60.0) AS value_cents,
             round(sum(e.minutes::bigint * e.rate_cents) FILTER (WHERE e.billable) / 60.0) / nullif(p.budget_cents, 0) AS burn
          FROM projects p LEFT JOIN time_entries e ON e.project_id = p.id
            AND e.started_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
          WHERE p.status IN ('active', 'on_hold') AND $1::date IS NOT NULL
          GROUP BY p.id`,
  },
  {
    dashboard: 'Pipelines dashboard',
    figure: 'runs per local day by status',
    sql: `SELECT (requested_at AT TIME ZONE $3)::date AS day, status, count(*)
          FROM pipeline_jobs
          WHERE requested_at >= ($1::date::timestamp AT TIME ZONE $3) AND requested_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
          GROUP BY 1, 2`,
  },
  {
    dashboard: 'Pipelines dashboard',
    figure: 'per pipeline: runs, success, p50/p95 run and queue time',
    sql: `SELECT pipeline_id, count(*) AS runs, count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY finished_at - started_at) AS p50_run,
             percentile_disc(0.95) WITHIN GROUP (ORDER BY finished_at - started_at) AS p95_run,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY started_at - requested_at) AS p50_queue,
             percentile_disc(0.95) WITHIN GROUP (ORDER BY started_at - requested_at) AS p95_queue
          FROM pipeline_jobs
          WHERE requested_at >= ($1::date::timestamp AT TIME ZONE $3) AND requested_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
          GROUP BY pipeline_id`,
  },
];

async function centralTimes(url: string) {
  const central = new pg.Client({ connectionString: url });
  await central.connect();
  const rows: { dashboard: string; figure: string; range: string; median: number; rows: number }[] = [];
  const scan: number[] = [];
  try {
    await central.query('SELECT sum(minutes) FROM time_entries'); // warm
    for (let i = 0; i < SQL_RUNS; i++) {
      const t = performance.now();
      await central.query('SELECT sum(minutes) FROM time_entries');
      scan.push(performance.now() - t);
    }
    for (const query of CENTRAL_SQL) {
      for (const range of RANGES) {
        const params = [range.from, range.to, ZONE];
        const first = await central.query(query.sql, params);
        const times: number[] = [];
        for (let i = 0; i < SQL_RUNS; i++) {
          const t = performance.now();
          await central.query(query.sql, params);
          times.push(performance.now() - t);
        }
        rows.push({
          dashboard: query.dashboard,
          figure: query.figure,
          range: range.label,
          median: median(times),
          rows: first.rowCount ?? 0,
        });
      }
    }
  } finally {
    await central.end();
  }
  return { rows, scan: median(scan) };
}

// ---- one scale ---------------------------------------------------------------------------------

async function atScale(browser: Browser, scale: number) {
  const data = REUSE ? reused(REUSE) : await dataset(scale);
  const loadAtStart = load();
  const host = await startHost(data.laptop, data.as);
  const scans = { plain: [] as number[], forced: [] as number[], plan: '' };
  const pages: { screen: string; range: string; runs: Opened[]; bare: number[]; reloads: Opened[]; load: string }[] = [];
  try {
    for (const screen of SCREENS.filter((s) => !ONLY_SCREENS || ONLY_SCREENS.some((o) => s.name.startsWith(o)))) {
      for (const range of screen.name.startsWith('Hours') ? [RANGES[0]!] : RANGES) {
        // The scan, interleaved with the screens so both see the same moments of a noisy machine.
        const scan = scanTimes(data.laptop);
        scans.plain.push(...scan.plain);
        scans.forced.push(...scan.forced);
        scans.plan = scan.plan;
        await openCold(browser, host.url, screen, range); // warm-up: the host's statements and page cache
        const runs: Opened[] = [];
        for (let i = 0; i < PAGE_RUNS; i++) runs.push(await openCold(browser, host.url, screen, range));
        const bare: number[] = [];
        for (let i = 0; i < PAGE_RUNS; i++) bare.push(await replayBare(browser, host.url, runs[0]!.requests));
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        const reloads: Opened[] = [];
        try {
          await measureOpen(page, screen, () => page.goto(`${host.url}${screen.hash(range)}`)); // fills the browser's cache
          for (let i = 0; i < PAGE_RUNS; i++) reloads.push(await openReloaded(page, screen));
        } finally {
          await context.close();
        }
        const row = { screen: screen.name, range: screen.name.startsWith('Hours') ? '—' : range.label, runs, bare, reloads, load: load() };
        pages.push(row);
        say(
          `  scale ${scale} ${row.screen}, ${row.range}: span median ${ms(median(runs.map((r) => r.span)))} ms, p95 ${ms(
            percentile(
              runs.map((r) => r.span),
              0.95,
            ),
          )} ms, host work ${ms(median(runs.map((r) => r.host)))} ms, bare replay ${ms(median(bare))} ms, reloaded ${ms(median(reloads.map((r) => r.span)))} ms, busy ${ms(median(runs.map((r) => r.busy)))} ms, longest call ${ms(median(runs.map((r) => r.longest)))} ms, ${runs[0]!.calls.length} calls (${runs[0]!.calls.join(' ')}); navigation → figures ${ms(median(runs.map((r) => r.ready)))} ms (load ${row.load})`,
        );
      }
    }
  } finally {
    await host.stop();
  }
  const scanPlain = median(scans.plain);
  const scanForced = median(scans.forced);
  say(`  scale ${scale} full scan: sum(minutes) ${ms(scanPlain)} ms (${scans.plan}), NOT INDEXED ${ms(scanForced)} ms (load ${load()})`);
  const core = coreTimes(data);
  for (const r of core)
    say(
      `  scale ${scale} Core.invoke ${r.screen} ${r.range} ${r.zone}: median ${ms(r.after.median)} ms, p95 ${ms(r.after.p95)} ms, ` +
        `scan ${ms(r.after.scan)} ms, ${median(r.after.ratios).toFixed(2)}× the scan; CPU ${ms(r.after.cpu)} ms, scan CPU ${ms(r.after.cpuScan)} ms, ${median(r.after.cpuRatios).toFixed(2)}× in CPU` +
        (r.before
          ? `; before: median ${ms(r.before.median)} ms, p95 ${ms(r.before.p95)} ms, scan ${ms(r.before.scan)} ms, ${median(r.before.ratios).toFixed(2)}×`
          : '') +
        ` (load ${r.load})`,
    );
  const central = REUSE ? { rows: [], scan: NaN } : await centralTimes(data.url);
  for (const r of central.rows)
    say(`  scale ${scale} central ${r.dashboard}: ${r.figure}, ${r.range}: ${ms(r.median)} ms (${r.rows} rows)`);
  say(`  scale ${scale} central full scan sum(minutes): ${ms(central.scan)} ms (load ${load()})`);
  if (KEEP || REUSE) say(`  scale ${scale} kept: laptop ${data.laptop}, central ${data.url}`);
  else {
    await onServer(`DROP DATABASE IF EXISTS ${data.name} WITH (FORCE)`);
    fs.rmSync(data.laptop, { force: true });
    if (data.laptopBefore) fs.rmSync(data.laptopBefore, { force: true });
  }
  return { scale, data, loadAtStart, loadAtEnd: load(), pages, scanPlain, scanForced, scanPlan: scans.plan, core, central };
}

async function main(): Promise<void> {
  const scales = process.argv[2] ? process.argv.slice(2).map(Number) : [1, 10];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  say(`Machine: ${machine}; load average (1 min) ${load()}${HOST_CPU ? `; the browser host alone on CPU ${HOST_CPU}` : ''}`);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results = [];
  try {
    for (const scale of scales) results.push(await atScale(browser, scale));
  } finally {
    await browser.close();
    if (!KEEP) fs.rmSync(work, { recursive: true, force: true });
  }

  out.push('', `Machine: ${machine}. Anchor ${ANCHOR}, zone ${ZONE}. Ranges: 90 days and 12 months ending on the anchor.`);
  for (const r of results) {
    out.push(
      '',
      `Scale ${r.scale}: ${r.data.counts.entries.toLocaleString('en-AU')} entries, ${r.data.counts.invoices.toLocaleString('en-AU')} invoices, ${r.data.counts.jobs.toLocaleString('en-AU')} jobs; ` +
        `central filled in ${(r.data.seedSeconds + r.data.pushSeconds).toFixed(1)} s (seed ${r.data.seedSeconds.toFixed(1)} + push ${r.data.pushSeconds.toFixed(1)}), laptop's first sync ${r.data.syncSeconds.toFixed(1)} s. ` +
        `Load ${r.loadAtStart} → ${r.loadAtEnd}.`,
      `Full scan of time_entries on the laptop's replica (median of ${SCAN_RUNS * 7}): sum(minutes) ${ms(r.scanPlain)} ms [${r.scanPlan}], NOT INDEXED ${ms(r.scanForced)} ms.`,
      '',
      `| screen | range | API span median ms | p95 ms | calls | × sum(minutes) scan | × NOT INDEXED scan | host work ms | bare replay ms | bare × NOT INDEXED scan | reloaded: span ms | reloaded × NOT INDEXED scan | calls under way (busy) ms | longest call ms | navigation → figures ms | load |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...r.pages.map((p) => {
        const spans = p.runs.map((x) => x.span);
        const m = median(spans);
        return `| ${p.screen} | ${p.range} | ${ms(m)} | ${ms(percentile(spans, 0.95))} | ${p.runs[0]!.calls.length} | ${(m / r.scanPlain).toFixed(2)}× | ${(m / r.scanForced).toFixed(2)}× | ${ms(median(p.runs.map((x) => x.host)))} | ${ms(median(p.bare))} | ${(median(p.bare) / r.scanForced).toFixed(2)}× | ${ms(median(p.reloads.map((x) => x.span)))} | ${(median(p.reloads.map((x) => x.span)) / r.scanForced).toFixed(2)}× | ${ms(median(p.runs.map((x) => x.busy)))} | ${ms(median(p.runs.map((x) => x.longest)))} | ${ms(median(p.runs.map((x) => x.ready)))} | ${p.load} |`;
      }),
      '',
      `Core.invoke: median of ${CORE_RUNS} calls, each paired with a NOT INDEXED scan just before it (ratio: median of the pairs' ratios).`,
      '',
      `| Core.invoke | range | zone | median ms | p95 ms | scan ms | × scan | CPU ms | scan CPU ms | × scan in CPU | before: median ms | before: × scan | load |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...r.core.map(
        (c) =>
          `| ${c.screen} | ${c.range} | ${c.zone} | ${ms(c.after.median)} | ${ms(c.after.p95)} | ${ms(c.after.scan)} | ${median(c.after.ratios).toFixed(2)}× | ` +
          `${ms(c.after.cpu)} | ${ms(c.after.cpuScan)} | ${median(c.after.cpuRatios).toFixed(2)}× | ` +
          `${c.before ? ms(c.before.median) : '—'} | ${c.before ? `${median(c.before.ratios).toFixed(2)}×` : '—'} | ${c.load} |`,
      ),
      '',
      `Central PostgreSQL, equivalent SQL (median of ${SQL_RUNS}); its own full scan sum(minutes): ${ms(r.central.scan)} ms.`,
      '',
      '| dashboard | figure | range | median ms | rows |',
      '| --- | --- | --- | --- | --- |',
      ...r.central.rows.map((c) => `| ${c.dashboard} | ${c.figure} | ${c.range} | ${ms(c.median)} | ${c.rows} |`),
    );
  }
  say(out.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:dashboards: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
