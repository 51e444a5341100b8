// A dashboard's range in its URL (`?from=YYYY-MM-DD&to=…`), read the same way on every dashboard.
import { z } from 'zod';
import type { DayRange } from '../../../shared/ranges';

// A malformed value (an old bookmark, a hand-edited URL) is dropped: the screen's default is used.
export const rangeSearch = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
export type RangeSearch = z.infer<typeof rangeSearch>;

export const validateRangeSearch = (search: Record<string, unknown>): RangeSearch => rangeSearch.parse(search);

/**
 * The range to show: the URL's days, else the screen's default. A last day alone shows that day;
 * a first day after the last is dropped.
 */
export function resolveRange(search: RangeSearch, fallback: DayRange): DayRange {
  const to = search.to ?? fallback.to;
  const from = search.from && search.from <= to ? search.from : search.to ? to : fallback.from;
  return { from, to };
}
