// Correctness 5: `kill -9` in the middle of an initial sync and of a push. On restart the replica
// opens consistent, its cursor never runs ahead of the rows it applied, and finishing the sync
// leaves nothing lost or duplicated.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openReplica } from '../db/open';
import { freshCentral, type TestCentral } from '../central/testing';
import { tempDir } from '../testing';
import { Replica } from './replica';
import { centralRows, replicaRows } from './fixtures';

const OPS = path.resolve(__dirname, '../../../out/node/ops.js');
let central: TestCentral;

beforeAll(() => {
  // The real `ops` command, as built: the crash is a real process dying.
  const build = spawnSync('npm', ['run', 'build:node', '--silent'], { encoding: 'utf8', cwd: path.resolve(__dirname, '../../..') });
  if (build.status !== 0) throw new Error(build.stderr);
}, 120_000);
beforeEach(async () => {
  central = await freshCentral();
});
afterEach(async () => {
  await central.drop();
});

function ops(...args: string[]) {
  const result = spawnSync(process.execPath, [OPS, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

/** Starts `ops sync --progress` and SIGKILLs it at its `after`-th progress report of `phase`. */
function syncAndKill(db: string, phase: 'push' | 'pull', after: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [OPS, 'sync', '--db', db, '--central', central.url, '--progress', '--batch-size', '500']);
    let reports = 0;
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!killed && line.startsWith(`progress ${phase}`) && ++reports >= after) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', (_code, signal) => resolve(String(signal)));
  });
}

const indexes = (file: string) => {
  const db = openReplica(file);
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").pluck().all();
  db.close();
  return names;
};

function check(db: string): { replica: Replica; cursor: string | null } {
  const replica = new Replica(openReplica(db));
  expect(replica.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(replica.db.pragma('foreign_key_check')).toEqual([]);
  // Indexes an initial sync had set aside are back, as in a replica that never synced.
  expect(indexes(db)).toEqual(indexes(path.join(tempDir(), 'new.sqlite')));
  return { replica, cursor: replica.db.prepare('SELECT cursor FROM sync_state').pluck().get() as string | null };
}

describe('kill -9', () => {
  it('in the middle of a push: nothing is applied twice and nothing is lost', async () => {
    const db = path.join(tempDir(), 'laptop.sqlite');
    ops('seed', '--demo', '--db', db, '--anchor', '2026-11-20');
    const local = new Replica(openReplica(db));
    const expected = replicaRows(local);
    const minutes = local.db.prepare('SELECT sum(minutes) FROM time_entries').pluck().get();
    const entries = local.db.prepare('SELECT count(*) FROM time_entries').pluck().get() as number;
    local.db.close();

    expect(await syncAndKill(db, 'push', 20)).toBe('SIGKILL');
    const { replica } = check(db);
    const left = replica.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    expect(left).toBeGreaterThan(0); // it really died half way
    // What the central holds at the kill: some of the time entries, each exactly as the replica has it.
    const partial = await centralRows(central.admin);
    const partialEntries = [...partial.keys()].filter((k) => k.startsWith('time_entries/')).length;
    expect(partialEntries).toBeGreaterThan(0);
    expect(partialEntries).toBeLessThan(entries);
    expect([...partial].filter(([k, v]) => expected.get(k) !== v).slice(0, 3)).toEqual([]);
    replica.db.close();

    ops('sync', '--db', db, '--central', central.url);
    const after = check(db).replica;
    expect(after.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    const got = await centralRows(central.admin);
    const differing = [...expected].filter(([k, v]) => got.get(k) !== v).slice(0, 3);
    expect(differing.map(([k, v]) => [k, v, got.get(k)])).toEqual([]);
    expect(got.size).toBe(expected.size);
    const totals = (await central.admin.query('SELECT count(*)::int AS n, sum(minutes)::int AS m FROM time_entries')).rows[0];
    expect(totals).toEqual({ n: entries, m: minutes });
    after.db.close();
  });

  it('in the middle of an initial sync: the cursor is not stored until every row is in', async () => {
    const source = path.join(tempDir(), 'source.sqlite');
    ops('seed', '--demo', '--db', source, '--anchor', '2026-11-20');
    ops('sync', '--db', source, '--central', central.url);

    const db = path.join(tempDir(), 'new-laptop.sqlite');
    expect(await syncAndKill(db, 'pull', 10)).toBe('SIGKILL');
    // It died with the secondary indexes set aside (read without opening it as the app does).
    const raw = new Database(db, { readonly: true });
    // (the secondary indexes, and the maintained aggregates' triggers and rebuild: fill.test.ts counts them)
    expect(raw.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBeGreaterThanOrEqual(20);
    raw.close();
    const { replica, cursor } = check(db);
    expect(cursor).toBeNull();
    const applied = replicaRows(replica).size;
    expect(applied).toBeGreaterThan(0);
    replica.db.close();

    ops('sync', '--db', db, '--central', central.url);
    const done = check(db);
    expect(done.cursor).not.toBeNull();
    expect(replicaRows(done.replica)).toEqual(await centralRows(central.admin));
    done.replica.db.close();
  });
});
