// The rows behind a figure: a dialog with what was clicked, the figure, and the rows (a sortable
// table with CSV export) whose amounts add up to it — the core sums them, and says so. Every
// drill-down (projects, billing, pipelines) builds its CSV filters and its total row here, the same way.
import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { DataTable, type Column } from './DataTable';

/** The total row: the core's count of all the rows, and its sums under their columns (by column id). */
export interface DrillTotal {
  count: number;
  /** What one row is and what several are: ['entry', 'entries']. */
  noun: readonly [string, string];
  sums?: Record<string, ReactNode>;
}

interface Props<Row> {
  open: boolean;
  onClose: () => void;
  title: string;
  /** The figure clicked, as shown ("$12,340.00 invoiced in October"). */
  figure: ReactNode;
  /** What was asked of the core (the channel's input): the CSV's filters, `limit` left out. */
  input: object | null;
  columns: Column<Row>[];
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string;
  fileParts: string[];
  /** The rows' total (the core's, equal to the figure); left out while loading. */
  total?: DrillTotal;
  /** The core returned only the first rows (their count and sum still cover all). */
  truncated?: boolean;
}

/** A drill-down's CSV filters: the input's fields as given, without the row limit. */
export function drillFilters(input: object | null): [string, string][] {
  if (!input) return [];
  return Object.entries(input)
    .filter(([key, value]) => key !== 'limit' && value !== undefined)
    .map(([key, value]) => [key, Array.isArray(value) ? value.join(' or ') : String(value)]);
}

/** The total row under `columns`: "12 entries" up to the first summed column, then each sum under its column. */
export function DrillTotalRow<Row>({ columns, total }: { columns: Column<Row>[]; total: DrillTotal }) {
  const sums = total.sums ?? {};
  const firstSum = columns.findIndex((c) => c.id in sums);
  const span = firstSum <= 0 ? columns.length : firstSum;
  return (
    <tr data-testid="drill-total">
      <td colSpan={span}>
        {total.count.toLocaleString()} {total.count === 1 ? total.noun[0] : total.noun[1]}
      </td>
      {columns.slice(span).map((c) => (
        <td key={c.id} className={c.align === 'right' ? 'right num' : undefined} data-column={c.id}>
          {sums[c.id]}
        </td>
      ))}
    </tr>
  );
}

export function DrillDown<Row>({ open, onClose, title, figure, input, columns, rows, rowKey, fileParts, total, truncated }: Props<Row>) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-wide" data-testid="drill-down">
          <div className="row">
            <Dialog.Title>{title}</Dialog.Title>
            <div className="spacer" />
            <Dialog.Close asChild>
              <button type="button" className="btn btn-icon" aria-label="Close">
                <X size={16} aria-hidden />
              </button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="muted">{figure}</Dialog.Description>
          {rows === undefined ? (
            <div className="empty">Loading the rows…</div>
          ) : (
            <DataTable
              title="Rows"
              columns={columns}
              rows={rows}
              rowKey={rowKey}
              filters={drillFilters(input)}
              fileParts={fileParts}
              footer={total ? <DrillTotalRow columns={columns} total={total} /> : undefined}
              note={truncated ? `The first ${rows.length.toLocaleString()} rows; the total covers them all.` : undefined}
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
