import { formatDistanceToNowStrict } from 'date-fns';

export function ago(iso: string | null): string {
  if (!iso) return 'never';
  return Date.now() - Date.parse(iso) < 10_000 ? 'just now' : `${formatDistanceToNowStrict(new Date(iso))} ago`;
}
