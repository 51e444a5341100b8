// Bulk loads (an initial sync into an empty replica) set the secondary indexes of the tables they
// fill aside and build them once at the end: sorting all keys once costs less than inserting each
// into a B-tree. Crash safety comes from SQLite's own transactions: an index is dropped in the
// same transaction that records its definition, and built again in the one that forgets it.
import type { Sqlite } from './open';

/** Drops the secondary indexes of `tables`, remembering them. Call inside a transaction. */
export function deferIndexes(db: Sqlite, tables: readonly string[]): void {
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as Array<{ name: string; sql: string }>;
  const remember = db.prepare('INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)');
  for (const { name, sql } of indexes) {
    remember.run(name, sql);
    db.exec(`DROP INDEX "${name}"`);
  }
}

/** Whether indexes are set aside: a read, so looking takes no write lock. */
function hasDeferredIndexes(db: Sqlite): boolean {
  const known = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes'").get();
  return known !== undefined && db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes)').pluck().get() === 1;
}

/**
 * Builds every deferred index again, inside the caller's transaction: the one that ends a bulk
 * load. Returns how many were built.
 */
export function buildDeferredIndexes(db: Sqlite): number {
  const deferred = db.prepare('SELECT name, sql FROM deferred_indexes').all() as Array<{ name: string; sql: string }>;
  for (const { sql } of deferred) db.exec(sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS '));
  db.exec('DELETE FROM deferred_indexes');
  return deferred.length;
}

/**
 * Builds any indexes a load left aside, in a transaction of its own: when a replica is opened (the
 * app may have stopped in the middle of a load), before a pull, after a failed one. Nothing to
 * build, no write lock taken.
 */
export function restoreDeferredIndexes(db: Sqlite): void {
  if (hasDeferredIndexes(db)) db.transaction(() => buildDeferredIndexes(db)).immediate();
}
