// The billing dashboard, computed by SQL over the replica. Definitions (each figure's type in
// shared/features/billing/types.ts says the same):
// - Revenue: sent and paid invoices, ex GST, by the day issued ("invoiced") and paid invoices by the
//   day paid ("paid"); GST beside it, as stored per invoice (10 %, rounded half-up per invoice).
//   Void invoices count nowhere; drafts are not revenue yet. The previous period is the range bar's
//   (shared/ranges.ts previousRange): whole months against as many months before, else as many days.
// - Aging: invoices owed at the aging day (`to`, or today when `to` is in the future: a day not yet
//   reached cannot be aged), by days past due; amounts are totals, GST included (what is owed).
// - Work in progress: billable entries of hourly projects started before the end of `to` and not
//   on a sent or paid invoice (a draft's entries are still WIP, shown apart), each valued as an
//   invoice bills it: minutes rounded by the project's rule, × the entry's snapshotted rate, ÷ 60,
//   to the cent half-up, entry by entry. So WIP + the entries on sent/paid invoices = every
//   billable entry's value, exactly, and a draft sent later moves its amount from WIP to invoiced.
//   A fixed-price package's hours are cost, not WIP: its price is billed in milestones.
// - Margin (period): revenue − labour (each consultant's minutes on the project × their cost rate,
//   to the cent half-up per consultant and project, every entry billable or not) − expenses spent.
//   A consultant with no cost rate (a consultant's replica has none) makes the labour cost and the
//   margin null, with the names, never a cost of 0.
// - Fixed price (life to date, to the end of `to`): the price (budget) against labour + expenses,
//   and the effective hourly rate, price ÷ hours worked.
import type { ProjectPricing, ProjectTier } from '../../../../shared/domain';
import {
  AGING_BUCKETS,
  PAID_WITHIN_30_TARGET,
  type AgingAmounts,
  type AgingBucket,
  type BillingDashboard,
  type ClientWip,
  type FixedPriceFigures,
  type MarginFigures,
  type Missing,
  type MonthRevenue,
  type PeriodRevenue,
  type ProjectMargin,
  type TierMargin,
} from '../../../../shared/features/billing/types';
import { previousRange } from '../../../../shared/ranges';
import { addDays } from '../../../../shared/time';
import type { Sqlite } from '../../db/open';
import { cachedStatement } from '../../db/query';
import { AMOUNT_CENTS_SQL, ROUNDED_MINUTES_SQL, ROUNDED_OF_RULE_SQL, VALUE_OF_RULE_SQL } from '../../hours/rounding';
import { labourPartsSql, labourPlan, missingRatesSql, workCte, type LabourEnds } from './labour';
import {
  AGING_BUCKET_SQL,
  BILLED_STATUSES_SQL,
  daysIn,
  hasIndex,
  instantBounds,
  outstandingInvoicesSql,
  wipEntriesSql,
  DAYS_PAST_DUE_SQL,
} from './sql';

export interface BillingQuery {
  from: string;
  to: string;
  timeZone: string;
  /** Today in the zone. */
  today: string;
  /** How labour's partial months are read (tests force each way; the default reads the fewest entries). */
  labourEnds?: LabourEnds;
}

export function billingDashboard(db: Sqlite, q: BillingQuery): BillingDashboard {
  const days = daysIn(q.from, q.to);
  if (!(days >= 1 && days <= 366)) throw new RangeError(`A billing range is 1 to 366 days; this one is ${days}.`);
  const asOf = q.to < q.today ? q.to : q.today;
  const { at, until } = instantBounds(q.from, q.to, q.timeZone);
  // The comparison period the range bar shows (shared/ranges.ts): whole months against as many whole
  // months just before, any other range against as many days just before.
  const { from: prevFrom, to: prevTo } = previousRange({ from: q.from, to: q.to });
  const params = { from: q.from, to: q.to, prevFrom, prevTo, asOf, at, until, labourEnds: q.labourEnds };

  const revenue = revenueByMonth(db, params);
  const aging = agingFigures(db, asOf);
  const margin = marginFigures(db, params);
  return {
    range: { from: q.from, to: q.to, timeZone: q.timeZone, days, today: q.today },
    revenue,
    ...revenueSplits(db, params),
    aging,
    wip: wipFigures(db, q.to, until),
    margin,
    fixedPrice: fixedPriceFigures(db, params),
    collection: collection(db, params),
    dso: dso(db, q.from, asOf, aging.totalCents),
    revenuePerHour: {
      revenueCents: revenue.current.invoicedCents,
      minutes: margin.total.minutes,
      centsPerHour: margin.total.minutes > 0 ? Math.round((revenue.current.invoicedCents * 60) / margin.total.minutes) : null,
    },
  };
}

type Params = {
  from: string;
  to: string;
  prevFrom: string;
  prevTo: string;
  asOf: string;
  at: string;
  until: string;
  labourEnds?: LabourEnds | undefined;
};

/** Calendar months that meet [from, to], each cut to the range. */
function monthsOf(from: string, to: string): Array<{ month: string; from: string; to: string }> {
  const out: Array<{ month: string; from: string; to: string }> = [];
  let first = from;
  while (first <= to) {
    const [y, m] = first.split('-').map(Number) as [number, number];
    const next = `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`;
    const last = addDays(next, -1) < to ? addDays(next, -1) : to;
    out.push({ month: first.slice(0, 7), from: first, to: last });
    first = next;
  }
  return out;
}

function revenueByMonth(db: Sqlite, p: Params): BillingDashboard['revenue'] {
  // Each month of both periods (cut to its period) is one range of the covering index per basis,
  // summed by itself: no sort of the invoices by month.
  const months = [
    ...monthsOf(p.from, p.to).map((m) => [1, m.month, m.from, m.to]),
    ...monthsOf(p.prevFrom, p.prevTo).map((m) => [0, m.month, m.from, m.to]),
  ];
  const sums = cachedStatement(
    db,
    `WITH m AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS current, json_extract(value, '$[1]') AS month,
           json_extract(value, '$[2]') AS first, json_extract(value, '$[3]') AS last
         FROM json_each(:months)
       )
       SELECT m.current, m.month,
         (SELECT json_array(coalesce(sum(subtotal_cents), 0), coalesce(sum(tax_cents), 0), count(*)) FROM invoices
          WHERE issued_on BETWEEN m.first AND m.last AND status IN ${BILLED_STATUSES_SQL}) AS invoiced,
         (SELECT json_array(coalesce(sum(subtotal_cents), 0), coalesce(sum(tax_cents), 0), count(*)) FROM invoices
          WHERE paid_on BETWEEN m.first AND m.last AND status = 'paid') AS paid
       FROM m`,
  ).all({ months: JSON.stringify(months) }) as Array<{ current: 0 | 1; month: string; invoiced: string; paid: string }>;
  const rows = sums.flatMap((r) =>
    (['invoiced', 'paid'] as const).map((basis) => {
      const [cents, tax, n] = JSON.parse(r[basis]) as [number, number, number];
      return { basis, current: r.current, month: r.month, cents, tax, n };
    }),
  );
  const period = (current: 0 | 1, from: string, to: string): PeriodRevenue => {
    const months: MonthRevenue[] = monthsOf(from, to).map((m) => {
      const of = (basis: 'invoiced' | 'paid') => rows.find((r) => r.basis === basis && r.current === current && r.month === m.month);
      const inv = of('invoiced');
      const paid = of('paid');
      return {
        ...m,
        invoicedCents: inv?.cents ?? 0,
        invoicedTaxCents: inv?.tax ?? 0,
        invoicedCount: inv?.n ?? 0,
        paidCents: paid?.cents ?? 0,
        paidTaxCents: paid?.tax ?? 0,
        paidCount: paid?.n ?? 0,
      };
    });
    const sum = (key: keyof MonthRevenue) => months.reduce((s, m) => s + (m[key] as number), 0);
    return {
      from,
      to,
      months,
      invoicedCents: sum('invoicedCents'),
      invoicedTaxCents: sum('invoicedTaxCents'),
      invoicedCount: sum('invoicedCount'),
      paidCents: sum('paidCents'),
      paidTaxCents: sum('paidTaxCents'),
      paidCount: sum('paidCount'),
    };
  };
  return { current: period(1, p.from, p.to), previous: period(0, p.prevFrom, p.prevTo) };
}

function revenueSplits(db: Sqlite, p: Params): Pick<BillingDashboard, 'byClient' | 'byTier'> {
  const billed = `FROM invoices i LEFT JOIN projects p ON p.id = i.project_id
    WHERE i.issued_on BETWEEN :from AND :to AND i.status IN ${BILLED_STATUSES_SQL}`;
  const byClient = cachedStatement(
    db,
    // Summed per client first, then named: 200 lookups, not one per invoice.
    `WITH s AS (
       SELECT i.client_id, sum(i.subtotal_cents) AS invoicedCents, sum(i.tax_cents) AS taxCents, count(*) AS invoices
       FROM invoices i WHERE i.issued_on BETWEEN :from AND :to AND i.status IN ${BILLED_STATUSES_SQL} GROUP BY i.client_id)
     SELECT s.client_id AS clientId, c.name AS clientName, s.invoicedCents, s.taxCents, s.invoices
     FROM s JOIN clients c ON c.id = s.client_id
     ORDER BY invoicedCents DESC, clientName`,
  ).all(p) as BillingDashboard['byClient'];
  const byTier = cachedStatement(
    db,
    `SELECT p.tier AS tier, sum(i.subtotal_cents) AS invoicedCents, sum(i.tax_cents) AS taxCents, count(*) AS invoices
       ${billed} GROUP BY p.tier ORDER BY p.tier IS NULL, p.tier`,
  ).all(p) as BillingDashboard['byTier'];
  return { byClient, byTier };
}

function agingFigures(db: Sqlite, asOf: string): BillingDashboard['aging'] {
  const sums = AGING_BUCKETS.map((b) => `sum(CASE WHEN bucket = '${b}' THEN total_cents ELSE 0 END) AS ${b}`).join(', ');
  const rows = cachedStatement(
    db,
    `WITH o AS (${outstandingInvoicesSql(`i.client_id, i.total_cents, ${AGING_BUCKET_SQL} AS bucket, ${DAYS_PAST_DUE_SQL} AS late`)})
       SELECT o.client_id AS clientId, c.name AS clientName, ${sums}, sum(total_cents) AS totalCents, count(*) AS invoices,
         max(late) AS maxDaysPastDue
       FROM o JOIN clients c ON c.id = o.client_id
       GROUP BY o.client_id ORDER BY totalCents DESC, clientName`,
  ).all({ asOf }) as Array<
    Record<AgingBucket, number> & { clientId: string; clientName: string; totalCents: number; invoices: number; maxDaysPastDue: number }
  >;
  const zero = (): AgingAmounts => Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as AgingAmounts;
  const totals = zero();
  const clients = rows.map((r) => {
    const buckets = zero();
    for (const b of AGING_BUCKETS) {
      buckets[b] = r[b];
      totals[b] += r[b];
    }
    return {
      clientId: r.clientId,
      clientName: r.clientName,
      buckets,
      totalCents: r.totalCents,
      invoices: r.invoices,
      maxDaysPastDue: r.maxDaysPastDue,
    };
  });
  return {
    asOf,
    clients,
    totals,
    totalCents: clients.reduce((s, c) => s + c.totalCents, 0),
    invoices: clients.reduce((s, c) => s + c.invoices, 0),
  };
}

/**
 * Entries started at or after the range's end up to which work in progress is read from the
 * aggregate less those entries; more (a range that ended long ago), from the entries themselves.
 */
const LATE_ENTRIES_MAX = 5_000;

/**
 * SQL (CTE body `w(project_id, entries, minutes, rounded, cents, draft)`): the work in progress of
 * hourly projects per project and draft or not, from `project_values` (every billable entry on no
 * invoice or on a draft or void one, each rounded under its project's rule now) less the entries
 * started at or after `:until`: the same figures as `wipEntriesSql` without reading the 68k
 * unbilled entries of scale 10. The rows on no invoice and those on a draft or void one are read
 * apart, each from its own small index (0019), where one join read all 9k rows of the aggregate.
 */
const WIP_FROM_AGGREGATE_SQL = `
  SELECT p.id AS project_id, v.billable_entries AS entries, v.billable_minutes AS minutes, ${ROUNDED_OF_RULE_SQL} AS rounded,
    ${VALUE_OF_RULE_SQL} AS cents, 0 AS draft
  FROM project_values v JOIN projects p ON p.id = v.project_id
  WHERE v.invoice_id = '' AND v.billable_entries > 0 AND p.pricing = 'hourly'
  UNION ALL
  -- (CROSS: the few draft and void invoices first, then each one's rows; migrations/sqlite/0019. An
  -- invoice id is never '': saying so lets the planner use the partial index of rows by invoice.)
  SELECT p.id, v.billable_entries, v.billable_minutes, ${ROUNDED_OF_RULE_SQL}, ${VALUE_OF_RULE_SQL}, i.status = 'draft'
  FROM invoices i CROSS JOIN project_values v CROSS JOIN projects p
  WHERE i.status IN ('draft', 'void') AND v.invoice_id = i.id AND v.invoice_id <> '' AND p.id = v.project_id
    AND v.billable_entries > 0 AND p.pricing = 'hourly'
  UNION ALL
  SELECT p.id, -count(*), -sum(e.minutes), -sum(${ROUNDED_MINUTES_SQL}), -sum(${AMOUNT_CENTS_SQL}), coalesce(i.status = 'draft', 0)
  FROM time_entries e INDEXED BY time_entries_started_labour JOIN projects p ON p.id = e.project_id
    LEFT JOIN invoices i ON i.id = e.invoice_id
  WHERE e.started_at >= :until AND e.billable = 1 AND p.pricing = 'hourly' AND (e.invoice_id IS NULL OR i.status IN ('draft', 'void'))
  GROUP BY p.id, 6`;

export function wipFigures(
  db: Sqlite,
  to: string,
  until: string,
  /** 'entries': from the entries even when the aggregate could answer (tests compare both). */
  source: 'auto' | 'entries' = 'auto',
): BillingDashboard['wip'] {
  // The aggregate needs the index by start time to find the late entries (an initial sync sets it aside).
  const late =
    source === 'auto' && hasIndex(db, 'time_entries_started_labour')
      ? (db
          .prepare('SELECT count(*) FROM (SELECT 1 FROM time_entries INDEXED BY time_entries_started_labour WHERE started_at >= ? LIMIT ?)')
          .pluck()
          .get(until, LATE_ENTRIES_MAX + 1) as number)
      : Infinity;
  const w =
    late <= LATE_ENTRIES_MAX
      ? WIP_FROM_AGGREGATE_SQL
      : wipEntriesSql(
          db,
          `p.id AS project_id, count(*) AS entries, sum(e.minutes) AS minutes, sum(${ROUNDED_MINUTES_SQL}) AS rounded, sum(${AMOUNT_CENTS_SQL}) AS cents`,
          '',
          'p.id',
        );
  const rows = cachedStatement(
    db,
    `WITH w AS (${w}),
       g AS (
         SELECT project_id, sum(entries) AS entries, sum(minutes) AS rawMinutes, sum(rounded) AS roundedMinutes, sum(cents) AS cents,
           sum(CASE WHEN draft THEN cents ELSE 0 END) AS onDraftCents
         FROM w GROUP BY project_id HAVING sum(entries) > 0)
       SELECT p.client_id AS clientId, c.name AS clientName, g.project_id AS projectId, p.name AS projectName, g.entries,
         g.rawMinutes, g.roundedMinutes, g.cents, g.onDraftCents
       FROM g JOIN projects p ON p.id = g.project_id JOIN clients c ON c.id = p.client_id
       ORDER BY clientName, p.client_id, g.cents DESC, projectName`,
  ).all({ until }) as Array<{
    clientId: string;
    clientName: string;
    projectId: string;
    projectName: string;
    entries: number;
    rawMinutes: number;
    roundedMinutes: number;
    cents: number;
    onDraftCents: number;
  }>;
  // Group the projects (already summed by SQL) under their clients.
  const clients: ClientWip[] = [];
  for (const { clientId, clientName, ...project } of rows) {
    let client = clients.at(-1);
    if (client?.clientId !== clientId) {
      client = { clientId, clientName, cents: 0, onDraftCents: 0, roundedMinutes: 0, projects: [] };
      clients.push(client);
    }
    client.projects.push(project);
    client.cents += project.cents;
    client.onDraftCents += project.onDraftCents;
    client.roundedMinutes += project.roundedMinutes;
  }
  clients.sort((a, b) => b.cents - a.cents || a.clientName.localeCompare(b.clientName));
  return {
    asOf: to,
    cents: clients.reduce((s, c) => s + c.cents, 0),
    onDraftCents: clients.reduce((s, c) => s + c.onDraftCents, 0),
    roundedMinutes: clients.reduce((s, c) => s + c.roundedMinutes, 0),
    clients,
  };
}

/** The consultants named in `ids` (comma-separated, repeats allowed), or null when none is. */
function missingOf(ids: string | null, names: Map<string, string>): Missing | null {
  if (!ids) return null;
  const consultants = [...new Set(ids.split(','))]
    .map((id) => ({ id, name: names.get(id) ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    message: `No cost rate for ${consultants.map((c) => c.name).join(', ')}, so the labour cost and margin are not known. Cost rates come with an admin's sync (a consultant's replica has none); an admin can set them.`,
    consultants,
  };
}

/** Consultants with no cost rate, by id (a handful at most, all of them on a consultant's replica). */
function uncosted(db: Sqlite): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM consultants WHERE cost_rate_cents IS NULL').all() as Array<{ id: string; name: string }>;
  return new Map(rows.map((r) => [r.id, r.name]));
}

function figures(
  r: { revenue: number; minutes: number; cost: number | null; missing: string | null; expenses: number },
  names: Map<string, string>,
): MarginFigures {
  const missing = missingOf(r.missing, names);
  const labourCostCents = missing ? null : (r.cost ?? 0);
  const marginCents = labourCostCents === null ? null : r.revenue - labourCostCents - r.expenses;
  return {
    revenueCents: r.revenue,
    minutes: r.minutes,
    labourCostCents,
    expensesCents: r.expenses,
    marginCents,
    marginShare: marginCents !== null && r.revenue > 0 ? marginCents / r.revenue : null,
    missing,
  };
}

function marginFigures(db: Sqlite, p: Params): BillingDashboard['margin'] {
  const names = uncosted(db);
  // Per project first (labour, revenue, expenses in the period), then the tiers and the total from
  // those same rows, so the three levels add up by construction.
  const rows = cachedStatement(
    db,
    // One union of the period's labour, revenue and expense rows, grouped once by project (and by
    // client for invoices tied to no project): joining three grouped CTEs cost twice as much.
    `WITH parts AS (
         ${labourPartsSql(db)}
         UNION ALL
         SELECT project_id, CASE WHEN project_id IS NULL THEN client_id END, 0, NULL, 0, sum(subtotal_cents), 0, 1 FROM invoices
         WHERE issued_on BETWEEN :from AND :to AND status IN ${BILLED_STATUSES_SQL}
         GROUP BY project_id, CASE WHEN project_id IS NULL THEN client_id END
         UNION ALL
         SELECT project_id, NULL, 0, NULL, 0, 0, sum(amount_cents), 1 FROM expenses WHERE spent_on BETWEEN :from AND :to GROUP BY project_id),
       by_project AS (
         SELECT project_id, client_id, sum(revenue) AS revenue, sum(minutes) AS minutes,
           CASE WHEN count(cost60) > 0 THEN (sum(cost60) + 30) / 60 END AS cost, max(uncosted) AS uncosted, sum(expenses) AS expenses
         FROM parts GROUP BY project_id, client_id HAVING sum(minutes) > 0 OR max(other) = 1),
       m AS MATERIALIZED (
         SELECT b.project_id, p.name AS project_name, coalesce(p.client_id, b.client_id) AS client_id, p.tier, p.pricing,
           b.revenue, b.minutes, b.cost, CASE WHEN b.uncosted THEN ${missingRatesSql('b.project_id')} END AS missing, b.expenses
         FROM by_project b LEFT JOIN projects p ON p.id = b.project_id)
       SELECT 'project' AS level, m.project_id, m.project_name, m.client_id, c.name AS client_name, m.tier, m.pricing,
         m.revenue, m.minutes, m.cost, m.missing, m.expenses
       FROM m LEFT JOIN clients c ON c.id = m.client_id
       UNION ALL
       SELECT 'tier', NULL, NULL, NULL, NULL, tier, NULL, sum(revenue), sum(minutes), sum(cost),
         group_concat(missing), sum(expenses)
       FROM m GROUP BY tier
       UNION ALL
       SELECT 'total', NULL, NULL, NULL, NULL, NULL, NULL, coalesce(sum(revenue), 0), coalesce(sum(minutes), 0), sum(cost),
         group_concat(missing), coalesce(sum(expenses), 0)
       FROM m`,
  ).all({ ...p, ...labourPlan(db, p.at, p.until, p.labourEnds) }) as Array<{
    level: 'project' | 'tier' | 'total';
    project_id: string | null;
    project_name: string | null;
    client_id: string;
    client_name: string | null;
    tier: ProjectTier | null;
    pricing: ProjectPricing | null;
    revenue: number;
    minutes: number;
    cost: number | null;
    missing: string | null;
    expenses: number;
  }>;
  const projects: ProjectMargin[] = rows
    .filter((r) => r.level === 'project')
    .map((r) => ({
      projectId: r.project_id,
      projectName: r.project_name,
      clientId: r.client_id,
      clientName: r.client_name,
      tier: r.tier,
      pricing: r.pricing,
      ...figures(r, names),
    }))
    .sort((a, b) => b.revenueCents - a.revenueCents || (a.projectName ?? '').localeCompare(b.projectName ?? ''));
  const tiers: TierMargin[] = rows
    .filter((r) => r.level === 'tier')
    .map((r) => ({ tier: r.tier, ...figures(r, names) }))
    .sort((a, b) => (a.tier === null ? 1 : b.tier === null ? -1 : a.tier.localeCompare(b.tier)));
  return {
    projects,
    tiers,
    total: figures(
      rows.find((r) => r.level === 'total')!,
      names,
    ),
  };
}

function fixedPriceFigures(db: Sqlite, p: Params): FixedPriceFigures[] {
  const names = uncosted(db);
  // Packages running in the period (started by its end, and due in it or later, or still open),
  // each with its whole history up to the end of `to`.
  const rows = cachedStatement(
    db,
    `WITH fp AS MATERIALIZED (
         SELECT id FROM projects WHERE pricing = 'fixed' AND start_on <= :to
           AND (due_on IS NULL OR due_on >= :from OR status IN ('active', 'on_hold'))),
       ${workCte(db, 'fp')}
       SELECT p.id, p.name, p.client_id, c.name AS client_name, p.tier, p.status, p.budget_cents AS price,
         coalesce((SELECT sum(i.subtotal_cents) FROM invoices i
                   WHERE i.project_id = p.id AND i.issued_on <= :to AND i.status IN ${BILLED_STATUSES_SQL}), 0) AS invoiced,
         coalesce(w.minutes, 0) AS minutes, w.cost, w.missing,
         coalesce((SELECT sum(x.amount_cents) FROM expenses x WHERE x.project_id = p.id AND x.spent_on <= :to), 0) AS expenses
       FROM fp JOIN projects p ON p.id = fp.id JOIN clients c ON c.id = p.client_id LEFT JOIN work w ON w.project_id = p.id
       ORDER BY p.start_on DESC, p.name`,
  ).all({ ...p, ...labourPlan(db, null, p.until, p.labourEnds) }) as Array<{
    id: string;
    name: string;
    client_id: string;
    client_name: string;
    tier: ProjectTier;
    status: string;
    price: number;
    invoiced: number;
    minutes: number;
    cost: number | null;
    missing: string | null;
    expenses: number;
  }>;
  return rows.map((r) => {
    const missing = missingOf(r.missing, names);
    const labourCostCents = missing ? null : (r.cost ?? 0);
    const costCents = labourCostCents === null ? null : labourCostCents + r.expenses;
    return {
      projectId: r.id,
      projectName: r.name,
      clientId: r.client_id,
      clientName: r.client_name,
      tier: r.tier,
      status: r.status,
      priceCents: r.price,
      invoicedCents: r.invoiced,
      minutes: r.minutes,
      labourCostCents,
      expensesCents: r.expenses,
      costCents,
      marginCents: costCents === null ? null : r.price - costCents,
      effectiveHourlyRateCents: r.minutes > 0 ? Math.round((r.price * 60) / r.minutes) : null,
      missing,
    };
  });
}

/** Known at the aging day: paid by then (within 30 days of issue or not), or unpaid more than 30 days after issue. */
const COLLECTION_SQL = `coalesce(sum(status = 'paid' AND paid_on <= :asOf AND julianday(paid_on) - julianday(issued_on) <= 30), 0) AS within,
  coalesce(sum((status = 'paid' AND paid_on <= :asOf) OR julianday(:asOf) - julianday(issued_on) > 30), 0) AS decided,
  count(*) AS issued`;

const collectionOf = (row: { within: number; decided: number; issued: number }): BillingDashboard['collection'] => ({
  paidWithin30: row.within,
  decided: row.decided,
  share: row.decided > 0 ? row.within / row.decided : null,
  target: PAID_WITHIN_30_TARGET,
  undecided: row.issued - row.decided,
});

export function collection(db: Sqlite, p: Pick<Params, 'from' | 'to' | 'asOf'>): BillingDashboard['collection'] {
  const row = cachedStatement(
    db,
    `SELECT ${COLLECTION_SQL}
       FROM invoices WHERE issued_on BETWEEN :from AND :to AND issued_on <= :asOf AND status IN ${BILLED_STATUSES_SQL}`,
  ).get(p) as { within: number; decided: number; issued: number };
  return collectionOf(row);
}

/**
 * collection() for each span of issue days [from, to] given, in one read of the issue-day index (the
 * spans must not overlap: each invoice is read for the one span it is in). Label → its collection.
 */
export function collectionBySpans(
  db: Sqlite,
  spans: Array<[label: string, from: string, to: string]>,
  asOf: string,
): Map<string, BillingDashboard['collection']> {
  const rows = cachedStatement(
    db,
    `WITH s AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS label, json_extract(value, '$[1]') AS d_from, json_extract(value, '$[2]') AS d_to
         FROM json_each(:spans)
       )
       SELECT s.label, ${COLLECTION_SQL}
       FROM s JOIN invoices i
         ON i.issued_on >= s.d_from AND i.issued_on <= s.d_to AND i.issued_on <= :asOf AND i.status IN ${BILLED_STATUSES_SQL}
       GROUP BY s.label`,
  ).all({ spans: JSON.stringify(spans), asOf }) as Array<{ label: string; within: number; decided: number; issued: number }>;
  const by = new Map(rows.map((r) => [r.label, r]));
  return new Map(spans.map(([label]) => [label, collectionOf(by.get(label) ?? { within: 0, decided: 0, issued: 0 })]));
}

/**
 * Days sales outstanding = receivables at the aging day ÷ invoiced revenue (GST included) issued
 * from `from` to the aging day × the days from `from` to the aging day. E.g. $30k owed after a
 * 90-day period that invoiced $90k: 30 days.
 */
function dso(db: Sqlite, from: string, asOf: string, receivablesCents: number): BillingDashboard['dso'] {
  const spanDays = asOf >= from ? daysIn(from, asOf) : 0;
  const invoiced =
    spanDays > 0
      ? (db
          .prepare(
            `SELECT coalesce(sum(total_cents), 0) FROM invoices WHERE issued_on BETWEEN ? AND ? AND status IN ${BILLED_STATUSES_SQL}`,
          )
          .pluck()
          .get(from, asOf) as number)
      : 0;
  return {
    days: invoiced > 0 ? (receivablesCents / invoiced) * spanDays : null,
    receivablesCents,
    invoicedTotalCents: invoiced,
    spanDays,
  };
}
