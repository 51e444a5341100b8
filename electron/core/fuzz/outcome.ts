// What every fuzzed call must come back as: a value, or a refusal with one of the contract's error
// codes and a message a person can act on. `internal` is the core's "something went wrong": a
// crash caught at the last moment, never an answer to bad input.
import { ERROR_CODES, type Result } from '../../../shared/contract';

/**
 * Internals that must never reach a message: SQL errors, stack frames, JavaScript's own errors, and
 * zod's own words ("Invalid input: expected boolean, received array"), which say neither which
 * field in words nor what to do.
 */
const LEAKS = [
  /^Invalid (input|option)/,
  /^Too (big|small)/,
  /^Unrecognized keys?:/,
  /expected \w+, received/,
  /SQLITE_/,
  /\n\s+at /,
  /\[object Object\]/,
  /Cannot read propert/,
  /is not a function/,
  /Maximum call stack/,
  /of undefined|undefined is not|is undefined/,
];

/** Shows an input in a failure message: bounded in depth and length (inputs nest 100 000 deep). */
export function preview(input: unknown): string {
  const text = show(input, 0);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}

function show(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…(${value.length})` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (depth > 4) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((item) => show(item, depth + 1));
    return `[${items.join(',')}${value.length > 5 ? `,…(${value.length})` : ''}]`;
  }
  if (!(Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null))
    return (value as object).constructor?.name ?? 'object';
  const entries = Object.entries(value).slice(0, 8);
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${show(item, depth + 1)}`).join(',')}}`;
}

export function outcomeOf(result: unknown, what: string): 'accepted' | 'refused' {
  const r = result as Result<unknown>;
  if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') throw new Error(`${what}: not a Result: ${preview(result)}`);
  if (r.ok) return 'accepted';
  const { code, message, field } = r.error;
  if (!(ERROR_CODES as readonly string[]).includes(code)) throw new Error(`${what}: unknown error code ${preview(code)}`);
  if (code === 'internal') throw new Error(`${what}: an internal error instead of a refusal: ${message}`);
  if (typeof message !== 'string' || message.trim().length < 10) throw new Error(`${what}: no clear message: ${preview(message)}`);
  const leak = LEAKS.find((pattern) => pattern.test(message));
  if (leak) throw new Error(`${what}: the message is not one a person can act on (${leak}): ${message}`);
  if (field !== undefined && typeof field !== 'string') throw new Error(`${what}: the field is not a name: ${preview(field)}`);
  return 'refused';
}
