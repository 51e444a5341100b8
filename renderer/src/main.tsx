import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectionBanner } from './api/ConnectionBanner';
import { refreshOnReconnect } from './api/connection';
import { QueryBoundary } from './api/QueryBoundary';
import { router } from './app/router';
import './app/app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // The data is local: no retries against a network, no refetch storms on focus. 'always': the
    // core answers whether or not the browser thinks it is online (a stopped browser host shows as
    // a failure with its own message, see api/connection.ts), so nothing waits silently.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000, networkMode: 'always' },
    mutations: { networkMode: 'always' },
  },
});
// When the browser host comes back after a failure, every screen refreshes.
refreshOnReconnect(queryClient);

createRoot(document.getElementById('root')!).render(
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
);
