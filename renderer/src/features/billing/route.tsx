// The Billing dashboard's address, with its range of local days in the URL.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { BillingPage } from './BillingPage';

// A malformed value (an old bookmark, a hand-edited URL) is dropped: the default range is used.
const rangeSearch = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

export const billingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/billing',
  validateSearch: (search: Record<string, unknown>) => rangeSearch.parse(search),
  component: BillingPage,
  errorComponent: ScreenError,
  staticData: { title: 'Billing' },
});
