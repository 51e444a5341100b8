// What the renderer does when the way to the core comes back: every screen shows current data.
import type { QueryClient } from '@tanstack/react-query';
import type { Connection } from './connection-store';

/**
 * Refreshes every query each time the connection comes back (events were missed while it was
 * gone). A query that failed with nothing to show is reset, so the screen that mounts it next
 * loads it afresh instead of showing the old failure; the others are refetched where they are
 * shown, keeping their data meanwhile. Error boundaries on screen reset themselves
 * (QueryErrorFallback). Returns the unsubscribe.
 */
export function refreshOnReconnect(client: QueryClient, connection: Connection): () => void {
  let seen = connection.getSnapshot().reconnects;
  return connection.subscribe(() => {
    const { reconnects } = connection.getSnapshot();
    if (reconnects === seen) return;
    seen = reconnects;
    const failed = new Set(client.getQueryCache().findAll({ predicate: (q) => q.state.status === 'error' && q.state.data === undefined }));
    void client.resetQueries({ predicate: (query) => failed.has(query) });
    void client.invalidateQueries({ predicate: (query) => !failed.has(query) });
  });
}
