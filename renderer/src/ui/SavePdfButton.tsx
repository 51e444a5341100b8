// Save as PDF. In the desktop app, main writes the window as it prints (the print stylesheet) to a
// file the user picks, suggesting `fileName`; in a browser, the browser's print dialog (whose
// destination "Save as PDF" does the same) is the way.
import { FileDown, Printer } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { DesktopBridge } from '../../../shared/bridge';
import { usePresentation } from './presentation/context';

declare global {
  interface Window {
    opsDesktop?: DesktopBridge;
  }
}

export function SavePdfButton({ fileName }: { fileName: string }) {
  const desktop = window.opsDesktop;
  const [saving, setSaving] = useState(false);
  const presentation = usePresentation();
  if (!desktop) {
    return (
      <button
        type="button"
        className="btn"
        onClick={() => presentation.allowExport('print') && window.print()}
        title="Opens the print dialog; choose “Save as PDF” as the printer"
      >
        <Printer size={14} aria-hidden /> Print / Save as PDF
      </button>
    );
  }
  const save = async () => {
    if (!presentation.allowExport()) return;
    setSaving(true);
    try {
      const result = await desktop.savePdf(fileName);
      if (!result.ok) toast.error(result.message);
      else if (result.path) toast.success(`Saved ${result.path}`);
    } catch (error) {
      toast.error(`The PDF could not be saved: ${(error as Error).message}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <button type="button" className="btn" onClick={() => void save()} disabled={saving}>
      <FileDown size={14} aria-hidden /> {saving ? 'Saving…' : 'Save as PDF'}
    </button>
  );
}
