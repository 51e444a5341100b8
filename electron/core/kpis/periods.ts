// The buckets a trend is drawn in: calendar months, or Monday-start weeks, of local days, each cut
// to the range, with the UTC instants that bound it in the zone (a week across a daylight-saving
// change is 167 or 169 hours long; its bounds are still its local midnights).
import { addDays, dayStartUtc, weekStart } from '../../../shared/time';

export interface Period {
  /** `YYYY-MM` for a month, the Monday `YYYY-MM-DD` for a week. */
  period: string;
  /** Its local days within the range. */
  from: string;
  to: string;
  /** UTC instants [start, until). */
  start: string;
  until: string;
}

/** Ranges up to this many days are drawn week by week, longer ones month by month. */
export const WEEKLY_UP_TO_DAYS = 92;

function nextMonthStart(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`;
}

function cut(from: string, to: string, nextStart: (day: string) => string, label: (day: string) => string, zone: string): Period[] {
  const out: Period[] = [];
  let first = from;
  while (first <= to) {
    const next = nextStart(first);
    const last = addDays(next, -1) < to ? addDays(next, -1) : to;
    out.push({ period: label(first), from: first, to: last, start: dayStartUtc(first, zone), until: dayStartUtc(addDays(last, 1), zone) });
    first = next;
  }
  return out;
}

export function monthsOf(from: string, to: string, timeZone: string): Period[] {
  return cut(from, to, nextMonthStart, (d) => d.slice(0, 7), timeZone);
}

export function weeksOf(from: string, to: string, timeZone: string): Period[] {
  return cut(from, to, (d) => addDays(weekStart(d), 7), weekStart, timeZone);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

export function trendPeriods(from: string, to: string, timeZone: string): { granularity: 'week' | 'month'; periods: Period[] } {
  return daysBetween(from, to) <= WEEKLY_UP_TO_DAYS
    ? { granularity: 'week', periods: weeksOf(from, to, timeZone) }
    : { granularity: 'month', periods: monthsOf(from, to, timeZone) };
}
