// The one API contract. Every front end (Electron IPC, the browser host, the `ops` command) calls
// the core through these channels; the core validates every input against the channel's schema.
import { z } from 'zod';
import {
  MAX_ENTRY_MINUTES,
  MAX_NOTE_LENGTH,
  TEXT_SCALES,
  THEMES,
  TIME_FORMATS,
  type Consultant,
  type ProjectSummary,
  type ReplicaStatus,
  type RunningTimer,
  type Settings,
  type TimeEntry,
  type CentralSettings,
  type Rejection,
  type SyncStatus,
  type WeekGrid,
  type WorkspaceInfo,
} from './domain';
import { CHANNELS, type Channel, type EventName, type Events } from './channels';
import { isTimeZone, timeZoneMessage } from './time';

export { CHANNELS, EVENT_NAMES, type AppCommand, type Channel, type EventName, type Events } from './channels';

/** Marks a channel's output type; it carries no runtime value. */
function returns<T>(): T {
  return undefined as T;
}

/** An unpaired UTF-16 surrogate (half of an emoji, say): not valid Unicode, so not storable text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL can store: no NUL character and no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * Adds the "storable text" check to a free-text input (`what` names it in the message, e.g. "The
 * note"). Every free-text field of every channel uses it, so each front end gets the same refusal.
 */
export function storableText(what: string, schema: z.ZodString = z.string()): z.ZodString {
  return schema.refine(isStorableText, {
    message: `${what} contains a character that cannot be stored (a NUL or a broken emoji). Remove it and save again.`,
  });
}

const id = z.uuid({ message: 'Expected an id (a UUID); pick the item from a list instead of typing it.' });
// zod's ISO checks are calendar checks: 2026-02-30, month 13 and 29 February of a common year are
// refused (a test pins this), so no front end can store 30 February as 2 March.
const day = z.iso.date({
  error: (issue) =>
    typeof issue.input === 'string'
      ? `“${issue.input}” is not a day on the calendar: give a date that exists, as YYYY-MM-DD (e.g. 2026-11-20).`
      : 'Expected a date as YYYY-MM-DD.',
});
const instant = z.iso.datetime({
  offset: true,
  error: (issue) =>
    typeof issue.input === 'string'
      ? `“${issue.input}” is not a date and time that exists: give one such as 2026-11-22T09:00:00Z or 2026-11-22T19:00:00+10:00.`
      : 'Expected a date and time such as 2026-11-22T09:00:00Z.',
});
/** An IANA time zone (`Australia/Sydney`). */
const zoneName = z
  .string()
  .max(100)
  .refine(isTimeZone, { error: (issue) => timeZoneMessage(String(issue.input)) });
/** The zone whose local days a query means. Default (left out): the workspace's time zone. */
const timeZone = zoneName.optional();
const note = storableText('The note', z.string().max(MAX_NOTE_LENGTH, `A note can be at most ${MAX_NOTE_LENGTH} characters; shorten it.`));
const minutes = z
  .number({ message: 'Enter the duration as a whole number of minutes.' })
  .int('Enter the duration as a whole number of minutes.')
  .min(1, 'The duration must be at least 1 minute.')
  .max(MAX_ENTRY_MINUTES, 'An entry can be at most 24 hours; split longer work into days.');

const none = z.object({}).strict().optional();
const mutationId = z.number().int().positive();
const centralUrl = storableText('The central database address', z.string().max(2000)).refine(
  (value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value),
  { message: 'Enter the central database as a URL such as postgres://user@host:5432/ops?sslmode=require.' },
);
const password = storableText('The password', z.string().max(1000));

interface ChannelSpec {
  input: z.ZodType;
  output: unknown;
}

export const contract = {
  'workspace.info': { input: none, output: returns<WorkspaceInfo>() },
  'workspace.switch': {
    // `empty`: the Work workspace's name in earlier versions.
    input: z.object({
      kind: z
        .enum(['demo', 'work', 'empty'], { message: 'Choose the workspace: demo or work.' })
        .transform((kind) => (kind === 'empty' ? 'work' : kind)),
    }),
    output: returns<WorkspaceInfo>(),
  },
  'settings.get': { input: none, output: returns<Settings>() },
  'settings.update': {
    input: z
      .object({
        theme: z.enum(THEMES, { message: `Choose a theme: ${THEMES.join(', ')}.` }).optional(),
        timeFormat: z.enum(TIME_FORMATS, { message: `Choose a time format: ${TIME_FORMATS.join(', ')}.` }).optional(),
        textScale: z
          .number()
          .refine((n) => (TEXT_SCALES as readonly number[]).includes(n), {
            message: `Choose a text size of ${TEXT_SCALES.map((n) => `${n * 100}%`).join(', ')}.`,
          })
          .optional(),
        consultantId: id.optional(),
        /** The workspace's time zone (the others are the user's, kept across workspaces). */
        timeZone: zoneName.optional(),
      })
      .strict(),
    output: returns<Settings>(),
  },
  'status.get': { input: none, output: returns<ReplicaStatus>() },
  'consultants.list': { input: none, output: returns<Consultant[]>() },
  'projects.list': {
    input: z.object({ includeArchived: z.boolean().default(false) }).optional(),
    output: returns<ProjectSummary[]>(),
  },
  'timer.get': { input: none, output: returns<RunningTimer | null>() },
  'timer.start': {
    input: z.object({ projectId: id, note: note.default('') }),
    output: returns<RunningTimer>(),
  },
  'timer.switch': {
    input: z.object({ projectId: id, note: note.default('') }),
    output: returns<{ stopped: TimeEntry; timer: RunningTimer }>(),
  },
  'timer.stop': {
    input: z.object({ endedAt: instant.optional() }).optional(),
    output: returns<TimeEntry>(),
  },
  /** Drops the running timer without recording it; returns the timer dropped (null: none ran). */
  'timer.discard': { input: none, output: returns<RunningTimer | null>() },
  'entries.list': {
    input: z.object({
      from: day,
      to: day,
      timeZone,
      consultantId: id.optional(),
      projectId: id.optional(),
      billable: z.boolean().optional(),
    }),
    output: returns<TimeEntry[]>(),
  },
  'entries.week': {
    input: z.object({ weekStart: day, timeZone, consultantId: id.optional() }),
    output: returns<WeekGrid>(),
  },
  'entries.create': {
    input: z.object({
      projectId: id,
      startedAt: instant,
      minutes: minutes.optional(),
      endedAt: instant.optional(),
      billable: z.boolean().default(true),
      note: note.default(''),
    }),
    output: returns<TimeEntry>(),
  },
  'entries.update': {
    input: z.object({
      id,
      projectId: id.optional(),
      startedAt: instant.optional(),
      minutes: minutes.optional(),
      endedAt: instant.optional(),
      billable: z.boolean().optional(),
      note: note.optional(),
    }),
    output: returns<TimeEntry>(),
  },
  'entries.get': { input: z.object({ id }), output: returns<TimeEntry>() },
  'entries.delete': { input: z.object({ id }), output: returns<{ id: string }>() },
  'central.get': { input: none, output: returns<CentralSettings>() },
  'central.update': {
    input: z.object({ url: centralUrl.nullable(), password: password.nullable().optional() }),
    output: returns<CentralSettings>(),
  },
  'central.test': {
    input: z.object({ url: centralUrl.optional(), password: password.nullable().optional() }).optional(),
    output: returns<{ ok: boolean; message: string }>(),
  },
  'sync.status': { input: none, output: returns<SyncStatus>() },
  'sync.now': { input: none, output: returns<SyncStatus>() },
  'sync.rejections': { input: none, output: returns<Rejection[]>() },
  'sync.retry': { input: z.object({ mutationId }), output: returns<Rejection[]>() },
  'sync.discard': { input: z.object({ mutationId }), output: returns<Rejection[]>() },
  'sync.restore': { input: z.object({ mutationId }), output: returns<Rejection[]>() },
} as const satisfies Record<Channel, ChannelSpec>;

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
  'unsupported',
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
