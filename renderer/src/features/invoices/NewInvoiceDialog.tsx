// A new invoice: a client (and optionally one of its projects), a period of local days (last
// month by default) and payment terms; the core's preview of what would be billed shows live, and
// "Create draft" creates it and opens its page.
import * as Dialog from '@radix-ui/react-dialog';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { DEFAULT_DUE_DAYS } from '../../../../shared/features/invoices/contract';
import type { InvoicePreview } from '../../../../shared/features/invoices/types';
import { monthEnd, monthStart } from '../../../../shared/ranges';
import type { ApiCallError } from '../../api/errors';
import { QueryError, useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { clientsOf, formatLineHours, roundingLabel } from './format';

export function NewInvoiceDialog({ onClose, clientId: initialClient = '' }: { onClose: () => void; clientId?: string }) {
  const display = useDisplay();
  const names = useNames();
  const navigate = useNavigate();
  const today = display.today();
  const [clientId, setClientId] = useState(initialClient);
  const [projectId, setProjectId] = useState('');
  const quick = [
    { label: 'Last month', from: monthStart(today, -1), to: monthEnd(monthStart(today, -1)) },
    { label: 'This month so far', from: monthStart(today), to: today },
    { label: 'Last 3 months', from: monthStart(today, -3), to: monthEnd(monthStart(today, -1)) },
  ];
  const [from, setFrom] = useState(quick[0]!.from);
  const [to, setTo] = useState(quick[0]!.to);
  const [dueInDays, setDueInDays] = useState(String(DEFAULT_DUE_DAYS));
  const [failure, setFailure] = useState<ApiCallError | null>(null);

  const projects = useApi('projects.list', { includeArchived: true });
  const clients = clientsOf(projects.data ?? []);
  const clientProjects = (projects.data ?? []).filter((p) => p.clientId === clientId);
  const period = { clientId, projectId: projectId || undefined, from, to };
  const preview = useApi('invoices.preview', period, { enabled: !!clientId && from <= to, errors: 'inline' });
  const due = Number(dueInDays);
  const dueValid = dueInDays.trim() !== '' && Number.isInteger(due) && due >= 0 && due <= 365;

  const create = useApiMutation('invoices.create', {
    toastErrors: false,
    onSuccess: (invoice) => {
      onClose();
      void navigate({ to: '/invoices/$invoiceId', params: { invoiceId: invoice.id } });
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!clientId || !dueValid || !preview.data || preview.data.lines.length === 0) return;
    setFailure(null);
    create.mutate({ ...period, dueInDays: due }, { onError: setFailure });
  };
  const changed = () => setFailure(null);

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog dialog-wide new-invoice-dialog"
          aria-describedby="new-invoice-description"
          data-testid="new-invoice"
        >
          <Dialog.Title>New invoice</Dialog.Title>
          <p id="new-invoice-description" className="muted">
            Bills the client’s billable hours not yet on an invoice, started in the period ({display.timeZone}). It starts as a draft.
          </p>
          <form className="dialog-form" onSubmit={submit} noValidate>
            <div className="invoice-form-grid">
              <div className="field">
                <label htmlFor="invoice-client">Client</label>
                <select
                  id="invoice-client"
                  className="select"
                  value={clientId}
                  autoFocus
                  onChange={(e) => {
                    setClientId(e.target.value);
                    setProjectId('');
                    changed();
                  }}
                >
                  <option value="">Choose a client…</option>
                  {clients.map((c) => (
                    <option key={c.id} value={c.id}>
                      {names('client', c.name)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="invoice-project">Project</label>
                <select
                  id="invoice-project"
                  className="select"
                  value={projectId}
                  disabled={!clientId}
                  onChange={(e) => {
                    setProjectId(e.target.value);
                    changed();
                  }}
                >
                  <option value="">All projects</option>
                  {clientProjects.map((p) => (
                    <option key={p.id} value={p.id}>
                      {names('project', p.name)}
                      {p.archived ? ' (archived)' : ''}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="invoice-due-days">Payment terms (days)</label>
                <input
                  id="invoice-due-days"
                  className="input"
                  type="number"
                  min={0}
                  max={365}
                  step={1}
                  value={dueInDays}
                  aria-invalid={!dueValid || undefined}
                  aria-describedby={dueValid ? undefined : 'due-error'}
                  onChange={(e) => {
                    setDueInDays(e.target.value);
                    changed();
                  }}
                />
              </div>
              <div className="field wide" role="group" aria-labelledby="invoice-period">
                <span id="invoice-period">Period</span>
                <div className="row">
                  <DateField
                    value={from}
                    label="First day"
                    onChange={(day) => {
                      setFrom(day);
                      if (day > to) setTo(day);
                      changed();
                    }}
                  />
                  <span className="muted">to</span>
                  <DateField
                    value={to}
                    label="Last day"
                    onChange={(day) => {
                      setTo(day);
                      if (day < from) setFrom(day);
                      changed();
                    }}
                  />
                  <div className="segmented" role="group" aria-label="Quick periods">
                    {quick.map((q) => (
                      <button
                        key={q.label}
                        type="button"
                        aria-pressed={q.from === from && q.to === to}
                        onClick={() => {
                          setFrom(q.from);
                          setTo(q.to);
                          changed();
                        }}
                      >
                        {q.label}
                      </button>
                    ))}
                  </div>
                </div>
              </div>
            </div>
            {!dueValid && (
              <div id="due-error" className="error-text">
                Give the payment terms as whole days from 0 to 365.
              </div>
            )}

            <div className="invoice-preview" aria-live="polite" data-testid="invoice-preview">
              {!clientId ? (
                <p className="muted">Choose a client to see what would be billed.</p>
              ) : preview.error ? (
                <QueryError error={preview.error} onRetry={() => void preview.refetch()} what="the preview" />
              ) : !preview.data ? (
                <p className="muted">Loading the preview…</p>
              ) : preview.data.lines.length === 0 ? (
                <p className="muted" data-testid="preview-empty">
                  Nothing unbilled: <Name kind="client" name={preview.data.clientName} />
                  {preview.data.projectName ? (
                    <>
                      {' '}
                      (<Name kind="project" name={preview.data.projectName} />)
                    </>
                  ) : null}{' '}
                  has no billable hours without an invoice from {display.dayMedium(from)} to {display.dayMedium(to)}.
                </p>
              ) : (
                <PreviewTable preview={preview.data} />
              )}
            </div>

            {failure && (
              <div className="form-error" role="alert">
                {failure.message}
              </div>
            )}
            <div className="dialog-actions">
              {preview.data && preview.data.lines.length > 0 && (
                <span className="dialog-actions-note">
                  {preview.data.entryCount} {preview.data.entryCount === 1 ? 'entry' : 'entries'}, total{' '}
                  <strong>
                    <Money cents={preview.data.totalCents} />
                  </strong>{' '}
                  with GST
                </span>
              )}
              <Dialog.Close className="btn">Cancel</Dialog.Close>
              <button
                type="submit"
                className="btn btn-primary"
                disabled={!preview.data || preview.data.lines.length === 0 || !dueValid || create.isPending}
              >
                {create.isPending ? 'Creating…' : 'Create draft'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function PreviewTable({ preview }: { preview: InvoicePreview }) {
  return (
    <div className="table-scroll">
      <table className="table invoice-lines" aria-label="What would be billed">
        <thead>
          <tr>
            <th>Project</th>
            <th className="right">Hours</th>
            <th className="right">Rate</th>
            <th className="right">Amount</th>
          </tr>
        </thead>
        <tbody>
          {preview.lines.map((l) => (
            <tr key={`${l.projectId}-${l.rateCents}`}>
              <td>
                <Name kind="project" name={l.projectName} />
                <span className="muted line-sub">
                  {l.entryCount} {l.entryCount === 1 ? 'entry' : 'entries'}, rounded {roundingLabel(l.roundingMode, l.roundingStep)}
                </span>
              </td>
              <td className="right num">{formatLineHours(l.hours)}</td>
              <td className="right">
                <Money cents={l.rateCents} />
              </td>
              <td className="right">
                <Money cents={l.amountCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <InvoiceTotalsRows totals={preview} span={3} />
      </table>
    </div>
  );
}

/** Subtotal, GST and total under an invoice's lines (the core's figures: GST is taken once on the subtotal). */
export function InvoiceTotalsRows({
  totals,
  span,
}: {
  totals: { subtotalCents: number; taxCents: number; totalCents: number };
  span: number;
}) {
  return (
    <tfoot className="invoice-totals">
      <tr>
        <th scope="row" colSpan={span} className="right">
          Subtotal
        </th>
        <td className="right" data-testid="invoice-subtotal">
          <Money cents={totals.subtotalCents} />
        </td>
      </tr>
      <tr>
        <th scope="row" colSpan={span} className="right">
          GST 10 %
        </th>
        <td className="right" data-testid="invoice-gst">
          <Money cents={totals.taxCents} />
        </td>
      </tr>
      <tr className="invoice-total">
        <th scope="row" colSpan={span} className="right">
          Total
        </th>
        <td className="right" data-testid="invoice-total">
          <Money cents={totals.totalCents} />
        </td>
      </tr>
    </tfoot>
  );
}
