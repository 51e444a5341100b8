// billing.rows: the rows behind one figure of the dashboard, selected with the same SQL pieces the
// figure was computed with (./sql.ts), so their amounts add up to it exactly. `totalCents` and
// `count` are over every matching row; `rows` holds at most `limit` of them (`truncated` says so).
import type { z } from 'zod';
import type { billingRowsInput } from '../../../../shared/features/billing/contract';
import type { BillingRows, EntryRow, ExpenseRow, InvoiceRow } from '../../../../shared/features/billing/types';
import type { Sqlite } from '../../db/open';
import { AMOUNT_CENTS_SQL, ROUNDED_MINUTES_SQL } from '../../hours/rounding';
import { AGING_BUCKET_SQL, BILLED_STATUSES_SQL, DAYS_PAST_DUE_SQL, instantBounds, OUTSTANDING_SQL, wipEntriesSql } from './sql';

export type RowsQuery = z.output<typeof billingRowsInput>;

export const MAX_ROWS = 5000;

type Filter = { sql: string[]; params: Record<string, string> };

function tierFilter(f: Filter, tier: string | undefined, project = 'p'): void {
  if (tier === 'none') f.sql.push(`${project}.id IS NULL`);
  else if (tier) {
    f.sql.push(`${project}.tier = :tier`);
    f.params.tier = tier;
  }
}

export function billingRows(db: Sqlite, q: RowsQuery, timeZone: string, limit = MAX_ROWS): BillingRows {
  const f: Filter = { sql: [], params: {} };
  const where = () => (f.sql.length ? `AND ${f.sql.join(' AND ')}` : '');
  const page = <T>(select: string, order: string, amount: string): { rows: T[]; count: number; totalCents: number; truncated: boolean } => {
    const rows = db.prepare(`SELECT * FROM (${select}) ORDER BY ${order} LIMIT :limit`).all({ ...f.params, limit: limit + 1 }) as T[];
    const sum = db.prepare(`SELECT count(*) AS count, coalesce(sum(${amount}), 0) AS totalCents FROM (${select})`).get(f.params) as {
      count: number;
      totalCents: number;
    };
    return { rows: rows.slice(0, limit), ...sum, truncated: rows.length > limit };
  };

  if (q.figure === 'revenue' || q.figure === 'aging') {
    if (q.figure === 'revenue') {
      const on = q.basis === 'invoiced' ? 'i.issued_on' : 'i.paid_on';
      f.sql.push(`${on} BETWEEN :from AND :to`, q.basis === 'invoiced' ? `i.status IN ${BILLED_STATUSES_SQL}` : `i.status = 'paid'`);
      Object.assign(f.params, { from: q.from, to: q.to });
      if (q.projectId) {
        f.sql.push('i.project_id = :projectId');
        f.params.projectId = q.projectId;
      }
      tierFilter(f, q.tier);
    } else {
      f.sql.push(OUTSTANDING_SQL);
      f.params.asOf = q.asOf;
      if (q.bucket) {
        f.sql.push(`${AGING_BUCKET_SQL} = :bucket`);
        f.params.bucket = q.bucket;
      }
    }
    if (q.clientId) {
      f.sql.push('i.client_id = :clientId');
      f.params.clientId = q.clientId;
    }
    const aging = q.figure === 'aging';
    const got = page<InvoiceRow>(
      `SELECT i.id, i.number, i.client_id AS clientId, c.name AS clientName, i.project_id AS projectId, p.name AS projectName,
         i.status, i.issued_on AS issuedOn, i.due_on AS dueOn, i.paid_on AS paidOn, i.subtotal_cents AS subtotalCents,
         i.tax_cents AS taxCents, i.total_cents AS totalCents, ${aging ? DAYS_PAST_DUE_SQL : 'NULL'} AS daysPastDue,
         ${aging ? 'i.total_cents' : 'i.subtotal_cents'} AS amountCents
       FROM invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN projects p ON p.id = i.project_id
       WHERE 1 ${where()}`,
      aging ? 'daysPastDue DESC, issuedOn, number' : 'issuedOn, number',
      'amountCents',
    );
    return { kind: 'invoices', ...got };
  }

  if (q.figure === 'wip') {
    f.params.until = instantBounds(q.to, q.to, timeZone).until;
    if (q.clientId) {
      f.sql.push('p.client_id = :clientId');
      f.params.clientId = q.clientId;
    }
    if (q.projectId) {
      f.sql.push('e.project_id = :projectId');
      f.params.projectId = q.projectId;
    }
    const got = page<EntryRow & { draft?: number }>(
      `SELECT w.id, w.projectId, p.name AS projectName, p.client_id AS clientId, w.consultantId, k.name AS consultantName,
         w.startedAt, w.minutes, w.roundedMinutes, w.rateCents, w.invoiceId, w.note, w.amountCents
       FROM (${wipEntriesSql(
         db,
         `e.id, e.project_id AS projectId, e.consultant_id AS consultantId, e.started_at AS startedAt, e.minutes,
          ${ROUNDED_MINUTES_SQL} AS roundedMinutes, e.rate_cents AS rateCents, e.invoice_id AS invoiceId, e.note,
          ${AMOUNT_CENTS_SQL} AS amountCents`,
         where(),
       )}) w
       JOIN projects p ON p.id = w.projectId JOIN consultants k ON k.id = w.consultantId`,
      'startedAt, id',
      'amountCents',
    );
    return { kind: 'entries', ...got };
  }

  f.sql.push('x.spent_on BETWEEN :from AND :to');
  Object.assign(f.params, { from: q.from, to: q.to });
  if (q.projectId) {
    f.sql.push('x.project_id = :projectId');
    f.params.projectId = q.projectId;
  }
  tierFilter(f, q.tier);
  const got = page<ExpenseRow>(
    `SELECT x.id, x.project_id AS projectId, p.name AS projectName, x.category, x.spent_on AS spentOn, x.note, x.amount_cents AS amountCents
     FROM expenses x JOIN projects p ON p.id = x.project_id WHERE 1 ${where()}`,
    'spentOn, id',
    'amountCents',
  );
  return { kind: 'expenses', ...got };
}
