// Render-as-you-fetch: the reads a screen will make leave before React has rendered it, and the
// screen finds them under way under the same keys (apiKey, as useApi asks). On a cold start the
// app's first render takes tens of milliseconds; asked from the components, the shell's reads left
// only after it and the dashboard's later still. Nothing waits for these: the screens show their
// loading state meanwhile, and a failure reaches the screen's boundary as before (useApi asks again
// on mount for a read that failed).
import type { Channel, Input } from '../../../shared/contract';
import type { RangeSearch } from '../ui/range-search';
import { invoke } from './client';
import { apiKey, queryClient } from './query-client';

/**
 * The reads the shell makes on every screen (the sync status, the timer, the workspace, its
 * settings), asked only while the cache has no answer for them: once the shell is up it keeps them
 * current itself (core events), so a later change of range does not ask again.
 */
function prefetchShell(): void {
  for (const channel of ['sync.status', 'timer.get', 'workspace.info', 'settings.get'] as const) {
    const queryKey = apiKey(channel, undefined);
    if (queryClient.getQueryData(queryKey) === undefined) void queryClient.prefetchQuery({ queryKey, queryFn: () => invoke(channel) });
  }
}

/**
 * A route loader that prefetches `channel` for the range in the address (with `extra` of the search
 * added to the input), and the shell's reads with it, all leaving together. Only when the address
 * names both days, in order: the default range needs today in the workspace's zone, which the
 * screen learns from the core.
 */
export function prefetchRange<C extends Channel, S extends RangeSearch>(channel: C, extra: (search: S) => object = () => ({})) {
  return ({ deps }: { deps: S }): void => {
    // A first day after the last: each screen has its own fallback (the pipelines dashboard's differs).
    if (!deps.from || !deps.to || deps.from > deps.to) return;
    // Both days, in order: the range every screen resolves such an address to (ui/range-search.ts).
    const input = { from: deps.from, to: deps.to, ...extra(deps) } as Input<C>;
    // The figures first: the core answers in turn, and the shell's reads are quick.
    void queryClient.prefetchQuery({ queryKey: apiKey(channel, input), queryFn: () => invoke(channel, input) });
    prefetchShell();
  };
}

/** A loader's dependencies: the range only (other search params, such as a tile left open, do not ask again). */
export const rangeDeps = ({ search }: { search: RangeSearch }): RangeSearch => ({ from: search.from, to: search.to });
