// The renderer's view of the way to the core: online, lost (the browser host stopped) or
// unauthorized (this page's token was refused). See connection-store.ts for the rules.
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { connection } from './client';
import type { Connection, ConnectionSnapshot } from './connection-store';

export type { ConnectionSnapshot, ConnectionState } from './connection-store';
export { connection };

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}

/**
 * Refreshes every query each time the way to the core comes back (events were missed while it was
 * gone). Called once, next to the QueryClient; error boundaries reset themselves (QueryBoundary).
 */
export function refreshOnReconnect(client: QueryClient, from: Connection = connection): () => void {
  let seen = from.getSnapshot().reconnects;
  return from.subscribe(() => {
    const { reconnects } = from.getSnapshot();
    if (reconnects === seen) return;
    seen = reconnects;
    void client.invalidateQueries();
  });
}
