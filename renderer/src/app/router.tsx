// The route tree: each feature owns its routes (features/*/route.tsx); this file only assembles
// them. Hash history, so the same build loads from the app:// protocol, a file and the browser host.
import { createHashHistory, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { billingRoute } from '../features/billing/route';
import { hoursRoute } from '../features/hours/route';
import { invoiceRoute, invoicesRoute } from '../features/invoices/route';
import { projectRoute, projectsRoute } from '../features/projects/route';
import { dashboardRoute, jobRoute, pipelinesRoute } from '../features/pipelines/route';
import { settingsRoute } from '../features/settings/route';
import { syncRoute } from '../features/sync/route';
import { ScreenError } from '../ui/ScreenError';
import { rootRoute } from './root';

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/hours', replace: true });
  },
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  hoursRoute,
  projectsRoute,
  projectRoute,
  billingRoute,
  invoicesRoute,
  invoiceRoute,
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
