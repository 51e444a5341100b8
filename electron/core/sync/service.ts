// Sync as a background service of the Core: the connection syncs reuse, the scheduler (every
// 30 s, at start, when poked), the LISTEN/NOTIFY listener, the progress of the sync running and
// whether the last attempt reached the central database, per workspace file.
import { OpsError } from '../../../shared/contract';
import type { CentralSettings, SyncProgress, SyncStatus } from '../../../shared/domain';
import { isoNow } from '../../../shared/time';
import { CentralConnectError, connectCentral, describeUrl, type Central } from '../central/connection';
import { CENTRAL_PASSWORD, splitCentralUrl, withPassword } from '../central/secrets';
import type { CoreContext } from '../context';
import type { Sqlite } from '../db/open';
import { log } from '../log/log';
import { syncBookkeeping } from '../workspace/queries';
import { syncOnce } from './engine';
import { ChangeListener } from './listener';
import { readSetting, writeSetting } from './replica';
import { SyncScheduler } from './scheduler';
import { isConnectionLost } from './transient';

export const SEALED_MESSAGE =
  'The demo workspace never syncs: its data is made up and must never reach a real central database. Switch to the Work workspace to connect to your central database.';

export class SyncService {
  private scheduler: SyncScheduler | null = null;
  private listener: ChangeListener | null = null;
  private syncing = false;
  private listen = false;
  /** The connection syncs reuse; a warm backend makes small syncs cheap. */
  private central: Central | null = null;
  /** Whether the last attempt reached the central database, per workspace file (null: not tried in this session). */
  private readonly reached = new Map<string, boolean>();
  /** Per replica: the last sync stopped by a full or read-only disk, which may not let that be written down. */
  private readonly storageFailure = new Map<string, string>();
  private progress: SyncProgress | null = null;
  /** The sync running now, if any (a workspace switch waits for it). */
  private running: Promise<void> | null = null;
  /** The last failure written to the log (null: the last sync worked). */
  private lastLoggedFailure: string | null = null;

  constructor(private readonly ctx: CoreContext) {}

  /** Sync by itself: now, every `intervalMs`, and when the central database says data changed. */
  start(options: { intervalMs?: number; listen?: boolean } = {}): void {
    // The scheduler never syncs a sealed (demo) workspace; it keeps ticking for when the user switches.
    this.scheduler = new SyncScheduler(() => (this.ctx.workspace.sealed ? Promise.resolve() : this.run()), options.intervalMs ?? 30_000);
    this.scheduler.start();
    this.listen = options.listen ?? true;
    this.restartListener();
  }

  get idle(): boolean {
    return !this.scheduler && !this.listener && !this.central;
  }

  async stop(): Promise<void> {
    await this.scheduler?.stop();
    await this.listener?.stop();
    await this.central?.end().catch(() => undefined);
  }

  /** Syncs soon (the scheduler's next turn), if automatic sync runs. */
  poke(): void {
    void this.scheduler?.poke();
  }

  /** Sync now and wait: through the scheduler when it runs (one sync at a time), else directly. */
  async now(): Promise<void> {
    this.assertNotSealed();
    if (!this.scheduler) return this.run();
    await this.scheduler.poke();
    const error = this.ctx.db.prepare('SELECT last_error FROM sync_state WHERE id = 1').pluck().get() as string | null;
    if (error) throw new OpsError('unsupported', error);
  }

  /** Before a workspace switch: no sync is running, and the connection (the old workspace's) is closed. */
  async beforeSwitch(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    this.dropConnection();
  }

  afterSwitch(): void {
    this.ctx.emit('sync.changed', this.status());
    this.restartListener();
    if (!this.ctx.workspace.sealed) this.poke();
  }

  /** The central address changed: forget the old connection and listen to the new one. */
  centralChanged(): void {
    this.ctx.emit('sync.changed', this.status());
    this.restartListener();
    this.poke();
  }

  dropConnection(): void {
    void this.central?.end().catch(() => undefined);
    this.central = null;
  }

  assertNotSealed(): void {
    if (this.ctx.workspace.sealed) throw new OpsError('unsupported', SEALED_MESSAGE);
  }

  centralUrl(): string | null {
    if (this.ctx.options.centralUrl) return this.ctx.options.centralUrl;
    const url = readSetting(this.ctx.db, 'central_url');
    return url ? withPassword(url, this.ctx.secrets.get(CENTRAL_PASSWORD)) : null;
  }

  centralSettings(): CentralSettings {
    const override = this.ctx.options.centralUrl ? splitCentralUrl(this.ctx.options.centralUrl) : null;
    return {
      url: override?.url ?? readSetting(this.ctx.db, 'central_url'),
      passwordStored: !!(override?.password ?? this.ctx.secrets.get(CENTRAL_PASSWORD)),
      secretStorage: this.ctx.secrets.kind,
    };
  }

  status(): SyncStatus {
    // Row counts are not needed here: this runs twice per sync.
    const db = this.ctx.db;
    const state = syncBookkeeping(db);
    const url = this.centralSettings().url;
    const lastError = this.storageFailure.get(this.ctx.workspace.path) ?? state.lastSyncError;
    return {
      sealed: this.ctx.workspace.sealed,
      configured: !!url,
      central: url ? describeUrl(url) : null,
      online: this.reached.get(this.ctx.workspace.path) ?? null,
      syncing: this.syncing,
      lastSyncAt: state.lastSyncAt,
      lastAttemptAt: state.lastAttemptAt,
      lastError,
      pending: state.outboxPending,
      rejected: state.outboxRejected,
      lastResult: lastError ? null : readLastResult(db),
      progress: this.progress,
      clockSkewMs: state.clockSkewMs,
      notice: state.syncNotice,
    };
  }

  /** (Re)connects LISTEN/NOTIFY to the central database now configured, if any. */
  private restartListener(): void {
    void this.listener?.stop();
    this.listener = null;
    const url = this.centralUrl();
    if (!url || !this.scheduler || !this.listen || this.ctx.workspace.sealed) return;
    this.listener = new ChangeListener(url, () => this.poke());
    void this.listener.start();
  }

  /**
   * Progress reports come after each SQLite transaction of a sync (thousands of rows); the screens
   * hear of them at most every quarter second.
   */
  private reportProgress(): (p: SyncProgress) => void {
    let last = 0;
    return (p) => {
      this.progress = p;
      this.ctx.options.syncOptions?.onProgress?.(p);
      if (performance.now() - last < 250) return;
      last = performance.now();
      this.ctx.emit('sync.changed', this.status());
    };
  }

  /**
   * A sync that moved rows, failed, or worked again after failing goes in the log; a quiet sync
   * every minute does not, and neither does the same failure again and again while offline.
   */
  private logOutcome(
    error: unknown,
    result: { pushed: number; rejected: number; pulled: number; deleted: number; ms: number } | null,
  ): void {
    const workspace = this.ctx.workspace.kind;
    if (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastLoggedFailure) log.warn('Sync failed', { workspace, error });
      this.lastLoggedFailure = message;
      return;
    }
    const moved = result!.pushed + result!.rejected + result!.pulled + result!.deleted > 0;
    if (moved || this.lastLoggedFailure !== null) {
      log.info(this.lastLoggedFailure !== null ? 'Sync works again' : 'Sync done', { workspace, ...result, ms: Math.round(result!.ms) });
    }
    if (result!.rejected > 0) log.warn('The central database refused changes', { workspace, rejected: result!.rejected });
    this.lastLoggedFailure = null;
  }

  /** One sync now. Throws what went wrong, also kept (in the workspace's replica) for the status. */
  private run(): Promise<void> {
    const run = this.syncWorkspace().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async syncWorkspace(): Promise<void> {
    await this.ctx.ready;
    this.assertNotSealed();
    const url = this.centralUrl();
    if (!url) throw new OpsError('invalid_input', 'No central database is set up for this workspace. Add its address first.');
    if (this.syncing) throw new OpsError('conflict', 'A sync is already running; it will finish on its own.');
    const { replica, path } = this.ctx.workspace;
    this.syncing = true;
    this.ctx.emit('sync.changed', this.status());
    try {
      try {
        this.central ??= await connectCentral(url);
      } catch (error) {
        // Not even connected: this attempt's outcome is the reason, not the last good sync's counts.
        this.reached.set(path, false);
        const message = error instanceof OpsError ? error.message : String(error);
        try {
          replica.db.prepare('UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1').run(isoNow(), message);
        } catch {
          // a full or read-only disk: the reason still goes to the caller
        }
        throw error;
      }
      this.reached.set(path, true); // connected: the screens say so while a long first sync runs
      this.listener?.wake(); // and LISTEN again now if the network dropped it
      const result = await syncOnce(replica, this.central, { ...this.ctx.options.syncOptions, onProgress: this.reportProgress() });
      writeLastResult(replica.db, {
        pushed: result.pushed,
        rejected: result.rejected,
        pulled: result.pulled,
        deleted: result.deleted,
        ms: Math.round(result.ms),
      });
      if (result.pushed + result.rejected + result.pulled + result.deleted > 0) this.ctx.changed(['*'], true);
      this.storageFailure.delete(path);
      this.logOutcome(null, result);
    } catch (error) {
      this.logOutcome(error, null);
      if (error instanceof OpsError && error.code === 'storage') this.storageFailure.set(path, error.message);
      else this.storageFailure.delete(path);
      // Not reached: it would not connect, or the connection it had is gone (the network dropped
      // since the last sync). Either way the next sync that connects is the network coming back.
      if (error instanceof CentralConnectError || isConnectionLost(error)) this.reached.set(path, false);
      // A failed sync may have left the connection broken or mid-transaction: start afresh next time.
      this.dropConnection();
      throw error;
    } finally {
      this.syncing = false;
      this.progress = null;
      this.ctx.noteOwnWrites();
      this.ctx.emit('sync.changed', this.status());
    }
  }
}

const LAST_RESULT = 'last_sync_result';

function writeLastResult(db: Sqlite, result: NonNullable<SyncStatus['lastResult']>): void {
  writeSetting(db, LAST_RESULT, JSON.stringify(result));
}

function readLastResult(db: Sqlite): SyncStatus['lastResult'] {
  const raw = readSetting(db, LAST_RESULT);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SyncStatus['lastResult'];
  } catch {
    return null;
  }
}
