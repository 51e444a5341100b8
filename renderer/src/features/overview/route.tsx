// The Overview's address: the scorecard with its range in the URL, and the tile whose figures are open.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { prefetchRange, rangeDeps } from '../../api/prefetch';
import { rootRoute } from '../../app/root';
import { rangeSearch } from '../../ui/range-search';
import { ScreenError } from '../../ui/ScreenError';
import { OverviewPage } from './OverviewPage';

const overviewSearch = rangeSearch.extend({
  /** A tile's key (a KPI) or `metric:<id>`: its figures are open. */
  open: z.string().max(80).optional().catch(undefined),
});

export const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/overview',
  validateSearch: (search: Record<string, unknown>) => overviewSearch.parse(search),
  loaderDeps: rangeDeps,
  loader: prefetchRange('kpis.scorecard'),
  component: OverviewPage,
  errorComponent: ScreenError,
  staticData: { title: 'Overview' },
});
