// Correctness 2 (lost acknowledgement) and 4 (rejected mutations).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { addEntry, newReplica, seedTiny, type TinyIds, connectionThatLosesThePushAnswer } from './fixtures';
import { push } from './push';
import { discardRejection, listRejections, retryRejection } from './rejections';
import type { Replica } from './replica';

let central: TestCentral;
let admin: Replica;
let ids: TinyIds;

beforeEach(async () => {
  central = await freshCentral();
  admin = newReplica('admin');
  ids = seedTiny(admin);
  await syncOnce(admin, central.url);
});
afterEach(async () => {
  await central.drop();
});

describe('lost acknowledgement', () => {
  it('applies nothing twice when a push is retried after the server committed it', async () => {
    const laptop = newReplica('laptop');
    await syncOnce(laptop, central.url);
    addEntry(laptop, ids.alice, ids.project, 45, 'counted once');
    addEntry(laptop, ids.alice, ids.project, 30, 'also once');
    laptop.transaction(() =>
      laptop.insert('pipelines', {
        id: laptop.newId(),
        slug: 'nightly-etl',
        name: 'Nightly ETL',
        description: '',
        params_schema: '{}',
        active: 1,
      }),
    );

    const flaky = await connectionThatLosesThePushAnswer(central.url);
    await expect(push(laptop, flaky)).rejects.toThrow(/terminated/);
    // The server has them, the laptop still holds them as pending.
    expect(laptop.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(3);
    const committed = await central.admin.query('SELECT sum(minutes)::int AS minutes FROM time_entries');
    expect(committed.rows[0].minutes).toBe(75);

    const retry = await syncOnce(laptop, central.url);
    expect(retry).toMatchObject({ pushed: 3, rejected: 0 });
    const after = await central.admin.query('SELECT sum(minutes)::int AS minutes, count(*)::int AS n FROM time_entries');
    expect(after.rows[0]).toEqual({ minutes: 75, n: 2 });
    expect((await central.admin.query('SELECT count(*)::int AS n FROM pipelines')).rows[0].n).toBe(1);
    expect(laptop.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});

/** Bob's entry in the central database, and Alice's laptop (logged in as Alice) that has it. */
async function alicesLaptopAndBobsEntry() {
  const bobsEntry = addEntry(admin, ids.bob, ids.project, 60, 'Bob’s hours');
  await syncOnce(admin, central.url);
  const aliceUrl = await central.consultantUrl(ids.alice);
  const laptop = newReplica('alice');
  await syncOnce(laptop, aliceUrl);
  return { bobsEntry, aliceUrl, laptop };
}

describe('rejected mutations', () => {
  it('records an edit of another consultant’s entry, keeps it, and does not block later mutations', async () => {
    const { bobsEntry, aliceUrl, laptop } = await alicesLaptopAndBobsEntry();
    laptop.transaction(() => laptop.update('time_entries', bobsEntry, { note: 'Alice was here' }));
    const own = addEntry(laptop, ids.alice, ids.project, 30, 'Alice’s own hours');

    const result = await syncOnce(laptop, aliceUrl);
    expect(result).toMatchObject({ pushed: 1, rejected: 1 });
    const rejection = laptop.db.prepare('SELECT row_id, rejected_reason FROM outbox WHERE rejected_at IS NOT NULL').get() as {
      row_id: string;
      rejected_reason: string;
    };
    expect(rejection.row_id).toBe(bobsEntry);
    expect(rejection.rejected_reason).toMatch(/only your own time entries/);
    // Not lost: the local edit is still there to retry or discard; the central is unchanged.
    expect(laptop.db.prepare('SELECT note FROM time_entries WHERE id = ?').pluck().get(bobsEntry)).toBe('Alice was here');
    expect((await central.admin.query('SELECT note FROM time_entries WHERE id = $1', [bobsEntry])).rows[0].note).toBe('Bob’s hours');
    // Later mutations went through, and the rejection is recorded centrally too.
    expect((await central.admin.query('SELECT count(*)::int AS n FROM time_entries WHERE id = $1', [own])).rows[0].n).toBe(1);
    expect((await central.admin.query('SELECT reason FROM _sync_rejections')).rows).toHaveLength(1);
    // A rejected mutation is not sent again by itself.
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ pushed: 0, rejected: 0 });
  });

  it('refuses changes to an entry on a sent invoice (locked) with its reason', async () => {
    const entry = addEntry(admin, ids.alice, ids.project, 60, 'billed');
    await syncOnce(admin, central.url);
    const aliceUrl = await central.consultantUrl(ids.alice);
    const laptop = newReplica('alice');
    await syncOnce(laptop, aliceUrl);

    // Billing invoices the entry and sends the invoice, directly in PostgreSQL.
    await central.admin.query(
      `INSERT INTO invoices (id, client_id, project_id, number, issued_on, due_on, status) VALUES (gen_random_uuid(), $1, $2, 'INV-1', '2026-11-21', '2026-12-05', 'sent')`,
      [ids.client, ids.project],
    );
    await central.admin.query(`UPDATE time_entries SET invoice_id = (SELECT id FROM invoices WHERE number = 'INV-1') WHERE id = $1`, [
      entry,
    ]);

    laptop.transaction(() => laptop.update('time_entries', entry, { minutes: 90 }));
    const result = await syncOnce(laptop, aliceUrl);
    expect(result.rejected).toBe(1);
    expect(laptop.db.prepare('SELECT rejected_reason FROM outbox').pluck().get()).toMatch(/locked/);
    expect((await central.admin.query('SELECT minutes FROM time_entries WHERE id = $1', [entry])).rows[0].minutes).toBe(60);
  });
});

describe('retry and discard', () => {
  it('discarding a rejected change restores the central version; retrying sends it again', async () => {
    const { bobsEntry, aliceUrl, laptop } = await alicesLaptopAndBobsEntry();

    laptop.transaction(() => laptop.update('time_entries', bobsEntry, { note: 'Alice was here' }));
    await syncOnce(laptop, aliceUrl);
    const [rejection] = listRejections(laptop);
    expect(rejection).toMatchObject({ table: 'time_entries', rowId: bobsEntry, op: 'upsert' });
    expect(rejection!.summary).toContain('60 min on Pipeline MVP');

    // Retry: still refused (it is still Bob's entry), recorded again, still not lost.
    retryRejection(laptop, rejection!.mutationId);
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 1 });
    expect(listRejections(laptop)).toHaveLength(1);

    // Discard: the local edit goes, the central version comes back.
    discardRejection(laptop, listRejections(laptop)[0]!.mutationId);
    await syncOnce(laptop, aliceUrl);
    expect(listRejections(laptop)).toHaveLength(0);
    expect(laptop.db.prepare('SELECT note FROM time_entries WHERE id = ?').pluck().get(bobsEntry)).toBe('Bob’s hours');
  });
});
