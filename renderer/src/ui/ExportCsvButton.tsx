// One button for every table's CSV export.
import { Download } from 'lucide-react';
import { csvFileName, downloadCsv, tableCsv, type CsvTable } from './csv';
import { usePresentation } from './presentation/context';

export function ExportCsvButton<Row>({ table, fileParts }: { table: CsvTable<Row>; fileParts: string[] }) {
  const presentation = usePresentation();
  return (
    <button
      type="button"
      className="btn card-action"
      // While presenting the file would hold real names and amounts: refused, with a toast saying why.
      onClick={() => presentation.allowExport() && downloadCsv(csvFileName(...fileParts), tableCsv(table))}
      disabled={table.rows.length === 0}
      aria-label={`Export ${table.title} as CSV`}
    >
      <Download size={14} aria-hidden /> CSV
    </button>
  );
}
