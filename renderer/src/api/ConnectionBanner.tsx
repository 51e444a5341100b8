import { CircleCheck, KeyRound, RotateCw, Unplug } from 'lucide-react';
import { useEffect, useState } from 'react';
import { connection, useConnection } from './connection';

const RECOVERED_SHOWN_MS = 6_000;

/**
 * The one announcement of the way to the core: while the browser host is gone or refuses this
 * page's token, a banner says so and what to do (once, however many calls fail); when the host is
 * back it says so briefly. Fixed at the top of the window, so it can be mounted anywhere once.
 * Over IPC (Electron) it never shows.
 */
export function ConnectionBanner() {
  const { state, tokenMissing } = useConnection();
  const recovered = useRecovered();
  return (
    <div className="connection-region">
      {state === 'lost' && (
        <div className="connection-banner" data-tone="warning" role="alert" data-testid="connection-banner">
          <Unplug size={18} aria-hidden />
          <div className="connection-banner-text">
            <strong>The Ops Console host is not answering</strong>
            <span>
              Nothing can be loaded or saved until it is back. Start it again with <code>npm run serve</code>: this page reconnects by
              itself.
            </span>
          </div>
          <button type="button" className="btn" onClick={() => connection.retryNow()}>
            <RotateCw size={14} aria-hidden /> Try now
          </button>
        </div>
      )}
      {state === 'unauthorized' && (
        <div className="connection-banner" data-tone="danger" role="alert" data-testid="connection-banner">
          <KeyRound size={18} aria-hidden />
          <div className="connection-banner-text">
            <strong>{tokenMissing ? 'This page has no access token' : 'This page’s access token is no longer valid'}</strong>
            <span>
              {tokenMissing ? '' : 'The host restarted and made a new token. '}
              Open the URL that <code>npm run serve</code> printed (it ends in <code>?token=…</code>).
            </span>
          </div>
        </div>
      )}
      {state === 'online' && recovered && (
        <div className="connection-banner" data-tone="positive" role="status" data-testid="connection-banner">
          <CircleCheck size={18} aria-hidden />
          <div className="connection-banner-text">
            <strong>Reconnected</strong>
            <span>The host is back; every screen has been refreshed.</span>
          </div>
        </div>
      )}
    </div>
  );
}

/** True for a moment after the connection came back from lost or unauthorized. */
function useRecovered(): boolean {
  const [recovered, setRecovered] = useState(false);
  useEffect(() => {
    let previous = connection.getSnapshot().state;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = connection.subscribe(() => {
      const next = connection.getSnapshot().state;
      clearTimeout(timer);
      if (previous !== 'online' && next === 'online') {
        setRecovered(true);
        timer = setTimeout(() => setRecovered(false), RECOVERED_SHOWN_MS);
      } else if (next !== 'online') {
        setRecovered(false);
      }
      previous = next;
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);
  return recovered;
}
