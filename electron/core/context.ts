// What every feature's handlers get from the Core: the open workspace, who is acting, its zone,
// and the way to tell the front ends something changed. Handlers never hold the workspace: it
// changes when the user switches.
import type { z } from 'zod';
import type { ChannelSpec } from '../../shared/contract-kit';
import type { EventName, Events } from '../../shared/contract';
import type { PipelinesServiceOptions } from './pipelines/service';
import type { PullOptions } from './sync/pull';
import type { SecretStore } from './central/secrets';
import type { Sqlite } from './db/open';
import type { Replica } from './sync/replica';
import type { OpenWorkspace } from './workspace/workspaces';

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
  /** The pipeline API for this session (the `ops --pipeline-api` flag, OPS_PIPELINE_API), over the workspace's setting. */
  pipelineApi?: string;
  /** The webhook secret for this session (OPS_WEBHOOK_SECRET), over the one in the secret store. Never logged. */
  webhookSecret?: string;
  /** The demo simulator's pace and the delivery loop's timing (tests). */
  pipelines?: PipelinesServiceOptions;
}

export interface CoreContext {
  readonly options: CoreOptions;
  /** Settles when the replica can answer (at once, or when a first-start demo seed is done). */
  readonly ready: Promise<void>;
  readonly workspace: OpenWorkspace;
  readonly replica: Replica;
  readonly db: Sqlite;
  readonly secrets: SecretStore;
  /** The consultant acting (`--as`, else the one chosen in Settings); throws when none is. */
  consultantId(): string;
  /** The workspace's IANA time zone. */
  timeZone(): string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Listens to the core's events (a background service reacting to another's). */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Tells the front ends that tables changed (and the timer, with `timer`). */
  changed(tables: string[], timer?: boolean): void;
  /** Our own writes are not "another process": remember the replica's data version now. */
  noteOwnWrites(): void;
  /** Replaces the open workspace (a switch); the old replica is closed. */
  replaceWorkspace(next: OpenWorkspace): void;
}

/** A feature's handlers: one per channel of its slice, typed from the slice's schemas. */
export type HandlersOf<S extends Record<string, ChannelSpec>> = {
  [C in keyof S]: (input: z.output<S[C]['input']>) => S[C]['output'] | Promise<S[C]['output']>;
};
