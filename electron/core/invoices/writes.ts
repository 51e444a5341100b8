// Invoice writes: create a draft from unbilled hours, send, pay, void. Each checks everything
// first and writes in one replica transaction (rows and outbox together), so a refused call
// changes nothing. Where an invoice and its entries change together, the order of the writes is
// the order the central database checks them in: voiding writes the invoice before it releases
// the entries (the central refuses to take an entry off a sent invoice that is not void yet).
import { OpsError } from '../../../shared/contract';
import type { InvoiceStatus } from '../../../shared/domain';
import { DEFAULT_DUE_DAYS } from '../../../shared/features/invoices/contract';
import { formatCents, gstCents } from '../../../shared/money';
import type { InvoiceDetail, InvoicePreview } from '../../../shared/features/invoices/types';
import { addDays } from '../../../shared/time';
import { cachedStatement } from '../db/query';
import type { Replica } from '../sync/replica';
import { nextInvoiceNumber } from './numbering';
import {
  billableEntryIds,
  billableLines,
  clientName,
  clientProject,
  findInvoice,
  fixedPriceProject,
  fixedPriceProjects,
  getInvoice,
  invoiceLines,
  totalsOf,
  type BillableScope,
} from './queries';

/** Where and when a write happens: the workspace's zone and today there. */
export interface InvoiceClock {
  timeZone: string;
  today: string;
}

export function previewInvoice(replica: Replica, scope: BillableScope): InvoicePreview {
  const db = replica.db;
  const name = clientName(db, scope.clientId);
  const project = scope.projectId ? clientProject(db, scope.clientId, scope.projectId) : null;
  const lines = billableLines(db, scope);
  return {
    clientId: scope.clientId,
    clientName: name,
    projectId: project?.id ?? null,
    projectName: project?.name ?? null,
    from: scope.from,
    to: scope.to,
    timeZone: scope.timeZone,
    lines,
    entryCount: lines.reduce((n, line) => n + line.entryCount, 0),
    fixedPrice: fixedPriceProjects(db, scope),
    ...totalsOf(lines),
  };
}

function fixedPriceRefusal(projectName: string): OpsError {
  return new OpsError(
    'invalid_input',
    `${projectName} is a fixed-price project: its hours are its cost and are never billed by the hour. Invoice a milestone of its price instead (New invoice → choose the project → milestone amount; ops invoices milestone).`,
    'projectId',
  );
}

export function createInvoice(replica: Replica, scope: BillableScope & { dueInDays?: number }, clock: InvoiceClock): InvoiceDetail {
  const id = replica.transaction(() => {
    const preview = previewInvoice(replica, scope);
    if (scope.projectId && preview.fixedPrice.some((p) => p.projectId === scope.projectId)) throw fixedPriceRefusal(preview.projectName!);
    if (preview.entryCount === 0) {
      const fixed = preview.fixedPrice.filter((p) => p.minutesInPeriod > 0).map((p) => p.projectName);
      if (fixed.length > 0) {
        throw new OpsError(
          'invalid_input',
          `${preview.clientName}'s only hours from ${scope.from} to ${scope.to} are on fixed-price work (${fixed.join(', ')}), which is invoiced by milestone, not by the hour. Choose that project to invoice a milestone of its price.`,
          'from',
        );
      }
      throw new OpsError(
        'invalid_input',
        `${preview.projectName ?? preview.clientName} has no unbilled billable hours from ${scope.from} to ${scope.to}, so there is nothing to invoice. Choose another period (hours already on an invoice are not billed twice).`,
        'from',
      );
    }
    const projects = new Set(preview.lines.map((line) => line.projectId));
    const id = replica.newId();
    replica.insert('invoices', {
      id,
      client_id: scope.clientId,
      // One project's hours: the invoice is that project's (the dashboards count it by project).
      project_id: scope.projectId ?? (projects.size === 1 ? preview.lines[0]!.projectId : null),
      number: nextInvoiceNumber(replica.db, replica.clientId, clock.today),
      issued_on: clock.today,
      due_on: addDays(clock.today, scope.dueInDays ?? DEFAULT_DUE_DAYS),
      status: 'draft',
      subtotal_cents: preview.subtotalCents,
      tax_cents: preview.taxCents,
      total_cents: preview.totalCents,
      paid_on: null,
    });
    for (const entryId of billableEntryIds(replica.db, scope)) replica.update('time_entries', entryId, { invoice_id: id });
    return id;
  });
  return getInvoice(replica.db, id, clock.today, clock.timeZone);
}

/** A draft milestone of a fixed-price project: an amount of its price, GST on top; no hours attached. */
export function createMilestone(
  replica: Replica,
  input: { projectId: string; amountCents: number; dueInDays?: number },
  clock: InvoiceClock,
): InvoiceDetail {
  const id = replica.transaction(() => {
    const project = fixedPriceProject(replica.db, input.projectId);
    if (!project)
      throw new OpsError('not_found', 'That project does not exist in this workspace. Pick a project from the list.', 'projectId');
    if (project.pricing !== 'fixed') {
      throw new OpsError(
        'invalid_input',
        `${project.projectName} is billed by the hour, so it has no milestones. Invoice its unbilled hours instead.`,
        'projectId',
      );
    }
    if (project.remainingCents !== null && input.amountCents > project.remainingCents) {
      throw new OpsError(
        'invalid_input',
        project.remainingCents <= 0
          ? `${project.projectName}'s price of ${formatCents(project.priceCents!)} is already fully invoiced (drafts included). Void an invoice first, or change the price, to bill more.`
          : `${formatCents(input.amountCents)} is more than is left of ${project.projectName}'s price: ${formatCents(project.remainingCents)} of ${formatCents(project.priceCents!)} (its other invoices, drafts included, bill the rest). Give at most ${formatCents(project.remainingCents)}.`,
        'amountCents',
      );
    }
    const id = replica.newId();
    const taxCents = gstCents(input.amountCents);
    replica.insert('invoices', {
      id,
      client_id: project.clientId,
      project_id: project.projectId,
      number: nextInvoiceNumber(replica.db, replica.clientId, clock.today),
      issued_on: clock.today,
      due_on: addDays(clock.today, input.dueInDays ?? DEFAULT_DUE_DAYS),
      status: 'draft',
      subtotal_cents: input.amountCents,
      tax_cents: taxCents,
      total_cents: input.amountCents + taxCents,
      paid_on: null,
    });
    return id;
  });
  return getInvoice(replica.db, id, clock.today, clock.timeZone);
}

type Action = 'send' | 'pay' | 'void';

/** Which statuses each action starts from, and what it says about the others. */
const ALLOWED: Record<Action, readonly InvoiceStatus[]> = { send: ['draft'], pay: ['sent'], void: ['draft', 'sent'] };

function refusal(action: Action, number: string, status: InvoiceStatus, paidOn: string | null): string {
  const it = `Invoice ${number}`;
  switch (action) {
    case 'send':
      return status === 'void'
        ? `${it} is void, so it cannot be sent. Create a new invoice for those hours.`
        : `${it} has already been sent${status === 'paid' ? ' and paid' : ''}.`;
    case 'pay':
      if (status === 'draft') return `${it} is still a draft: send it before recording a payment.`;
      if (status === 'paid') return `${it} is already paid (on ${paidOn ?? 'an earlier day'}).`;
      return `${it} is void, so it cannot be paid.`;
    case 'void':
      return status === 'paid'
        ? `${it} is paid, so it cannot be voided. Record a refund or credit outside the invoice instead.`
        : `${it} is already void.`;
  }
}

function invoiceFor(replica: Replica, action: Action, id: string, today: string) {
  const invoice = findInvoice(replica.db, id, today);
  if (!invoice) throw new OpsError('not_found', 'That invoice does not exist in this workspace. Pick one from the invoices list.', 'id');
  if (!ALLOWED[action].includes(invoice.status)) {
    throw new OpsError('conflict', refusal(action, invoice.number, invoice.status, invoice.paidOn), 'id');
  }
  return invoice;
}

/**
 * draft → sent. A draft's hours may have changed since it was created (a consultant edited an
 * entry, made it non-billable, moved it to another client's project): those no longer billable
 * here are taken off first, and the totals are fixed from the hours left. From now on they are locked.
 */
export function sendInvoice(replica: Replica, id: string, clock: InvoiceClock): InvoiceDetail {
  replica.transaction(() => {
    const invoice = invoiceFor(replica, 'send', id, clock.today);
    if (isMilestone(replica, invoice.projectId, id)) {
      replica.update('invoices', id, { status: 'sent' });
      return;
    }
    const strays = cachedStatement(
      replica.db,
      `SELECT e.id FROM time_entries e JOIN projects p ON p.id = e.project_id
       WHERE e.invoice_id = ? AND (e.billable = 0 OR p.client_id <> ? OR (? IS NOT NULL AND e.project_id <> ?))`,
    )
      .pluck()
      .all(id, invoice.clientId, invoice.projectId, invoice.projectId) as string[];
    for (const entryId of strays) replica.update('time_entries', entryId, { invoice_id: null });
    const lines = invoiceLines(replica.db, id);
    if (lines.length === 0) {
      throw new OpsError(
        'conflict',
        `Invoice ${invoice.number} has no billable hours left on it, so there is nothing to send. Void it, and create a new one if there is work to bill.`,
        'id',
      );
    }
    const totals = totalsOf(lines);
    replica.update('invoices', id, {
      status: 'sent',
      ...(totals.subtotalCents !== invoice.subtotalCents ? { subtotal_cents: totals.subtotalCents } : {}),
      ...(totals.taxCents !== invoice.taxCents ? { tax_cents: totals.taxCents } : {}),
      ...(totals.totalCents !== invoice.totalCents ? { total_cents: totals.totalCents } : {}),
    });
  });
  return getInvoice(replica.db, id, clock.today, clock.timeZone);
}

/** sent → paid on a local day: not before the invoice was issued, not after today. */
export function payInvoice(replica: Replica, id: string, paidOn: string | undefined, clock: InvoiceClock): InvoiceDetail {
  replica.transaction(() => {
    const invoice = invoiceFor(replica, 'pay', id, clock.today);
    const day = paidOn ?? clock.today;
    if (day < invoice.issuedOn) {
      throw new OpsError(
        'invalid_input',
        `Invoice ${invoice.number} was issued on ${invoice.issuedOn}; it cannot have been paid before that (${day}). Check the payment date.`,
        'paidOn',
      );
    }
    if (day > clock.today) {
      throw new OpsError(
        'invalid_input',
        `The payment date ${day} is after today (${clock.today}). Record a payment once it has arrived.`,
        'paidOn',
      );
    }
    replica.update('invoices', id, { status: 'paid', paid_on: day });
  });
  return getInvoice(replica.db, id, clock.today, clock.timeZone);
}

/** draft or sent → void; its hours are taken off it (unlocked, billable again). Its totals stay as a record. */
export function voidInvoice(replica: Replica, id: string, clock: InvoiceClock): InvoiceDetail {
  replica.transaction(() => {
    invoiceFor(replica, 'void', id, clock.today);
    replica.update('invoices', id, { status: 'void' });
    const attached = cachedStatement(replica.db, 'SELECT id FROM time_entries WHERE invoice_id = ? ORDER BY started_at')
      .pluck()
      .all(id) as string[];
    for (const entryId of attached) replica.update('time_entries', entryId, { invoice_id: null });
  });
  return getInvoice(replica.db, id, clock.today, clock.timeZone);
}

/** An invoice of a fixed-price project with no hours on it: a milestone, whose stored amount is its line. */
function isMilestone(replica: Replica, projectId: string | null, invoiceId: string): boolean {
  if (projectId === null) return false;
  return (
    cachedStatement(
      replica.db,
      `SELECT 1 FROM projects p WHERE p.id = ? AND p.pricing = 'fixed' AND NOT EXISTS (SELECT 1 FROM time_entries e WHERE e.invoice_id = ?)`,
    ).get(projectId, invoiceId) !== undefined
  );
}
