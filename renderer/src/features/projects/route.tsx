// The Projects screens' addresses: the dashboard with its range in the URL, and a project's page.
import { createRoute } from '@tanstack/react-router';
import { prefetchRange, rangeDeps } from '../../api/prefetch';
import { rootRoute } from '../../app/root';
import { validateRangeSearch } from '../../ui/range-search';
import { ScreenError } from '../../ui/ScreenError';
import { ProjectPage } from './ProjectPage';
import { ProjectsPage } from './ProjectsPage';

export const projectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/projects',
  validateSearch: validateRangeSearch,
  loaderDeps: rangeDeps,
  loader: prefetchRange('projects.dashboard'),
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
