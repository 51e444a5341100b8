// Local periods (days, week segments) of an IANA zone in SQL. The UTC instant each period starts is
// computed per period in TypeScript (so a day across a daylight-saving change is 23 or 25 hours),
// and SQL names the period an instant falls in with a balanced tree of comparisons: log2(n) string
// comparisons per row instead of n, so five years of days cost 11 comparisons a row.
import { addDays, utcOffsetMinutesAt, weekStart } from '../../../shared/time';

/** Only our own generated days, instants and labels are written into SQL text. */
const SAFE = /^[0-9A-Za-z:.\-_|]+$/;
function literal(value: string): string {
  if (!SAFE.test(value)) throw new Error(`Not a bucket value: ${value}`);
  return `'${value}'`;
}

/**
 * SQL naming the bucket of the ISO instant in `column`: labels[i] when bounds[i] <= it < bounds[i + 1],
 * NULL outside [bounds[0], bounds[n]). `bounds` has labels.length + 1 ascending instants.
 */
export function bucketSql(column: string, bounds: readonly string[], labels: readonly string[]): string {
  if (bounds.length !== labels.length + 1 || labels.length === 0) throw new Error('bucketSql: one bound more than labels');
  const node = (lo: number, hi: number): string => {
    if (hi - lo === 1) return literal(labels[lo]!);
    const mid = (lo + hi) >> 1;
    return `CASE WHEN ${column} < ${literal(bounds[mid]!)} THEN ${node(lo, mid)} ELSE ${node(mid, hi)} END`;
  };
  return `(CASE WHEN ${column} >= ${literal(bounds[0]!)} AND ${column} < ${literal(bounds.at(-1)!)} THEN ${node(0, labels.length)} END)`;
}

export interface WeekSegment {
  /** Monday of the local week. */
  week: string;
  /** Its first and last days inside the range. */
  first: string;
  last: string;
  /** Mon–Fri days among them. */
  workdays: number;
  /** UTC instants: [start, until). */
  start: string;
  until: string;
}

/** The local Monday-start weeks of a range, each cut to the range. */
export function weekSegments(from: string, to: string, timeZone: string): WeekSegment[] {
  const segments: WeekSegment[] = [];
  const dayStartUtc = dayStarts(from, addDays(to, 1), timeZone);
  let first = from;
  while (first <= to) {
    const monday = weekStart(first);
    const sunday = addDays(monday, 6);
    const last = sunday < to ? sunday : to;
    segments.push({
      week: monday,
      first,
      last,
      workdays: workdaysIn(first, last),
      start: dayStartUtc(first),
      until: dayStartUtc(addDays(last, 1)),
    });
    first = addDays(last, 1);
  }
  return segments;
}

const SAMPLE_MS = 14 * 86_400_000;
const DAY_MS = 86_400_000;

/**
 * `dayStartUtc` (shared/time.ts) for the local days from `first` to `last`, the same instants from
 * one `offsetSegments` of the span instead of four Intl calls a day: the zone's offset at an instant
 * is looked up among its changes, and the day's start chosen by the same rule (the earlier of two
 * instants with that wall clock; past a skipped midnight, the offset from before the change).
 */
export function dayStarts(first: string, last: string, timeZone: string): (day: string) => string {
  const lo = Date.parse(`${first}T00:00:00.000Z`) - 3 * DAY_MS;
  const hi = Date.parse(`${last}T00:00:00.000Z`) + 3 * DAY_MS;
  const { offsets, changes } = offsetSegments(new Date(lo).toISOString(), new Date(hi).toISOString(), timeZone);
  const at = changes.map((c) => Date.parse(c));
  const offsetAt = (ms: number) => {
    if (ms < lo || ms > hi) throw new Error(`dayStarts: ${new Date(ms).toISOString()} outside the span`);
    let i = 0;
    while (i < at.length && at[i]! <= ms) i += 1;
    return offsets[i]! * 60_000;
  };
  return (day: string) => {
    const wall = Date.parse(`${day}T00:00:00.000Z`);
    const before = offsetAt(wall - DAY_MS);
    const after = offsetAt(wall + DAY_MS);
    const exact = [wall - before, wall - after].filter((ms) => ms + offsetAt(ms) === wall);
    return new Date(exact.length > 0 ? Math.min(...exact) : wall - before).toISOString();
  };
}

/** A UTC year's offsets of a zone: the offset at its first instant, and each change in the year. */
interface ZoneYear {
  first: number;
  changes: Array<[ms: number, offset: number]>;
}

/** Zone years by `zone year`, found once per process (the rules of a zone do not change while it runs). */
const zoneYears = new Map<string, ZoneYear>();

/**
 * The offsets of one UTC year: sampled every 14 days and bisected to the millisecond where two
 * samples differ (no zone changes its offset twice within 14 days): a year is about 26 Intl calls,
 * and about 20 more per change.
 */
function zoneYear(timeZone: string, year: number): ZoneYear {
  const key = `${timeZone} ${year}`;
  const known = zoneYears.get(key);
  if (known) return known;
  const at = (ms: number) => utcOffsetMinutesAt(new Date(ms).toISOString(), timeZone);
  // Changes at [start of the year, start of the next): sampled over (start − 1 ms, next − 1 ms].
  let ms = Date.UTC(year, 0, 1) - 1;
  const end = Date.UTC(year + 1, 0, 1) - 1;
  let offset = at(ms);
  const found: ZoneYear = { first: at(ms + 1), changes: [] };
  while (ms < end) {
    const next = Math.min(ms + SAMPLE_MS, end);
    const nextOffset = at(next);
    if (nextOffset !== offset) {
      let lo = ms; // offset here is `offset`
      let hi = next; // offset here is `nextOffset`
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === offset) lo = mid;
        else hi = mid;
      }
      // A change at the year's very first instant is its `first`, not one of its changes.
      if (hi !== Date.UTC(year, 0, 1)) found.changes.push([hi, nextOffset]);
      offset = nextOffset;
    }
    ms = next;
  }
  zoneYears.set(key, found);
  return found;
}

/**
 * The zone's UTC offsets over [start, until] as segments: offset i applies from changes[i - 1]
 * (or the start) to changes[i], each change an instant in (start, until]. Stitched from the UTC
 * years the span meets, each found once per process (zoneYear), so a dashboard's two years cost
 * nothing after the first time.
 */
export function offsetSegments(start: string, until: string, timeZone: string): { offsets: number[]; changes: string[] } {
  const from = Date.parse(start);
  const end = Date.parse(until);
  const firstYear = new Date(from).getUTCFullYear();
  const lastYear = new Date(end).getUTCFullYear();
  // The offset at `start`: the last change of its year at or before it, else the year's first.
  const startYear = zoneYear(timeZone, firstYear);
  let offset = startYear.first;
  for (const [ms, next] of startYear.changes) if (ms <= from) offset = next;
  const offsets = [offset];
  const changes: string[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    const { first, changes: inYear } = zoneYear(timeZone, year);
    // A change at the year's first instant shows as a new `first`.
    if (year > firstYear && first !== offset) {
      changes.push(new Date(Date.UTC(year, 0, 1)).toISOString());
      offsets.push(first);
      offset = first;
    }
    for (const [ms, next] of inYear) {
      if (ms <= from || ms > end) continue;
      changes.push(new Date(ms).toISOString());
      offsets.push(next);
      offset = next;
    }
  }
  return { offsets, changes };
}

/**
 * SQL for the local day (`YYYY-MM-DD`) of the ISO instant in `column`, for instants in
 * [start, until): the instant shifted by the zone's offset at that instant.
 */
export function localDaySqlOf(column: string, start: string, until: string, timeZone: string): string {
  const { offsets, changes } = offsetSegments(start, until, timeZone);
  // A whole number of minutes, so safe to write into the SQL text.
  const modifier = (minutes: number) => `'${minutes >= 0 ? '+' : '-'}${Math.abs(Math.trunc(minutes))} minutes'`;
  if (changes.length === 0) return `date(${column}, ${modifier(offsets[0]!)})`;
  const whens = changes.map((change, i) => `WHEN ${column} < ${literal(change)} THEN ${modifier(offsets[i]!)}`).join(' ');
  return `date(${column}, CASE ${whens} ELSE ${modifier(offsets.at(-1)!)} END)`;
}

/** Mon–Fri days from `from` to `to` inclusive (0 when `to` is before `from`). */
export function workdaysIn(from: string, to: string): number {
  const first = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const days = to.length === 10 ? Date.parse(`${to}T00:00:00Z`) / DAY_MS - first + 1 : 0;
  if (!(days > 0)) return 0;
  // Whole weeks have five each; the rest are counted from the first day's weekday (0 = Sunday).
  const weekday = new Date(first * DAY_MS).getUTCDay();
  let workdays = Math.floor(days / 7) * 5;
  for (let i = 0; i < days % 7; i += 1) {
    const d = (weekday + i) % 7;
    if (d >= 1 && d <= 5) workdays += 1;
  }
  return workdays;
}

/** A UTC day's first instant, as stored instants are written. */
const dayStart = (day: string) => `${day}T00:00:00.000Z`;

export interface SplitSpans {
  /** Whole UTC days read from the aggregate: [dayFrom, dayTo) per label. */
  days: Array<[label: string, dayFrom: string, dayTo: string]>;
  /** Instants read from the entries: [at, until) per label. */
  edges: Array<[label: string, at: string, until: string]>;
}

/**
 * Splits periods of instants [start, until) between an aggregate per UTC day (the days wholly inside)
 * and the entries (the partial UTC days at the two ends). Exact for any zone: a UTC midnight is just
 * a cut, and each side of it is counted once.
 */
export function splitSpans(periods: ReadonlyArray<{ label: string; start: string; until: string }>): SplitSpans {
  const out: SplitSpans = { days: [], edges: [] };
  for (const { label, start, until } of periods) {
    if (start >= until) continue;
    const startDay = start.slice(0, 10);
    const dayFrom = dayStart(startDay) === start ? startDay : addDays(startDay, 1);
    const dayTo = until.slice(0, 10); // the UTC day `until` falls in: read from the entries up to `until`
    if (dayFrom >= dayTo) {
      out.edges.push([label, start, until]);
      continue;
    }
    out.days.push([label, dayFrom, dayTo]);
    if (start < dayStart(dayFrom)) out.edges.push([label, start, dayStart(dayFrom)]);
    if (dayStart(dayTo) < until) out.edges.push([label, dayStart(dayTo), until]);
  }
  return out;
}
