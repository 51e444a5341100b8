// Read side of invoicing: SQL does the rounding, the money and the grouping (per project and
// rate); callers get rows ready to show. GST is taken once, on the subtotal.
import { OpsError } from '../../../shared/contract';
import { gstCents } from '../../../shared/money';
import type { InvoiceStatus, RoundingMode } from '../../../shared/domain';
import type {
  FixedPriceProject,
  InvoiceDetail,
  InvoiceEntry,
  InvoiceLine,
  InvoiceSummary,
  InvoiceTotals,
} from '../../../shared/features/invoices/types';
import { addDays, dayStartUtc, localDay } from '../../../shared/time';
import { cachedStatement } from '../db/query';
import type { Sqlite } from '../db/open';
import { AMOUNT_CENTS_SQL, ROUNDED_MINUTES_SQL } from '../hours/rounding';

/** Which entries: the unbilled billable hours of a client (or one of its projects) in a period of local days. */
export interface BillableScope {
  clientId: string;
  projectId?: string;
  from: string;
  to: string;
  timeZone: string;
}

function scopeWhere(scope: BillableScope): { sql: string; params: unknown[] } {
  const params: unknown[] = [scope.clientId, dayStartUtc(scope.from, scope.timeZone), dayStartUtc(addDays(scope.to, 1), scope.timeZone)];
  // A fixed-price project's hours are its cost, never billed by the hour (it bills milestones).
  let sql = `p.client_id = ? AND e.started_at >= ? AND e.started_at < ? AND e.billable = 1 AND e.invoice_id IS NULL AND p.pricing = 'hourly'`;
  if (scope.projectId) {
    sql += ' AND e.project_id = ?';
    params.push(scope.projectId);
  }
  return { sql, params };
}

const LINE_COLUMNS = `e.project_id AS projectId, p.name AS projectName, e.rate_cents AS rateCents,
  p.rounding_mode AS roundingMode, p.rounding_step AS roundingStep, count(*) AS entryCount,
  sum(e.minutes) AS minutes, sum(${ROUNDED_MINUTES_SQL}) AS roundedMinutes, sum(${AMOUNT_CENTS_SQL}) AS amountCents`;
const LINE_GROUPING = 'GROUP BY e.project_id, e.rate_cents ORDER BY p.name, e.project_id, e.rate_cents DESC';

type LineRow = Omit<InvoiceLine, 'hours' | 'roundingMode'> & { roundingMode: string };

function toLine(row: LineRow): InvoiceLine {
  return { ...row, roundingMode: row.roundingMode as RoundingMode, hours: Math.round((row.roundedMinutes / 60) * 100) / 100 };
}

/** The lines of the unbilled billable hours in scope. */
export function billableLines(db: Sqlite, scope: BillableScope): InvoiceLine[] {
  const where = scopeWhere(scope);
  const rows = cachedStatement(
    db,
    `SELECT ${LINE_COLUMNS} FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE ${where.sql} ${LINE_GROUPING}`,
  ).all(...where.params) as LineRow[];
  return rows.map(toLine);
}

/** The ids of the unbilled billable hours in scope. */
export function billableEntryIds(db: Sqlite, scope: BillableScope): string[] {
  const where = scopeWhere(scope);
  return cachedStatement(
    db,
    `SELECT e.id FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE ${where.sql} ORDER BY e.started_at`,
  )
    .pluck()
    .all(...where.params) as string[];
}

/** Subtotals of a project's invoices that are not void (its milestones, for a fixed-price project). */
const INVOICED_SQL = `(SELECT coalesce(sum(i.subtotal_cents), 0) FROM invoices i WHERE i.project_id = p.id AND i.status <> 'void')`;

/** The client's fixed-price projects (or the one in scope, if fixed), with what is invoiced of their price. */
export function fixedPriceProjects(db: Sqlite, scope: BillableScope): FixedPriceProject[] {
  const params: unknown[] = [dayStartUtc(scope.from, scope.timeZone), dayStartUtc(addDays(scope.to, 1), scope.timeZone), scope.clientId];
  let sql = `SELECT p.id AS projectId, p.name AS projectName, nullif(p.budget_cents, 0) AS priceCents, ${INVOICED_SQL} AS invoicedCents,
      (SELECT coalesce(sum(e.minutes), 0) FROM time_entries e
        WHERE e.project_id = p.id AND e.billable = 1 AND e.started_at >= ? AND e.started_at < ?) AS minutesInPeriod
    FROM projects p WHERE p.client_id = ? AND p.pricing = 'fixed'`;
  if (scope.projectId) {
    sql += ' AND p.id = ?';
    params.push(scope.projectId);
  } else {
    // The client's open fixed-price work, and any with hours in the period.
    sql += ` AND (p.status IN ('proposed', 'active', 'on_hold') OR EXISTS (SELECT 1 FROM time_entries e
      WHERE e.project_id = p.id AND e.started_at >= ? AND e.started_at < ?))`;
    params.push(params[0], params[1]);
  }
  const rows = cachedStatement(db, `${sql} ORDER BY p.name, p.id`).all(...params) as Omit<FixedPriceProject, 'remainingCents'>[];
  return rows.map((r) => ({ ...r, remainingCents: r.priceCents === null ? null : r.priceCents - r.invoicedCents }));
}

export function fixedPriceProject(db: Sqlite, projectId: string): (FixedPriceProject & { clientId: string; pricing: string }) | undefined {
  const row = cachedStatement(
    db,
    `SELECT p.id AS projectId, p.name AS projectName, p.client_id AS clientId, p.pricing, nullif(p.budget_cents, 0) AS priceCents,
       ${INVOICED_SQL} AS invoicedCents FROM projects p WHERE p.id = ?`,
  ).get(projectId) as (Omit<FixedPriceProject, 'remainingCents' | 'minutesInPeriod'> & { clientId: string; pricing: string }) | undefined;
  return row && { ...row, minutesInPeriod: 0, remainingCents: row.priceCents === null ? null : row.priceCents - row.invoicedCents };
}

/** The lines of the hours attached to an invoice now. */
export function invoiceLines(db: Sqlite, invoiceId: string): InvoiceLine[] {
  const rows = cachedStatement(
    db,
    `SELECT ${LINE_COLUMNS} FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE e.invoice_id = ? ${LINE_GROUPING}`,
  ).all(invoiceId) as LineRow[];
  return rows.map(toLine);
}

/** Subtotal (the lines' amounts), GST on the subtotal half-up to the cent, and total. */
export function totalsOf(lines: readonly InvoiceLine[]): InvoiceTotals {
  const subtotalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const taxCents = gstCents(subtotalCents);
  return { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

export function clientName(db: Sqlite, clientId: string): string {
  const name = cachedStatement(db, 'SELECT name FROM clients WHERE id = ?').pluck().get(clientId) as string | undefined;
  if (name === undefined) {
    throw new OpsError('not_found', 'That client does not exist in this workspace. Pick a client from the list.', 'clientId');
  }
  return name;
}

/** The project, checked to be the client's. */
export function clientProject(db: Sqlite, clientId: string, projectId: string): { id: string; name: string } {
  const project = cachedStatement(db, 'SELECT id, name, client_id AS clientId FROM projects WHERE id = ?').get(projectId) as
    { id: string; name: string; clientId: string } | undefined;
  if (!project)
    throw new OpsError('not_found', 'That project does not exist in this workspace. Pick a project from the list.', 'projectId');
  if (project.clientId !== clientId) {
    throw new OpsError(
      'invalid_input',
      `“${project.name}” is another client's project. Pick one of this client's projects, or leave the project out to invoice all of them.`,
      'projectId',
    );
  }
  return { id: project.id, name: project.name };
}

const SUMMARY_SQL = `SELECT i.id, i.number, i.client_id AS clientId, c.name AS clientName, i.project_id AS projectId,
  p.name AS projectName, i.status, i.issued_on AS issuedOn, i.due_on AS dueOn, i.paid_on AS paidOn,
  i.subtotal_cents AS subtotalCents, i.tax_cents AS taxCents, i.total_cents AS totalCents,
  (SELECT count(*) FROM time_entries e WHERE e.invoice_id = i.id) AS entryCount
FROM invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN projects p ON p.id = i.project_id`;

type SummaryRow = Omit<InvoiceSummary, 'daysOverdue' | 'status'> & { status: string };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function toSummary(row: SummaryRow, today: string): InvoiceSummary {
  const status = row.status as InvoiceStatus;
  return { ...row, status, daysOverdue: status === 'sent' ? Math.max(0, daysBetween(row.dueOn, today)) : null };
}

export interface InvoiceFilter {
  status?: InvoiceStatus | InvoiceStatus[];
  clientId?: string;
  projectId?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  limit?: number;
}

export const DEFAULT_LIST_LIMIT = 200;

/** Invoices, newest issued first (then by number), with days overdue as of `today`. */
export function listInvoices(db: Sqlite, filter: InvoiceFilter, today: string): InvoiceSummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const statuses = filter.status === undefined ? [] : Array.isArray(filter.status) ? filter.status : [filter.status];
  if (statuses.length > 0) {
    where.push(`i.status IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  for (const [column, value] of [
    ['i.client_id = ?', filter.clientId],
    ['i.project_id = ?', filter.projectId],
    ['i.issued_on >= ?', filter.from],
    ['i.issued_on <= ?', filter.to],
  ] as const) {
    if (value !== undefined) {
      where.push(column);
      params.push(value);
    }
  }
  if (filter.overdue) {
    where.push(`i.status = 'sent' AND i.due_on < ?`);
    params.push(today);
  }
  const sql = `${SUMMARY_SQL} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.issued_on DESC, i.number DESC LIMIT ?`;
  const rows = cachedStatement(db, sql).all(...params, filter.limit ?? DEFAULT_LIST_LIMIT) as SummaryRow[];
  return rows.map((row) => toSummary(row, today));
}

export function findInvoice(db: Sqlite, id: string, today: string): InvoiceSummary | undefined {
  const row = cachedStatement(db, `${SUMMARY_SQL} WHERE i.id = ?`).get(id) as SummaryRow | undefined;
  return row && toSummary(row, today);
}

export function getInvoice(db: Sqlite, id: string, today: string, timeZone: string): InvoiceDetail {
  const summary = findInvoice(db, id, today);
  if (!summary) throw new OpsError('not_found', 'That invoice does not exist in this workspace. Pick one from the invoices list.', 'id');
  const entries = (
    cachedStatement(
      db,
      `SELECT e.id, e.project_id AS projectId, p.name AS projectName, e.consultant_id AS consultantId, k.name AS consultantName,
         e.started_at AS startedAt, e.minutes, ${ROUNDED_MINUTES_SQL} AS roundedMinutes, e.rate_cents AS rateCents,
         ${AMOUNT_CENTS_SQL} AS amountCents, e.note
       FROM time_entries e JOIN projects p ON p.id = e.project_id JOIN consultants k ON k.id = e.consultant_id
       WHERE e.invoice_id = ? ORDER BY e.started_at, e.id`,
    ).all(id) as Array<Omit<InvoiceEntry, 'day'>>
  ).map((entry) => ({ ...entry, day: localDay(entry.startedAt, timeZone) }));
  const fixed =
    summary.projectId === null
      ? undefined
      : (cachedStatement(
          db,
          `SELECT id AS projectId, name AS projectName, nullif(budget_cents, 0) AS priceCents FROM projects WHERE id = ? AND pricing = 'fixed'`,
        ).get(summary.projectId) as InvoiceDetail['milestone'] | undefined);
  const clientRegion = cachedStatement(db, 'SELECT region FROM clients WHERE id = ?').pluck().get(summary.clientId) as string;
  return {
    ...summary,
    clientRegion,
    lines: invoiceLines(db, id),
    entries,
    firstDay: entries[0]?.day ?? null,
    lastDay: entries.at(-1)?.day ?? null,
    timeZone,
    // A fixed-price project's invoice bills an amount of its price; hours are never attached to it.
    milestone: fixed && entries.length === 0 ? fixed : null,
  };
}
