// Invoicing against a REAL central PostgreSQL, with real login roles: an admin login (a member of
// ops_admin) and consultant logins. Two laptops invoicing offline never collide (a copied replica
// included), only admins invoice, the locks hold for pushes and direct writes alike, and an
// invoice's lifecycle never goes back.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/time';
import { freshCentral, type TestCentral } from '../central/testing';
import { testServerUrl } from '../central/test-database';
import { openReplica } from '../db/open';
import { syncOnce } from '../sync/engine';
import { centralRows, newReplica, replicaRows } from '../sync/fixtures';
import { listRejections } from '../sync/rejections';
import { Replica } from '../sync/replica';
import { tempDir } from '../testing';
import { replicaTag } from './numbering';
import { invoicingReplica, logHours, ZONE, type InvoicingIds } from './testing';
import { createInvoice, payInvoice, sendInvoice, voidInvoice, type InvoiceClock } from './writes';

let central: TestCentral;
let ids: InvoicingIds;
let adminUrl: string;
let adminRole: string;
const clock = (): InvoiceClock => ({ timeZone: ZONE, today: localDay(new Date().toISOString(), ZONE) });
const march = () => ({ clientId: ids.client, from: '2026-03-01', to: '2026-03-31', timeZone: ZONE });

beforeEach(async () => {
  central = await freshCentral();
  const hq = invoicingReplica('hq');
  ids = hq.ids;
  await syncOnce(hq.replica, central.url);
  hq.replica.db.close();
  // An admin with their own login: a member of ops_admin, not a superuser, mapped to no consultant.
  adminRole = `${central.name}_admin`;
  await central.admin.query(`CREATE ROLE ${adminRole} LOGIN PASSWORD 'admin-pw' IN ROLE ops_admin`);
  const url = new URL(central.url);
  url.username = adminRole;
  url.password = 'admin-pw';
  adminUrl = url.toString();
});
afterEach(async () => {
  await central.drop();
  const server = new pg.Client({ connectionString: testServerUrl() });
  await server.connect();
  await server.query(`DROP ROLE IF EXISTS ${adminRole}`);
  await server.end();
});

async function adminLaptop(name: string): Promise<Replica> {
  const laptop = newReplica(name);
  await syncOnce(laptop, adminUrl);
  return laptop;
}

const hours = (laptop: Replica, project: string, day: string, minutes: number, consultant = ids.alice) =>
  logHours(laptop, { project, consultant, startedAt: `${day}T00:00:00Z`, minutes, rateCents: 19000 });

async function centralInvoices() {
  const { rows } = await central.admin.query<{ id: string; number: string; status: string; entries: number }>(
    'SELECT i.id, i.number, i.status, (SELECT count(*)::int FROM time_entries e WHERE e.invoice_id = i.id) AS entries FROM invoices i ORDER BY number',
  );
  return rows;
}

describe('two laptops invoicing offline', () => {
  it('number their invoices apart; after both sync, both invoices are kept with their hours', async () => {
    const a = await adminLaptop('a');
    const b = await adminLaptop('b');
    hours(a, ids.project, '2026-03-02', 60);
    hours(b, ids.project2, '2026-03-03', 90, ids.bob);
    // Offline: each creates and sends an invoice of the same client and period.
    const fromA = createInvoice(a, march(), clock());
    const fromB = createInvoice(b, march(), clock());
    sendInvoice(b, fromB.id, clock());
    expect(fromA.number).toMatch(new RegExp(`^INV-\\d{4}-${replicaTag(a.clientId)}-0001$`));
    expect(fromB.number).toMatch(new RegExp(`^INV-\\d{4}-${replicaTag(b.clientId)}-0001$`));
    expect(fromA.number).not.toBe(fromB.number);

    expect(await syncOnce(a, adminUrl)).toMatchObject({ rejected: 0 });
    expect(await syncOnce(b, adminUrl)).toMatchObject({ rejected: 0 });
    await syncOnce(a, adminUrl);
    expect(await centralInvoices()).toEqual(
      [
        { id: fromA.id, number: fromA.number, status: 'draft', entries: 1 },
        { id: fromB.id, number: fromB.number, status: 'sent', entries: 1 },
      ].sort((x, y) => x.number.localeCompare(y.number)),
    );
    expect(replicaRows(a)).toEqual(await centralRows(central.admin));
    expect(replicaRows(b)).toEqual(await centralRows(central.admin));
  });

  it('a copied replica numbers like its original until its first sync; the central renumbers its invoice and keeps both', async () => {
    const original = await adminLaptop('original');
    const copyPath = path.join(tempDir(), 'copy.sqlite');
    await original.db.backup(copyPath);
    const copy = new Replica(openReplica(copyPath));
    expect(copy.clientId).toBe(original.clientId);
    hours(original, ids.project, '2026-03-02', 60);
    hours(copy, ids.project2, '2026-03-03', 45);
    const mine = createInvoice(original, march(), clock());
    const theirs = createInvoice(copy, march(), clock());
    expect(theirs.number).toBe(mine.number); // same tag, same count: the collision this guards against

    expect(await syncOnce(original, adminUrl)).toMatchObject({ rejected: 0 });
    const copied = await syncOnce(copy, adminUrl);
    expect(copied).toMatchObject({ rejected: 0, notice: expect.stringMatching(/copied or restored/) });
    await syncOnce(original, adminUrl);

    const suffix = theirs.id.replace(/-/g, '').slice(-4).toUpperCase();
    expect(await centralInvoices()).toEqual([
      { id: mine.id, number: mine.number, status: 'draft', entries: 1 },
      { id: theirs.id, number: `${mine.number}-${suffix}`, status: 'draft', entries: 1 },
    ]);
    // The copy took the new number back on its pull; it numbers its next invoices with a new tag.
    expect(copy.db.prepare('SELECT number FROM invoices WHERE id = ?').pluck().get(theirs.id)).toBe(`${mine.number}-${suffix}`);
    expect(replicaTag(copy.clientId)).not.toBe(replicaTag(original.clientId));
    hours(copy, ids.project2, '2026-03-04', 30);
    expect(createInvoice(copy, march(), clock()).number).toMatch(new RegExp(`-${replicaTag(copy.clientId)}-0001$`));
    // Sending it again later (now with the new number) changes nothing more.
    sendInvoice(copy, theirs.id, clock());
    expect(await syncOnce(copy, adminUrl)).toMatchObject({ rejected: 0 });
    await syncOnce(original, adminUrl);
    expect(replicaRows(original)).toEqual(await centralRows(central.admin));
    expect(replicaRows(copy)).toEqual(await centralRows(central.admin));
  });
});

describe('only admins invoice', () => {
  it('refuses a consultant’s invoice and the hours put on it, and the laptop keeps both', async () => {
    const aliceUrl = await central.consultantUrl(ids.alice);
    const laptop = newReplica('alice');
    await syncOnce(laptop, aliceUrl);
    const entry = hours(laptop, ids.project, '2026-03-02', 60);
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 0 });

    const invoice = createInvoice(laptop, march(), clock());
    const result = await syncOnce(laptop, aliceUrl);
    expect(result.rejected).toBe(2); // the invoice, and the entry put on it
    const rejections = listRejections(laptop);
    expect(rejections.map((r) => [r.table, r.reason])).toEqual([
      ['invoices', expect.stringMatching(/only an admin can create or change invoices/)],
      ['time_entries', expect.stringMatching(/only an admin can put hours on an invoice/)],
    ]);
    expect(await centralInvoices()).toEqual([]);
    const stored = await central.admin.query('SELECT invoice_id FROM time_entries WHERE id = $1', [entry]);
    expect(stored.rows[0]).toEqual({ invoice_id: null });
    // Nothing is lost on the laptop: the invoice and the attached entry are still there, with their values.
    expect(laptop.db.prepare('SELECT invoice_id FROM time_entries WHERE id = ?').pluck().get(entry)).toBe(invoice.id);
    expect(rejections[0]!.values).toMatchObject({ number: invoice.number, status: 'draft' });
    // The same push by an admin's login is accepted.
    const admins = await adminLaptop('admin');
    createInvoice(admins, march(), clock());
    expect(await syncOnce(admins, adminUrl)).toMatchObject({ rejected: 0 });
    expect(await centralInvoices()).toHaveLength(1);
  });

  it('does not refuse a consultant’s edit made before they saw their entry invoiced, but refuses it once sent (locked)', async () => {
    const aliceUrl = await central.consultantUrl(ids.alice);
    const laptop = newReplica('alice');
    await syncOnce(laptop, aliceUrl);
    const entry = hours(laptop, ids.project, '2026-03-02', 60);
    await syncOnce(laptop, aliceUrl);
    const admin = await adminLaptop('admin');
    const invoice = createInvoice(admin, march(), clock());
    await syncOnce(admin, adminUrl);

    // Alice has not pulled: her copy of invoice_id (null) is stale and loses; her note arrives.
    laptop.transaction(() => laptop.update('time_entries', entry, { note: 'more detail' }));
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 0 });
    const stored = await central.admin.query('SELECT note, invoice_id FROM time_entries WHERE id = $1', [entry]);
    expect(stored.rows[0]).toEqual({ note: 'more detail', invoice_id: invoice.id });
    expect(laptop.db.prepare('SELECT invoice_id FROM time_entries WHERE id = ?').pluck().get(entry)).toBe(invoice.id);

    await syncOnce(admin, adminUrl);
    sendInvoice(admin, invoice.id, clock());
    await syncOnce(admin, adminUrl);
    // Offline, before pulling the send, Alice edits again: the central says locked.
    laptop.transaction(() => laptop.update('time_entries', entry, { minutes: 90 }));
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 1 });
    expect(listRejections(laptop)[0]!.reason).toMatch(new RegExp(`on invoice ${invoice.number}, which has been sent, so it is locked`));
    expect((await central.admin.query('SELECT minutes FROM time_entries WHERE id = $1', [entry])).rows[0]).toEqual({ minutes: 60 });
  });
});

describe('the central database keeps the locks and the lifecycle', () => {
  it('voiding on a laptop releases the hours at the central; another laptop’s late payment of it is refused', async () => {
    const a = await adminLaptop('a');
    hours(a, ids.project, '2026-03-02', 60);
    hours(a, ids.project, '2026-03-03', 30);
    const invoice = createInvoice(a, march(), clock());
    sendInvoice(a, invoice.id, clock());
    await syncOnce(a, adminUrl);
    const b = await adminLaptop('b'); // has the sent invoice

    voidInvoice(a, invoice.id, clock());
    expect(await syncOnce(a, adminUrl)).toMatchObject({ rejected: 0 });
    expect(await centralInvoices()).toEqual([{ id: invoice.id, number: invoice.number, status: 'void', entries: 0 }]);

    payInvoice(b, invoice.id, undefined, clock());
    expect(await syncOnce(b, adminUrl)).toMatchObject({ rejected: 1 });
    expect(listRejections(b)[0]!.reason).toMatch(/is void in the central database, so it cannot become paid/);
    expect((await centralInvoices())[0]!.status).toBe('void');
  });

  it('refuses direct writes that break a lock or go back in the lifecycle', async () => {
    const a = await adminLaptop('a');
    const entry = hours(a, ids.project, '2026-03-02', 60);
    const other = hours(a, ids.project2, '2026-04-02', 60);
    const first = createInvoice(a, march(), clock());
    sendInvoice(a, first.id, clock());
    const second = createInvoice(a, { ...march(), from: '2026-04-01', to: '2026-04-30' }, clock());
    await syncOnce(a, adminUrl);
    const sql = central.admin;

    await expect(sql.query('UPDATE time_entries SET invoice_id = NULL WHERE id = $1', [entry])).rejects.toThrow(/locked/);
    await expect(sql.query('DELETE FROM time_entries WHERE id = $1', [entry])).rejects.toThrow(/locked/);
    await expect(sql.query('UPDATE time_entries SET invoice_id = $2 WHERE id = $1', [entry, second.id])).rejects.toThrow(/locked/);
    // A draft's entry cannot be put on another invoice either (billed twice).
    await expect(sql.query('UPDATE time_entries SET invoice_id = $2 WHERE id = $1', [other, first.id])).rejects.toThrow(
      new RegExp(`already on invoice ${second.number}`),
    );
    await expect(sql.query('UPDATE invoices SET total_cents = 1 WHERE id = $1', [first.id])).rejects.toThrow(/can no longer change/);
    await expect(sql.query(`UPDATE invoices SET status = 'draft' WHERE id = $1`, [first.id])).rejects.toThrow(/cannot become draft/);
    await expect(sql.query(`UPDATE invoices SET status = 'paid' WHERE id = $1`, [second.id])).rejects.toThrow(/cannot become paid/);
    await expect(sql.query(`UPDATE invoices SET status = 'paid', paid_on = issued_on - 1 WHERE id = $1`, [first.id])).rejects.toThrow(
      /invoices_paid_on/,
    );
    // Billing may record the payment, or void; once void, the hours come off.
    await sql.query(`UPDATE invoices SET status = 'void' WHERE id = $1`, [first.id]);
    await sql.query('UPDATE time_entries SET invoice_id = NULL WHERE id = $1', [entry]);
    await expect(sql.query(`UPDATE invoices SET status = 'sent' WHERE id = $1`, [first.id])).rejects.toThrow(
      /void in the central database/,
    );
    // A number already taken is refused to a direct writer (renumbering is for laptops' sync writes).
    await expect(
      sql.query(
        `INSERT INTO invoices (id, client_id, number, issued_on, due_on, status) VALUES ($1, $2, $3, '2026-11-01', '2026-11-15', 'draft')`,
        [crypto.randomUUID(), ids.client, first.number],
      ),
    ).rejects.toThrow(/duplicate key/);
    // The laptop takes it all back.
    expect(await syncOnce(a, adminUrl)).toMatchObject({ rejected: 0 });
    expect(replicaRows(a)).toEqual(await centralRows(central.admin));
  });
});
