// The KPI scorecard: each built-in figure computed from the data by SQL (reusing the dashboards'
// queries where they exist), against its target, with the same figure over the previous period and
// a trend week by week (ranges up to 92 days) or month by month. Definitions: docs/sales.md.
import { PAID_WITHIN_30_TARGET } from '../../../shared/features/billing/types';
import { SATISFACTION_TARGET } from '../../../shared/features/feedback/types';
import type { KpiTile, Scorecard, TrendPoint } from '../../../shared/features/kpis/types';
import { UTILIZATION_TARGET } from '../../../shared/features/projects/types';
import { PROJECT_TIERS } from '../../../shared/domain';
import { MAX_DASHBOARD_DAYS } from '../../../shared/features/pipelines/contract';
import { previousRange } from '../../../shared/ranges';
import { daysInRange } from '../../../shared/schemas';
import { addDays, dayStartUtc } from '../../../shared/time';
import { collection } from '../billing/queries/dashboard';
import type { Sqlite } from '../db/open';
import { npsFigure, NPS_COUNTS_SQL, type NpsCounts } from '../feedback/nps';
import { pipelineValue, SPANS_CTE } from '../leads/dashboard';
import { bucketSql } from '../projects/buckets';
import { consultantUtilization } from '../projects/dashboard';
import { listMetrics } from './metrics';
import { trendPeriods, type Period } from './periods';
import { statusOf } from './status';

/** Our target for pipeline jobs that succeed, of those that finished (succeeded or failed). */
export const JOB_SUCCESS_TARGET = 0.95;

export interface ScorecardQuery {
  from: string;
  to: string;
  today: string;
  timeZone: string;
}

const points = (periods: Period[], value: (p: Period) => number | null): TrendPoint[] =>
  periods.map((p) => ({ period: p.period, from: p.from, to: p.to, value: value(p) }));

/** The periods as JSON for `json_each` (see PERIODS_CTE). */
const periodsJson = (periods: Period[]) => JSON.stringify(periods);
const PERIODS_CTE = `p AS MATERIALIZED (
  SELECT json_extract(value, '$.period') AS period, json_extract(value, '$.from') AS d_from, json_extract(value, '$.to') AS d_to,
    json_extract(value, '$.start') AS t_start, json_extract(value, '$.until') AS t_until
  FROM json_each(:periods))`;

/**
 * The team's utilization (the projects dashboard's): for the range with its previous period, and
 * per trend bucket — weeks from the range's own weekly cells (active consultants' billable minutes
 * over their capacity), months each by itself.
 */
function utilization(db: Sqlite, q: ScorecardQuery, granularity: 'week' | 'month', periods: Period[]): KpiTile {
  const range = { from: q.from, to: q.to, timeZone: q.timeZone };
  const whole = consultantUtilization(db, range, { ...previousRange(range), timeZone: q.timeZone });
  let trend: TrendPoint[];
  if (granularity === 'week') {
    const active = new Set(whole.consultants.filter((c) => c.active).map((c) => c.consultantId));
    const weeks = new Map<string, { billable: number; capacity: number }>();
    for (const cell of whole.cells) {
      if (!active.has(cell.consultantId)) continue;
      const w = weeks.get(cell.week) ?? { billable: 0, capacity: 0 };
      w.billable += cell.billableMinutes;
      w.capacity += cell.capacityMinutes;
      weeks.set(cell.week, w);
    }
    trend = points(periods, (p) => {
      const w = weeks.get(p.period);
      return w && w.capacity > 0 ? w.billable / w.capacity : null;
    });
  } else {
    // (the previous period is not needed here: one day keeps its cost negligible)
    trend = points(periods, (p) => {
      const day = addDays(p.from, -1);
      return consultantUtilization(db, { from: p.from, to: p.to, timeZone: q.timeZone }, { from: day, to: day, timeZone: q.timeZone }).team
        .utilization;
    });
  }
  const team = whole.team;
  return {
    key: 'utilization',
    label: 'Billable utilization',
    unit: 'ratio',
    value: team.utilization,
    target: UTILIZATION_TARGET,
    direction: 'higher',
    status: statusOf(team.utilization, UTILIZATION_TARGET, 'higher', null),
    previous: team.previous.utilization,
    trend,
    missing: team.capacityMinutes === 0 ? 'No active consultant has a weekly capacity, so utilization cannot be computed.' : null,
    drill: { route: '/projects', search: { from: q.from, to: q.to } },
  };
}

function paidWithin30(db: Sqlite, q: ScorecardQuery, periods: Period[]): KpiTile {
  const asOf = q.to < q.today ? q.to : q.today;
  const share = (from: string, to: string) => collection(db, { from, to, asOf }).share;
  const prev = previousRange(q);
  const value = share(q.from, q.to);
  return {
    key: 'paid_within_30',
    label: 'Invoices paid within 30 days',
    unit: 'ratio',
    value,
    target: PAID_WITHIN_30_TARGET,
    direction: 'higher',
    status: statusOf(value, PAID_WITHIN_30_TARGET, 'higher', null),
    previous: share(prev.from, prev.to),
    trend: points(periods, (p) => share(p.from, p.to)),
    missing: value === null ? 'No invoice issued in the range is paid, or 30 days old, yet.' : null,
    drill: { route: '/billing', search: { from: q.from, to: q.to } },
  };
}

function feedbackTiles(db: Sqlite, q: ScorecardQuery, periods: Period[]): [KpiTile, KpiTile] {
  const counts = (from: string, to: string) =>
    npsFigure(db.prepare(`SELECT ${NPS_COUNTS_SQL()} FROM client_feedback WHERE responded_on BETWEEN ? AND ?`).get(from, to) as NpsCounts);
  const rows = db
    .prepare(
      `WITH ${PERIODS_CTE}
       SELECT p.period, ${NPS_COUNTS_SQL('f.score')} FROM p LEFT JOIN client_feedback f ON f.responded_on BETWEEN p.d_from AND p.d_to
       GROUP BY p.period`,
    )
    .all({ periods: periodsJson(periods) }) as Array<NpsCounts & { period: string }>;
  const byPeriod = new Map(rows.map(({ period, ...c }) => [period, npsFigure(c)]));
  const whole = counts(q.from, q.to);
  const prev = previousRange(q);
  const before = counts(prev.from, prev.to);
  const missing = whole.responses === 0 ? 'No client feedback was recorded in the range.' : null;
  const drill = { route: '/clients' as const, search: { from: q.from, to: q.to } };
  return [
    {
      key: 'satisfaction',
      label: 'Client satisfaction',
      unit: 'ratio',
      value: whole.satisfaction,
      target: SATISFACTION_TARGET,
      direction: 'higher',
      status: statusOf(whole.satisfaction, SATISFACTION_TARGET, 'higher', null),
      previous: before.satisfaction,
      trend: points(periods, (p) => byPeriod.get(p.period)?.satisfaction ?? null),
      missing,
      drill,
    },
    {
      key: 'nps',
      label: 'Net promoter score',
      unit: 'score',
      value: whole.nps,
      target: null,
      direction: 'higher',
      status: statusOf(whole.nps, null, 'higher', before.nps),
      previous: before.nps,
      trend: points(periods, (p) => byPeriod.get(p.period)?.nps ?? null),
      missing,
      drill,
    },
  ];
}

/** First day of the calendar quarter of `day`, `quarters` quarters later (negative: earlier). */
export function quarterStart(day: string, quarters = 0): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 4 + Math.floor((m - 1) / 3) + quarters;
  return `${String(Math.floor(index / 4)).padStart(4, '0')}-${String((index % 4) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * Invoiced revenue (sent and paid invoices, ex GST, by issue day) this quarter to date (to the
 * range's last day, or today if sooner) against the previous quarter over as many days.
 */
function revenueQuarter(db: Sqlite, q: ScorecardQuery, periods: Period[]): KpiTile {
  const ref = q.to < q.today ? q.to : q.today;
  const start = quarterStart(ref);
  const prevStart = quarterStart(ref, -1);
  const elapsed = Math.round((Date.parse(ref) - Date.parse(start)) / 86_400_000);
  const prevEnd = addDays(prevStart, elapsed) < start ? addDays(prevStart, elapsed) : addDays(start, -1);
  const invoiced = db.prepare(
    `SELECT coalesce(sum(subtotal_cents), 0) FROM invoices WHERE status IN ('sent', 'paid') AND issued_on BETWEEN ? AND ?`,
  );
  const value = invoiced.pluck().get(start, ref) as number;
  const previous = invoiced.pluck().get(prevStart, prevEnd) as number;
  const rows = db
    .prepare(
      `WITH ${PERIODS_CTE}
       SELECT p.period, coalesce(sum(i.subtotal_cents), 0) AS cents
       FROM p LEFT JOIN invoices i ON i.issued_on BETWEEN p.d_from AND p.d_to AND i.status IN ('sent', 'paid') GROUP BY p.period`,
    )
    .all({ periods: periodsJson(periods) }) as Array<{ period: string; cents: number }>;
  const by = new Map(rows.map((r) => [r.period, r.cents]));
  return {
    key: 'revenue_quarter',
    label: 'Revenue this quarter',
    unit: 'cents',
    value,
    target: previous,
    direction: 'higher',
    status: statusOf(value, previous, 'higher', null),
    previous,
    trend: points(periods, (p) => by.get(p.period) ?? 0),
    missing: null,
    drill: { route: '/billing', search: { from: start, to: ref } },
  };
}

/** The weighted pipeline at the end of each day given: leads open then (by their stage history), at today's values. */
export function weightedPipelineAt(db: Sqlite, days: string[]): Map<string, number> {
  const rows = db
    .prepare(
      `WITH d AS MATERIALIZED (SELECT value AS day FROM json_each(:days)),
       ${SPANS_CTE}
       SELECT d.day, (coalesce(sum(s.value * s.probability), 0) + 50) / 100 AS cents
       FROM d LEFT JOIN spans s ON s.since <= d.day AND (s.until IS NULL OR s.until > d.day) GROUP BY d.day`,
    )
    .all({ days: JSON.stringify(days) }) as Array<{ day: string; cents: number }>;
  return new Map(rows.map((r) => [r.day, r.cents]));
}

function weightedPipeline(db: Sqlite, q: ScorecardQuery, periods: Period[]): KpiTile {
  const value = pipelineValue(db).weightedCents;
  const before = addDays(q.from, -1);
  const history = weightedPipelineAt(db, [before, ...periods.map((p) => p.to)]);
  const previous = history.get(before) ?? 0;
  return {
    key: 'weighted_pipeline',
    label: 'Weighted pipeline',
    unit: 'cents',
    value,
    target: null,
    direction: 'higher',
    status: statusOf(value, null, 'higher', previous),
    previous,
    trend: points(periods, (p) => (p.to <= q.today ? (history.get(p.to) ?? 0) : null)),
    missing: null,
    drill: { route: '/sales', search: { from: q.from, to: q.to } },
  };
}

/**
 * Projects active now, by tier. The trend counts the projects under way in each period: their first
 * hour logged on or before its end and their last on or after its start (two index seeks a project).
 */
function activeProjects(db: Sqlite, q: ScorecardQuery, periods: Period[]): KpiTile {
  const tiers = db.prepare(`SELECT tier, count(*) AS n FROM projects WHERE status = 'active' GROUP BY tier`).all() as Array<{
    tier: string;
    n: number;
  }>;
  const by = new Map(tiers.map((t) => [t.tier, t.n]));
  const worked = db
    .prepare(
      `WITH ${PERIODS_CTE},
       span AS MATERIALIZED (
         SELECT (SELECT min(e.started_at) FROM time_entries e WHERE e.project_id = pr.id) AS first_at,
           (SELECT max(e.started_at) FROM time_entries e WHERE e.project_id = pr.id) AS last_at
         FROM projects pr
       )
       SELECT p.period, (SELECT count(*) FROM span WHERE span.first_at < p.t_until AND span.last_at >= p.t_start) AS n
       FROM p`,
    )
    .all({ periods: periodsJson(periods) }) as Array<{ period: string; n: number }>;
  const workedBy = new Map(worked.map((w) => [w.period, w.n]));
  const value = tiers.reduce((s, t) => s + t.n, 0);
  return {
    key: 'active_projects',
    label: 'Active projects',
    unit: 'count',
    value,
    target: null,
    direction: 'higher',
    status: 'none',
    previous: null,
    trend: points(periods, (p) => workedBy.get(p.period) ?? 0),
    missing: null,
    breakdown: PROJECT_TIERS.map((tier) => ({ tier, value: by.get(tier) ?? 0 })),
    drill: { route: '/projects', search: {} },
  };
}

/** Pipeline jobs that finished in the range (by their finish instant, local days): succeeded / (succeeded + failed). */
function jobSuccess(db: Sqlite, q: ScorecardQuery, periods: Period[]): KpiTile {
  const prev = previousRange(q);
  const prevStart = dayStartUtc(prev.from, q.timeZone);
  const start = dayStartUtc(q.from, q.timeZone);
  const until = dayStartUtc(addDays(q.to, 1), q.timeZone);
  // One pass over the finished jobs of both periods (the status index covers it): each job counted
  // for its bucket, and for the whole range or the previous one.
  const bucket = bucketSql(
    'finished_at',
    [...periods.map((p) => p.start), periods.at(-1)!.until],
    periods.map((p) => p.period),
  );
  const rows = db
    .prepare(
      `WITH j AS (
         SELECT CASE WHEN finished_at < :start THEN 'prev' ELSE ${bucket} END AS label, status = 'succeeded' AS ok
         FROM pipeline_jobs WHERE status IN ('succeeded', 'failed') AND finished_at >= :prevStart AND finished_at < :until
       )
       SELECT label, sum(ok) AS ok, count(*) AS n FROM j GROUP BY label`,
    )
    .all({ start, prevStart, until }) as Array<{ label: string | null; ok: number; n: number }>;
  const by = new Map(rows.map((r) => [r.label, r]));
  const rate = (r: { ok: number; n: number } | undefined) => (r && r.n > 0 ? r.ok / r.n : null);
  const current = rows.filter((r) => r.label !== 'prev').reduce((t, r) => ({ ok: t.ok + r.ok, n: t.n + r.n }), { ok: 0, n: 0 });
  const value = rate(current);
  return {
    key: 'job_success',
    label: 'Pipeline job success rate',
    unit: 'ratio',
    value,
    target: JOB_SUCCESS_TARGET,
    direction: 'higher',
    status: statusOf(value, JOB_SUCCESS_TARGET, 'higher', null),
    previous: rate(by.get('prev')),
    trend: points(periods, (p) => rate(by.get(p.period))),
    missing: value === null ? 'No pipeline job finished in the range.' : null,
    drill: {
      route: '/pipelines/dashboard',
      search: { from: q.from, to: q.to },
      // The jobs it counts, for a range `pipelines.rows` takes (a year at most).
      ...(daysInRange(q.from, q.to) <= MAX_DASHBOARD_DAYS && {
        jobs: { from: q.from, to: q.to, status: ['succeeded', 'failed'], by: 'finished' },
      }),
    },
  };
}

export function scorecard(db: Sqlite, q: ScorecardQuery, canEditMetrics: boolean): Scorecard {
  const { granularity, periods } = trendPeriods(q.from, q.to, q.timeZone);
  const [satisfaction, nps] = feedbackTiles(db, q, periods);
  return {
    from: q.from,
    to: q.to,
    today: q.today,
    timeZone: q.timeZone,
    granularity,
    tiles: [
      utilization(db, q, granularity, periods),
      paidWithin30(db, q, periods),
      satisfaction,
      nps,
      revenueQuarter(db, q, periods),
      weightedPipeline(db, q, periods),
      activeProjects(db, q, periods),
      jobSuccess(db, q, periods),
    ],
    custom: listMetrics(db, { from: q.from, to: q.to }),
    canEditMetrics,
  };
}
