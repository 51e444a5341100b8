// One client's page: its figures (status, revenue, margin, receivables, NPS over the range), its
// projects, invoices, hours by month, feedback (with Add feedback) and leads. The range is in the URL.
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { MessageSquarePlus } from 'lucide-react';
import { useState } from 'react';
import { PROJECT_STATUS_LABELS, TIER_LABELS } from '../../../../shared/domain';
import type { ClientDetail, ClientInvoiceRow, ClientProjectRow } from '../../../../shared/features/clients/types';
import type { FeedbackRow } from '../../../../shared/features/feedback/types';
import { LEAD_STAGE_LABELS, type LeadSummary } from '../../../../shared/features/leads/types';
import { quickRange } from '../../../../shared/ranges';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { monthLabel } from '../../ui/chart';
import { DataTable } from '../../ui/DataTable';
import { formatHours, formatShare } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { RangeBar } from '../../ui/RangeBar';
import { resolveRange } from '../../ui/range-search';
import { Tile } from '../../ui/Tile';
import { InvoiceStatusBadge } from '../invoices/format';
import { formatNps } from '../overview/format';
import { ClientStatusBadge } from './format';
import { FeedbackDialog } from './FeedbackDialog';
import { Private } from '../../ui/presentation/Private';

export function ClientPage() {
  const { clientId } = useParams({ from: '/clients/$clientId' });
  const search = useSearch({ from: '/clients/$clientId' });
  const navigate = useNavigate({ from: '/clients/$clientId' });
  const display = useDisplay();
  const { from, to } = resolveRange(search, quickRange('12m', display.today()));
  const client = useApi('clients.get', { id: clientId, from, to });
  return (
    <div className="page">
      <div className="row toolbar">
        <Link to="/clients" search={{ from, to }} className="muted">
          ← All clients
        </Link>
        <RangeBar range={{ from, to }} compare={false} onChange={(range) => void navigate({ search: range })} />
      </div>
      {client.data ? <Client data={client.data} from={from} to={to} /> : <div className="empty">Loading the client…</div>}
    </div>
  );
}

function Client({ data, from, to }: { data: ClientDetail; from: string; to: string }) {
  const display = useDisplay();
  const names = useNames();
  const [adding, setAdding] = useState(false);
  const filters: [string, string][] = [
    ['Client', names('client', data.name)],
    ['From', from],
    ['To', to],
  ];
  const parts = (what: string) => ['client', names('client', data.name), what];
  return (
    <>
      <div className="client-head">
        <h2 className="client-name">
          <Name kind="client" name={data.name} />
        </h2>
        <ClientStatusBadge status={data.status} />
        <span className="muted">
          {data.industry}
          {data.industry && data.region ? ' · ' : ''}
          <Private text={data.region} />
        </span>
        <div className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          <MessageSquarePlus size={14} aria-hidden /> Add feedback
        </button>
      </div>
      <div className="tiles tiles-5">
        <Tile
          label="Revenue to date"
          value={<Money cents={data.revenueCents} style="whole" />}
          compare="sent and paid, ex GST"
          testId="tile-revenue"
        />
        <Tile
          label="Margin to date"
          value={<Money cents={data.marginCents} style="whole" missing="—" />}
          compare={data.marginRate === null ? 'a cost rate is missing' : `${formatShare(data.marginRate, 0)} of revenue`}
        />
        <Tile label="Receivables" value={<Money cents={data.receivablesCents} style="whole" />} compare="sent, unpaid, GST incl." />
        <Tile
          label="NPS in the range"
          value={formatNps(data.feedback.nps)}
          compare={`${data.feedback.responses} responses · satisfied ${formatShare(data.feedback.satisfaction, 0)}`}
        />
        <Tile
          label="Hours in the range"
          value={formatHours(data.hours.minutes)}
          compare={`${formatHours(data.hours.billableMinutes)} billable`}
        />
      </div>

      <DataTable<ClientProjectRow>
        title="Projects"
        note={`${data.activeProjects} active of ${data.projectCount}`}
        rows={data.projects}
        rowKey={(p) => p.id}
        filters={filters}
        fileParts={parts('projects')}
        testId="client-projects"
        empty="No project yet."
        columns={[
          {
            id: 'name',
            header: 'Project',
            value: (p) => p.name,
            cell: (p) => (
              <Link to="/projects/$projectId" params={{ projectId: p.id }}>
                <Name kind="project" name={p.name} />
              </Link>
            ),
          },
          { id: 'tier', header: 'Tier', value: (p) => TIER_LABELS[p.tier] },
          { id: 'status', header: 'Status', value: (p) => PROJECT_STATUS_LABELS[p.status] },
          { id: 'start', header: 'Start', value: (p) => p.startOn, cell: (p) => display.dayShort(p.startOn) },
          { id: 'due', header: 'Due', value: (p) => p.dueOn, cell: (p) => (p.dueOn ? display.dayShort(p.dueOn) : '—') },
          {
            id: 'hours',
            header: 'Hours',
            value: (p) => p.minutes,
            csvHeader: 'Minutes',
            cell: (p) => formatHours(p.minutes),
            align: 'right',
          },
          {
            id: 'budget',
            header: 'Budget',
            value: (p) => p.budgetCents,
            csvHeader: 'Budget (cents)',
            cell: (p) => <Money cents={p.budgetCents} style="whole" />,
            align: 'right',
          },
          {
            id: 'revenue',
            header: 'Revenue',
            value: (p) => p.revenueCents,
            csvHeader: 'Revenue (cents)',
            cell: (p) => <Money cents={p.revenueCents} style="whole" />,
            align: 'right',
          },
        ]}
      />

      <div className="two-columns">
        <DataTable<ClientInvoiceRow>
          title="Invoices"
          rows={data.invoices}
          rowKey={(i) => i.id}
          filters={filters}
          fileParts={parts('invoices')}
          testId="client-invoices"
          empty="No invoice yet."
          initialSort={[{ id: 'issued', desc: true }]}
          columns={[
            {
              id: 'number',
              header: 'Invoice',
              value: (i) => i.number,
              cell: (i) => (
                <Link to="/invoices/$invoiceId" params={{ invoiceId: i.id }}>
                  {i.number}
                </Link>
              ),
            },
            { id: 'status', header: 'Status', value: (i) => i.status, cell: (i) => <InvoiceStatusBadge status={i.status} /> },
            { id: 'issued', header: 'Issued', value: (i) => i.issuedOn, cell: (i) => display.dayShort(i.issuedOn) },
            {
              id: 'total',
              header: 'Total',
              value: (i) => i.totalCents,
              csvHeader: 'Total (cents)',
              cell: (i) => <Money cents={i.totalCents} />,
              align: 'right',
            },
          ]}
        />
        <DataTable<ClientDetail['hours']['months'][number]>
          title="Hours by month"
          note="as logged"
          rows={data.hours.months}
          rowKey={(m) => m.month}
          filters={filters}
          fileParts={parts('hours')}
          testId="client-hours"
          empty="No hours in the range."
          columns={[
            { id: 'month', header: 'Month', value: (m) => m.month, cell: (m) => monthLabel(m.month) },
            {
              id: 'minutes',
              header: 'Hours',
              value: (m) => m.minutes,
              csvHeader: 'Minutes',
              cell: (m) => formatHours(m.minutes),
              align: 'right',
            },
            {
              id: 'billable',
              header: 'Billable',
              value: (m) => m.billableMinutes,
              csvHeader: 'Billable (minutes)',
              cell: (m) => formatHours(m.billableMinutes),
              align: 'right',
            },
          ]}
          footer={
            <tr>
              <td>Total</td>
              <td className="right num">{formatHours(data.hours.minutes)}</td>
              <td className="right num">{formatHours(data.hours.billableMinutes)}</td>
            </tr>
          }
        />
      </div>

      <DataTable<FeedbackRow>
        title="Feedback"
        note="every response, newest first; score 9–10 promoter, 0–6 detractor"
        rows={data.feedbackRows}
        rowKey={(f) => f.id}
        filters={filters}
        fileParts={parts('feedback')}
        testId="client-feedback"
        empty="No feedback yet: Add feedback records a survey answer."
        columns={[
          { id: 'day', header: 'Day', value: (f) => f.respondedOn, cell: (f) => display.dayShort(f.respondedOn) },
          { id: 'score', header: 'Score', value: (f) => f.score, align: 'right' },
          { id: 'project', header: 'Project', value: (f) => f.projectName, cell: (f) => <Name kind="project" name={f.projectName} /> },
          {
            id: 'comment',
            header: 'Comment',
            value: (f) => f.comment || null,
            cell: (f) => (f.comment ? <Private text={f.comment} /> : '—'),
          },
        ]}
      />

      <DataTable<LeadSummary>
        title="Leads"
        rows={data.leads}
        rowKey={(l) => l.id}
        filters={filters}
        fileParts={parts('leads')}
        testId="client-leads"
        empty="No lead for this client."
        columns={[
          { id: 'company', header: 'Company', value: (l) => l.company, cell: (l) => <Name kind="company" name={l.company} /> },
          { id: 'stage', header: 'Stage', value: (l) => LEAD_STAGE_LABELS[l.stage] },
          { id: 'tier', header: 'Tier', value: (l) => TIER_LABELS[l.tier] },
          {
            id: 'value',
            header: 'Value',
            value: (l) => l.estimatedValueCents,
            csvHeader: 'Value (cents)',
            cell: (l) => <Money cents={l.estimatedValueCents} style="whole" />,
            align: 'right',
          },
          { id: 'since', header: 'In stage since', value: (l) => l.stageSince, cell: (l) => display.dayShort(l.stageSince) },
        ]}
      />
      {adding && <FeedbackDialog clientId={data.id} clientName={data.name} projects={data.projects} onClose={() => setAdding(false)} />}
    </>
  );
}
