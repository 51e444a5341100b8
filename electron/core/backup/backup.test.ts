// Backups and restores of a replica, driven through `ops` as a user would, against a real central.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/ops';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from '../sync/engine';
import { newReplica, seedTiny } from '../sync/fixtures';
import { tempDir } from '../testing';
import { openReplica } from '../db/open';
import { backupPath, backupReplica, checkReplicaFile, dailyBackup, pruneBackups } from './backup';

let central: TestCentral;
let stdout = '';
let stderr = '';

beforeEach(async () => {
  central = await freshCentral();
  const origin = newReplica('origin');
  seedTiny(origin);
  await syncOnce(origin, central.url);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await central.drop();
});

async function ops(...args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  stdout = '';
  stderr = '';
  const code = await main([...args, '--central', central.url, '--json'], { OPS_DATA_DIR: tempDir() });
  return { code, json: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
}

async function logHours(db: string, minutes: number, note: string) {
  const add = ['hours', 'add', '--db', db, '--as', 'alice@example.com', '--project', 'Pipeline MVP', '--minutes', String(minutes)];
  expect((await ops(...add, '--note', note, '--date', '2026-11-20', '--tz', 'Australia/Brisbane')).code).toBe(0);
}

async function centralNotes(): Promise<string[]> {
  const { rows } = await central.admin.query<{ note: string }>('SELECT note FROM time_entries ORDER BY note');
  return rows.map((r) => r.note);
}

function notesIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT note FROM time_entries ORDER BY note').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('ops backup and ops restore', () => {
  it('a restored backup sends the work it had not synced again, once, and pulls what came after: nothing lost or doubled', async () => {
    const laptop = path.join(tempDir(), 'laptop.sqlite');
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    await logHours(laptop, 30, 'offline before the backup');
    const backup = await ops('backup', '--db', laptop);
    expect(backup.code).toBe(0);
    const file = backup.json.file as string;
    expect(file).toMatch(/backups[/\\]laptop-\d{8}T\d{6}Z\.sqlite$/);
    checkReplicaFile(file);
    // The laptop syncs, works on, syncs again; then its disk is lost and the backup put back.
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    await logHours(laptop, 45, 'after the backup');
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    fs.rmSync(laptop);
    const restored = await ops('restore', file, '--db', laptop);
    expect(restored.code).toBe(0);
    expect(restored.json).toMatchObject({ file: laptop, unsent: 1, previous: null });
    expect(notesIn(laptop)).toEqual(['offline before the backup']);
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    expect(await centralNotes()).toEqual(['after the backup', 'offline before the backup']);
    expect(notesIn(laptop)).toEqual(['after the backup', 'offline before the backup']);
  });

  it('refuses to restore over changes not yet synced unless --force, and then keeps the replica it replaced', async () => {
    const laptop = path.join(tempDir(), 'laptop.sqlite');
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    const backup = (await ops('backup', '--db', laptop)).json.file as string;
    await logHours(laptop, 20, 'not synced yet');
    const before = fs.readFileSync(laptop);
    const refused = await ops('restore', backup, '--db', laptop);
    expect(refused.code).toBe(1);
    expect(stderr).toMatch(/1 change not yet synced.*--force/);
    expect(fs.readFileSync(laptop).equals(before)).toBe(true);
    const forced = await ops('restore', backup, '--db', laptop, '--force');
    expect(forced.code).toBe(0);
    const previous = forced.json.previous as string;
    expect(previous).toMatch(/-before-restore-\d{8}T\d{6}Z\.sqlite$/);
    expect(notesIn(previous)).toEqual(['not synced yet']);
    expect(notesIn(laptop)).toEqual([]);
  });

  it('never writes a bad copy: a damaged or foreign file is refused, and --to never overwrites', async () => {
    const dir = tempDir();
    const damaged = path.join(dir, 'damaged.sqlite');
    const laptop = path.join(dir, 'laptop.sqlite');
    expect((await ops('sync', '--db', laptop)).code).toBe(0);
    const good = (await ops('backup', '--db', laptop, '--to', damaged)).json.file as string;
    expect(good).toBe(damaged);
    expect((await ops('backup', '--db', laptop, '--to', damaged)).code).toBe(1);
    expect(stderr).toMatch(/already exists/);
    // Garbage over the start of every page but the first: every table's B-tree is broken.
    const bytes = fs.readFileSync(damaged);
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65_536 : bytes.readUInt16BE(16);
    for (let page = pageSize; page < bytes.length; page += pageSize) bytes.fill(0x5a, page, page + 64);
    fs.writeFileSync(damaged, bytes);
    expect(() => checkReplicaFile(damaged)).toThrow(/damaged|not a replica/);
    expect((await ops('restore', damaged, '--db', laptop)).code).toBe(1);
    const foreign = path.join(dir, 'foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE t (x)').close();
    expect(() => checkReplicaFile(foreign)).toThrow(/not an Ops Console replica/);
    expect((await ops('restore', path.join(dir, 'missing.sqlite'), '--db', laptop)).code).toBe(1);
    expect(stderr).toMatch(/does not exist/);
  });

  it('keeps the newest N backups, and the daily one is made once a day', async () => {
    const file = path.join(tempDir(), 'laptop.sqlite');
    const db = openReplica(file);
    try {
      const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));
      expect(await dailyBackup(db, file, 3, day(1))).not.toBeNull();
      expect(await dailyBackup(db, file, 3, new Date(day(1).getTime() + 23 * 3_600_000))).toBeNull();
      for (const d of [2, 3, 4, 5]) expect(await dailyBackup(db, file, 3, day(d))).not.toBeNull();
      const kept = fs.readdirSync(path.dirname(backupPath(file))).sort();
      expect(kept).toEqual(['laptop-20261103T090000Z.sqlite', 'laptop-20261104T090000Z.sqlite', 'laptop-20261105T090000Z.sqlite']);
      // A backup of another replica in the same folder is not this replica's to prune.
      await backupReplica(db, path.join(path.dirname(backupPath(file)), 'other-20200101T000000Z.sqlite'));
      expect(pruneBackups(file, 1)).toHaveLength(2);
      expect(fs.readdirSync(path.dirname(backupPath(file))).sort()).toEqual([
        'laptop-20261105T090000Z.sqlite',
        'other-20200101T000000Z.sqlite',
      ]);
    } finally {
      db.close();
    }
  });
});
