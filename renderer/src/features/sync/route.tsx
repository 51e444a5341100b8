import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { SyncPage } from './SyncPage';

export const syncRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sync',
  component: SyncPage,
  errorComponent: ScreenError,
  staticData: { title: 'Sync' },
});
