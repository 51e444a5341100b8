// Backups of a replica: SQLite's online backup (the replica stays in use while it is copied), each
// copy checked with integrity_check before it counts, the last N kept. Restoring puts a copy back
// under a new client id, so the work in it that the central has not seen is sent again and nothing
// it already has is mistaken for new.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from '../../../shared/contract';
import type { Sqlite } from '../db/open';
import { readSetting, Replica, writeSetting } from '../sync/replica';

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

export const DEFAULT_BACKUPS_KEPT = 7;

/** How many backups of this replica to keep: its `backup_keep` setting, else 7. */
export function backupsKept(db: Sqlite): number {
  const keep = Number(readSetting(db, 'backup_keep') ?? DEFAULT_BACKUPS_KEPT);
  return Number.isInteger(keep) && keep > 0 ? keep : DEFAULT_BACKUPS_KEPT;
}
const DAY_MS = 86_400_000;

/** `<dir>/backups/<label>-2026-11-29T171500Z.sqlite`: sorts by time, and says which replica it is of. */
export function backupPath(replicaFile: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return path.join(path.dirname(path.resolve(replicaFile)), 'backups', `${backupLabel(replicaFile)}-${stamp}.sqlite`);
}

function backupLabel(replicaFile: string): string {
  return path.basename(replicaFile).replace(/\.sqlite$/, '');
}

/** Copies the open replica to `to` while it stays in use, then checks the copy; a bad copy is removed. */
export async function backupReplica(db: Sqlite, to: string): Promise<BackupResult> {
  const started = Date.now();
  if (fs.existsSync(to))
    throw new OpsError('conflict', `${to} already exists: choose a new file for the backup (it never overwrites one).`, 'to');
  try {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    await db.backup(to);
    // One self-contained file (the copy comes in the replica's WAL mode): safe to copy or mail.
    const copy = new Database(to);
    copy.pragma('journal_mode = DELETE');
    copy.close();
  } catch (error) {
    fs.rmSync(to, { force: true });
    throw new OpsError(
      'internal',
      `The backup could not be written to ${to}: ${(error as Error).message}. Check the folder exists and has space.`,
    );
  }
  try {
    checkReplicaFile(to);
  } catch (error) {
    fs.rmSync(to, { force: true });
    throw error;
  }
  return { file: to, bytes: fs.statSync(to).size, ms: Date.now() - started };
}

/** A file that is a whole, readable Ops Console replica; else a message saying what is wrong with it. */
export function checkReplicaFile(file: string): void {
  if (!fs.existsSync(file)) throw new OpsError('not_found', `${file} does not exist.`, 'file');
  let db: Sqlite | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new OpsError('invalid_input', `${file} is damaged (integrity_check: ${String(integrity)}). Use another backup.`, 'file');
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('settings', 'outbox', 'time_entries')`)
      .pluck()
      .all();
    if (tables.length !== 3) throw new OpsError('invalid_input', `${file} is an SQLite file but not an Ops Console replica.`, 'file');
  } catch (error) {
    if (error instanceof OpsError) throw error;
    throw new OpsError('invalid_input', `${file} is not a replica SQLite can read (${(error as Error).message}).`, 'file');
  } finally {
    db?.close();
  }
}

/** Removes all but the newest `keep` backups of this replica; returns the files removed. */
export function pruneBackups(replicaFile: string, keep: number): string[] {
  const dir = path.dirname(backupPath(replicaFile));
  if (!fs.existsSync(dir)) return [];
  const prefix = `${backupLabel(replicaFile)}-`;
  const ours = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && /-\d{8}T\d{6}Z\.sqlite$/.test(name))
    .sort()
    .reverse();
  const removed = ours.slice(Math.max(keep, 1)).map((name) => path.join(dir, name));
  for (const file of removed) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  return removed;
}

/**
 * The automatic daily backup: when the newest backup of this replica is a day old (or there is
 * none), make one and keep the newest `keep`. Returns null when none was due.
 */
export async function dailyBackup(db: Sqlite, replicaFile: string, keep: number, now = new Date()): Promise<BackupResult | null> {
  const last = readSetting(db, 'last_backup_at');
  if (last && now.getTime() - Date.parse(last) < DAY_MS) return null;
  const result = await backupReplica(db, backupPath(replicaFile, now));
  writeSetting(db, 'last_backup_at', now.toISOString());
  pruneBackups(replicaFile, keep);
  return result;
}

export interface RestoreResult {
  file: string;
  from: string;
  /** Changes in the restored replica that go to the central again on the next sync. */
  unsent: number;
  /** Where the replica it replaced was kept, if there was one. */
  previous: string | null;
}

/**
 * Puts the backup `from` in place of the replica `target` (which nothing may have open). A target
 * with changes not yet synced is kept unless `force`: those changes exist nowhere else. The replaced
 * replica is always backed up first, so a restore is itself undoable.
 */
export async function restoreReplica(from: string, target: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  checkReplicaFile(from);
  if (path.resolve(from) === path.resolve(target))
    throw new OpsError('invalid_input', 'That backup is the replica itself: choose a backup file.', 'file');
  let previous: string | null = null;
  if (fs.existsSync(target) && fs.statSync(target).size > 0) {
    const current = new Database(target);
    try {
      const unsent = current.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
      if (unsent > 0 && !options.force)
        throw new OpsError(
          'conflict',
          `This replica has ${unsent} change${unsent === 1 ? '' : 's'} not yet synced, which restoring would replace. Sync first (ops sync), or restore anyway with --force: the current replica is backed up before it is replaced.`,
        );
      previous = backupPath(target).replace(/(-\d{8}T\d{6}Z\.sqlite)$/, '-before-restore$1');
      fs.mkdirSync(path.dirname(previous), { recursive: true });
      await backupReplica(current, previous);
    } finally {
      current.close();
    }
  }
  // Prepared beside the target and renamed over it: a crash leaves the old replica or the new one.
  const staging = `${target}.restoring`;
  fs.rmSync(staging, { force: true });
  fs.copyFileSync(from, staging);
  let unsent = 0;
  const db = new Database(staging);
  try {
    const replica = new Replica(db);
    replica.transaction(() => {
      replica.renewClientId();
      writeSetting(db, 'restored_from', path.basename(from));
    });
    unsent = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${suffix}`, { force: true });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${staging}${suffix}`, { force: true });
  fs.renameSync(staging, target);
  return { file: target, from, unsent, previous };
}
