// One dashboard channel through `Core.invoke`, for `npm run bench:dashboards` (issue 10): run as its
// own process on a replica, in a given workspace zone, so the same source can be built from another
// commit (the "before" of a change) and timed on a replica that commit's own sync filled. Each
// call is paired with one full scan of time_entries (`NOT INDEXED`) on the same file just before
// it, so the ratio compares moments of the same machine. Prints one JSON line.
//   node bench-core.js <replica> <zone> <channel> <from> <to> [runs]
import Database from 'better-sqlite3';
import { Core } from '../electron/core/api';

async function main(): Promise<void> {
  const [file, zone, channel, from, to, runsText] = process.argv.slice(2);
  if (!file || !zone || !channel || !from || !to) throw new Error('usage: bench-core <replica> <zone> <channel> <from> <to> [runs]');
  const runs = Number(runsText ?? 15);
  const core = new Core({ dbPath: file });
  const scanDb = new Database(file, { readonly: true });
  const scan = scanDb.prepare('SELECT sum(minutes) FROM time_entries NOT INDEXED').pluck();
  try {
    const zoned = await core.invoke('settings.update', { timeZone: zone });
    if (!zoned.ok) throw new Error(zoned.error.message);
    const input = { from, to };
    scan.get();
    const first = await core.invoke(channel, input); // warm-up: statements, page cache, an aggregate keyed by the zone
    if (!first.ok) throw new Error(`${channel}: ${first.error.message}`);
    const times: number[] = [];
    const scans: number[] = [];
    // CPU time too (this process's, user + system): on a machine shared with other work the wall
    // clock also counts waiting for a core, the CPU time mostly not.
    const cpuTimes: number[] = [];
    const cpuScans: number[] = [];
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      let c = process.cpuUsage();
      scan.get();
      cpuScans.push(cpuMs(c));
      scans.push(performance.now() - t);
      t = performance.now();
      c = process.cpuUsage();
      await core.invoke(channel, input);
      cpuTimes.push(cpuMs(c));
      times.push(performance.now() - t);
    }
    const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * values.length)) - 1]!;
    process.stdout.write(
      `${JSON.stringify({
        median: pct(times, 0.5),
        p95: pct(times, 0.95),
        scan: pct(scans, 0.5),
        ratios: times.map((t, i) => t / scans[i]!),
        cpu: pct(cpuTimes, 0.5),
        cpuScan: pct(cpuScans, 0.5),
        cpuRatios: cpuTimes.map((t, i) => t / cpuScans[i]!),
      })}\n`,
    );
  } finally {
    scanDb.close();
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-core: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
