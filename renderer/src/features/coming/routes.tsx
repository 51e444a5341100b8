// Screens the dashboards issues will fill. Their addresses exist now (with a project's page under
// /projects/$projectId), so links and the router's shape do not change when they arrive.
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { ComingPage, type Screen } from './ComingPage';

function comingRoute<P extends string>(path: P, screen: Screen, title: string) {
  return createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: () => <ComingPage screen={screen} />,
    errorComponent: ScreenError,
    staticData: { title },
  });
}

export const comingRoutes = [comingRoute('/billing', 'billing', 'Billing')];
