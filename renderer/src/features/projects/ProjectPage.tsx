// A project's page: its facts, budget burn and margin, and its entries, invoices, expenses and
// jobs (the newest of each, with counts and totals of all) — every figure from the core's SQL.
import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { PROJECT_STATUS_LABELS, TIER_LABELS } from '../../../../shared/domain';
import type {
  ProjectEntryRow,
  ProjectExpenseRow,
  ProjectInvoiceRow,
  ProjectJobRow,
  ProjectPage as Page,
} from '../../../../shared/features/projects/types';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DataTable } from '../../ui/DataTable';
import { formatHours, formatShare } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name } from '../../ui/Name';
import { PrintButton } from '../../ui/PrintButton';
import { Tile } from '../../ui/Tile';
import { statusLabel } from '../pipelines/format';
import { Private, Scrubbed } from '../../ui/presentation/Private';

export function ProjectPage() {
  const { projectId } = useParams({ from: '/projects/$projectId' });
  const page = useApi('projects.get', { id: projectId });
  if (!page.data) return <div className="page muted">Loading…</div>;
  return <ProjectView page={page.data} />;
}

function ProjectView({ page }: { page: Page }) {
  const display = useDisplay();
  const { project: p, burn, margin } = page;
  const filters: [string, string][] = [['Project', p.name]];
  const fileParts = (table: string) => ['project', p.name, table];
  return (
    <div className="page">
      <div className="row toolbar">
        <Link to="/projects" className="btn">
          <ArrowLeft size={14} aria-hidden /> Projects
        </Link>
        <div className="spacer" />
        <PrintButton />
      </div>
      <section className="card" aria-labelledby="project-heading">
        <div className="card-head">
          <h2 id="project-heading">
            <Name kind="project" name={p.name} />
          </h2>
          <span className="muted">
            <Name kind="client" name={p.clientName} /> · {TIER_LABELS[p.tier]}
          </span>
          <span className={`badge${p.overdue ? ' badge-danger' : ''}`} data-testid="project-status">
            {PROJECT_STATUS_LABELS[p.status]}
            {p.overdue ? ', overdue' : ''}
          </span>
        </div>
        <div className="card-body">
          <dl className="job-facts">
            <dt>Runs</dt>
            <dd>
              {display.dayMedium(p.startOn)} to {p.dueOn ? display.dayMedium(p.dueOn) : 'no due day'}
              {p.completedOn ? ` · done ${display.dayMedium(p.completedOn)}` : ''}
            </dd>
            <dt>Rate</dt>
            <dd>{p.hourlyRateCents === null ? "each consultant's own rate" : <Money cents={p.hourlyRateCents} />}</dd>
            <dt>Rounding</dt>
            <dd>{p.roundingMode === 'none' ? 'none' : `${p.roundingMode} to ${p.roundingStep} minutes`}</dd>
          </dl>
        </div>
      </section>

      <div className="tiles tiles-6">
        <Tile
          label={burn.pricing === 'fixed' ? 'Fixed price' : 'Budget'}
          value={<Money cents={p.budgetCents} style="whole" missing="none" />}
        />
        <Tile
          label="Burn"
          value={formatShare(burn.burn, 0)}
          compare={
            burn.overBudget
              ? 'over budget'
              : burn.flagged
                ? 'past 80 %'
                : burn.pricing === 'fixed'
                  ? 'hours’ value of the price'
                  : 'of the budget'
          }
          tone={burn.overBudget || burn.flagged ? 'negative' : 'neutral'}
          testId="tile-burn"
        />
        <Tile
          label="Value"
          value={<Money cents={margin.valueCents} style="whole" />}
          compare={
            <>
              {burn.pricing === 'fixed' ? 'milestones invoiced' : 'billed'} <Money cents={burn.billedCents} style="whole" />
            </>
          }
        />
        <Tile
          label="Invoiced"
          value={<Money cents={margin.invoicedCents} style="whole" />}
          compare={
            <>
              paid <Money cents={margin.paidCents} style="whole" />
            </>
          }
        />
        <Tile label="Expenses" value={<Money cents={margin.expensesCents} style="whole" />} />
        <Tile
          label="Margin"
          value={<Money cents={margin.marginCents} style="whole" missing="—" />}
          compare={margin.marginCents === null ? 'a consultant has no cost rate here' : formatShare(margin.marginShare, 0)}
          tone={margin.marginCents === null ? 'neutral' : margin.marginCents >= 0 ? 'positive' : 'negative'}
          testId="tile-margin"
        />
      </div>

      {page.missing.length > 0 && (
        <ul className="notice" data-testid="missing-inputs">
          {page.missing.map((m) => (
            <li key={`${m.kind}-${m.id}`}>
              <Scrubbed text={m.message} />
            </li>
          ))}
        </ul>
      )}

      <DataTable<ProjectEntryRow>
        title="Time entries"
        note={`${page.entries.count} in all, ${formatHours(page.entries.minutes)} (${formatHours(page.entries.billableMinutes)} billable); the newest ${page.entries.rows.length}`}
        rows={page.entries.rows}
        rowKey={(r) => r.id}
        filters={filters}
        fileParts={fileParts('entries')}
        columns={[
          { id: 'day', header: 'Day', value: (r) => r.day, cell: (r) => display.dayShort(r.day) },
          {
            id: 'who',
            header: 'Consultant',
            value: (r) => r.consultantName,
            cell: (r) => <Name kind="consultant" name={r.consultantName} />,
          },
          {
            id: 'hours',
            header: 'Hours',
            value: (r) => r.minutes,
            csvHeader: 'Minutes',
            cell: (r) => formatHours(r.minutes),
            align: 'right',
          },
          { id: 'billable', header: 'Billable', value: (r) => (r.billable ? 'yes' : 'no') },
          {
            id: 'amount',
            header: 'Amount',
            value: (r) => r.amountCents,
            csvHeader: 'Amount (cents)',
            cell: (r) => <Money cents={r.amountCents} />,
            align: 'right',
          },
          { id: 'note', header: 'Note', value: (r) => r.note, cell: (r) => <Private className="cell-note" text={r.note} /> },
        ]}
      />
      <div className="two-columns">
        <DataTable<ProjectInvoiceRow>
          title="Invoices"
          note={`${page.invoices.count} in all`}
          rows={page.invoices.rows}
          rowKey={(r) => r.id}
          filters={filters}
          fileParts={fileParts('invoices')}
          empty="No invoices yet."
          columns={[
            {
              id: 'number',
              header: 'Number',
              value: (r) => r.number,
              cell: (r) => (
                <Link to="/invoices/$invoiceId" params={{ invoiceId: r.id }} className="num">
                  {r.number}
                </Link>
              ),
            },
            { id: 'issued', header: 'Issued', value: (r) => r.issuedOn, cell: (r) => display.dayShort(r.issuedOn) },
            { id: 'status', header: 'Status', value: (r) => r.status },
            {
              id: 'total',
              header: 'Total',
              value: (r) => r.totalCents,
              csvHeader: 'Total (cents)',
              cell: (r) => <Money cents={r.totalCents} />,
              align: 'right',
            },
          ]}
        />
        <DataTable<ProjectExpenseRow>
          title="Expenses"
          note={
            <>
              {page.expenses.count} in all, <Money cents={page.expenses.totalCents} />
            </>
          }
          rows={page.expenses.rows}
          rowKey={(r) => r.id}
          filters={filters}
          fileParts={fileParts('expenses')}
          empty="No expenses."
          columns={[
            { id: 'spent', header: 'Day', value: (r) => r.spentOn, cell: (r) => display.dayShort(r.spentOn) },
            { id: 'category', header: 'Category', value: (r) => r.category },
            {
              id: 'amount',
              header: 'Amount',
              value: (r) => r.amountCents,
              csvHeader: 'Amount (cents)',
              cell: (r) => <Money cents={r.amountCents} />,
              align: 'right',
            },
          ]}
        />
      </div>
      <DataTable<ProjectJobRow>
        title="Pipeline jobs"
        note={`${page.jobs.count} in all`}
        rows={page.jobs.rows}
        rowKey={(r) => r.id}
        filters={filters}
        fileParts={fileParts('jobs')}
        empty="No pipeline jobs for this project."
        columns={[
          {
            id: 'pipeline',
            header: 'Pipeline',
            value: (r) => r.pipelineName,
            cell: (r) => (
              <Link to="/pipelines/jobs/$jobId" params={{ jobId: r.id }}>
                {r.pipelineName}
              </Link>
            ),
          },
          { id: 'status', header: 'Status', value: (r) => statusLabel(r.status) },
          {
            id: 'requested',
            header: 'Requested',
            value: (r) => r.requestedAt,
            cell: (r) => `${display.dayShort(display.localDay(r.requestedAt))} ${display.clock(r.requestedAt)}`,
          },
        ]}
      />
    </div>
  );
}
