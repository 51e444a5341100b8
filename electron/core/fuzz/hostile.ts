// Hostile inputs for the fuzz tests (docs/fuzzing.md): wrong types, huge strings and arrays, deep
// nesting, prototype keys, NUL and odd Unicode, boundary numbers, and a channel's valid example
// mutated one field at a time. `json: true` keeps to what a JSON body can carry (the browser host);
// otherwise also what Electron's IPC (structured clone) can: NaN, Infinity, BigInt, Date, Map, Set,
// typed arrays, objects without a prototype.
import fc from 'fast-check';

export interface HostileOptions {
  /** Only values JSON can carry (an HTTP body). */
  json: boolean;
  /** The longest string or array made (a body must stay under the host's 1 MB to reach the core). */
  huge?: number;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  'x\uD83D', // half an emoji
  '\uDE00y',
  '\u202Egnp.exe', // right-to-left override
  'مرحبا بالعالم', // RTL text
  '\u200B', // zero-width space
  '\u200D\u200C', // zero-width joiner, non-joiner
  '\uFEFF', // BOM
  '\u2028\u2029', // line and paragraph separators
  'e\u0301', // combining accent
  '😀👩‍👩‍👧',
  '𝕏',
  '\uFFFF',
  '\n\r\t\v\f',
  ...PROTOTYPE_KEYS,
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '9007199254740993',
  '2026-02-30',
  '2026-11-20',
  '2026-11-20T09:00:00Z',
  '2026-11-20T25:00:00Z',
  '0000-01-01',
  '1969-12-31',
  '1970-01-01',
  '2999-12-31',
  '3000-01-01',
  '9999-12-31',
  '+275760-09-13',
  '01900000-0000-7000-8000-000000000000',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  "'; DROP TABLE time_entries; --",
  '%s%n%x',
  '${process.exit()}',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  'postgres://fuzz@127.0.0.1:1/none',
  'http://127.0.0.1:1',
  'whsec_AAAAAAAAAAAAAAAAAAAAAAAA',
  'Australia/Brisbane',
  'Etc/GMT+14',
  'America/Argentina/ComodRivadavia',
  'discovery',
  'won',
  'draft',
  'revenue',
  'billableHours',
  'pipeline_mvp',
  'demo',
];

const BOUNDARY_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.EPSILON,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MIN_SAFE_INTEGER - 1,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 64,
  1e21,
  10,
  11,
  100,
  101,
  366,
  367,
  1830,
  1831,
  5001,
  10_001,
];

const NON_JSON_VALUES: (() => unknown)[] = [
  () => undefined,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => 1n,
  () => 2n ** 70n,
  () => new Date('2026-11-20T00:00:00Z'),
  () => new Date(Number.NaN),
  () => new Map([['id', '01900000-0000-7000-8000-000000000000']]),
  () => new Set(['a']),
  () => new Uint8Array([1, 2, 3]),
  () => Object.create(null) as object,
  () => Object.assign(Object.create(null) as object, { from: '2026-11-01', to: '2026-11-20' }),
  // eslint-disable-next-line no-sparse-arrays
  () => [, 1],
];

/** An object with these own keys, `__proto__` included as a real key (as JSON.parse makes it). */
export function objectWith(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/**
 * `[[[…]]]` or `{"a":{"a":…}}`, `depth` levels deep, built without recursion. It tells fast-check
 * how to show it, which would otherwise recurse to the bottom when reporting a failure.
 */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = kind === 'array' ? [] : {};
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  // JSON.stringify recurses too: it writes a marker, which `toJson` expands.
  Object.defineProperty(value, 'toJSON', { value: () => `@@deep-${kind}-${depth}@@` });
  return shownAs(value as object, `<${kind}s nested ${depth} deep>`);
}

/** JSON.stringify, with deeplyNested values written out in full (JSON.stringify overflows on them). */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"@@deep-(array|object)-(\d+)@@"/g, (_, kind: string, depth: string) =>
    kind === 'array'
      ? `${'['.repeat(Number(depth) + 1)}${']'.repeat(Number(depth) + 1)}`
      : `${'{"a":'.repeat(Number(depth))}{}${'}'.repeat(Number(depth))}`,
  );
}

function shownAs<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => text });
  return value;
}

export function hostileKey(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...PROTOTYPE_KEYS, '', '\u0000', '\uD800', 'id', 'from', 'to', 'limit', 'kind', 'figure', 'params'),
    fc.string({ maxLength: 12 }),
  );
}

export function hostileString(options: HostileOptions): fc.Arbitrary<string> {
  const huge = options.huge ?? 300_000;
  return fc.oneof(
    fc.constantFrom(...ODD_STRINGS),
    fc.string({ unit: 'binary', maxLength: 30 }), // any code point, lone surrogates included
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom(101, 201, 255, 1001, 2001, 10_001, 100_001, huge).map((n) => 'x'.repeat(n)),
    fc.constantFrom(1001, huge).map((n) => `${'y'.repeat(n - 1)}\u0000`),
  );
}

export function hostileNumber(options: HostileOptions): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), fc.integer(), fc.double({ noNaN: options.json, noDefaultInfinity: options.json }));
}

/** Any hostile value: scalars, odd strings, containers of them, huge and deeply nested ones. */
export function hostileValue(options: HostileOptions): fc.Arbitrary<unknown> {
  const huge = options.huge ?? 300_000;
  const scalars: fc.Arbitrary<unknown>[] = [fc.constantFrom(null, true, false), hostileString(options), hostileNumber(options)];
  if (!options.json) scalars.push(fc.constantFrom(...NON_JSON_VALUES).map((make) => make()));
  const leaf = fc.oneof(...scalars);
  const { tree } = fc.letrec<{ tree: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('tree'), { maxLength: 4 }),
    object: fc.array(fc.tuple(hostileKey(), tie('tree')), { maxLength: 4 }).map(objectWith),
  }));
  return fc.oneof(
    { arbitrary: tree, weight: 8 },
    // Huge arrays, and nesting deeper than any recursive walk survives.
    fc.constantFrom(10_001, Math.floor(huge / 3)).map((n) => shownAs(new Array<number>(n).fill(0), `<${n} zeros>`)),
    fc.constantFrom(100, 1000, 10_000, Math.floor(huge / 6)).map((depth) => deeplyNested(depth, 'array')),
    fc.constantFrom(100, 1000, 10_000, Math.floor(huge / 8)).map((depth) => deeplyNested(depth, 'object')),
  );
}

type Path = (string | number)[];

/** Every place in a JSON-like example: the root, and each property and item under it. */
export function pathsOf(value: unknown, at: Path = []): Path[] {
  const paths: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...at, key]));
  return paths;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return root;
}

function deleteAt(root: unknown, path: Path): unknown {
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
  else delete parent[path.at(-1)!];
  return root;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value;
}

/** The same value in another type: `45` → `"45"`, `["45"]`, `{value: 45}`; a day → a number; and so on. */
function typeSwaps(value: unknown): unknown[] {
  return [
    String(value),
    [value],
    { value },
    Number(value) || 0,
    typeof value === 'string' ? `${value} ` : null,
    typeof value === 'string' ? value.toUpperCase() : true,
    typeof value === 'number' ? -value : {},
    typeof value === 'number' ? value + 0.5 : [],
  ];
}

/**
 * The example changed in one place: a field (or item, or the whole input) replaced by a hostile
 * value or by itself in another type, a field left out, or an extra key (`__proto__` among them)
 * added to an object of it.
 */
export function mutatedExample(example: unknown, options: HostileOptions): fc.Arbitrary<unknown> {
  const paths = pathsOf(example);
  const copy = () => structuredClone(example);
  const objects = paths.filter((p) => {
    const v = valueAt(example, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const fields = paths.filter((p) => p.length > 0);
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.tuple(fc.constantFrom(...paths), hostileValue(options)).map(([path, value]) => setAt(copy(), path, value)),
    fc.tuple(fc.constantFrom(...paths), fc.nat()).map(([path, pick]) => {
      const swaps = typeSwaps(valueAt(example, path));
      return setAt(copy(), path, swaps[pick % swaps.length]);
    }),
    fc.constantFrom(JSON.stringify(example ?? null), [example], { input: example }),
  ];
  if (fields.length > 0) mutations.push(fc.constantFrom(...fields).map((path) => deleteAt(copy(), path)));
  if (objects.length > 0)
    mutations.push(
      fc.tuple(fc.constantFrom(...objects), hostileKey(), hostileValue(options)).map(([path, key, value]) => {
        const root = copy();
        Object.defineProperty(valueAt(root, path) as object, key, { value, enumerable: true, writable: true, configurable: true });
        return root;
      }),
    );
  return fc.oneof(...mutations);
}
