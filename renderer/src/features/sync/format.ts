import { formatDistanceToNowStrict } from 'date-fns';
import type { SyncProgress } from '../../../../shared/domain';

export function ago(iso: string | null): string {
  if (!iso) return 'never';
  return Date.now() - Date.parse(iso) < 10_000 ? 'just now' : `${formatDistanceToNowStrict(new Date(iso))} ago`;
}

export const count = (n: number) => n.toLocaleString('en-AU');

/** 7 ms, 840 ms, 6.8 s. */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A running sync in a few words: "12,000 changes sent", "240,000 rows received". */
export function progressText(p: SyncProgress): string {
  return `${count(p.rows)} ${p.phase === 'push' ? 'changes sent' : 'rows received'}`;
}
