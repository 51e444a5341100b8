// Nothing is dropped as a "replay": a replica file copied to a second laptop or restored from a
// backup, a replica used under another login after a lost acknowledgement, and transient server
// errors. The `ops` command drives the laptops, as a user (or a support script) would.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/ops';
import { connectCentral } from '../central/connection';
import { freshCentral, type TestCentral } from '../central/testing';
import { openReplica } from '../db/open';
import { tempDir } from '../testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny, type TinyIds, connectionThatLosesThePushAnswer } from './fixtures';
import { push } from './push';
import { listRejections } from './rejections';
import { Replica } from './replica';

let central: TestCentral;
let ids: TinyIds;
let stdout = '';

beforeEach(async () => {
  central = await freshCentral();
  const origin = newReplica('origin');
  ids = seedTiny(origin);
  await syncOnce(origin, central.url);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await central.drop();
});

async function ops(...args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  stdout = '';
  const code = await main([...args, '--central', central.url, '--json'], { OPS_DATA_DIR: tempDir() });
  return { code, json: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
}

/** Adds hours through `ops`, as the consultant. */
async function logHours(db: string, minutes: number, note: string) {
  const { code } = await ops(
    'hours',
    'add',
    '--db',
    db,
    '--as',
    'alice@example.com',
    '--project',
    'Pipeline MVP',
    '--minutes',
    String(minutes),
    '--note',
    note,
    '--date',
    '2026-11-20',
    '--tz',
    'Australia/Brisbane',
  );
  expect(code).toBe(0);
}

async function centralNotes(): Promise<string[]> {
  const { rows } = await central.admin.query<{ note: string }>('SELECT note FROM time_entries ORDER BY note');
  return rows.map((r) => r.note);
}

describe('a copied replica', () => {
  it('takes a new client id and sends its own new work: nothing is counted as already applied', async () => {
    const first = path.join(tempDir(), 'laptop.sqlite');
    expect((await ops('sync', '--db', first)).code).toBe(0);
    await logHours(first, 30, 'before the copy');
    expect((await ops('sync', '--db', first)).code).toBe(0);
    // The file is copied to a second laptop; both go on working and syncing.
    const second = path.join(tempDir(), 'copy.sqlite');
    fs.copyFileSync(first, second);
    await logHours(first, 45, 'on the original');
    await logHours(second, 50, 'on the copy');
    await logHours(second, 55, 'on the copy, again');
    expect((await ops('sync', '--db', first)).code).toBe(0);
    const copy = await ops('sync', '--db', second);
    expect(copy.code).toBe(0);
    expect(copy.json).toMatchObject({ notice: expect.stringMatching(/copied or restored/) });
    expect((await ops('sync', '--db', first)).code).toBe(0);
    expect(await centralNotes()).toEqual(['before the copy', 'on the copy', 'on the copy, again', 'on the original']);
    const a = new Replica(openReplica(first));
    const b = new Replica(openReplica(second));
    expect(a.clientId).not.toBe(b.clientId);
    expect(replicaRows(b)).toEqual(await centralRows(central.admin));
    expect(replicaRows(a)).toEqual(await centralRows(central.admin));
  });

  it('restored from a backup taken before later syncs, sends the work made after the restore', async () => {
    const laptop = path.join(tempDir(), 'laptop.sqlite');
    const backup = path.join(tempDir(), 'backup.sqlite');
    await ops('sync', '--db', laptop);
    await logHours(laptop, 30, 'unsynced when backed up');
    fs.copyFileSync(laptop, backup);
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    await logHours(laptop, 40, 'synced, then lost with the disk');
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    // The disk dies; the backup comes back, and work goes on.
    fs.copyFileSync(backup, laptop);
    await logHours(laptop, 20, 'after the restore');
    const result = await ops('sync', '--db', laptop);
    expect(result.code).toBe(0);
    expect(await centralNotes()).toEqual(['after the restore', 'synced, then lost with the disk', 'unsynced when backed up']);
    const replica = new Replica(openReplica(laptop));
    expect(replicaRows(replica)).toEqual(await centralRows(central.admin));
  });
});

describe('another login', () => {
  it('after a lost acknowledgement, the same replica under another login is not wedged', async () => {
    const aliceUrl = await central.consultantUrl(ids.alice);
    const bobUrl = await central.consultantUrl(ids.bob);
    const laptop = newReplica('shared-laptop');
    await syncOnce(laptop, aliceUrl);
    addEntry(laptop, ids.alice, ids.project, 30, 'Alice, answer lost');
    await expect(push(laptop, await connectionThatLosesThePushAnswer(aliceUrl))).rejects.toThrow(/terminated/);
    // Bob borrows the laptop: his entry goes under his login; Alice's is already in.
    addEntry(laptop, ids.bob, ids.project, 20, 'Bob on the shared laptop');
    const asBob = await syncOnce(laptop, bobUrl);
    expect(asBob.notice).toMatch(/another login/);
    // Alice's entry, sent again under Bob's login, is refused (it is hers), visibly; Bob's arrives.
    expect(await centralNotes()).toEqual(['Alice, answer lost', 'Bob on the shared laptop']);
    expect(listRejections(laptop).map((r) => r.reason)).toEqual([expect.stringMatching(/only your own time entries/)]);
    addEntry(laptop, ids.bob, ids.project, 25, 'Bob, later');
    expect(await syncOnce(laptop, bobUrl)).toMatchObject({ pushed: 1, rejected: 0 });
  });
});

describe('a replica that last synced before the server kept mutation identities', () => {
  it('takes the ledger at its word once, as the earlier protocol did, and sends what is new', async () => {
    const laptop = newReplica('upgraded');
    await syncOnce(laptop, central.url);
    addEntry(laptop, ids.alice, ids.project, 30, 'applied, answer lost before the upgrade');
    addEntry(laptop, ids.alice, ids.project, 40, 'made after');
    // The server applied the first one and its answer was lost; its ledger then kept only the
    // number, as before the upgrade.
    await expect(push(laptop, await connectionThatLosesThePushAnswer(central.url), { batchSize: 1 })).rejects.toThrow(/terminated/);
    await central.admin.query('UPDATE _sync_clients SET last_hlc = NULL, last_row = NULL');
    const result = await syncOnce(laptop, central.url);
    expect(result.notice).toBeNull();
    expect(await centralNotes()).toEqual(['applied, answer lost before the upgrade', 'made after']);
  });
});

describe('transient server errors', () => {
  it('are retried and never recorded as a rejection', async () => {
    const aliceUrl = await central.consultantUrl(ids.alice);
    const laptop = newReplica('laptop');
    await syncOnce(laptop, aliceUrl);
    const entry = addEntry(laptop, ids.alice, ids.project, 30, 'first');
    await syncOnce(laptop, aliceUrl);
    laptop.transaction(() => laptop.update('time_entries', entry, { note: 'edited while billing holds a lock' }));

    // Billing holds a lock on the row; the laptop's session gives up waiting after 100 ms.
    const billing = await connectCentral(central.url);
    await billing.query('BEGIN');
    await billing.query('SELECT * FROM time_entries WHERE id = $1 FOR UPDATE', [entry]);
    const client = await connectCentral(aliceUrl);
    await client.query("SET lock_timeout = '100ms'");
    await expect(push(laptop, client, { retryDelaysMs: [20, 20] })).rejects.toMatchObject({ code: '55P03' });
    expect(listRejections(laptop)).toEqual([]);
    expect(laptop.db.prepare('SELECT count(*) FROM outbox WHERE rejected_at IS NULL').pluck().get()).toBe(1);

    // Released while the push retries: it goes through.
    setTimeout(() => void billing.query('COMMIT'), 150);
    expect(await push(laptop, client, { retryDelaysMs: [100, 200, 400, 800] })).toMatchObject({ pushed: 1, rejected: 0 });
    await client.end();
    await billing.end();
    const { rows } = await central.admin.query('SELECT note FROM time_entries WHERE id = $1', [entry]);
    expect(rows[0].note).toBe('edited while billing holds a lock');
  });
});
