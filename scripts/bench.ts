// `npm run bench`: the figures of BENCHMARKS.md for the foundation (issue 2), measured in one run.
//   1. `ops seed --demo --scale 10`: wall time and peak memory (a child process, as a user runs it)
//   2. hours list and week grid of one consultant-week through the core's contract, scale 1 and 10
//   3. browser host cold start: process spawn → first rendered screen in Chromium
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { Core } from '../electron/core/api';
import { openReplica } from '../electron/core/db/open';
import { seedDemo } from '../electron/core/demo/seed';
import { Replica } from '../electron/core/sync/replica';
import { addDays, weekStart } from '../shared/time';

const ANCHOR = '2026-11-20';
const outDir = path.resolve(__dirname);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-bench-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

/** Runs the real `ops seed` as a user would; a --require hook reports the child's peak RSS. */
function seedAtScale10(): { seconds: number; peakRssMb: number; rows: number; file: string } {
  const file = path.join(work, 'scale10.sqlite');
  const rssHook = path.join(work, 'report-rss.js');
  fs.writeFileSync(rssHook, "process.on('exit', () => process.stderr.write('MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));");
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--require', rssHook, path.join(outDir, 'ops.js'), 'seed', '--demo', '--scale', '10', '--anchor', ANCHOR, '--db', file, '--json'],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`seed failed: ${child.stderr}`);
  const counts = (JSON.parse(child.stdout) as { counts: Record<string, number> }).counts;
  const maxRssKb = Number(/MAXRSS_KB (\d+)/.exec(child.stderr)?.[1]);
  return { seconds, peakRssMb: maxRssKb / 1024, rows: Object.values(counts).reduce((a, b) => a + b, 0), file };
}

async function queryTimes(file: string, runs: number) {
  const core = new Core({ dbPath: file });
  // The busiest consultant-week of the last quarter: the worst case a user sees.
  const busiest = core.replica.db
    .prepare(
      `SELECT consultant_id AS consultant, substr(started_at, 1, 10) AS day, count(*) AS n FROM time_entries
       WHERE started_at >= ? GROUP BY consultant_id, day ORDER BY n DESC LIMIT 1`,
    )
    .get(addDays(ANCHOR, -90)) as { consultant: string; day: string };
  const week = weekStart(busiest.day);
  const list: number[] = [];
  const grid: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const entries = await core.call('entries.list', {
      consultantId: busiest.consultant,
      from: week,
      to: addDays(week, 6),
      timeZone: 'Australia/Brisbane',
    });
    list.push(performance.now() - t);
    rows = entries.length;
    t = performance.now();
    await core.call('entries.week', { consultantId: busiest.consultant, weekStart: week, timeZone: 'Australia/Brisbane' });
    grid.push(performance.now() - t);
  }
  core.close();
  return { listMedianMs: median(list), listP95Ms: p95(list), gridMedianMs: median(grid), gridP95Ms: p95(grid), entriesInWeek: rows };
}

async function coldStart(runs: number) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const measure = async (dataDir: string) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(outDir, 'serve.js'), '--data-dir', dataDir, '--demo-anchor', ANCHOR], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /served at (\S+)/.exec(text);
        if (match) resolve(match[1]!);
      });
    });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByRole('button', { name: 'Start timer' }).waitFor();
      const ms = performance.now() - started;
      await page.close();
      return ms;
    } finally {
      // Also when the page never renders: a host left running would keep the benchmark alive.
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  };
  const firstStart: number[] = [];
  const warmStart: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(work, 'serve-'));
    firstStart.push(await measure(dataDir)); // first start: creates and seeds the demo workspace
    warmStart.push(await measure(dataDir)); // a later start: opens the existing replica
  }
  await browser.close();
  return { firstStartMedianMs: median(firstStart), warmStartMedianMs: median(warmStart) };
}

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  process.stdout.write(`Machine: ${machine}\n`);

  const seed = seedAtScale10();
  process.stdout.write(
    `seed --scale 10: ${seed.seconds.toFixed(1)} s, ${seed.rows.toLocaleString('en-AU')} rows, peak RSS ${seed.peakRssMb.toFixed(0)} MB\n`,
  );

  const scale1 = path.join(work, 'scale1.sqlite');
  const db = openReplica(scale1);
  seedDemo(new Replica(db), { scale: 1, anchor: ANCHOR });
  db.close();

  const q1 = await queryTimes(scale1, 300);
  const q10 = await queryTimes(seed.file, 300);
  process.stdout.write(
    `hours list, one consultant-week: scale 1 ${q1.listMedianMs.toFixed(2)} ms, scale 10 ${q10.listMedianMs.toFixed(2)} ms (median; ${q10.entriesInWeek} entries)\n`,
  );
  process.stdout.write(
    `week grid, one consultant-week: scale 1 ${q1.gridMedianMs.toFixed(2)} ms, scale 10 ${q10.gridMedianMs.toFixed(2)} ms (median)\n`,
  );

  const start = await coldStart(5);
  process.stdout.write(
    `browser host cold start → first screen: first start ${start.firstStartMedianMs.toFixed(0)} ms, later start ${start.warmStartMedianMs.toFixed(0)} ms (median of 5)\n`,
  );

  const result = { date: new Date().toISOString(), machine, anchor: ANCHOR, seed, q1, q10, start };
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync('.bench/foundation.json', JSON.stringify(result, null, 2));
  process.stdout.write('Wrote .bench/foundation.json\n');
  fs.rmSync(work, { recursive: true, force: true });
}

void main();
