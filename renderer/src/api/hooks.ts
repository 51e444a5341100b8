// react-query over the API client: one query key per channel and input; core events invalidate.
//
// How a screen shows a failed read (never as an empty list or 0:00 that looks like real data):
//
//  - By default useApi THROWS its error to the nearest error boundary when it has nothing to show:
//    the first load failed, or the input changed (another day) and that load failed. Every route's
//    boundary is ui/ScreenError (the router's errorComponent), which hands an ApiCallError to
//    <QueryErrorFallback>: the message, Try again, and a reload by itself when the connection comes
//    back; the shell stays. A part of a screen can have its own <QueryBoundary what="…">. So
//    `data` is undefined only while loading (or disabled), and `q.data ?? []` never stands for a
//    failure: a screen that wants a loading state checks `q.isPending`, never an error.
//  - A refetch that fails while data is shown: a lost connection keeps the last data on screen
//    (the ConnectionBanner says the host is gone, and every query refreshes when it is back); any
//    other error throws to the boundary too, so stale data is never passed off as current.
//  - `{ errors: 'inline' }` opts out of throwing, for a part of a screen that shows its own error:
//    the screen must then check `q.error` before `q.data` and render
//    `<QueryError error={q.error} onRetry={q.refetch} what="the day's entries" />`.
//
// Writes (useApiMutation) never throw to a boundary: a failure toasts (or the form shows it) with
// a message that says nothing was saved and what to do (errors.ts: writeFailure).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { Channel, Input, Output } from '../../../shared/contract';
import { invoke, subscribe } from './client';
import { apiKey } from './query-client';
import { type ApiCallError, throwsToBoundary, toApiCallError, writeFailure } from './errors';
import { presentable } from '../ui/presentation/state';

export { QueryError } from '../ui/QueryError';
export { QueryBoundary } from './QueryBoundary';
export { ApiCallError } from './errors';

export interface UseApiOptions {
  enabled?: boolean;
  /** 'boundary' (default): a failure with nothing to show throws to the error boundary. 'inline': the caller renders q.error. */
  errors?: 'boundary' | 'inline';
}

export function useApi<C extends Channel>(channel: C, input?: Input<C>, options: UseApiOptions = {}) {
  const inline = options.errors === 'inline';
  return useQuery<Output<C>, ApiCallError>({
    queryKey: apiKey(channel, input),
    queryFn: () => invoke(channel, input),
    enabled: options.enabled ?? true,
    throwOnError: inline ? false : (error, query) => throwsToBoundary(error, query.state.data !== undefined),
  });
}

/** A write: on success every query refreshes (the core also says so by event, for other windows). */
export function useApiMutation<C extends Channel>(
  channel: C,
  options: { onSuccess?: (value: Output<C>) => void; toastErrors?: boolean } = {},
) {
  const client = useQueryClient();
  return useMutation<Output<C>, ApiCallError, Input<C> | undefined>({
    mutationFn: (input) =>
      invoke(channel, input).catch((error: unknown) => {
        throw writeFailure(toApiCallError(error));
      }),
    onSuccess: (value) => {
      void client.invalidateQueries();
      options.onSuccess?.(value);
    },
    onError: (error) => {
      if (options.toastErrors ?? true) toast.error(presentable(error.message));
    },
  });
}

/**
 * Keeps every screen current when the core reports a change (timer, another window, the CLI, a
 * sync). Subscribed once at start, before the first reads leave (main.tsx): an event between a
 * read's answer and a later subscription would be lost, and the read would pass for fresh.
 */
export function subscribeCoreEvents(client: QueryClient): () => void {
  const offData = subscribe('data.changed', () => void client.invalidateQueries());
  const offTimer = subscribe('timer.changed', (timer) => client.setQueryData(apiKey('timer.get', undefined), timer));
  const offSync = subscribe('sync.changed', (status) => {
    client.setQueryData(apiKey('sync.status', undefined), status);
    void client.invalidateQueries({ queryKey: ['sync.rejections'] });
  });
  return () => {
    offData();
    offTimer();
    offSync();
  };
}
