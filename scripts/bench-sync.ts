// `npm run bench:sync`: the sync figures of BENCHMARKS.md (issue 3), measured in one run against
// the test PostgreSQL (OPS_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test):
//   - initial sync of the scale-10 demo (≈ 600k rows) into an empty replica, as a user runs it
//     (`ops sync` in a child process: rows/s and peak RSS), against the ceiling measured in the
//     same run: raw COPY … TO STDOUT + one prepared better-sqlite3 insert per row, one transaction;
//   - incremental sync after one changed row, at scale 1 and scale 10 (median of 30);
//   - push of 10k offline mutations.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { connectCentral } from '../electron/core/central/connection';
import { migrateCentral } from '../electron/core/central/migrate';
import { openReplica } from '../electron/core/db/open';
import { SYNCED_TABLES } from '../electron/core/db/schema';
import { seedDemo } from '../electron/core/demo/seed';
import { columnsOf, pgSelectList } from '../electron/core/sync/columns';
import { syncOnce } from '../electron/core/sync/engine';
import { push } from '../electron/core/sync/push';
import { Replica } from '../electron/core/sync/replica';

const ANCHOR = '2026-11-20';
const SERVER = process.env.OPS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-bench-sync-'));
const log = (line: string) => process.stdout.write(`${line}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function dbUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshDatabase(name: string): Promise<string> {
  const server = new pg.Client({ connectionString: SERVER });
  await server.connect();
  await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await server.query(`CREATE DATABASE ${name}`);
  await server.end();
  const central = await connectCentral(dbUrl(name));
  await migrateCentral(central);
  await central.end();
  return dbUrl(name);
}

async function dropDatabase(name: string): Promise<void> {
  const server = new pg.Client({ connectionString: SERVER });
  await server.connect();
  await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await server.end();
}

/** Seeds the demo at `scale` and pushes it into a new central database. */
async function centralAtScale(scale: number) {
  const url = await freshDatabase(`ops_bench_s${scale}`);
  const replica = new Replica(openReplica(path.join(work, `source-s${scale}.sqlite`)));
  seedDemo(replica, { scale, anchor: ANCHOR });
  const rows = replica.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  const central = await connectCentral(url);
  const started = performance.now();
  await push(replica, central);
  const seconds = (performance.now() - started) / 1000;
  // What autovacuum does after a bulk load, done now so it does not run during the measurements.
  await central.query('VACUUM ANALYZE');
  await central.end();
  replica.db.close();
  log(
    `scale ${scale}: pushed ${rows.toLocaleString('en-AU')} seeded rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-AU')} rows/s)`,
  );
  return { url, rows, pushSeconds: seconds };
}

/** `ops sync` into an empty replica, in a child process that reports its own peak RSS. */
function initialSync(url: string, file: string) {
  const hook = path.join(work, 'rss.js');
  fs.writeFileSync(hook, "process.on('exit', () => process.stderr.write('MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));");
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--require', hook, path.join(__dirname, 'ops.js'), 'sync', '--db', file, '--central', url, '--json'],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(child.stderr);
  const pulled = (JSON.parse(child.stdout) as { lastResult: { pulled: number } }).lastResult.pulled;
  const peakRssMb = Number(/MAXRSS_KB (\d+)/.exec(child.stderr)?.[1]) / 1024;
  return { seconds, rows: pulled, rowsPerSecond: pulled / seconds, peakRssMb };
}

/** The same initial sync in this process: no process start-up, no closing checkpoint, like the ceiling. */
async function initialSyncInProcess(url: string) {
  const replica = new Replica(openReplica(path.join(work, 'laptop-in-process.sqlite')));
  const started = performance.now();
  const result = await syncOnce(replica, url);
  const seconds = (performance.now() - started) / 1000;
  replica.db.close();
  return { seconds, rows: result.pulled, rowsPerSecond: result.pulled / seconds };
}

/** The ceiling: COPY each table out (already in the replica's representation) and insert every row. */
async function ceiling(url: string) {
  const replica = new Replica(openReplica(path.join(work, 'ceiling.sqlite')));
  const central = await connectCentral(url);
  const started = performance.now();
  let rows = 0;
  const db = replica.db;
  db.exec('BEGIN');
  for (const table of SYNCED_TABLES) {
    const columns = [...columnsOf(table), '_hlc', '_clocks'];
    const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const select = `SELECT ${pgSelectList(table)} FROM ${table} t`;
    const stream = central.query(copyTo(`COPY (${select}) TO STDOUT`));
    let rest = '';
    for await (const chunk of stream) {
      const lines = (rest + (chunk as Buffer).toString('utf8')).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        insert.run(
          ...line
            .split('\t')
            .map((v) => (v === '\\N' ? null : v.includes('\\') ? v.replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\\\/g, '\\') : v)),
        );
        rows += 1;
      }
    }
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  await central.end();
  db.close();
  return { seconds, rows, rowsPerSecond: rows / seconds };
}

/**
 * One changed row, then a sync: the cost should follow the change, not the data size. The app
 * keeps its connection between syncs (`warm`); the `ops` command connects each time (`cold`).
 */
async function incremental(url: string, file: string, runs = 30) {
  const replica = new Replica(openReplica(file));
  const admin = await connectCentral(url);
  const warm = await connectCentral(url);
  const ids = (
    await admin.query<{ id: string }>('SELECT id::text AS id FROM time_entries WHERE invoice_id IS NULL ORDER BY id LIMIT 200')
  ).rows.map((r) => r.id);
  const times = { warm: [] as number[], cold: [] as number[] };
  for (let i = 0; i < runs * 2; i++) {
    const kind = i % 2 === 0 ? 'warm' : 'cold';
    await admin.query('UPDATE time_entries SET note = $2 WHERE id = $1', [ids[i % ids.length], `bench ${i}`]);
    const started = performance.now();
    const result = await syncOnce(replica, kind === 'warm' ? warm : url);
    times[kind].push(performance.now() - started);
    if (result.pulled !== 1) throw new Error(`expected one pulled row, got ${result.pulled}`);
  }
  await admin.end();
  await warm.end();
  return { replica, medianMs: median(times.warm), coldMedianMs: median(times.cold) };
}

async function pushOfflineMutations(replica: Replica, url: string, count = 10_000) {
  const pick = replica.db
    .prepare(
      "SELECT e.project_id AS project, e.consultant_id AS consultant FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE p.status = 'active' LIMIT 1",
    )
    .get() as { project: string; consultant: string };
  replica.transaction(() => {
    for (let i = 0; i < count; i++) {
      replica.insert('time_entries', {
        id: replica.newId(),
        project_id: pick.project,
        consultant_id: pick.consultant,
        started_at: new Date(Date.parse('2026-11-21T00:00:00Z') + i * 60_000).toISOString(),
        minutes: 1 + (i % 90),
        billable: 1,
        note: `offline ${i}`,
        rate_cents: 19000,
        invoice_id: null,
      });
    }
  });
  const central = await connectCentral(url);
  const started = performance.now();
  const result = await push(replica, central);
  const seconds = (performance.now() - started) / 1000;
  await central.end();
  return { count, pushed: result.pushed, seconds };
}

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  log(`Machine: ${machine}`);
  const s1 = await centralAtScale(1);
  if (process.env.OPS_BENCH_QUICK) {
    // Quick mode, for comparing two builds back to back: scale 1 only.
    initialSync(s1.url, path.join(work, 'laptop-s1.sqlite'));
    const inc = await incremental(s1.url, path.join(work, 'laptop-s1.sqlite'), 60);
    const offline = await pushOfflineMutations(inc.replica, s1.url);
    log(
      `quick: incremental warm ${inc.medianMs.toFixed(2)} ms, cold ${inc.coldMedianMs.toFixed(2)} ms; push of 10k ${offline.seconds.toFixed(3)} s`,
    );
    inc.replica.db.close();
    await dropDatabase('ops_bench_s1');
    fs.rmSync(work, { recursive: true, force: true });
    return;
  }
  const s10 = await centralAtScale(10);

  const initial10 = initialSync(s10.url, path.join(work, 'laptop-s10.sqlite'));
  log(
    `initial sync, scale 10: ${initial10.rows.toLocaleString('en-AU')} rows in ${initial10.seconds.toFixed(1)} s = ${Math.round(initial10.rowsPerSecond).toLocaleString('en-AU')} rows/s, peak RSS ${initial10.peakRssMb.toFixed(0)} MB`,
  );
  const inProcess = await initialSyncInProcess(s10.url);
  log(
    `initial sync in process (as the ceiling is timed): ${inProcess.seconds.toFixed(1)} s = ${Math.round(inProcess.rowsPerSecond).toLocaleString('en-AU')} rows/s`,
  );
  const top = await ceiling(s10.url);
  log(
    `ceiling (COPY + prepared insert), scale 10: ${top.rows.toLocaleString('en-AU')} rows in ${top.seconds.toFixed(1)} s = ${Math.round(top.rowsPerSecond).toLocaleString('en-AU')} rows/s; in process ours takes ${(inProcess.seconds / top.seconds).toFixed(2)}× the ceiling's time, as a command ${(initial10.seconds / top.seconds).toFixed(2)}×`,
  );
  const initial1 = initialSync(s1.url, path.join(work, 'laptop-s1.sqlite'));
  log(
    `initial sync, scale 1: ${initial1.rows.toLocaleString('en-AU')} rows in ${initial1.seconds.toFixed(1)} s, peak RSS ${initial1.peakRssMb.toFixed(0)} MB`,
  );

  const inc1 = await incremental(s1.url, path.join(work, 'laptop-s1.sqlite'));
  const inc10 = await incremental(s10.url, path.join(work, 'laptop-s10.sqlite'));
  log(
    `incremental sync after one changed row, warm connection (the app): scale 1 ${inc1.medianMs.toFixed(1)} ms, scale 10 ${inc10.medianMs.toFixed(1)} ms (median of 30; ratio ${(inc10.medianMs / inc1.medianMs).toFixed(2)})`,
  );
  log(
    `incremental sync after one changed row, new connection each time (ops sync): scale 1 ${inc1.coldMedianMs.toFixed(1)} ms, scale 10 ${inc10.coldMedianMs.toFixed(1)} ms (ratio ${(inc10.coldMedianMs / inc1.coldMedianMs).toFixed(2)})`,
  );
  inc1.replica.db.close();

  const offline = await pushOfflineMutations(inc10.replica, s10.url);
  log(`push of ${offline.count.toLocaleString('en-AU')} offline mutations: ${offline.seconds.toFixed(2)} s`);
  inc10.replica.db.close();

  const result = {
    date: new Date().toISOString(),
    machine,
    s1,
    s10,
    initial10,
    ceiling: top,
    initial1,
    incremental: { scale1Ms: inc1.medianMs, scale10Ms: inc10.medianMs, coldScale1Ms: inc1.coldMedianMs, coldScale10Ms: inc10.coldMedianMs },
    offline,
  };
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync('.bench/sync.json', JSON.stringify(result, null, 2));
  log('Wrote .bench/sync.json');
  await dropDatabase('ops_bench_s1');
  await dropDatabase('ops_bench_s10');
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:sync: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
