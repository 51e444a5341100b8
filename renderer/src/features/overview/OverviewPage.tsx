// The Overview: the business's KPI scorecard for a range (in the URL) — each built-in figure against
// its target with the period before and a trend — and the admins' custom metrics. A tile opens the
// figures behind it (its trend as a table, the rows that make it up, and its dashboard).
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { TIER_LABELS } from '../../../../shared/domain';
import type { CustomMetric, KpiTile, Scorecard } from '../../../../shared/features/kpis/types';
import { quickRange } from '../../../../shared/ranges';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { Money, useMoney } from '../../ui/Money';
import { PrintButton } from '../../ui/PrintButton';
import { RangeBar } from '../../ui/RangeBar';
import { resolveRange } from '../../ui/range-search';
import { directionText, kpiText, metricText, periodLabel, statusText, targetText } from './format';
import { KpiCard } from './KpiCard';
import { KpiDrill, MetricDrill } from './KpiDrill';
import { MetricDialog } from './MetricDialog';

export function OverviewPage() {
  const search = useSearch({ from: '/overview' });
  const navigate = useNavigate({ from: '/overview' });
  const display = useDisplay();
  const { from, to } = resolveRange(search, quickRange('quarter', display.today()));
  const scorecard = useApi('kpis.scorecard', { from, to });
  const open = (key: string | undefined) => void navigate({ search: (s) => ({ ...s, open: key }) });

  return (
    <div className="page">
      <div className="row toolbar">
        <RangeBar range={{ from, to }} onChange={(range) => void navigate({ search: (s) => ({ ...s, ...range }) })} />
        <PrintButton />
      </div>
      {scorecard.data ? (
        <Board data={scorecard.data} openKey={search.open} onOpen={open} />
      ) : (
        <div className="empty" data-testid="overview-loading">
          Loading the scorecard…
        </div>
      )}
    </div>
  );
}

function Board({ data, openKey, onOpen }: { data: Scorecard; openKey: string | undefined; onOpen: (key: string | undefined) => void }) {
  const display = useDisplay();
  const money = useMoney();
  const [defining, setDefining] = useState<CustomMetric | 'new' | null>(null);
  const by = data.granularity === 'week' ? 'by week' : 'by month';
  const openTile = data.tiles.find((t) => t.key === openKey) ?? null;
  const openMetric = openKey?.startsWith('metric:') ? (data.custom.find((m) => `metric:${m.id}` === openKey) ?? null) : null;

  return (
    <>
      <section aria-labelledby="scorecard-heading" className="kpi-section">
        <h2 id="scorecard-heading" className="section-title">
          Scorecard{' '}
          <span className="muted">
            {display.timeZone}, trends {by}
          </span>
        </h2>
        <div className="kpis" data-testid="scorecard">
          {data.tiles.map((tile) => (
            <KpiCard
              key={tile.key}
              testId={`kpi-${tile.key}`}
              raw={tile.value}
              label={tile.label}
              value={tile.unit === 'cents' ? <Money cents={tile.value} style="whole" /> : kpiText(tile.unit, tile.value, money)}
              target={<TargetLine tile={tile} />}
              compare={compareLine(tile, money)}
              status={statusText(tile)}
              good={tile.status === 'none' ? null : tile.status === 'met'}
              trend={tile.trend.map((p) => ({ label: periodLabel(p, display.dayShort), value: p.value }))}
              trendName={`${tile.label} ${by}`}
              format={(v) => kpiText(tile.unit, v, money)}
              missing={tile.missing}
              onOpen={() => onOpen(tile.key)}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="custom-heading" className="kpi-section">
        <div className="row">
          <h2 id="custom-heading" className="section-title">
            Our own metrics <span className="muted">recorded by admins</span>
          </h2>
          <div className="spacer" />
          {data.canEditMetrics && (
            <button type="button" className="btn" onClick={() => setDefining('new')}>
              <Plus size={14} aria-hidden /> New metric
            </button>
          )}
        </div>
        {data.custom.length === 0 ? (
          <div className="card empty" data-testid="no-metrics">
            No custom metrics yet.{' '}
            {data.canEditMetrics ? 'Add one with New metric: a name, a unit, a target and which way is better.' : 'An admin can add them.'}
          </div>
        ) : (
          <div className="kpis" data-testid="custom-metrics">
            {data.custom.map((m) => (
              <KpiCard
                key={m.id}
                testId={`metric-${m.id}`}
                raw={m.value}
                label={m.name}
                value={metricText(m.value, m.unit)}
                target={
                  <>
                    Target {targetText(m.direction, metricText(m.target, m.unit))} · {directionText(m.direction)}
                  </>
                }
                compare={m.values.length === 0 ? 'No value recorded in the range' : `${m.values.length} values in the range`}
                status={statusText({ status: m.status, target: m.target })}
                good={m.status === 'none' ? null : m.status === 'met'}
                trend={m.values.map((v) => ({ label: display.dayShort(v.recordedOn), value: v.value }))}
                trendName={`${m.name}, values recorded`}
                format={(v) => metricText(v, m.unit)}
                onOpen={() => onOpen(`metric:${m.id}`)}
              />
            ))}
          </div>
        )}
      </section>

      {openTile && <KpiDrill tile={openTile} data={data} onClose={() => onOpen(undefined)} />}
      {openMetric && (
        <MetricDrill
          metric={openMetric}
          canEdit={data.canEditMetrics}
          onEdit={() => setDefining(openMetric)}
          onClose={() => onOpen(undefined)}
        />
      )}
      {defining && <MetricDialog metric={defining === 'new' ? null : defining} onClose={() => setDefining(null)} />}
    </>
  );
}

function TargetLine({ tile }: { tile: KpiTile }) {
  const money = useMoney();
  if (tile.key === 'revenue_quarter')
    return (
      <>
        Target: last quarter to the same day, <Money cents={tile.target} style="whole" />
      </>
    );
  if (tile.key === 'active_projects' && tile.breakdown)
    return <>{tile.breakdown.map((b) => `${TIER_LABELS[b.tier]} ${b.value}`).join(' · ')}</>;
  if (tile.target === null) return <>No fixed target · {directionText(tile.direction)}</>;
  return (
    <>
      Target {targetText(tile.direction, kpiText(tile.unit, tile.target, money))} · {directionText(tile.direction)}
    </>
  );
}

function compareLine(tile: KpiTile, money: ReturnType<typeof useMoney>): string | undefined {
  if (tile.key === 'active_projects') return 'active now; the line: projects worked on';
  if (tile.key === 'revenue_quarter' || tile.previous === null) return undefined;
  return `${kpiText(tile.unit, tile.previous, money)} the period before`;
}
