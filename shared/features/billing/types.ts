// The billing dashboard as every front end sees it (electron/core/billing/queries/ computes it, all
// by SQL over the replica). Money is integer cents; amounts are ex GST unless named `total` or
// `tax`. A figure that lacks an input is null with a `missing` that says which and why, never a
// wrong number.
import type { ProjectPricing, ProjectTier } from '../../domain';

export const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
/** Days past due at the aging day: ≤ 0, 1–30, 31–60, 61–90, more than 90. */
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** The business's target: 95 % of invoices paid within 30 days of issue. */
export const PAID_WITHIN_30_TARGET = 0.95;

export interface BillingRange {
  /** First local day, `YYYY-MM-DD`. */
  from: string;
  /** Last local day, inclusive. */
  to: string;
  timeZone: string;
  days: number;
  /** Today in the zone, when it was computed. */
  today: string;
}

export interface Missing {
  /** What is missing and what to do, in words. */
  message: string;
  /** The consultants with no cost rate (a consultant's replica has none; an admin's has them). */
  consultants: Array<{ id: string; name: string }>;
}

export interface MonthRevenue {
  /** `YYYY-MM`. */
  month: string;
  /** The month's days within the period (the first and last month may be partial): what a drill-down asks for. */
  from: string;
  to: string;
  /** Sent and paid invoices issued in these days, ex GST; their GST apart. */
  invoicedCents: number;
  invoicedTaxCents: number;
  invoicedCount: number;
  /** Paid invoices by the day they were paid, ex GST; their GST apart. */
  paidCents: number;
  paidTaxCents: number;
  paidCount: number;
}

export interface PeriodRevenue {
  from: string;
  to: string;
  months: MonthRevenue[];
  invoicedCents: number;
  invoicedTaxCents: number;
  invoicedCount: number;
  paidCents: number;
  paidTaxCents: number;
  paidCount: number;
}

export interface ClientRevenue {
  clientId: string;
  clientName: string;
  invoicedCents: number;
  taxCents: number;
  invoices: number;
}

export interface TierRevenue {
  /** null: invoices not tied to one project (a client-wide invoice). */
  tier: ProjectTier | null;
  invoicedCents: number;
  taxCents: number;
  invoices: number;
}

export type AgingAmounts = Record<AgingBucket, number>;

export interface ClientAging {
  clientId: string;
  clientName: string;
  /** Amounts owed (totals, GST included) per bucket. */
  buckets: AgingAmounts;
  totalCents: number;
  invoices: number;
  /** The oldest invoice's days past due. */
  maxDaysPastDue: number;
}

export interface Aging {
  /** The day the invoices are aged at: `to`, or today when `to` is in the future. */
  asOf: string;
  clients: ClientAging[];
  totals: AgingAmounts;
  totalCents: number;
  invoices: number;
}

export interface ProjectWip {
  projectId: string;
  projectName: string;
  entries: number;
  rawMinutes: number;
  /** Minutes after the project's rounding rule, entry by entry (as an invoice bills them). */
  roundedMinutes: number;
  /** Σ per entry of rounded minutes × the entry's snapshotted rate ÷ 60, to the cent half-up. */
  cents: number;
  /** Of which on a draft invoice (not yet sent, so not yet billed). */
  onDraftCents: number;
}

export interface ClientWip {
  clientId: string;
  clientName: string;
  cents: number;
  onDraftCents: number;
  roundedMinutes: number;
  projects: ProjectWip[];
}

export interface Wip {
  /** Billable entries of hourly projects started before the end of this day, on no sent or paid invoice. */
  asOf: string;
  cents: number;
  onDraftCents: number;
  roundedMinutes: number;
  clients: ClientWip[];
}

export interface MarginFigures {
  /** Sent and paid invoices issued in the period, ex GST. */
  revenueCents: number;
  /** Every entry's minutes in the period (billable or not). */
  minutes: number;
  /** Minutes × each consultant's cost rate; null when a consultant has no cost rate (see `missing`). */
  labourCostCents: number | null;
  expensesCents: number;
  /** Revenue − labour cost − expenses; null with the labour cost. */
  marginCents: number | null;
  /** margin ÷ revenue; null without a margin or a revenue. */
  marginShare: number | null;
  missing: Missing | null;
}

export interface ProjectMargin extends MarginFigures {
  /** null: invoices not tied to one project. */
  projectId: string | null;
  projectName: string | null;
  clientId: string;
  clientName: string | null;
  tier: ProjectTier | null;
  pricing: ProjectPricing | null;
}

export interface TierMargin extends MarginFigures {
  tier: ProjectTier | null;
}

export interface FixedPriceFigures {
  projectId: string;
  projectName: string;
  clientId: string;
  clientName: string;
  tier: ProjectTier;
  status: string;
  /** The package's price (its budget), ex GST. */
  priceCents: number;
  /** Invoiced against it so far (sent and paid, up to `to`), ex GST. */
  invoicedCents: number;
  /** Life to date, up to the end of `to`. */
  minutes: number;
  labourCostCents: number | null;
  expensesCents: number;
  /** Labour + expenses; null without the labour cost. */
  costCents: number | null;
  /** Price − cost. */
  marginCents: number | null;
  /** Price ÷ hours worked, cents per hour; null before any hour. */
  effectiveHourlyRateCents: number | null;
  missing: Missing | null;
}

export interface Collection {
  /** Invoices issued in the period that are paid within 30 days of issue (paid_on − issued_on ≤ 30). */
  paidWithin30: number;
  /** Invoices issued in the period whose outcome is known at the aging day: paid, or unpaid for more than 30 days. */
  decided: number;
  /** paidWithin30 ÷ decided; null when none is decided yet. */
  share: number | null;
  target: number;
  /** Issued in the period, unpaid and not yet 30 days old: not counted either way. */
  undecided: number;
}

export interface DaysSalesOutstanding {
  /**
   * Receivables at the aging day ÷ invoiced revenue from `from` to the aging day × the days in that
   * span, all GST included (receivables are what clients owe, GST and all). null when nothing was
   * invoiced in that span.
   */
  days: number | null;
  receivablesCents: number;
  invoicedTotalCents: number;
  spanDays: number;
}

export interface RevenuePerHour {
  revenueCents: number;
  minutes: number;
  /** Invoiced revenue (ex GST) ÷ hours worked in the period; null with no hour worked. */
  centsPerHour: number | null;
}

export interface BillingDashboard {
  range: BillingRange;
  revenue: { current: PeriodRevenue; previous: PeriodRevenue };
  byClient: ClientRevenue[];
  byTier: TierRevenue[];
  aging: Aging;
  wip: Wip;
  margin: { projects: ProjectMargin[]; tiers: TierMargin[]; total: MarginFigures };
  fixedPrice: FixedPriceFigures[];
  collection: Collection;
  dso: DaysSalesOutstanding;
  revenuePerHour: RevenuePerHour;
}

// billing.rows: the rows behind a figure, summing to it (`totalCents` is that sum, over every row,
// also when `truncated` left some out of `rows`).

export interface InvoiceRow {
  id: string;
  number: string;
  clientId: string;
  clientName: string;
  projectId: string | null;
  projectName: string | null;
  status: string;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  /** At the aging day (aging rows only). */
  daysPastDue: number | null;
  /** What this row adds to the figure: the subtotal for revenue, the total for aging. */
  amountCents: number;
}

export interface EntryRow {
  id: string;
  projectId: string;
  projectName: string;
  clientId: string;
  consultantId: string;
  consultantName: string;
  startedAt: string;
  minutes: number;
  roundedMinutes: number;
  rateCents: number;
  /** The draft invoice it is on, if any. */
  invoiceId: string | null;
  note: string;
  amountCents: number;
}

export interface ExpenseRow {
  id: string;
  projectId: string;
  projectName: string;
  category: string;
  spentOn: string;
  note: string;
  amountCents: number;
}

export type BillingRows = { count: number; totalCents: number; truncated: boolean } & (
  { kind: 'invoices'; rows: InvoiceRow[] } | { kind: 'entries'; rows: EntryRow[] } | { kind: 'expenses'; rows: ExpenseRow[] }
);
