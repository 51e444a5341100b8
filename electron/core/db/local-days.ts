// Local days in SQL without a fixed UTC offset. The boundaries of each local day (the UTC instant
// it starts, computed per day in TypeScript from the IANA zone, so a day may be 23 or 25 hours) are
// bound into a CASE that names the day an instant falls in; SQL then groups and sums by it.
import { sql, type RawBuilder } from 'kysely';
import { localDayRange } from '../../../shared/time';

export interface LocalDays {
  /** The local days, `YYYY-MM-DD`, in order. */
  days: string[];
  /** `days.length + 1` UTC instants: day i is [starts[i], starts[i + 1]). */
  starts: string[];
  /** The first instant of the range (inclusive) and the end of it (exclusive). */
  from: string;
  until: string;
}

/** `count` local days of the zone from `first` (e.g. 7 for a week, up to 31 for a month). */
export function localDays(first: string, count: number, timeZone: string): LocalDays {
  const { days, starts } = localDayRange(first, count, timeZone);
  return { days, starts, from: starts[0]!, until: starts[count]! };
}

/**
 * SQL for the local day (`YYYY-MM-DD`) of the instant in `column` (a UTC ISO string), or NULL when
 * it is outside the range. Compares ISO strings, which sort as instants.
 */
export function localDaySql(column: string, range: LocalDays): RawBuilder<string | null> {
  const at = sql.ref(column);
  const whens = range.days.map((day, i) => sql`WHEN ${at} < ${range.starts[i + 1]!} THEN ${day}`);
  return sql<string | null>`CASE WHEN ${at} < ${range.from} THEN NULL ${sql.join(whens, sql` `)} ELSE NULL END`;
}
