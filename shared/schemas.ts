// The zod building blocks every contract slice (and every route's search params) is made of: one
// definition of an id, a day, an instant, a note, so every front end gets the same refusal.
import { z } from 'zod';
import { MAX_ENTRY_MINUTES, MAX_NOTE_LENGTH } from './domain';
import { isTimeZone, timeZoneMessage } from './time';
import './zod-messages'; // words for checks without a message of their own

/** An unpaired UTF-16 surrogate (half of an emoji, say): not valid Unicode, so not storable text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL can store: no NUL character and no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * How deep a JSON-like value nests (a scalar 0, `{}` 1, `{"a": []}` 2), measured without recursion
 * and no further than `limit` + 1, so a value nested a million deep is measured safely: recursive
 * walks (JSON.stringify, unstorablePath, schema checks) overflow the stack on it.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) break;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Where in a value the first thing JSON cannot carry is (`recipients[1]`: a BigInt, NaN, a Date, a
 * Map, undefined, a hole in an array…), or null when it is all JSON. Electron's IPC carries all of
 * those; stored as JSON they would turn into something else, or throw. Recursive: bound the depth
 * with `nestingDepth` first.
 */
export function nonJsonPath(value: unknown, path = ''): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(the value)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = i in value ? nonJsonPath(value[i], `${path}[${i}]`) : `${path}[${i}]`;
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    for (const [key, item] of Object.entries(value)) {
      const found = nonJsonPath(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
    return null;
  }
  return path || '(the value)';
}

/**
 * Where in a JSON-like value (an object's keys and values, arrays, nested) the first text
 * PostgreSQL cannot store is — `recipients[0]` —, or null when there is none. A `jsonb` value with
 * a NUL or half an emoji would be refused by the central, and with it the whole push.
 */
export function unstorablePath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '(the value)';
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorablePath(item, `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) return at;
      const found = unstorablePath(item, at);
      if (found !== null) return found;
    }
  }
  return null;
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

export const id = z.uuid({
  message: 'That is not an id (a UUID such as 0193…): pick the item from a list, or copy its id from a listing.',
});
// zod's ISO checks are calendar checks: 2026-02-30, month 13 and 29 February of a common year are
// refused (a test pins this), so no front end can store 30 February as 2 March.
const dayFormat = z.iso.date({
  error: (issue) =>
    typeof issue.input === 'string'
      ? `“${issue.input}” is not a day on the calendar: give a date that exists, as YYYY-MM-DD (e.g. 2026-11-20).`
      : 'Expected a date as YYYY-MM-DD.',
});
/** The days the app works with: the figures' calendar arithmetic (previous periods, zone offsets) needs real years. */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '2999-12-31';
// Fuzzing found 0000-01-01 and 9999-12-31 made the dashboards fail (an internal error) or run on and on.
export const day = dayFormat.refine((value) => value >= FIRST_DAY && value <= LAST_DAY, {
  error: (issue) =>
    `“${String(issue.input)}” is outside the days Ops Console works with (${FIRST_DAY} to ${LAST_DAY}): give a day in that span.`,
});
export const instant = z.iso.datetime({
  offset: true,
  error: (issue) =>
    typeof issue.input === 'string'
      ? `“${issue.input}” is not a date and time that exists: give one such as 2026-11-22T09:00:00Z or 2026-11-22T19:00:00+10:00.`
      : 'Expected a date and time such as 2026-11-22T09:00:00Z.',
});
/** An IANA time zone (`Australia/Sydney`). */
export const zoneName = z
  .string()
  .max(100)
  .refine(isTimeZone, { error: (issue) => timeZoneMessage(String(issue.input)) });
/** The zone whose local days a query means. Default (left out): the workspace's time zone. */
export const timeZone = zoneName.optional();
export const note = storableText(
  'The note',
  z.string().max(MAX_NOTE_LENGTH, `A note can be at most ${MAX_NOTE_LENGTH} characters; shorten it.`),
);
export const minutes = z
  .number({ message: 'Enter the duration as a whole number of minutes.' })
  .int('Enter the duration as a whole number of minutes.')
  .min(1, 'The duration must be at least 1 minute.')
  .max(MAX_ENTRY_MINUTES, 'An entry can be at most 24 hours; split longer work into days.');

export const none = z.object({}).strict().optional();

/** Local days from `from` to `to`, both included (calendar arithmetic: no zone, no DST). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** "a year (366 days)", "five years (1830 days)", "90 days": a limit as people say it. */
function spanWords(days: number): string {
  const years = Math.round(days / 365.25);
  const words = ['', 'a year', 'two years', 'three years', 'four years', 'five years'];
  return years >= 1 && years < words.length && Math.abs(days - years * 365.25) < 5 ? `${words[years]} (${days} days)` : `${days} days`;
}

/**
 * The one check of a range of local days (`from`, `to`, inclusive), for `.superRefine`: the first
 * day not after the last, and at most `maxDays` days (no limit when left out: a list's filter).
 * Either day left out (an open-ended filter) checks nothing. The message names the days and what to
 * do; its field is the one to change.
 */
export function dayRange(maxDays = Number.POSITIVE_INFINITY) {
  // `object`: a union of figures, some without days, is refined as a whole.
  return (value: object, ctx: z.RefinementCtx): void => {
    const { from, to } = value as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || typeof to !== 'string') return;
    if (from > to) {
      ctx.addIssue({
        code: 'custom',
        message: `The first day (${from}) is after the last one (${to}): swap them, or choose the last day again.`,
        path: ['to'],
      });
      return;
    }
    const days = daysInRange(from, to);
    if (days > maxDays) {
      ctx.addIssue({
        code: 'custom',
        message: `Choose at most ${spanWords(maxDays)}; ${from} to ${to} is ${days} days. Move the first day later.`,
        path: ['from'],
      });
    }
  };
}
