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
  if (first >= last) return { fullFrom: '', fullTo: '', at: start, edgeFrom: until, edgeTo: until, until };
  return { fullFrom: first, fullTo: last, at: start, edgeFrom: monthStart(first), edgeTo: monthStart(last), until };
}

/**
 * A CTE `work(project_id, minutes, cost, missing)` over the params of `labourParams` (named
 * :fullFrom, :fullTo, :at, :edgeFrom, :edgeTo, :until): each project's minutes; its labour cost,
 * Σ minutes × the consultant's cost rate ÷ 60 to the cent half-up per project (consultants with no
 * cost rate left out of it); and `missing`, the ids of those consultants, comma-separated (NULL: none).
 * `projects`: a CTE of project ids (`id`) to keep, or none for all. The aggregate is read by a
 * range of months (a few thousand rows for a year at scale 10); the ends' entries come from the
 * covering index by time.
 */
export function workCte(db: Sqlite, projects?: string): string {
  // Named, or the planner may take (consultant, started_at) and look each entry up in the table; not
  // named while an initial sync has set the index aside.
  const indexed = hasIndex(db, 'time_entries_started_labour') ? 'INDEXED BY time_entries_started_labour' : '';
  const only = (column: string) => (projects ? `AND ${column} IN (SELECT id FROM ${projects})` : '');
  // The aggregate keeps each project-month's cost (Σ minutes × the consultants' rates now) and how
  // many of its consultants have no rate; the ends' entries look their consultant up.
  const entries = (where: string) => `SELECT s.project_id, sum(s.minutes) AS minutes,
        sum(s.minutes * k.cost_rate_cents) AS cost60, max(k.cost_rate_cents IS NULL) AS uncosted
      FROM time_entries s ${indexed} JOIN consultants k ON k.id = s.consultant_id WHERE ${where} ${only('s.project_id')} GROUP BY s.project_id`;
  // Which consultants lack a cost rate is asked only of the projects that have one (a flag per row
  // while summing: group_concat(DISTINCT …) per project cost 100 ms over a year at scale 10).
  return `parts AS (
      SELECT s.project_id, sum(s.minutes) AS minutes, sum(s.cost60) AS cost60, max(s.uncosted > 0) AS uncosted
      FROM labour_project_months s WHERE s.month >= :fullFrom AND s.month < :fullTo ${only('s.project_id')} GROUP BY s.project_id
      UNION ALL
      ${entries('s.started_at >= :at AND s.started_at < :edgeFrom')}
      UNION ALL
      ${entries('s.started_at >= :edgeTo AND s.started_at < :until')}),
    work AS (
      SELECT project_id, sum(minutes) AS minutes, (sum(cost60) + 30) / 60 AS cost,
        CASE WHEN max(uncosted) THEN (
          SELECT group_concat(k.id) FROM consultants k
          WHERE k.cost_rate_cents IS NULL AND EXISTS (
            SELECT 1 FROM time_entries e WHERE e.project_id = parts.project_id AND e.consultant_id = k.id
              AND e.started_at >= :at AND e.started_at < :until)) END AS missing
      FROM parts GROUP BY project_id)`;
}
