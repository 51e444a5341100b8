// Correctness 1: the pull cursor is a transaction snapshot, so rows committed out of order are
// never skipped.
//
// Why an updated_at / sequence cursor loses rows: transaction T1 takes sequence value 10 (or
// updated_at 09:00:00) and stays open; T2 takes 11 (09:00:01) and commits. A pull now sees 11 and
// stores "cursor = 11". When T1 commits, its row carries 10 < 11, so every later pull (WHERE seq >
// 11) skips it forever. Ours stores the snapshot of the pull: T1 was in progress in that snapshot,
// so `NOT pg_visible_in_snapshot(_txid, cursor)` stays true for T1's rows until a pull has seen
// them, however many other transactions commit meanwhile, and a savepoint inside T1 changes nothing
// because pg_current_xact_id() is the top-level transaction's id.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { newReplica, seedTiny, type TinyIds } from './fixtures';
import type { Replica } from './replica';

let central: TestCentral;
let writer: Replica;
let reader: Replica;
let ids: TinyIds;
let slow: pg.Client;

beforeEach(async () => {
  central = await freshCentral();
  writer = newReplica('writer');
  ids = seedTiny(writer);
  await syncOnce(writer, central.url);
  reader = newReplica('reader');
  await syncOnce(reader, central.url);
  slow = new pg.Client({ connectionString: central.url });
  await slow.connect();
});
afterEach(async () => {
  await slow.end();
  await central.drop();
});

/** A direct write by another system (e.g. billing) on its own connection. */
function insertClient(client: pg.Client | TestCentral['admin'], name: string) {
  return client.query(
    `INSERT INTO clients (id, name, industry, region, status) VALUES (gen_random_uuid(), $1, 'Retail', 'Logan', 'active')`,
    [name],
  );
}

function clientNames(replica: Replica): string[] {
  return (replica.db.prepare('SELECT name FROM clients ORDER BY name').pluck().all() as string[]).filter((n) => n !== 'Moreton Freight');
}

describe('pull with an out-of-order commit', () => {
  it('gets only committed rows, then the late transaction’s rows once it commits (writes inside a savepoint too)', async () => {
    await slow.query('BEGIN');
    await insertClient(slow, 'Late A');
    await slow.query('SAVEPOINT s1');
    await insertClient(slow, 'Late B (in savepoint)');
    await slow.query('RELEASE SAVEPOINT s1');

    await insertClient(central.admin, 'Early');
    await syncOnce(reader, central.url);
    expect(clientNames(reader)).toEqual(['Early']);

    await slow.query('COMMIT');
    await syncOnce(reader, central.url);
    expect(clientNames(reader)).toEqual(['Early', 'Late A', 'Late B (in savepoint)']);
    // Nothing is pulled twice.
    expect((await syncOnce(reader, central.url)).pulled).toBe(0);
  });

  it('gets nothing from a transaction that rolls back', async () => {
    await slow.query('BEGIN');
    await insertClient(slow, 'Never');
    await insertClient(central.admin, 'Committed');
    await syncOnce(reader, central.url);
    await slow.query('ROLLBACK');
    await syncOnce(reader, central.url);
    expect(clientNames(reader)).toEqual(['Committed']);
  });

  it('still gets the late rows after thousands of other commits and pulls in between', async () => {
    await slow.query('BEGIN');
    await slow.query(`UPDATE projects SET name = 'Renamed by a long transaction' WHERE id = $1`, [ids.project]);
    for (let round = 0; round < 4; round++) {
      // 500 separate committed transactions, then a pull, four times over.
      for (let i = 0; i < 500; i++) await insertClient(central.admin, `Busy ${round}-${String(i).padStart(3, '0')}`);
      await syncOnce(reader, central.url);
    }
    expect(clientNames(reader)).toHaveLength(2000);
    expect(reader.db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(ids.project)).toBe('Pipeline MVP');
    await slow.query('COMMIT');
    await syncOnce(reader, central.url);
    expect(reader.db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(ids.project)).toBe('Renamed by a long transaction');
  });
});
