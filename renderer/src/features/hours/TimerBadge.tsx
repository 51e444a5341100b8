import { formatElapsed, formatMinutes } from '../../../../shared/time';
import { useApi } from '../../api/hooks';
import { useElapsedSeconds } from './time';

/** The running timer in the top bar, visible from every screen. */
export function TimerBadge({ onOpen }: { onOpen: () => void }) {
  const timer = useApi('timer.get');
  const elapsed = useElapsedSeconds(timer.data?.startedAt);
  if (!timer.data) return null;
  // The name says what a sighted user reads, plus where the button goes (WCAG: label in name).
  return (
    <button
      type="button"
      className="btn timer-badge"
      onClick={onOpen}
      aria-label={`${formatElapsed(elapsed)} ${timer.data.projectName}: timer running for ${formatMinutes(Math.floor(elapsed / 60))}, open Hours`}
    >
      <span className="pulse" aria-hidden />
      <span className="num">{formatElapsed(elapsed)}</span>
      <span className="muted">{timer.data.projectName}</span>
    </button>
  );
}
