// Clients with their figures, all summed by SQL: feedback over the range (NPS, satisfaction, and
// its month-by-month trend), money to date (revenue, margin, receivables), projects, open leads,
// the last day worked; retention for the range's last year; and one client's page.
import { OpsError } from '../../../shared/contract';
import type { ClientDetail, ClientRow, ClientsOverview, ClientStatus, Retention } from '../../../shared/features/clients/types';
import { OPEN_LEAD_STAGES } from '../../../shared/features/leads/types';
import { dayStartUtc, localDay } from '../../../shared/time';
import type { Sqlite } from '../db/open';
import { listFeedback } from '../feedback/queries';
import { npsFigure, NPS_COUNTS_SQL, type NpsCounts } from '../feedback/nps';
import { monthsOf } from '../kpis/periods';
import { listLeads } from '../leads/queries';
import { bucketSql } from '../projects/buckets';

export interface ClientsQuery {
  from: string;
  to: string;
  today: string;
  timeZone: string;
  status?: ClientStatus;
  id?: string;
}

type Row = NpsCounts & {
  id: string;
  name: string;
  industry: string;
  region: string;
  status: ClientStatus;
  revenue: number;
  receivables: number;
  cost60: number;
  uncosted: number;
  expenses: number;
  projects: number;
  active: number;
  open_leads: number;
  last_at: string | null;
};

const OPEN_SQL = `(${OPEN_LEAD_STAGES.map((s) => `'${s}'`).join(', ')})`;

function clientRows(db: Sqlite, q: ClientsQuery): Row[] {
  const where = [q.status ? 'c.status = :status' : null, q.id ? 'c.id = :id' : null].filter(Boolean);
  return db
    .prepare(
      `WITH rev AS MATERIALIZED (
         SELECT client_id, coalesce(sum(CASE WHEN status IN ('sent', 'paid') THEN subtotal_cents END), 0) AS revenue,
           coalesce(sum(CASE WHEN status = 'sent' THEN total_cents END), 0) AS receivables
         FROM invoices GROUP BY client_id
       ),
       -- labour to date from the maintained per-project sums of labour_months (migrations/sqlite/0015),
       -- and each project's last entry (project_spans, the same); the projects read in table order, not by client
       pr AS MATERIALIZED (
         SELECT p.client_id, count(*) AS projects, sum(p.status = 'active') AS active, max(s.last_at) AS last_at,
           sum(k.cost60) AS cost60, sum(k.uncosted) AS uncosted
         FROM projects p NOT INDEXED LEFT JOIN project_spans s ON s.project_id = p.id LEFT JOIN project_costs k ON k.project_id = p.id
         GROUP BY p.client_id
       ),
       ex AS MATERIALIZED (
         SELECT p.client_id, sum(x.amount_cents) AS expenses
         FROM (SELECT project_id, sum(amount_cents) AS amount_cents FROM expenses GROUP BY 1) x
         JOIN projects p ON p.id = x.project_id GROUP BY 1
       ),
       ld AS MATERIALIZED (SELECT client_id, count(*) AS n FROM leads WHERE client_id IS NOT NULL AND stage IN ${OPEN_SQL} GROUP BY 1),
       fb AS MATERIALIZED (
         SELECT client_id, ${NPS_COUNTS_SQL()} FROM client_feedback WHERE responded_on BETWEEN :from AND :to GROUP BY client_id
       )
       SELECT c.id, c.name, c.industry, c.region, c.status,
         coalesce(rev.revenue, 0) AS revenue, coalesce(rev.receivables, 0) AS receivables,
         coalesce(pr.cost60, 0) AS cost60, coalesce(pr.uncosted, 0) AS uncosted, coalesce(ex.expenses, 0) AS expenses,
         coalesce(pr.projects, 0) AS projects, coalesce(pr.active, 0) AS active, pr.last_at, coalesce(ld.n, 0) AS open_leads,
         coalesce(fb.responses, 0) AS responses, coalesce(fb.promoters, 0) AS promoters, coalesce(fb.passives, 0) AS passives,
         coalesce(fb.detractors, 0) AS detractors
       FROM clients c
       LEFT JOIN rev ON rev.client_id = c.id LEFT JOIN ex ON ex.client_id = c.id
       LEFT JOIN pr ON pr.client_id = c.id LEFT JOIN ld ON ld.client_id = c.id LEFT JOIN fb ON fb.client_id = c.id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.name, c.id`,
    )
    .all({ from: q.from, to: q.to, ...(q.status ? { status: q.status } : {}), ...(q.id ? { id: q.id } : {}) }) as Row[];
}

/** Feedback per client and month of the range: client id → the months, each filled (null NPS where none). */
function trends(db: Sqlite, q: ClientsQuery): Map<string, ClientRow['npsTrend']> {
  const months = monthsOf(q.from, q.to, q.timeZone);
  const rows = db
    .prepare(
      `WITH m AS MATERIALIZED (
         SELECT json_extract(value, '$.period') AS month, json_extract(value, '$.from') AS d_from, json_extract(value, '$.to') AS d_to
         FROM json_each(:months)
       )
       SELECT f.client_id AS clientId, m.month, ${NPS_COUNTS_SQL('f.score')}
       FROM m JOIN client_feedback f ON f.responded_on BETWEEN m.d_from AND m.d_to ${q.id ? 'AND f.client_id = :id' : ''}
       GROUP BY f.client_id, m.month`,
    )
    .all({ months: JSON.stringify(months), ...(q.id ? { id: q.id } : {}) }) as Array<NpsCounts & { clientId: string; month: string }>;
  const found = new Map<string, Map<string, NpsCounts>>();
  for (const { clientId, month, ...counts } of rows) {
    if (!found.has(clientId)) found.set(clientId, new Map());
    found.get(clientId)!.set(month, counts);
  }
  const out = new Map<string, ClientRow['npsTrend']>();
  for (const [clientId, byMonth] of found) {
    out.set(
      clientId,
      months.map(({ period }) => {
        const f = npsFigure(byMonth.get(period) ?? { responses: 0, promoters: 0, passives: 0, detractors: 0 });
        return { month: period, nps: f.nps, satisfaction: f.satisfaction, responses: f.responses };
      }),
    );
  }
  return out;
}

function emptyTrend(q: ClientsQuery): ClientRow['npsTrend'] {
  return monthsOf(q.from, q.to, q.timeZone).map(({ period }) => ({ month: period, nps: null, satisfaction: null, responses: 0 }));
}

function toClientRow(r: Row, trend: ClientRow['npsTrend'], timeZone: string): ClientRow {
  const margin = r.uncosted > 0 ? null : r.revenue - Math.floor((r.cost60 + 30) / 60) - r.expenses;
  return {
    id: r.id,
    name: r.name,
    industry: r.industry,
    region: r.region,
    status: r.status,
    feedback: npsFigure(r),
    npsTrend: trend,
    revenueCents: r.revenue,
    marginCents: margin,
    marginRate: margin !== null && r.revenue > 0 ? margin / r.revenue : null,
    activeProjects: r.active,
    projectCount: r.projects,
    receivablesCents: r.receivables,
    openLeads: r.open_leads,
    lastWorkedOn: r.last_at ? localDay(r.last_at, timeZone) : null,
  };
}

/**
 * Clients active in the year of `to` (hours logged on one of their projects on a local day of that
 * year, in the zone) that were active the year before.
 */
export function retention(db: Sqlite, year: number, timeZone: string): Retention {
  const start = (y: number) => dayStartUtc(`${String(y).padStart(4, '0')}-01-01`, timeZone);
  // A project worked in [a, b): its first or last entry is in it, or it spans it and has an entry
  // in it (the one case looked up in the entries): project_spans (migrations/sqlite/0015).
  const worked = (a: string, b: string) => `(CASE WHEN s.first_at >= ${b} OR s.last_at < ${a} THEN 0
      WHEN s.first_at >= ${a} OR s.last_at < ${b} THEN 1
      ELSE EXISTS (SELECT 1 FROM time_entries e WHERE e.project_id = p.id AND e.started_at >= ${a} AND e.started_at < ${b}) END)`;
  const rows = db
    .prepare(
      `WITH w AS MATERIALIZED (
         SELECT p.client_id, max(${worked(':lastStart', ':thisStart')}) AS last, max(${worked(':thisStart', ':nextStart')}) AS this
         FROM projects p NOT INDEXED JOIN project_spans s ON s.project_id = p.id GROUP BY p.client_id
       )
       SELECT c.id, c.name, coalesce(w.last, 0) AS last, coalesce(w.this, 0) AS this
       FROM clients c LEFT JOIN w ON w.client_id = c.id ORDER BY c.name, c.id`,
    )
    .all({ lastStart: start(year - 1), thisStart: start(year), nextStart: start(year + 1) }) as Array<{
    id: string;
    name: string;
    last: number;
    this: number;
  }>;
  const last = rows.filter((r) => r.last === 1);
  const retained = last.filter((r) => r.this === 1).length;
  return {
    year,
    activeLastYear: last.length,
    activeThisYear: rows.filter((r) => r.this === 1).length,
    retained,
    rate: last.length > 0 ? retained / last.length : null,
    lapsed: last.filter((r) => r.this === 0).map(({ id, name }) => ({ id, name })),
    gained: rows.filter((r) => r.this === 1 && r.last === 0).map(({ id, name }) => ({ id, name })),
  };
}

export function clientsOverview(db: Sqlite, q: ClientsQuery): ClientsOverview {
  const rows = clientRows(db, q);
  const byClient = trends(db, q);
  const clients = rows.map((r) => toClientRow(r, byClient.get(r.id) ?? emptyTrend(q), q.timeZone));
  const all = db
    .prepare(`SELECT ${NPS_COUNTS_SQL()} FROM client_feedback WHERE responded_on BETWEEN ? AND ?`)
    .get(q.from, q.to) as NpsCounts;
  const uncosted = rows.filter((r) => r.uncosted > 0).length;
  return {
    from: q.from,
    to: q.to,
    today: q.today,
    timeZone: q.timeZone,
    clients,
    retention: retention(db, Number(q.to.slice(0, 4)), q.timeZone),
    totals: {
      revenueCents: clients.reduce((s, c) => s + c.revenueCents, 0),
      receivablesCents: clients.reduce((s, c) => s + c.receivablesCents, 0),
      activeProjects: clients.reduce((s, c) => s + c.activeProjects, 0),
      feedback: npsFigure(all),
    },
    missing:
      uncosted > 0
        ? `The margin of ${uncosted} client(s) is not shown: a consultant who worked for them has no cost rate on this replica. An admin's replica has them.`
        : null,
  };
}

export function clientDetail(db: Sqlite, q: ClientsQuery & { id: string }): ClientDetail {
  const row = clientRows(db, q)[0];
  if (!row) throw new OpsError('not_found', 'No such client in this workspace: pick one from the list.', 'id');
  const client = toClientRow(row, trends(db, q).get(q.id) ?? emptyTrend(q), q.timeZone);
  const projects = db
    .prepare(
      `SELECT p.id, p.name, p.tier, p.status, p.budget_cents AS budgetCents, p.start_on AS startOn, p.due_on AS dueOn,
         coalesce((SELECT sum(e.minutes) FROM time_entries e WHERE e.project_id = p.id), 0) AS minutes,
         coalesce((SELECT sum(e.minutes) FROM time_entries e WHERE e.project_id = p.id AND e.billable = 1), 0) AS billableMinutes,
         coalesce((SELECT sum(i.subtotal_cents) FROM invoices i WHERE i.project_id = p.id AND i.status IN ('sent', 'paid')), 0) AS revenueCents
       FROM projects p WHERE p.client_id = ? ORDER BY p.start_on DESC, p.name`,
    )
    .all(q.id) as ClientDetail['projects'];
  const invoices = db
    .prepare(
      `SELECT id, number, project_id AS projectId, status, issued_on AS issuedOn, due_on AS dueOn, paid_on AS paidOn,
         subtotal_cents AS subtotalCents, total_cents AS totalCents
       FROM invoices WHERE client_id = ? ORDER BY issued_on DESC, number DESC`,
    )
    .all(q.id) as ClientDetail['invoices'];
  const months = monthsOf(q.from, q.to, q.timeZone);
  const bucket = bucketSql(
    'e.started_at',
    [...months.map((m) => m.start), months.at(-1)!.until],
    months.map((m) => m.period),
  );
  const hourRows = db
    .prepare(
      `SELECT ${bucket} AS month, sum(e.minutes) AS minutes, sum(CASE WHEN e.billable = 1 THEN e.minutes ELSE 0 END) AS billableMinutes
       FROM projects p JOIN time_entries e ON e.project_id = p.id
       WHERE p.client_id = ? AND e.started_at >= ? AND e.started_at < ? GROUP BY 1`,
    )
    .all(q.id, months[0]!.start, months.at(-1)!.until) as Array<{ month: string; minutes: number; billableMinutes: number }>;
  const byMonth = new Map(hourRows.map((r) => [r.month, r]));
  const hourMonths = months.map(({ period }) => ({
    month: period,
    minutes: byMonth.get(period)?.minutes ?? 0,
    billableMinutes: byMonth.get(period)?.billableMinutes ?? 0,
  }));
  return {
    ...client,
    projects,
    invoices,
    hours: {
      minutes: hourMonths.reduce((s, m) => s + m.minutes, 0),
      billableMinutes: hourMonths.reduce((s, m) => s + m.billableMinutes, 0),
      months: hourMonths,
    },
    feedbackRows: listFeedback(db, { clientId: q.id, limit: 10_000 }),
    leads: listLeads(db, { clientId: q.id, limit: 10_000 }),
  };
}
