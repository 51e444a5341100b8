// Times single channels through `Core.invoke` on a replica (profiling aid for the dashboards bench):
//   node bench-calls.js <replica> <consultant email> <channel>=<json input> ...
// Prints each channel's median and p95 of 15 calls after a warm-up, and the size of its answer, and
// the median of a forced full scan of time_entries before and after (the issues' yardstick).
// OPS_PROFILE=1 also prints, per channel, the statements that took most of a call's time (mean of the 15).
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Core } from '../electron/core/api';

/** Time spent per SQL text (statement methods wrapped once, for the whole process). */
const spent = new Map<string, { ms: number; calls: number; source: string; args: unknown[] }>();
function profileStatements(): void {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const original = proto[method] as (this: { source: string }, ...args: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = this.source.replace(/\s+/g, ' ').slice(0, 160);
        const s = spent.get(key) ?? { ms: 0, calls: 0, source: this.source, args };
        s.ms += performance.now() - t;
        s.calls += 1;
        spent.set(key, s);
      }
    };
  }
}
const PROFILE = process.env.OPS_PROFILE === '1';
if (PROFILE) profileStatements();

async function main(): Promise<void> {
  const [file, as, ...calls] = process.argv.slice(2);
  if (!file || !as || calls.length === 0) throw new Error('usage: bench-calls <replica> <email> <channel>=<json> ...');
  const core = new Core({ dbPath: file, consultantEmail: as });
  // The yardstick the dashboards issues set: one full scan of time_entries, timed here in the same
  // process and moment (the machine may be shared), before and after the calls.
  const scan = (): string => {
    const db = new Database(file, { readonly: true });
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      db.prepare('SELECT sum(minutes) FROM time_entries NOT INDEXED').get();
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      times.push(performance.now() - t);
    }
    db.close();
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!.toFixed(1);
    return `${median(times)} ms, CPU median ${median(cpu)}`;
  };
  process.stdout.write(`forced scan of time_entries: median ${scan()} ms\n`);
  try {
    for (const call of calls) {
      const at = call.indexOf('=');
      const channel = at < 0 ? call : call.slice(0, at);
      const input: unknown = at < 0 ? {} : JSON.parse(call.slice(at + 1));
      const first = await core.invoke(channel, input);
      if (!first.ok) throw new Error(`${channel}: ${first.error.message}`);
      // Profiled over the 15 timed calls (OPS_PROFILE=1): per call, the mean of each statement's time
      // (one call alone is at the mercy of a shared machine).
      spent.clear();
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        await core.invoke(channel, input);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        times.push(performance.now() - t);
      }
      if (PROFILE) {
        const n = times.length;
        const top = [...spent.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
        const mean = times.reduce((a, b) => a + b, 0) / n;
        const inStatements = [...spent.values()].reduce((m, s) => m + s.ms, 0) / n;
        process.stdout.write(`${channel} profiled: mean call ${mean.toFixed(1)} ms, in statements ${inStatements.toFixed(1)} ms:\n`);
        for (const [sqlText, s] of top)
          process.stdout.write(`   ${(s.ms / n).toFixed(1).padStart(7)} ms ×${(s.calls / n).toFixed(0)} ${sqlText}\n`);
        // OPS_PROFILE_PLANS=3: the query plans of the three costliest statements, as last called.
        const plans = Number(process.env.OPS_PROFILE_PLANS ?? 0);
        if (plans > 0) {
          const db = new Database(file, { readonly: true });
          for (const [i, [, s]] of top.slice(0, plans).entries()) {
            // OPS_PROFILE_DUMP=<dir>: each such statement's text and arguments, to try variants on.
            if (process.env.OPS_PROFILE_DUMP)
              writeFileSync(`${process.env.OPS_PROFILE_DUMP}/${channel}-${i}.json`, JSON.stringify({ sql: s.source, args: s.args }));
            const rows = db.prepare(`EXPLAIN QUERY PLAN ${s.source}`).all(...(s.args as never[])) as {
              id: number;
              parent: number;
              detail: string;
            }[];
            const depth = new Map<number, number>([[0, 0]]);
            process.stdout.write(`   plan of ${s.source.replace(/\s+/g, ' ').slice(0, 80)}…\n`);
            for (const r of rows) {
              depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
              process.stdout.write(`     ${'  '.repeat(depth.get(r.id)!)}${r.detail}\n`);
            }
          }
          db.close();
        }
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const size = JSON.stringify(first.value).length;
      process.stdout.write(
        `${channel}: median ${times[7]!.toFixed(1)} ms, p95 ${times[14]!.toFixed(1)} ms, CPU median ${cpu[7]!.toFixed(1)} ms, ${size} bytes\n`,
      );
    }
  } finally {
    await core.close();
  }
  process.stdout.write(`forced scan of time_entries: median ${scan()} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-calls: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
