// The Billing dashboard's address, with its range of local days in the URL.
import { createRoute } from '@tanstack/react-router';
import { prefetchRange, rangeDeps } from '../../api/prefetch';
import { rootRoute } from '../../app/root';
import { validateRangeSearch } from '../../ui/range-search';
import { ScreenError } from '../../ui/ScreenError';
import { BillingPage } from './BillingPage';

export const billingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/billing',
  validateSearch: validateRangeSearch,
  loaderDeps: rangeDeps,
  loader: prefetchRange('billing.dashboard'),
  component: BillingPage,
  errorComponent: ScreenError,
  staticData: { title: 'Billing' },
});
