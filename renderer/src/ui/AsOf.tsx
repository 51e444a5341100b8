// "As of" on every dashboard: the figures are the replica's, as fresh as its last sync.
import { useApi } from '../api/hooks';
import { useDisplay } from '../app/display';

export function AsOf() {
  const display = useDisplay();
  const status = useApi('sync.status', undefined, { errors: 'inline' });
  const s = status.data;
  let text = '';
  if (!s) text = '';
  else if (s.sealed) text = 'Made-up demo data';
  else if (!s.configured) text = 'This laptop’s data only (no central database)';
  else if (s.lastSyncAt) text = `As of last sync, ${display.dayShort(display.localDay(s.lastSyncAt))} ${display.clock(s.lastSyncAt)}`;
  else text = 'Not synced yet: this laptop’s own data';
  return (
    <span className="muted as-of" data-testid="as-of">
      {text}
    </span>
  );
}
