// The Invoices screens' addresses: the list with its filters in the URL, and an invoice's page.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { INVOICE_STATUSES } from '../../../../shared/domain';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { InvoicePage } from './InvoicePage';
import { InvoicesPage } from './InvoicesPage';

// A malformed value (an old bookmark, a hand-edited URL) is dropped, never an error screen.
const invoicesSearch = z.object({
  status: z.enum(INVOICE_STATUSES).optional().catch(undefined),
  /** A client's id. */
  client: z.uuid().optional().catch(undefined),
  /** Sent invoices past their due day only. */
  overdue: z.literal('yes').optional().catch(undefined),
  /** Opens the new-invoice dialog (the command palette links here). */
  new: z.literal('yes').optional().catch(undefined),
});
export type InvoicesSearch = z.infer<typeof invoicesSearch>;

export const invoicesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invoices',
  validateSearch: (search: Record<string, unknown>): InvoicesSearch => invoicesSearch.parse(search),
  component: InvoicesPage,
  errorComponent: ScreenError,
  staticData: { title: 'Invoices' },
});

export const invoiceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invoices/$invoiceId',
  component: InvoicePage,
  errorComponent: ScreenError,
  staticData: { title: 'Invoice' },
});
