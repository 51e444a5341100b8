import { TriangleAlert, RotateCw } from 'lucide-react';
import type { ApiCallError } from '../api/errors';
import { usePresentation } from './presentation/context';

interface Props {
  error: ApiCallError | Error;
  /** Loads again (a query's refetch, or an error boundary's reset). */
  onRetry?: () => unknown;
  /** What could not be loaded, for the heading: "the day's entries". Default: "this". */
  what?: string;
}

/**
 * What a screen (or a part of one) shows in place of its data when reading failed: never an empty
 * list or 0:00 that looks like real data. The message says what happened and what to do (a stopped
 * host's says the page reconnects by itself: a QueryBoundary then loads again without a click).
 */
export function QueryError({ error, onRetry, what = 'this' }: Props) {
  const code = 'code' in error ? error.code : 'internal';
  const presentation = usePresentation();
  return (
    <div className="query-error" role="alert" data-testid="query-error" data-code={code}>
      <TriangleAlert size={18} aria-hidden className="query-error-icon" />
      <div className="query-error-body">
        <strong>Could not load {what}</strong>
        <p>{presentation.scrub(error.message)}</p>
      </div>
      {onRetry && (
        <button type="button" className="btn" onClick={() => void onRetry()}>
          <RotateCw size={14} aria-hidden /> Try again
        </button>
      )}
    </div>
  );
}
