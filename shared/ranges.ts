// A dashboard's date range: local days (`YYYY-MM-DD`) of the workspace's zone, both ends included.
// Quick ranges are whole calendar periods around today; the comparison period is the one before,
// of the same kind (the previous month for a month, so October is set against September whatever
// their lengths), or of the same length for a custom range. Calendar arithmetic only, on dates
// that carry no zone, so the machine's own zone never shifts a day.
import { addDays, weekStart } from './time';

export const QUICK_RANGES = ['week', 'month', 'quarter', '12m'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

export const QUICK_RANGE_LABELS: Record<QuickRange, string> = {
  week: 'This week',
  month: 'This month',
  quarter: 'This quarter',
  '12m': 'Last 12 months',
};

export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** First day of the month `months` after the month of `day` (negative: before). */
export function monthStart(day: string, months = 0): string {
  const [y, m] = parts(day);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/** Last day of the month of `day`. */
export function monthEnd(day: string): string {
  return addDays(monthStart(day, 1), -1);
}

function quarterStart(day: string): string {
  const [, m] = parts(day);
  return monthStart(day, -((m - 1) % 3));
}

export function quickRange(kind: QuickRange, today: string): DayRange {
  switch (kind) {
    case 'week':
      return { from: weekStart(today), to: addDays(weekStart(today), 6) };
    case 'month':
      return { from: monthStart(today), to: monthEnd(today) };
    case 'quarter':
      return { from: quarterStart(today), to: addDays(monthStart(quarterStart(today), 3), -1) };
    case '12m':
      return { from: monthStart(today, -11), to: monthEnd(today) };
  }
}

/** Which quick range a range is, for today (null: a custom range). */
export function quickRangeOf(range: DayRange, today: string): QuickRange | null {
  return QUICK_RANGES.find((kind) => sameRange(quickRange(kind, today), range)) ?? null;
}

/** Days in the range, both ends included. */
export function rangeDays(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The period to compare with: whole months (a month, a quarter, twelve months) are set against the
 * same number of whole months just before; weeks and any other range against the same number of
 * days just before.
 */
export function previousRange(range: DayRange): DayRange {
  if (range.from === monthStart(range.from) && range.to === monthEnd(range.to)) {
    const [fy, fm] = parts(range.from);
    const [ty, tm] = parts(range.to);
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    return { from: monthStart(range.from, -months), to: addDays(range.from, -1) };
  }
  const days = rangeDays(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

function sameRange(a: DayRange, b: DayRange): boolean {
  return a.from === b.from && a.to === b.to;
}
