// The route tree: each feature owns its routes (features/*/route.tsx); this file only assembles
// them. Hash history, so the same build loads from the app:// protocol, a file and the browser host.
import { createHashHistory, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { invoke } from '../api/client';
import { billingRoute } from '../features/billing/route';
import { clientRoute, clientsRoute } from '../features/clients/route';
import { hoursRoute } from '../features/hours/route';
import { invoiceRoute, invoicesRoute } from '../features/invoices/route';
import { overviewRoute } from '../features/overview/route';
import { projectRoute, projectsRoute } from '../features/projects/route';
import { salesRoute } from '../features/sales/route';
import { dashboardRoute, jobRoute, pipelinesRoute } from '../features/pipelines/route';
import { settingsRoute } from '../features/settings/route';
import { syncRoute } from '../features/sync/route';
import { ScreenError } from '../ui/ScreenError';
import { rootRoute } from './root';

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  // The demo opens on the scorecard (what the business looks like); a work laptop on Hours (what a
  // consultant does first). Unknown (the host not answering yet): Hours, which says why if it fails.
  beforeLoad: async () => {
    const info = await invoke('workspace.info').catch(() => null);
    throw redirect({ to: info?.kind === 'demo' ? '/overview' : '/hours', replace: true });
  },
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  overviewRoute,
  hoursRoute,
  projectsRoute,
  projectRoute,
  billingRoute,
  invoicesRoute,
  invoiceRoute,
  clientsRoute,
  clientRoute,
  salesRoute,
  pipelinesRoute,
  jobRoute,
  dashboardRoute,
  syncRoute,
  settingsRoute,
]);

export const router = createRouter({
  routeTree,
  history: createHashHistory(),
  defaultErrorComponent: ScreenError,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
