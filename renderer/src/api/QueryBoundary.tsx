import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ReactNode } from 'react';
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
 * useApi) lands here and shows <QueryError> with Try again. It resets itself when the connection
 * to the core comes back, so screens recover without a click.
 */
export function QueryBoundary({ children, what = 'this screen' }: Props) {
  const { reconnects } = useConnection();
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary resetKey={reconnects} onReset={reset} what={what}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}

interface BoundaryProps extends Required<Props> {
  resetKey: number;
  onReset: () => void;
}

class Boundary extends Component<BoundaryProps, { error: ApiCallError | null }> {
  override state: { error: ApiCallError | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: ApiCallError } {
    if (error instanceof ApiCallError) return { error };
    // Not a failed call: a screen's own bug. Say so rather than show its raw text alone.
    const detail = error instanceof Error ? error.message : String(error);
    return { error: new ApiCallError({ code: 'internal', message: `Showing it failed (${detail}). Try again, or reload the page.` }) };
  }

  override componentDidUpdate(previous: BoundaryProps): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.retry();
  }

  retry = (): void => {
    this.props.onReset();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <QueryError error={this.state.error} onRetry={this.retry} what={this.props.what} />;
  }
}
