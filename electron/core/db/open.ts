import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from '../../../shared/contract';
import { metricValueId } from '../kpis/value-id';
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
  if (file !== ':memory:' && fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new OpsError(
      'invalid_input',
      `${file} is a folder, not a replica file. Give the path of a file in it, such as ${path.join(file, 'laptop.sqlite')}; nothing was created.`,
    );
  }
  const isNew = file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0;
  // A file that is not SQLite at all is refused first; any other is checked for writing first,
  // since SQLite cannot even read a replica in WAL mode whose folder it cannot write.
  if (!isNew && !isSqliteFile(file)) throw notOurs(file);
  if (file !== ':memory:') checkWritable(file);
  if (!isNew) checkExistingFile(file, migrations.length);
  if (file !== ':memory:') {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      throw cannotCreate(file, error);
    }
  }

  let db: Sqlite;
  try {
    db = new Database(file);
  } catch (error) {
    throw cannotCreate(file, error);
  }
  try {
    // Set before the first write, so only new files get it. 16 KiB pages: fewer, larger B-tree
    // pages to write and checkpoint; an initial sync fills a new replica ~20 % faster than with
    // 4 KiB (BENCHMARKS.md), and reads of a week or a dashboard are as fast.
    if (isNew) db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across app crashes, fast commits
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A custom metric's value id from its metric and day (kpis/value-id.ts), for migration 0012.
    db.function('ops_metric_value_id', { deterministic: true }, (metricId, day) => metricValueId(String(metricId), String(day)));
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
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    let applicationId: number;
    let version: number;
    try {
      applicationId = probe.pragma('application_id', { simple: true }) as number;
      version = probe.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw unreadable(file, error);
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

/** SQLite's 16-byte file header: a file that starts with it is a database, ours or not. */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

function isSqliteFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(16);
      return fs.readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_MAGIC;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * A database that could not be read is not called foreign (which would invite moving real data
 * away) unless it is not SQLite at all: a SQLite file we cannot read gets the reason instead.
 */
function unreadable(file: string, error: unknown): OpsError {
  if (!isSqliteFile(file)) return notOurs(file);
  return new OpsError(
    'unsupported',
    `The replica ${file} could not be read (${reason(error)}). Check that you can read and write it and its folder, then try again; it was not changed.`,
  );
}

/**
 * Refuses, before anything is created or opened, a replica this process cannot write: SQLite
 * would otherwise open it read-only and fail later with "attempt to write a readonly database", or
 * fail to create it with "unable to open database file". SQLite also keeps `-wal` and `-shm`
 * files next to the replica, so its folder must be writable too. (access(2) answers for this
 * user: for root only a read-only disk or an immutable file or folder is unwritable.)
 */
function checkWritable(file: string): void {
  const folder = path.dirname(path.resolve(file));
  let existing = folder;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (!fs.statSync(existing).isDirectory()) {
    throw new OpsError(
      'unsupported',
      `Cannot create the folder ${folder} for the replica ${file}: ${existing} is a file, not a folder. Choose another path; nothing was created.`,
    );
  }
  if (!canWrite(existing)) {
    const what = existing === folder ? `the folder ${folder} is` : `the folder ${folder} cannot be created: ${existing} is`;
    const fresh = !fs.existsSync(file);
    throw new OpsError(
      'unsupported',
      fresh
        ? `Cannot create the replica ${file}: ${what} ${notWritableBy(existing)}. Choose a path in a folder you can write (or make that folder writable); nothing was created.`
        : `Cannot open the replica ${file}: ${what} ${notWritableBy(existing)}, and SQLite needs to write its -wal and -shm files next to the replica. Make the folder writable (or copy the replica to one that is); the replica was not changed.`,
    );
  }
  if (fs.existsSync(file) && !canWrite(file)) {
    throw new OpsError(
      'unsupported',
      `Cannot open the replica ${file}: the file is ${notWritableBy(file)}. ${fixFor(file)} The replica was not changed.`,
    );
  }
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK | fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** "owned by root, not you" or "read-only", whichever explains it. */
function notWritableBy(file: string): string {
  const owner = fs.statSync(file).uid;
  const me = process.getuid?.();
  if (me !== undefined && owner !== me) return `owned by ${owner === 0 ? 'root' : `user id ${owner}`}, not by you, and you cannot write it`;
  return 'read-only (by its permissions, because it is immutable, or on a read-only disk)';
}

function fixFor(file: string): string {
  const owner = fs.statSync(file).uid;
  const me = process.getuid?.();
  if (me !== undefined && owner !== me) return `Give it back to your user (sudo chown "$USER" "${file}"), or use a copy you own.`;
  return 'Make it writable (chmod u+w, or chattr -i if it is immutable), or use a copy you can write.';
}

function cannotCreate(file: string, error: unknown): OpsError {
  return new OpsError(
    'unsupported',
    `Cannot create or open the replica ${file}: ${reason(error)}. Choose a --db path in a folder you can write; nothing was changed.`,
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
