import { statusLabel, statusTone } from './format';

/** A job's status as a badge; the word carries the meaning, the colour only repeats it. */
export function StatusBadge({ status }: { status: string }) {
  const tone = statusTone(status);
  return (
    <span className={tone === 'neutral' ? 'badge' : `badge badge-${tone}`} data-testid="job-status" data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
