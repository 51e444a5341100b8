// One sync: check the central schema, push the outbox, then pull. Its outcome, success or the
// reason it failed in plain words, is kept in sync_state for the status screens.
import { OpsError } from '../../../shared/contract';
import { connectCentral, plainReason, type Central } from '../central/connection';
import { assertSyncableSchema } from '../central/migrate';
import { centralInstance, pull, type PullOptions } from './pull';
import { push } from './push';
import { readSetting, type Replica } from './replica';

export interface SyncResult {
  pushed: number;
  rejected: number;
  pulled: number;
  deleted: number;
  full: boolean;
  ms: number;
}

/**
 * A replica follows one central database. Pointed at another one (a new server, a restore), it
 * resyncs fully, but only when nothing is waiting to be pushed: unsynced changes made against the
 * first database are never sent somewhere they do not belong, nor dropped.
 */
async function assertSameCentral(replica: Replica, central: Central): Promise<void> {
  const instance = await centralInstance(central);
  const known = readSetting(replica.db, 'central_instance');
  if (!known || known === instance) return;
  const pending = replica.db.prepare('SELECT count(*) FROM outbox WHERE rejected_at IS NULL').pluck().get() as number;
  if (pending > 0) {
    throw new OpsError(
      'conflict',
      `This replica has ${pending} unsynced change(s) made against another central database. Sync them with that database first, or use a new replica (--db) for this one.`,
    );
  }
}

/**
 * @param connection the central database: a URL (a connection just for this sync), or an open
 * client that the caller keeps between syncs (the app does: on a warm connection a small sync is a
 * few round trips).
 */
export async function syncOnce(
  replica: Replica,
  connection: string | Central,
  options: PullOptions & { batchSize?: number } = {},
): Promise<SyncResult> {
  const started = performance.now();
  const attemptAt = new Date().toISOString();
  replica.db.prepare('UPDATE sync_state SET last_attempt_at = ? WHERE id = 1').run(attemptAt);
  try {
    const central = typeof connection === 'string' ? await connectCentral(connection) : connection;
    try {
      await assertSyncableSchema(central);
      await assertSameCentral(replica, central);
      const pushed = await push(replica, central, options);
      const pulled = await pull(replica, central, options);
      replica.db.prepare('UPDATE sync_state SET last_success_at = ?, last_error = NULL WHERE id = 1').run(new Date().toISOString());
      return { ...pushed, ...pulled, ms: performance.now() - started };
    } finally {
      if (typeof connection === 'string') await central.end().catch(() => undefined);
    }
  } catch (error) {
    const message =
      error instanceof OpsError
        ? error.message
        : `Sync failed: ${plainReason(error)}. Your changes are kept and will be sent on the next sync.`;
    replica.db.prepare('UPDATE sync_state SET last_error = ? WHERE id = 1').run(message);
    throw error instanceof OpsError ? error : new OpsError('unsupported', message);
  }
}
