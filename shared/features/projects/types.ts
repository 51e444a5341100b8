// Projects as every front end sees them: the projects dashboard (tiers and statuses, timeline,
// budget burn, billable hours and utilization per consultant-week, velocity, each with the period
// before for comparison), a project's page, and the rows behind any figure. Every figure is
// computed by SQL in the core (electron/core/projects/); the renderer only draws them.
import type { InvoiceStatus, JobStatus, ProjectPricing, ProjectStatus, ProjectTier } from '../../domain';

/** The business's utilization target: billable hours / capacity. */
export const UTILIZATION_TARGET = 0.8;
/** A project whose burn reaches this share of its budget is flagged. */
export const BURN_WARNING = 0.8;

export interface ProjectsRange {
  /** First local day, `YYYY-MM-DD`, of the workspace's zone. */
  from: string;
  /** Last local day, inclusive. */
  to: string;
  timeZone: string;
}

/** Where a figure lacks an input, said instead of computing a wrong one. */
export interface MissingInput {
  kind: 'no_budget' | 'no_capacity' | 'no_due_date' | 'no_completion_day' | 'no_cost_rate';
  /** The project or consultant it is about. */
  id: string;
  name: string;
  /** What is missing and what it means for the figure, in words. */
  message: string;
}

/** Projects by tier and current status (statuses have no history: a snapshot, no comparison). */
export interface TierStatusCount {
  tier: ProjectTier;
  status: ProjectStatus;
  count: number;
}

export interface TimelineProject {
  projectId: string;
  name: string;
  clientName: string;
  tier: ProjectTier;
  status: ProjectStatus;
  startOn: string;
  /** Null: the project has no due day (listed in `missing`). */
  dueOn: string | null;
  /** due_on is before today (the workspace's local day) and the project is not completed. */
  overdue: boolean;
  /** Days past due as of today; 0 when not overdue. */
  daysOverdue: number;
}

/** A project's budget burn: the value of all its billable entries (billed + unbilled) against its budget. */
export interface ProjectBurn {
  projectId: string;
  name: string;
  clientName: string;
  tier: ProjectTier;
  status: ProjectStatus;
  /** Every logged minute, billable or not. */
  minutes: number;
  billableMinutes: number;
  /** Billable value in cents, each entry at its snapshotted rate and its project's rounding rule (as invoiced). */
  valueCents: number;
  /** How it is sold: an hourly project bills its hours; a fixed-price one milestones of its price (its budget). */
  pricing: ProjectPricing;
  /** Hourly: the part of the value on a (non-void) invoice. Fixed: the milestones invoiced (subtotals, not void). */
  billedCents: number;
  /** Hourly: value − billed. Fixed: what is left of the price to invoice. */
  unbilledCents: number;
  /** Null: the project has no budget (0), so no percent (listed in `missing`). */
  budgetCents: number | null;
  /** valueCents / budgetCents (1.25 = 125 %, past 100 % shown as is); null without a budget. */
  burn: number | null;
  /** burn ≥ 0.8 (BURN_WARNING). */
  flagged: boolean;
  overBudget: boolean;
}

export interface ConsultantWeek {
  consultantId: string;
  /** Monday of the local week, `YYYY-MM-DD`. */
  week: string;
  billableMinutes: number;
  /** Capacity of the part of the week inside the range: weekly hours × its weekdays (Mon–Fri) in the range / 5, in minutes. */
  capacityMinutes: number;
  /** billable / capacity; null when the capacity is 0 (no division by zero). */
  utilization: number | null;
}

export interface ConsultantPeriod {
  consultantId: string;
  name: string;
  weeklyCapacityHours: number;
  active: boolean;
  billableMinutes: number;
  capacityMinutes: number;
  utilization: number | null;
  /** The same for the previous period of equal length. */
  previous: { billableMinutes: number; capacityMinutes: number; utilization: number | null };
}

export interface WeekInRange {
  /** Monday of the local week. */
  week: string;
  /** Its first and last days inside the range (a week at an edge of the range is cut). */
  first: string;
  last: string;
  /** Its weekdays (Mon–Fri) inside the range: 0–5. */
  workdays: number;
}

export interface Utilization {
  target: number;
  weeks: WeekInRange[];
  consultants: ConsultantPeriod[];
  /**
   * One row per consultant and week with billable hours or capacity (consultants with neither are
   * left out). The dashboard leaves them out (`cellsIncluded` false) for a range of more than
   * GRID_MAX_WEEKS weeks, which the week grid does not draw: `projects.weekGrid` has them then.
   */
  cells: ConsultantWeek[];
  cellsIncluded: boolean;
  team: {
    billableMinutes: number;
    capacityMinutes: number;
    utilization: number | null;
    previous: { billableMinutes: number; capacityMinutes: number; utilization: number | null };
  };
}

export interface VelocityFigures {
  /** Projects completed in the period (completion day inside it). */
  completed: number;
  /** Mean days from start_on to the completion day, per tier (null: none completed in that tier). */
  averageDaysByTier: Record<ProjectTier, number | null>;
  averageDays: number | null;
  /** Completed on or before due_on, among those with a due day; null when none has one. */
  onTimeShare: number | null;
  onTime: number;
  withDueDay: number;
}

export interface Velocity extends VelocityFigures {
  /**
   * What "completed on" means: a project's status has no completion date, so it is the local day
   * of its last time entry (a completed project with no entry has none and is listed in `missing`).
   */
  completionRule: string;
  /** Completed per local month of the range (`YYYY-MM`; the first and last may be partial months). */
  months: { month: string; completed: number }[];
  previous: VelocityFigures;
}

export interface ProjectsDashboard {
  range: ProjectsRange;
  /** The period compared with (shared/ranges.ts previousRange: as many whole months before a range of whole months, else as many days). */
  previousRange: ProjectsRange;
  /** The workspace's local day today (the timeline's marker). */
  today: string;
  tiers: TierStatusCount[];
  timeline: TimelineProject[];
  burn: ProjectBurn[];
  utilization: Utilization;
  velocity: Velocity;
  missing: MissingInput[];
}

// The project page.

export interface ProjectFacts {
  id: string;
  name: string;
  clientId: string;
  clientName: string;
  tier: ProjectTier;
  status: ProjectStatus;
  budgetCents: number | null;
  hourlyRateCents: number | null;
  roundingMode: string;
  roundingStep: number;
  startOn: string;
  dueOn: string | null;
  overdue: boolean;
  /** The local day of the last entry when completed (see Velocity.completionRule). */
  completedOn: string | null;
}

export interface ProjectMargin {
  /** Billable value of its entries (billed + unbilled). */
  valueCents: number;
  /** Non-void invoices: subtotal (ex GST) and paid. */
  invoicedCents: number;
  paidCents: number;
  /** Every logged minute at its consultant's cost rate; null when a consultant has no cost rate here. */
  labourCostCents: number | null;
  /** Minutes logged by consultants without a cost rate on this replica. */
  minutesWithoutCostRate: number;
  expensesCents: number;
  /** value − labour − expenses; null when the labour cost is missing. */
  marginCents: number | null;
  /** margin / value; null when either is missing or the value is 0. */
  marginShare: number | null;
}

export interface ProjectEntryRow {
  id: string;
  projectId: string;
  projectName: string;
  consultantId: string;
  consultantName: string;
  startedAt: string;
  /** Local day of the workspace's zone. */
  day: string;
  minutes: number;
  billable: boolean;
  rateCents: number;
  /** As invoiced: rounded minutes × rate, whole cents; 0 when not billable. */
  amountCents: number;
  invoiceId: string | null;
  note: string;
}

export interface ProjectInvoiceRow {
  id: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  status: InvoiceStatus;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  paidOn: string | null;
}

export interface ProjectExpenseRow {
  id: string;
  category: string;
  amountCents: number;
  spentOn: string;
  note: string;
}

export interface ProjectJobRow {
  id: string;
  pipelineName: string;
  status: JobStatus;
  requestedAt: string;
  finishedAt: string | null;
}

/** A list on the project page: its newest rows (at most `limit`) and the count of all. */
export interface Limited<T> {
  rows: T[];
  count: number;
}

export interface ProjectPage {
  project: ProjectFacts;
  burn: ProjectBurn;
  margin: ProjectMargin;
  entries: Limited<ProjectEntryRow> & { minutes: number; billableMinutes: number };
  invoices: Limited<ProjectInvoiceRow> & { byStatus: { status: InvoiceStatus; count: number; totalCents: number }[] };
  expenses: Limited<ProjectExpenseRow> & { totalCents: number };
  jobs: Limited<ProjectJobRow> & { byStatus: { status: JobStatus; count: number }[] };
  missing: MissingInput[];
}

// Drill-down: the rows behind a clicked figure.

export interface DrillProjectRow {
  projectId: string;
  name: string;
  clientName: string;
  tier: ProjectTier;
  status: ProjectStatus;
  startOn: string;
  dueOn: string | null;
  completedOn: string | null;
}

export type ProjectsRows =
  | {
      kind: 'entries';
      rows: ProjectEntryRow[];
      /** Of all the rows behind the figure (not only those returned). */
      count: number;
      minutes: number;
      amountCents: number;
      /** More rows than `limit`: the totals are still of all of them. */
      truncated: boolean;
    }
  | { kind: 'projects'; rows: DrillProjectRow[]; count: number; truncated: boolean };
