// Screens the dashboards issues will fill. Their addresses exist now (with a project's page under
// /projects/$projectId), so links and the router's shape do not change when they arrive.
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { ComingPage } from './ComingPage';

export const projectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/projects',
  component: () => <ComingPage screen="projects" />,
  errorComponent: ScreenError,
  staticData: { title: 'Projects' },
});

export const projectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/projects/$projectId',
  component: () => <ComingPage screen="projects" />,
  errorComponent: ScreenError,
  staticData: { title: 'Project' },
});

export const billingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/billing',
  component: () => <ComingPage screen="billing" />,
  errorComponent: ScreenError,
  staticData: { title: 'Billing' },
});

export const pipelinesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pipelines',
  component: () => <ComingPage screen="pipelines" />,
  errorComponent: ScreenError,
  staticData: { title: 'Pipelines' },
});

export const comingRoutes = [projectsRoute, projectRoute, billingRoute, pipelinesRoute];
