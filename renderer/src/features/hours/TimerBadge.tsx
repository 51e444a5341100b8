import { formatElapsed } from '../../../../shared/time';
import { useApi } from '../../api/hooks';
import { useElapsedSeconds } from './time';

/** The running timer in the top bar, visible from every screen. */
export function TimerBadge({ onOpen }: { onOpen: () => void }) {
  const timer = useApi('timer.get');
  const elapsed = useElapsedSeconds(timer.data?.startedAt);
  if (!timer.data) return null;
  return (
    <button type="button" className="btn" onClick={onOpen} aria-label={`Timer running on ${timer.data.projectName}`}>
      <span className="pulse" aria-hidden />
      <span className="num">{formatElapsed(elapsed)}</span>
      <span className="muted">{timer.data.projectName}</span>
    </button>
  );
}
