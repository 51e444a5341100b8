// react-query over the API client: one query key per channel and input; core events invalidate.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { toast } from 'sonner';
import type { Channel, Input, Output } from '../../../shared/contract';
import { type ApiCallError, invoke, subscribe } from './client';

export function useApi<C extends Channel>(channel: C, input?: Input<C>, options: { enabled?: boolean } = {}) {
  return useQuery<Output<C>, ApiCallError>({
    queryKey: [channel, input ?? null],
    queryFn: () => invoke(channel, input),
    enabled: options.enabled ?? true,
  });
}

/** A write: on success every query refreshes (the core also says so by event, for other windows). */
export function useApiMutation<C extends Channel>(
  channel: C,
  options: { onSuccess?: (value: Output<C>) => void; toastErrors?: boolean } = {},
) {
  const client = useQueryClient();
  return useMutation<Output<C>, ApiCallError, Input<C> | undefined>({
    mutationFn: (input) => invoke(channel, input),
    onSuccess: (value) => {
      void client.invalidateQueries();
      options.onSuccess?.(value);
    },
    onError: (error) => {
      if (options.toastErrors ?? true) toast.error(error.message);
    },
  });
}

/** Keeps every screen current when the core reports a change (timer, another window, the CLI). */
export function useCoreEvents(client: QueryClient): void {
  useEffect(() => {
    const offData = subscribe('data.changed', () => void client.invalidateQueries());
    const offTimer = subscribe('timer.changed', (timer) => client.setQueryData(['timer.get', null], timer));
    const offSync = subscribe('sync.changed', (status) => {
      client.setQueryData(['sync.status', null], status);
      void client.invalidateQueries({ queryKey: ['sync.rejections'] });
    });
    return () => {
      offData();
      offTimer();
      offSync();
    };
  }, [client]);
}
