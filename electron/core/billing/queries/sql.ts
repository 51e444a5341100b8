// SQL pieces every billing figure and its drill-down share, so a figure and the rows behind it
// can never be computed two ways. Dates (`issued_on`, `due_on`, `paid_on`, `spent_on`) are local
// days already; instants (`started_at`) are compared with the UTC bounds of the zone's local days.
import { addDays, dayStartUtc } from '../../../../shared/time';
import type { Sqlite } from '../../db/open';

/** Revenue counts sent and paid invoices; drafts are not billed yet and void ones never were. */
export const BILLED_STATUSES_SQL = `('sent', 'paid')`;

/**
 * Owed at the aging day `:asOf`: issued by then and not paid by then. A sent invoice, or a paid one
 * paid after that day (it was still owed then); void invoices never (when they were voided is not
 * recorded, so aging a past day leaves them out too).
 */
export const OUTSTANDING_SQL = `(i.issued_on <= :asOf AND (i.status = 'sent' OR (i.status = 'paid' AND i.paid_on > :asOf)))`;

/**
 * The invoices of OUTSTANDING_SQL as `SELECT <columns>` over `invoices i`, one branch per case: each
 * reads its own partial index (migrations/sqlite/0017), where the OR of the two read every invoice.
 */
export const outstandingInvoicesSql = (columns: string) =>
  `SELECT ${columns} FROM invoices i WHERE i.status = 'sent' AND i.issued_on <= :asOf
   UNION ALL
   SELECT ${columns} FROM invoices i WHERE i.status = 'paid' AND i.paid_on > :asOf AND i.issued_on <= :asOf`;

/** Whole days from the invoice's due day to the aging day (negative: not due yet). */
export const DAYS_PAST_DUE_SQL = `CAST(julianday(:asOf) - julianday(i.due_on) AS INTEGER)`;

/** The aging bucket of an outstanding invoice: current (≤ 0), 1–30, 31–60, 61–90, over 90 days past due. */
export const AGING_BUCKET_SQL = `(CASE WHEN ${DAYS_PAST_DUE_SQL} <= 0 THEN 'current'
  WHEN ${DAYS_PAST_DUE_SQL} <= 30 THEN 'days1to30'
  WHEN ${DAYS_PAST_DUE_SQL} <= 60 THEN 'days31to60'
  WHEN ${DAYS_PAST_DUE_SQL} <= 90 THEN 'days61to90'
  ELSE 'over90' END)`;

/**
 * Work in progress, in two index-friendly halves: billable entries of hourly projects started
 * before `:until` that are on no invoice, and those on a draft or void invoice (a draft is not billed
 * until it is sent; voiding unbills). Select list: the entry `e`, its project `p`, and `draft`
 * (1 when on a draft invoice). `db` tells whether the partial index of unbilled entries is there
 * (an initial sync sets indexes aside until its last rows).
 */
export function wipEntriesSql(db: Sqlite, select: string, where = '', groupBy = ''): string {
  // Hourly projects first, then each one's unbilled entries by the partial index (a fixed-price
  // package's entries are never invoiced one by one, so they fill that index too), named: the
  // planner would otherwise take the wider (project, started_at, …) index and read every billed
  // entry too. Then the few draft or void invoices, and their entries.
  // Grouped (`groupBy`, e.g. per project; the draft half by it and `draft` too): the projects are walked in id order so each one's entries
  // are summed as they come, with no sort of tens of thousands of rows.
  const unbilled = hasIndex(db, 'time_entries_unbilled') ? 'INDEXED BY time_entries_unbilled' : '';
  const projects = groupBy ? 'INDEXED BY sqlite_autoindex_projects_1' : '';
  const group = groupBy ? `GROUP BY ${groupBy}` : '';
  const groupDrafts = groupBy ? `GROUP BY ${groupBy}, draft` : '';
  return `SELECT ${select}, 0 AS draft FROM projects p ${projects} CROSS JOIN time_entries e ${unbilled} ON e.project_id = p.id
      WHERE p.pricing = 'hourly' AND e.billable = 1 AND e.invoice_id IS NULL AND e.started_at < :until ${where} ${group}
    UNION ALL
    SELECT ${select}, (i.status = 'draft') AS draft FROM invoices i CROSS JOIN time_entries e ON e.invoice_id = i.id
      JOIN projects p ON p.id = e.project_id
      WHERE i.status IN ('draft', 'void') AND e.billable = 1 AND +e.started_at < :until AND p.pricing = 'hourly' ${where} ${groupDrafts}`;
}

export function hasIndex(db: Sqlite, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(name) !== undefined;
}

/** The UTC instants that bound a range of the zone's local days: [at, until). */
export function instantBounds(from: string, to: string, timeZone: string): { at: string; until: string } {
  return { at: dayStartUtc(from, timeZone), until: dayStartUtc(addDays(to, 1), timeZone) };
}

/** Days from `from` to `to`, both included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
