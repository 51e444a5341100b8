// The central database trusts no client: a consultant with their own login and psql tries to
// damage a colleague's data. Each attack is plain SQL as that login; after it, the colleague's
// laptop still has its rows, syncs, and its next edit arrives.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny, type TinyIds } from './fixtures';
import type { Replica } from './replica';
import { discardRejection, listRejections } from './rejections';

let central: TestCentral;
let ids: TinyIds;
let aliceUrl: string;
let bobUrl: string;
let bobsLaptop: Replica;
let bobsEntry: string;
let psql: pg.Client; // Alice, hostile, with her own login

beforeEach(async () => {
  central = await freshCentral();
  const admin = newReplica('admin');
  ids = seedTiny(admin);
  await syncOnce(admin, central.url);
  aliceUrl = await central.consultantUrl(ids.alice);
  bobUrl = await central.consultantUrl(ids.bob);
  bobsLaptop = newReplica('bob');
  await syncOnce(bobsLaptop, bobUrl);
  bobsEntry = addEntry(bobsLaptop, ids.bob, ids.project, 90, 'Bob’s real hours');
  await syncOnce(bobsLaptop, bobUrl);
  psql = new pg.Client({ connectionString: aliceUrl });
  await psql.connect();
});
afterEach(async () => {
  await psql.end();
  await central.drop();
});

/** Bob's laptop after an attack: its rows are intact, it syncs, and its next edit arrives. */
async function bobIsUnharmed() {
  const result = await syncOnce(bobsLaptop, bobUrl);
  expect(result.rejected).toBe(0);
  expect(bobsLaptop.db.prepare('SELECT note, minutes FROM time_entries WHERE id = ?').get(bobsEntry)).toEqual({
    note: 'Bob’s real hours',
    minutes: 90,
  });
  bobsLaptop.transaction(() => bobsLaptop.update('time_entries', bobsEntry, { note: 'Bob’s next edit' }));
  expect(await syncOnce(bobsLaptop, bobUrl)).toMatchObject({ pushed: 1, rejected: 0 });
  const central_ = await central.admin.query('SELECT note, minutes FROM time_entries WHERE id = $1', [bobsEntry]);
  expect(central_.rows[0]).toEqual({ note: 'Bob’s next edit', minutes: 90 });
  expect(replicaRows(bobsLaptop)).toEqual(await centralRows(central.admin, { asConsultant: true }));
}

/** One run of mutations as the push function takes them. */
function run(table: string, op: 'upsert' | 'delete', mutations: Array<{ m: number; id: string; hlc: string; row?: unknown }>) {
  return {
    table,
    op,
    ms: mutations.map((x) => x.m),
    ids: mutations.map((x) => x.id),
    hlcs: mutations.map((x) => x.hlc),
    ...(op === 'upsert' ? { rows: mutations.map((x) => x.row ?? null) } : {}),
  };
}

/** Alice calls the push function by hand with whatever she likes. */
function pushAsAlice(client: string, knownLast: number, runs: unknown) {
  return psql.query<{ answer: { status: string; rejected?: Array<{ reason: string }> } }>('SELECT ops_push($1, $2, $3::jsonb) AS answer', [
    client,
    knownLast,
    JSON.stringify(runs),
  ]);
}

function entryRow(id: string, values: Record<string, unknown>) {
  return {
    id,
    project_id: ids.project,
    consultant_id: ids.alice,
    started_at: '2026-11-20T00:00:00.000Z',
    minutes: 30,
    billable: true,
    note: 'mine',
    rate_cents: 19000,
    invoice_id: null,
    _hlc: new Date().getTime().toString(36).padStart(9, '0') + '-0000-alice',
    _clocks: {},
    ...values,
  };
}

describe('a consultant login has no direct write privilege', () => {
  it.each([
    [
      'tombstone a colleague’s entry',
      () => `INSERT INTO _tombstones (table_name, row_id, _hlc) VALUES ('time_entries', '${bobsEntry}', 'zzzzzzzzz-0000-x')`,
    ],
    ['delete a colleague’s entry', () => `DELETE FROM time_entries WHERE id = '${bobsEntry}'`],
    ['write a malformed clock', () => `UPDATE time_entries SET _hlc = 'garbage' WHERE id = '${bobsEntry}'`],
    ['write a far-future clock', () => `UPDATE time_entries SET _clocks = '{"note": "zzzzzzzzz-0000-evil"}' WHERE id = '${bobsEntry}'`],
    [
      'insert an entry directly',
      () =>
        `INSERT INTO time_entries (id, project_id, consultant_id, started_at, minutes, rate_cents, _hlc) VALUES (gen_random_uuid(), '${ids.project}', '${ids.alice}', now(), 5, 1, 'x')`,
    ],
    [
      'fill a colleague’s rejections',
      () =>
        `INSERT INTO _sync_rejections (client_id, mutation_id, table_name, row_id, reason) VALUES ('${bobsLaptop.clientId}', 99, 't', gen_random_uuid(), 'x')`,
    ],
    ['advance a colleague’s ledger', () => `UPDATE _sync_clients SET last_mutation = 1000000`],
    ['read the ledger', () => `SELECT * FROM _sync_clients`],
    ['map herself to a colleague', () => `INSERT INTO consultant_roles VALUES (current_user, '${ids.bob}')`],
    ['read cost rates', () => `SELECT cost_rate_cents FROM consultants`],
    ['purge tombstones', () => `SELECT ops_purge_tombstones('0 seconds')`],
  ])('cannot %s', async (_what, statement) => {
    await expect(psql.query(statement())).rejects.toThrow(/permission denied/);
    await bobIsUnharmed();
  });

  it('gains nothing from the old “this is a sync write” setting', async () => {
    await psql.query("SELECT set_config('ops.sync', 'on', false)");
    await expect(psql.query(`UPDATE time_entries SET note = 'x' WHERE id = '${bobsEntry}'`)).rejects.toThrow(/permission denied/);
    await bobIsUnharmed();
  });
});

describe('the push function decides what a login may change', () => {
  it('refuses to change or delete a colleague’s entry, even with a temporary table posing as the role map', async () => {
    await psql.query('CREATE TEMP TABLE consultant_roles (role_name text, consultant_id uuid)');
    await psql.query(`INSERT INTO consultant_roles VALUES (current_user, '${ids.bob}')`);
    const edit = await pushAsAlice(ids.alice, 0, [
      run('time_entries', 'upsert', [
        { m: 1, id: bobsEntry, hlc: 'x', row: entryRow(bobsEntry, { consultant_id: ids.bob, note: 'defaced' }) },
      ]),
      run('time_entries', 'delete', [{ m: 2, id: bobsEntry, hlc: 'zzzzzzzzz-0000-evil' }]),
    ]);
    expect(edit.rows[0]!.answer.rejected!.map((r) => r.reason)).toEqual([
      expect.stringMatching(/only your own time entries/),
      expect.stringMatching(/only your own time entries/),
    ]);
    await bobIsUnharmed();
  });

  it('cannot push under a colleague’s client id: the id is bound to its login', async () => {
    const answer = await pushAsAlice(bobsLaptop.clientId, 100, []);
    expect(answer.rows[0]!.answer.status).toBe('taken');
    await bobIsUnharmed();
  });

  it('replaces malformed and far-future clocks with the server’s, so later edits by others still win', async () => {
    const own = crypto.randomUUID();
    const answer = await pushAsAlice(crypto.randomUUID(), 0, [
      run('time_entries', 'upsert', [
        {
          m: 1,
          id: own,
          hlc: 'zzzzzzzzz-0000-evil',
          row: entryRow(own, { _hlc: 'garbage', _clocks: { note: 'zzzzzzzzz-zzzz-evil', minutes: 7 } }),
        },
      ]),
    ]);
    expect(answer.rows[0]!.answer).toMatchObject({ status: 'ok', restamped: 1, rejected: [] });
    const stored = await central.admin.query('SELECT _hlc, _clocks FROM time_entries WHERE id = $1', [own]);
    expect(stored.rows[0]._hlc).toMatch(/-server$/);
    expect(Object.values(stored.rows[0]._clocks as Record<string, string>).every((s) => s.endsWith('-server'))).toBe(true);
    // Billing corrects it afterwards: that edit wins, everywhere.
    await central.admin.query(`UPDATE time_entries SET note = 'corrected by billing' WHERE id = $1`, [own]);
    await bobIsUnharmed();
    expect(bobsLaptop.db.prepare('SELECT note FROM time_entries WHERE id = ?').pluck().get(own)).toBe('corrected by billing');
  });

  it('takes an entry’s rate from the project and refuses a consultant’s invoice_id (0005: a visible rejection)', async () => {
    const invoice = crypto.randomUUID();
    await central.admin.query(
      `INSERT INTO invoices (id, client_id, project_id, number, issued_on, due_on, status) VALUES ($1, $2, $3, 'INV-9', '2026-11-21', '2026-12-05', 'sent')`,
      [invoice, ids.client, ids.project],
    );
    const own = crypto.randomUUID();
    const attached = await pushAsAlice(crypto.randomUUID(), 0, [
      run('time_entries', 'upsert', [{ m: 1, id: own, hlc: 'x', row: entryRow(own, { rate_cents: 99_999_00, invoice_id: invoice }) }]),
    ]);
    expect(attached.rows[0]!.answer.rejected).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/only an admin can put hours on an invoice/) }),
    ]);
    expect((await central.admin.query('SELECT count(*)::int AS n FROM time_entries WHERE id = $1', [own])).rows[0].n).toBe(0);
    const rated = crypto.randomUUID();
    await pushAsAlice(crypto.randomUUID(), 0, [
      run('time_entries', 'upsert', [{ m: 1, id: rated, hlc: 'x', row: entryRow(rated, { rate_cents: 99_999_00 }) }]),
    ]);
    const stored = await central.admin.query('SELECT rate_cents, invoice_id FROM time_entries WHERE id = $1', [rated]);
    expect(stored.rows[0]).toEqual({ rate_cents: 19000, invoice_id: null });

    // The same through the app: the laptop takes the server's rate back on its pull; the invoice_id
    // is refused, kept with its values in the rejection, and discarding it brings the central's back.
    const laptop = newReplica('alice');
    await syncOnce(laptop, aliceUrl);
    const mine = addEntry(laptop, ids.alice, ids.project, 45, 'honest hours');
    laptop.transaction(() => laptop.update('time_entries', mine, { rate_cents: 1 }));
    await syncOnce(laptop, aliceUrl);
    expect(laptop.db.prepare('SELECT rate_cents, invoice_id FROM time_entries WHERE id = ?').get(mine)).toEqual({
      rate_cents: 19000,
      invoice_id: null,
    });
    laptop.transaction(() => laptop.update('time_entries', mine, { invoice_id: invoice }));
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 1 });
    const [rejection] = listRejections(laptop);
    expect(rejection).toMatchObject({ rowId: mine, values: expect.objectContaining({ invoice_id: invoice }) });
    discardRejection(laptop, rejection!.mutationId);
    await syncOnce(laptop, aliceUrl);
    expect(laptop.db.prepare('SELECT invoice_id FROM time_entries WHERE id = ?').pluck().get(mine)).toBeNull();
    expect(replicaRows(laptop)).toEqual(await centralRows(central.admin, { asConsultant: true }));
    await bobIsUnharmed();
  });

  it('cannot stall a colleague’s sync by holding their ledger row in an open transaction', async () => {
    await psql.query('BEGIN');
    expect((await pushAsAlice(bobsLaptop.clientId, 0, [])).rows[0]!.answer.status).toBe('taken');
    // Alice leaves the transaction open; Bob's push must not wait for it.
    bobsLaptop.transaction(() => bobsLaptop.update('time_entries', bobsEntry, { minutes: 95 }));
    const synced = await Promise.race([
      syncOnce(bobsLaptop, bobUrl).then(() => 'synced'),
      new Promise((resolve) => setTimeout(() => resolve('stalled'), 5_000)),
    ]);
    await psql.query('ROLLBACK');
    expect(synced).toBe('synced');
    bobsLaptop.transaction(() => bobsLaptop.update('time_entries', bobsEntry, { minutes: 90 }));
    await bobIsUnharmed();
  });

  it('re-derives an entry’s rate when a consultant moves it to another project', async () => {
    await central.admin.query('UPDATE projects SET hourly_rate_cents = 10000 WHERE id = $1', [ids.project2]);
    const laptop = newReplica('alice');
    await syncOnce(laptop, aliceUrl);
    const mine = addEntry(laptop, ids.alice, ids.project, 60, 'moved later');
    await syncOnce(laptop, aliceUrl);
    laptop.transaction(() => laptop.update('time_entries', mine, { project_id: ids.project2 }));
    await syncOnce(laptop, aliceUrl);
    const { rows } = await central.admin.query('SELECT project_id::text AS project, rate_cents FROM time_entries WHERE id = $1', [mine]);
    expect(rows[0]).toEqual({ project: ids.project2, rate_cents: 10000 });
    expect(laptop.db.prepare('SELECT rate_cents FROM time_entries WHERE id = ?').pluck().get(mine)).toBe(10000);
  });

  it('lets a consultant request and cancel a pipeline job, never write its progress or result', async () => {
    const pipeline = crypto.randomUUID();
    await central.admin.query(`INSERT INTO pipelines (id, slug, name) VALUES ($1, 'nightly', 'Nightly')`, [pipeline]);
    const laptop = newReplica('alice');
    await syncOnce(laptop, aliceUrl);
    const job = laptop.newId();
    const base = {
      id: job,
      pipeline_id: pipeline,
      project_id: null,
      params: '{}',
      requested_by: ids.alice,
      requested_at: new Date().toISOString(),
    };
    laptop.transaction(() =>
      laptop.insert('pipeline_jobs', {
        ...base,
        status: 'succeeded',
        started_at: null,
        finished_at: null,
        error: null,
        result_summary: 'forged',
      }),
    );
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 1 });
    const honest = laptop.newId();
    laptop.transaction(() =>
      laptop.insert('pipeline_jobs', {
        ...base,
        id: honest,
        status: 'requested',
        started_at: null,
        finished_at: null,
        error: null,
        result_summary: null,
      }),
    );
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 0 });
    // The worker fails it; Alice cannot turn that into a success, but may cancel a running one.
    await central.admin.query(`UPDATE pipeline_jobs SET status = 'failed', error = 'timeout' WHERE id = $1`, [honest]);
    await syncOnce(laptop, aliceUrl);
    laptop.transaction(() => laptop.update('pipeline_jobs', honest, { status: 'succeeded', error: null, result_summary: 'all green' }));
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 1 });
    expect((await central.admin.query('SELECT status, error FROM pipeline_jobs WHERE id = $1', [honest])).rows[0]).toEqual({
      status: 'failed',
      error: 'timeout',
    });
    // (A failed job stays failed: a job's status never goes backwards, migration 0003. A new one runs.)
    const running = laptop.newId();
    await central.admin.query(
      `INSERT INTO pipeline_jobs (id, pipeline_id, status, params, requested_by, requested_at) VALUES ($1, $2, 'running', '{}', $3, now())`,
      [running, pipeline, ids.alice],
    );
    const { listRejections, discardRejection } = await import('./rejections');
    for (const r of listRejections(laptop)) discardRejection(laptop, r.mutationId);
    await syncOnce(laptop, aliceUrl);
    laptop.transaction(() => laptop.update('pipeline_jobs', running, { status: 'cancelled' }));
    expect(await syncOnce(laptop, aliceUrl)).toMatchObject({ rejected: 0 });
    expect((await central.admin.query('SELECT status FROM pipeline_jobs WHERE id = $1', [running])).rows[0].status).toBe('cancelled');
  });

  it('gives a consultant’s replica no cost rates, and an admin’s all of them', async () => {
    const laptop = newReplica('alice');
    await syncOnce(laptop, aliceUrl);
    expect(laptop.db.prepare('SELECT DISTINCT cost_rate_cents FROM consultants').pluck().all()).toEqual([null]);
    const adminLaptop = newReplica('admin2');
    await syncOnce(adminLaptop, central.url);
    expect(adminLaptop.db.prepare('SELECT DISTINCT cost_rate_cents FROM consultants').pluck().all()).toEqual([9000]);
  });
});
