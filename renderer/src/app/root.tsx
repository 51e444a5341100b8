// The root route: every screen renders inside the shell. Features import it to hang their routes
// under it; app/router.tsx assembles the tree.
import { createRootRoute } from '@tanstack/react-router';
import { ScreenError } from '../ui/ScreenError';
import { Shell } from './Shell';
import { NotFound } from './NotFound';

export const rootRoute = createRootRoute({ component: Shell, errorComponent: ScreenError, notFoundComponent: NotFound });

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The screen's name in the top bar and the window title. */
    title?: string;
  }
}
