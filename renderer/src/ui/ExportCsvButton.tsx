// One button for every table's CSV export.
import { Download } from 'lucide-react';
import { csvFileName, downloadCsv, tableCsv, type CsvTable } from './csv';

export function ExportCsvButton<Row>({ table, fileParts }: { table: CsvTable<Row>; fileParts: string[] }) {
  return (
    <button
      type="button"
      className="btn card-action"
      onClick={() => downloadCsv(csvFileName(...fileParts), tableCsv(table))}
      disabled={table.rows.length === 0}
      aria-label={`Export ${table.title} as CSV`}
    >
      <Download size={14} aria-hidden /> CSV
    </button>
  );
}
