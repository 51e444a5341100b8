// A moved or restored central database is noticed: moved to a new server with pg_dump (its
// instance id comes along, its transaction history does not) or restored from an older dump, the
// replicas read everything again, say so, and send again what the central lost of theirs.
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../scripts/embedded-postgres';
import { connectCentral } from '../central/connection';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny, type TinyIds } from './fixtures';
import type { Replica } from './replica';

let server: EmbeddedServer; // the new server the central moves to: another cluster, its own history
let central: TestCentral;
let ids: TinyIds;
let laptop: Replica;
let moved = 0;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  central = await freshCentral();
  const origin = newReplica('origin');
  ids = seedTiny(origin);
  await syncOnce(origin, central.url);
  laptop = newReplica('laptop');
  await syncOnce(laptop, central.url);
});
afterEach(async () => {
  await central.drop();
});

/** `pg_dump` of the central as it is now, restored into a new database on the other server. */
async function dumpAndRestoreElsewhere(dump = pgDump()): Promise<string> {
  const name = `moved_${++moved}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  // The cluster-wide roles the migrations create: a dump carries grants to them, not the roles.
  for (const role of [
    'ops_sync NOLOGIN BYPASSRLS',
    'ops_consultant NOLOGIN',
    'ops_admin NOLOGIN BYPASSRLS',
    'ops_pipeline_worker NOLOGIN',
  ]) {
    await admin.query(`DO $$ BEGIN CREATE ROLE ${role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  }
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', url.toString()], { input: dump, stdio: ['pipe', 'ignore', 'pipe'] });
  return url.toString();
}

function pgDump(): string {
  return execFileSync('pg_dump', ['--no-comments', central.url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe('a central database moved with pg_dump', () => {
  it('is noticed: the replica reads everything again and gets the changes made on the new server', async () => {
    addEntry(laptop, ids.alice, ids.project, 30, 'made before the move, unsynced');
    const newUrl = await dumpAndRestoreElsewhere();
    const direct = await connectCentral(newUrl);
    await direct.query(
      `INSERT INTO time_entries (id, project_id, consultant_id, started_at, minutes, rate_cents) VALUES (gen_random_uuid(), $1, $2, now(), 15, 19000)`,
      [ids.project, ids.bob],
    );
    await direct.query(`UPDATE clients SET name = 'Renamed on the new server'`);

    const result = await syncOnce(laptop, newUrl);
    expect(result.notice).toMatch(/moved or restored/);
    const truth = await centralRows(direct);
    expect(replicaRows(laptop)).toEqual(truth);
    expect([...truth.values()].some((row) => row.includes('Renamed on the new server'))).toBe(true);
    expect([...truth.values()].some((row) => row.includes('made before the move, unsynced'))).toBe(true);
    // And from then on it follows the new server incrementally.
    await direct.query(`UPDATE clients SET name = 'Renamed again'`);
    expect(await syncOnce(laptop, newUrl)).toMatchObject({ full: false, pulled: 1 });
    await direct.end();
  });
});

describe('a central database restored from an older dump', () => {
  it('gets back the work it lost from the laptops that still have it', async () => {
    const dump = pgDump();
    const entry = addEntry(laptop, ids.alice, ids.project, 30, 'synced after the dump was taken');
    laptop.transaction(() => laptop.update('clients', ids.client, { name: 'Renamed after the dump' }));
    await syncOnce(laptop, central.url);
    // The central dies and comes back from the older dump, on a new server.
    const restoredUrl = await dumpAndRestoreElsewhere(dump);
    const result = await syncOnce(laptop, restoredUrl);
    expect(result.notice).toMatch(/restored/);
    const direct = await connectCentral(restoredUrl);
    const { rows } = await direct.query('SELECT note FROM time_entries WHERE id = $1', [entry]);
    expect(rows).toEqual([{ note: 'synced after the dump was taken' }]);
    expect((await direct.query('SELECT name FROM clients WHERE id = $1', [ids.client])).rows[0].name).toBe('Renamed after the dump');
    expect(replicaRows(laptop)).toEqual(await centralRows(direct));
    await direct.end();
  });
});
