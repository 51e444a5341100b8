// A write the disk refused: the replica's disk is full, or its file or folder cannot be written
// (a read-only disk, permissions changed under the running app). SQLite rolls the transaction back,
// so nothing saved before is touched and reads go on working; the user is told what happened and
// what to do, in place of a crash or "Something went wrong". Nothing needs a restart: the next
// write after space returns (or the folder is writable again) simply succeeds.
import path from 'node:path';
import { OpsError } from '../../../shared/contract';

export type StorageProblem = 'full' | 'read-only' | 'write-failed';

/** SQLite's extended result codes (better-sqlite3's `SqliteError.code`) and Node's errno codes. */
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = /^(SQLITE_READONLY|SQLITE_CANTOPEN)/;
const READ_ONLY_ERRNO = new Set(['EROFS', 'EACCES', 'EPERM']);
/** I/O errors on writing (not on reading: a failing read is another matter, reported as it is). */
const WRITE_FAILED = new Set([
  'SQLITE_IOERR_WRITE',
  'SQLITE_IOERR_FSYNC',
  'SQLITE_IOERR_DIR_FSYNC',
  'SQLITE_IOERR_TRUNCATE',
  'SQLITE_IOERR_SHMOPEN',
  'SQLITE_IOERR_SHMSIZE',
  'SQLITE_IOERR_SHMMAP',
]);

/** Which storage problem an error is, or null when it is something else. */
export function storageProblem(error: unknown): StorageProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (FULL.has(code)) return 'full';
  if (READ_ONLY.test(code) || READ_ONLY_ERRNO.has(code)) return 'read-only';
  if (WRITE_FAILED.has(code)) return 'write-failed';
  return null;
}

export const STORAGE_KEPT = 'Everything saved before is kept, and you can go on looking at it.';

/**
 * The words for a write the disk refused, naming the replica's folder; null for any other error.
 * `what` is what was not saved ("Not saved", "Sync stopped: nothing more was stored").
 */
export function storageError(error: unknown, file: string, what = 'Not saved'): OpsError | null {
  const problem = storageProblem(error);
  if (!problem) return null;
  const folder = file === ':memory:' || file === '' ? 'the data folder' : path.dirname(path.resolve(file));
  const again = 'then try again (no restart needed).';
  const message =
    problem === 'full'
      ? `${what}: the disk holding your data (${folder}) is full. Free some space on it, ${again} ${STORAGE_KEPT}`
      : problem === 'read-only'
        ? `${what}: the data folder ${folder} cannot be written (it is read-only, on a read-only disk, or you may no longer write there). Check the folder's permissions and that the disk is mounted read-write, ${again} ${STORAGE_KEPT}`
        : `${what}: the disk holding your data (${folder}) refused the write. Check the disk (is it full, removed or failing?), ${again} ${STORAGE_KEPT}`;
  return new OpsError('storage', message);
}
