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
import { THEMES, type Settings, type Theme, type WorkspaceInfo } from '../../shared/domain';
import { isoNow, localDay, localUtcOffsetMinutes } from '../../shared/time';
import { createEntry, deleteEntry, updateEntry } from './hours/entries';
import { listEntries, weekGrid } from './hours/queries';
import { discardTimer, getTimer, startTimer, stopTimer, switchTimer } from './hours/timer';
import { readSetting, writeSetting } from './sync/replica';
import { activeKind, openFile, openManaged, type OpenWorkspace } from './workspace/workspaces';
import { findConsultantByEmail, listConsultants, listProjects, replicaStatus, rowCounts } from './workspace/queries';

export interface CoreOptions {
  /** A replica file to open (the `ops --db` flag); otherwise the app's managed workspaces. */
  dbPath?: string;
  /** Directory of the managed workspaces (demo and empty). */
  dataDir?: string;
  /** Act as this consultant (the `ops --as` flag) instead of the one chosen in Settings. */
  consultantEmail?: string;
  /** Fixes the demo workspace's last day, for reproducible tests and benchmarks. */
  demoAnchor?: string;
  /** How often to look for writes by other processes (e.g. the `ops` command), in ms. 0: never. */
  watchIntervalMs?: number;
}

type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> };

export class Core {
  private workspace: OpenWorkspace;
  private readonly events = new EventEmitter();
  private watch: NodeJS.Timeout | undefined;
  private dataVersion = 0;

  constructor(private readonly options: CoreOptions) {
    if (!options.dbPath && !options.dataDir) throw new Error('Core needs a dbPath or a dataDir');
    this.workspace = options.dbPath
      ? openFile(options.dbPath)
      : openManaged(options.dataDir!, activeKind(options.dataDir!), options.demoAnchor);
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
      if (!isChannel(channel)) throw new OpsError('unsupported', `Unknown API channel “${channel}”.`);
      const parsed = contract[channel].input.safeParse(input ?? undefined);
      if (!parsed.success) throw inputError(parsed.error);
      const handler = this.handlers[channel] as (input: unknown) => Output<C>;
      const value = handler(parsed.data);
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

  close(): void {
    clearInterval(this.watch);
    this.db.close();
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
    if (!id) throw new OpsError('invalid_input', 'Choose who you are first: Settings → Consultant (or pass --as EMAIL).');
    return id;
  }

  private workspaceInfo(): WorkspaceInfo {
    const id = this.options.consultantEmail
      ? findConsultantByEmail(this.db, this.options.consultantEmail)
      : readSetting(this.db, 'consultant_id');
    const counts = rowCounts(this.db);
    return {
      kind: this.workspace.kind,
      path: this.workspace.path,
      consultant: listConsultants(this.db).find((c) => c.id === id) ?? null,
      counts: { consultants: counts.consultants ?? 0, projects: counts.projects ?? 0, timeEntries: counts.time_entries ?? 0 },
    };
  }

  private settings(): Settings {
    const theme = readSetting(this.db, 'theme');
    return {
      theme: THEMES.includes(theme as Theme) ? (theme as Theme) : 'system',
      consultantId: readSetting(this.db, 'consultant_id'),
    };
  }

  private readonly handlers: Handlers = {
    'workspace.info': () => this.workspaceInfo(),
    'workspace.switch': ({ kind }) => {
      if (this.workspace.kind === 'file') {
        throw new OpsError(
          'unsupported',
          'This session opened a replica file directly (--db), so it cannot switch workspaces. Start without --db.',
        );
      }
      if (kind !== this.workspace.kind) {
        const next = openManaged(this.options.dataDir!, kind, this.options.demoAnchor);
        this.db.close();
        this.workspace = next;
        this.changed(['*'], true);
      }
      return this.workspaceInfo();
    },
    'settings.get': () => this.settings(),
    'settings.update': (input) => {
      if (input.consultantId && !listConsultants(this.db).some((c) => c.id === input.consultantId)) {
        throw new OpsError('not_found', 'That consultant is not in this workspace. Pick one from the list.', 'consultantId');
      }
      this.replica.transaction(() => {
        if (input.theme) writeSetting(this.db, 'theme', input.theme);
        if (input.consultantId) writeSetting(this.db, 'consultant_id', input.consultantId);
      });
      this.changed(['settings']);
      return this.settings();
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
      discardTimer(this.replica);
      this.changed(['running_timer'], true);
      return null;
    },
    'entries.list': ({ consultantId, ...filter }) => listEntries(this.db, { consultantId: consultantId ?? this.consultantId(), ...filter }),
    'entries.week': ({ consultantId, weekStart, utcOffsetMinutes }) =>
      weekGrid(this.db, consultantId ?? this.consultantId(), weekStart, utcOffsetMinutes),
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
    'entries.delete': ({ id }) => {
      const result = deleteEntry(this.replica, this.consultantId(), id);
      this.changed(['time_entries']);
      return result;
    },
  };
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
export function today(utcOffsetMinutes = localUtcOffsetMinutes()): string {
  return localDay(isoNow(), utcOffsetMinutes);
}
