// One sync: check the central schema, push the outbox, then pull. Its outcome, success or the
// reason it failed in plain words, is kept in sync_state for the status screens.
import { OpsError } from '../../../shared/contract';
import { connectCentral, plainReason, type Central } from '../central/connection';
import { assertSyncableSchema } from '../central/migrate';
import { storageError } from '../db/storage';
import { outboxCounts } from '../workspace/queries';
import { pull, type PullOptions } from './pull';
import { push, type PushOptions, type RenewReason } from './push';
import { TIMER_PROJECT_DELETED } from './merge';
import { readSetting, type Replica } from './replica';
import { recordCentralRole } from './role';

export interface SyncResult {
  pushed: number;
  rejected: number;
  pulled: number;
  deleted: number;
  full: boolean;
  ms: number;
  /** This computer's clock minus the central database's, in ms (positive: this one is ahead). */
  clockSkewMs: number;
  /** What the user must be told beyond the counts, if anything. */
  notice: string | null;
}

const RENEWED: Record<RenewReason, string> = {
  copied:
    'This replica was copied or restored from a backup, so it now syncs as a new device; its unsynced changes were sent again and nothing was dropped.',
  'other-login': 'This replica was last synced under another login, so it now syncs as a new device for this one; nothing was dropped.',
  'central-restored':
    'The central database has been restored to an earlier state; this replica now syncs as a new device and sent its unsynced changes again.',
};

function noticeOf(renewed: RenewReason | null, recovered: boolean, requeued: number, restamped: number): string | null {
  const parts: string[] = [];
  if (renewed) parts.push(RENEWED[renewed]);
  if (recovered)
    parts.push(
      `The central database was moved or restored, so this replica read everything again${requeued > 0 ? ` and queued ${requeued} change(s) the central had lost to be sent again` : ''}.`,
    );
  if (restamped > 0)
    parts.push(`${restamped} change(s) carried clock times ahead of the central database's; they were saved with its time instead.`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * A replica follows one central database. Pointed at another one (a new server, a restore), it
 * resyncs fully, but only when nothing is waiting to be pushed: unsynced changes made against the
 * first database are never sent somewhere they do not belong, nor dropped.
 */
function assertSameCentral(replica: Replica, instance: string): void {
  const known = readSetting(replica.db, 'central_instance');
  if (!known || known === instance) return;
  const { pending } = outboxCounts(replica.db);
  if (pending > 0) {
    throw new OpsError(
      'conflict',
      `This replica has ${pending} unsynced change(s) made against another central database. Sync them with that database first, or use a new replica (--db) for this one.`,
    );
  }
}

/** Whether the timer still runs on a project the central database deleted (kept locally for it). */
function timerOnDeletedProject(replica: Replica): boolean {
  return (
    replica.db
      .prepare('SELECT 1 FROM running_timer t JOIN sync_refetch r ON r.table_name = ? AND r.row_id = t.project_id')
      .get('projects') !== undefined
  );
}

/**
 * @param connection the central database: a URL (a connection just for this sync), or an open
 * client that the caller keeps between syncs (the app does: on a warm connection a small sync is a
 * few round trips).
 */
export async function syncOnce(
  replica: Replica,
  connection: string | Central,
  options: PullOptions & PushOptions = {},
): Promise<SyncResult> {
  const started = performance.now();
  const attemptAt = new Date().toISOString();
  try {
    replica.db.prepare('UPDATE sync_state SET last_attempt_at = ? WHERE id = 1').run(attemptAt);
    const central = typeof connection === 'string' ? await connectCentral(connection) : connection;
    try {
      assertSameCentral(replica, await assertSyncableSchema(central));
      await recordCentralRole(replica.db, central);
      const pushed = await push(replica, central, options);
      let pulled = await pull(replica, central, options);
      // Changes the central had lost, queued by a recovering pull, go at once.
      let repushed = { pushed: 0, rejected: 0 };
      if (pulled.requeued > 0) {
        repushed = await push(replica, central, options);
        const again = await pull(replica, central, options);
        pulled = {
          ...again,
          recovered: true,
          requeued: pulled.requeued,
          pulled: pulled.pulled + again.pulled,
          deleted: pulled.deleted + again.deleted,
        };
      }
      const notice = noticeOf(pushed.renewed, pulled.recovered, pulled.requeued, pushed.restamped);
      // A notice stays until a later one replaces it; the timer's lasts while the timer runs there.
      const previous = replica.db.prepare('SELECT notice FROM sync_state WHERE id = 1').pluck().get() as string | null;
      const keepNotice = previous === TIMER_PROJECT_DELETED && !timerOnDeletedProject(replica) ? null : previous;
      replica.db
        .prepare('UPDATE sync_state SET last_success_at = ?, last_error = NULL, notice = ? WHERE id = 1')
        .run(new Date().toISOString(), notice ?? keepNotice);
      return {
        pushed: pushed.pushed + repushed.pushed,
        rejected: pushed.rejected + repushed.rejected,
        pulled: pulled.pulled,
        deleted: pulled.deleted,
        full: pulled.full,
        ms: performance.now() - started,
        clockSkewMs: -replica.clockOffsetMs,
        notice: notice ?? keepNotice,
      };
    } finally {
      if (typeof connection === 'string') await central.end().catch(() => undefined);
    }
  } catch (error) {
    // A full disk or a read-only folder: the batch being applied rolled back with its cursor, so
    // the next sync reads those rows again; the central still has them all.
    const storage = storageError(error, replica.db.name, 'Sync stopped');
    const failure =
      error instanceof OpsError
        ? error
        : (storage ??
          new OpsError('unsupported', `Sync failed: ${plainReason(error)}. Your changes are kept and will be sent on the next sync.`));
    try {
      replica.db.prepare('UPDATE sync_state SET last_error = ? WHERE id = 1').run(failure.message);
    } catch {
      // the same full or read-only disk may refuse this too: the caller still gets the reason
    }
    throw failure;
  }
}
