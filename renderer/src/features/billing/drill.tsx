// The rows behind a billing figure (invoices, entries or expenses), whose amounts the core adds up
// to the figure clicked.
import type { Input } from '../../../../shared/contract';
import type { EntryRow, ExpenseRow, InvoiceRow } from '../../../../shared/features/billing/types';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import type { Column } from '../../ui/DataTable';
import { DrillDown, type DrillTotal } from '../../ui/DrillDown';
import { formatHours } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name } from '../../ui/Name';

export type BillingDrill = { title: string; figure: string; input: Input<'billing.rows'> };

export function BillingDrillDown({ drill, onClose }: { drill: BillingDrill | null; onClose: () => void }) {
  const display = useDisplay();
  const rows = useApi('billing.rows', drill?.input ?? { figure: 'wip', to: '2000-01-01' }, { enabled: !!drill });
  const data = drill ? rows.data : undefined;
  const common = {
    open: !!drill,
    onClose,
    title: drill?.title ?? '',
    figure: drill?.figure ?? '',
    input: drill?.input ?? null,
    fileParts: ['billing', drill?.title ?? 'rows'],
  };
  const total = (noun: DrillTotal['noun']): DrillTotal | undefined =>
    data && { count: data.count, noun, sums: { amount: <Money cents={data.totalCents} /> } };

  if (data?.kind === 'entries') {
    const columns: Column<EntryRow>[] = [
      {
        id: 'day',
        header: 'Day',
        value: (r) => display.localDay(r.startedAt),
        cell: (r) => display.dayShort(display.localDay(r.startedAt)),
      },
      { id: 'project', header: 'Project', value: (r) => r.projectName, cell: (r) => <Name kind="project" name={r.projectName} /> },
      { id: 'who', header: 'Consultant', value: (r) => r.consultantName, cell: (r) => <Name kind="consultant" name={r.consultantName} /> },
      {
        id: 'hours',
        header: 'Hours (rounded)',
        value: (r) => r.roundedMinutes,
        csvHeader: 'Rounded minutes',
        cell: (r) => formatHours(r.roundedMinutes),
        align: 'right',
      },
      {
        id: 'amount',
        header: 'Amount',
        value: (r) => r.amountCents,
        csvHeader: 'Amount (cents)',
        cell: (r) => <Money cents={r.amountCents} />,
        align: 'right',
      },
    ];
    return (
      <DrillDown
        {...common}
        columns={columns}
        rows={data.rows}
        rowKey={(r) => r.id}
        truncated={data.truncated}
        total={total(['entry', 'entries'])}
      />
    );
  }
  if (data?.kind === 'expenses') {
    const columns: Column<ExpenseRow>[] = [
      { id: 'day', header: 'Day', value: (r) => r.spentOn, cell: (r) => display.dayShort(r.spentOn) },
      { id: 'project', header: 'Project', value: (r) => r.projectName, cell: (r) => <Name kind="project" name={r.projectName} /> },
      { id: 'category', header: 'Category', value: (r) => r.category },
      {
        id: 'amount',
        header: 'Amount',
        value: (r) => r.amountCents,
        csvHeader: 'Amount (cents)',
        cell: (r) => <Money cents={r.amountCents} />,
        align: 'right',
      },
    ];
    return (
      <DrillDown
        {...common}
        columns={columns}
        rows={data.rows}
        rowKey={(r) => r.id}
        truncated={data.truncated}
        total={total(['expense', 'expenses'])}
      />
    );
  }
  const columns: Column<InvoiceRow>[] = [
    { id: 'number', header: 'Number', value: (r) => r.number },
    { id: 'client', header: 'Client', value: (r) => r.clientName, cell: (r) => <Name kind="client" name={r.clientName} /> },
    { id: 'issued', header: 'Issued', value: (r) => r.issuedOn, cell: (r) => display.dayShort(r.issuedOn) },
    { id: 'due', header: 'Due', value: (r) => r.dueOn, cell: (r) => display.dayShort(r.dueOn) },
    { id: 'status', header: 'Status', value: (r) => r.status },
    { id: 'late', header: 'Days past due', value: (r) => r.daysPastDue, align: 'right' },
    {
      id: 'amount',
      header: 'Amount',
      value: (r) => r.amountCents,
      csvHeader: 'Amount (cents)',
      cell: (r) => <Money cents={r.amountCents} />,
      align: 'right',
    },
  ];
  return (
    <DrillDown
      {...common}
      columns={columns}
      rows={data?.kind === 'invoices' ? data.rows : undefined}
      rowKey={(r) => r.id}
      truncated={data?.truncated}
      total={total(['invoice', 'invoices'])}
    />
  );
}
