// An invoice's page, laid out to print as the Australian tax invoice: the business's block (name,
// ABN, address), number, client, project, days, status, lines, subtotal, GST and total, how to pay,
// and the entries behind it (collapsible). Actions by status: Send (draft), Record payment (sent),
// Void (draft or sent), Save as PDF.
import * as Dialog from '@radix-ui/react-dialog';
import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft, Ban, CircleDollarSign, Send } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { InvoiceDetail } from '../../../../shared/features/invoices/types';
import type { Company } from '../../../../shared/features/workspace/company';
import type { ApiCallError } from '../../api/errors';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { useConfirm } from '../../ui/confirm';
import { DateField } from '../../ui/DateField';
import { formatHours } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { SavePdfButton } from '../../ui/SavePdfButton';
import { MissingCompanyNotice, PaymentBlock, SupplierBlock } from './CompanyBlock';
import { InvoiceStatusBadge } from './format';
import { InvoiceLines } from './InvoiceLines';
import { Private, Scrubbed } from '../../ui/presentation/Private';

export function InvoicePage() {
  const { invoiceId } = useParams({ from: '/invoices/$invoiceId' });
  const invoice = useApi('invoices.get', { id: invoiceId });
  const settings = useApi('settings.get');
  if (!invoice.data || !settings.data) return <div className="page muted">Loading…</div>;
  return <InvoiceView invoice={invoice.data} company={settings.data.company} />;
}

function InvoiceView({ invoice: inv, company }: { invoice: InvoiceDetail; company: Company }) {
  const display = useDisplay();
  const names = useNames();
  const confirm = useConfirm();
  const [paying, setPaying] = useState(false);
  const send = useApiMutation('invoices.send', { onSuccess: (i) => toast.success(`${i.number} is sent; its hours are locked.`) });
  const voidIt = useApiMutation('invoices.void', {
    onSuccess: (i) => toast.success(`${i.number} is void; its hours can be billed again.`),
  });
  const busy = send.isPending || voidIt.isPending;

  const askSend = async () => {
    const ok = await confirm({
      title: `Send ${inv.number}?`,
      body: 'Its hours are locked from now on (voiding it is the way back). Hours no longer billable are taken off and the totals fixed.',
      confirmLabel: 'Mark as sent',
    });
    if (ok) send.mutate({ id: inv.id });
  };
  const askVoid = async () => {
    const ok = await confirm({
      title: `Void ${inv.number}?`,
      body: 'Its hours are taken off it and can be billed again. The invoice stays, marked void, with its totals as the record. This cannot be undone.',
      confirmLabel: 'Void invoice',
      danger: true,
    });
    if (ok) voidIt.mutate({ id: inv.id });
  };

  const period =
    inv.firstDay && inv.lastDay
      ? inv.firstDay === inv.lastDay
        ? display.dayMedium(inv.firstDay)
        : `${display.dayMedium(inv.firstDay)} to ${display.dayMedium(inv.lastDay)}`
      : null;
  return (
    <div className="page invoice-page">
      <div className="row toolbar">
        <Link to="/invoices" className="btn">
          <ArrowLeft size={14} aria-hidden /> Invoices
        </Link>
        <div className="spacer" />
        {inv.status === 'draft' && (
          <button type="button" className="btn btn-primary" onClick={() => void askSend()} disabled={busy}>
            <Send size={14} aria-hidden /> Send
          </button>
        )}
        {inv.status === 'sent' && (
          <button type="button" className="btn btn-primary" onClick={() => setPaying(true)} disabled={busy}>
            <CircleDollarSign size={14} aria-hidden /> Record payment
          </button>
        )}
        {(inv.status === 'draft' || inv.status === 'sent') && (
          <button type="button" className="btn btn-danger" onClick={() => void askVoid()} disabled={busy}>
            <Ban size={14} aria-hidden /> Void
          </button>
        )}
        <SavePdfButton fileName={`Invoice ${inv.number}.pdf`} />
      </div>

      <MissingCompanyNotice company={company} />
      <article className="card invoice-sheet" aria-labelledby="invoice-heading">
        <header className="invoice-head">
          <SupplierBlock company={company} />
          <div className="invoice-title">
            <div className="invoice-kind">{inv.status === 'void' ? 'Void tax invoice' : 'Tax invoice'}</div>
            <h2 id="invoice-heading" className="num" data-testid="invoice-number">
              {inv.number}
            </h2>
            <InvoiceStatusBadge status={inv.status} daysOverdue={inv.daysOverdue} />
          </div>
        </header>
        <div className="invoice-parties">
          <dl className="job-facts">
            <dt>Bill to</dt>
            <dd className="invoice-client" data-testid="invoice-bill-to">
              <Name kind="client" name={inv.clientName} />
              <span className="muted invoice-client-region">
                <Private text={inv.clientRegion} />
              </span>
            </dd>
            <dt>Project</dt>
            <dd>{inv.projectName ? <Name kind="project" name={inv.projectName} /> : 'All the client’s projects'}</dd>
            <dt>Work</dt>
            <dd>{inv.milestone ? 'Fixed-price milestone' : (period ?? 'No hours attached')}</dd>
          </dl>
          <dl className="job-facts">
            <dt>Issued</dt>
            <dd data-testid="invoice-issued">{display.dayMedium(inv.issuedOn)}</dd>
            <dt>Due</dt>
            <dd>
              {display.dayMedium(inv.dueOn)}
              {inv.status === 'sent' && inv.daysOverdue ? (
                <span className="overdue-days">
                  {' '}
                  · {inv.daysOverdue} {inv.daysOverdue === 1 ? 'day' : 'days'} overdue
                </span>
              ) : null}
            </dd>
            <dt>Paid</dt>
            <dd data-testid="invoice-paid">{inv.paidOn ? display.dayMedium(inv.paidOn) : inv.status === 'void' ? '—' : 'Not yet'}</dd>
          </dl>
        </div>

        {inv.status === 'void' && (
          <p className="notice" data-testid="void-note">
            {inv.milestone
              ? 'This invoice is void: its amount no longer counts against the project’s price. The amounts below are the record of what was voided.'
              : 'This invoice is void: its hours were given back and can be billed again. The amounts below are the record of what was voided.'}
          </p>
        )}

        <InvoiceLines
          label="Invoice lines"
          lines={inv.lines}
          milestone={inv.milestone ? { ...inv.milestone, amountCents: inv.subtotalCents } : null}
          totals={inv}
          empty={inv.status === 'void' ? 'No lines: voiding took the hours off.' : 'No hours attached.'}
        />
        <div className="invoice-bottom">
          <p className="muted invoice-foot">
            Amounts in AUD. GST is 10 % of the subtotal, shown separately. Days are in {inv.timeZone}.
            {inv.status === 'draft' || inv.status === 'sent' ? ` Payment due by ${display.dayMedium(inv.dueOn)}.` : ''}
          </p>
          <PaymentBlock company={company} reference={inv.number} />
        </div>
      </article>

      {inv.entries.length > 0 && (
        <details className="card invoice-entries" data-testid="invoice-entries">
          <summary>
            The {inv.entries.length} {inv.entries.length === 1 ? 'entry' : 'entries'} behind it
          </summary>
          <div className="table-scroll">
            <table className="table" aria-label="Time entries on this invoice">
              <thead>
                <tr>
                  <th>Day</th>
                  <th>Consultant</th>
                  <th>Project</th>
                  <th className="right">Logged</th>
                  <th className="right">Billed</th>
                  <th className="right">Rate</th>
                  <th className="right">Amount</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {inv.entries.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{display.dayShort(e.day)}</td>
                    <td>
                      <Name kind="consultant" name={e.consultantName} />
                    </td>
                    <td>{names('project', e.projectName)}</td>
                    <td className="right num">{formatHours(e.minutes)}</td>
                    <td className="right num">{formatHours(e.roundedMinutes)}</td>
                    <td className="right">
                      <Money cents={e.rateCents} />
                    </td>
                    <td className="right">
                      <Money cents={e.amountCents} />
                    </td>
                    <td>
                      <Private className="cell-note" text={e.note} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {paying && <PaymentDialog invoice={inv} onClose={() => setPaying(false)} />}
    </div>
  );
}

function PaymentDialog({ invoice, onClose }: { invoice: InvoiceDetail; onClose: () => void }) {
  const display = useDisplay();
  const today = display.today();
  const [paidOn, setPaidOn] = useState(today);
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const pay = useApiMutation('invoices.pay', {
    toastErrors: false,
    onSuccess: (i) => {
      toast.success(`${i.number} is paid.`);
      onClose();
    },
  });
  const early = paidOn < invoice.issuedOn;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-narrow" aria-describedby="pay-description" data-testid="payment-dialog">
          <Dialog.Title>Record payment of {invoice.number}</Dialog.Title>
          <form
            className="dialog-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (early) return;
              setFailure(null);
              pay.mutate({ id: invoice.id, paidOn }, { onError: setFailure });
            }}
          >
            <p id="pay-description" className="muted">
              <Money cents={invoice.totalCents} /> from <Name kind="client" name={invoice.clientName} />, issued{' '}
              {display.dayMedium(invoice.issuedOn)}.
            </p>
            <div className="field">
              <span aria-hidden>Paid on</span>
              <DateField
                value={paidOn}
                label="Paid on"
                latest={today}
                invalid={early}
                onChange={(day) => {
                  setPaidOn(day);
                  setFailure(null);
                }}
              />
              {early && <span className="error-text">The payment cannot be before the issue day.</span>}
            </div>
            {failure && (
              <div className="form-error" role="alert">
                <Scrubbed text={failure.message} />
              </div>
            )}
            <div className="dialog-actions">
              <Dialog.Close className="btn">Cancel</Dialog.Close>
              <button type="submit" className="btn btn-primary" disabled={early || pay.isPending}>
                {pay.isPending ? 'Recording…' : 'Record payment'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
