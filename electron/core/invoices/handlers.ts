// The invoices channels. Each line hands a checked input to the module that does the work, with
// the workspace's zone and today there; what changed is announced by the contract's `touches`.
import type { invoicesContract } from '../../../shared/features/invoices/contract';
import { localDay } from '../../../shared/time';
import type { CoreContext, HandlersOf } from '../context';
import { getInvoice, listInvoices } from './queries';
import { createInvoice, createMilestone, payInvoice, previewInvoice, sendInvoice, voidInvoice, type InvoiceClock } from './writes';

export function invoicesHandlers(ctx: CoreContext): HandlersOf<typeof invoicesContract> {
  /** Today is the workspace's local day on the replica's clock (corrected by the central's at the last sync). */
  const clock = (): InvoiceClock => {
    const timeZone = ctx.timeZone();
    return { timeZone, today: localDay(new Date(ctx.replica.now()).toISOString(), timeZone) };
  };
  return {
    'invoices.preview': (input) => previewInvoice(ctx.replica, { ...input, timeZone: ctx.timeZone() }),
    'invoices.create': (input) => {
      const now = clock();
      return createInvoice(ctx.replica, { ...input, timeZone: now.timeZone }, now);
    },
    'invoices.milestone': (input) => createMilestone(ctx.replica, input, clock()),
    'invoices.send': ({ id }) => sendInvoice(ctx.replica, id, clock()),
    'invoices.pay': ({ id, paidOn }) => payInvoice(ctx.replica, id, paidOn, clock()),
    'invoices.void': ({ id }) => voidInvoice(ctx.replica, id, clock()),
    'invoices.get': ({ id }) => {
      const now = clock();
      return getInvoice(ctx.db, id, now.today, now.timeZone);
    },
    'invoices.list': (input) => listInvoices(ctx.db, input ?? {}, clock().today),
  };
}
