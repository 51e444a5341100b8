// A load (an initial sync) that sets an aggregate's triggers aside records the SQL that rebuilds the
// table's aggregates under this name in deferred_indexes (deferred-indexes.ts), and forgets it when
// the rebuild has run. The triggers in migrations/sqlite name the same rows in their SQL.
import type { Sqlite } from './open';

/** The deferred_indexes row holding `table`'s aggregates' rebuild. */
export const rebuildName = (table: string): string => `~rebuild ${table}`;

/** Whether a load has set some aggregate's triggers aside: until it ends, those aggregates lag their rows. */
export function rebuildPending(db: Sqlite): boolean {
  return db.prepare(`SELECT 1 FROM deferred_indexes WHERE name LIKE '${rebuildName('%')}' LIMIT 1`).get() !== undefined;
}
