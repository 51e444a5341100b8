// The projects dashboard's figures, computed by SQL over the replica: projects by tier and status,
// the timeline of open projects, budget burn, billable hours and utilization per consultant and
// local week, and velocity, each (where a period means something) with the period just before.
import { PROJECT_STATUSES, PROJECT_TIERS, type ProjectStatus, type ProjectTier } from '../../../shared/domain';
import {
  BURN_WARNING,
  UTILIZATION_TARGET,
  type ConsultantPeriod,
  type ConsultantWeek,
  type MissingInput,
  type ProjectBurn,
  type ProjectsDashboard,
  type ProjectsRange,
  type TierStatusCount,
  type TimelineProject,
  type Utilization,
  type Velocity,
  type VelocityFigures,
} from '../../../shared/features/projects/types';
import { GRID_MAX_WEEKS } from '../../../shared/features/projects/contract';
import { dayStartUtc, addDays, weekStart } from '../../../shared/time';
import { previousRange } from '../../../shared/ranges';
import type { Sqlite } from '../db/open';
import { cachedStatement } from '../db/query';
import { localDaysFor } from '../db/local-zone';
import { localDaySqlOf, splitSpans, weekSegments, workdaysIn, type WeekSegment } from './buckets';
import { VALUE_OF_RULE_SQL } from '../hours/rounding';

/** Projects the dashboard follows: started and not finished. */
export const OPEN_STATUSES: readonly ProjectStatus[] = ['active', 'on_hold'];
const OPEN_SQL = `('active', 'on_hold')`;

export const COMPLETION_RULE =
  'A project has no completion date of its own: “completed on” is the local day of its last time entry, for a project whose status is completed.';

export function projectsDashboard(db: Sqlite, range: ProjectsRange, today: string): ProjectsDashboard {
  const previous = { ...previousRange(range), timeZone: range.timeZone };
  const missing: MissingInput[] = [];
  const burn = projectBurn(db, { open: true });
  for (const b of burn) if (b.budgetCents === null) missing.push(noBudget(b.projectId, b.name));
  const timeline = projectTimeline(db, today);
  for (const t of timeline) {
    if (t.dueOn === null)
      missing.push({
        kind: 'no_due_date',
        id: t.projectId,
        name: t.name,
        message: `${t.name} has no due day: the timeline shows its start only and it can never be overdue. Set its due day.`,
      });
  }
  // The weeks the range meets, Monday to Monday (the grid's columns).
  const weeks = (Date.parse(weekStart(range.to)) - Date.parse(weekStart(range.from))) / (7 * 86_400_000) + 1;
  const utilization = consultantUtilization(db, range, previous, missing, { cells: weeks <= GRID_MAX_WEEKS });
  const velocity = projectVelocity(db, range, previous, missing);
  return { range, previousRange: previous, today, tiers: tierStatusCounts(db), timeline, burn, utilization, velocity, missing };
}

export function noBudget(id: string, name: string): MissingInput {
  return {
    kind: 'no_budget',
    id,
    name,
    message: `${name} has no budget, so its burn has no percent (its hours and value are shown). Set its budget.`,
  };
}

export function tierStatusCounts(db: Sqlite): TierStatusCount[] {
  const tiers = PROJECT_TIERS.map((t) => `('${t}', ${PROJECT_TIERS.indexOf(t)})`).join(', ');
  const statuses = PROJECT_STATUSES.map((s) => `('${s}', ${PROJECT_STATUSES.indexOf(s)})`).join(', ');
  return cachedStatement(
    db,
    `WITH t(tier, k) AS (VALUES ${tiers}), s(status, k) AS (VALUES ${statuses}),
            n AS (SELECT tier, status, count(*) AS count FROM projects GROUP BY tier, status)
       SELECT t.tier, s.status, coalesce(n.count, 0) AS count
       FROM t CROSS JOIN s LEFT JOIN n ON n.tier = t.tier AND n.status = s.status
       ORDER BY t.k, s.k`,
  ).all() as TierStatusCount[];
}

export function projectTimeline(db: Sqlite, today: string): TimelineProject[] {
  const rows = cachedStatement(
    db,
    `SELECT p.id AS projectId, p.name, c.name AS clientName, p.tier, p.status, p.start_on AS startOn, p.due_on AS dueOn,
         (p.due_on IS NOT NULL AND p.due_on < :today AND p.status <> 'completed') AS overdue,
         CASE WHEN p.due_on IS NOT NULL AND p.due_on < :today AND p.status <> 'completed'
              THEN CAST(julianday(:today) - julianday(p.due_on) AS INTEGER) ELSE 0 END AS daysOverdue
       FROM projects p JOIN clients c ON c.id = p.client_id
       WHERE p.status IN ${OPEN_SQL}
       ORDER BY p.start_on, p.name, p.id`,
  ).all({ today }) as (Omit<TimelineProject, 'overdue'> & { overdue: number })[];
  return rows.map((r) => ({ ...r, overdue: r.overdue === 1 }));
}

/** Burn of the open projects (`open`), or of one project (`projectId`). */
export function projectBurn(db: Sqlite, which: { open: true } | { projectId: string }): ProjectBurn[] {
  const where = 'open' in which ? `p.status IN ${OPEN_SQL}` : 'p.id = :projectId';
  const rows = cachedStatement(
    db,
    `WITH g AS MATERIALIZED (
         -- per project and invoice, from the maintained aggregate (migrations/sqlite/0009): the value
         -- under the project's rounding rule now, each entry rounded and valued as invoiced
         SELECT v.project_id, v.invoice_id, v.minutes, v.billable_minutes, ${VALUE_OF_RULE_SQL} AS value
         FROM projects p CROSS JOIN project_values v -- CROSS: the projects first, then each one's rows by the key
         WHERE v.project_id = p.id AND ${where}
       ),
       e AS (
         SELECT g.project_id, sum(g.minutes) AS minutes, sum(g.billable_minutes) AS billable_minutes, sum(g.value) AS value,
           sum(CASE WHEN i.id IS NOT NULL THEN g.value ELSE 0 END) AS billed
         FROM g LEFT JOIN invoices i ON i.id = g.invoice_id AND i.status <> 'void'
         GROUP BY g.project_id
       ),
       m AS (
         SELECT i.project_id, sum(i.subtotal_cents) AS invoiced
         FROM projects p JOIN invoices i ON i.project_id = p.id
         WHERE p.pricing = 'fixed' AND i.status <> 'void' AND ${where}
         GROUP BY i.project_id
       )
       SELECT p.id AS projectId, p.name, c.name AS clientName, p.tier, p.status,
         coalesce(e.minutes, 0) AS minutes, coalesce(e.billable_minutes, 0) AS billableMinutes,
         coalesce(e.value, 0) AS valueCents, p.pricing,
         -- A fixed-price project bills milestones of its price, never its hours: billed is the
         -- milestones invoiced (not void), unbilled what is left of the price.
         CASE WHEN p.pricing = 'fixed' THEN coalesce(m.invoiced, 0) ELSE coalesce(e.billed, 0) END AS billedCents,
         CASE WHEN p.pricing = 'fixed' THEN max(0, p.budget_cents - coalesce(m.invoiced, 0))
              ELSE coalesce(e.value, 0) - coalesce(e.billed, 0) END AS unbilledCents,
         nullif(p.budget_cents, 0) AS budgetCents,
         CASE WHEN p.budget_cents > 0 THEN coalesce(e.value, 0) * 1.0 / p.budget_cents END AS burn
       FROM projects p JOIN clients c ON c.id = p.client_id LEFT JOIN e ON e.project_id = p.id
         LEFT JOIN m ON m.project_id = p.id
       WHERE ${where}
       ORDER BY burn IS NULL, burn DESC, p.name, p.id`,
  ).all('open' in which ? {} : { projectId: which.projectId }) as Omit<ProjectBurn, 'flagged' | 'overBudget'>[];
  return rows.map((r) => ({ ...r, flagged: r.burn !== null && r.burn >= BURN_WARNING, overBudget: r.burn !== null && r.burn > 1 }));
}

/** A consultant (kind 0), or the weeks with billable time (kind 1: `name` is a JSON array of [consultant, week, minutes]). */
interface GridRow {
  kind: 0 | 1;
  consultant_id: string | null;
  name: string | null;
  cap_hours: number | null;
  active: number | null;
  prev_minutes: number | null;
  week: string | null;
  billable: number | null;
  c_billable: number | null;
  c_capacity: number | null;
  p_capacity: number | null;
  t_billable: number | null;
  t_capacity: number | null;
  tp_billable: number | null;
  tp_capacity: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * Billable minutes per consultant and local week (weeks cut to the range), capacity of each week
 * (weekly hours × its weekdays in the range / 5), and utilization. Consultants shown: the active
 * ones and any who logged billable time in either period. An inactive consultant has left (the
 * data has no leaving day): their hours are shown, with no capacity and no utilization, and they
 * are left out of the team's utilization so their hours do not inflate it.
 */
export function consultantUtilization(
  db: Sqlite,
  range: ProjectsRange,
  previous: ProjectsRange,
  missing: MissingInput[] = [],
  options: {
    /** 'utc': from the UTC-day aggregate and the entries even when the local days could answer (tests compare both). */
    source?: 'auto' | 'utc';
    /** Leave the per-week cells out (the week totals are still summed for the consultants' totals). */
    cells?: boolean;
  } = {},
): Utilization {
  const source = options.source ?? 'auto';
  const withCells = options.cells ?? true;
  const cur = weekSegments(range.from, range.to, range.timeZone);
  const local = source === 'auto' && localDaysFor(db, range.timeZone, previous.from < range.from ? previous.from : range.from, range.to);
  const { sql: partsSql, params } = local ? localParts(cur, previous) : utcParts(cur, previous);
  // Without the cells (a range longer than the grid draws) the week totals are neither grouped nor
  // sent: the consultants' totals are summed from the pieces directly.
  const sums = withCells
    ? `sums AS MATERIALIZED (
         SELECT consultant_id, label AS week, sum(minutes) AS minutes FROM parts WHERE label <> 'prev' GROUP BY 1, 2
       ),
       tot AS MATERIALIZED (SELECT consultant_id, sum(minutes) AS minutes FROM sums GROUP BY 1),`
    : `tot AS MATERIALIZED (SELECT consultant_id, sum(minutes) AS minutes FROM parts WHERE label <> 'prev' GROUP BY 1),`;
  const cellsRow = withCells
    ? `UNION ALL
       SELECT 1, NULL, json_group_array(json_array(s.consultant_id, s.week, s.minutes)), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL
       FROM sums s WHERE s.minutes <> 0`
    : '';
  const rows = cachedStatement(
    db,
    `WITH ${partsSql},
       ${sums}
       prev AS MATERIALIZED (
         SELECT consultant_id, sum(minutes) AS minutes FROM parts WHERE label = 'prev' GROUP BY 1
       ),
       -- each consultant's totals once (a week's capacity summed over the weeks is the range's workdays)
       people AS MATERIALIZED (
         SELECT c.id, c.name, c.weekly_capacity_hours, c.active, coalesce(prev.minutes, 0) AS prev_minutes,
           coalesce(tot.minutes, 0) AS c_billable,
           CASE WHEN c.active = 1 THEN c.weekly_capacity_hours * 12 * :curWorkdays ELSE 0 END AS c_capacity,
           CASE WHEN c.active = 1 THEN c.weekly_capacity_hours * 12 * :prevWorkdays ELSE 0 END AS p_capacity
         FROM consultants c LEFT JOIN prev ON prev.consultant_id = c.id LEFT JOIN tot ON tot.consultant_id = c.id
         WHERE c.active = 1 OR tot.minutes IS NOT NULL OR prev.minutes IS NOT NULL
       ),
       team AS MATERIALIZED (
         SELECT coalesce(sum(CASE WHEN active = 1 THEN c_billable END), 0) AS t_billable, coalesce(sum(c_capacity), 0) AS t_capacity,
           coalesce(sum(CASE WHEN active = 1 THEN prev_minutes END), 0) AS tp_billable, coalesce(sum(p_capacity), 0) AS tp_capacity
         FROM people
       )
       -- the consultants with their totals (ordered as shown), then the weeks with billable time, as
       -- one JSON array (thousands of rows as objects cost more than the query): a week's capacity is
       -- the consultant's weekly hours × its workdays, so it needs no row
       SELECT 0 AS kind, p.id AS consultant_id, p.name, p.weekly_capacity_hours AS cap_hours, p.active, p.prev_minutes,
         NULL AS week, NULL AS billable, p.c_billable, p.c_capacity, p.p_capacity, team.*
       FROM people p CROSS JOIN team
       ${cellsRow}
       ORDER BY 1, 3, 2`,
  ).all({
    ...params,
    curWorkdays: workdaysIn(range.from, range.to),
    prevWorkdays: workdaysIn(previous.from, previous.to),
  }) as GridRow[];

  const consultants: ConsultantPeriod[] = [];
  const billable = new Map<string, number>();
  const team = {
    billableMinutes: 0,
    capacityMinutes: 0,
    utilization: null as number | null,
    previous: { billableMinutes: 0, capacityMinutes: 0, utilization: null as number | null },
  };
  for (const r of rows) {
    if (r.kind === 1) {
      for (const [consultant, week, minutes] of JSON.parse(r.name!) as Array<[string, string, number]>)
        billable.set(`${consultant}|${week}`, minutes);
      continue;
    }
    consultants.push({
      consultantId: r.consultant_id!,
      name: r.name!,
      weeklyCapacityHours: r.cap_hours!,
      active: r.active === 1,
      billableMinutes: r.c_billable!,
      capacityMinutes: r.c_capacity!,
      utilization: ratio(r.c_billable!, r.c_capacity!),
      previous: { billableMinutes: r.prev_minutes!, capacityMinutes: r.p_capacity!, utilization: ratio(r.prev_minutes!, r.p_capacity!) },
    });
    Object.assign(team, { billableMinutes: r.t_billable, capacityMinutes: r.t_capacity, utilization: ratio(r.t_billable!, r.t_capacity!) });
    team.previous = {
      billableMinutes: r.tp_billable!,
      capacityMinutes: r.tp_capacity!,
      utilization: ratio(r.tp_billable!, r.tp_capacity!),
    };
  }
  // One cell per consultant and week with billable time or capacity, consultants as ordered, weeks in order.
  const cells: ConsultantWeek[] = [];
  for (const c of withCells ? consultants : []) {
    for (const w of cur) {
      const minutes = billable.get(`${c.consultantId}|${w.week}`) ?? 0;
      const capacity = c.active ? c.weeklyCapacityHours * 12 * w.workdays : 0;
      if (minutes > 0 || capacity > 0)
        cells.push({
          consultantId: c.consultantId,
          week: w.week,
          billableMinutes: minutes,
          capacityMinutes: capacity,
          utilization: ratio(minutes, capacity),
        });
    }
  }
  for (const c of consultants) {
    if (c.active && c.weeklyCapacityHours === 0)
      missing.push({
        kind: 'no_capacity',
        id: c.consultantId,
        name: c.name,
        message: `${c.name} has no weekly capacity (0 hours), so no utilization is shown for them. Set their weekly capacity.`,
      });
  }
  return {
    target: UTILIZATION_TARGET,
    weeks: cur.map(({ week, first, last, workdays }) => ({ week, first, last, workdays })),
    consultants,
    cells,
    cellsIncluded: withCells,
    team,
  };
}

/**
 * SQL (CTE `parts(consultant_id, label, minutes)`): billable minutes per consultant and local week
 * of the range (labelled by its Monday) and in the previous period ('prev'), from the aggregates
 * keyed by the workspace's local days (migrations/sqlite/0011): whole weeks from the weekly one,
 * the days of a week cut by a period's ends from the daily one; nothing to cut at UTC midnights.
 */
function localParts(cur: WeekSegment[], previous: ProjectsRange): { sql: string; params: Record<string, string> } {
  const curPieces = cur.flatMap((s) => weekPieces(s.week, s.first, s.last));
  const prevPieces = weekPieces('prev', previous.from, previous.to);
  // The range's whole weeks are consecutive: one range of Mondays (none: an empty range).
  const curWeeks = curPieces.filter((p) => p[1] === 'w').map((p) => p[2]);
  const prevWeeks = prevPieces.find((p) => p[1] === 'w');
  const days = [...curPieces, ...prevPieces].filter((p) => p[1] === 'd').map(([label, , first, last]) => [label, first, last]);
  return {
    sql: `d AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS label, json_extract(value, '$[1]') AS first, json_extract(value, '$[2]') AS last
         FROM json_each(:days)
       ),
       -- the whole weeks of the range and of the previous period, each a range of the weekly
       -- aggregate read in key order; the few days of cut weeks, one range of the daily one per
       -- consultant and piece
       parts AS MATERIALIZED (
         SELECT consultant_id, week AS label, minutes FROM billable_local_weeks WHERE week >= :curWeekFrom AND week <= :curWeekTo
         UNION ALL
         SELECT consultant_id, 'prev', sum(minutes) FROM billable_local_weeks WHERE week >= :prevWeekFrom AND week <= :prevWeekTo
         GROUP BY consultant_id
         UNION ALL
         SELECT * FROM (
           SELECT c.id AS consultant_id, d.label,
             (SELECT sum(a.minutes) FROM billable_local_days a WHERE a.consultant_id = c.id AND a.day >= d.first AND a.day <= d.last) AS minutes
           FROM consultants c CROSS JOIN d
         ) WHERE minutes IS NOT NULL
       )`,
    params: {
      days: JSON.stringify(days),
      curWeekFrom: curWeeks[0] ?? '~',
      curWeekTo: curWeeks.at(-1) ?? '',
      prevWeekFrom: prevWeeks?.[2] ?? '~',
      prevWeekTo: prevWeeks?.[3] ?? '',
    },
  };
}

/**
 * The local days [first, last] as pieces to read: whole Monday-to-Sunday weeks ('w', from the first
 * Monday to the last, inclusive) and the days before and after them ('d', first to last day).
 */
export function weekPieces(label: string, first: string, last: string): Array<[string, 'w' | 'd', string, string]> {
  const monday = weekStart(first) === first ? first : addDays(weekStart(first), 7);
  const lastMonday = addDays(weekStart(addDays(last, 1)), -7); // the Monday of the last whole week ending by `last`
  if (monday > lastMonday) return [[label, 'd', first, last]];
  const pieces: Array<[string, 'w' | 'd', string, string]> = [];
  if (first < monday) pieces.push([label, 'd', first, addDays(monday, -1)]);
  pieces.push([label, 'w', monday, lastMonday]);
  const after = addDays(lastMonday, 7);
  if (after <= last) pieces.push([label, 'd', after, last]);
  return pieces;
}

/**
 * The same CTE `parts` for a zone the local-day aggregate is not keyed by: each week's whole UTC
 * days from billable_days, the partial UTC days at its ends from the entries.
 */
function utcParts(cur: WeekSegment[], previous: ProjectsRange): { sql: string; params: Record<string, string> } {
  const prevBounds = rangeBounds(previous.from, previous.to, previous.timeZone);
  const spans = splitSpans([
    ...cur.map((s) => ({ label: s.week, start: s.start, until: s.until })),
    { label: 'prev', start: prevBounds.start, until: prevBounds.until },
  ]);
  return {
    sql: `d AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS label, json_extract(value, '$[1]') AS day_from, json_extract(value, '$[2]') AS day_to
         FROM json_each(:days)
       ),
       x AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS label, json_extract(value, '$[1]') AS at, json_extract(value, '$[2]') AS until
         FROM json_each(:edges)
       ),
       -- per consultant and period, one range of the aggregate's key for its whole days and one of
       -- the covering index for each partial day at its ends, each summed by itself (no sort), once
       raw AS MATERIALIZED (
           SELECT c.id AS consultant_id, d.label,
             (SELECT sum(a.minutes) FROM billable_days a WHERE a.consultant_id = c.id AND a.day >= d.day_from AND a.day < d.day_to) AS minutes
           FROM consultants c CROSS JOIN d
           UNION ALL
           SELECT c.id, x.label,
             (SELECT sum(e.minutes) FROM time_entries e INDEXED BY time_entries_consultant_started_billable
              WHERE e.consultant_id = c.id AND e.billable = 1 AND e.started_at >= x.at AND e.started_at < x.until)
           FROM consultants c CROSS JOIN x
       ),
       parts AS (SELECT * FROM raw WHERE minutes IS NOT NULL)`,
    params: { days: JSON.stringify(spans.days), edges: JSON.stringify(spans.edges) },
  };
}

/**
 * SQL (CTEs `done`, `completed`, `periods`): completed projects whose completion day (the local day
 * of their last entry, kept in project_spans) is in [from, to], with `period` 'cur' from `curFrom` on, else 'prev'.
 */
export function completedSql(from: string, curFrom: string, to: string, timeZone: string): { sql: string; params: Record<string, string> } {
  const { start, until } = rangeBounds(from, to, timeZone);
  return {
    sql: `done AS MATERIALIZED (
        SELECT p.id, p.name, p.client_id, p.tier, p.status, p.start_on, p.due_on, s.last_at
        FROM projects p LEFT JOIN project_spans s ON s.project_id = p.id WHERE p.status = 'completed'
      ),
      completed AS MATERIALIZED (
        SELECT done.*, ${localDaySqlOf('last_at', start, until, timeZone)} AS day FROM done WHERE last_at >= :doneStart AND last_at < :doneUntil
      ),
      periods AS (
        SELECT *, CASE WHEN day >= :curFrom THEN 'cur' ELSE 'prev' END AS period,
          julianday(day) - julianday(start_on) AS days
        FROM completed
      )`,
    params: { doneStart: start, doneUntil: until, curFrom },
  };
}

export function projectVelocity(db: Sqlite, range: ProjectsRange, previous: ProjectsRange, missing: MissingInput[] = []): Velocity {
  const { sql, params } = completedSql(previous.from, range.from, range.to, range.timeZone);
  // One statement, every completed project's last entry read once from the maintained project_spans
  // (migrations/sqlite/0015; seeking it in the entries cost 22 ms at scale 10): per period and tier,
  // per month of the range, and the completed projects without any entry.
  const rows = db
    .prepare(
      `WITH ${sql}
       SELECT 0 AS kind, period, tier, count(*) AS n, sum(days) AS days, sum(due_on IS NOT NULL) AS with_due, sum(day <= due_on) AS on_time,
         NULL AS month, NULL AS id, NULL AS name
       FROM periods GROUP BY period, tier
       UNION ALL
       SELECT 1, 'cur', NULL, count(*), NULL, NULL, NULL, substr(day, 1, 7), NULL, NULL FROM periods WHERE period = 'cur' GROUP BY 8
       UNION ALL
       SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, id, name FROM done WHERE last_at IS NULL
       ORDER BY 1, 10, 9`,
    )
    .all(params) as {
    kind: 0 | 1 | 2;
    period: 'cur' | 'prev';
    tier: ProjectTier;
    n: number;
    days: number;
    with_due: number;
    on_time: number | null;
    month: string;
    id: string;
    name: string;
  }[];
  const byTier = rows.filter((r) => r.kind === 0);
  const perMonth = rows.filter((r) => r.kind === 1);
  const noDay = rows.filter((r) => r.kind === 2);
  for (const p of noDay)
    missing.push({
      kind: 'no_completion_day',
      id: p.id,
      name: p.name,
      message: `${p.name} is completed but has no time entries, so its completion day is unknown: it is left out of velocity.`,
    });

  const figures = (period: 'cur' | 'prev'): VelocityFigures => {
    const mine = byTier.filter((r) => r.period === period);
    const sum = (f: (r: (typeof mine)[number]) => number) => mine.reduce((a, r) => a + f(r), 0);
    const completed = sum((r) => r.n);
    const withDueDay = sum((r) => r.with_due);
    const onTime = sum((r) => r.on_time ?? 0);
    const averageDaysByTier = Object.fromEntries(
      PROJECT_TIERS.map((t) => {
        const r = mine.find((m) => m.tier === t);
        return [t, r ? r.days / r.n : null];
      }),
    ) as Record<ProjectTier, number | null>;
    return {
      completed,
      averageDaysByTier,
      averageDays: completed > 0 ? sum((r) => r.days) / completed : null,
      onTimeShare: withDueDay > 0 ? onTime / withDueDay : null,
      onTime,
      withDueDay,
    };
  };
  const counts = new Map(perMonth.map((m) => [m.month, m.n]));
  const months: { month: string; completed: number }[] = [];
  for (let m = range.from.slice(0, 7); m <= range.to.slice(0, 7); m = nextMonth(m))
    months.push({ month: m, completed: counts.get(m) ?? 0 });
  return { ...figures('cur'), completionRule: COMPLETION_RULE, months, previous: figures('prev') };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The UTC bounds of a range of local days: [start of from, start of the day after to). */
export function rangeBounds(from: string, to: string, timeZone: string): { start: string; until: string } {
  return { start: dayStartUtc(from, timeZone), until: dayStartUtc(addDays(to, 1), timeZone) };
}
