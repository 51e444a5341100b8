// Settings → Support and data: copy the diagnostics for a support request, and export all the
// workspace's data as one JSON file. Both are refused while presenting (the diagnostics name the
// central host; the export holds every real name and amount).
import { ClipboardCopy, Download } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { invoke } from '../../api/client';
import { downloadText } from '../../ui/csv';
import { usePresentation } from '../../ui/presentation/context';

export const REFUSE_DIAGNOSTICS = 'Turn presentation mode off to copy diagnostics: they name the central host.';

export function SupportSettings() {
  const presentation = usePresentation();
  const [busy, setBusy] = useState<'copy' | 'export' | null>(null);

  const copyDiagnostics = async () => {
    if (presentation.on) return void toast.info(REFUSE_DIAGNOSTICS);
    setBusy('copy');
    try {
      const { text } = await invoke('diagnostics.get');
      await navigator.clipboard.writeText(text);
      toast.success('Diagnostics copied. Paste them into your message to support.');
    } catch (error) {
      toast.error(`The diagnostics could not be copied: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  const exportAll = async () => {
    if (!presentation.allowExport()) return;
    setBusy('export');
    try {
      const file = await invoke('export.json');
      downloadText(file.fileName, file.text, 'application/json');
      const rows = Object.values(file.rows).reduce((sum, n) => sum + n, 0);
      toast.success(`Exported ${rows.toLocaleString()} rows as ${file.fileName}.`);
    } catch (error) {
      toast.error(`The export failed: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" data-testid="support-card">
      <div className="card-head">
        <h2>Support and data</h2>
      </div>
      <div className="card-body settings-rows">
        <span className="muted">Diagnostics</span>
        <div className="row">
          <button type="button" className="btn" onClick={() => void copyDiagnostics()} disabled={busy !== null}>
            <ClipboardCopy size={14} aria-hidden /> {busy === 'copy' ? 'Copying…' : 'Copy diagnostics'}
          </button>
        </div>
        <span />
        <p className="muted settings-help">
          Versions, the replica’s health, the sync state and the last problems in the log, as text for a support request. No password, token
          or secret is in it.
        </p>
        <span className="muted">Export</span>
        <div className="row">
          <button type="button" className="btn" onClick={() => void exportAll()} disabled={busy !== null}>
            <Download size={14} aria-hidden /> {busy === 'export' ? 'Exporting…' : 'Export all data (JSON)'}
          </button>
        </div>
        <span />
        <p className="muted settings-help">
          Every table of this workspace in one JSON file: clients, projects, hours, invoices, expenses, leads, feedback, metrics and
          pipeline jobs. For one CSV file per table, run <code>ops export --to FOLDER</code>.
        </p>
      </div>
    </section>
  );
}
