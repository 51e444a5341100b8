// The dashboards' table: a card with a title, sortable columns (TanStack Table), an optional
// totals row, a click-through per cell, and CSV export of what it shows with its filters on top.
// Rows are the core's aggregated rows; nothing here adds up raw data.
import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type PaginationState,
  type SortingState,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { CsvCell } from './csv';
import { ExportCsvButton } from './ExportCsvButton';

/** Rows a page of a long dashboard table shows: a projector screen and a bit. */
export const PAGE_ROWS = 50;

export interface Column<Row> {
  id: string;
  header: string;
  /** What the cell shows (default: the sort value as text). */
  cell?: (row: Row) => ReactNode;
  /** What it sorts by and what CSV gets (numbers raw: cents, minutes). */
  value: (row: Row) => CsvCell;
  /** A CSV header when the value's unit differs from the header's ("Revenue (cents)"). */
  csvHeader?: string;
  align?: 'right';
  /** A click on the cell opens the rows behind it. */
  onDrill?: (row: Row) => void;
  /** What a drill button says to a screen reader, e.g. "Entries behind Alice's hours in week 47". */
  drillLabel?: (row: Row) => string;
}

interface Props<Row> {
  title: string;
  /** A line beside the title (what the figures are). */
  note?: ReactNode;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** CSV: the filters written above the table, and the file name's parts. */
  filters: [string, string][];
  fileParts: string[];
  footer?: ReactNode;
  empty?: string;
  initialSort?: SortingState;
  testId?: string;
  /**
   * Draw this many rows at a time, with a pager (sorting and the CSV cover every row). For tables
   * that can hold thousands of rows (a project each at scale 10): drawing them all took seconds.
   */
  pageSize?: number;
}

export function DataTable<Row>({
  title,
  note,
  columns,
  rows,
  rowKey,
  filters,
  fileParts,
  footer,
  empty,
  initialSort,
  testId,
  pageSize,
}: Props<Row>) {
  const headingId = useId();
  const [sorting, setSorting] = useState<SortingState>(initialSort ?? []);
  const paged = pageSize !== undefined && rows.length > pageSize;
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: pageSize ?? rows.length });
  const defs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        accessorFn: (row: Row) => c.value(row),
        // Empty figures sort last whichever way.
        sortUndefined: 'last',
        sortingFn: (a, b, id) => {
          const x = a.getValue<CsvCell>(id);
          const y = b.getValue<CsvCell>(id);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        },
      })),
    [columns],
  );
  // TanStack Table's object changes identity inside; it is read during this render only.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows as Row[],
    columns: defs,
    state: paged ? { sorting, pagination } : { sorting },
    onSortingChange: (updater) => {
      setSorting(updater);
      // A new order starts from its first rows.
      setPagination((p) => ({ ...p, pageIndex: 0 }));
    },
    onPaginationChange: setPagination,
    // New rows (another range) keep the page only if it still exists: clamped below.
    autoResetPageIndex: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    ...(paged ? { getPaginationRowModel: getPaginationRowModel() } : {}),
    getRowId: rowKey,
  });
  const pageCount = paged ? Math.max(1, Math.ceil(rows.length / pageSize)) : 1;
  const pageIndex = paged ? Math.min(pagination.pageIndex, pageCount - 1) : 0;
  if (paged && pageIndex !== pagination.pageIndex) setPagination((p) => ({ ...p, pageIndex }));
  const byId = new Map(columns.map((c) => [c.id, c]));
  const csv = {
    title,
    filters,
    rows,
    columns: columns.map((c) => ({ label: c.csvHeader ?? c.header, value: c.value })),
  };

  return (
    <section className="card" aria-labelledby={headingId} data-testid={testId}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        {note && <span className="muted">{note}</span>}
        <ExportCsvButton table={csv} fileParts={fileParts} />
      </div>
      {rows.length === 0 ? (
        <div className="empty">{empty ?? 'Nothing in this range.'}</div>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-labelledby={headingId}>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const column = byId.get(header.column.id)!;
                    const sorted = header.column.getIsSorted();
                    return (
                      <th
                        key={header.id}
                        className={column.align === 'right' ? 'right' : undefined}
                        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      >
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sorted === 'asc' && <ArrowUp size={12} aria-hidden />}
                          {sorted === 'desc' && <ArrowDown size={12} aria-hidden />}
                        </button>
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {columns.map((column) => {
                    const value = column.value(row.original);
                    const shown = column.cell ? column.cell(row.original) : (value ?? '—');
                    // Nothing behind an empty figure: no click.
                    const drills = column.onDrill && value !== null && value !== 0;
                    return (
                      <td key={column.id} className={column.align === 'right' ? 'right num' : undefined}>
                        {drills ? (
                          // The name is what is shown, then what a click opens (read, not seen).
                          <button type="button" className="drill" onClick={() => column.onDrill!(row.original)}>
                            {shown}
                            {column.drillLabel && <span className="sr-only">: {column.drillLabel(row.original)}</span>}
                          </button>
                        ) : (
                          shown
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            {footer && <tfoot>{footer}</tfoot>}
          </table>
        </div>
      )}
      {paged && (
        <nav className="pager" aria-label={`${title}: pages`}>
          <span className="muted" aria-live="polite">
            Rows {(pageIndex * pageSize + 1).toLocaleString('en-AU')}–
            {Math.min(rows.length, (pageIndex + 1) * pageSize).toLocaleString('en-AU')} of {rows.length.toLocaleString('en-AU')}
            {footer ? ' (the totals cover every row)' : ''}
          </span>
          <button type="button" className="btn" onClick={() => table.firstPage()} disabled={pageIndex === 0}>
            First
          </button>
          <button type="button" className="btn" onClick={() => table.previousPage()} disabled={pageIndex === 0}>
            Previous
          </button>
          <button type="button" className="btn" onClick={() => table.nextPage()} disabled={pageIndex >= pageCount - 1}>
            Next
          </button>
          <button type="button" className="btn" onClick={() => table.lastPage()} disabled={pageIndex >= pageCount - 1}>
            Last
          </button>
        </nav>
      )}
    </section>
  );
}
