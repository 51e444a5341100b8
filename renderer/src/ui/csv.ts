// CSV export of a table on screen: what it shows (the core's aggregated rows, never raw rows looped
// over here), with its title and filters written above it so a file read later says what it is.
// papaparse writes the CSV (quoting, and a leading ' before = + - @ so a spreadsheet never runs a
// cell as a formula); a byte-order mark makes Excel read it as UTF-8.
import Papa from 'papaparse';

export type CsvCell = string | number | null;

export interface CsvColumn<Row> {
  label: string;
  value: (row: Row) => CsvCell;
}

export interface CsvTable<Row> {
  title: string;
  /** What the table is filtered by, as label and value ("From", "2026-11-01"). */
  filters: [string, string][];
  columns: CsvColumn<Row>[];
  rows: readonly Row[];
}

// Control characters (a NUL in a note) have no place in a text file a spreadsheet opens.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (cell: CsvCell): CsvCell => (typeof cell === 'string' ? cell.replace(CONTROL, '') : cell);

export function tableCsv<Row>(table: CsvTable<Row>): string {
  const lines: CsvCell[][] = [
    [table.title],
    ...table.filters.map(([label, value]): CsvCell[] => [label, value]),
    [],
    table.columns.map((c) => c.label),
    ...table.rows.map((row) => table.columns.map((c) => c.value(row))),
  ];
  return `\ufeff${Papa.unparse(
    lines.map((line) => line.map(clean)),
    { newline: '\r\n', escapeFormulae: true },
  )}\r\n`;
}

/** "pipelines-per-pipeline-2026-11-01-to-2026-11-29.csv": safe on every file system. */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'export'}.csv`;
}

/** Hands the file to the browser (or the desktop app's save dialog). */
export function downloadCsv(fileName: string, text: string): void {
  downloadText(fileName, text, 'text/csv;charset=utf-8');
}

/** Any text file, handed over the same way. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
