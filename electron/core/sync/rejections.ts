// Rejected changes: listed with their reason and the row's values as they were when refused;
// retried (sent again as a new mutation), restored (added again as a new row, when the original was
// deleted elsewhere) or discarded (the central version comes back on the next pull). Never dropped
// without the user's say.
import { OpsError } from '../../../shared/contract';
import type { Rejection } from '../../../shared/domain';
import { isoNow } from '../../../shared/time';
import type { SyncedTable } from '../db/schema';
import { columnsOf } from './columns';
import { DELETED_ELSEWHERE } from './reasons';
import type { Replica } from './replica';

interface OutboxRow {
  mutation_id: number;
  table_name: SyncedTable;
  row_id: string;
  op: 'upsert' | 'delete';
  columns: string | null;
  hlc: string;
  rejected_reason: string;
  rejected_at: string;
  rejected_row: string | null;
}

/** Rows a user can add again under a new id after they were deleted elsewhere. */
const RESTORABLE: ReadonlySet<SyncedTable> = new Set(['time_entries', 'expenses']);

export function listRejections(replica: Replica): Rejection[] {
  const rows = replica.db.prepare('SELECT * FROM outbox WHERE rejected_at IS NOT NULL ORDER BY mutation_id').all() as OutboxRow[];
  return rows.map((r) => {
    const values = valuesOf(replica, r);
    const deletedElsewhere = r.rejected_reason === DELETED_ELSEWHERE;
    return {
      mutationId: r.mutation_id,
      table: r.table_name,
      rowId: r.row_id,
      op: r.op,
      columns: r.columns ? (JSON.parse(r.columns) as string[]) : null,
      reason: r.rejected_reason,
      rejectedAt: r.rejected_at,
      summary: summarize(replica, r, values),
      deletedElsewhere,
      values,
      restorable: deletedElsewhere && r.op === 'upsert' && values !== null && RESTORABLE.has(r.table_name),
    };
  });
}

/** The row as it is now if it is still here, else as it was when the change was refused. */
function valuesOf(replica: Replica, r: OutboxRow): Record<string, unknown> | null {
  const now = replica.db.prepare(`SELECT * FROM ${r.table_name} WHERE id = ?`).get(r.row_id) as Record<string, unknown> | undefined;
  const row = now ?? (r.rejected_row ? (JSON.parse(r.rejected_row) as Record<string, unknown>) : null);
  if (!row) return null;
  return Object.fromEntries(columnsOf(r.table_name).map((c) => [c, row[c] ?? null]));
}

function summarize(replica: Replica, r: OutboxRow, values: Record<string, unknown> | null): string {
  if (r.table_name === 'time_entries' && values) {
    const project = replica.db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(values.project_id) as string | undefined;
    return `${r.op === 'delete' ? 'Delete' : 'Hours'}: ${String(values.minutes)} min on ${project ?? 'a project no longer here'}${values.note ? ` · ${String(values.note)}` : ''}`;
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
    if (row.rejected_reason === DELETED_ELSEWHERE) {
      throw new OpsError(
        'conflict',
        RESTORABLE.has(row.table_name) && row.op === 'upsert'
          ? 'This row was deleted on another device, so sending the change again cannot apply it. Use Restore to add it again as a new row, or Discard.'
          : 'This row was deleted on another device, so sending the change again cannot apply it. Discard it (its values are shown here).',
      );
    }
    if (row.op === 'upsert' && !replica.db.prepare(`SELECT 1 FROM ${row.table_name} WHERE id = ?`).get(row.row_id)) {
      throw new OpsError('conflict', 'This row is no longer in this replica, so there is nothing to send. Discard the change.');
    }
    replica.db.prepare('DELETE FROM outbox WHERE mutation_id = ?').run(mutationId);
    // A delete retried is a new decision, made after seeing the change that kept the row: it gets
    // a new clock. An upsert sends the row's own column clocks, whatever the mutation's.
    if (row.op === 'delete') replica.db.prepare(`DELETE FROM ${row.table_name} WHERE id = ?`).run(row.row_id);
    replica.db
      .prepare('INSERT INTO outbox (table_name, row_id, op, columns, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.table_name, row.row_id, row.op, row.columns, row.op === 'delete' ? replica.stamp() : row.hlc, isoNow());
  });
}

/**
 * Adds the refused values again as a new row (a new id: the old one is deleted for good on the
 * central database, and its local copy goes with its rejected changes).
 */
export function restoreRejection(replica: Replica, mutationId: number): void {
  replica.transaction(() => {
    const row = rejected(replica, mutationId);
    const values = valuesOf(replica, row);
    if (row.rejected_reason !== DELETED_ELSEWHERE || row.op !== 'upsert' || !values || !RESTORABLE.has(row.table_name)) {
      throw new OpsError(
        'conflict',
        'Only a change to hours (or an expense) that was deleted elsewhere can be restored. Retry or discard it.',
      );
    }
    const copy = { ...values, id: replica.newId() } as Record<string, string | number | null> & { id: string };
    if (row.table_name === 'time_entries') copy.invoice_id = null; // a restored entry is not billed yet
    // Other rejected changes of the same row are covered by this copy.
    replica.db.prepare('DELETE FROM outbox WHERE table_name = ? AND row_id = ?').run(row.table_name, row.row_id);
    replica.insert(row.table_name, copy);
    // The old row is already gone on the central database: no mutation, just the local copy.
    replica.db.prepare(`DELETE FROM ${row.table_name} WHERE id = ?`).run(row.row_id);
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
