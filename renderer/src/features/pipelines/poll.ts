// Status changes arrive by the core's `data.changed` events; while a job can still change by
// itself (a simulator or a receiver moves it), its queries are also refreshed every few seconds.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

export const POLL_MS = 3000;

export function usePollWhile(active: boolean, channels: string[]): void {
  const client = useQueryClient();
  const key = channels.join(' ');
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      for (const channel of key.split(' ')) void client.invalidateQueries({ queryKey: [channel] });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, key, client]);
}
