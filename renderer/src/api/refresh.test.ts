import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createConnection, type ProbeResult } from './connection-store';
import { refreshOnReconnect } from './refresh';

describe('when the connection comes back', () => {
  it('refetches shown queries, keeps data meanwhile, and resets failures that had nothing to show', async () => {
    const answers: ProbeResult[] = ['lost', 'ok'];
    const connection = createConnection({ backoffMs: { first: 0, max: 0 }, probe: async () => answers.shift() ?? 'ok' });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    let reads = 0;
    // A screen on show: its query has data and an observer.
    const shown = new QueryObserver(client, { queryKey: ['entries.list'], queryFn: async () => ++reads });
    const off = shown.subscribe(() => undefined);
    await expect.poll(() => shown.getCurrentResult().data).toBe(1);
    // A screen left while the host was gone: its load failed with nothing to show.
    await client.prefetchQuery({ queryKey: ['entries.week'], queryFn: () => Promise.reject(new Error('host stopped')) });
    expect(client.getQueryState(['entries.week'])?.status).toBe('error');

    const stop = refreshOnReconnect(client, connection);
    connection.reportFailure('lost');
    await expect.poll(() => connection.getSnapshot().reconnects).toBe(1);

    await expect.poll(() => shown.getCurrentResult().data).toBe(2);
    const week = client.getQueryState(['entries.week']);
    expect(week?.status).toBe('pending'); // loads afresh when its screen mounts, not the old failure
    expect(week?.error).toBeNull();

    stop();
    off();
    connection.dispose();
    client.clear();
  });
});
