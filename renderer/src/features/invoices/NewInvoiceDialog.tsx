// A new invoice: a client (and optionally one of its projects), a period of local days (last
// month by default) and payment terms; the core's preview of what would be billed shows live, and
// "Create draft" creates it and opens its page. A fixed-price project bills a milestone (an amount
// of its price) instead of hours: choosing one swaps the period for the amount.
import * as Dialog from '@radix-ui/react-dialog';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { DEFAULT_DUE_DAYS } from '../../../../shared/features/invoices/contract';
import type { FixedPriceProject } from '../../../../shared/features/invoices/types';
import { gstCents, parseDollars } from '../../../../shared/money';
import { monthEnd, monthStart } from '../../../../shared/ranges';
import type { ApiCallError } from '../../api/errors';
import { QueryError, useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { formatHours } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { clientsOf } from './format';
import { InvoiceLines } from './InvoiceLines';
import { Scrubbed } from '../../ui/presentation/Private';

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
  const fixed = clientProjects.find((p) => p.id === projectId)?.pricing === 'fixed';
  const [amount, setAmount] = useState('');
  const amountCents = parseDollars(amount);
  const period = { clientId, projectId: projectId || undefined, from, to };
  const preview = useApi('invoices.preview', period, { enabled: !!clientId && from <= to, errors: 'inline' });
  const due = Number(dueInDays);
  const dueValid = dueInDays.trim() !== '' && Number.isInteger(due) && due >= 0 && due <= 365;
  const price = fixed ? preview.data?.fixedPrice.find((p) => p.projectId === projectId) : undefined;
  const amountError =
    !fixed || amount.trim() === ''
      ? null
      : amountCents === null || amountCents <= 0
        ? 'Give the amount in dollars and cents, e.g. 3,000.00.'
        : price?.remainingCents !== null && price?.remainingCents !== undefined && amountCents > price.remainingCents
          ? 'That is more than is left of the price.'
          : null;
  const milestoneReady = fixed && !!price && amountCents !== null && amountCents > 0 && !amountError;

  const opened = {
    toastErrors: false,
    onSuccess: (invoice: { id: string }) => {
      onClose();
      void navigate({ to: '/invoices/$invoiceId', params: { invoiceId: invoice.id } });
    },
  };
  const create = useApiMutation('invoices.create', opened);
  const createMilestone = useApiMutation('invoices.milestone', opened);
  const pending = create.isPending || createMilestone.isPending;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!clientId || !dueValid) return;
    setFailure(null);
    if (fixed) {
      if (milestoneReady) createMilestone.mutate({ projectId, amountCents: amountCents!, dueInDays: due }, { onError: setFailure });
      return;
    }
    if (!preview.data || preview.data.lines.length === 0) return;
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
            Bills the client’s billable hours of hourly work not yet on an invoice, started in the period ({display.timeZone}); a
            fixed-price project bills a milestone of its price instead. It starts as a draft.
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
                      {p.pricing === 'fixed' ? ' (fixed price)' : ''}
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
              {fixed ? (
                <div className="field wide">
                  <label htmlFor="milestone-amount">Milestone amount (ex GST)</label>
                  <div className="row">
                    <input
                      id="milestone-amount"
                      className="input milestone-amount"
                      inputMode="decimal"
                      placeholder="e.g. 3,000.00"
                      value={amount}
                      data-private
                      aria-invalid={!!amountError || undefined}
                      aria-describedby="milestone-help"
                      onChange={(e) => {
                        setAmount(e.target.value);
                        changed();
                      }}
                    />
                    {price?.remainingCents != null && price.remainingCents > 0 ? (
                      <button type="button" className="btn" onClick={() => setAmount((price.remainingCents! / 100).toFixed(2))}>
                        The rest of the price
                      </button>
                    ) : null}
                  </div>
                  <span id="milestone-help" className={amountError ? 'error-text' : 'muted'}>
                    {amountError ?? <FixedPriceHelp price={price} />}
                  </span>
                </div>
              ) : (
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
              )}
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
              ) : fixed ? (
                <InvoiceLines
                  label="What would be billed"
                  lines={[]}
                  milestone={{
                    projectName: preview.data.projectName ?? '',
                    priceCents: price?.priceCents ?? null,
                    amountCents: amountCents ?? 0,
                  }}
                  totals={{
                    subtotalCents: amountCents ?? 0,
                    taxCents: gstCents(amountCents ?? 0),
                    totalCents: (amountCents ?? 0) + gstCents(amountCents ?? 0),
                  }}
                  empty=""
                />
              ) : preview.data.lines.length === 0 ? (
                <p className="muted" data-testid="preview-empty">
                  Nothing unbilled: <Name kind="client" name={preview.data.clientName} />
                  {preview.data.projectName ? (
                    <>
                      {' '}
                      (<Name kind="project" name={preview.data.projectName} />)
                    </>
                  ) : null}{' '}
                  has no billable hours of hourly work without an invoice from {display.dayMedium(from)} to {display.dayMedium(to)}.
                </p>
              ) : (
                <InvoiceLines label="What would be billed" lines={preview.data.lines} totals={preview.data} empty="" />
              )}
              {!fixed && preview.data && <NotBilledHere fixedPrice={preview.data.fixedPrice} />}
            </div>

            {failure && (
              <div className="form-error" role="alert">
                <Scrubbed text={failure.message} />
              </div>
            )}
            <div className="dialog-actions">
              {!fixed && preview.data && preview.data.lines.length > 0 && (
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
                disabled={(fixed ? !milestoneReady : !preview.data || preview.data.lines.length === 0) || !dueValid || pending}
              >
                {pending ? 'Creating…' : fixed ? 'Create milestone draft' : 'Create draft'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** What is invoiced of a fixed-price project's price, and what is left. */
function FixedPriceHelp({ price }: { price: FixedPriceProject | undefined }) {
  if (!price) return <>A fixed-price project bills milestones of its price, never its hours.</>;
  if (price.priceCents === null) return <>This fixed-price project has no price set; any amount can be billed.</>;
  return (
    <>
      Fixed price <Money cents={price.priceCents} />: <Money cents={price.invoicedCents} /> invoiced (drafts included),{' '}
      <Money cents={Math.max(0, price.remainingCents ?? 0)} /> left. Its hours are its cost, never billed.
    </>
  );
}

/** The client's fixed-price work with hours in the period: not on this invoice, and how to bill it. */
function NotBilledHere({ fixedPrice }: { fixedPrice: readonly FixedPriceProject[] }) {
  const worked = fixedPrice.filter((p) => p.minutesInPeriod > 0);
  if (worked.length === 0) return null;
  return (
    <p className="muted fixed-price-note" data-testid="fixed-price-note">
      Not billed here:{' '}
      {worked.map((p, i) => (
        <span key={p.projectId}>
          {i > 0 ? ', ' : ''}
          <Name kind="project" name={p.projectName} /> ({formatHours(p.minutesInPeriod)})
        </span>
      ))}{' '}
      {worked.length === 1 ? 'is' : 'are'} fixed-price: hours there are cost. Choose {worked.length === 1 ? 'it' : 'one'} under Project to
      invoice a milestone of the price.
    </p>
  );
}
