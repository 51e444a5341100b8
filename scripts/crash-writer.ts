// The child the kill -9 tests kill (electron/core/sync/crash.test.ts): the real Core on a real
// replica file, writing through Core.invoke in a loop as fast as it can — entries created, updated
// and deleted, the timer started and stopped — and printing each write on stdout only after the
// call returned, that is after its transaction committed. Stdout to a pipe is synchronous on Linux,
// so a line the test read is a write that was committed before the kill.
//   node crash-writer.js <replica> <consultant email> <project id> <start index>
// Lines: `created <id> <minutes>`, `updated <id> <minutes>`, `deleted <id>`, `timer <started|stopped>`.
import { Core } from '../electron/core/api';

async function main(): Promise<void> {
  const [file, email, projectId, startText] = process.argv.slice(2);
  if (!file || !email || !projectId) throw new Error('usage: crash-writer <replica> <consultant email> <project id> [start index]');
  const core = new Core({ dbPath: file, consultantEmail: email });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const live: { id: string; minutes: number }[] = [];
  // A predecessor killed between starting and discarding its timer left it running: discarded here,
  // as the consultant would on seeing it, or this child's first timer.start would be refused.
  if (await core.call('timer.get')) await core.call('timer.discard');
  say('ready');
  for (let i = Number(startText ?? 0); ; i++) {
    const minutes = 15 + (i % 90);
    const entry = await core.call('entries.create', {
      projectId,
      startedAt: `2026-11-${String(2 + (i % 20)).padStart(2, '0')}T0${i % 9}:00:00Z`,
      minutes,
      note: `burst ${i}`,
    });
    live.push({ id: entry.id, minutes });
    say(`created ${entry.id} ${minutes}`);
    if (i % 3 === 0) {
      const target = live[(i * 7) % live.length]!;
      target.minutes = Math.min(target.minutes + 1, 1440);
      await core.call('entries.update', { id: target.id, minutes: target.minutes, note: `burst ${i} edited` });
      say(`updated ${target.id} ${target.minutes}`);
    }
    if (i % 5 === 0 && live.length > 1) {
      const [gone] = live.splice((i * 3) % live.length, 1);
      await core.call('entries.delete', { id: gone!.id });
      say(`deleted ${gone!.id}`);
    }
    if (i % 11 === 0) {
      await core.call('timer.start', { projectId, note: `timer ${i}` });
      say('timer started');
      await core.call('timer.discard');
      say('timer stopped');
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
