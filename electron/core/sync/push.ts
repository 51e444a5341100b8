// Push: the outbox, in order, in PostgreSQL transactions under the user's own role. The server
// keeps each client's last applied mutation number, so a replayed batch (a crash after commit, a
// lost acknowledgement) changes nothing. A refused mutation still advances that number and is
// recorded with its reason; it is kept locally for the user to retry or discard.
import type { SyncProgress } from '../../../shared/domain';
import type { Central } from '../central/connection';
import type { SyncedTable } from '../db/schema';
import { columnsOf, recordsetDefinition, toCentralJson } from './columns';
import { DELETED_ELSEWHERE, NOT_YOURS, rejectionReason } from './reasons';
import type { Replica } from './replica';

export interface PushResult {
  pushed: number;
  rejected: number;
}

interface Mutation {
  mutation_id: number;
  table_name: SyncedTable;
  row_id: string;
  op: 'upsert' | 'delete';
  hlc: string;
}

interface Outcome {
  rejected: Map<number, string>; // mutation id → reason
}

export async function push(
  replica: Replica,
  central: Central,
  options: { batchSize?: number; onProgress?: (p: SyncProgress) => void } = {},
): Promise<PushResult> {
  const batchSize = options.batchSize ?? 2000;
  const result: PushResult = { pushed: 0, rejected: 0 };
  const readBatch = replica.db.prepare<[number, number], Mutation>(
    'SELECT mutation_id, table_name, row_id, op, hlc FROM outbox WHERE rejected_at IS NULL AND mutation_id > ? ORDER BY mutation_id LIMIT ?',
  );
  let after = 0;
  for (;;) {
    const batch = readBatch.all(after, batchSize);
    if (batch.length === 0) return result;
    after = batch.at(-1)!.mutation_id;
    const outcome = await pushBatch(replica, central, batch);
    acknowledge(replica, batch, outcome);
    result.pushed += batch.length - outcome.rejected.size;
    result.rejected += outcome.rejected.size;
    options.onProgress?.({ phase: 'push', rows: result.pushed + result.rejected });
  }
}

async function pushBatch(replica: Replica, central: Central, batch: Mutation[]): Promise<Outcome> {
  const rejected = new Map<number, string>();
  await central.query('BEGIN');
  try {
    await central.query("SELECT set_config('ops.sync', 'on', true)");
    await central.query('INSERT INTO _sync_clients (client_id) VALUES ($1) ON CONFLICT (client_id) DO NOTHING', [replica.clientId]);
    const { rows } = await central.query<{ last: number }>(
      'SELECT last_mutation AS last FROM _sync_clients WHERE client_id = $1 FOR UPDATE',
      [replica.clientId],
    );
    const last = Number(rows[0]?.last ?? 0);

    // Already applied before an acknowledgement was lost: learn which of those were refused.
    const replayed = batch.filter((m) => m.mutation_id <= last).map((m) => m.mutation_id);
    if (replayed.length > 0) {
      const earlier = await central.query<{ mutation_id: string; reason: string }>(
        'SELECT mutation_id, reason FROM _sync_rejections WHERE client_id = $1 AND mutation_id = ANY($2::bigint[])',
        [replica.clientId, replayed],
      );
      for (const r of earlier.rows) rejected.set(Number(r.mutation_id), r.reason);
    }

    const fresh = batch.filter((m) => m.mutation_id > last);
    const newlyRejected = new Map<number, string>();
    for (const run of runsOf(fresh)) {
      const outcome = run[0]!.op === 'upsert' ? await applyUpserts(replica, central, run) : await applyDeletes(central, run);
      for (const [id, reason] of outcome) newlyRejected.set(id, reason);
    }
    if (newlyRejected.size > 0) {
      const byId = new Map(fresh.map((m) => [m.mutation_id, m]));
      await central.query(
        `INSERT INTO _sync_rejections (client_id, mutation_id, table_name, row_id, reason)
         SELECT $1, x.mutation_id, x.table_name, x.row_id, x.reason FROM jsonb_to_recordset($2::jsonb) AS x(mutation_id bigint, table_name text, row_id uuid, reason text)`,
        [
          replica.clientId,
          JSON.stringify(
            [...newlyRejected].map(([id, reason]) => ({
              mutation_id: id,
              table_name: byId.get(id)!.table_name,
              row_id: byId.get(id)!.row_id,
              reason,
            })),
          ),
        ],
      );
    }
    if (fresh.length > 0) {
      await central.query('UPDATE _sync_clients SET last_mutation = $2, updated_at = now() WHERE client_id = $1', [
        replica.clientId,
        fresh.at(-1)!.mutation_id,
      ]);
    }
    await central.query('COMMIT');
    for (const [id, reason] of newlyRejected) rejected.set(id, reason);
    return { rejected };
  } catch (error) {
    await central.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Consecutive mutations of one table and kind: applied together, in outbox order. */
function runsOf(mutations: Mutation[]): Mutation[][] {
  const runs: Mutation[][] = [];
  for (const m of mutations) {
    const run = runs.at(-1);
    if (run && run[0]!.table_name === m.table_name && run[0]!.op === m.op) run.push(m);
    else runs.push([m]);
  }
  return runs;
}

function upsertSql(table: SyncedTable): string {
  const columns = columnsOf(table);
  const data = columns.filter((c) => c !== 'id');
  return `INSERT INTO ${table} AS t (${columns.join(', ')}, _hlc, _clocks)
    SELECT ${columns.map((c) => `x.${c}`).join(', ')}, x._hlc, coalesce(x._clocks, '{}'::jsonb)
    FROM jsonb_to_recordset($1::jsonb) AS x(${recordsetDefinition(table)})
    WHERE NOT EXISTS (SELECT 1 FROM _tombstones d WHERE d.table_name = '${table}' AND d.row_id = x.id)
    ON CONFLICT (id) DO UPDATE SET
      ${data.map((c) => `${c} = CASE WHEN ops_wins(excluded._clocks, excluded._hlc, t._clocks, t._hlc, '${c}') THEN excluded.${c} ELSE t.${c} END`).join(',\n      ')},
      _clocks = ops_merge_clocks(t._clocks, t._hlc, excluded._clocks, excluded._hlc, ARRAY[${data.map((c) => `'${c}'`).join(', ')}])
    RETURNING t.id::text AS id`;
}

/**
 * Upserts send the row as it is now, with its per-column clocks: the server keeps, column by
 * column, whichever value has the later clock. A row deleted since has nothing to send.
 */
async function applyUpserts(replica: Replica, central: Central, run: Mutation[]): Promise<Map<number, string>> {
  const table = run[0]!.table_name;
  const read = replica.db.prepare(`SELECT * FROM ${table} WHERE id = ?`);
  const rows = new Map<string, Record<string, unknown>>();
  for (const m of run) {
    const row = read.get(m.row_id) as Record<string, unknown> | undefined;
    if (row) rows.set(m.row_id, toCentralJson(table, row));
  }
  const sql = upsertSql(table);
  const rejected = new Map<number, string>();
  const refuse = (rowId: string, reason: string) =>
    run.filter((m) => m.row_id === rowId).forEach((m) => rejected.set(m.mutation_id, reason));
  if (rows.size === 0) return rejected;

  await central.query('SAVEPOINT run');
  try {
    const applied = await central.query<{ id: string }>(sql, [JSON.stringify([...rows.values()])]);
    await central.query('RELEASE SAVEPOINT run');
    const ids = new Set(applied.rows.map((r) => r.id));
    for (const id of rows.keys()) if (!ids.has(id)) refuse(id, DELETED_ELSEWHERE);
    return rejected;
  } catch {
    await central.query('ROLLBACK TO SAVEPOINT run');
  }
  // Something in the run was refused: apply row by row to find which, keeping the rest.
  for (const [id, row] of rows) {
    await central.query('SAVEPOINT one');
    try {
      const applied = await central.query(sql, [JSON.stringify([row])]);
      await central.query('RELEASE SAVEPOINT one');
      if (applied.rowCount === 0) refuse(id, DELETED_ELSEWHERE);
    } catch (error) {
      await central.query('ROLLBACK TO SAVEPOINT one');
      refuse(id, rejectionReason(error));
    }
  }
  return rejected;
}

/** Deletes leave a tombstone with the client's clock, so every replica deletes the row too. */
async function applyDeletes(central: Central, run: Mutation[]): Promise<Map<number, string>> {
  const table = run[0]!.table_name;
  const rejected = new Map<number, string>();
  const deleteSome = async (mutations: Mutation[]) => {
    const ids = mutations.map((m) => m.row_id);
    await central.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
    // Row-level security skips rows it does not allow deleting, silently: find those.
    const kept = await central.query<{ id: string }>(`SELECT id::text AS id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
    const refused = new Set(kept.rows.map((r) => r.id));
    const gone = mutations.filter((m) => !refused.has(m.row_id));
    await central.query(
      `INSERT INTO _tombstones (table_name, row_id, _hlc) SELECT $1, x.id, x.hlc FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, hlc text)
       ON CONFLICT (table_name, row_id) DO UPDATE SET _hlc = greatest(_tombstones._hlc, excluded._hlc), _txid = pg_current_xact_id(), deleted_at = now()`,
      [table, JSON.stringify(gone.map((m) => ({ id: m.row_id, hlc: m.hlc })))],
    );
    return mutations.filter((m) => refused.has(m.row_id));
  };
  await central.query('SAVEPOINT run');
  try {
    for (const m of await deleteSome(run)) rejected.set(m.mutation_id, NOT_YOURS);
    await central.query('RELEASE SAVEPOINT run');
    return rejected;
  } catch {
    await central.query('ROLLBACK TO SAVEPOINT run');
  }
  for (const m of run) {
    await central.query('SAVEPOINT one');
    try {
      for (const refused of await deleteSome([m])) rejected.set(refused.mutation_id, NOT_YOURS);
      await central.query('RELEASE SAVEPOINT one');
    } catch (error) {
      await central.query('ROLLBACK TO SAVEPOINT one');
      rejected.set(m.mutation_id, rejectionReason(error));
    }
  }
  return rejected;
}

/** After the server committed: drop what it took, keep what it refused (with the reason). */
function acknowledge(replica: Replica, batch: Mutation[], outcome: Outcome): void {
  const now = new Date().toISOString();
  const drop = replica.db.prepare('DELETE FROM outbox WHERE mutation_id = ?');
  const mark = replica.db.prepare('UPDATE outbox SET rejected_reason = ?, rejected_at = ? WHERE mutation_id = ?');
  replica.transaction(() => {
    for (const m of batch) {
      const reason = outcome.rejected.get(m.mutation_id);
      if (reason) mark.run(reason, now, m.mutation_id);
      else drop.run(m.mutation_id);
    }
  });
}
