// Prints the screen as it is (the print stylesheet drops the sidebar and the controls, and keeps
// light colours); the system dialog offers Save as PDF.
import { Printer } from 'lucide-react';

export function PrintButton({ label = 'Print' }: { label?: string }) {
  return (
    <button type="button" className="btn" onClick={() => window.print()}>
      <Printer size={14} aria-hidden /> {label}
    </button>
  );
}
