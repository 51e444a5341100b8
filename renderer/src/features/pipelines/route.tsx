// The Pipelines screens' addresses: the list with its filters and the job just triggered in the
// URL, and a job's own page.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { prefetchRange, rangeDeps } from '../../api/prefetch';
import { rootRoute } from '../../app/root';
import { validateRangeSearch } from '../../ui/range-search';
import { ScreenError } from '../../ui/ScreenError';
import { JOB_STATUSES } from './format';
import { DashboardPage } from './DashboardPage';
import { JobPage } from './JobPage';
import { PipelinesPage } from './PipelinesPage';

// A malformed value (an old bookmark, a hand-edited URL) is dropped, never an error screen.
const pipelinesSearch = z.object({
  status: z.enum(JOB_STATUSES).optional().catch(undefined),
  /** A pipeline's slug. */
  pipeline: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/)
    .optional()
    .catch(undefined),
  /** A pipeline's slug whose trigger form opens (the command palette links here). */
  run: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/)
    .optional()
    .catch(undefined),
  /** The job just triggered, highlighted in the list. */
  job: z.uuid().optional().catch(undefined),
});
export type PipelinesSearch = z.infer<typeof pipelinesSearch>;

export const pipelinesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pipelines',
  validateSearch: (search: Record<string, unknown>): PipelinesSearch => pipelinesSearch.parse(search),
  component: PipelinesPage,
  errorComponent: ScreenError,
  staticData: { title: 'Pipelines' },
});

export const jobRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pipelines/jobs/$jobId',
  component: JobPage,
  errorComponent: ScreenError,
  staticData: { title: 'Job' },
});

export const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pipelines/dashboard',
  // The dashboard's range: local days of the workspace; left out, the last 30 days.
  validateSearch: validateRangeSearch,
  loaderDeps: rangeDeps,
  loader: prefetchRange('pipelines.dashboard'),
  component: DashboardPage,
  errorComponent: ScreenError,
  staticData: { title: 'Pipelines dashboard' },
});
