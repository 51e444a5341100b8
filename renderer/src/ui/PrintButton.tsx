// Prints the screen as it is (the print stylesheet drops the sidebar and the controls, and keeps
// light colours); the system dialog offers Save as PDF.
import { Printer } from 'lucide-react';
import { usePresentation } from './presentation/context';

export function PrintButton({ label = 'Print this screen' }: { label?: string }) {
  const presentation = usePresentation();
  return (
    <button
      type="button"
      className="btn btn-icon"
      onClick={() => presentation.allowExport('print') && window.print()}
      aria-label={label}
      title={label}
    >
      <Printer size={16} aria-hidden />
    </button>
  );
}
