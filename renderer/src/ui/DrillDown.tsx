// The rows behind a figure: a dialog with what was clicked, the figure, and the rows (a sortable
// table with CSV export) whose amounts add up to it — the core sums them, and says so.
import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { DataTable, type Column } from './DataTable';

interface Props<Row> {
  open: boolean;
  onClose: () => void;
  title: string;
  /** The figure clicked, as shown ("$12,340.00 invoiced in October"). */
  figure: ReactNode;
  columns: Column<Row>[];
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string;
  filters: [string, string][];
  fileParts: string[];
  /** The rows' total row (the core's sum, equal to the figure). */
  footer?: ReactNode;
  /** The core returned only the first rows (their count and sum still cover all). */
  truncated?: boolean;
}

export function DrillDown<Row>({ open, onClose, title, figure, columns, rows, rowKey, filters, fileParts, footer, truncated }: Props<Row>) {
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
              filters={filters}
              fileParts={fileParts}
              footer={footer}
              note={truncated ? 'The first rows; the total covers them all.' : undefined}
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
