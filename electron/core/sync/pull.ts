// Pull: gap-free by transaction snapshots. One REPEATABLE READ transaction takes
// pg_current_snapshot() first, then reads the rows (and tombstones) whose writing transaction was
// not visible in the previous snapshot (the cursor). A transaction still open at the last pull is
// invisible in that cursor, so the next pull picks it up whatever order transactions commit in;
// a sequence, timestamp or updated_at cursor would skip it for good.
import type { Central } from '../central/connection';
import { restoreDeferredIndexes } from '../db/deferred-indexes';
import { SYNCED_TABLES, type SyncedTable } from '../db/schema';
import { pgSelectList, RESTRICTED_COLUMNS, type HiddenColumns } from './columns';
import { mergeIntoReplica, type PulledRow, type Refetched } from './merge';
import type { SyncProgress } from '../../../shared/domain';
import { readSetting, type Replica } from './replica';

export interface PullResult {
  pulled: number;
  deleted: number;
  full: boolean;
  /**
   * The central database's history is not the one this replica's cursor came from (moved to a new
   * server with pg_dump, restored to a point in time): everything was read again, and local rows
   * the central had lost were queued to be sent again (`requeued`).
   */
  recovered: boolean;
  requeued: number;
}

export interface PullOptions {
  /** Rows per keyset page read from PostgreSQL. */
  pageSize?: number;
  /** Rows applied per SQLite transaction during a large (initial) pull. */
  flushRows?: number;
  onProgress?: (p: SyncProgress) => void;
}

export async function pull(replica: Replica, central: Central, options: PullOptions = {}): Promise<PullResult> {
  const pageSize = options.pageSize ?? 10_000;
  const flushRows = options.flushRows ?? 20_000;
  const previous = readCursor(replica);
  const result: PullResult = { pulled: 0, deleted: 0, full: previous === null, recovered: false, requeued: 0 };

  await central.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // The snapshot, and the central's clock against this computer's, over the same round trip.
    const sent = replica.wallNow();
    const first = (
      await central.query<{ s: string; ms: string }>(
        'SELECT pg_current_snapshot()::text AS s, (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms',
      )
    ).rows[0]!;
    replica.setClockOffset(Number(first.ms) - (sent + replica.wallNow()) / 2);
    const snapshot = first.s;
    const facts = await centralFacts(central, previous);
    const { instance, history, hidden } = facts;
    let cursor = previous;
    // A cursor from another central database (a new server, a restore) means nothing here.
    if (cursor !== null && readSetting(replica.db, 'central_instance') !== instance) {
      cursor = null;
      result.full = true;
    }
    // The same database, but not the history the cursor was taken from: a pg_dump to a new server
    // or a point-in-time restore. Read everything; what the central lost of ours is sent again.
    const knownHistory = readSetting(replica.db, 'central_history');
    if (cursor !== null && (!history.plausible || (knownHistory !== null && knownHistory !== history.id))) {
      cursor = null;
      result.full = true;
      result.recovered = true;
    }
    if (cursor !== null && facts.horizonPassed) {
      cursor = null; // tombstones this replica has not seen were purged: read everything again
      result.full = true;
    }
    // Transaction ids this server has not reached came from another server's history (see changedSince).
    const xmax = snapshot.split(':')[1]!;
    const filter = cursor === null ? 'true' : changedSince('$2', '$3');
    // A forced resync deletes local rows the central no longer has; only then are ids remembered.
    const seen = previous !== null && cursor === null ? new Map<SyncedTable, Set<string>>() : null;

    // An index a stopped initial sync set aside is built before anything else.
    restoreDeferredIndexes(replica.db);
    const fill = cursor === null && isEmpty(replica);

    let buffer: PulledRow[] = [];
    let applied = 0;
    const flush = () => {
      result.requeued += mergeIntoReplica(replica, buffer, [], { fill, recover: result.recovered }).requeued;
      applied += buffer.length;
      buffer = [];
      options.onProgress?.({ phase: 'pull', rows: applied });
    };

    for (const table of SYNCED_TABLES) {
      const text = `SELECT ${pgSelectList(table, { hidden })}
        FROM ${table} t WHERE t.id > $1::uuid AND ${filter} ORDER BY t.id LIMIT ${pageSize}`;
      const page = (after: string) =>
        central.query<unknown[]>({ text, values: cursor === null ? [after] : [after, cursor, xmax], rowMode: 'array' });
      // The next page is requested before this one is applied: PostgreSQL reads while SQLite writes.
      let next = page('00000000-0000-0000-0000-000000000000');
      for (;;) {
        const { rows } = await next;
        if (rows.length === pageSize) next = page(rows.at(-1)![0] as string);
        for (const values of rows) buffer.push({ table, values });
        if (seen) {
          const ids = seen.get(table) ?? new Set<string>();
          for (const values of rows) ids.add(values[0] as string);
          seen.set(table, ids);
        }
        result.pulled += rows.length;
        if (buffer.length >= flushRows) flush();
        if (rows.length < pageSize) break;
      }
    }

    // After a recovery every tombstone counts: a row the central has neither kept nor deleted was
    // lost by it, and goes back.
    const tombstones =
      cursor === null && !result.recovered
        ? []
        : (
            await central.query<{ table_name: SyncedTable; row_id: string; _hlc: string }>(
              cursor === null
                ? 'SELECT table_name, row_id::text AS row_id, _hlc FROM _tombstones t'
                : `SELECT table_name, row_id::text AS row_id, _hlc FROM _tombstones t
                   WHERE ${changedSince('$1', '$2')}`,
              cursor === null ? [] : [cursor, xmax],
            )
          ).rows;
    const refetched = await refetchDiscarded(replica, central, hidden);
    await central.query('COMMIT');

    // The last part, the tombstones and the new cursor commit together: the cursor never runs
    // ahead of the rows applied.
    const last = mergeIntoReplica(replica, buffer, tombstones, {
      fill,
      recover: result.recovered,
      finish: { cursor: snapshot, instance, history: history.id, keepOnly: seen, refetched },
    });
    result.deleted = last.deleted;
    result.requeued += last.requeued;
    return result;
  } catch (error) {
    await central.query('ROLLBACK').catch(() => undefined);
    // Offline half way through a first sync: the rows so far stay, with their indexes.
    try {
      restoreDeferredIndexes(replica.db);
    } catch {
      // The next pull or the next open builds them; the reason this pull stopped is what to report.
    }
    throw error;
  }
}

/**
 * Rows (or tombstones) written by a transaction the cursor had not seen. A transaction id at or past
 * this pull's snapshot's xmax (one this server has not reached) came with a pg_dump from another
 * server's history: the recovery pull that noticed the move read those rows once, and they are not
 * read again on every pull.
 */
function changedSince(cursor: string, xmax: string): string {
  return `t._txid >= pg_snapshot_xmin(${cursor}::pg_snapshot) AND NOT pg_visible_in_snapshot(t._txid, ${cursor}::pg_snapshot)
    AND t._txid < ${xmax}::xid8`;
}

function isEmpty(replica: Replica): boolean {
  return SYNCED_TABLES.every((table) => replica.db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1);
}

/** Rows whose rejected local change was discarded: their central version, or that they are gone. */
async function refetchDiscarded(replica: Replica, central: Central, hidden: HiddenColumns): Promise<Refetched> {
  const wanted = replica.db.prepare('SELECT table_name, row_id FROM sync_refetch').all() as Array<{
    table_name: SyncedTable;
    row_id: string;
  }>;
  const refetched: Refetched = { rows: [], missing: [] };
  for (const table of SYNCED_TABLES) {
    const ids = wanted.filter((w) => w.table_name === table).map((w) => w.row_id);
    if (ids.length === 0) continue;
    const { rows } = await central.query<unknown[]>({
      text: `SELECT ${pgSelectList(table, { hidden })} FROM ${table} t WHERE t.id = ANY($1::uuid[])`,
      values: [ids],
      rowMode: 'array',
    });
    const found = new Set(rows.map((values) => values[0] as string));
    refetched.rows.push(...rows.map((values) => ({ table, values })));
    refetched.missing.push(...ids.filter((id) => !found.has(id)).map((id) => ({ table, id })));
  }
  return refetched;
}

const historyOfConnection = new WeakMap<Central, string>();

/**
 * In one round trip: which central database this is; which history of it (its instance id, and
 * where readable the cluster's system identifier and timeline) and whether the cursor could have
 * come from it (a snapshot naming transactions this server has not reached belongs to another
 * server's history); and the columns this login may not read (a consultant's: cost rates).
 */
async function centralFacts(central: Central, cursor: string | null) {
  // A connection stays with one server and one timeline (a restore or a failover ends it), so the
  // history id (it reads the server's control file) is asked once per connection.
  const known = historyOfConnection.get(central);
  const { rows } = await central.query<Record<string, unknown>>(
    `SELECT (SELECT instance_id::text FROM _schema_meta WHERE id = 1) AS instance, ${known ? 'NULL' : 'ops_history_id()'} AS history,
       pg_snapshot_xmax($1::pg_snapshot) <= pg_snapshot_xmax(pg_current_snapshot()) AS plausible,
       (SELECT NOT pg_visible_in_snapshot(tombstone_horizon, $1::pg_snapshot) FROM _schema_meta
        WHERE id = 1 AND tombstone_horizon < pg_snapshot_xmax(pg_current_snapshot())) AS horizon_passed,
       ${RESTRICTED_COLUMNS.map((name, i) => `has_column_privilege('${name.split('.')[0]}', '${name.split('.')[1]}', 'SELECT') AS r${i}`).join(', ')}`,
    [cursor],
  );
  const row = rows[0]!;
  const history = known ?? (row.history as string);
  historyOfConnection.set(central, history);
  return {
    instance: row.instance as string,
    history: { id: history, plausible: row.plausible !== false },
    // Tombstones this cursor has not seen were purged (a horizon from another server's history
    // does not count): the replica must read everything again.
    horizonPassed: row.horizon_passed === true,
    hidden: new Set(RESTRICTED_COLUMNS.filter((_, i) => row[`r${i}`] !== true)) as HiddenColumns,
  };
}

export function readCursor(replica: Replica): string | null {
  return (replica.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: string | null }).cursor;
}
