import { formatElapsed } from '../../../../shared/time';
import { useApi } from '../../api/hooks';
import { Name } from '../../ui/Name';
import { useElapsedSeconds } from './time';

/** The running timer in the top bar, visible from every screen. */
export function TimerBadge({ onOpen }: { onOpen: () => void }) {
  const timer = useApi('timer.get');
  const elapsed = useElapsedSeconds(timer.data?.startedAt);
  if (!timer.data) return null;
  // The name is the text shown plus, for screen readers, what it is and where it goes.
  return (
    <button type="button" className="btn timer-badge" onClick={onOpen}>
      <span className="pulse" aria-hidden />
      <span className="num">{formatElapsed(elapsed)}</span>
      <span className="muted">
        <Name kind="project" name={timer.data.projectName} />
      </span>
      <span className="sr-only">, timer running, open Hours</span>
    </button>
  );
}
