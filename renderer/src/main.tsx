import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectionBanner } from './api/ConnectionBanner';
import { refreshOnReconnect } from './api/connection';
import { subscribeCoreEvents } from './api/hooks';
import { QueryBoundary } from './api/QueryBoundary';
import { queryClient } from './api/query-client';
import { router } from './app/router';
import './app/app.css';

// When the browser host comes back after a failure, every screen refreshes; and from the start every
// change the core reports refreshes what it touches (before any read leaves, so none is missed).
refreshOnReconnect(queryClient);
subscribeCoreEvents(queryClient);
// The route is matched before the first render, so a dashboard's loader has asked for its figures
// and the shell's reads together before React spends tens of milliseconds (on a cold start) on it.
// Never waited for long: a route that waits on the core (the start page asks which workspace this
// is) must not keep the shell and its connection banner off the screen.
const FIRST_RENDER_WAIT_MS = 100;
void Promise.race([
  router.load().catch((error: unknown) => console.error(error)),
  new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
]).then(render);

function render(): void {
  const root = createRoot(document.getElementById('root')!);
  startTransition(() =>
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          {/* The banner is a strip across the top of the window, above the app: it never covers a screen. */}
          <div className="app-frame">
            <ConnectionBanner />
            <div className="app-frame-body">
              {/* The last resort, outside the router's own boundaries: a message, never a blank page. */}
              <QueryBoundary what="the app">
                <RouterProvider router={router} />
              </QueryBoundary>
            </div>
          </div>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
}
