import { Link } from '@tanstack/react-router';
import { useApi } from '../../api/hooks';
import { ago, progressText } from './format';

/** Sync at a glance, in the sidebar: online or not, last success, what waits. */
export function SyncIndicator() {
  const { data: s } = useApi('sync.status');
  if (!s) return null;
  const [tone, label] = s.sealed
    ? ['muted', 'Demo: never syncs']
    : !s.configured
      ? ['muted', 'Sync not set up']
      : s.syncing
        ? ['accent', s.progress ? `Syncing… ${progressText(s.progress)}` : 'Syncing…']
        : s.online === false || s.lastError
          ? ['warning', s.online === false ? 'Cannot connect' : 'Sync failed']
          : s.lastSyncAt
            ? ['positive', `Synced ${ago(s.lastSyncAt)}`]
            : ['muted', 'Not synced yet'];
  return (
    <Link to="/sync" className="sync-indicator" data-tone={tone} data-testid="sync-indicator">
      <span className="dot" aria-hidden />
      <span>
        {label}
        {s.configured && !s.sealed && (s.pending > 0 || s.rejected > 0) && (
          <span className="cell-sub">
            {s.pending} pending{s.rejected > 0 ? ` · ${s.rejected} rejected` : ''}
          </span>
        )}
      </span>
    </Link>
  );
}
