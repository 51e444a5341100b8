// Invoicing: preview and create an invoice from a client's (or project's) unbilled billable hours
// in a period, then draft → sent → paid, or void. Sending locks the invoice's entries; voiding
// gives them back. Who may invoice (admins) is enforced by the central database (docs/invoicing.md).
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { INVOICE_STATUSES } from '../../domain';
import { day, dayRange, id } from '../../schemas';
import type { InvoiceDetail, InvoicePreview, InvoiceSummary } from './types';

/** Days from issue to due when none is given. */
export const DEFAULT_DUE_DAYS = 14;
/** The longest period one invoice may cover. */
export const MAX_INVOICE_PERIOD_DAYS = 366;

const period = {
  clientId: id,
  /** Only this project's hours (it must be the client's). Left out: all the client's projects. */
  projectId: id.optional(),
  /** First local day of the period, inclusive (the workspace's zone). */
  from: day,
  /** Last local day of the period, inclusive. */
  to: day,
};

function checkedPeriod<T extends z.ZodObject<typeof period>>(schema: T) {
  return schema.superRefine(dayRange(MAX_INVOICE_PERIOD_DAYS));
}

const invoiceRef = z.object({ id });
const dueInDays = z
  .number({ message: 'Give the payment terms as a whole number of days.' })
  .int('Give the payment terms as a whole number of days.')
  .min(0, 'The payment terms cannot be negative; use 0 for due on issue.')
  .max(365, 'Payment terms can be at most 365 days.')
  .optional();
/** The largest milestone one invoice may bill, ex GST: $10 million. */
export const MAX_MILESTONE_CENTS = 1_000_000_000;
const writes = ['invoices', 'time_entries'] as const;

export const invoicesContract = defineFeature(['invoices'], {
  /** What `invoices.create` would bill now: lines per project and rate, subtotal, GST, total. Writes nothing. */
  'invoices.preview': { input: checkedPeriod(z.object(period).strict()), output: returns<InvoicePreview>() },
  /** A draft invoice with those hours attached, issued today (local), due in `dueInDays` days. */
  'invoices.create': {
    input: checkedPeriod(
      z
        .object({
          ...period,
          dueInDays,
        })
        .strict(),
    ),
    output: returns<InvoiceDetail>(),
    touches: writes,
  },
  /**
   * A draft milestone of a fixed-price project: an amount of its price, ex GST (GST added), at
   * most what is left of the price after its other invoices that are not void.
   */
  'invoices.milestone': {
    input: z
      .object({
        projectId: id,
        amountCents: z
          .number({ message: 'Give the milestone amount in cents, as a whole number.' })
          .int('Give the milestone amount in whole cents.')
          .min(1, 'A milestone bills more than $0.00; give its amount.')
          .max(MAX_MILESTONE_CENTS, 'A milestone can bill at most $10,000,000.00.'),
        dueInDays,
      })
      .strict(),
    output: returns<InvoiceDetail>(),
    touches: ['invoices'],
  },
  /** draft → sent: the totals are fixed from the attached hours, which are locked from now on. */
  'invoices.send': { input: invoiceRef, output: returns<InvoiceDetail>(), touches: writes },
  /** sent → paid on `paidOn` (a local day, default today; not before the issue day, not after today). */
  'invoices.pay': {
    input: z.object({ id, paidOn: day.optional() }).strict(),
    output: returns<InvoiceDetail>(),
    touches: ['invoices'],
  },
  /** draft or sent → void: its hours are taken off it, unlocked and billable again. */
  'invoices.void': { input: invoiceRef, output: returns<InvoiceDetail>(), touches: writes },
  'invoices.get': { input: invoiceRef, output: returns<InvoiceDetail>() },
  'invoices.list': {
    input: z
      .object({
        status: z.union([z.enum(INVOICE_STATUSES), z.array(z.enum(INVOICE_STATUSES)).max(INVOICE_STATUSES.length)]).optional(),
        clientId: id.optional(),
        projectId: id.optional(),
        /** Issued on or after this day. */
        from: day.optional(),
        /** Issued on or before this day. */
        to: day.optional(),
        /** Sent invoices past their due day only. */
        overdue: z.boolean().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict()
      .superRefine(dayRange())
      .optional(),
    output: returns<InvoiceSummary[]>(),
  },
});
