// The words for an input refused by a check that has no message of its own (`z.boolean()`, a
// `.max(5000)`, a `.strict()` object): zod's own ("Invalid input: expected boolean, received
// array", "Unrecognized key: x") name neither the field in words nor what to do. Installed once for
// every schema (shared/schemas.ts); a check's own message always wins. Fuzzing every channel found
// them (docs/fuzzing.md).
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** Shows a name or a value from the input, bounded: it may be a megabyte of text. */
function quoted(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `“${short}”`;
}

/** “billable”, “status.0”; the whole input when the path is empty. */
function subject(path: readonly PropertyKey[] | undefined): string {
  return path && path.length > 0 ? quoted(path.map(String).join('.')) : 'The input';
}

/** What was given, in words. */
function given(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'number') return String(input); // 1.5, NaN, Infinity
  if (typeof input === 'boolean') return `${input}`;
  if (typeof input === 'bigint') return 'a BigInt';
  if (input instanceof Date) return 'a Date';
  return 'named values';
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'named values (a JSON object)',
  record: 'named values (a JSON object)',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
  bigint: 'a whole number',
  date: 'a date',
};

function bound(issue: Extract<Issue, { code: 'too_big' | 'too_small' }>, limit: number | bigint, big: boolean): string {
  const what = subject(issue.path);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (!big && Number(limit) === 1) return `${what} cannot be empty.`;
      return `${what} can be ${big ? 'at most' : 'at least'} ${limit} characters long.`;
    case 'array':
    case 'set':
      return `${what} can have ${big ? 'at most' : 'at least'} ${limit} items.`;
    default:
      return big
        ? `${what} must be ${inclusive ? 'at most' : 'less than'} ${limit}.`
        : `${what} must be ${inclusive ? 'at least' : 'more than'} ${limit}.`;
  }
}

export function humanIssue(issue: Issue): string | undefined {
  const what = subject(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.input === undefined && issue.path && issue.path.length > 0) return `${what} is missing: give ${expected}.`;
      return `${what} must be ${expected}, not ${given(issue.input)}.`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.slice(0, 5).map(quoted).join(', ');
      const where = issue.path && issue.path.length > 0 ? ` in ${what}` : '';
      return issue.keys.length === 1
        ? `${keys} is not a field this call takes${where}: remove it.`
        : `${keys}${issue.keys.length > 5 ? ' …' : ''} are not fields this call takes${where}: remove them.`;
    }
    case 'too_big':
      return bound(issue, issue.maximum, true);
    case 'too_small':
      return bound(issue, issue.minimum, false);
    case 'invalid_value':
      return `${what} must be ${issue.values.length === 1 ? String(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`}.`;
    case 'invalid_union':
      return `${what} is not one of the forms this call takes: check it against the choices the app offers.`;
    case 'invalid_format':
      return `${what} is not in the expected form${issue.format === 'regex' ? '' : ` (${issue.format})`}.`;
    case 'not_multiple_of':
      return `${what} must be a multiple of ${issue.divisor}.`;
    case 'invalid_key':
      return `${what} has a name that is not allowed (too long, or not text): rename it.`;
    case 'invalid_element':
      return `${what} has an item that is not allowed.`;
    case 'custom':
      return `${what} is not accepted: check it and send it again.`;
    default:
      return undefined;
  }
}

z.config({ customError: humanIssue });
