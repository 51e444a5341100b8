// Small formatting for the pipelines screens: statuses, durations, short ids.

export { JOB_STATUSES } from '../../../../shared/domain';
const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** A job that can still change by itself (waiting to be sent, queued or running). */
export function isFinished(status: string): boolean {
  return FINAL.has(status);
}

export function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** The badge's look: green for done, red for failed, amber while waiting, accent while running. */
export function statusTone(status: string): 'positive' | 'danger' | 'warning' | 'accent' | 'neutral' {
  switch (status) {
    case 'succeeded':
      return 'positive';
    case 'failed':
      return 'danger';
    case 'running':
      return 'accent';
    case 'requested':
    case 'queued':
      return 'warning';
    default:
      return 'neutral';
  }
}

/** 850 ms → "0.9 s", 42 s → "42 s", 3 min 5 s, 2 h 4 min; null → "—". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.round(h / 24)} days`;
}

/**
 * The last 8 characters of a job id, enough to tell jobs apart on screen (the full id is in its
 * title and on its page). Not the first: job ids are UUIDv7, whose first characters are the time,
 * the same for jobs triggered within a minute or so.
 */
export function shortId(id: string): string {
  return id.slice(-8);
}
