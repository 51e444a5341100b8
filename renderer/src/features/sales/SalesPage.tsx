// The sales pipeline: the pipeline's value (raw and weighted), win rate and sales cycle; the board by
// stage with New lead, Move to…, Edit and Convert; conversion between stages and win rates by source
// and tier over the range (in the URL). Writes are local first: they work offline and sync later.
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import { TIER_LABELS } from '../../../../shared/domain';
import {
  LEAD_SOURCE_LABELS,
  LEAD_STAGE_LABELS,
  type LeadsDashboard,
  type LeadStage,
  type LeadSummary,
  type StageConversion,
  type WinRate,
} from '../../../../shared/features/leads/types';
import { quickRange } from '../../../../shared/ranges';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DataTable } from '../../ui/DataTable';
import { formatShare } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { useNames } from '../../ui/Name';
import { RangeBar } from '../../ui/RangeBar';
import { resolveRange } from '../../ui/range-search';
import { Tile } from '../../ui/Tile';
import { Board } from './Board';
import { ConvertDialog } from './ConvertDialog';
import { LeadDialog } from './LeadDialog';

export function SalesPage() {
  const search = useSearch({ from: '/sales' });
  const navigate = useNavigate({ from: '/sales' });
  const display = useDisplay();
  const names = useNames();
  const { from, to } = resolveRange(search, quickRange('12m', display.today()));
  const dashboard = useApi('leads.dashboard', { from, to });
  const [editing, setEditing] = useState<LeadSummary | 'new' | null>(null);
  const [converting, setConverting] = useState<LeadSummary | null>(null);
  const [focus, setFocus] = useState<{ id: string; stage: LeadStage } | null>(null);
  const move = useApiMutation('leads.move', {
    onSuccess: (lead) => {
      toast.success(`${names('company', lead.company)} moved to ${LEAD_STAGE_LABELS[lead.stage]}.`);
      setFocus({ id: lead.id, stage: lead.stage });
    },
  });
  const onFocused = useCallback(() => setFocus(null), []);

  return (
    <div className="page">
      <div className="row toolbar">
        {/* No spacer: the range bar takes the room New lead leaves (a spacer would halve it). */}
        <RangeBar range={{ from, to }} compare={false} onChange={(range) => void navigate({ search: range })} />
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="new-lead">
          <Plus size={14} aria-hidden /> New lead
        </button>
      </div>
      {dashboard.data ? (
        <>
          <Figures data={dashboard.data} />
          <Board
            dashboard={dashboard.data}
            from={from}
            to={to}
            actions={{
              onMove: (lead, stage) => move.mutate({ id: lead.id, stage }),
              onEdit: setEditing,
              onConvert: setConverting,
              focus,
              onFocused,
            }}
          />
          <Analysis data={dashboard.data} />
        </>
      ) : (
        <div className="empty">Loading the pipeline…</div>
      )}
      {editing && (
        <LeadDialog
          lead={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(id) => editing === 'new' && setFocus({ id, stage: 'discovery' })}
        />
      )}
      {converting && <ConvertDialog lead={converting} onClose={() => setConverting(null)} />}
    </div>
  );
}

function Figures({ data }: { data: LeadsDashboard }) {
  const { pipeline: p, winRate: w, cycle } = data;
  return (
    <div className="tiles tiles-5">
      <Tile label="Open leads" value={p.openLeads} compare="discovery to follow-up, now" testId="tile-open-leads" />
      <Tile
        label="Pipeline value"
        value={<Money cents={p.valueCents} style="whole" />}
        compare="estimated, ex GST"
        testId="tile-pipeline-value"
      />
      <Tile
        label="Weighted pipeline"
        value={<Money cents={p.weightedCents} style="whole" />}
        compare="value × probability"
        testId="tile-weighted"
      />
      <Tile label="Win rate" value={formatShare(w.rate, 0)} compare={`${w.won} won, ${w.lost} lost in the range`} testId="tile-win-rate" />
      <Tile
        label="Sales cycle"
        value={cycle.averageDays === null ? '—' : `${Math.round(cycle.averageDays)} days`}
        compare={
          cycle.medianDays === null ? 'no lead won in the range' : `median ${Math.round(cycle.medianDays)} days over ${cycle.won} won`
        }
        testId="tile-cycle"
      />
    </div>
  );
}

function Analysis({ data }: { data: LeadsDashboard }) {
  const filters: [string, string][] = [
    ['From', data.range.from],
    ['To', data.range.to],
    ['Time zone', data.range.timeZone],
  ];
  const parts = (what: string) => ['sales', what, data.range.from, 'to', data.range.to];
  const winColumns = <Row extends WinRate>(label: string, key: (r: Row) => string) => [
    { id: 'key', header: label, value: key },
    { id: 'won', header: 'Won', value: (r: Row) => r.won, align: 'right' as const },
    { id: 'lost', header: 'Lost', value: (r: Row) => r.lost, align: 'right' as const },
    { id: 'rate', header: 'Win rate', value: (r: Row) => r.rate, cell: (r: Row) => formatShare(r.rate, 0), align: 'right' as const },
    {
      id: 'value',
      header: 'Won value',
      value: (r: Row) => r.wonValueCents,
      csvHeader: 'Won value (cents)',
      cell: (r: Row) => <Money cents={r.wonValueCents} style="whole" />,
      align: 'right' as const,
    },
  ];
  return (
    <>
      <DataTable<StageConversion>
        title="Conversion between stages"
        note="leads created in the range; a lead that skipped a stage but went further counts as having passed it"
        rows={data.conversion}
        rowKey={(c) => `${c.from}-${c.to}`}
        filters={filters}
        fileParts={parts('conversion')}
        testId="conversion-table"
        columns={[
          { id: 'step', header: 'Step', value: (c) => `${LEAD_STAGE_LABELS[c.from]} → ${LEAD_STAGE_LABELS[c.to]}` },
          { id: 'reached', header: 'Reached', value: (c) => c.reached, align: 'right' },
          { id: 'advanced', header: 'Went on', value: (c) => c.advanced, align: 'right' },
          { id: 'rate', header: 'Conversion', value: (c) => c.rate, cell: (c) => formatShare(c.rate, 0), align: 'right' },
        ]}
      />
      <div className="two-columns">
        <DataTable<LeadsDashboard['winRateBySource'][number]>
          title="Win rate by source"
          note="closed in the range"
          rows={data.winRateBySource}
          rowKey={(r) => r.source}
          filters={filters}
          fileParts={parts('win-rate-by-source')}
          columns={winColumns('Source', (r) => LEAD_SOURCE_LABELS[r.source])}
        />
        <DataTable<LeadsDashboard['winRateByTier'][number]>
          title="Win rate by tier"
          note="closed in the range"
          rows={data.winRateByTier}
          rowKey={(r) => r.tier}
          filters={filters}
          fileParts={parts('win-rate-by-tier')}
          columns={winColumns('Tier', (r) => TIER_LABELS[r.tier])}
        />
      </div>
    </>
  );
}
