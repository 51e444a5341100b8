// Invoicing's output types: a preview of what would be billed, an invoice in a list, and one
// invoice with its lines and entries for the print view. Money is integer cents; days are local
// days (YYYY-MM-DD) of the workspace's zone.
import type { InvoiceStatus, RoundingMode } from '../../domain';

/**
 * One line of an invoice: a project's billable entries at one hourly rate. Each entry's minutes
 * are rounded by the project's rule, and each entry's amount is its rounded minutes × its rate,
 * half-up to the cent (what the hours screens show for that entry); the line's amount is the sum of
 * its entries' amounts.
 */
export interface InvoiceLine {
  projectId: string;
  projectName: string;
  rateCents: number;
  roundingMode: RoundingMode;
  roundingStep: number;
  entryCount: number;
  /** Raw minutes, as logged. */
  minutes: number;
  /** Minutes after the project's rounding rule, entry by entry. */
  roundedMinutes: number;
  /** roundedMinutes / 60, to two decimals: for display only (the amount is computed from minutes). */
  hours: number;
  amountCents: number;
}

export interface InvoiceTotals {
  subtotalCents: number;
  /** GST, 10 % of the subtotal, half-up to the cent. */
  taxCents: number;
  totalCents: number;
}

/**
 * A fixed-price project of the client: its price is invoiced in milestones (an amount), never by
 * the hour; its hours are its cost.
 */
export interface FixedPriceProject {
  projectId: string;
  projectName: string;
  /** The project's budget, ex GST (null: none set). */
  priceCents: number | null;
  /** Subtotals of its invoices that are not void (drafts included). */
  invoicedCents: number;
  /** Price − invoiced (null without a price); what a milestone may still bill. */
  remainingCents: number | null;
  /** Billable minutes logged in the period: shown as effort, not billed. */
  minutesInPeriod: number;
}

/** What `invoices.create` would bill now, with the same input; nothing is written. */
export interface InvoicePreview extends InvoiceTotals {
  clientId: string;
  clientName: string;
  projectId: string | null;
  projectName: string | null;
  from: string;
  to: string;
  timeZone: string;
  /** Hourly projects' hours only: a fixed-price project's hours are never billed by the hour. */
  lines: InvoiceLine[];
  entryCount: number;
  /** The client's (or the chosen project's) fixed-price projects, invoiced by milestone instead. */
  fixedPrice: FixedPriceProject[];
}

export interface InvoiceSummary extends InvoiceTotals {
  id: string;
  number: string;
  clientId: string;
  clientName: string;
  projectId: string | null;
  projectName: string | null;
  status: InvoiceStatus;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  /** Sent invoices only: whole days past the due day as of today in the workspace's zone (0: not yet due). */
  daysOverdue: number | null;
  entryCount: number;
}

export interface InvoiceEntry {
  id: string;
  projectId: string;
  projectName: string;
  consultantId: string;
  consultantName: string;
  startedAt: string;
  /** The local day the entry started on. */
  day: string;
  minutes: number;
  roundedMinutes: number;
  rateCents: number;
  amountCents: number;
  note: string;
}

/**
 * One invoice for the print view. The lines and entries are those attached now (none once
 * voided: voiding gives them back); the totals are the stored ones, fixed when the invoice was
 * created and again when it was sent.
 */
export interface InvoiceDetail extends InvoiceSummary {
  lines: InvoiceLine[];
  entries: InvoiceEntry[];
  /** First and last local day of the attached entries (null: none attached). */
  firstDay: string | null;
  lastDay: string | null;
  timeZone: string;
  /** Where the client is (clients keep a region, no street address). */
  clientRegion: string;
  /** A milestone of a fixed-price project (an amount, no hours): its line is the stored subtotal. */
  milestone: { projectId: string; projectName: string; priceCents: number | null } | null;
}
