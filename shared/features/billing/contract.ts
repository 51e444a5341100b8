// Billing: the billing dashboard's figures for a range of local days, and the rows behind any one
// of them. Read-only: nothing here writes.
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { PROJECT_TIERS } from '../../domain';
import { day, dayRange, id } from '../../schemas';
import { AGING_BUCKETS, type BillingDashboard, type BillingRows } from './types';

/** The longest range a billing figure covers: a year, leap day included. */
export const MAX_BILLING_DAYS = 366;

/** A range of local days (the workspace's zone), first ≤ last, at most a year, with the figure's own fields. */
function rangeOf<T extends z.ZodRawShape>(extra: T) {
  return z
    .object({ from: day, to: day, ...extra })
    .strict()
    .superRefine(dayRange(MAX_BILLING_DAYS));
}

const tier = z.enum([...PROJECT_TIERS, 'none'], {
  message: `A tier is one of ${PROJECT_TIERS.join(', ')}, or none (invoices not tied to one project).`,
});

/** Which figure was clicked, and the filters it was drawn with. */
export const billingRowsInput = z.discriminatedUnion(
  'figure',
  [
    /** Revenue in some days (a month's `from`/`to`, or the whole range), by client, tier or project. */
    rangeOf({
      figure: z.literal('revenue'),
      basis: z.enum(['invoiced', 'paid'], { message: 'Revenue is invoiced (by issue day) or paid (by payment day).' }),
      clientId: id.optional(),
      tier: tier.optional(),
      projectId: id.optional(),
    }),
    /** Receivables at the aging day (the dashboard's `aging.asOf`), in one bucket, for one client. */
    z
      .object({
        figure: z.literal('aging'),
        asOf: day,
        bucket: z.enum(AGING_BUCKETS, { message: `An aging bucket is one of ${AGING_BUCKETS.join(', ')}.` }).optional(),
        clientId: id.optional(),
      })
      .strict(),
    /** Unbilled work at the end of `to` (the dashboard's `wip.asOf`), for a client or a project. */
    z.object({ figure: z.literal('wip'), to: day, clientId: id.optional(), projectId: id.optional() }).strict(),
    /** Expenses in the range, for a project or a tier. */
    rangeOf({ figure: z.literal('expenses'), projectId: id.optional(), tier: tier.optional() }),
  ],
  { message: 'Name the figure: revenue, aging, wip or expenses.' },
);

export const billingContract = defineFeature(['billing'], {
  /**
   * Revenue by month (invoiced and paid) against the previous period of the same length, by client
   * and by tier; receivables aging; unbilled work in progress; margin by tier and project and for
   * fixed-price packages; paid within 30 days, days sales outstanding, revenue per hour.
   */
  'billing.dashboard': { input: rangeOf({}), output: returns<BillingDashboard>() },
  /** The rows behind one figure of the dashboard; their amounts add up to it. */
  'billing.rows': { input: billingRowsInput, output: returns<BillingRows>() },
});
