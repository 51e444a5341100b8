// Correctness 3: two replicas edit the same row offline; per-column last writer wins by hybrid
// logical clock; deletes are tombstones everywhere; direct writes in PostgreSQL take part too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny, type TinyIds } from './fixtures';
import { discardRejection, listRejections, restoreRejection, retryRejection } from './rejections';
import type { Replica } from './replica';
import { getTimer, startTimer, stopTimer } from '../hours/timer';

let central: TestCentral;
let a: Replica;
let b: Replica;
let ids: TinyIds;
let entry: string;

beforeEach(async () => {
  central = await freshCentral();
  a = newReplica('a');
  ids = seedTiny(a);
  entry = addEntry(a, ids.alice, ids.project, 60, 'original');
  await syncOnce(a, central.url);
  b = newReplica('b');
  await syncOnce(b, central.url);
});
afterEach(async () => {
  await central.drop();
});

const edit = (replica: Replica, changes: Record<string, string | number>) =>
  replica.transaction(() => replica.update('time_entries', entry, changes));
/** Clocks count milliseconds; edits in the same millisecond are ordered by client id instead. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const entryOf = (replica: Replica) => replica.db.prepare('SELECT minutes, note, billable FROM time_entries WHERE id = ?').get(entry);

async function syncAll() {
  for (const replica of [a, b, a, b]) await syncOnce(replica, central.url);
  const expected = await centralRows(central.admin);
  expect(replicaRows(a)).toEqual(expected);
  expect(replicaRows(b)).toEqual(expected);
}

describe('merging concurrent offline edits', () => {
  it('keeps both edits when they touch different columns', async () => {
    edit(a, { minutes: 75 });
    edit(b, { note: 'edited on b' });
    await syncAll();
    expect(entryOf(a)).toEqual({ minutes: 75, note: 'edited on b', billable: 1 });
  });

  it('lets the later clock win on the same column, on every replica, whatever the sync order', async () => {
    edit(b, { note: 'earlier, from b' });
    await tick();
    edit(a, { note: 'later, from a' });
    // b syncs last, but its edit is older: it must not win.
    await syncOnce(a, central.url);
    await syncOnce(b, central.url);
    await syncAll();
    expect(entryOf(b)).toMatchObject({ note: 'later, from a' });
  });

  it('keeps an unpushed local edit over an older central value when pulling', async () => {
    await central.admin.query(`UPDATE time_entries SET note = 'from billing' WHERE id = $1`, [entry]);
    await tick();
    edit(b, { note: 'newer local edit' });
    await syncOnce(b, central.url); // pushes first, then pulls: the local edit is newer
    expect(entryOf(b)).toMatchObject({ note: 'newer local edit' });
    await syncAll();
  });

  it('lets a later direct write in PostgreSQL win over an earlier offline edit', async () => {
    edit(a, { minutes: 30, note: 'offline on a' });
    await tick();
    await central.admin.query(`UPDATE time_entries SET note = 'corrected by billing' WHERE id = $1`, [entry]);
    await syncAll();
    expect(entryOf(a)).toEqual({ minutes: 30, note: 'corrected by billing', billable: 1 });
  });

  it('deletes everywhere through a tombstone; a late edit of the deleted row is refused and kept with its values', async () => {
    a.transaction(() => a.remove('time_entries', entry));
    edit(b, { note: 'edited after the delete elsewhere', minutes: 95 });
    await syncOnce(a, central.url);
    const result = await syncOnce(b, central.url);
    expect(result.rejected).toBe(1);
    // The pull saw the tombstone but keeps the row: its edit is not accepted yet.
    expect(entryOf(b)).toMatchObject({ note: 'edited after the delete elsewhere', minutes: 95 });
    const [rejection] = listRejections(b);
    expect(rejection).toMatchObject({
      deletedElsewhere: true,
      restorable: true,
      values: { note: 'edited after the delete elsewhere', minutes: 95 },
    });
    // Retry cannot apply it and says so, changing nothing.
    expect(() => retryRejection(b, rejection!.mutationId)).toThrow(/Restore/);
    expect(listRejections(b)).toHaveLength(1);
    // Restore adds the values again as a new entry, everywhere.
    restoreRejection(b, rejection!.mutationId);
    await syncAll();
    const notes = a.db.prepare('SELECT note, minutes FROM time_entries').all();
    expect(notes).toEqual([{ note: 'edited after the delete elsewhere', minutes: 95 }]);
    expect(listRejections(b)).toEqual([]);
  });

  it('an edit made after a delete elsewhere, but synced first, is not eaten by the delete', async () => {
    a.transaction(() => a.remove('time_entries', entry)); // a deletes, offline
    await tick();
    edit(b, { note: 'edited after a deleted it, synced first' });
    await syncOnce(b, central.url);
    const result = await syncOnce(a, central.url);
    expect(result.rejected).toBe(1);
    const [refused] = listRejections(a);
    expect(refused).toMatchObject({ op: 'delete', reason: expect.stringMatching(/changed on another device after you deleted it/) });
    // The row, with the edit, is everywhere; a can still delete it knowingly.
    expect(entryOf(a)).toMatchObject({ note: 'edited after a deleted it, synced first' });
    await syncAll();
    retryRejection(a, refused!.mutationId);
    await syncAll();
    expect(entryOf(b)).toBeUndefined();
  });

  it('an edit made while a pull brings back a discarded change is kept, not overwritten', async () => {
    a.transaction(() => a.remove('time_entries', entry));
    await tick();
    edit(b, { note: 'b edits after a deleted' });
    await syncOnce(b, central.url);
    await syncOnce(a, central.url); // a's delete is refused: the row changed after it
    discardRejection(a, listRejections(a)[0]!.mutationId); // a keeps the row after all
    const { push } = await import('./push');
    const { pull } = await import('./pull');
    const { connectCentral } = await import('../central/connection');
    const client = await connectCentral(central.url);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
      const result = await query(...args);
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string }).text ?? '');
      if (text.includes('t.id = ANY($1::uuid[])')) edit(a, { note: 'typed while the central version was fetched' });
      return result;
    };
    try {
      await push(a, client);
      await pull(a, client);
    } finally {
      await client.end();
    }
    expect(entryOf(a)).toMatchObject({ note: 'typed while the central version was fetched' });
    await syncAll();
    expect(entryOf(b)).toMatchObject({ note: 'typed while the central version was fetched' });
  });

  it('discarding the refused edit of a deleted row lets the row go', async () => {
    a.transaction(() => a.remove('time_entries', entry));
    edit(b, { note: 'edited after the delete elsewhere' });
    await syncOnce(a, central.url);
    await syncOnce(b, central.url);
    discardRejection(b, listRejections(b)[0]!.mutationId);
    await syncAll();
    expect(b.db.prepare('SELECT count(*) FROM time_entries').pluck().get()).toBe(0);
  });

  it('keeps an edit saved while a pull was applying the delete', async () => {
    a.transaction(() => a.remove('time_entries', entry));
    await syncOnce(a, central.url);
    // The edit lands after b pushed and before its pull applies the tombstone.
    const { push } = await import('./push');
    const { pull } = await import('./pull');
    const { connectCentral } = await import('../central/connection');
    const client = await connectCentral(central.url);
    try {
      await push(b, client);
      edit(b, { note: 'typed during the pull' });
      await pull(b, client);
    } finally {
      await client.end();
    }
    expect(entryOf(b)).toMatchObject({ note: 'typed during the pull' });
    await syncOnce(b, central.url);
    expect(listRejections(b)[0]).toMatchObject({ deletedElsewhere: true, values: { note: 'typed during the pull' } });
  });

  it('deletes made directly in PostgreSQL reach every replica', async () => {
    await central.admin.query('DELETE FROM time_entries WHERE id = $1', [entry]);
    await syncAll();
    expect(a.db.prepare('SELECT count(*) FROM time_entries').pluck().get()).toBe(0);
  });

  it('a row deleted and inserted again with the same id directly in PostgreSQL reaches every replica', async () => {
    const row = (await central.admin.query('SELECT * FROM time_entries WHERE id = $1', [entry])).rows[0];
    await central.admin.query('DELETE FROM time_entries WHERE id = $1', [entry]);
    await syncOnce(a, central.url); // a has seen the delete; b has not
    expect(entryOf(a)).toBeUndefined();
    await central.admin.query(
      `INSERT INTO time_entries (id, project_id, consultant_id, started_at, minutes, billable, note, rate_cents)
       VALUES ($1, $2, $3, $4, $5, $6, 'undeleted by billing', $7)`,
      [entry, row.project_id, row.consultant_id, row.started_at, row.minutes, row.billable, row.rate_cents],
    );
    await syncAll();
    expect(entryOf(a)).toMatchObject({ note: 'undeleted by billing' });
    expect(entryOf(b)).toMatchObject({ note: 'undeleted by billing' });
  });
});

describe('the running timer’s project deleted centrally', () => {
  it('never makes a pull fail; the user is told, and stopping keeps the time', async () => {
    startTimer(b, ids.alice, ids.project2, 'on a project about to go');
    await central.admin.query('DELETE FROM projects WHERE id = $1', [ids.project2]);
    const result = await syncOnce(b, central.url);
    expect(result.notice).toMatch(/project your timer is running on was deleted/);
    expect(await syncOnce(b, central.url)).toMatchObject({ notice: expect.stringMatching(/timer/) }); // and again: no wedge
    expect(getTimer(b.db)).toMatchObject({ projectId: ids.project2 });

    // Stopping keeps the time as an entry; the central refuses it (no such project), visibly; moved
    // to another project and retried, it arrives.
    const stopped = stopTimer(b, new Date(Date.now() + 60_000).toISOString());
    await syncOnce(b, central.url);
    const [rejection] = listRejections(b);
    expect(rejection).toMatchObject({ rowId: stopped.id, reason: expect.stringMatching(/does not exist/) });
    b.transaction(() => b.update('time_entries', stopped.id, { project_id: ids.project }));
    retryRejection(b, rejection!.mutationId);
    const after = await syncOnce(b, central.url);
    expect(after).toMatchObject({ rejected: 0, notice: null });
    expect((await central.admin.query('SELECT note FROM time_entries WHERE id = $1', [stopped.id])).rows[0].note).toBe(
      'on a project about to go',
    );
    expect(b.db.prepare('SELECT count(*) FROM projects WHERE id = ?').pluck().get(ids.project2)).toBe(0);
    await syncAll();
  });
});

describe('a parent deleted under local children', () => {
  it('keeps the parent while unsynced hours point at it; the pull never fails; it goes once they are resolved', async () => {
    const offline = addEntry(b, ids.alice, ids.project2, 50, 'logged offline on a project being deleted');
    await central.admin.query('DELETE FROM projects WHERE id = $1', [ids.project2]);

    const result = await syncOnce(b, central.url);
    expect(result.rejected).toBe(1); // the hours refer to a project the central no longer has
    expect(b.db.prepare('SELECT count(*) FROM time_entries WHERE id = ?').pluck().get(offline)).toBe(1);
    expect(b.db.prepare('SELECT count(*) FROM projects WHERE id = ?').pluck().get(ids.project2)).toBe(1);
    expect(b.db.pragma('foreign_key_check')).toEqual([]);
    await syncOnce(b, central.url); // and again: no wedge

    const [rejection] = listRejections(b);
    discardRejection(b, rejection!.mutationId);
    await syncOnce(b, central.url);
    expect(b.db.prepare('SELECT count(*) FROM time_entries WHERE id = ?').pluck().get(offline)).toBe(0);
    expect(b.db.prepare('SELECT count(*) FROM projects WHERE id = ?').pluck().get(ids.project2)).toBe(0);
    await syncAll();
  });
});
