// The rows behind each scorecard tile, with the core's totals under them (its sums and counts, equal
// to the tile where the tile is a sum or a count; for a share, the counts it is the ratio of).
import { Link } from '@tanstack/react-router';
import { PROJECT_STATUS_LABELS, TIER_LABELS } from '../../../../shared/domain';
import type { FeedbackRow } from '../../../../shared/features/feedback/types';
import type { KpiTile } from '../../../../shared/features/kpis/types';
import { LEAD_STAGE_LABELS, type LeadSummary } from '../../../../shared/features/leads/types';
import type { InvoiceRow } from '../../../../shared/features/billing/types';
import type { JobView } from '../../../../shared/features/pipelines/types';
import { localDay } from '../../../../shared/time';
import type { ConsultantPeriod, DrillProjectRow } from '../../../../shared/features/projects/types';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DataTable } from '../../ui/DataTable';
import { formatHours, formatShare } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name } from '../../ui/Name';
import { formatNps } from './format';
import { formatMs, statusLabel } from '../pipelines/format';
import { StatusBadge } from '../pipelines/StatusBadge';
import { Private } from '../../ui/presentation/Private';

/** Billing and the pipelines dashboard cover a year at most. */
const YEAR_DAYS = 366;
const spanDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

function TooLong({ what }: { what: string }) {
  return (
    <p className="notice">The {what} are listed for a year at most: choose a shorter range to see them here, or open the dashboard.</p>
  );
}

export function TileRows({ tile, from, to }: { tile: KpiTile; from: string; to: string }) {
  const filters: [string, string][] = [
    ['Figure', tile.label],
    ['From', from],
    ['To', to],
  ];
  const parts = ['overview', tile.key, from, 'to', to];
  switch (tile.key) {
    case 'utilization':
      return <UtilizationRows from={from} to={to} filters={filters} parts={parts} />;
    case 'paid_within_30':
      return spanDays(from, to) > YEAR_DAYS ? (
        <TooLong what="invoices" />
      ) : (
        <PaidRows from={from} to={to} filters={filters} parts={parts} />
      );
    case 'satisfaction':
    case 'nps':
      return <FeedbackRows from={from} to={to} filters={filters} parts={parts} />;
    case 'revenue_quarter': {
      const q = { from: tile.drill.search.from ?? from, to: tile.drill.search.to ?? to };
      return (
        <RevenueRows
          {...q}
          filters={[
            ['Figure', tile.label],
            ['From', q.from],
            ['To', q.to],
          ]}
          parts={['overview', tile.key, q.from, 'to', q.to]}
        />
      );
    }
    case 'weighted_pipeline':
      return (
        <PipelineRows
          from={from}
          to={to}
          filters={[
            ['Figure', tile.label],
            ['Leads', 'open now'],
          ]}
          parts={['overview', tile.key]}
        />
      );
    case 'active_projects':
      return (
        <ActiveProjectRows
          filters={[
            ['Figure', tile.label],
            ['Status', 'active now'],
          ]}
          parts={['overview', tile.key]}
        />
      );
    case 'job_success':
      return tile.drill.jobs ? <JobRows jobs={tile.drill.jobs} filters={filters} parts={parts} /> : <TooLong what="pipeline runs" />;
  }
}

interface RowsProps {
  from: string;
  to: string;
  filters: [string, string][];
  parts: string[];
}

const Loading = () => <div className="empty">Loading the rows…</div>;

function UtilizationRows({ from, to, filters, parts }: RowsProps) {
  const q = useApi('projects.dashboard', { from, to });
  if (!q.data) return <Loading />;
  const { consultants, team } = q.data.utilization;
  return (
    <DataTable<ConsultantPeriod>
      title="Consultants"
      note="billable hours ÷ capacity"
      rows={consultants}
      rowKey={(c) => c.consultantId}
      filters={filters}
      fileParts={parts}
      initialSort={[{ id: 'utilization', desc: true }]}
      columns={[
        { id: 'name', header: 'Consultant', value: (c) => c.name, cell: (c) => <Name kind="consultant" name={c.name} /> },
        {
          id: 'billable',
          header: 'Billable',
          value: (c) => c.billableMinutes,
          csvHeader: 'Billable (minutes)',
          cell: (c) => formatHours(c.billableMinutes),
          align: 'right',
        },
        {
          id: 'capacity',
          header: 'Capacity',
          value: (c) => c.capacityMinutes,
          csvHeader: 'Capacity (minutes)',
          cell: (c) => formatHours(c.capacityMinutes),
          align: 'right',
        },
        { id: 'utilization', header: 'Utilization', value: (c) => c.utilization, cell: (c) => formatShare(c.utilization), align: 'right' },
      ]}
      footer={
        <tr data-testid="drill-total" data-minutes={team.billableMinutes} data-capacity={team.capacityMinutes}>
          <td>Team</td>
          <td className="right num">{formatHours(team.billableMinutes)}</td>
          <td className="right num">{formatHours(team.capacityMinutes)}</td>
          <td className="right num">{formatShare(team.utilization)}</td>
        </tr>
      }
    />
  );
}

function invoiceColumns(display: ReturnType<typeof useDisplay>) {
  return [
    {
      id: 'number',
      header: 'Invoice',
      value: (r: InvoiceRow) => r.number,
      cell: (r: InvoiceRow) => (
        <Link to="/invoices/$invoiceId" params={{ invoiceId: r.id }}>
          {r.number}
        </Link>
      ),
    },
    {
      id: 'client',
      header: 'Client',
      value: (r: InvoiceRow) => r.clientName,
      cell: (r: InvoiceRow) => <Name kind="client" name={r.clientName} />,
    },
    { id: 'issued', header: 'Issued', value: (r: InvoiceRow) => r.issuedOn, cell: (r: InvoiceRow) => display.dayShort(r.issuedOn) },
    {
      id: 'paid',
      header: 'Paid',
      value: (r: InvoiceRow) => r.paidOn,
      cell: (r: InvoiceRow) => (r.paidOn ? display.dayShort(r.paidOn) : 'unpaid'),
    },
    {
      id: 'subtotal',
      header: 'Ex GST',
      value: (r: InvoiceRow) => r.subtotalCents,
      csvHeader: 'Ex GST (cents)',
      cell: (r: InvoiceRow) => <Money cents={r.subtotalCents} />,
      align: 'right' as const,
    },
  ];
}

function PaidRows({ from, to, filters, parts }: RowsProps) {
  const display = useDisplay();
  const dashboard = useApi('billing.dashboard', { from, to });
  const rows = useApi('billing.rows', { figure: 'revenue', basis: 'invoiced', from, to });
  if (!dashboard.data || !rows.data) return <Loading />;
  const c = dashboard.data.collection;
  return (
    <>
      <p className="muted" data-testid="drill-counts">
        {c.paidWithin30} of {c.decided} invoices decided were paid within 30 days of issue ({formatShare(c.share)}); {c.undecided} are not
        30 days old and unpaid yet, so they count neither way.
      </p>
      <DataTable<InvoiceRow>
        title="Invoices issued in the range"
        rows={rows.data.kind === 'invoices' ? rows.data.rows : []}
        rowKey={(r) => r.id}
        filters={filters}
        fileParts={parts}
        note={rows.data.truncated ? 'The first rows; the total covers them all.' : undefined}
        columns={invoiceColumns(display)}
        footer={
          <tr
            data-testid="drill-total"
            data-count={rows.data.count}
            data-paid-within={c.paidWithin30}
            data-decided={c.decided}
            data-undecided={c.undecided}
          >
            <td colSpan={4}>{rows.data.count} invoices</td>
            <td className="right">
              <Money cents={rows.data.totalCents} />
            </td>
          </tr>
        }
      />
    </>
  );
}

function RevenueRows({ from, to, filters, parts }: RowsProps) {
  const display = useDisplay();
  const rows = useApi('billing.rows', { figure: 'revenue', basis: 'invoiced', from, to });
  if (!rows.data) return <Loading />;
  return (
    <DataTable<InvoiceRow>
      title="Invoices issued this quarter to date"
      rows={rows.data.kind === 'invoices' ? rows.data.rows : []}
      rowKey={(r) => r.id}
      filters={filters}
      fileParts={parts}
      note={rows.data.truncated ? 'The first rows; the total covers them all.' : 'sent and paid, ex GST'}
      columns={invoiceColumns(display)}
      footer={
        <tr data-testid="drill-total" data-cents={rows.data.totalCents} data-count={rows.data.count}>
          <td colSpan={4}>{rows.data.count} invoices</td>
          <td className="right">
            <Money cents={rows.data.totalCents} />
          </td>
        </tr>
      }
    />
  );
}

function FeedbackRows({ from, to, filters, parts }: RowsProps) {
  const display = useDisplay();
  const rows = useApi('feedback.list', { from, to, limit: 1000 });
  const nps = useApi('feedback.nps', { from, to });
  if (!rows.data || !nps.data) return <Loading />;
  const o = nps.data.overall;
  return (
    <DataTable<FeedbackRow>
      title="Responses"
      note={
        o.responses > rows.data.length ? 'The newest 1,000; the counts cover them all.' : 'score 9–10 promoter, 7–8 passive, 0–6 detractor'
      }
      rows={rows.data}
      rowKey={(r) => r.id}
      filters={filters}
      fileParts={parts}
      empty="No client feedback was recorded in the range."
      columns={[
        { id: 'day', header: 'Day', value: (r) => r.respondedOn, cell: (r) => display.dayShort(r.respondedOn) },
        {
          id: 'client',
          header: 'Client',
          value: (r) => r.clientName,
          cell: (r) => (
            <Link to="/clients/$clientId" params={{ clientId: r.clientId }}>
              <Name kind="client" name={r.clientName} />
            </Link>
          ),
        },
        { id: 'project', header: 'Project', value: (r) => r.projectName, cell: (r) => <Name kind="project" name={r.projectName} /> },
        { id: 'score', header: 'Score', value: (r) => r.score, align: 'right' },
        { id: 'comment', header: 'Comment', value: (r) => r.comment, cell: (r) => (r.comment ? <Private text={r.comment} /> : '—') },
      ]}
      footer={
        <tr data-testid="drill-total" data-count={o.responses}>
          <td colSpan={3}>
            {o.responses} responses: {o.promoters} promoters, {o.passives} passives, {o.detractors} detractors
          </td>
          <td className="right num">NPS {formatNps(o.nps)}</td>
          <td>satisfied {formatShare(o.satisfaction)}</td>
        </tr>
      }
    />
  );
}

function PipelineRows({ from, to, filters, parts }: RowsProps) {
  const display = useDisplay();
  const rows = useApi('leads.list', { open: true, limit: 10_000 });
  const dashboard = useApi('leads.dashboard', { from, to });
  if (!rows.data || !dashboard.data) return <Loading />;
  const p = dashboard.data.pipeline;
  return (
    <DataTable<LeadSummary>
      title="Open leads"
      note="value × probability, rounded once over the sum"
      rows={rows.data}
      rowKey={(r) => r.id}
      filters={filters}
      fileParts={parts}
      empty="No open lead."
      initialSort={[{ id: 'weighted', desc: true }]}
      columns={[
        { id: 'company', header: 'Company', value: (r) => r.company, cell: (r) => <Name kind="company" name={r.company} /> },
        { id: 'stage', header: 'Stage', value: (r) => LEAD_STAGE_LABELS[r.stage] },
        {
          id: 'close',
          header: 'Expected close',
          value: (r) => r.expectedCloseOn,
          cell: (r) => (r.expectedCloseOn ? display.dayShort(r.expectedCloseOn) : '—'),
        },
        {
          id: 'value',
          header: 'Value',
          value: (r) => r.estimatedValueCents,
          csvHeader: 'Value (cents)',
          cell: (r) => <Money cents={r.estimatedValueCents} />,
          align: 'right',
        },
        { id: 'probability', header: 'Probability', value: (r) => r.probability, cell: (r) => `${r.probability} %`, align: 'right' },
        {
          id: 'weighted',
          header: 'Weighted',
          value: (r) => r.weightedValueCents,
          csvHeader: 'Weighted (cents)',
          cell: (r) => <Money cents={r.weightedValueCents} />,
          align: 'right',
        },
      ]}
      footer={
        <tr data-testid="drill-total" data-cents={p.weightedCents} data-count={p.openLeads}>
          <td colSpan={3}>{p.openLeads} open leads</td>
          <td className="right">
            <Money cents={p.valueCents} />
          </td>
          <td />
          <td className="right">
            <Money cents={p.weightedCents} />
          </td>
        </tr>
      }
    />
  );
}

function ActiveProjectRows({ filters, parts }: Omit<RowsProps, 'from' | 'to'>) {
  const display = useDisplay();
  const rows = useApi('projects.rows', { figure: 'tierStatus', status: 'active', limit: 1000 });
  if (!rows.data) return <Loading />;
  const data = rows.data.kind === 'projects' ? rows.data : null;
  return (
    <DataTable<DrillProjectRow>
      title="Active projects"
      rows={data?.rows ?? []}
      rowKey={(r) => r.projectId}
      filters={filters}
      fileParts={parts}
      note={data?.truncated ? 'The first rows; the count covers them all.' : undefined}
      columns={[
        {
          id: 'name',
          header: 'Project',
          value: (r) => r.name,
          cell: (r) => (
            <Link to="/projects/$projectId" params={{ projectId: r.projectId }}>
              <Name kind="project" name={r.name} />
            </Link>
          ),
        },
        { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
        { id: 'tier', header: 'Tier', value: (r) => TIER_LABELS[r.tier] },
        { id: 'status', header: 'Status', value: (r) => PROJECT_STATUS_LABELS[r.status] },
        { id: 'start', header: 'Start', value: (r) => r.startOn, cell: (r) => display.dayShort(r.startOn) },
        { id: 'due', header: 'Due', value: (r) => r.dueOn, cell: (r) => (r.dueOn ? display.dayShort(r.dueOn) : '—') },
      ]}
      footer={
        <tr data-testid="drill-total" data-count={data?.count ?? 0}>
          <td colSpan={6}>{data?.count ?? 0} projects</td>
        </tr>
      }
    />
  );
}

/** The jobs the success rate counts (the core's query, `KpiTile.drill.jobs`): succeeded or failed, finished in the range. */
function JobRows({ jobs, filters, parts }: Omit<RowsProps, 'from' | 'to'> & { jobs: NonNullable<KpiTile['drill']['jobs']> }) {
  const display = useDisplay();
  const all = useApi('pipelines.rows', jobs);
  const succeeded = useApi('pipelines.rows', { ...jobs, status: ['succeeded'], limit: 1 });
  if (!all.data || !succeeded.data) return <Loading />;
  const n = all.data.count;
  const ok = succeeded.data.count;
  return (
    <DataTable<JobView>
      title="Runs that finished"
      note={all.data.truncated ? 'The newest rows; the counts cover them all.' : 'succeeded ÷ (succeeded + failed), by when each finished'}
      rows={all.data.rows}
      rowKey={(j) => j.id}
      filters={filters}
      fileParts={parts}
      initialSort={[{ id: 'finished', desc: true }]}
      columns={[
        {
          id: 'finished',
          header: 'Finished',
          value: (j) => j.finishedAt,
          cell: (j) =>
            j.finishedAt ? (
              <Link to="/pipelines/jobs/$jobId" params={{ jobId: j.id }}>
                {display.dayShort(localDay(j.finishedAt, display.timeZone))}, {display.clock(j.finishedAt)}
              </Link>
            ) : (
              '—'
            ),
        },
        { id: 'pipeline', header: 'Pipeline', value: (j) => j.pipelineName },
        { id: 'status', header: 'Status', value: (j) => statusLabel(j.status), cell: (j) => <StatusBadge status={j.status} /> },
        {
          id: 'duration',
          header: 'Duration',
          value: (j) => j.durationMs,
          csvHeader: 'Duration (ms)',
          cell: (j) => formatMs(j.durationMs),
          align: 'right',
        },
      ]}
      footer={
        <tr data-testid="drill-total" data-count={n} data-succeeded={ok}>
          <td colSpan={2}>
            {ok} of {n} runs succeeded
          </td>
          <td />
          <td className="right num">{formatShare(n > 0 ? ok / n : null)}</td>
        </tr>
      }
    />
  );
}
