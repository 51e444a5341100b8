import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from '../../../shared/contract';
import { restoreDeferredIndexes } from './deferred-indexes';
import { sqliteMigrations, type Migration } from './migrations';

/** PRAGMA application_id of every Ops Console replica ("OPSC"), so a foreign file is recognised. */
export const APPLICATION_ID = 0x4f505343;

export type Sqlite = Database.Database;

const PAGE_SIZE = 16_384;

/**
 * Opens (creating if needed) a replica and brings its schema up to date. A file that is not an Ops
 * Console database, or one written by a newer version of the app, is refused and left untouched.
 */
export function openReplica(file: string, migrations: Migration[] = sqliteMigrations): Sqlite {
  const isNew = file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0;
  if (!isNew) checkExistingFile(file, migrations.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });

  const db = new Database(file);
  try {
    // Set before the first write, so only new files get it. 16 KiB pages: fewer, larger B-tree
    // pages to write and checkpoint; an initial sync fills a new replica ~20 % faster than with
    // 4 KiB (BENCHMARKS.md), and reads of a week or a dashboard are as fast.
    if (isNew) db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across app crashes, fast commits
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Before migrating: a migration may expect an index that a stopped initial sync set aside.
    if (!isNew) restoreDeferredIndexes(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkExistingFile(file: string, latest: number): void {
  // Read the header read-only first: opening a foreign file read-write could change it.
  let probe: Sqlite;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw notOurs(file);
  }
  try {
    let applicationId: number;
    let version: number;
    try {
      applicationId = probe.pragma('application_id', { simple: true }) as number;
      version = probe.pragma('user_version', { simple: true }) as number;
    } catch {
      throw notOurs(file);
    }
    if (applicationId !== APPLICATION_ID) throw notOurs(file);
    if (version > latest) {
      throw new OpsError(
        'unsupported',
        `The replica ${file} was written by a newer version of Ops Console (schema ${version}, this app knows ${latest}). Update the app to open it; the file was not changed.`,
      );
    }
  } finally {
    probe.close();
  }
}

function notOurs(file: string): OpsError {
  return new OpsError(
    'unsupported',
    `${file} is not an Ops Console replica. Choose another path (or move that file away); it was not changed.`,
  );
}

function migrate(db: Sqlite, migrations: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  // A migration may rebuild a table (SQLite's way to change a column's constraints), which needs
  // foreign keys off while the old table is dropped; they are checked before anything commits.
  // The pragma cannot change inside a transaction.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      }
      db.pragma(`application_id = ${APPLICATION_ID}`);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`A migration left ${broken.length} broken reference(s); nothing was changed.`);
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export function schemaVersion(db: Sqlite): number {
  return db.pragma('user_version', { simple: true }) as number;
}
