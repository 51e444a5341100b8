// Applying pulled rows to the replica, column by column: a column takes the central value only
// when its clock is later than the local one, so an unpushed local edit is never overwritten by
// an older server value. Pulled rows are not local writes: they add nothing to the outbox.
import { SYNCED_TABLES, type SyncedTable } from '../db/schema';
import { buildDeferredIndexes, deferIndexes } from '../db/deferred-indexes';
import { cachedStatement } from '../db/query';
import { columnsOf } from './columns';
import { stampChecker } from './hlc';
import { writeSetting, type Replica } from './replica';

/** A pulled row: the table's columns in `columnsOf` order (id first), then `_hlc`, `_clocks`. */
export interface PulledRow {
  table: SyncedTable;
  values: unknown[];
}

export interface Tombstone {
  table_name: SyncedTable;
  row_id: string;
  _hlc: string;
}

export interface Refetched {
  rows: PulledRow[];
  missing: Array<{ table: SyncedTable; id: string }>;
}

type Clocks = Record<string, string>;

function parseClocks(text: unknown): Clocks {
  try {
    const clocks = JSON.parse((text as string) || '{}') as unknown;
    return clocks && typeof clocks === 'object' && !Array.isArray(clocks) ? (clocks as Clocks) : {};
  } catch {
    return {}; // unreadable clocks count as the oldest: the other side wins, the pull goes on
  }
}

/**
 * The merged row: each column from whichever side has the later clock. Every stamp is checked as
 * it is read (`check`, from `stampChecker`): a malformed one, or one past now plus the bound, loses
 * to any accepted stamp, on either side. `localWins` lists the columns where the local value is newer.
 */
export function mergeRow(
  columns: string[],
  local: Record<string, unknown>,
  remote: Record<string, unknown>,
  check: (stamp: unknown) => string = stampChecker(Date.now()),
): { values: Record<string, unknown>; hlc: string; clocks: Clocks; changed: boolean; localWins: string[] } {
  const localClocks = parseClocks(local._clocks);
  const remoteClocks = parseClocks(remote._clocks);
  const localHlc = local._hlc as string;
  const remoteHlc = remote._hlc as string;
  const values: Record<string, unknown> = {};
  const merged: Clocks = {};
  const localWins: string[] = [];
  let changed = false;
  for (const column of columns) {
    const mine = check(localClocks[column] ?? localHlc);
    const theirs = check(remoteClocks[column] ?? remoteHlc);
    if (theirs > mine) {
      values[column] = remote[column];
      merged[column] = theirs;
      changed ||= remote[column] !== local[column] || theirs !== (localClocks[column] ?? localHlc);
    } else {
      values[column] = local[column];
      merged[column] = localClocks[column] ?? localHlc;
      if (mine > theirs && local[column] !== remote[column]) localWins.push(column);
    }
  }
  // Store compactly: the local base clock, and overrides only where a column differs from it.
  const clocks = Object.fromEntries(Object.entries(merged).filter(([, stamp]) => stamp !== localHlc));
  return { values, hlc: localHlc, clocks, changed, localWins };
}

export interface MergeOptions {
  /** The last part of a pull: the new cursor (and what else must commit with it). */
  finish?: {
    cursor: string;
    instance: string;
    history?: string;
    keepOnly: Map<SyncedTable, Set<string>> | null;
    refetched?: Refetched;
  };
  /**
   * The central database lost history (moved with pg_dump, restored to a point in time): a local
   * value newer than the central's, or a row it has neither kept nor deleted, with nothing waiting
   * to be pushed, is a write the central lost, and is queued to be sent again.
   */
  recover?: boolean;
  /**
   * A full pull filling an empty replica. Every row then comes from one consistent snapshot of a
   * database that enforces the same foreign keys, so they are not checked again, and secondary
   * indexes are set aside until the last part, which builds them (all in SQLite transactions: a
   * crash loses neither). Local writes in between run in their own transactions, checks on.
   */
  fill?: boolean;
}

export function mergeIntoReplica(
  replica: Replica,
  rows: PulledRow[],
  tombstones: Tombstone[],
  options: MergeOptions = {},
): { deleted: number; requeued: number } {
  const { finish, fill = false, recover = false } = options;
  const db = replica.db;
  const check = stampChecker(replica.now());
  let deleted = 0;
  let requeued = 0;
  let latest = '';
  const statements = new Map<SyncedTable, ReturnType<typeof prepareTable>>();
  const forTable = (table: SyncedTable) => {
    let s = statements.get(table);
    if (!s) statements.set(table, (s = prepareTable(replica, table)));
    return s;
  };

  const apply = () =>
    replica.transaction(() => {
      db.pragma('defer_foreign_keys = ON'); // parents and children may arrive in any order
      if (fill && !finish) deferIndexes(db, SYNCED_TABLES);
      // A row deleted here and not yet pushed does not come back with a pull in between.
      const deleting = new Set(
        (
          cachedStatement(
            db,
            "SELECT table_name || ':' || row_id AS k FROM outbox WHERE op = 'delete' AND rejected_at IS NULL",
          ).all() as Array<{
            k: string;
          }>
        ).map((r) => r.k),
      );
      for (const { table, values } of rows) {
        if (deleting.size > 0 && deleting.has(`${table}:${values[0] as string}`)) continue;
        const s = forTable(table);
        const stamp = newestStamp(values[s.columns.length] as string, values[s.columns.length + 1] as string);
        if (stamp > latest) latest = stamp;
        // New rows (all of an initial sync) go straight in; existing ones merge column by column.
        if (s.insert.run(values).changes === 1) continue;
        const row = Object.fromEntries([...s.columns, '_hlc', '_clocks'].map((c, i) => [c, values[i]]));
        const local = s.read.get(row.id) as Record<string, unknown>;
        const merged = mergeRow(s.columns, local, row, check);
        if (merged.changed)
          s.update.run(...s.columns.map((c) => merged.values[c] ?? null), merged.hlc, JSON.stringify(merged.clocks), row.id);
        if (recover && merged.localWins.length > 0 && !hasLocalChanges(replica, table, row.id as string)) {
          replica.requeue(table, row.id as string, merged.localWins);
          requeued += 1;
        }
      }
      // Children first, so a parent deleted in the same pull is free to go.
      const order = (t: SyncedTable) => -SYNCED_TABLES.indexOf(t);
      for (const t of [...tombstones].sort((a, b) => order(a.table_name) - order(b.table_name))) {
        deleted += removeRow(replica, t.table_name, t.row_id);
        if (t._hlc > latest) latest = t._hlc;
      }
      if (finish) {
        if (finish.keepOnly) {
          const tombstoned = new Set(tombstones.map((t) => `${t.table_name}:${t.row_id}`));
          const unseen = deleteUnseen(replica, finish.keepOnly, recover ? tombstoned : null);
          deleted += unseen.deleted;
          requeued += unseen.requeued;
        }
        // Discarded local changes: the central version replaces the local row, clocks and all,
        // unless the user changed the row again meanwhile (that change waits to be pushed, and the
        // row is looked up again next time).
        const done = db.prepare('DELETE FROM sync_refetch WHERE table_name = ? AND row_id = ?');
        for (const { table, values } of finish.refetched?.rows ?? []) {
          if (hasLocalChanges(replica, table, values[0] as string)) continue;
          done.run(table, values[0]);
          const s = forTable(table);
          if (s.insert.run(values).changes === 0) s.update.run(...values, values[0]);
        }
        for (const { table, id } of [...(finish.refetched?.missing ?? [])].sort((a, b) => order(a.table) - order(b.table))) {
          done.run(table, id);
          deleted += removeRow(replica, table, id);
        }

        if (fill) buildDeferredIndexes(db);
        db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(finish.cursor);
        writeSetting(db, 'central_instance', finish.instance);
        if (finish.history) writeSetting(db, 'central_history', finish.history);
      }
      if (latest) replica.observe(latest);
    });

  if (!fill) apply();
  else {
    // The pragma cannot change inside a transaction. Nothing else runs on this connection between
    // these synchronous calls.
    db.pragma('foreign_keys = OFF');
    try {
      apply();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  }
  return { deleted, requeued };
}

function prepareTable(replica: Replica, table: SyncedTable) {
  const columns = columnsOf(table);
  return {
    columns,
    insert: cachedStatement(
      replica.db,
      `INSERT INTO ${table} (${columns.join(', ')}, _hlc, _clocks) VALUES (${columns.map(() => '?').join(', ')}, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    read: cachedStatement(replica.db, `SELECT * FROM ${table} WHERE id = ?`),
    update: cachedStatement(
      replica.db,
      `UPDATE ${table} SET ${[...columns, '_hlc', '_clocks'].map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    ),
  };
}

function newestStamp(hlc: string, clocks: string): string {
  let newest = hlc;
  if (clocks && clocks !== '{}') for (const stamp of Object.values(JSON.parse(clocks) as Clocks)) if (stamp > newest) newest = stamp;
  return newest;
}

const referencesCache = new WeakMap<object, Map<SyncedTable, Array<{ child: string; column: string }>>>();

/** Which local tables point at each synced table, from the replica's own foreign keys. */
function referencesTo(replica: Replica, table: SyncedTable) {
  let map = referencesCache.get(replica.db);
  if (!map) {
    map = new Map();
    // Every table that can point at a synced row: synced ones, and local ones (the running timer).
    const tables = replica.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const child of tables) {
      for (const fk of replica.db.pragma(`foreign_key_list(${child})`) as Array<{ table: string; from: string }>) {
        const list = map.get(fk.table as SyncedTable) ?? [];
        list.push({ child, column: fk.from });
        map.set(fk.table as SyncedTable, list);
      }
    }
    referencesCache.set(replica.db, map);
  }
  return map.get(table) ?? [];
}

/**
 * Deletes a row the central no longer has. A row with changes of ours not yet accepted (waiting
 * to be pushed, or refused and kept for the user) stays: the push reports it, and the user
 * restores or discards it. A row that local rows still point at (hours an offline consultant logged
 * on a project deleted meanwhile, the running timer's project) stays until they are resolved, and
 * is looked up again on the next pull: a pull never fails on it, and nothing local is lost.
 */
function removeRow(replica: Replica, table: SyncedTable, id: string): number {
  const referenced = () =>
    referencesTo(replica, table).some(
      ({ child, column }) => cachedStatement(replica.db, `SELECT 1 FROM ${child} WHERE ${column} = ? LIMIT 1`).get(id) !== undefined,
    );
  if (hasLocalChanges(replica, table, id) || referenced()) {
    cachedStatement(replica.db, 'INSERT OR IGNORE INTO sync_refetch (table_name, row_id) VALUES (?, ?)').run(table, id);
    if (table === 'projects' && cachedStatement(replica.db, 'SELECT 1 FROM running_timer WHERE project_id = ?').get(id) !== undefined) {
      cachedStatement(replica.db, 'UPDATE sync_state SET notice = ? WHERE id = 1').run(TIMER_PROJECT_DELETED);
    }
    return 0;
  }
  return cachedStatement(replica.db, `DELETE FROM ${table} WHERE id = ?`).run(id).changes;
}

/** Whether the outbox holds a change of this row, waiting to be pushed or refused and kept. */
function hasLocalChanges(replica: Replica, table: SyncedTable, id: string): boolean {
  return cachedStatement(replica.db, 'SELECT 1 FROM outbox WHERE table_name = ? AND row_id = ? LIMIT 1').get(table, id) !== undefined;
}

export const TIMER_PROJECT_DELETED =
  'The project your timer is running on was deleted in the central database. Stop the timer to keep the time (then move the entry to another project and retry it on the Sync screen), or discard it.';

/**
 * After a forced full resync: rows the central no longer has go, unless they wait to be pushed.
 * After a recovery (`tombstoned` given), only rows the central deleted go; a row it has neither
 * kept nor deleted was lost by it, and is queued to be sent again.
 */
function deleteUnseen(
  replica: Replica,
  seen: Map<SyncedTable, Set<string>>,
  tombstoned: Set<string> | null,
): { deleted: number; requeued: number } {
  let deleted = 0;
  let requeued = 0;
  for (const table of [...SYNCED_TABLES].reverse()) {
    const ids = replica.db
      .prepare(`SELECT id FROM ${table} WHERE id NOT IN (SELECT row_id FROM outbox WHERE table_name = ?)`)
      .pluck()
      .all(table) as string[];
    const keep = seen.get(table) ?? new Set<string>();
    for (const id of ids) {
      if (keep.has(id)) continue;
      if (tombstoned && !tombstoned.has(`${table}:${id}`)) {
        replica.requeue(table, id, null);
        requeued += 1;
      } else deleted += removeRow(replica, table, id);
    }
  }
  return { deleted, requeued };
}
