// The Projects screens' addresses: the dashboard with its range in the URL, and a project's page.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { ProjectPage } from './ProjectPage';
import { ProjectsPage } from './ProjectsPage';

// A malformed value (an old bookmark, a hand-edited URL) is dropped: the default range is used.
const rangeSearch = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
export type RangeSearch = z.infer<typeof rangeSearch>;

export const projectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/projects',
  validateSearch: (search: Record<string, unknown>): RangeSearch => rangeSearch.parse(search),
  component: ProjectsPage,
  errorComponent: ScreenError,
  staticData: { title: 'Projects' },
});

export const projectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/projects/$projectId',
  component: ProjectPage,
  errorComponent: ScreenError,
  staticData: { title: 'Project' },
});
