// Which zone the local-day aggregates (migrations/sqlite/0011_local_days.sql, 0015, 0018) are keyed by, and
// keying them by another. The zone's UTC offsets are written into zone_offsets from the IANA rules
// (the same offsetSegments the dashboards' SQL uses), so a trigger can name an entry's local day
// with one lookup and no time-zone support in SQLite.
import { offsetSegments } from '../projects/buckets';
import type { Sqlite } from './open';
import { rebuildPending } from './pending-rebuild';

/**
 * The instants the offsets are written for. An entry outside them would get the offset at the
 * nearer end, which may not be its zone's, so readers use the aggregate only for days inside.
 */
const SPAN = { start: '1970-01-01T00:00:00.000Z', until: '2100-01-01T00:00:00.000Z' };
const FIRST_DAY = '1970-01-02';
const LAST_DAY = '2099-12-30';

/** The SQL that rebuilds every local-day aggregate from time_entries (here and after an initial sync). */
export const LOCAL_DAYS_REBUILD = `DELETE FROM billable_local_days;
  INSERT INTO billable_local_days (day, consultant_id, minutes, entries)
  SELECT date(e.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= e.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'),
    e.consultant_id, sum(e.minutes), count(*)
  FROM time_entries e WHERE e.billable = 1 AND EXISTS (SELECT 1 FROM local_zone) GROUP BY 1, 2;
  DELETE FROM billable_local_weeks;
  INSERT INTO billable_local_weeks (week, consultant_id, minutes, entries)
  SELECT date(day, '-6 days', 'weekday 1'), consultant_id, sum(minutes), sum(entries) FROM billable_local_days GROUP BY 1, 2;`;

/**
 * The SQL that rebuilds the pipeline jobs' local-day aggregates from pipeline_jobs: finished jobs per
 * local day (migrations/sqlite/0015) and jobs per local day of request, pipeline and status (0018).
 */
export const PIPELINE_LOCAL_DAYS_REBUILD = `DELETE FROM pipeline_local_days;
  INSERT INTO pipeline_local_days (day, succeeded, failed)
  SELECT date(j.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= j.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes'),
    sum(j.status = 'succeeded'), sum(j.status = 'failed')
  FROM pipeline_jobs j
  WHERE j.status IN ('succeeded', 'failed') AND j.finished_at IS NOT NULL AND EXISTS (SELECT 1 FROM local_zone) GROUP BY 1;
  DELETE FROM pipeline_request_days;
  INSERT INTO pipeline_request_days (day, pipeline_id, status, jobs)
  SELECT date(j.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= j.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), j.pipeline_id, j.status, count(*)
  FROM pipeline_jobs j WHERE EXISTS (SELECT 1 FROM local_zone) GROUP BY 1, 2, 3;`;

/** Offsets per zone, computed once per process (130 years of rules cost a few thousand Intl calls). */
const offsetsByZone = new Map<string, Array<[since: string, minutes: number]>>();

function zoneOffsets(zone: string): Array<[since: string, minutes: number]> {
  let rows = offsetsByZone.get(zone);
  if (!rows) {
    const { offsets, changes } = offsetSegments(SPAN.start, SPAN.until, zone);
    rows = offsets.map((minutes, i) => [i === 0 ? '' : changes[i - 1]!, minutes]);
    offsetsByZone.set(zone, rows);
  }
  return rows;
}

/** The zone the local-day aggregates are keyed by now, or null (not keyed yet). */
export function localDaysZone(db: Sqlite): string | null {
  return (db.prepare('SELECT zone FROM local_zone WHERE id = 1').pluck().get() as string | undefined) ?? null;
}

/** Keys the local-day aggregates by `zone` and rebuilds them, inside the caller's transaction. */
export function keyLocalDays(db: Sqlite, zone: string): void {
  const rows = zoneOffsets(zone);
  db.exec('DELETE FROM zone_offsets; DELETE FROM local_zone;');
  const insert = db.prepare('INSERT INTO zone_offsets (since, minutes) VALUES (?, ?)');
  for (const [since, minutes] of rows) insert.run(since, minutes);
  db.prepare('INSERT INTO local_zone (id, zone) VALUES (1, ?)').run(zone);
  db.exec(LOCAL_DAYS_REBUILD);
  db.exec(PIPELINE_LOCAL_DAYS_REBUILD);
}

/**
 * Whether the local-day aggregates can answer for the local days [from, to] of `zone`: keyed by it
 * (keyed now when they were keyed by another zone or none, if the replica can be written at once),
 * the days inside the span the offsets were written for, and no load under way (an initial sync sets
 * the aggregates' triggers aside and rebuilds them at its end: until then they lag the rows that have
 * arrived). False: the caller reads another way.
 */
export function localDaysFor(db: Sqlite, zone: string, from: string, to: string): boolean {
  if (from < FIRST_DAY || to > LAST_DAY) return false;
  if (rebuildPending(db)) return false;
  if (localDaysZone(db) === zone) return true;
  try {
    db.transaction(() => keyLocalDays(db, zone)).immediate();
    return true;
  } catch {
    // Busy (another process writes) or read-only: exact figures still come the slower way.
    return false;
  }
}
