// The Clients screens' addresses: the list (range and status in the URL) and a client's page.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { CLIENT_STATUSES } from '../../../../shared/features/clients/types';
import { prefetchRange } from '../../api/prefetch';
import { rootRoute } from '../../app/root';
import { rangeSearch, validateRangeSearch } from '../../ui/range-search';
import { ScreenError } from '../../ui/ScreenError';
import { ClientPage } from './ClientPage';
import { ClientsPage } from './ClientsPage';

const clientsSearch = rangeSearch.extend({ status: z.enum(CLIENT_STATUSES).optional().catch(undefined) });
type ClientsSearch = z.infer<typeof clientsSearch>;

export const clientsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/clients',
  validateSearch: (search: Record<string, unknown>) => clientsSearch.parse(search),
  loaderDeps: ({ search }) => ({ from: search.from, to: search.to, status: search.status }),
  loader: prefetchRange('clients.list', (search: ClientsSearch) => ({ status: search.status })),
  component: ClientsPage,
  errorComponent: ScreenError,
  staticData: { title: 'Clients' },
});

export const clientRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/clients/$clientId',
  validateSearch: validateRangeSearch,
  component: ClientPage,
  errorComponent: ScreenError,
  staticData: { title: 'Client' },
});
