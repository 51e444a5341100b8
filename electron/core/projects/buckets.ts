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

/**
 * The zone's UTC offsets over [start, until) as segments: offset i applies from changes[i - 1]
 * (or the start) to changes[i]. Sampled every 14 days and bisected to the millisecond where two
 * samples differ (no zone changes its offset twice within 14 days), so five years cost a few
 * hundred Intl calls instead of one per day.
 */
export function offsetSegments(start: string, until: string, timeZone: string): { offsets: number[]; changes: string[] } {
  const at = (ms: number) => utcOffsetMinutesAt(new Date(ms).toISOString(), timeZone);
  const end = Date.parse(until);
  let ms = Date.parse(start);
  let offset = at(ms);
  const offsets = [offset];
  const changes: string[] = [];
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
      changes.push(new Date(hi).toISOString());
      offsets.push(nextOffset);
      offset = nextOffset;
    }
    ms = next;
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

/** Mon–Fri days from `from` to `to` inclusive. */
export function workdaysIn(from: string, to: string): number {
  let workdays = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5) workdays += 1;
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
