// Bulk loads (an initial sync into an empty replica) set the secondary indexes of the tables they
// fill aside and build them once at the end: sorting all keys once costs less than inserting each
// into a B-tree. Crash safety comes from SQLite's own transactions: an index is dropped in the
// same transaction that records its definition, and built again in the one that forgets it.
import { LOCAL_DAYS_REBUILD, PIPELINE_LOCAL_DAYS_REBUILD } from './local-zone';
import type { Sqlite } from './open';
import { rebuildName } from './pending-rebuild';

/**
 * Aggregates kept by triggers (migrations/sqlite/0008_billing.sql, 0009_projects_aggregates.sql,
 * 0011_local_days.sql, 0013_labour_project_months.sql, 0014_project_values_rounded.sql,
 * 0015_overview_aggregates.sql, 0018_pipeline_request_days.sql):
 * during a load their triggers (named by these prefixes) are set aside like the indexes, and every
 * aggregate of the table is built again from it when they come back.
 */
const AGGREGATES: Record<string, { triggers: readonly string[]; rebuild: string }> = {
  time_entries: {
    triggers: ['labour_months_', 'billable_days_', 'project_values_', 'billable_local_days_', 'project_spans_'],
    rebuild: `DELETE FROM labour_months;
      INSERT INTO labour_months (month, project_id, consultant_id, minutes, entries, cost60)
      SELECT substr(e.started_at, 1, 7), e.project_id, e.consultant_id, sum(e.minutes), count(*),
        sum(e.minutes) * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = e.consultant_id)
      FROM time_entries e GROUP BY 1, 2, 3;
      DELETE FROM project_costs;
      INSERT INTO project_costs (project_id, cost60, uncosted, months)
      SELECT project_id, coalesce(sum(cost60), 0), sum(cost60 IS NULL), count(*) FROM labour_months GROUP BY project_id;
      DELETE FROM labour_project_months;
      INSERT INTO labour_project_months (month, project_id, minutes, cost60, uncosted, consultants)
      SELECT month, project_id, sum(minutes), coalesce(sum(cost60), 0), sum(cost60 IS NULL), count(*)
      FROM labour_months GROUP BY month, project_id;
      DELETE FROM billable_days;
      INSERT INTO billable_days (consultant_id, day, minutes, entries)
      SELECT consultant_id, substr(started_at, 1, 10), sum(minutes), count(*) FROM time_entries WHERE billable = 1 GROUP BY 1, 2;
      DELETE FROM project_values;
      INSERT INTO project_values (project_id, invoice_id, entries, minutes, billable_minutes, billable_entries, value_none, value_up6, value_down6, value_nearest6, value_up15, value_down15, value_nearest15, rounded_up6, rounded_down6, rounded_nearest6, rounded_up15, rounded_down15, rounded_nearest15)
      SELECT project_id, coalesce(invoice_id, ''), count(*),
        sum(minutes),
        sum(billable * minutes),
        sum(billable),
        sum(CASE WHEN billable = 1 THEN (minutes * rate_cents + 30) / 60 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN ((((minutes) + 5) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN (((minutes) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN ((((minutes) + 3) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN ((((minutes) + 14) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN (((minutes) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN ((((minutes) + 7) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN (((minutes) + 5) / 6) * 6 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN ((minutes) / 6) * 6 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN (((minutes) + 3) / 6) * 6 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN (((minutes) + 14) / 15) * 15 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN ((minutes) / 15) * 15 ELSE 0 END),
        sum(CASE WHEN billable = 1 THEN (((minutes) + 7) / 15) * 15 ELSE 0 END)
      FROM time_entries GROUP BY 1, 2;
      ${LOCAL_DAYS_REBUILD}
      DELETE FROM project_spans;
      INSERT INTO project_spans (project_id, first_at, last_at)
      SELECT project_id, min(started_at), max(started_at) FROM time_entries GROUP BY project_id;`,
    // (project_costs, an aggregate of labour_months, is rebuilt from it above: its triggers on
    // labour_months do nothing while this rebuild is pending, 0015)
  },
  pipeline_jobs: {
    triggers: ['pipeline_local_days_'],
    rebuild: PIPELINE_LOCAL_DAYS_REBUILD,
  },
};

/** Drops the secondary indexes (and aggregates' triggers) of `tables`, remembering them. Call inside a transaction. */
export function deferIndexes(db: Sqlite, tables: readonly string[]): void {
  const indexes = db
    .prepare(
      `SELECT name, sql, type, tbl_name AS tbl FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
       AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as Array<{ name: string; sql: string; type: 'index' | 'trigger'; tbl: string }>;
  const remember = db.prepare('INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)');
  for (const { name, sql, type, tbl } of indexes) {
    const aggregate = AGGREGATES[tbl];
    if (type === 'trigger' && !aggregate?.triggers.some((prefix) => name.startsWith(prefix))) continue;
    remember.run(name, sql);
    db.exec(`DROP ${type === 'index' ? 'INDEX' : 'TRIGGER'} "${name}"`);
    // Rebuilt when the triggers come back (the name sorts it after them, though any order is right).
    if (type === 'trigger') remember.run(rebuildName(tbl), aggregate!.rebuild);
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
  const deferred = db.prepare('SELECT name, sql FROM deferred_indexes ORDER BY name').all() as Array<{ name: string; sql: string }>;
  // Indexes and triggers again, and any aggregate they keep rebuilt from its table, in this transaction.
  for (const { sql } of deferred) db.exec(sql.replace(/^CREATE (UNIQUE )?(INDEX|TRIGGER) /i, 'CREATE $1$2 IF NOT EXISTS '));
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
