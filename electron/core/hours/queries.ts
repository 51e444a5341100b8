// Read side of hours tracking. SQL does the rounding, the money and the aggregation; callers get
// rows ready to show.
import { sql } from 'kysely';
import { LOCKING_INVOICE_STATUSES, type RoundingMode, type TimeEntry, type WeekGrid } from '../../../shared/domain';
import { addDays, dayStartUtc } from '../../../shared/time';
import { localDaySql, localDays } from '../db/local-days';
import { all, first, qb } from '../db/query';
import type { Sqlite } from '../db/open';
import { AMOUNT_CENTS_SQL, ROUNDED_MINUTES_SQL } from './rounding';

const roundedMinutes = sql<number>`${sql.raw(ROUNDED_MINUTES_SQL)}`;
const amountCents = sql<number>`${sql.raw(AMOUNT_CENTS_SQL)}`;

const lockingStatuses = sql.join(LOCKING_INVOICE_STATUSES.map((s) => sql.lit(s)));

function entriesQuery() {
  return qb
    .selectFrom('time_entries as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .innerJoin('clients as c', 'c.id', 'p.client_id')
    .leftJoin('invoices as i', 'i.id', 'e.invoice_id')
    .select([
      'e.id',
      'e.project_id as projectId',
      'p.name as projectName',
      'c.name as clientName',
      'e.consultant_id as consultantId',
      'e.started_at as startedAt',
      'e.minutes',
      roundedMinutes.as('roundedMinutes'),
      'p.rounding_mode as roundingMode',
      'p.rounding_step as roundingStep',
      'e.billable',
      'e.note',
      'e.rate_cents as rateCents',
      sql<number>`CASE WHEN e.billable = 1 THEN ${amountCents} ELSE 0 END`.as('amountCents'),
      'e.invoice_id as invoiceId',
      'i.number as invoiceNumber',
      sql<number>`coalesce(i.status IN (${lockingStatuses}), 0)`.as('locked'),
    ]);
}

type EntryRow = Omit<TimeEntry, 'billable' | 'locked' | 'roundingMode'> & { billable: number; locked: number; roundingMode: string };

function toEntry(row: EntryRow): TimeEntry {
  return { ...row, roundingMode: row.roundingMode as RoundingMode, billable: row.billable === 1, locked: row.locked === 1 };
}

export function getEntry(db: Sqlite, id: string): TimeEntry | undefined {
  const row = first(db, entriesQuery().where('e.id', '=', id));
  return row && toEntry(row);
}

export interface EntryFilter {
  consultantId: string;
  from: string; // first local day, inclusive
  to: string; // last local day, inclusive
  timeZone: string; // IANA zone whose local days these are
  projectId?: string;
  billable?: boolean;
}

/** Entries that start within the local days [from, to], newest first. */
export function listEntries(db: Sqlite, filter: EntryFilter): TimeEntry[] {
  let query = entriesQuery()
    .where('e.consultant_id', '=', filter.consultantId)
    .where('e.started_at', '>=', dayStartUtc(filter.from, filter.timeZone))
    .where('e.started_at', '<', dayStartUtc(addDays(filter.to, 1), filter.timeZone));
  if (filter.projectId) query = query.where('e.project_id', '=', filter.projectId);
  if (filter.billable !== undefined) query = query.where('e.billable', '=', filter.billable ? 1 : 0);
  return all(db, query.orderBy('e.started_at', 'desc')).map(toEntry);
}

/**
 * Days × projects for one consultant-week of local days of `timeZone`: raw and rounded minutes, with
 * totals. Each day's bounds are its own, so a week across a daylight-saving change loses nothing.
 */
export function weekGrid(db: Sqlite, consultantId: string, weekStart: string, timeZone: string): WeekGrid {
  const week = localDays(weekStart, 7, timeZone);
  const days = week.days;
  const cells = all(
    db,
    qb
      .selectFrom('time_entries as e')
      .innerJoin('projects as p', 'p.id', 'e.project_id')
      .innerJoin('clients as c', 'c.id', 'p.client_id')
      .select([
        'e.project_id as projectId',
        'p.name as projectName',
        'c.name as clientName',
        localDaySql('e.started_at', week).as('day'),
        sql<number>`sum(e.minutes)`.as('minutes'),
        sql<number>`sum(${roundedMinutes})`.as('roundedMinutes'),
        sql<number>`sum(CASE WHEN e.billable = 1 THEN e.minutes ELSE 0 END)`.as('billableMinutes'),
      ])
      .where('e.consultant_id', '=', consultantId)
      .where('e.started_at', '>=', week.from)
      .where('e.started_at', '<', week.until)
      .groupBy(['e.project_id', 'day'])
      .orderBy('p.name'),
  );
  const capacity = first(db, qb.selectFrom('consultants').select('weekly_capacity_hours').where('id', '=', consultantId));

  const rows = new Map<string, WeekGrid['rows'][number]>();
  const grid: WeekGrid = {
    weekStart,
    days,
    rows: [],
    dayTotals: days.map(() => 0),
    dayRoundedTotals: days.map(() => 0),
    totalMinutes: 0,
    totalRoundedMinutes: 0,
    billableMinutes: 0,
    capacityMinutes: (capacity?.weekly_capacity_hours ?? 0) * 60,
  };
  // At most 7 cells per project: this folds the already-aggregated cells into rows.
  for (const cell of cells) {
    const index = cell.day === null ? -1 : days.indexOf(cell.day);
    if (index < 0) continue; // cannot happen: the WHERE keeps the week's instants only
    let row = rows.get(cell.projectId);
    if (!row) {
      row = {
        projectId: cell.projectId,
        projectName: cell.projectName,
        clientName: cell.clientName,
        minutes: days.map(() => 0),
        roundedMinutes: days.map(() => 0),
        totalMinutes: 0,
        totalRoundedMinutes: 0,
      };
      rows.set(cell.projectId, row);
      grid.rows.push(row);
    }
    row.minutes[index] = cell.minutes;
    row.roundedMinutes[index] = cell.roundedMinutes;
    row.totalMinutes += cell.minutes;
    row.totalRoundedMinutes += cell.roundedMinutes;
    grid.dayTotals[index]! += cell.minutes;
    grid.dayRoundedTotals[index]! += cell.roundedMinutes;
    grid.totalMinutes += cell.minutes;
    grid.totalRoundedMinutes += cell.roundedMinutes;
    grid.billableMinutes += cell.billableMinutes;
  }
  return grid;
}
