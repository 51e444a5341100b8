// The renderer's view of the way to the core: online, lost (the browser host stopped) or
// unauthorized (this page's token was refused). See connection-store.ts for the rules.
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { connection } from './client';
import type { ConnectionSnapshot } from './connection-store';
import { refreshOnReconnect as refreshWith } from './refresh';

export type { ConnectionSnapshot, ConnectionState } from './connection-store';
export { connection };

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}

/** See refresh.ts: called once, next to the QueryClient. */
export function refreshOnReconnect(client: QueryClient): () => void {
  return refreshWith(client, connection);
}
