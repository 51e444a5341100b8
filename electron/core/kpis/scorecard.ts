// The KPI scorecard: each built-in figure computed from the data by SQL (reusing the dashboards'
// queries where they exist), against its target, with the same figure over the previous period and
// a trend week by week (ranges up to 92 days) or month by month. Definitions: docs/sales.md.
import { PAID_WITHIN_30_TARGET } from '../../../shared/features/billing/types';
import { SATISFACTION_TARGET } from '../../../shared/features/feedback/types';
import type { KpiTile, Scorecard, TrendPoint } from '../../../shared/features/kpis/types';
import { UTILIZATION_TARGET } from '../../../shared/features/projects/types';
import { PROJECT_TIERS } from '../../../shared/domain';
import { MAX_DASHBOARD_DAYS } from '../../../shared/features/pipelines/contract';
import { OPEN_LEAD_STAGES, type LeadStage } from '../../../shared/features/leads/types';
import { previousRange } from '../../../shared/ranges';
import { daysInRange } from '../../../shared/schemas';
import { addDays, dayStartUtc } from '../../../shared/time';
import { collectionBySpans } from '../billing/queries/dashboard';
import type { Sqlite } from '../db/open';
import { npsFigure, NPS_COUNTS_SQL, type NpsCounts } from '../feedback/nps';
import { pipelineValue } from '../leads/dashboard';
import { bucketSql, workdaysIn } from '../projects/buckets';
import { localDaysFor } from '../db/local-zone';
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
 * The team's billable minutes and capacity per span of local days [from, to], as the projects
 * dashboard's consultantUtilization sums them for its team (active consultants only: their billable
 * minutes, and weekly hours × 12 × the span's weekdays), from the local-day aggregate
 * (migrations/sqlite/0011): one short range of its key per active consultant and span. Only when the
 * aggregate is keyed by the workspace's zone (localDaysFor).
 */
export function teamUtilization(
  db: Sqlite,
  spans: Array<[label: string, from: string, to: string]>,
): Map<string, { billable: number; capacity: number }> {
  const rows = db
    .prepare(
      `WITH s AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS label, json_extract(value, '$[1]') AS d_from, json_extract(value, '$[2]') AS d_to
         FROM json_each(:spans)
       )
       SELECT s.label,
         (SELECT coalesce(sum((SELECT sum(d.minutes) FROM billable_local_days d WHERE d.consultant_id = c.id AND d.day >= s.d_from AND d.day <= s.d_to)), 0)
          FROM consultants c WHERE c.active = 1) AS billable
       FROM s`,
    )
    .all({ spans: JSON.stringify(spans) }) as Array<{ label: string; billable: number }>;
  const hours = db.prepare('SELECT coalesce(sum(weekly_capacity_hours), 0) FROM consultants WHERE active = 1').pluck().get() as number;
  const by = new Map(rows.map((r) => [r.label, r.billable]));
  return new Map(spans.map(([label, from, to]) => [label, { billable: by.get(label) ?? 0, capacity: hours * 12 * workdaysIn(from, to) }]));
}

const ratioOf = (t: { billable: number; capacity: number } | undefined) => (t && t.capacity > 0 ? t.billable / t.capacity : null);

/**
 * The team's utilization (the projects dashboard's): for the range with its previous period, and
 * per trend bucket (weeks or months), each the active consultants' billable minutes over their
 * capacity. From the local-day aggregate when it is keyed by the workspace's zone; else as the
 * projects dashboard computes it (the whole range, and each month by itself).
 */
function utilization(db: Sqlite, q: ScorecardQuery, granularity: 'week' | 'month', periods: Period[], source: Source = 'auto'): KpiTile {
  const range = { from: q.from, to: q.to, timeZone: q.timeZone };
  const prev = previousRange(range);
  let team: { utilization: number | null; capacityMinutes: number; previous: number | null };
  let trend: TrendPoint[];
  if (source === 'auto' && localDaysFor(db, q.timeZone, prev.from < q.from ? prev.from : q.from, q.to)) {
    const by = teamUtilization(db, [
      ['prev', prev.from, prev.to],
      ...periods.map((p): [string, string, string] => [p.period, p.from, p.to]),
    ]);
    const cur = periods.reduce(
      (t, p) => ({ billable: t.billable + by.get(p.period)!.billable, capacity: t.capacity + by.get(p.period)!.capacity }),
      {
        billable: 0,
        capacity: 0,
      },
    );
    team = { utilization: ratioOf(cur), capacityMinutes: cur.capacity, previous: ratioOf(by.get('prev')) };
    trend = points(periods, (p) => ratioOf(by.get(p.period)));
  } else {
    const whole = consultantUtilization(db, range, { ...prev, timeZone: q.timeZone });
    team = { utilization: whole.team.utilization, capacityMinutes: whole.team.capacityMinutes, previous: whole.team.previous.utilization };
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
      trend = points(periods, (p) => ratioOf(weeks.get(p.period)));
    } else {
      // (the previous period is not needed here: one day keeps its cost negligible)
      trend = points(periods, (p) => {
        const day = addDays(p.from, -1);
        return consultantUtilization(db, { from: p.from, to: p.to, timeZone: q.timeZone }, { from: day, to: day, timeZone: q.timeZone })
          .team.utilization;
      });
    }
  }
  return {
    key: 'utilization',
    label: 'Billable utilization',
    unit: 'ratio',
    value: team.utilization,
    target: UTILIZATION_TARGET,
    direction: 'higher',
    status: statusOf(team.utilization, UTILIZATION_TARGET, 'higher', null),
    previous: team.previous,
    trend,
    missing: team.capacityMinutes === 0 ? 'No active consultant has a weekly capacity, so utilization cannot be computed.' : null,
    drill: { route: '/projects', search: { from: q.from, to: q.to } },
  };
}

function paidWithin30(db: Sqlite, q: ScorecardQuery, periods: Period[]): KpiTile {
  const asOf = q.to < q.today ? q.to : q.today;
  const prev = previousRange(q);
  // The periods split the range, so the range's counts are theirs summed; the previous period ends
  // the day before the range: one read of the issue days of both.
  const by = collectionBySpans(
    db,
    [['prev', prev.from, prev.to], ...periods.map((p): [string, string, string] => [p.period, p.from, p.to])],
    asOf,
  );
  const sum = periods.reduce(
    (t, p) => ({ within: t.within + by.get(p.period)!.paidWithin30, decided: t.decided + by.get(p.period)!.decided }),
    {
      within: 0,
      decided: 0,
    },
  );
  const value = sum.decided > 0 ? sum.within / sum.decided : null;
  return {
    key: 'paid_within_30',
    label: 'Invoices paid within 30 days',
    unit: 'ratio',
    value,
    target: PAID_WITHIN_30_TARGET,
    direction: 'higher',
    status: statusOf(value, PAID_WITHIN_30_TARGET, 'higher', null),
    previous: by.get('prev')!.share,
    trend: points(periods, (p) => by.get(p.period)!.share),
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

/**
 * The weighted pipeline at the end of each day given: leads open then (by their stage history), at
 * today's values. The spans of leads/dashboard.ts SPANS_CTE (each stage a lead entered, until the
 * day of its next move), built here from the events in key order (a covering index,
 * migrations/sqlite/0015) and the leads read once, instead of looking a lead up for each span.
 */
export function weightedPipelineAt(db: Sqlite, days: string[]): Map<string, number> {
  const leads = new Map(
    (db.prepare('SELECT id, estimated_value_cents * probability AS w FROM leads').all() as Array<{ id: string; w: number }>).map((l) => [
      l.id,
      l.w,
    ]),
  );
  const events = db
    .prepare('SELECT lead_id AS lead, to_stage AS stage, moved_on AS since FROM lead_events ORDER BY lead_id, moved_on, moved_at, id')
    .raw()
    .all() as Array<[lead: string, stage: LeadStage, since: string]>;
  const open = new Set<string>(OPEN_LEAD_STAGES);
  const sums = days.map(() => 0);
  for (let i = 0; i < events.length; i++) {
    const [lead, stage, since] = events[i]!;
    const next = events[i + 1];
    const until = next && next[0] === lead ? next[2] : null;
    const weighted = leads.get(lead);
    if (weighted === undefined || !open.has(stage) || (until !== null && until <= since)) continue;
    days.forEach((day, k) => {
      if (since <= day && (until === null || until > day)) sums[k]! += weighted;
    });
  }
  return new Map(days.map((day, k) => [day, Math.floor((sums[k]! + 50) / 100)]));
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
 * hour logged on or before its end and their last on or after its start (each project's two ends kept
 * in project_spans, migrations/sqlite/0015).
 */
function activeProjects(db: Sqlite, q: ScorecardQuery, periods: Period[]): KpiTile {
  const tiers = db.prepare(`SELECT tier, count(*) AS n FROM projects WHERE status = 'active' GROUP BY tier`).all() as Array<{
    tier: string;
    n: number;
  }>;
  const by = new Map(tiers.map((t) => [t.tier, t.n]));
  const worked = db
    .prepare(
      `WITH ${PERIODS_CTE}
       SELECT p.period, (SELECT count(*) FROM project_spans s WHERE s.first_at < p.t_until AND s.last_at >= p.t_start) AS n
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

type JobCounts = { label: string | null; ok: number; n: number };

/**
 * Finished jobs counted per trend period and for the previous period ('prev', from `prevFrom` to the
 * range's first day), from the local-day aggregate (migrations/sqlite/0015): a period's local days
 * are a range of its key.
 */
function jobsByLocalDays(db: Sqlite, q: ScorecardQuery, periods: Period[], prevFrom: string): JobCounts[] {
  const spans = [['prev', prevFrom, addDays(q.from, -1)], ...periods.map((p) => [p.period, p.from, p.to])];
  return db
    .prepare(
      `WITH s AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS label, json_extract(value, '$[1]') AS d_from, json_extract(value, '$[2]') AS d_to
         FROM json_each(:spans)
       )
       SELECT s.label, sum(d.succeeded) AS ok, sum(d.succeeded + d.failed) AS n
       FROM s JOIN pipeline_local_days d ON d.day >= s.d_from AND d.day <= s.d_to GROUP BY s.label`,
    )
    .all({ spans: JSON.stringify(spans) }) as JobCounts[];
}

/**
 * The same from the jobs (a zone the aggregate is not keyed by): one pass over the finished jobs of
 * both periods (the status index covers it), each job counted for its bucket or for 'prev'.
 */
function jobsByInstants(db: Sqlite, periods: Period[], bounds: { start: string; prevStart: string; until: string }): JobCounts[] {
  const bucket = bucketSql(
    'finished_at',
    [...periods.map((p) => p.start), periods.at(-1)!.until],
    periods.map((p) => p.period),
  );
  return db
    .prepare(
      `WITH j AS (
         SELECT CASE WHEN finished_at < :start THEN 'prev' ELSE ${bucket} END AS label, status = 'succeeded' AS ok
         FROM pipeline_jobs WHERE status IN ('succeeded', 'failed') AND finished_at >= :prevStart AND finished_at < :until
       )
       SELECT label, sum(ok) AS ok, count(*) AS n FROM j GROUP BY label`,
    )
    .all(bounds) as JobCounts[];
}

/** Pipeline jobs that finished in the range (by their finish instant, local days): succeeded / (succeeded + failed). */
function jobSuccess(db: Sqlite, q: ScorecardQuery, periods: Period[], source: Source = 'auto'): KpiTile {
  const prev = previousRange(q);
  const rows =
    source === 'auto' && localDaysFor(db, q.timeZone, prev.from, q.to)
      ? jobsByLocalDays(db, q, periods, prev.from)
      : jobsByInstants(db, periods, {
          start: dayStartUtc(q.from, q.timeZone),
          prevStart: dayStartUtc(prev.from, q.timeZone),
          until: dayStartUtc(addDays(q.to, 1), q.timeZone),
        });
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

/**
 * Where the utilization and job success figures come from: 'auto', the local-day aggregates when they
 * are keyed by the workspace's zone; 'direct', the projects dashboard's utilization and the jobs
 * themselves, whatever the aggregates (tests compare both).
 */
export type Source = 'auto' | 'direct';

export function scorecard(db: Sqlite, q: ScorecardQuery, canEditMetrics: boolean, source: Source = 'auto'): Scorecard {
  const { granularity, periods } = trendPeriods(q.from, q.to, q.timeZone);
  const [satisfaction, nps] = feedbackTiles(db, q, periods);
  return {
    from: q.from,
    to: q.to,
    today: q.today,
    timeZone: q.timeZone,
    granularity,
    tiles: [
      utilization(db, q, granularity, periods, source),
      paidWithin30(db, q, periods),
      satisfaction,
      nps,
      revenueQuarter(db, q, periods),
      weightedPipeline(db, q, periods),
      activeProjects(db, q, periods),
      jobSuccess(db, q, periods, source),
    ],
    custom: listMetrics(db, { from: q.from, to: q.to }),
    canEditMetrics,
  };
}
