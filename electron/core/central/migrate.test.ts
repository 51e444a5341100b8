// Upgrading a central database to the schema that trusts no client: clocks that a client could
// write before (malformed, or far ahead) are replaced by the server's, and replicas pull them.
import { afterEach, describe, expect, it } from 'vitest';
import { connectCentral, type Central } from './connection';
import { migrateCentral } from './migrate';
import { centralMigrations } from './migrations';
import { createTestDatabase, type TestDatabase } from './test-database';

let central: TestDatabase<Central>;
afterEach(async () => {
  await central.drop();
});

describe('central migrate from schema 1', () => {
  it('replaces stored malformed and far-ahead clocks with the server’s, and marks the rows changed', async () => {
    central = await createTestDatabase(
      'ops_test',
      async (url) => {
        const client = await connectCentral(url);
        await client.query(centralMigrations[0]!.sql);
        await client.query(
          `CREATE TABLE _migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
        );
        await client.query(`INSERT INTO _migrations (version, name) VALUES (1, $1)`, [centralMigrations[0]!.name]);
        await client.query('INSERT INTO _schema_meta (id, version) VALUES (1, 1)');
        await client.end();
      },
      connectCentral,
    );
    const insert = `INSERT INTO consultants (id, name, email, default_rate_cents, cost_rate_cents, weekly_capacity_hours, _hlc, _clocks)
      VALUES (gen_random_uuid(), $1, $2, 0, 0, 0, $3, $4) RETURNING id, _txid::text AS txid`;
    const bad = (await central.admin.query(insert, ['Bad', 'bad@example.com', 'garbage', '{"name": "zzzzzzzzz-0000-evil"}'])).rows[0];
    const good = (await central.admin.query(insert, ['Good', 'good@example.com', '0mx1kqbf0-0001-client', '{}'])).rows[0];

    await migrateCentral(central.admin);

    const after = async (id: string) =>
      (await central.admin.query('SELECT _hlc, _clocks, _txid::text AS txid FROM consultants WHERE id = $1', [id])).rows[0];
    const fixed = await after(bad.id);
    expect(fixed._hlc).toMatch(/^[0-9a-z]{9}-0000-server$/);
    expect(fixed._clocks.name).toMatch(/-server$/);
    expect(fixed.txid).not.toBe(bad.txid); // replicas pull the new clocks
    expect(await after(good.id)).toEqual({ _hlc: '0mx1kqbf0-0001-client', _clocks: {}, txid: good.txid });
  });
});
