// The one API contract: the features' slices (shared/features/*/contract.ts), assembled. Every
// front end (Electron IPC, the browser host, the `ops` command) calls the core through these
// channels; the core validates every input against the channel's schema.
import type { z } from 'zod';
import { mergeContracts, type ChannelSpec } from './contract-kit';
import { CHANNELS, type Channel, type EventName, type Events } from './channels';
import { billingContract } from './features/billing/contract';
import { clientsContract } from './features/clients/contract';
import { diagnosticsContract } from './features/diagnostics/contract';
import { exportContract } from './features/export/contract';
import { feedbackContract } from './features/feedback/contract';
import { hoursContract } from './features/hours/contract';
import { invoicesContract } from './features/invoices/contract';
import { kpisContract } from './features/kpis/contract';
import { leadsContract } from './features/leads/contract';
import { pipelinesContract } from './features/pipelines/contract';
import { projectsContract } from './features/projects/contract';
import { syncContract } from './features/sync/contract';
import { workspaceContract } from './features/workspace/contract';

export { CHANNELS, EVENT_NAMES, type AppCommand, type Channel, type EventName, type Events } from './channels';
export { isStorableText, storableText } from './schemas';

export const contract = mergeContracts(
  workspaceContract,
  hoursContract,
  syncContract,
  pipelinesContract,
  projectsContract,
  invoicesContract,
  billingContract,
  leadsContract,
  feedbackContract,
  clientsContract,
  kpisContract,
  diagnosticsContract,
  exportContract,
);

// The preload's name list and the contract must name the same channels, both ways.
type Missing = Exclude<Channel, keyof typeof contract>;
type Extra = Exclude<keyof typeof contract, Channel>;
const _sameChannels: [Missing, Extra] extends [never, never] ? true : { missing: Missing; extra: Extra } = true;
void _sameChannels;
const _specs: Record<Channel, ChannelSpec> = contract;
void _specs;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];
export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

// 'unavailable' and 'unauthorized' come from a transport, never from the core: the browser host
// did not answer, or refused this page's token.
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'locked',
  /** The user's role may not do this (an admin's task): the central database would refuse it too. */
  'forbidden',
  'unsupported',
  /** The disk refused a write (full, read-only): nothing was saved, everything before is kept, reads go on. */
  'storage',
  'internal',
  'unavailable',
  'unauthorized',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** The input field the message is about, when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What a transport offers the renderer: the Electron preload and the browser host both do. */
export interface Transport {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export class OpsError extends Error implements ApiError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'OpsError';
  }

  toJSON(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}
