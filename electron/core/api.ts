// The core behind the contract: one handler per channel. Every front end calls `invoke`, which
// validates the input against the channel's schema before any handler runs.
import { EventEmitter } from 'node:events';
import { type z } from 'zod';
import {
  contract,
  isChannel,
  OpsError,
  type ApiError,
  type Channel,
  type EventName,
  type Events,
  type Output,
  type ParsedInput,
  type Result,
} from '../../shared/contract';
import { type CentralSettings, type Settings, type SyncProgress, type SyncStatus, type WorkspaceInfo } from '../../shared/domain';
import { isoNow, localDay, machineTimeZone } from '../../shared/time';
import { createEntry, deleteEntry, existingEntry, updateEntry } from './hours/entries';
import { listEntries, weekGrid } from './hours/queries';
import { discardTimer, getTimer, startTimer, stopTimer, switchTimer } from './hours/timer';
import { CentralConnectError, connectCentral, describeUrl, type Central } from './central/connection';
import { centralSchemaState } from './central/migrate';
import { CENTRAL_PASSWORD, MemorySecretStore, splitCentralUrl, withPassword, type SecretStore } from './central/secrets';
import { syncOnce } from './sync/engine';
import type { PullOptions } from './sync/pull';
import { ChangeListener } from './sync/listener';
import { discardRejection, listRejections, restoreRejection, retryRejection } from './sync/rejections';
import { readSetting, writeSetting } from './sync/replica';
import { SyncScheduler } from './sync/scheduler';
import type { Sqlite } from './db/open';
import { fileUserSettings, replicaUserSettings, type UserSettings, type UserSettingsStore } from './workspace/user-settings';
import { activeKind, openFile, openManaged, WORKSPACE_NAMES, workspaceTimeZone, type OpenWorkspace } from './workspace/workspaces';
import { findConsultantByEmail, listConsultants, listProjects, replicaStatus, rowCounts, syncBookkeeping } from './workspace/queries';

export interface CoreOptions {
  /** A replica file to open (the `ops --db` flag); otherwise the app's managed workspaces. */
  dbPath?: string;
  /** Directory of the managed workspaces (demo and work) and of the user's settings. */
  dataDir?: string;
  /** Act as this consultant (the `ops --as` flag) instead of the one chosen in Settings. */
  consultantEmail?: string;
  /** Fixes the demo workspace's last day, for reproducible tests and benchmarks. */
  demoAnchor?: string;
  /** How often to look for writes by other processes (e.g. the `ops` command), in ms. 0: never. */
  watchIntervalMs?: number;
  /** The central database for this session (the `ops --central` flag, OPS_CENTRAL_URL), password included. */
  centralUrl?: string;
  /** Where the central password is kept between sessions (the Electron shell: the OS keychain). */
  secrets?: SecretStore;
  /** Seed a first-start demo workspace in steps, answering calls once it is ready (the app, the host). */
  seedInBackground?: boolean;
  /** Batch sizes and progress reports for sync (the `ops sync --progress` flag). */
  syncOptions?: PullOptions & { batchSize?: number };
}

type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

export class Core {
  private workspace: OpenWorkspace;
  /** Settles when the replica can answer (at once, or when a first-start demo seed is done). */
  readonly ready: Promise<void>;
  private readonly events = new EventEmitter();
  private watch: NodeJS.Timeout | undefined;
  private dataVersion = 0;
  private readonly secrets: SecretStore;
  private scheduler: SyncScheduler | null = null;
  private listener: ChangeListener | null = null;
  private syncing = false;
  private listen = false;
  /** The connection syncs reuse; a warm backend makes small syncs cheap. */
  private central: Central | null = null;
  /** Whether the last attempt reached the central database, per workspace file (null: not tried in this session). */
  private readonly reached = new Map<string, boolean>();
  private progress: SyncProgress | null = null;
  /** The sync running now, if any (a workspace switch waits for it). */
  private running: Promise<void> | null = null;
  private readonly userSettings: UserSettingsStore;

  constructor(private readonly options: CoreOptions) {
    if (!options.dbPath && !options.dataDir) throw new Error('Core needs a dbPath or a dataDir');
    this.secrets = options.secrets ?? new MemorySecretStore();
    if (options.dbPath) {
      this.workspace = openFile(options.dbPath);
      this.ready = Promise.resolve();
    } else {
      const opened = openManaged(options.dataDir!, activeKind(options.dataDir!), {
        seedAnchor: options.demoAnchor,
        background: options.seedInBackground,
      });
      this.workspace = opened.workspace;
      this.ready = opened.ready;
      this.ready.catch(() => undefined); // a failed seed is reported by every call that waits for it
    }
    this.userSettings = options.dbPath ? replicaUserSettings(() => this.db) : fileUserSettings(options.dataDir!, () => this.db);
    this.events.setMaxListeners(100);
    if (options.watchIntervalMs) this.watch = setInterval(() => this.checkExternalWrites(), options.watchIntervalMs).unref();
  }

  get replica() {
    return this.workspace.replica;
  }

  private get db() {
    return this.workspace.replica.db;
  }

  /** Validates and runs one call. Never throws: failures come back as a typed error. */
  async invoke<C extends Channel>(channel: string, input?: unknown): Promise<Result<Output<C>>> {
    try {
      await this.ready;
      if (!isChannel(channel)) throw new OpsError('unsupported', `Unknown API channel “${channel}”.`);
      const parsed = contract[channel].input.safeParse(input ?? undefined);
      if (!parsed.success) throw inputError(parsed.error);
      const handler = this.handlers[channel] as (input: unknown) => Output<C> | Promise<Output<C>>;
      const value = await handler(parsed.data);
      this.dataVersion = this.currentDataVersion();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  }

  /** Like `invoke`, but throws the error (for callers that want exceptions: the CLI, tests). */
  async call<C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> {
    const result = await this.invoke<C>(channel, input);
    if (!result.ok) throw new OpsError(result.error.code, result.error.message, result.error.field);
    return result.value;
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  /** Sync by itself: now, every `intervalMs`, and when the central database says data changed. */
  startAutoSync(options: { intervalMs?: number; listen?: boolean } = {}): void {
    // The scheduler never syncs a sealed (demo) workspace; it keeps ticking for when the user switches.
    this.scheduler = new SyncScheduler(() => (this.workspace.sealed ? Promise.resolve() : this.runSync()), options.intervalMs ?? 30_000);
    this.scheduler.start();
    this.listen = options.listen ?? true;
    this.restartListener();
  }

  /** (Re)connects LISTEN/NOTIFY to the central database now configured, if any. */
  private restartListener(): void {
    void this.listener?.stop();
    this.listener = null;
    const url = this.centralUrl();
    if (!url || !this.scheduler || !this.listen || this.workspace.sealed) return;
    this.listener = new ChangeListener(url, () => void this.scheduler?.poke());
    void this.listener.start();
  }

  /** Closes the replica (at once when no automatic sync runs; else after the running sync). */
  close(): Promise<void> {
    clearInterval(this.watch);
    const scheduler = this.scheduler;
    const listener = this.listener;
    if (!scheduler && !listener && !this.central) {
      this.db.close();
      return Promise.resolve();
    }
    return (async () => {
      await scheduler?.stop();
      await listener?.stop();
      await this.central?.end().catch(() => undefined);
      this.db.close();
    })();
  }

  private throwLastError(): void {
    const error = this.db.prepare('SELECT last_error FROM sync_state WHERE id = 1').pluck().get() as string | null;
    if (error) throw new OpsError('unsupported', error);
  }

  private centralUrl(): string | null {
    if (this.options.centralUrl) return this.options.centralUrl;
    const url = readSetting(this.db, 'central_url');
    return url ? withPassword(url, this.secrets.get(CENTRAL_PASSWORD)) : null;
  }

  private centralSettings(): CentralSettings {
    const override = this.options.centralUrl ? splitCentralUrl(this.options.centralUrl) : null;
    return {
      url: override?.url ?? readSetting(this.db, 'central_url'),
      passwordStored: !!(override?.password ?? this.secrets.get(CENTRAL_PASSWORD)),
      secretStorage: this.secrets.kind,
    };
  }

  /** The sealed workspace's refusal, for every way of asking it to sync. */
  private assertNotSealed(): void {
    if (this.workspace.sealed) throw new OpsError('unsupported', SEALED_MESSAGE);
  }

  private timeZone(): string {
    return workspaceTimeZone(this.db);
  }

  private syncStatus(): SyncStatus {
    // Row counts are not needed here: this runs twice per sync.
    const state = syncBookkeeping(this.db);
    const url = this.centralSettings().url;
    return {
      sealed: this.workspace.sealed,
      configured: !!url,
      central: url ? describeUrl(url) : null,
      online: this.reached.get(this.workspace.path) ?? null,
      syncing: this.syncing,
      lastSyncAt: state.lastSyncAt,
      lastAttemptAt: state.lastAttemptAt,
      lastError: state.lastSyncError,
      pending: state.outboxPending,
      rejected: state.outboxRejected,
      lastResult: state.lastSyncError ? null : readLastResult(this.db),
      progress: this.progress,
      clockSkewMs: state.clockSkewMs,
      notice: state.syncNotice,
    };
  }

  /**
   * Progress reports come after each SQLite transaction of a sync (thousands of rows); the screens
   * hear of them at most every quarter second.
   */
  private reportProgress(): (p: SyncProgress) => void {
    let last = 0;
    return (p) => {
      this.progress = p;
      this.options.syncOptions?.onProgress?.(p);
      if (performance.now() - last < 250) return;
      last = performance.now();
      this.emit('sync.changed', this.syncStatus());
    };
  }

  /** One sync now. Throws what went wrong, also kept (in the workspace's replica) for the status. */
  private runSync(): Promise<void> {
    const run = this.syncWorkspace().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async syncWorkspace(): Promise<void> {
    await this.ready;
    this.assertNotSealed();
    const url = this.centralUrl();
    if (!url) throw new OpsError('invalid_input', 'No central database is set up for this workspace. Add its address first.');
    if (this.syncing) throw new OpsError('conflict', 'A sync is already running; it will finish on its own.');
    const { replica, path } = this.workspace;
    this.syncing = true;
    this.emit('sync.changed', this.syncStatus());
    try {
      try {
        this.central ??= await connectCentral(url);
      } catch (error) {
        // Not even connected: this attempt's outcome is the reason, not the last good sync's counts.
        this.reached.set(path, false);
        const message = error instanceof OpsError ? error.message : String(error);
        replica.db.prepare('UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1').run(isoNow(), message);
        throw error;
      }
      this.reached.set(path, true); // connected: the screens say so while a long first sync runs
      const result = await syncOnce(replica, this.central, { ...this.options.syncOptions, onProgress: this.reportProgress() });
      writeLastResult(replica.db, {
        pushed: result.pushed,
        rejected: result.rejected,
        pulled: result.pulled,
        deleted: result.deleted,
        ms: Math.round(result.ms),
      });
      if (result.pushed + result.rejected + result.pulled + result.deleted > 0) this.changed(['*'], true);
    } catch (error) {
      if (error instanceof CentralConnectError) this.reached.set(path, false);
      // A failed sync may have left the connection broken or mid-transaction: start afresh next time.
      void this.central?.end().catch(() => undefined);
      this.central = null;
      throw error;
    } finally {
      this.syncing = false;
      this.progress = null;
      this.dataVersion = this.currentDataVersion();
      this.emit('sync.changed', this.syncStatus());
    }
  }

  private emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.events.emit(event, payload);
  }

  private changed(tables: string[], timer = false): void {
    this.emit('data.changed', { tables });
    if (timer) this.emit('timer.changed', getTimer(this.db));
  }

  private currentDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** PRAGMA data_version moves when another connection commits: tell the front ends to refresh. */
  private checkExternalWrites(): void {
    const version = this.currentDataVersion();
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.changed(['*'], true);
    }
  }

  private consultantId(): string {
    if (this.options.consultantEmail) {
      const id = findConsultantByEmail(this.db, this.options.consultantEmail);
      if (!id)
        throw new OpsError(
          'not_found',
          `No consultant with the email ${this.options.consultantEmail} in this workspace. Check --as (or OPS_CONSULTANT).`,
        );
      return id;
    }
    const id = readSetting(this.db, 'consultant_id');
    // Front-end neutral: the app shows it by its Consultant setting, the `ops` command adds --as.
    if (!id) throw new OpsError('invalid_input', 'Choose who you are first: the consultant whose hours these are.', 'consultantId');
    return id;
  }

  private workspaceInfo(): WorkspaceInfo {
    const id = this.options.consultantEmail
      ? findConsultantByEmail(this.db, this.options.consultantEmail)
      : readSetting(this.db, 'consultant_id');
    const counts = rowCounts(this.db);
    return {
      kind: this.workspace.kind,
      name: WORKSPACE_NAMES[this.workspace.kind],
      sealed: this.workspace.sealed,
      path: this.workspace.path,
      timeZone: this.timeZone(),
      consultant: listConsultants(this.db).find((c) => c.id === id) ?? null,
      counts: { consultants: counts.consultants ?? 0, projects: counts.projects ?? 0, timeEntries: counts.time_entries ?? 0 },
    };
  }

  private settings(user: UserSettings = this.userSettings.get()): Settings {
    return { ...user, consultantId: readSetting(this.db, 'consultant_id') };
  }

  /** Waits until no sync runs, then switches synchronously (so none starts in between). */
  private async switchWorkspace(kind: 'demo' | 'work'): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    const next = openManaged(this.options.dataDir!, kind, { seedAnchor: this.options.demoAnchor });
    void this.central?.end().catch(() => undefined); // it belonged to the other workspace
    this.central = null;
    this.db.close();
    this.workspace = next.workspace;
    this.dataVersion = this.currentDataVersion();
    this.changed(['*'], true);
    this.emit('sync.changed', this.syncStatus());
    this.restartListener();
    if (!this.workspace.sealed) void this.scheduler?.poke();
  }

  private readonly handlers: Handlers = {
    'workspace.info': () => this.workspaceInfo(),
    'workspace.switch': async ({ kind }) => {
      if (this.workspace.kind === 'file') {
        throw new OpsError(
          'unsupported',
          'This session opened a replica file directly (--db), so it cannot switch workspaces. Start without --db.',
        );
      }
      if (kind !== this.workspace.kind) await this.switchWorkspace(kind);
      return this.workspaceInfo();
    },
    'settings.get': () => this.settings(),
    'settings.update': ({ consultantId, timeZone, ...user }) => {
      if (consultantId && !listConsultants(this.db).some((c) => c.id === consultantId)) {
        throw new OpsError('not_found', 'That consultant is not in this workspace. Pick one from the list.', 'consultantId');
      }
      // The workspace's settings first (one transaction), then the user's: all were checked above.
      this.replica.transaction(() => {
        if (consultantId) writeSetting(this.db, 'consultant_id', consultantId);
        if (timeZone) writeSetting(this.db, 'time_zone', timeZone);
      });
      const changes = Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)) as Partial<UserSettings>;
      const saved = Object.keys(changes).length > 0 ? this.userSettings.set(changes) : this.userSettings.get();
      this.changed(['settings']);
      return this.settings(saved);
    },
    'status.get': () => ({
      workspace: this.workspace.kind,
      path: this.workspace.path,
      clientId: this.replica.clientId,
      timer: getTimer(this.db),
      ...replicaStatus(this.db),
    }),
    'consultants.list': () => listConsultants(this.db),
    'projects.list': (input) => listProjects(this.db, input?.includeArchived ?? false),
    'timer.get': () => getTimer(this.db),
    'timer.start': ({ projectId, note }) => {
      const timer = startTimer(this.replica, this.consultantId(), projectId, note);
      this.changed(['running_timer'], true);
      return timer;
    },
    'timer.switch': ({ projectId, note }) => {
      const result = switchTimer(this.replica, projectId, note);
      this.changed(['time_entries', 'running_timer'], true);
      return result;
    },
    'timer.stop': (input) => {
      const entry = stopTimer(this.replica, input?.endedAt);
      this.changed(['time_entries', 'running_timer'], true);
      return entry;
    },
    'timer.discard': () => {
      const discarded = discardTimer(this.replica);
      this.changed(['running_timer'], true);
      return discarded;
    },
    'entries.list': ({ consultantId, timeZone, ...filter }) =>
      listEntries(this.db, { consultantId: consultantId ?? this.consultantId(), timeZone: timeZone ?? this.timeZone(), ...filter }),
    'entries.week': ({ consultantId, weekStart, timeZone }) =>
      weekGrid(this.db, consultantId ?? this.consultantId(), weekStart, timeZone ?? this.timeZone()),
    'entries.create': (input) => {
      const entry = createEntry(this.replica, this.consultantId(), input);
      this.changed(['time_entries']);
      return entry;
    },
    'entries.update': (input) => {
      const entry = updateEntry(this.replica, this.consultantId(), input);
      this.changed(['time_entries']);
      return entry;
    },
    'entries.get': ({ id }) => existingEntry(this.replica, id),
    'entries.delete': ({ id }) => {
      const result = deleteEntry(this.replica, this.consultantId(), id);
      this.changed(['time_entries']);
      return result;
    },
    'central.get': () => this.centralSettings(),
    'central.update': ({ url, password }) => {
      void this.central?.end().catch(() => undefined);
      this.central = null;
      if (this.options.centralUrl) {
        throw new OpsError(
          'unsupported',
          'This session uses the central database given on the command line (--central / OPS_CENTRAL_URL); change it there.',
        );
      }
      // Disconnecting stays possible (a demo workspace set up by an older version); connecting does not.
      if (url !== null) this.assertNotSealed();
      this.replica.transaction(() => {
        if (url === null) {
          this.db.prepare("DELETE FROM settings WHERE key = 'central_url'").run();
          this.secrets.set(CENTRAL_PASSWORD, null);
          return;
        }
        const split = splitCentralUrl(url);
        writeSetting(this.db, 'central_url', split.url);
        if (password !== undefined) this.secrets.set(CENTRAL_PASSWORD, password || null);
        else if (split.password) this.secrets.set(CENTRAL_PASSWORD, split.password);
      });
      this.emit('sync.changed', this.syncStatus());
      this.restartListener();
      void this.scheduler?.poke();
      return this.centralSettings();
    },
    'central.test': async (input) => {
      let url = this.centralUrl();
      if (input?.url) {
        const split = splitCentralUrl(input.url);
        url = withPassword(split.url, input.password ?? split.password ?? this.secrets.get(CENTRAL_PASSWORD));
      }
      if (!url) return { ok: false, message: 'Enter the central database address first.' };
      return testCentral(url);
    },
    'sync.status': () => this.syncStatus(),
    'sync.now': async () => {
      this.assertNotSealed();
      await (this.scheduler ? this.scheduler.poke().then(() => this.throwLastError()) : this.runSync());
      return this.syncStatus();
    },
    'sync.rejections': () => listRejections(this.replica),
    'sync.retry': ({ mutationId }) => {
      retryRejection(this.replica, mutationId);
      this.emit('sync.changed', this.syncStatus());
      void this.scheduler?.poke();
      return listRejections(this.replica);
    },
    'sync.discard': ({ mutationId }) => {
      discardRejection(this.replica, mutationId);
      this.emit('sync.changed', this.syncStatus());
      void this.scheduler?.poke();
      return listRejections(this.replica);
    },
    'sync.restore': ({ mutationId }) => {
      restoreRejection(this.replica, mutationId);
      this.emit('sync.changed', this.syncStatus());
      this.emit('data.changed', { tables: ['time_entries'] });
      void this.scheduler?.poke();
      return listRejections(this.replica);
    },
  };
}

const SEALED_MESSAGE =
  'The demo workspace never syncs: its data is made up and must never reach a real central database. Switch to the Work workspace to connect to your central database.';

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

async function testCentral(url: string): Promise<{ ok: boolean; message: string }> {
  let client;
  try {
    client = await connectCentral(url, { timeoutMs: 8000 });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  try {
    const state = await centralSchemaState(client);
    const where = describeUrl(url);
    if (state.kind === 'missing')
      return {
        ok: false,
        message: `Connected to ${where}, but it has no Ops Console schema yet. Run \`npx ops central migrate\` against it.`,
      };
    if (state.kind === 'newer')
      return {
        ok: false,
        message: `Connected to ${where}, but its schema (version ${state.version}) is newer than this app knows. Update the app.`,
      };
    return { ok: true, message: `Connected to ${where} (schema version ${state.version}).` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function inputError(error: z.ZodError): OpsError {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  return new OpsError('invalid_input', issue.message, field);
}

function toApiError(error: unknown): ApiError {
  if (error instanceof OpsError) return error.toJSON();
  // SQLite constraint failures mean a rule was missed above; say so without leaking internals.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong and nothing was changed: ${message}` };
}

/** Today as a local day, for callers that do not pass one. */
export function today(timeZone: string = machineTimeZone()): string {
  return localDay(isoNow(), timeZone);
}
