// The invoices list: newest issued first, filtered by status, client and overdue (all in the URL),
// each number a link to its page; "New invoice" bills a client's unbilled hours.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { INVOICE_STATUSES } from '../../../../shared/domain';
import type { InvoiceSummary } from '../../../../shared/features/invoices/types';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DataTable } from '../../ui/DataTable';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { PrintButton } from '../../ui/PrintButton';
import { clientsOf, INVOICE_STATUS_LABELS, InvoiceStatusBadge } from './format';
import { NewInvoiceDialog } from './NewInvoiceDialog';
import type { InvoicesSearch } from './route';

/** How many invoices the list asks for (the core's default). */
const LIST_LIMIT = 200;

export function InvoicesPage() {
  const search = useSearch({ from: '/invoices' });
  const navigate = useNavigate({ from: '/invoices' });
  const display = useDisplay();
  const names = useNames();
  const setSearch = (patch: Partial<InvoicesSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }) });
  const [creating, setCreating] = useState(false);
  // ?new=yes (from the command palette) opens the dialog too; closing it leaves the URL.
  const dialogOpen = creating || !!search.new;
  const closeDialog = () => {
    setCreating(false);
    if (search.new) void navigate({ search: (prev) => ({ ...prev, new: undefined }), replace: true });
  };
  const invoices = useApi('invoices.list', {
    status: search.overdue ? undefined : search.status,
    clientId: search.client,
    overdue: search.overdue ? true : undefined,
    limit: LIST_LIMIT,
  });
  // The client filter's choices; its list failing only leaves the filter with "All clients".
  const projects = useApi('projects.list', { includeArchived: true }, { errors: 'inline' });
  const clients = clientsOf(projects.data ?? []);
  const client = clients.find((c) => c.id === search.client);
  const filtered = !!(search.status || search.client || search.overdue);

  const filters: [string, string][] = [
    ['Status', search.overdue ? 'overdue' : search.status ? INVOICE_STATUS_LABELS[search.status] : 'all'],
    ['Client', client ? names('client', client.name) : 'all'],
  ];

  return (
    <div className="page">
      <div className="row toolbar invoice-filters">
        <label className="row">
          <span className="muted">Status</span>
          <select
            className="select"
            value={search.overdue ? '' : (search.status ?? '')}
            disabled={!!search.overdue}
            onChange={(e) => setSearch({ status: (e.target.value || undefined) as InvoicesSearch['status'] })}
          >
            <option value="">All statuses</option>
            {INVOICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {INVOICE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          <span className="muted">Client</span>
          <select className="select" value={search.client ?? ''} onChange={(e) => setSearch({ client: e.target.value || undefined })}>
            <option value="">All clients</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {names('client', c.name)}
              </option>
            ))}
          </select>
        </label>
        <label className="row checkbox-label">
          <input
            type="checkbox"
            checked={!!search.overdue}
            onChange={(e) => setSearch({ overdue: e.target.checked ? 'yes' : undefined, status: undefined })}
          />
          Overdue only
        </label>
        {filtered && (
          <button
            type="button"
            className="btn-link"
            onClick={() => setSearch({ status: undefined, client: undefined, overdue: undefined })}
          >
            Clear filters
          </button>
        )}
        <div className="spacer" />
        <PrintButton />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          <Plus size={14} aria-hidden /> New invoice
        </button>
      </div>

      {!invoices.data ? (
        <div className="empty">Loading the invoices…</div>
      ) : (
        <DataTable<InvoiceSummary>
          title="Invoices"
          note={
            invoices.data.length >= LIST_LIMIT
              ? `the newest ${LIST_LIMIT}; filter to see older ones`
              : `${invoices.data.length} ${invoices.data.length === 1 ? 'invoice' : 'invoices'}, newest issued first`
          }
          rows={invoices.data}
          rowKey={(r) => r.id}
          filters={filters}
          fileParts={['invoices', search.overdue ? 'overdue' : (search.status ?? 'all')]}
          testId="invoices-table"
          empty={filtered ? 'No invoices match these filters.' : 'No invoices yet: “New invoice” bills a client’s unbilled hours.'}
          columns={[
            {
              id: 'number',
              header: 'Number',
              value: (r) => r.number,
              cell: (r) => (
                <Link to="/invoices/$invoiceId" params={{ invoiceId: r.id }} className="num nowrap">
                  {r.number}
                </Link>
              ),
            },
            { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
            {
              id: 'project',
              header: 'Project',
              value: (r) => r.projectName,
              cell: (r) => (r.projectName ? <Name kind="project" name={r.projectName} /> : <span className="muted">All projects</span>),
            },
            {
              id: 'issued',
              header: 'Issued',
              value: (r) => r.issuedOn,
              cell: (r) => <span className="nowrap">{display.dayShort(r.issuedOn)}</span>,
            },
            { id: 'due', header: 'Due', value: (r) => r.dueOn, cell: (r) => <span className="nowrap">{display.dayShort(r.dueOn)}</span> },
            {
              id: 'status',
              header: 'Status',
              value: (r) => r.status,
              cell: (r) => <InvoiceStatusBadge status={r.status} daysOverdue={r.daysOverdue} />,
            },
            {
              id: 'total',
              header: 'Total',
              value: (r) => r.totalCents,
              csvHeader: 'Total (cents)',
              cell: (r) => <Money cents={r.totalCents} />,
              align: 'right',
            },
            {
              id: 'overdue',
              header: 'Days overdue',
              value: (r) => r.daysOverdue,
              cell: (r) =>
                r.daysOverdue === null ? (
                  <span className="muted">—</span>
                ) : r.daysOverdue > 0 ? (
                  <span className="overdue-days">{r.daysOverdue}</span>
                ) : (
                  <span className="muted">not due</span>
                ),
              align: 'right',
            },
          ]}
        />
      )}
      {dialogOpen && <NewInvoiceDialog onClose={closeDialog} />}
    </div>
  );
}
