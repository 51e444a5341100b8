// `ops invoices …`: preview, create, send, pay, void, show and list invoices — through the same
// channels as the app. An invoice is named by its id or its number; a client or project by its id
// or its exact name.
import { OpsError } from '../../shared/contract';
import type { InvoiceDetail, InvoiceLine, InvoicePreview, InvoiceSummary } from '../../shared/features/invoices/types';
import { formatCents } from '../../shared/money';
import { formatMinutes } from '../../shared/time';
import type { Core } from '../core/api';
import { UsageError, type CliArgs } from './args';
import type { Output } from './format';

type Args = CliArgs & { tz: string };

export const INVOICES_COMMANDS = ['list', 'preview', 'create', 'milestone', 'send', 'pay', 'void', 'show'];

/** Refuses an unknown subcommand before a replica is opened. */
export function checkInvoicesCommand(sub: string | undefined): void {
  if (!sub || !INVOICES_COMMANDS.includes(sub)) {
    throw new UsageError(`Unknown invoices command “${sub ?? ''}”: use ${INVOICES_COMMANDS.slice(0, -1).join(', ')} or show.`, true);
  }
}

export async function invoices(core: Core, sub: string | undefined, args: Args, out: Output): Promise<void> {
  switch (sub) {
    case 'list': {
      const list = await core.call('invoices.list', {
        status: args.status as InvoiceSummary['status'] | undefined,
        clientId: args.client ? findClient(core, args.client) : undefined,
        projectId: args.project ? findProject(core, args.project).id : undefined,
        from: args.from,
        to: args.to,
        overdue: args.overdue || undefined,
      });
      return out.print(list, () => invoiceTable(list));
    }
    case 'preview': {
      const preview = await core.call('invoices.preview', period(core, args, 'preview'));
      return out.print(preview, () => previewText(preview));
    }
    case 'create': {
      const invoice = await core.call('invoices.create', { ...period(core, args, 'create'), dueInDays: args.dueDays });
      return out.print(invoice, () => `Created draft invoice ${invoice.number}.\n${detailText(invoice)}`);
    }
    case 'milestone': {
      if (!args.project || args.amountCents === undefined) {
        throw new UsageError('invoices milestone needs --project P (a fixed-price project) and --amount A (dollars ex GST, e.g. 3000.00).');
      }
      const invoice = await core.call('invoices.milestone', {
        projectId: findProject(core, args.project).id,
        amountCents: args.amountCents,
        dueInDays: args.dueDays,
      });
      return out.print(invoice, () => `Created draft milestone invoice ${invoice.number}.\n${detailText(invoice)}`);
    }
  }
  const id = invoiceId(core, sub!, args.command[2]);
  switch (sub) {
    case 'send': {
      const invoice = await core.call('invoices.send', { id });
      return out.print(
        invoice,
        () => `Sent invoice ${invoice.number} (${formatCents(invoice.totalCents)}, due ${invoice.dueOn}); its hours are locked.`,
      );
    }
    case 'pay': {
      const invoice = await core.call('invoices.pay', { id, paidOn: args.date });
      return out.print(invoice, () => `Invoice ${invoice.number} paid on ${invoice.paidOn}.`);
    }
    case 'void': {
      const invoice = await core.call('invoices.void', { id });
      return out.print(invoice, () => `Voided invoice ${invoice.number}; its hours are billable again.`);
    }
    case 'show': {
      const invoice = await core.call('invoices.get', { id });
      return out.print(invoice, () => detailText(invoice));
    }
  }
}

function period(core: Core, args: Args, sub: string) {
  if (!args.from || !args.to || (!args.client && !args.project)) {
    throw new UsageError(`invoices ${sub} needs --client C (or --project P), --from D and --to D: the hours of that client in those days.`);
  }
  const project = args.project ? findProject(core, args.project) : undefined;
  const clientId = args.client ? findClient(core, args.client) : project!.clientId;
  return { clientId, projectId: project?.id, from: args.from, to: args.to };
}

// There is no channel for clients yet: names are looked up in the replica (read only).
function findClient(core: Core, client: string): string {
  const rows = core.db.prepare('SELECT id FROM clients WHERE id = ? OR name = ?').pluck().all(client, client) as string[];
  if (rows.length === 0) throw new OpsError('not_found', `No client is called “${client}”. Use the client's exact name or its id.`);
  if (rows.length > 1) throw new OpsError('invalid_input', `More than one client is called “${client}”: use the client's id.`);
  return rows[0]!;
}

function findProject(core: Core, project: string): { id: string; clientId: string } {
  const rows = core.db.prepare('SELECT id, client_id AS clientId FROM projects WHERE id = ? OR name = ?').all(project, project) as Array<{
    id: string;
    clientId: string;
  }>;
  if (rows.length === 0) throw new OpsError('not_found', `No project is called “${project}”. Use the project's exact name or its id.`);
  if (rows.length > 1) throw new OpsError('invalid_input', `More than one project is called “${project}”: use the project's id.`);
  return rows[0]!;
}

function invoiceId(core: Core, sub: string, given: string | undefined): string {
  if (!given) throw new UsageError(`invoices ${sub} needs the invoice: ops invoices ${sub} INV (its number or id; ops invoices list).`);
  const id = core.db.prepare('SELECT id FROM invoices WHERE id = ? OR number = ?').pluck().get(given, given) as string | undefined;
  if (!id) throw new OpsError('not_found', `There is no invoice “${given}” in this workspace. List them with ops invoices list.`);
  return id;
}

function linesText(lines: InvoiceLine[]): string {
  return lines
    .map(
      (l) =>
        `  ${l.projectName.padEnd(28)} ${formatMinutes(l.roundedMinutes).padStart(8)} (${l.entryCount} entr${l.entryCount === 1 ? 'y' : 'ies'}, ` +
        `${formatMinutes(l.minutes)} logged) × ${formatCents(l.rateCents)}/h = ${formatCents(l.amountCents).padStart(12)}`,
    )
    .join('\n');
}

function totalsText(t: { subtotalCents: number; taxCents: number; totalCents: number }): string {
  return `  Subtotal ${formatCents(t.subtotalCents)}   GST ${formatCents(t.taxCents)}   Total ${formatCents(t.totalCents)}`;
}

function previewText(p: InvoicePreview): string {
  const head = `${p.projectName ? `${p.clientName} — ${p.projectName}` : p.clientName}, ${p.from} to ${p.to} (${p.timeZone})`;
  const fixed = p.fixedPrice
    .map(
      (f) =>
        `  ${f.projectName} is fixed-price (not billed by the hour): ${formatCents(f.invoicedCents)} invoiced` +
        `${f.priceCents ? ` of ${formatCents(f.priceCents)}` : ''}; bill it with ops invoices milestone.`,
    )
    .join('\n');
  const body =
    p.entryCount === 0 ? `${head}: no unbilled billable hours of hourly work.` : `${head}\n${linesText(p.lines)}\n${totalsText(p)}`;
  return fixed ? `${body}\n${fixed}` : body;
}

function detailText(i: InvoiceDetail): string {
  const status = i.status === 'paid' ? `paid ${i.paidOn}` : i.daysOverdue ? `sent, ${i.daysOverdue} days overdue` : i.status;
  return [
    `${i.number}  ${i.clientName}${i.projectName ? ` — ${i.projectName}` : ''}  (${status})`,
    `  Issued ${i.issuedOn}, due ${i.dueOn}${i.firstDay ? `; hours from ${i.firstDay} to ${i.lastDay}` : ''}`,
    i.milestone
      ? `  Fixed-price milestone of ${i.milestone.projectName}${i.milestone.priceCents ? ` (price ${formatCents(i.milestone.priceCents)})` : ''}`
      : i.lines.length > 0
        ? linesText(i.lines)
        : '  (no hours attached)',
    totalsText(i),
  ].join('\n');
}

function invoiceTable(list: InvoiceSummary[]): string {
  if (list.length === 0) return 'No invoices.';
  return list
    .map((i) => {
      const state = i.status === 'sent' && i.daysOverdue ? `sent +${i.daysOverdue}d` : i.status;
      return `${i.number.padEnd(24)} ${i.issuedOn}  due ${i.dueOn}  ${state.padEnd(12)} ${formatCents(i.totalCents).padStart(13)}  ${i.clientName}${i.projectName ? ` — ${i.projectName}` : ''}`;
    })
    .join('\n');
}
