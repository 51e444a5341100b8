// The Core: opens the workspace, assembles every feature's handlers behind the one contract, and
// runs each call the same way whatever the front end: ready → known channel → input checked
// against the channel's schema → handler → the changes it `touches` announced → a typed Result.
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
import { isoNow, localDay, machineTimeZone } from '../../shared/time';
import { CENTRAL_PASSWORD, MemorySecretStore, type SecretStore } from './central/secrets';
import { billingHandlers } from './billing/handlers';
import { clientsHandlers } from './clients/handlers';
import { diagnosticsHandlers } from './diagnostics/handlers';
import { exportHandlers } from './export/handlers';
import { feedbackHandlers } from './feedback/handlers';
import { kpisHandlers } from './kpis/handlers';
import { leadsHandlers } from './leads/handlers';
import type { CoreContext, CoreOptions } from './context';
import { hoursHandlers } from './hours/handlers';
import { invoicesHandlers } from './invoices/handlers';
import { pipelinesHandlers } from './pipelines/handlers';
import { PIPELINE_SECRET, PipelinesService } from './pipelines/service';
import { projectsHandlers } from './projects/handlers';
import { getTimer } from './hours/timer';
import { syncHandlers } from './sync/handlers';
import { readSetting } from './sync/replica';
import { backupsKept, dailyBackup } from './backup/backup';
import { storageError } from './db/storage';
import { log } from './log/log';
import { centralPassword, rememberingSecrets, rememberSecret } from './log/redact';
import { SyncService } from './sync/service';
import { workspaceHandlers } from './workspace/handlers';
import { findConsultantByEmail } from './workspace/queries';
import { fileUserSettings, replicaUserSettings } from './workspace/user-settings';
import { activeKind, openFile, openManaged, workspaceTimeZone, type OpenWorkspace } from './workspace/workspaces';

export type { CoreOptions } from './context';

type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

export class Core implements CoreContext {
  private current: OpenWorkspace;
  readonly ready: Promise<void>;
  readonly secrets: SecretStore;
  private readonly events = new EventEmitter();
  private readonly watch: NodeJS.Timeout | undefined;
  private backups: NodeJS.Timeout | undefined;
  private backingUp: Promise<unknown> = Promise.resolve();
  private backupRunning = false;
  private dataVersion = 0;
  private readonly sync = new SyncService(this);
  private readonly pipelines = new PipelinesService(this);
  private readonly handlers: Handlers;

  constructor(readonly options: CoreOptions) {
    if (!options.dbPath && !options.dataDir) throw new Error('Core needs a dbPath or a dataDir');
    this.secrets = rememberingSecrets(options.secrets ?? new MemorySecretStore());
    // Read once so the log knows them (and scrubs them) before anything could print one.
    for (const name of [CENTRAL_PASSWORD, PIPELINE_SECRET]) this.secrets.get(name);
    rememberSecret(options.webhookSecret);
    rememberSecret(centralPassword(options.centralUrl));
    if (options.dbPath) {
      this.current = openFile(options.dbPath);
      this.ready = Promise.resolve();
    } else {
      const opened = openManaged(options.dataDir!, activeKind(options.dataDir!), {
        seedAnchor: options.demoAnchor,
        background: options.seedInBackground,
      });
      this.current = opened.workspace;
      this.ready = opened.ready;
      this.ready.catch(() => undefined); // a failed seed is reported by every call that waits for it
    }
    const userSettings = options.dbPath ? replicaUserSettings(() => this.db) : fileUserSettings(options.dataDir!, () => this.db);
    // A channel missing here is a compile error: every slice of the contract has its handlers.
    this.handlers = {
      ...workspaceHandlers(this, [this.sync, this.pipelines], userSettings),
      ...hoursHandlers(this),
      ...syncHandlers(this, this.sync),
      ...pipelinesHandlers(this, this.pipelines),
      ...projectsHandlers(this),
      ...invoicesHandlers(this),
      ...billingHandlers(this),
      ...leadsHandlers(this),
      ...feedbackHandlers(this),
      ...clientsHandlers(this),
      ...kpisHandlers(this),
      ...diagnosticsHandlers(this, this.sync, userSettings),
      ...exportHandlers(this, userSettings),
    } satisfies Handlers;
    this.events.setMaxListeners(100);
    this.recordDataVersion();
    if (options.watchIntervalMs) this.watch = setInterval(() => this.checkExternalWrites(), options.watchIntervalMs).unref();
  }

  get workspace(): OpenWorkspace {
    return this.current;
  }

  get replica() {
    return this.current.replica;
  }

  get db() {
    return this.current.replica.db;
  }

  /** Validates and runs one call. Never throws: failures come back as a typed error. */
  async invoke<C extends Channel>(channel: string, input?: unknown): Promise<Result<Output<C>>> {
    try {
      await this.ready;
      if (!isChannel(channel)) throw new OpsError('unsupported', `Unknown API channel “${channel}”.`);
      const spec = contract[channel];
      const parsed = spec.input.safeParse(input ?? undefined);
      if (!parsed.success) throw inputError(parsed.error);
      const handler = this.handlers[channel] as (input: unknown) => Output<C> | Promise<Output<C>>;
      const value = await handler(parsed.data);
      this.noteOwnWrites();
      const touches: readonly string[] | undefined = 'touches' in spec ? spec.touches : undefined;
      if (touches) this.changed([...touches], touches.includes('*') || touches.includes('running_timer'));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toApiError(error, this.current.path) };
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

  /** Sync by itself (now, every `intervalMs`, when the central says data changed), and deliver pipeline triggers. */
  startAutoSync(options: { intervalMs?: number; listen?: boolean } = {}): void {
    this.sync.start(options);
    this.startPipelines();
  }

  /**
   * The automatic daily backup of the open replica: first looked at a few minutes after start (not
   * while the window is busy opening), then every hour; keeps the newest `backup_keep` (default 7).
   * A failed backup is reported and retried on the next look; it never stops the app.
   */
  startDailyBackups(options: { firstAfterMs?: number; everyMs?: number } = {}): void {
    const look = () => {
      this.backingUp = this.backingUp.then(async () => {
        this.backupRunning = true;
        try {
          const result = await dailyBackup(this.db, this.current.path, backupsKept(this.db));
          if (result) log.info('Daily backup written', { ...result });
        } catch (error) {
          log.error('The daily backup failed; it is tried again within the hour', { error });
        } finally {
          this.backupRunning = false;
        }
      });
    };
    this.backups = setTimeout(() => {
      look();
      this.backups = setInterval(look, options.everyMs ?? 3_600_000).unref();
    }, options.firstAfterMs ?? 300_000).unref();
  }

  /** Deliver pipeline triggers in the background (or, in a demo with no pipeline API, simulate them). */
  startPipelines(): void {
    this.pipelines.start();
  }

  /** Closes the replica (at once when no automatic sync or delivery runs; else after the running one). */
  close(): Promise<void> {
    clearInterval(this.watch);
    clearTimeout(this.backups);
    clearInterval(this.backups);
    if (this.sync.idle && this.pipelines.idle && !this.backupRunning) {
      this.db.close();
      return Promise.resolve();
    }
    return Promise.all([this.sync.stop(), this.pipelines.stop(), this.backingUp]).then(() => {
      this.db.close();
    });
  }

  // CoreContext: what the features' handlers use.

  consultantId(): string {
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

  timeZone(): string {
    return workspaceTimeZone(this.db);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.events.emit(event, payload);
  }

  changed(tables: string[], timer = false): void {
    this.emit('data.changed', { tables });
    if (timer) this.emit('timer.changed', getTimer(this.db));
  }

  /**
   * After the core's own writes. Its own connection's commits do not move data_version; if it moved,
   * another process wrote (ops, a copied-in file) since the last look, and the front ends must hear
   * of it now: recording it silently here swallowed external writes that landed just before any
   * API call (a query every few seconds is enough), and the screen never refreshed.
   */
  noteOwnWrites(): void {
    this.checkExternalWrites();
  }

  replaceWorkspace(next: OpenWorkspace): void {
    this.db.close();
    this.current = next;
    this.recordDataVersion();
  }

  /** Where the replica's data_version stands now (a new replica's baseline: nothing to announce). */
  private recordDataVersion(): void {
    this.dataVersion = this.currentDataVersion();
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
}

function inputError(error: z.ZodError): OpsError {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  return new OpsError('invalid_input', issue.message, field);
}

function toApiError(error: unknown, file: string): ApiError {
  if (error instanceof OpsError) return error.toJSON();
  // A full disk or a read-only folder: what happened and what to do, not a generic failure.
  const storage = storageError(error, file);
  if (storage) return storage.toJSON();
  // SQLite constraint failures mean a rule was missed above; say so without leaking internals.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong and nothing was changed: ${message}` };
}

/** Today as a local day, for callers that do not pass one. */
export function today(timeZone: string = machineTimeZone()): string {
  return localDay(isoNow(), timeZone);
}
