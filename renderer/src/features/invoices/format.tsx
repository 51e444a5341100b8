// Invoice words shared by the list, the page and the dialog: status labels and badges, clients.
import type { InvoiceStatus, ProjectSummary } from '../../../../shared/domain';

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  paid: 'Paid',
  void: 'Void',
};

const TONES: Record<InvoiceStatus, string> = {
  draft: 'badge',
  sent: 'badge badge-accent',
  paid: 'badge badge-positive',
  void: 'badge badge-void',
};

/** An invoice's status as a badge; the word carries the meaning, the colour only repeats it. Overdue sent invoices say so. */
export function InvoiceStatusBadge({ status, daysOverdue }: { status: InvoiceStatus; daysOverdue?: number | null }) {
  const overdue = status === 'sent' && !!daysOverdue && daysOverdue > 0;
  return (
    <span className={overdue ? 'badge badge-danger' : TONES[status]} data-testid="invoice-status" data-status={status}>
      {INVOICE_STATUS_LABELS[status]}
      {overdue ? ', overdue' : ''}
    </span>
  );
}

export interface ClientChoice {
  id: string;
  name: string;
}

/** The clients that have projects, by name (there is no clients channel: projects carry their client). */
export function clientsOf(projects: readonly ProjectSummary[]): ClientChoice[] {
  const byId = new Map<string, string>();
  for (const p of projects) byId.set(p.clientId, p.clientName);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** "1.25 h": an invoice line's hours (already rounded by the project's rule). */
export function formatLineHours(hours: number): string {
  return `${hours.toLocaleString('en-AU', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} h`;
}

export function roundingLabel(mode: string, step: number): string {
  return mode === 'none' ? 'as logged' : `${mode} to ${step} min`;
}
