// The app's one query cache: the screens read it through useApi (hooks.ts), and route loaders start
// a screen's read in it before the screen renders (prefetch.ts).
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    // The data is local: no retries against a network, no refetch storms on focus. 'always': the
    // core answers whether or not the browser thinks it is online (a stopped browser host shows as
    // a failure with its own message, see api/connection.ts), so nothing waits silently.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000, networkMode: 'always' },
    mutations: { networkMode: 'always' },
  },
});

/** A read's key in the cache: its channel and input (no input: null). */
export const apiKey = (channel: string, input: unknown): readonly [string, unknown] => [channel, input ?? null];
