import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { SettingsPage } from './SettingsPage';

export const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  component: SettingsPage,
  errorComponent: ScreenError,
  staticData: { title: 'Settings' },
});
