// `npm run bench:pipelines`: the pipelines dashboard's queries (issue 9) at the demo's scale 1 and
// scale 10 (20k and 200k jobs), for 30-, 90- and 365-day ranges: median and p95 of 25 runs each,
// all in one run. (Trigger-to-delivered latency and the offline drain come with the channels.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openReplica } from '../electron/core/db/open';
import { seedDemo } from '../electron/core/demo/seed';
import { pipelineDashboard } from '../electron/core/pipelines/dashboard';
import { Replica } from '../electron/core/sync/replica';
import { addDays } from '../shared/time';

const ANCHOR = '2026-11-20';
const RUNS = 25;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-bench-pipelines-'));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

function main(): void {
  const rows: string[] = [];
  for (const scale of [1, 10]) {
    const file = path.join(work, `scale${scale}.sqlite`);
    const replica = new Replica(openReplica(file));
    const seeded = performance.now();
    seedDemo(replica, { scale, anchor: ANCHOR });
    const jobs = replica.db.prepare('SELECT count(*) FROM pipeline_jobs').pluck().get() as number;
    process.stdout.write(`scale ${scale}: ${jobs} jobs seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`);
    for (const days of [30, 90, 365]) {
      const range = { from: addDays(ANCHOR, -(days - 1)), to: ANCHOR, timeZone: 'Australia/Brisbane' };
      pipelineDashboard(replica.db, range); // warm the page cache and the statements
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        pipelineDashboard(replica.db, range);
        times.push(performance.now() - t);
      }
      rows.push(
        `| ${scale} (${jobs.toLocaleString('en-AU')} jobs) | ${days} days | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} |`,
      );
    }
    replica.db.close();
  }
  process.stdout.write(['', '| scale | range | median ms | p95 ms |', '| --- | --- | --- | --- |', ...rows, ''].join('\n'));
  fs.rmSync(work, { recursive: true, force: true });
}

main();
