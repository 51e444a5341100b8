// Rejected changes: listed with their reason, retried (sent again as a new mutation) or discarded
// (the central version comes back on the next pull). Never dropped without the user's say.
import { OpsError } from '../../../shared/contract';
import type { Rejection } from '../../../shared/domain';
import { isoNow } from '../../../shared/time';
import type { Replica } from './replica';

interface OutboxRow {
  mutation_id: number;
  table_name: string;
  row_id: string;
  op: 'upsert' | 'delete';
  columns: string | null;
  hlc: string;
  rejected_reason: string;
  rejected_at: string;
}

export function listRejections(replica: Replica): Rejection[] {
  const rows = replica.db.prepare('SELECT * FROM outbox WHERE rejected_at IS NOT NULL ORDER BY mutation_id').all() as OutboxRow[];
  return rows.map((r) => ({
    mutationId: r.mutation_id,
    table: r.table_name,
    rowId: r.row_id,
    op: r.op,
    columns: r.columns ? (JSON.parse(r.columns) as string[]) : null,
    reason: r.rejected_reason,
    rejectedAt: r.rejected_at,
    summary: summarize(replica, r),
  }));
}

function summarize(replica: Replica, r: OutboxRow): string {
  if (r.table_name === 'time_entries') {
    const entry = replica.db
      .prepare('SELECT e.minutes, e.note, p.name AS project FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE e.id = ?')
      .get(r.row_id) as { minutes: number; note: string; project: string } | undefined;
    if (entry)
      return `${r.op === 'delete' ? 'Delete' : 'Hours'}: ${entry.minutes} min on ${entry.project}${entry.note ? ` · ${entry.note}` : ''}`;
  }
  const what = r.table_name.replace(/_/g, ' ');
  return r.op === 'delete' ? `Delete from ${what}` : `Change to ${what}${r.columns ? ` (${JSON.parse(r.columns).join(', ')})` : ''}`;
}

function rejected(replica: Replica, mutationId: number): OutboxRow {
  const row = replica.db.prepare('SELECT * FROM outbox WHERE mutation_id = ? AND rejected_at IS NOT NULL').get(mutationId) as
    OutboxRow | undefined;
  if (!row)
    throw new OpsError(
      'not_found',
      'That rejected change is no longer there (it may have been retried or discarded already). Refresh the list.',
    );
  return row;
}

/** Sends the change again on the next sync, as a new mutation (the server has passed the old one). */
export function retryRejection(replica: Replica, mutationId: number): void {
  replica.transaction(() => {
    const row = rejected(replica, mutationId);
    replica.db.prepare('DELETE FROM outbox WHERE mutation_id = ?').run(mutationId);
    replica.db
      .prepare('INSERT INTO outbox (table_name, row_id, op, columns, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.table_name, row.row_id, row.op, row.columns, row.hlc, isoNow());
  });
}

/** Gives up the local change; the next pull restores the central version of the row. */
export function discardRejection(replica: Replica, mutationId: number): void {
  replica.transaction(() => {
    const row = rejected(replica, mutationId);
    replica.db.prepare('DELETE FROM outbox WHERE mutation_id = ?').run(mutationId);
    replica.db.prepare('INSERT OR IGNORE INTO sync_refetch (table_name, row_id) VALUES (?, ?)').run(row.table_name, row.row_id);
  });
}
