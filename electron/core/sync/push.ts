// Push: the outbox, in order, through the central database's `ops_push` function, which runs as a
// role no login can become and decides what this login may change (DESIGN.md section 3). The
// server keeps each client's last applied mutation number, so a replayed batch (a crash after
// commit, a lost acknowledgement) changes nothing. A refused mutation still advances that number
// and is kept locally, with the row's values, for the user to retry, restore or discard.
import type { SyncProgress } from '../../../shared/domain';
import type { Central } from '../central/connection';
import type { SyncedTable } from '../db/schema';
import { cachedStatement } from '../db/query';
import { toCentralJson } from './columns';
import { readSetting, writeSetting, type Replica } from './replica';
import { isConnectionLost, isTransient } from './transient';

export interface PushResult {
  pushed: number;
  rejected: number;
  /** Mutations whose clock the server could not accept (ahead of its time) and replaced. */
  restamped: number;
  /** Why this replica now pushes under a new client id, if it does. */
  renewed: RenewReason | null;
}

export type RenewReason = 'copied' | 'other-login' | 'central-restored';

interface Mutation {
  mutation_id: number;
  table_name: SyncedTable;
  row_id: string;
  op: 'upsert' | 'delete';
  hlc: string;
}

interface Refusal {
  m: number;
  reason: string;
}

type Answer =
  | { status: 'ok'; last: number; rejected: Refusal[]; restamped: number }
  | { status: 'ahead'; last: number; last_hlc: string | null; last_row: string | null; rejected: Refusal[] }
  | { status: 'behind'; last: number }
  | { status: 'taken' };

export interface PushOptions {
  batchSize?: number;
  onProgress?: (p: SyncProgress) => void;
  /** Waits between attempts after a transient server error (a timeout, a deadlock). */
  retryDelaysMs?: number[];
}

export async function push(replica: Replica, central: Central, options: PushOptions = {}): Promise<PushResult> {
  const batchSize = options.batchSize ?? 2000;
  const result: PushResult = { pushed: 0, rejected: 0, restamped: 0, renewed: null };
  const readBatch = replica.db.prepare<[number], Mutation>(
    'SELECT mutation_id, table_name, row_id, op, hlc FROM outbox WHERE rejected_at IS NULL ORDER BY mutation_id LIMIT ?',
  );
  for (;;) {
    const batch = readBatch.all(batchSize);
    if (batch.length === 0) return result;
    const knownLast = ackedMutation(replica);
    const answer = await withRetries(() => callPush(replica, central, knownLast, batch), options.retryDelaysMs);
    switch (answer.status) {
      case 'ok': {
        acknowledge(replica, batch, answer.rejected, answer.last);
        result.pushed += batch.length - answer.rejected.length;
        result.rejected += answer.rejected.length;
        result.restamped += answer.restamped;
        options.onProgress?.({ phase: 'push', rows: result.pushed + result.rejected });
        break;
      }
      case 'ahead': {
        // The server applied more than this replica knows. If it holds that very mutation, the
        // acknowledgement was lost: take it now. If not, this file was copied or restored, and its
        // numbers mean other changes on the server: go on under a new client id. A ledger from
        // before the server kept the last mutation's identity (no clock) is taken at its word,
        // as the earlier protocol did.
        const held =
          answer.last_hlc === null ||
          replica.db
            .prepare('SELECT 1 FROM outbox WHERE mutation_id = ? AND hlc = ? AND row_id = ? AND rejected_at IS NULL')
            .get(answer.last, answer.last_hlc, answer.last_row) !== undefined;
        if (held) {
          const applied = replica.db
            .prepare<[number], Mutation>(
              'SELECT mutation_id, table_name, row_id, op, hlc FROM outbox WHERE rejected_at IS NULL AND mutation_id <= ? ORDER BY mutation_id',
            )
            .all(answer.last);
          acknowledge(replica, applied, answer.rejected, answer.last);
          result.pushed += applied.length - answer.rejected.length;
          result.rejected += answer.rejected.length;
        } else {
          renew(replica, result, 'copied');
        }
        break;
      }
      case 'behind':
        renew(replica, result, 'central-restored');
        break;
      case 'taken':
        renew(replica, result, 'other-login');
        break;
    }
  }
}

function renew(replica: Replica, result: PushResult, reason: RenewReason): void {
  // Each cause clears itself (a new id has an empty ledger), so a second one in one push is a bug.
  if (result.renewed) throw new Error(`Push could not settle on a client id (${result.renewed}, then ${reason}).`);
  replica.transaction(() => replica.renewClientId());
  result.renewed = reason;
}

/** The last mutation number this replica knows the server applied under its client id. */
function ackedMutation(replica: Replica): number {
  return Number(readSetting(replica.db, 'acked_mutation') ?? 0);
}

async function callPush(replica: Replica, central: Central, knownLast: number, batch: Mutation[]): Promise<Answer> {
  const { rows } = await central.query<{ answer: Answer }>('SELECT ops_push($1, $2, $3::jsonb) AS answer', [
    replica.clientId,
    knownLast,
    JSON.stringify(runsOf(replica, batch)),
  ]);
  const answer = rows[0]!.answer;
  if ('rejected' in answer) answer.rejected = answer.rejected.map((r) => ({ m: Number(r.m), reason: r.reason }));
  if ('last' in answer) answer.last = Number(answer.last);
  return answer;
}

interface Run {
  table: SyncedTable;
  op: Mutation['op'];
  ms: number[];
  ids: string[];
  hlcs: string[];
  rows?: unknown[];
}

/**
 * Consecutive mutations of one table and kind, in outbox order, as parallel arrays. An upsert
 * carries the row as it is now with its per-column clocks (the server keeps, column by column, the
 * later one); a row gone locally since, or already carried earlier in the run (one statement
 * cannot upsert a row twice), has nothing to send.
 */
function runsOf(replica: Replica, batch: Mutation[]): Run[] {
  const runs: Run[] = [];
  let sent = new Set<string>();
  for (const m of batch) {
    let run = runs.at(-1);
    if (!run || run.table !== m.table_name || run.op !== m.op) {
      runs.push((run = { table: m.table_name, op: m.op, ms: [], ids: [], hlcs: [], ...(m.op === 'upsert' ? { rows: [] } : {}) }));
      sent = new Set();
    }
    run.ms.push(m.mutation_id);
    run.ids.push(m.row_id);
    run.hlcs.push(m.hlc);
    if (m.op !== 'upsert') continue;
    let row: unknown = null;
    if (!sent.has(m.row_id)) {
      sent.add(m.row_id);
      const local = cachedStatement(replica.db, `SELECT * FROM ${m.table_name} WHERE id = ?`).get(m.row_id) as
        Record<string, unknown> | undefined;
      row = local ? toCentralJson(m.table_name, local) : null;
    }
    run.rows!.push(row);
  }
  return runs;
}

async function withRetries<T>(attempt: () => Promise<T>, delays = [250, 1000, 3000]): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= delays.length || !isTransient(error) || isConnectionLost(error)) throw error;
      const base = delays[i]!;
      await new Promise((resolve) => setTimeout(resolve, base / 2 + Math.random() * base));
    }
  }
}

/**
 * After the server committed: drop what it took; keep what it refused, with its reason and the
 * row's values as they are now, so nothing the user typed is lost whatever happens to the row.
 */
function acknowledge(replica: Replica, batch: Mutation[], refusals: Refusal[], last: number): void {
  const now = new Date().toISOString();
  const reasons = new Map(refusals.map((r) => [r.m, r.reason]));
  const drop = replica.db.prepare('DELETE FROM outbox WHERE mutation_id = ?');
  const mark = replica.db.prepare('UPDATE outbox SET rejected_reason = ?, rejected_at = ?, rejected_row = ? WHERE mutation_id = ?');
  replica.transaction(() => {
    for (const m of batch) {
      const reason = reasons.get(m.mutation_id);
      if (reason === undefined) {
        drop.run(m.mutation_id);
        continue;
      }
      const row = replica.db.prepare(`SELECT * FROM ${m.table_name} WHERE id = ?`).get(m.row_id);
      mark.run(reason, now, row ? JSON.stringify(row) : null, m.mutation_id);
    }
    writeSetting(replica.db, 'acked_mutation', String(last));
  });
}
