import { useQueryClient } from '@tanstack/react-query';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { AlertTriangle, RotateCcw } from 'lucide-react';
import { ApiCallError } from '../api/errors';
import { QueryErrorFallback } from '../api/QueryBoundary';

/**
 * What a screen shows instead of itself when it fails to render: the error, and a way back. The
 * shell (sidebar, top bar, timer) stays usable, so one broken screen never blanks the app.
 */
export function ScreenError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const client = useQueryClient();
  // A read that failed (the host stopped, a refused token, the core's refusal) is not a crash: its
  // message says what to do, and the screen loads again by itself when the connection is back.
  if (error instanceof ApiCallError)
    return (
      <div className="page">
        <QueryErrorFallback error={error} reset={reset} what="this screen" />
      </div>
    );
  const message = error instanceof Error ? error.message : String(error);
  const reload = () => {
    void client.resetQueries();
    reset();
    void router.invalidate();
  };
  // Reload and the sidebar return to the same place (its day, its filters): this leaves it.
  const startOver = () => {
    void router.navigate({ to: router.state.location.pathname as '/', search: {} as never }).then(reload);
  };
  return (
    <div className="page">
      <section className="card state-card" role="alert" aria-labelledby="screen-error-title">
        <AlertTriangle size={22} aria-hidden className="state-icon state-icon-danger" />
        <h2 id="screen-error-title">This screen ran into a problem</h2>
        <p className="muted">
          Nothing you saved is lost: your data is in the local replica. Reload the screen; if it happens again, note what you did and tell
          support.
        </p>
        <pre className="state-detail">{message}</pre>
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={reload}>
            <RotateCcw size={14} aria-hidden /> Reload this screen
          </button>
          <button type="button" className="btn" onClick={startOver}>
            Start over on this screen (today, no filters)
          </button>
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            Restart the window
          </button>
        </div>
      </section>
    </div>
  );
}
