// Applying pulled rows to the replica, column by column: a column takes the central value only
// when its clock is later than the local one, so an unpushed local edit is never overwritten by
// an older server value. Pulled rows are not local writes: they add nothing to the outbox.
import { SYNCED_TABLES, type SyncedTable } from '../db/schema';
import { buildDeferredIndexes, deferIndexes } from '../db/deferred-indexes';
import { cachedStatement } from '../db/query';
import { columnsOf } from './columns';
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

function clockOf(clocks: Clocks, hlc: string, column: string): string {
  return clocks[column] ?? hlc;
}

/** The merged row: each column from whichever side has the later clock. */
export function mergeRow(
  columns: string[],
  local: Record<string, unknown>,
  remote: Record<string, unknown>,
): { values: Record<string, unknown>; hlc: string; clocks: Clocks; changed: boolean } {
  const localClocks = JSON.parse((local._clocks as string) || '{}') as Clocks;
  const remoteClocks = JSON.parse((remote._clocks as string) || '{}') as Clocks;
  const localHlc = local._hlc as string;
  const remoteHlc = remote._hlc as string;
  const values: Record<string, unknown> = {};
  const merged: Clocks = {};
  let changed = false;
  for (const column of columns) {
    const mine = clockOf(localClocks, localHlc, column);
    const theirs = clockOf(remoteClocks, remoteHlc, column);
    if (theirs > mine) {
      values[column] = remote[column];
      merged[column] = theirs;
      changed ||= remote[column] !== local[column] || theirs !== mine;
    } else {
      values[column] = local[column];
      merged[column] = mine;
    }
  }
  // Store compactly: the local base clock, and overrides only where a column differs from it.
  const clocks = Object.fromEntries(Object.entries(merged).filter(([, stamp]) => stamp !== localHlc));
  return { values, hlc: localHlc, clocks, changed };
}

export interface MergeOptions {
  /** The last part of a pull: the new cursor (and what else must commit with it). */
  finish?: { cursor: string; instance: string; keepOnly: Map<SyncedTable, Set<string>> | null; refetched?: Refetched };
  /**
   * A full pull filling an empty replica. Every row then comes from one consistent snapshot of a
   * database that enforces the same foreign keys, so they are not checked again, and secondary
   * indexes are set aside until the last part, which builds them (all in SQLite transactions: a
   * crash loses neither). Local writes in between run in their own transactions, checks on.
   */
  fill?: boolean;
}

export function mergeIntoReplica(replica: Replica, rows: PulledRow[], tombstones: Tombstone[], options: MergeOptions = {}): number {
  const { finish, fill = false } = options;
  const db = replica.db;
  let deleted = 0;
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
      for (const { table, values } of rows) {
        const s = forTable(table);
        const stamp = newestStamp(values[s.columns.length] as string, values[s.columns.length + 1] as string);
        if (stamp > latest) latest = stamp;
        // New rows (all of an initial sync) go straight in; existing ones merge column by column.
        if (s.insert.run(values).changes === 1) continue;
        const row = Object.fromEntries([...s.columns, '_hlc', '_clocks'].map((c, i) => [c, values[i]]));
        const local = s.read.get(row.id) as Record<string, unknown>;
        const merged = mergeRow(s.columns, local, row);
        if (merged.changed)
          s.update.run(...s.columns.map((c) => merged.values[c] ?? null), merged.hlc, JSON.stringify(merged.clocks), row.id);
      }
      // Children first, so a parent deleted in the same pull is free to go.
      const order = (t: SyncedTable) => -SYNCED_TABLES.indexOf(t);
      for (const t of [...tombstones].sort((a, b) => order(a.table_name) - order(b.table_name))) {
        deleted += removeRow(replica, t.table_name, t.row_id);
        if (t._hlc > latest) latest = t._hlc;
      }
      if (finish) {
        if (finish.keepOnly) deleted += deleteUnseen(replica, finish.keepOnly);
        // Discarded local changes: the central version replaces the local row, clocks and all.
        const done = db.prepare('DELETE FROM sync_refetch WHERE table_name = ? AND row_id = ?');
        for (const { table, values } of finish.refetched?.rows ?? []) {
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
  return deleted;
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
    for (const child of SYNCED_TABLES) {
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
 * Deletes a row the central no longer has. A row that local rows still point at (say, hours an
 * offline consultant logged on a project deleted meanwhile) stays until they are resolved, and is
 * looked up again on the next pull: a pull never fails on it, and nothing local is lost.
 */
function removeRow(replica: Replica, table: SyncedTable, id: string): number {
  const referenced = referencesTo(replica, table).some(
    ({ child, column }) => cachedStatement(replica.db, `SELECT 1 FROM ${child} WHERE ${column} = ? LIMIT 1`).get(id) !== undefined,
  );
  if (referenced) {
    cachedStatement(replica.db, 'INSERT OR IGNORE INTO sync_refetch (table_name, row_id) VALUES (?, ?)').run(table, id);
    return 0;
  }
  return cachedStatement(replica.db, `DELETE FROM ${table} WHERE id = ?`).run(id).changes;
}

/** After a forced full resync: rows the central no longer has go, unless they wait to be pushed. */
function deleteUnseen(replica: Replica, seen: Map<SyncedTable, Set<string>>): number {
  let deleted = 0;
  for (const table of [...SYNCED_TABLES].reverse()) {
    const ids = replica.db
      .prepare(`SELECT id FROM ${table} WHERE id NOT IN (SELECT row_id FROM outbox WHERE table_name = ?)`)
      .pluck()
      .all(table) as string[];
    const keep = seen.get(table) ?? new Set<string>();
    for (const id of ids) if (!keep.has(id)) deleted += removeRow(replica, table, id);
  }
  return deleted;
}
