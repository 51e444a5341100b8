// A model-based test of the whole sync protocol (fast-check). Laptops (consultant logins) and a
// direct server writer make random inserts, edits, deletes and undeletes, offline, and sync in
// random orders, with copied replica files, clocks a day or a year off, a login switched on a
// laptop, transient server errors, answers lost after the server committed (a crash after commit)
// and pulls cut off half way. Afterwards everything syncs and the invariant is checked:
//   1. every replica equals the central database row for row;
//   2. no edit a user made vanished: each is in the central database, or was overtaken by a later
//      write or delete of that row and column, or is in a visible rejection with its values.
// `npm test` runs a few hundred cases; `npm run test:model -- --runs N` runs more.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCentral, type Central } from '../central/connection';
import { freshCentral, type TestCentral } from '../central/testing';
import { openReplica } from '../db/open';
import { SYNCED_TABLES } from '../db/schema';
import { tempDir } from '../testing';
import { syncOnce } from './engine';
import { centralRows, replicaRows, seedTiny, type TinyIds } from './fixtures';
import { discardRejection, listRejections } from './rejections';
import { Replica } from './replica';

const RUNS = Number(process.env.OPS_MODEL_RUNS ?? 200);
const DAY = 86_400_000;
const MAX_LAPTOPS = 4;

type Fault = 'none' | 'lost-answer' | 'transient' | 'pull-cut' | 'edit-during-pull';
type Column = 'note' | 'minutes' | 'billable';
type Action =
  | { kind: 'insert'; laptop: number }
  | { kind: 'edit'; laptop: number; pick: number; column: Column }
  | { kind: 'delete'; laptop: number; pick: number }
  | { kind: 'server-edit'; pick: number }
  | { kind: 'server-delete'; pick: number }
  | { kind: 'server-undelete'; pick: number }
  | { kind: 'sync'; laptop: number; fault: Fault }
  | { kind: 'copy'; laptop: number }
  | { kind: 'clock'; laptop: number; skew: number }
  | { kind: 'switch-login'; laptop: number };

const laptop = fc.nat(MAX_LAPTOPS - 1);
const pick = fc.nat(50);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), laptop }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      laptop,
      pick,
      column: fc.constantFrom<Column>('note', 'minutes', 'billable'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), laptop, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('server-edit' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('server-delete' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('server-undelete' as const), pick }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      laptop,
      fault: fc.constantFrom<Fault>('none', 'none', 'lost-answer', 'transient', 'pull-cut', 'edit-during-pull'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), laptop }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), laptop, skew: fc.constantFrom(0, DAY, -DAY, 365 * DAY) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('switch-login' as const), laptop }) },
);

/** A write someone made: `seq` orders all writes and deletes in real time. */
interface Write {
  seq: number;
  by: string;
  row: string;
  column: Column | '*';
  value: unknown;
}

interface Laptop {
  name: string;
  file: string;
  replica: Replica;
  login: 'alice' | 'bob';
  skew: number;
}

let central: TestCentral;
let urls: { alice: string; bob: string };
let roles: { alice: string; bob: string };

beforeAll(async () => {
  central = await freshCentral();
  // Two consultant logins for every case; each case maps them to its own consultants.
  const placeholder = '00000000-0000-0000-0000-000000000000';
  await central.admin.query(
    `INSERT INTO consultants (id, name, email, default_rate_cents, cost_rate_cents, weekly_capacity_hours) VALUES ($1, 'placeholder', 'p@example.com', 0, 0, 0)`,
    [placeholder],
  );
  urls = { alice: await central.consultantUrl(placeholder), bob: await central.consultantUrl(placeholder) };
  roles = { alice: new URL(urls.alice).username, bob: new URL(urls.bob).username };
}, 60_000);
afterAll(async () => {
  await central.drop();
});

/** The next distinct millisecond: writes in real-time order get clocks in that order. */
const nextMs = () => new Promise((resolve) => setTimeout(resolve, 2));

/**
 * A connection that misbehaves once in the way `fault` says, then behaves. 'edit-during-pull' runs
 * `duringPull` (a user's edit) after the pull has read the rows and before it applies the deletes.
 */
async function faultyConnection(url: string, fault: Fault, duringPull: (deleting: string[]) => Promise<void>): Promise<Central> {
  const client = await connectCentral(url);
  if (fault === 'none') return client;
  let armed = true;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');

    if (armed && fault === 'transient' && text.includes('ops_push')) {
      armed = false;
      throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
    }
    if (armed && fault === 'pull-cut' && text.includes('FROM time_entries t')) {
      armed = false;
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    }
    const result = await query(...args);
    if (armed && fault === 'edit-during-pull' && text.includes('FROM _tombstones')) {
      armed = false;
      await duringPull((result as { rows: Array<{ row_id: string }> }).rows.map((r) => r.row_id));
    }
    if (armed && fault === 'lost-answer' && text.includes('ops_push')) {
      armed = false;
      throw new Error('Connection terminated unexpectedly'); // committed on the server; the answer is lost
    }
    return result;
  };
  return client;
}

async function resetCentral(): Promise<void> {
  const tables = [...SYNCED_TABLES, '_tombstones', '_sync_clients', '_sync_rejections', 'consultant_roles'].join(', ');
  await central.admin.query(`TRUNCATE ${tables}`);
}

async function runCase(actions: Action[]): Promise<void> {
  await resetCentral();
  const dir = tempDir('ops-model-');
  try {
    const origin = new Replica(openReplica(path.join(dir, 'origin.sqlite')));
    const ids: TinyIds = seedTiny(origin);
    await syncOnce(origin, central.url);
    await central.admin.query('INSERT INTO consultant_roles (role_name, consultant_id) VALUES ($1, $2), ($3, $4)', [
      roles.alice,
      ids.alice,
      roles.bob,
      ids.bob,
    ]);
    const consultantOf = { alice: ids.alice, bob: ids.bob };

    const laptops: Laptop[] = [];
    const open = (name: string, file: string, login: Laptop['login'], skew: number) => {
      const entry: Laptop = { name, file, login, skew, replica: undefined as unknown as Replica };
      entry.replica = new Replica(openReplica(file), () => Date.now() + entry.skew);
      laptops.push(entry);
      return entry;
    };
    for (const [i, login] of (['alice', 'bob', 'alice'] as const).entries()) {
      const l = open(`laptop${i}`, path.join(dir, `laptop${i}.sqlite`), login, 0);
      await syncOnce(l.replica, urls[l.login]);
    }

    const writes: Write[] = [];
    let seq = 0;
    const deletedRows = new Map<string, Record<string, unknown>>();
    const entriesOf = (r: Replica) => r.db.prepare('SELECT id FROM time_entries ORDER BY id').pluck().all() as string[];
    const centralEntries = async () =>
      (await central.admin.query<{ id: string }>('SELECT id::text AS id FROM time_entries ORDER BY id')).rows.map((r) => r.id);
    const at = <T>(list: T[], n: number) => (list.length ? list[n % list.length] : undefined);

    const userEdit = async (l: Laptop, n: number, column: Column, among?: string[]) => {
      const mine = entriesOf(l.replica);
      const id = at(among?.some((x) => mine.includes(x)) ? among.filter((x) => mine.includes(x)) : mine, n);
      if (!id) return;
      await nextMs();
      const value = column === 'note' ? `w${++seq}` : column === 'minutes' ? 1 + (++seq % 1439) : ++seq % 2;
      l.replica.transaction(() => l.replica.update('time_entries', id, { [column]: value }));
      writes.push({ seq, by: l.name, row: id, column, value });
    };

    for (const a of actions) {
      const l = 'laptop' in a ? laptops[a.laptop % laptops.length]! : undefined;
      switch (a.kind) {
        case 'insert': {
          await nextMs();
          const id = l!.replica.newId();
          const note = `w${++seq}`;
          l!.replica.transaction(() =>
            l!.replica.insert('time_entries', {
              id,
              project_id: ids.project,
              consultant_id: consultantOf[l!.login],
              started_at: '2026-11-20T00:00:00.000Z',
              minutes: 1 + (seq % 600),
              billable: 1,
              note,
              rate_cents: 19000,
              invoice_id: null,
            }),
          );
          writes.push({ seq, by: l!.name, row: id, column: 'note', value: note });
          break;
        }
        case 'edit':
          await userEdit(l!, a.pick, a.column);
          break;
        case 'delete': {
          const id = at(entriesOf(l!.replica), a.pick);
          if (!id) break;
          await nextMs();
          l!.replica.transaction(() => l!.replica.remove('time_entries', id));
          writes.push({ seq: ++seq, by: l!.name, row: id, column: '*', value: null });
          break;
        }
        case 'server-edit': {
          const id = at(await centralEntries(), a.pick);
          if (!id) break;
          await nextMs();
          const note = `s${++seq}`;
          await central.admin.query('UPDATE time_entries SET note = $2 WHERE id = $1', [id, note]);
          writes.push({ seq, by: 'server', row: id, column: 'note', value: note });
          break;
        }
        case 'server-delete': {
          const id = at(await centralEntries(), a.pick);
          if (!id) break;
          await nextMs();
          const { rows } = await central.admin.query('DELETE FROM time_entries WHERE id = $1 RETURNING *', [id]);
          deletedRows.set(id, rows[0] as Record<string, unknown>);
          writes.push({ seq: ++seq, by: 'server', row: id, column: '*', value: null });
          break;
        }
        case 'server-undelete': {
          const id = at([...deletedRows.keys()].sort(), a.pick);
          if (!id) break;
          const row = deletedRows.get(id)!;
          deletedRows.delete(id);
          await nextMs();
          const note = `u${++seq}`;
          await central.admin.query(
            `INSERT INTO time_entries (id, project_id, consultant_id, started_at, minutes, billable, note, rate_cents)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
            [id, row.project_id, row.consultant_id, row.started_at, row.minutes, row.billable, note, row.rate_cents],
          );
          writes.push({ seq, by: 'server', row: id, column: '*', value: note });
          break;
        }
        case 'sync': {
          const client = await faultyConnection(urls[l!.login], a.fault, (deleting) => userEdit(l!, seq, 'note', deleting));
          try {
            await syncOnce(l!.replica, client, { retryDelaysMs: [1, 1] });
          } catch {
            // a fault the laptop lives with: the next sync carries on
          } finally {
            await client.end().catch(() => undefined);
          }
          break;
        }
        case 'copy': {
          if (laptops.length >= MAX_LAPTOPS) break;
          l!.replica.db.pragma('wal_checkpoint(TRUNCATE)');
          const file = path.join(dir, `copy${laptops.length}.sqlite`);
          fs.copyFileSync(l!.file, file);
          open(`copy${laptops.length}`, file, l!.login, l!.skew);
          break;
        }
        case 'clock': {
          // The clock is set wrong (or right again), and the laptop syncs before it writes again.
          l!.skew = a.skew;
          await syncOnce(l!.replica, urls[l!.login]).catch(() => undefined);
          break;
        }
        case 'switch-login':
          l!.login = l!.login === 'alice' ? 'bob' : 'alice';
          break;
      }
    }

    // Everything syncs; refused changes are kept with their values until the user acts.
    for (let round = 0; round < 2; round++) for (const l of laptops) await syncOnce(l.replica, urls[l.login]);
    const kept = new Map<string, Array<Record<string, unknown> | null>>();
    for (const l of laptops) {
      for (const r of listRejections(l.replica)) {
        kept.set(`${l.name}/${r.rowId}`, [...(kept.get(`${l.name}/${r.rowId}`) ?? []), r.values]);
        discardRejection(l.replica, r.mutationId);
      }
    }
    for (let round = 0; round < 2; round++) for (const l of laptops) await syncOnce(l.replica, urls[l.login]);

    // 1. Every replica equals the central database, row for row.
    const truth = await centralRows(central.admin, { asConsultant: true });
    for (const l of laptops) expect(replicaRows(l.replica), `${l.name} equals the central database`).toEqual(truth);

    // 2. No user's edit vanished.
    const final = new Map(
      (
        await central.admin.query<Record<string, unknown>>(
          'SELECT id::text AS id, note, minutes, billable::int AS billable FROM time_entries',
        )
      ).rows.map((r) => [r.id as string, r]),
    );
    // A copy's writes count as the laptop it was copied from too (same rows, same history).
    for (const w of writes.filter((w) => w.by !== 'server' && w.column !== '*')) {
      if (final.get(w.row)?.[w.column] === w.value) continue;
      const overtaken = writes.some(
        (later) => later.seq > w.seq && later.row === w.row && (later.column === w.column || later.column === '*'),
      );
      if (overtaken) continue;
      const refused = (kept.get(`${w.by}/${w.row}`) ?? []).some((values) => values?.[w.column] === w.value);
      expect(refused, `edit #${w.seq} by ${w.by} (${w.column} = ${String(w.value)} on ${w.row}) is kept somewhere`).toBe(true);
    }
    for (const l of laptops) l.replica.db.close();
    origin.db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the sync protocol, model-based', () => {
  it(`keeps every replica equal to the central database and loses no edit (${RUNS} random cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), (actions) => runCase(actions)),
      {
        numRuns: RUNS,
        seed: process.env.OPS_MODEL_SEED ? Number(process.env.OPS_MODEL_SEED) : undefined,
        path: process.env.OPS_MODEL_PATH,
      },
    );
  }, 3_600_000);
});
