// One button for every table's CSV export. A table too big to send with its screen (the week grid
// of a year) is fetched when the button is pressed: `load`.
import { Download } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { csvFileName, downloadCsv, tableCsv, type CsvTable } from './csv';
import { usePresentation } from './presentation/context';

type Source<Row> = { table: CsvTable<Row>; load?: never } | { load: () => Promise<CsvTable<Row>>; title: string; table?: never };

export function ExportCsvButton<Row>({ fileParts, ...source }: Source<Row> & { fileParts: string[] }) {
  const presentation = usePresentation();
  const [loading, setLoading] = useState(false);
  const title = source.table ? source.table.title : source.title;
  const onClick = async () => {
    // While presenting the file would hold real names and amounts: refused, with a toast saying why.
    if (!presentation.allowExport()) return;
    if (source.table) return downloadCsv(csvFileName(...fileParts), tableCsv(source.table));
    setLoading(true);
    try {
      downloadCsv(csvFileName(...fileParts), tableCsv(await source.load()));
    } catch (error) {
      toast.error(`${title} could not be exported: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setLoading(false);
    }
  };
  return (
    <button
      type="button"
      className="btn card-action"
      onClick={() => void onClick()}
      disabled={loading || (source.table ? source.table.rows.length === 0 : false)}
      aria-busy={loading || undefined}
      aria-label={`Export ${title} as CSV`}
    >
      <Download size={14} aria-hidden /> CSV
    </button>
  );
}
