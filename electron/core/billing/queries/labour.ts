// Minutes per project and consultant in [at, until) (UTC instants bounding local days), read from
// the maintained aggregate `labour_project_months` (migrations/sqlite/0013, derived from
// `labour_months` of 0008_billing.sql) for the UTC months
// wholly inside the range and from the entries themselves for the partial months at its ends. Exact
// for any zone: a month boundary in UTC is just a cut, and each side is counted once.

import type { Sqlite } from '../../db/open';
import { hasIndex } from './sql';

/** `YYYY-MM` → its first instant, as stored instants are written. */
const monthStart = (month: string) => `${month}-01T00:00:00.000Z`;

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

export interface LabourParams {
  /** First and past-the-last whole UTC month read from the aggregate (`YYYY-MM`; equal: none). */
  fullFrom: string;
  fullTo: string;
  /** Entries read one by one: [at, edgeFrom) and [edgeTo, until). */
  at: string;
  edgeFrom: string;
  edgeTo: string;
  until: string;
}

/** How to split [at, until) between the aggregate and the entries. `at` null: from the beginning. */
export function labourParams(at: string | null, until: string): LabourParams {
  const start = at ?? '0000-01-01T00:00:00.000Z';
  const first = monthStart(start.slice(0, 7)) === start ? start.slice(0, 7) : nextMonth(start.slice(0, 7));
  const last = until.slice(0, 7); // the month `until` falls in: read from the entries up to `until`
  // Inside one month: its entries. Otherwise the whole months between the ends (maybe none).
  if (first > last) return { fullFrom: '', fullTo: '', at: start, edgeFrom: until, edgeTo: until, until };
  return { fullFrom: first, fullTo: last, at: start, edgeFrom: monthStart(first), edgeTo: monthStart(last), until };
}

/** How the partial month at each end of a range is read: its entries in the range, or (`complement`) the month's aggregate less its entries outside the range. */
export type LabourEnds = 'entries' | 'complement' | 'fewest';

/**
 * The parameters `labourPartsSql` reads (:fullFrom, :fullTo, :r1From, :r1To, :r1Sign, :r2From,
 * :r2To, :r2Sign, and :at, :until for the consultants missing a rate). Each end's partial month is
 * read from its entries inside the range, or as the month's aggregate less its entries outside it:
 * `fewest` (the default) counts both sides in the index and reads the smaller. A range ending today
 * has the rest of the month still to come: the second way reads nothing (a year at scale 10: 10,000
 * entries and 9 ms less).
 */
export function labourPlan(db: Sqlite, at: string | null, until: string, ends: LabourEnds = 'fewest'): Record<string, string | number> {
  const p = labourParams(at, until);
  const plan = {
    fullFrom: p.fullFrom,
    fullTo: p.fullTo,
    r1From: p.at,
    r1To: p.edgeFrom,
    r1Sign: 1,
    r2From: p.edgeTo,
    r2To: p.until,
    r2Sign: 1,
    at: p.at,
    until: p.until,
  };
  if (!p.fullFrom || ends === 'entries') return plan; // within one month: its entries
  // While an initial sync has the time index set aside, counting would read the table: the entries.
  if (ends === 'fewest' && !hasIndex(db, 'time_entries_started_labour')) return plan;
  const count = countEntries(db);
  const firstMonth = p.at.slice(0, 7);
  if (p.at !== p.edgeFrom && (ends === 'complement' || count(monthStart(firstMonth), p.at) < count(p.at, p.edgeFrom)))
    Object.assign(plan, { fullFrom: firstMonth, r1From: monthStart(firstMonth), r1To: p.at, r1Sign: -1 });
  const lastMonth = p.until.slice(0, 7);
  const monthEnd = monthStart(nextMonth(lastMonth));
  if (p.edgeTo !== p.until && (ends === 'complement' || count(p.until, monthEnd) < count(p.edgeTo, p.until)))
    Object.assign(plan, { fullTo: nextMonth(lastMonth), r2From: p.until, r2To: monthEnd, r2Sign: -1 });
  return plan;
}

/** Entries started in [from, until), counted in the index by time (no row read). */
function countEntries(db: Sqlite): (from: string, until: string) => number {
  const statement = db.prepare('SELECT count(*) FROM time_entries WHERE started_at >= ? AND started_at < ?').pluck();
  return (from, until) => statement.get(from, until) as number;
}

/**
 * Labour rows over the params of `labourPlan`, several per project (the aggregate's months, and
 * each end's entries added or, for a month read whole, taken away), as the columns
 * `(project_id, client_id, minutes, cost60, uncosted, revenue, expenses, other)`: client, revenue,
 * expenses and other are NULL, 0, 0 and 0, so the margin can add invoice and expense rows (other 1)
 * to the same union. A project's labour is its rows summed; one whose minutes sum to 0 had no
 * entry in the range. `cost60`: Σ minutes × the consultant's cost rate (NULL: none of the rows'
 * consultants has one); `uncosted`: whether a consultant of the rows (or, for a month read whole,
 * of the month) has no cost rate, to be asked precisely (`missingRatesSql`). `projects`: a CTE of
 * project ids (`id`) to keep, or none for all. The aggregate is read by a range of months (a few
 * thousand rows for a year at scale 10); the ends' entries come from the covering index by time.
 */
export function labourPartsSql(db: Sqlite, projects?: string): string {
  // Named, or the planner may take (consultant, started_at) and look each entry up in the table; not
  // named while an initial sync has set the index aside.
  const indexed = hasIndex(db, 'time_entries_started_labour') ? 'INDEXED BY time_entries_started_labour' : '';
  const only = (column: string) => (projects ? `AND ${column} IN (SELECT id FROM ${projects})` : '');
  // The aggregate keeps each project-month's cost (Σ minutes × the consultants' rates now) and how
  // many of its consultants have no rate; the ends' entries look their consultant up.
  // (The sign is bound as a number, which SQLite takes as REAL: cast, or the cents turn fractional.)
  const entries = (range: 'r1' | 'r2') => `SELECT s.project_id, NULL, CAST(:${range}Sign AS INTEGER) * sum(s.minutes),
        CAST(:${range}Sign AS INTEGER) * sum(s.minutes * k.cost_rate_cents), :${range}Sign > 0 AND max(k.cost_rate_cents IS NULL), 0, 0, 0
      FROM time_entries s ${indexed} JOIN consultants k ON k.id = s.consultant_id
      WHERE s.started_at >= :${range}From AND s.started_at < :${range}To ${only('s.project_id')} GROUP BY s.project_id`;
  return `SELECT s.project_id AS project_id, NULL AS client_id, sum(s.minutes) AS minutes, sum(s.cost60) AS cost60,
        max(s.uncosted > 0) AS uncosted, 0 AS revenue, 0 AS expenses, 0 AS other
      FROM labour_project_months s WHERE s.month >= :fullFrom AND s.month < :fullTo ${only('s.project_id')} GROUP BY s.project_id
      UNION ALL
      ${entries('r1')}
      UNION ALL
      ${entries('r2')}`;
}

/**
 * The ids of the consultants with no cost rate who worked on the project `projectColumn` names in
 * [:at, :until), comma-separated. Asked only of the projects whose labour has such a consultant (a
 * flag per row while summing: group_concat(DISTINCT …) per project cost 100 ms over a year at scale 10).
 */
export function missingRatesSql(projectColumn: string): string {
  return `(SELECT group_concat(k.id) FROM consultants k
          WHERE k.cost_rate_cents IS NULL AND EXISTS (
            SELECT 1 FROM time_entries e WHERE e.project_id = ${projectColumn} AND e.consultant_id = k.id
              AND e.started_at >= :at AND e.started_at < :until))`;
}

/**
 * A CTE `work(project_id, minutes, cost, missing)` over the labour of `labourPartsSql`: each
 * project with entries in the range, its minutes; its labour cost, Σ minutes × the consultant's cost rate ÷ 60 to the cent
 * half-up per project (consultants with no cost rate left out of it); and `missing`, the ids of
 * those consultants, comma-separated (NULL: none).
 */
export function workCte(db: Sqlite, projects?: string): string {
  return `parts AS (${labourPartsSql(db, projects)}),
    work AS (
      SELECT project_id, sum(minutes) AS minutes, (sum(cost60) + 30) / 60 AS cost,
        CASE WHEN max(uncosted) THEN ${missingRatesSql('parts.project_id')} END AS missing
      FROM parts GROUP BY project_id HAVING sum(minutes) > 0)`;
}
