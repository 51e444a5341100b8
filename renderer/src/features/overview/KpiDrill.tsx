// What is behind a scorecard tile: the figure and its target, its trend as a table (the sparkline's
// figures), the rows it is made of with the core's totals (equal to the figure where it is a sum or
// a count), and a link to the dashboard it comes from.
import * as Dialog from '@radix-ui/react-dialog';
import { Link } from '@tanstack/react-router';
import { ArrowRight, Pencil, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import type { CustomMetric, KpiTile, Scorecard } from '../../../../shared/features/kpis/types';
import { useDisplay } from '../../app/display';
import { useMoney } from '../../ui/Money';
import { directionText, kpiText, metricText, periodLabel } from './format';
import { RecordValueForm } from './MetricDialog';
import { TileRows } from './rows';
import { useReturnFocus } from '../../ui/return-focus';

const DASHBOARD_NAMES: Record<KpiTile['drill']['route'], string> = {
  '/projects': 'Projects',
  '/billing': 'Billing',
  '/clients': 'Clients',
  '/sales': 'Sales pipeline',
  '/pipelines/dashboard': 'Pipelines',
};

/** Figures of the present (open leads, active projects), whatever the range; their trend uses it. */
const NOW_FIGURES = new Set<KpiTile['key']>(['weighted_pipeline', 'active_projects']);

function FiguresDialog({ title, testId, onClose, children }: { title: string; testId: string; onClose: () => void; children: ReactNode }) {
  const returnFocus = useReturnFocus();
  return (
    <Dialog.Root open onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content onCloseAutoFocus={returnFocus} className="dialog dialog-wide" data-testid={testId} aria-describedby={undefined}>
          <div className="row">
            <Dialog.Title>{title}</Dialog.Title>
            <div className="spacer" />
            <Dialog.Close asChild>
              <button type="button" className="btn btn-icon" aria-label="Close">
                <X size={16} aria-hidden />
              </button>
            </Dialog.Close>
          </div>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function TrendTable({ caption, rows }: { caption: string; rows: Array<{ key: string; label: string; value: string }> }) {
  return (
    <details className="trend-table">
      <summary>{caption} as a table</summary>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th>Period</th>
            <th className="right">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td className="right num">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function KpiDrill({ tile, data, onClose }: { tile: KpiTile; data: Scorecard; onClose: () => void }) {
  const display = useDisplay();
  const money = useMoney();
  const value = kpiText(tile.unit, tile.value, money);
  // Revenue is this quarter to date, whatever the range: say its own days.
  const quarter = tile.key === 'revenue_quarter';
  const shown = quarter ? { from: tile.drill.search.from ?? data.from, to: tile.drill.search.to ?? data.to } : data;
  return (
    <FiguresDialog title={tile.label} testId="kpi-drill" onClose={onClose}>
      <p className="muted" data-testid="kpi-drill-figure">
        <strong className="kpi-drill-value">{value}</strong>{' '}
        {NOW_FIGURES.has(tile.key) ? 'now' : `from ${display.dayMedium(shown.from)} to ${display.dayMedium(shown.to)}`}
        {tile.target !== null && !quarter && <> · target {kpiText(tile.unit, tile.target, money)}</>} · {directionText(tile.direction)}
        {tile.previous !== null && (
          <>
            {' '}
            · {kpiText(tile.unit, tile.previous, money)} {quarter ? 'last quarter to the same day' : 'the period before'}
          </>
        )}
      </p>
      {tile.missing && <p className="notice notice-warning">{tile.missing}</p>}
      <div className="row">
        <Link to={tile.drill.route} search={tile.drill.search as never} className="btn" data-testid="kpi-dashboard-link">
          Open the {DASHBOARD_NAMES[tile.drill.route]} dashboard <ArrowRight size={14} aria-hidden />
        </Link>
      </div>
      <TrendTable
        caption={`${tile.label} ${data.granularity === 'week' ? 'by week' : 'by month'}`}
        rows={tile.trend.map((p) => ({
          key: p.period,
          label: periodLabel(p, display.dayShort),
          value: kpiText(tile.unit, p.value, money),
        }))}
      />
      <TileRows tile={tile} from={data.from} to={data.to} />
    </FiguresDialog>
  );
}

export function MetricDrill({
  metric,
  canEdit,
  onEdit,
  onClose,
}: {
  metric: CustomMetric;
  canEdit: boolean;
  onEdit: () => void;
  onClose: () => void;
}) {
  const display = useDisplay();
  const [recording, setRecording] = useState(false);
  return (
    <FiguresDialog title={metric.name} testId="metric-drill" onClose={onClose}>
      <p className="muted">
        Latest <strong>{metricText(metric.value, metric.unit)}</strong> · target {metricText(metric.target, metric.unit)} ·{' '}
        {directionText(metric.direction)}
      </p>
      {canEdit && (
        <div className="row">
          <button type="button" className="btn" onClick={onEdit}>
            <Pencil size={14} aria-hidden /> Edit the metric
          </button>
          {!recording && (
            <button type="button" className="btn btn-primary" onClick={() => setRecording(true)}>
              Record a value
            </button>
          )}
        </div>
      )}
      {recording && <RecordValueForm metric={metric} onDone={() => setRecording(false)} />}
      <table className="table" aria-label={`${metric.name}: values recorded in the range`} data-testid="metric-values">
        <thead>
          <tr>
            <th>Day</th>
            <th className="right">Value</th>
          </tr>
        </thead>
        <tbody>
          {metric.values.length === 0 ? (
            <tr>
              <td colSpan={2} className="muted">
                No value recorded in the range.
              </td>
            </tr>
          ) : (
            metric.values.map((v) => (
              <tr key={v.id}>
                <td>{display.dayMedium(v.recordedOn)}</td>
                <td className="right num">{metricText(v.value, metric.unit)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </FiguresDialog>
  );
}
