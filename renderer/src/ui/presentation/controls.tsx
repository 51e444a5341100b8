// The shell's switch for presentation mode and the banner that says it is on.
import { MonitorOff, Presentation as PresentIcon } from 'lucide-react';
import { usePresentation } from './context';
import './presentation.css';

const SHORTCUT = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘⇧P' : 'Ctrl+Shift+P';

export function PresentationToggle() {
  const presentation = usePresentation();
  return (
    <button
      type="button"
      className={`btn presentation-toggle${presentation.on ? ' is-on' : ''}`}
      aria-pressed={presentation.on}
      aria-keyshortcuts="Control+Shift+P Meta+Shift+P"
      onClick={presentation.toggle}
      title={`Presentation mode (${SHORTCUT})`}
    >
      <PresentIcon size={14} aria-hidden />
      {presentation.on ? 'Presenting' : 'Present'}
    </button>
  );
}

export function PresentationBanner() {
  const presentation = usePresentation();
  if (!presentation.on) return null;
  return (
    <div className="presentation-banner" role="status">
      <PresentIcon size={16} aria-hidden />
      <strong>Presenting: names and amounts are hidden</strong>
      <span className="presentation-banner-hint">
        {presentation.reason ? 'On because a second display was connected. ' : ''}Exports and printing are off. {SHORTCUT} to stop.
      </span>
      <button type="button" className="btn btn-small" onClick={presentation.toggle}>
        <MonitorOff size={14} aria-hidden /> Stop presenting
      </button>
    </div>
  );
}
