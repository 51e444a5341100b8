// One scorecard tile: the figure against its target (and which way is better), the period before,
// a status badge and a small trend. The figure is a button that opens what is behind it; the trend
// sits outside the button (a picture, named in words; its figures are in the table behind).
import type { ReactNode } from 'react';
import { Sparkline, type SparkPoint } from '../../ui/Sparkline';

interface Props {
  testId: string;
  /** The raw figure (cents, a share…), for tests and tools reading the page. */
  raw: number | null;
  label: string;
  value: ReactNode;
  target: ReactNode;
  compare?: ReactNode;
  status: string | null;
  good: boolean | null;
  trend: SparkPoint[];
  trendName: string;
  format: (value: number) => string;
  missing?: string | null;
  onOpen: () => void;
}

export function KpiCard({ testId, raw, label, value, target, compare, status, good, trend, trendName, format, missing, onOpen }: Props) {
  const tone = good === null ? 'neutral' : good ? 'positive' : 'negative';
  return (
    <div className="card kpi" data-testid={testId} data-value={raw ?? ''}>
      <button type="button" className="kpi-open" onClick={onOpen}>
        <span className="kpi-head">
          <span className="tile-label">{label}</span>
          {status && <span className={`badge ${good ? 'badge-positive' : 'badge-danger'}`}>{status}</span>}
        </span>
        <span className="tile-value" data-testid="kpi-value">
          {value}
        </span>
        <span className="kpi-target">{target}</span>
        {compare && <span className={`tile-compare tone-${tone}`}>{compare}</span>}
        {missing && <span className="kpi-missing">{missing}</span>}
        <span className="sr-only">: open the figures behind it</span>
      </button>
      <Sparkline points={trend} name={trendName} format={format} tone={tone} />
    </div>
  );
}
