// One figure with its label: the summary tiles above tables, with what it is compared with and,
// where one exists, its target; a click (onClick) opens the rows behind it.
import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: ReactNode;
  /** "vs 71 % in Sep" — the previous period's figure, said in words. */
  compare?: ReactNode;
  /** Whether the change is good, bad or neither (colours the comparison). */
  tone?: 'positive' | 'negative' | 'neutral';
  onClick?: () => void;
  testId?: string;
}

export function Tile({ label, value, compare, tone = 'neutral', onClick, testId }: Props) {
  const body = (
    <>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {compare && <div className={`tile-compare tone-${tone}`}>{compare}</div>}
    </>
  );
  return onClick ? (
    <button type="button" className="card tile tile-button" onClick={onClick} data-testid={testId}>
      {body}
    </button>
  ) : (
    <div className="card tile" data-testid={testId}>
      {body}
    </div>
  );
}
