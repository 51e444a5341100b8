// Projects' reads besides the dashboard: the list every picker shows, a project's page, and the
// rows behind a clicked figure. Totals come from SQL over all the rows; the lists are bounded.
import { OpsError } from '../../../shared/contract';
import {
  ARCHIVED_PROJECT_STATUSES,
  type InvoiceStatus,
  type JobStatus,
  type ProjectPricing,
  type ProjectStatus,
  type ProjectSummary,
  type ProjectTier,
  type RoundingMode,
} from '../../../shared/domain';
import type {
  DrillProjectRow,
  MissingInput,
  ProjectEntryRow,
  ProjectExpenseRow,
  ProjectFacts,
  ProjectInvoiceRow,
  ProjectJobRow,
  ProjectPage,
  ProjectsRows,
} from '../../../shared/features/projects/types';
import { localDay } from '../../../shared/time';
import { previousRange } from '../../../shared/ranges';
import type { Sqlite } from '../db/open';
import { all, qb } from '../db/query';
import { AMOUNT_CENTS_SQL } from '../hours/rounding';
import { completedSql, noBudget, projectBurn, rangeBounds } from './dashboard';

export function listProjects(db: Sqlite, includeArchived: boolean): ProjectSummary[] {
  let query = qb
    .selectFrom('projects as p')
    .innerJoin('clients as c', 'c.id', 'p.client_id')
    .select([
      'p.id',
      'p.name',
      'c.id as clientId',
      'c.name as clientName',
      'p.tier',
      'p.status',
      'p.hourly_rate_cents as hourlyRateCents',
      'p.rounding_mode as roundingMode',
      'p.rounding_step as roundingStep',
      'p.pricing',
    ])
    .orderBy('c.name')
    .orderBy('p.name');
  if (!includeArchived) query = query.where('p.status', 'not in', [...ARCHIVED_PROJECT_STATUSES]);
  return all(db, query).map((p) => ({
    ...p,
    tier: p.tier as ProjectTier,
    status: p.status as ProjectStatus,
    roundingMode: p.roundingMode as RoundingMode,
    pricing: p.pricing as ProjectPricing,
    archived: ARCHIVED_PROJECT_STATUSES.includes(p.status as ProjectStatus),
  }));
}

/** An entry row's columns: `e` joined to its project `p` and consultant `co`. */
const ENTRY_COLUMNS = `e.id, e.project_id AS projectId, p.name AS projectName, e.consultant_id AS consultantId, co.name AS consultantName, e.started_at AS startedAt, e.minutes,
  e.billable, e.rate_cents AS rateCents, CASE WHEN e.billable = 1 THEN ${AMOUNT_CENTS_SQL} ELSE 0 END AS amountCents,
  e.invoice_id AS invoiceId, e.note`;

type RawEntry = Omit<ProjectEntryRow, 'billable' | 'day'> & { billable: number };
const entryRow = (timeZone: string) => (r: RawEntry) => ({ ...r, billable: r.billable === 1, day: localDay(r.startedAt, timeZone) });

function completedOn(db: Sqlite, projectId: string, timeZone: string): string | null {
  const last = db.prepare('SELECT max(started_at) FROM time_entries WHERE project_id = ?').pluck().get(projectId) as string | null;
  return last ? localDay(last, timeZone) : null;
}

export function projectPage(db: Sqlite, id: string, limit: number, timeZone: string, today: string): ProjectPage {
  const facts = db
    .prepare(
      `SELECT p.id, p.name, p.client_id AS clientId, c.name AS clientName, p.tier, p.status, nullif(p.budget_cents, 0) AS budgetCents,
         p.hourly_rate_cents AS hourlyRateCents, p.rounding_mode AS roundingMode, p.rounding_step AS roundingStep,
         p.start_on AS startOn, p.due_on AS dueOn, (p.due_on IS NOT NULL AND p.due_on < :today AND p.status <> 'completed') AS overdue
       FROM projects p JOIN clients c ON c.id = p.client_id WHERE p.id = :id`,
    )
    .get({ id, today }) as (Omit<ProjectFacts, 'overdue' | 'completedOn'> & { overdue: number }) | undefined;
  if (!facts) throw new OpsError('not_found', `There is no project ${id} in this workspace. Pick one from projects.list.`, 'id');
  const project: ProjectFacts = {
    ...facts,
    overdue: facts.overdue === 1,
    completedOn: facts.status === 'completed' ? completedOn(db, id, timeZone) : null,
  };
  const burn = projectBurn(db, { projectId: id })[0]!;
  const missing: MissingInput[] = [];
  if (burn.budgetCents === null) missing.push(noBudget(id, project.name));

  const cost = db
    .prepare(
      `SELECT coalesce(sum(CASE WHEN co.cost_rate_cents IS NOT NULL THEN e.minutes * co.cost_rate_cents END), 0) AS minuteCents,
         coalesce(sum(CASE WHEN co.cost_rate_cents IS NULL THEN e.minutes END), 0) AS minutesWithout
       FROM time_entries e JOIN consultants co ON co.id = e.consultant_id WHERE e.project_id = ?`,
    )
    .get(id) as { minuteCents: number; minutesWithout: number };
  const noCost = db
    .prepare(
      `SELECT co.id, co.name, sum(e.minutes) AS minutes FROM time_entries e JOIN consultants co ON co.id = e.consultant_id
       WHERE e.project_id = ? AND co.cost_rate_cents IS NULL GROUP BY co.id ORDER BY co.name`,
    )
    .all(id) as { id: string; name: string; minutes: number }[];
  for (const c of noCost)
    missing.push({
      kind: 'no_cost_rate',
      id: c.id,
      name: c.name,
      message: `${c.name} has no cost rate on this replica (${c.minutes} min on this project), so the labour cost and margin are not shown. An admin's replica has it.`,
    });

  const invoiceTotals = db
    .prepare(
      `SELECT status, count(*) AS count, sum(total_cents) AS totalCents, sum(subtotal_cents) AS subtotalCents
       FROM invoices WHERE project_id = ? GROUP BY status ORDER BY status`,
    )
    .all(id) as { status: InvoiceStatus; count: number; totalCents: number; subtotalCents: number }[];
  const invoicedCents = invoiceTotals.filter((i) => i.status !== 'void').reduce((a, i) => a + i.subtotalCents, 0);
  const paidCents = invoiceTotals.find((i) => i.status === 'paid')?.subtotalCents ?? 0;
  const expenseTotals = db
    .prepare('SELECT count(*) AS count, coalesce(sum(amount_cents), 0) AS totalCents FROM expenses WHERE project_id = ?')
    .get(id) as { count: number; totalCents: number };
  const labourCostCents = cost.minutesWithout > 0 ? null : Math.floor((cost.minuteCents + 30) / 60);
  const marginCents = labourCostCents === null ? null : burn.valueCents - labourCostCents - expenseTotals.totalCents;

  const entries = db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM time_entries e JOIN projects p ON p.id = e.project_id JOIN consultants co ON co.id = e.consultant_id
       WHERE e.project_id = ? ORDER BY e.started_at DESC, e.id DESC LIMIT ?`,
    )
    .all(id, limit) as RawEntry[];
  const entryCount = db.prepare('SELECT count(*) FROM time_entries WHERE project_id = ?').pluck().get(id) as number;
  const invoices = db
    .prepare(
      `SELECT id, number, issued_on AS issuedOn, due_on AS dueOn, status, subtotal_cents AS subtotalCents, tax_cents AS taxCents,
         total_cents AS totalCents, paid_on AS paidOn
       FROM invoices WHERE project_id = ? ORDER BY issued_on DESC, number DESC, id DESC LIMIT ?`,
    )
    .all(id, limit) as ProjectInvoiceRow[];
  const expenses = db
    .prepare(
      `SELECT id, category, amount_cents AS amountCents, spent_on AS spentOn, note
       FROM expenses WHERE project_id = ? ORDER BY spent_on DESC, id DESC LIMIT ?`,
    )
    .all(id, limit) as ProjectExpenseRow[];
  const jobs = db
    .prepare(
      `SELECT j.id, pl.name AS pipelineName, j.status, j.requested_at AS requestedAt, j.finished_at AS finishedAt
       FROM pipeline_jobs j JOIN pipelines pl ON pl.id = j.pipeline_id
       WHERE j.project_id = ? ORDER BY j.requested_at DESC, j.id DESC LIMIT ?`,
    )
    .all(id, limit) as ProjectJobRow[];
  const jobTotals = db
    .prepare('SELECT status, count(*) AS count FROM pipeline_jobs WHERE project_id = ? GROUP BY status ORDER BY status')
    .all(id) as { status: JobStatus; count: number }[];

  return {
    project,
    burn,
    margin: {
      valueCents: burn.valueCents,
      invoicedCents,
      paidCents,
      labourCostCents,
      minutesWithoutCostRate: cost.minutesWithout,
      expensesCents: expenseTotals.totalCents,
      marginCents,
      marginShare: marginCents !== null && burn.valueCents > 0 ? marginCents / burn.valueCents : null,
    },
    entries: { rows: entries.map(entryRow(timeZone)), count: entryCount, minutes: burn.minutes, billableMinutes: burn.billableMinutes },
    invoices: {
      rows: invoices,
      count: invoiceTotals.reduce((a, i) => a + i.count, 0),
      byStatus: invoiceTotals.map(({ status, count, totalCents }) => ({ status, count, totalCents })),
    },
    expenses: { rows: expenses, count: expenseTotals.count, totalCents: expenseTotals.totalCents },
    jobs: { rows: jobs, count: jobTotals.reduce((a, j) => a + j.count, 0), byStatus: jobTotals },
    missing,
  };
}

export type DrillInput =
  | { figure: 'billableHours'; from: string; to: string; consultantId: string; week?: string; limit: number }
  | { figure: 'burn'; projectId: string; limit: number }
  | { figure: 'tierStatus'; tier?: ProjectTier; status?: ProjectStatus; limit: number }
  | { figure: 'completed'; from: string; to: string; month?: string; tier?: ProjectTier; limit: number }
  | { figure: 'overdue'; limit: number };

const PROJECT_ROW = `p.id AS projectId, p.name, c.name AS clientName, p.tier, p.status, p.start_on AS startOn, p.due_on AS dueOn`;

/** The rows behind a dashboard figure; their minutes and amounts add up to it. */
export function projectRows(db: Sqlite, input: DrillInput, timeZone: string, today: string): ProjectsRows {
  switch (input.figure) {
    case 'billableHours':
    case 'burn': {
      let where: string;
      let params: unknown[];
      if (input.figure === 'burn') {
        where = 'e.project_id = ? AND e.billable = 1';
        params = [input.projectId];
      } else {
        // The week cut to the range, as the dashboard's cell is.
        let { from, to } = input;
        if (input.week) {
          const sunday = new Date(Date.parse(`${input.week}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
          if (new Date(`${input.week}T00:00:00Z`).getUTCDay() !== 1)
            throw new OpsError('invalid_input', `${input.week} is not a Monday: give the Monday that starts the week.`, 'week');
          from = input.week > from ? input.week : from;
          to = sunday < to ? sunday : to;
          if (from > to) throw new OpsError('invalid_input', `The week of ${input.week} is outside ${input.from} – ${input.to}.`, 'week');
        }
        const { start, until } = rangeBounds(from, to, timeZone);
        where = 'e.consultant_id = ? AND e.billable = 1 AND e.started_at >= ? AND e.started_at < ?';
        params = [input.consultantId, start, until];
      }
      const totals = db
        .prepare(
          `SELECT count(*) AS count, coalesce(sum(e.minutes), 0) AS minutes, coalesce(sum(${AMOUNT_CENTS_SQL}), 0) AS amountCents
           FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE ${where}`,
        )
        .get(...params) as { count: number; minutes: number; amountCents: number };
      const rows = db
        .prepare(
          `SELECT ${ENTRY_COLUMNS} FROM time_entries e JOIN projects p ON p.id = e.project_id JOIN consultants co ON co.id = e.consultant_id
           WHERE ${where} ORDER BY e.started_at, e.id LIMIT ?`,
        )
        .all(...params, input.limit) as RawEntry[];
      return { kind: 'entries', rows: rows.map(entryRow(timeZone)), ...totals, truncated: totals.count > rows.length };
    }
    case 'tierStatus':
    case 'overdue': {
      const where =
        input.figure === 'overdue'
          ? `p.status IN ('active', 'on_hold') AND p.due_on IS NOT NULL AND p.due_on < :today`
          : `(:tier IS NULL OR p.tier = :tier) AND (:status IS NULL OR p.status = :status)`;
      const params = input.figure === 'overdue' ? { today } : { tier: input.tier ?? null, status: input.status ?? null };
      const count = db.prepare(`SELECT count(*) FROM projects p WHERE ${where}`).pluck().get(params) as number;
      const rows = db
        .prepare(
          `SELECT ${PROJECT_ROW}, NULL AS completedOn FROM projects p JOIN clients c ON c.id = p.client_id
           WHERE ${where} ORDER BY p.start_on, p.name, p.id LIMIT :limit`,
        )
        .all({ ...params, limit: input.limit }) as DrillProjectRow[];
      if (input.figure === 'tierStatus')
        for (const r of rows) if (r.status === 'completed') r.completedOn = completedOn(db, r.projectId, timeZone);
      return { kind: 'projects', rows, count, truncated: count > rows.length };
    }
    case 'completed': {
      const previous = previousRange(input);
      const { sql, params } = completedSql(previous.from, input.from, input.to, timeZone);
      const where = `period = 'cur' AND (:month IS NULL OR substr(day, 1, 7) = :month) AND (:tier IS NULL OR periods.tier = :tier)`;
      const all = { ...params, month: input.month ?? null, tier: input.tier ?? null };
      const count = db.prepare(`WITH ${sql} SELECT count(*) FROM periods WHERE ${where}`).pluck().get(all) as number;
      const rows = db
        .prepare(
          `WITH ${sql}
           SELECT periods.id AS projectId, periods.name, c.name AS clientName, periods.tier, periods.status, start_on AS startOn, due_on AS dueOn,
             day AS completedOn
           FROM periods JOIN clients c ON c.id = periods.client_id WHERE ${where} ORDER BY day, periods.name, periods.id LIMIT :limit`,
        )
        .all({ ...all, limit: input.limit }) as DrillProjectRow[];
      return { kind: 'projects', rows, count, truncated: count > rows.length };
    }
  }
}
