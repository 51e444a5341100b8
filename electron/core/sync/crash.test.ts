// Correctness 5: `kill -9` of real processes on a real replica file: in the middle of an initial
// sync and of a push (on restart the replica opens consistent, its cursor never runs ahead of the
// rows it applied, and finishing the sync leaves nothing lost or duplicated); during a burst of
// writes through Core.invoke (every write the child reported committed is there, with its outbox
// mutation); and during webhook deliveries (the delivery queue intact, each job accepted by the
// real receiver exactly once). docs/crash-safety.md describes them.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openReplica } from '../db/open';
import { freshCentral, type TestCentral } from '../central/testing';
import { tempDir } from '../testing';
import { Replica } from './replica';
import { centralRows, newReplica, replicaRows, seedTiny } from './fixtures';
import { syncOnce } from './engine';
import { startPipelineServer, type PipelineServer } from '../../pipeline-server';
import { ensureDemoPipelines, TEST_SECRET } from '../../pipeline-server/testing';
import { CLAIM_LEASE_MS, deliverDue } from '../pipelines/delivery';
import { triggerJob } from '../pipelines/trigger';

const OPS = path.resolve(__dirname, '../../../out/node/ops.js');
const WRITER = path.resolve(__dirname, '../../../out/node/crash-writer.js');
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

/**
 * Runs the writer child (scripts/crash-writer.ts) and SIGKILLs it `afterMs` after it is ready;
 * resolves with every line it printed (each one a committed write) and how it ended.
 */
function writeAndKill(db: string, projectId: string, start: number, afterMs: number): Promise<{ lines: string[]; signal: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, db, 'alice@example.com', projectId, String(start)]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (!out.includes('ready\n') && (out + chunk.toString()).includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), afterMs);
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself: ${err}`));
      // A line cut off by the kill was not fully reported: only whole lines count.
      else resolve({ lines: out.split('\n').slice(0, -1), signal });
    });
  });
}

describe('kill -9 during a burst of writes through Core.invoke', () => {
  it('every write reported committed is there with its outbox mutation; after the next sync the central has exactly the replica’s rows', async () => {
    const db = path.join(tempDir(), 'burst.sqlite');
    const seeded = new Replica(openReplica(db));
    const ids = seedTiny(seeded);
    // As a writer killed between its timer's start and discard leaves it: the next writer goes on.
    seeded.db
      .prepare('INSERT INTO running_timer (id, project_id, consultant_id, note, started_at) VALUES (1, ?, ?, ?, ?)')
      .run(ids.project, ids.alice, 'left running', '2026-11-02T08:00:00.000Z');
    seeded.db.close();
    /** What the children reported: each surviving entry's minutes as last reported, and the deleted. */
    const reported = new Map<string, number>();
    const deleted = new Set<string>();
    /** Written since the last sync: each has a mutation waiting in the outbox. */
    const unsynced = new Set<string>();
    let writes = 0;

    for (let round = 0; round < 5; round++) {
      const afterMs = 150 + crypto.randomInt(500); // a random moment in the burst
      const { lines } = await writeAndKill(db, ids.project, round * 100_000, afterMs);
      for (const line of lines) {
        const [what, id, minutes] = line.split(' ');
        if (what === 'created' || what === 'updated') {
          reported.set(id!, Number(minutes));
          unsynced.add(id!);
        }
        if (what === 'deleted') {
          reported.delete(id!);
          unsynced.delete(id!);
          deleted.add(id!);
        }
        if (what !== 'ready') writes++;
      }
      const { replica } = check(db);
      const entries = new Map(
        (
          replica.db.prepare("SELECT id, minutes FROM time_entries WHERE note LIKE 'burst %'").all() as { id: string; minutes: number }[]
        ).map((e) => [e.id, e.minutes]),
      );
      const pending = new Set(replica.db.prepare("SELECT row_id FROM outbox WHERE table_name = 'time_entries'").pluck().all() as string[]);
      // The one write in flight at the kill may have committed unreported: a delete (the entry gone,
      // its delete in the outbox), an edit (one minute more) or a create (one entry more).
      const deletes = new Set(
        replica.db.prepare("SELECT row_id FROM outbox WHERE table_name = 'time_entries' AND op = 'delete'").pluck().all() as string[],
      );
      const gone = [...reported.keys()].filter((id) => !entries.has(id));
      expect({ round, afterMs, gone: gone.length }).toEqual({ round, afterMs, gone: Math.min(gone.length, 1) });
      for (const id of gone) {
        expect(deletes.has(id)).toBe(true);
        reported.delete(id);
        unsynced.delete(id);
        deleted.add(id);
      }
      const missing = [...reported].filter(([id, minutes]) => {
        const now = entries.get(id)!;
        return now < minutes || now > minutes + 1 || (unsynced.has(id) && !pending.has(id));
      });
      expect({ round, afterMs, missing: missing.slice(0, 3) }).toEqual({ round, afterMs, missing: [] });
      expect([...deleted].filter((id) => entries.has(id))).toEqual([]);
      // At most the one unreported create in flight at the kill beyond what was reported, with its
      // outbox mutation; from now on it counts as written.
      const extra = [...entries.keys()].filter((id) => !reported.has(id));
      expect(extra.length).toBeLessThanOrEqual(1);
      for (const id of extra) {
        expect(pending.has(id)).toBe(true);
        unsynced.add(id);
      }
      for (const [id, minutes] of entries) reported.set(id, minutes);
      expect(replica.db.prepare('SELECT count(*) FROM running_timer').pluck().get()).toBeLessThanOrEqual(1);
      replica.db.close();
      // Half way, a sync: the later kills hit a replica that has a cursor and an emptied outbox.
      if (round === 2) {
        ops('sync', '--db', db, '--central', central.url);
        unsynced.clear();
      }
    }
    expect(writes).toBeGreaterThan(20); // the children really wrote before they died

    ops('sync', '--db', db, '--central', central.url);
    const synced = check(db).replica;
    expect(synced.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    const expected = replicaRows(synced);
    expect(await centralRows(central.admin)).toEqual(expected);
    // A second sync changes nothing: nothing doubled.
    ops('sync', '--db', db, '--central', central.url);
    expect(await centralRows(central.admin)).toEqual(expected);
    const counted = (await central.admin.query("SELECT count(*)::int AS n FROM time_entries WHERE note LIKE 'burst %'")).rows[0].n;
    expect(counted).toBe(synced.db.prepare("SELECT count(*) FROM time_entries WHERE note LIKE 'burst %'").pluck().get());
    synced.db.close();
  }, 60_000);
});

describe('kill -9 during webhook deliveries', () => {
  let receiver: PipelineServer | null = null;
  afterEach(async () => {
    await receiver?.stop();
    receiver = null;
  });

  it('the delivery queue is intact, and once the dead sender’s claims lapse every job is accepted by the real receiver exactly once', async () => {
    const admin = newReplica('admin');
    const ids = seedTiny(admin);
    await syncOnce(admin, central.url);
    admin.db.close();
    await ensureDemoPipelines(central.admin);
    const laptop = newReplica('alice');
    await syncOnce(laptop, await central.consultantUrl(ids.alice));
    const jobs = Array.from(
      { length: 40 },
      (_, i) =>
        triggerJob(laptop, ids.alice, {
          slug: 'backup-verify',
          params: { database: ['orders', 'billing', 'warehouse', 'auth'][i % 4]!, sample_tables: 1 + i },
          projectId: ids.project,
        }).jobId,
    );
    const db = laptop.db.name;
    laptop.db.close();

    const accepted: string[] = [];
    let child: ReturnType<typeof spawn> | null = null;
    const KILL_AT = 10;
    receiver = await startPipelineServer({
      centralUrl: central.url,
      secret: TEST_SECRET,
      speed: 1000,
      seed: 3,
      failureRate: 0,
      log: (line) => {
        const queued = /^job (\S+) \(\S+\) queued$/.exec(line);
        if (!queued) return;
        accepted.push(queued[1]!);
        // Killed as the receiver accepts the 10th: before its answer is sent, so that delivery at
        // least is taken by the receiver and not yet recorded by the sender (and others are in flight).
        if (accepted.length === KILL_AT) child?.kill('SIGKILL');
      },
    });
    const env = { ...process.env, OPS_DATA_DIR: tempDir(), OPS_WEBHOOK_SECRET: TEST_SECRET, OPS_PIPELINE_API: receiver.url };
    const deliver = () =>
      new Promise<string>((resolve) => {
        child = spawn(process.execPath, [OPS, 'pipelines', 'deliver', '--db', db, '--as', 'alice@example.com'], { env });
        child.on('exit', (_code, signal) => resolve(String(signal)));
      });
    expect(await deliver()).toBe('SIGKILL');

    const after = check(db).replica;
    const rows = () =>
      new Map(
        (
          after.db.prepare('SELECT job_id, status, claim_token FROM webhook_deliveries').all() as {
            job_id: string;
            status: string;
            claim_token: string | null;
          }[]
        ).map((r) => [r.job_id, r]),
      );
    const queue = rows();
    expect([...queue.keys()].sort()).toEqual([...jobs].sort()); // every delivery still there
    for (const r of queue.values()) expect(['pending', 'delivered']).toContain(r.status);
    // Taken by the receiver, not recorded here: the answer died with the sender.
    const unrecorded = accepted.filter((id) => queue.get(id)!.status === 'pending');
    expect(unrecorded.length).toBeGreaterThanOrEqual(1);
    expect(queue.get(accepted[KILL_AT - 1]!)!.claim_token).not.toBeNull();

    // Restarted: the dead sender's claims hold for their lease, so its in-flight ones wait...
    expect(await deliver()).toBe('null');
    const claimed = [...rows().values()].filter((r) => r.status === 'pending');
    expect(claimed.length).toBeGreaterThanOrEqual(1);
    // ...and are sent again once the lease has passed; the receiver answers each with its original job.
    const later = new Date(Date.now() + CLAIM_LEASE_MS + 1_000);
    await deliverDue(after, { pipelineApi: receiver.url, secret: TEST_SECRET, now: later });
    expect([...rows().values()].filter((r) => r.status !== 'delivered')).toEqual([]);

    expect([...accepted].sort()).toEqual([...jobs].sort()); // each job accepted once, none twice
    const atReceiver = (await central.admin.query('SELECT job_id, count(*)::int AS n FROM ops_receiver.deliveries GROUP BY job_id')).rows;
    expect(atReceiver.length).toBe(jobs.length);
    expect(atReceiver.every((r: { n: number }) => r.n === 1)).toBe(true);
    const centralJobs = (await central.admin.query('SELECT count(*)::int AS n FROM pipeline_jobs WHERE id = ANY($1)', [jobs])).rows[0].n;
    expect(centralJobs).toBe(jobs.length);
    after.db.close();
  }, 60_000);
});
