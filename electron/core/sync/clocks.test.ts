// Clocks are bounded: a laptop whose clock is a day or a year off can neither hide later edits nor
// win over them, cannot drag other clocks along, and is told its clock is off.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeClockSkew } from '../../../shared/time';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny, type TinyIds } from './fixtures';
import { CLOCK_BOUND_MS, parseHlc } from './hlc';
import { openReplica } from '../db/open';
import { tempDir } from '../testing';
import { Replica } from './replica';

const DAY = 86_400_000;
let central: TestCentral;
let ids: TinyIds;
let entry: string;
let correct: Replica;

beforeEach(async () => {
  central = await freshCentral();
  const origin = newReplica('origin');
  ids = seedTiny(origin);
  entry = addEntry(origin, ids.alice, ids.project, 60, 'original');
  await syncOnce(origin, central.url);
  correct = newReplica('correct');
  await syncOnce(correct, central.url);
});
afterEach(async () => {
  await central.drop();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const note = (replica: Replica) => replica.db.prepare('SELECT note FROM time_entries WHERE id = ?').pluck().get(entry);
const edit = (replica: Replica, changes: Record<string, string | number>) =>
  replica.transaction(() => replica.update('time_entries', entry, changes));

async function everyoneAgrees(...replicas: Replica[]) {
  for (const r of [...replicas, ...replicas]) await syncOnce(r, central.url);
  const truth = await centralRows(central.admin);
  for (const r of replicas) expect(replicaRows(r)).toEqual(truth);
}

/** The newest clock stamp stored anywhere in the central database, in ms. */
async function newestCentralStampMs(): Promise<number> {
  const { rows } = await central.admin.query<{ s: string }>(
    `SELECT max(s) AS s FROM (SELECT _hlc AS s FROM time_entries UNION ALL SELECT value FROM time_entries, jsonb_each_text(_clocks)) x`,
  );
  return parseHlc(rows[0]!.s).ms;
}

describe.each([
  ['a day fast', DAY],
  ['a year fast', 365 * DAY],
  ['a day slow', -DAY],
])('a laptop %s', (_name, skew) => {
  let wrong: Replica;
  beforeEach(async () => {
    wrong = newReplica('wrong', () => Date.now() + skew);
    await syncOnce(wrong, central.url);
  });

  it('is told so, by the sync result and the status line', async () => {
    const result = await syncOnce(wrong, central.url);
    expect(Math.abs(result.clockSkewMs - skew)).toBeLessThan(5_000);
    expect(describeClockSkew(result.clockSkewMs)).toMatch(skew > 0 ? /clock is \d+ days? ahead of the central/ : /clock is 1 day behind/);
  });

  it('orders its edits with everyone else’s by the central database’s time', async () => {
    // An edit on the wrong laptop, then a billing correction: the correction is later and wins.
    edit(wrong, { note: 'from the wrong clock' });
    await tick();
    await central.admin.query(`UPDATE time_entries SET note = 'billing correction' WHERE id = $1`, [entry]);
    await everyoneAgrees(wrong, correct);
    expect(note(wrong)).toBe('billing correction');

    // A correct laptop's edit, then the wrong laptop's: the wrong laptop's is later and wins.
    await tick();
    edit(correct, { note: 'from the correct laptop' });
    await tick();
    edit(wrong, { note: 'later, from the wrong clock' });
    await everyoneAgrees(correct, wrong);
    expect(note(correct)).toBe('later, from the wrong clock');
  });

  it('never drags the central database or a correct laptop’s clock ahead', async () => {
    edit(wrong, { minutes: 61 });
    await everyoneAgrees(wrong, correct);
    expect(await newestCentralStampMs()).toBeLessThanOrEqual(Date.now() + CLOCK_BOUND_MS);
    expect(parseHlc(correct.stamp()).ms).toBeLessThanOrEqual(Date.now() + CLOCK_BOUND_MS);
  });
});

describe('a clock set right between syncs', () => {
  it('in the same run: edits are still stamped with the right time (the offset rides on the monotonic clock)', async () => {
    let skew = DAY;
    const laptop = newReplica('fixed-by-ntp', () => Date.now() + skew);
    await syncOnce(laptop, central.url); // measured: a day fast
    skew = 0; // NTP sets the clock right
    await central.admin.query(`UPDATE time_entries SET note = 'billing, earlier' WHERE id = $1`, [entry]);
    await syncOnce(correct, central.url);
    await tick();
    edit(laptop, { note: 'later, after the clock was fixed' });
    await everyoneAgrees(laptop, correct);
    expect(note(correct)).toBe('later, after the clock was fixed');
  });

  it('after a restart: an offset kept from a wrong clock is dropped, not used to stamp edits a day early', async () => {
    const file = path.join(tempDir(), 'restarted.sqlite');
    const before = new Replica(openReplica(file), () => Date.now() + DAY);
    await syncOnce(before, central.url);
    before.transaction(() => before.update('time_entries', entry, { minutes: 61 })); // stamped right, via the offset
    before.db.close();
    const after = new Replica(openReplica(file)); // the clock is right now
    expect(Math.abs(after.now() - Date.now())).toBeLessThan(5_000);
    await central.admin.query(`UPDATE time_entries SET note = 'billing, earlier' WHERE id = $1`, [entry]);
    await syncOnce(correct, central.url);
    await tick();
    edit(after, { note: 'after the restart' });
    await everyoneAgrees(after, correct);
    expect(note(correct)).toBe('after the restart');
  });
});

describe('a consultant’s clock a little ahead, within the bound', () => {
  it('cannot outlast a later direct write: the server’s stamp sorts after the one it replaces', async () => {
    const aliceUrl = await central.consultantUrl(ids.alice);
    const fast = newReplica('four-minutes-fast', () => Date.now() + 4 * 60_000);
    await syncOnce(fast, aliceUrl);
    fast.setClockOffset(0); // as if never measured: its stamps run four minutes ahead, inside the bound
    const mine = addEntry(fast, ids.alice, ids.project, 30, 'alice');
    await syncOnce(fast, aliceUrl);
    await syncOnce(correct, central.url);
    await central.admin.query(`UPDATE time_entries SET minutes = 15, note = 'billing fix' WHERE id = $1`, [mine]);
    await everyoneAgrees(correct);
    expect(correct.db.prepare('SELECT note, minutes FROM time_entries WHERE id = ?').get(mine)).toEqual({
      note: 'billing fix',
      minutes: 15,
    });
  });
});

describe('a clock that jumped ahead after the last sync', () => {
  it('has its stamps replaced by the central database’s time, is told so, and later edits still win', async () => {
    const wrong = newReplica('jumped', () => Date.now() + DAY);
    await syncOnce(wrong, central.url);
    wrong.setClockOffset(0); // as if the clock jumped a day ahead after that sync
    edit(wrong, { note: 'stamped a day ahead' });
    const result = await syncOnce(wrong, central.url);
    expect(result.notice).toMatch(/clock times ahead of the central database/);
    expect(await newestCentralStampMs()).toBeLessThanOrEqual(Date.now() + CLOCK_BOUND_MS);
    // The laptop's own copy took the central clocks: a later correction wins everywhere.
    await tick();
    await central.admin.query(`UPDATE time_entries SET note = 'corrected later' WHERE id = $1`, [entry]);
    edit(wrong, { minutes: 42 });
    await everyoneAgrees(wrong, correct);
    expect(note(wrong)).toBe('corrected later');
    expect(note(correct)).toBe('corrected later');
  });
});
