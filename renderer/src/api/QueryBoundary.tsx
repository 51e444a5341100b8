import { QueryErrorResetBoundary, useQueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ReactNode, useCallback, useEffect, useRef } from 'react';
import { QueryError } from '../ui/QueryError';
import { useConnection } from './connection';
import { ApiCallError } from './errors';

interface Props {
  children: ReactNode;
  /** What the children show, for the message: "the hours", "this screen" (the default). */
  what?: string;
}

/**
 * An error boundary for a screen or a part of one: a query that fails with nothing to show (see
 * useApi) lands here and shows <QueryError> with Try again. It loads again by itself when the
 * connection to the core comes back. Give it `key={route}` so leaving a failed screen resets it.
 */
export function QueryBoundary({ children, what = 'this screen' }: Props) {
  return (
    <QueryErrorResetBoundary>
      <Boundary what={what}>{children}</Boundary>
    </QueryErrorResetBoundary>
  );
}

/**
 * What a boundary shows for a failure, usable as a TanStack Router route's `errorComponent` too:
 * Try again (and the connection coming back) resets the failed queries, then the boundary.
 */
export function QueryErrorFallback({ error, reset, what }: { error: unknown; reset: () => void; what?: string }) {
  const queries = useQueryErrorResetBoundary();
  const { reconnects } = useConnection();
  const shownAt = useRef(reconnects);
  const retry = useCallback(() => {
    queries.reset();
    reset();
  }, [queries, reset]);
  useEffect(() => {
    if (reconnects !== shownAt.current) retry();
  }, [reconnects, retry]);
  return <QueryError error={asApiCallError(error)} onRetry={retry} what={what} />;
}

function asApiCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  // Not a failed call: a screen's own bug. Say so rather than show its raw text alone.
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiCallError({ code: 'internal', message: `Showing it failed (${detail}). Try again, or reload the page.` });
}

class Boundary extends Component<Required<Props>, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error: error ?? new Error('unknown error') };
  }

  reset = (): void => this.setState({ error: undefined });

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return <QueryErrorFallback error={this.state.error} reset={this.reset} what={this.props.what} />;
  }
}
