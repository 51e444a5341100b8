// Stopping a timer that ran too long to record as is (over 24 hours: left running overnight or over
// a weekend): asks when the work really stopped, instead of leaving Discard as the only way out.
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { MAX_ENTRY_MINUTES, type RunningTimer, type TimeEntry } from '../../../../shared/domain';
import { formatMinutes, localDay, localTime, zonedInstant } from '../../../../shared/time';
import { useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { TimeField } from '../../ui/TimeField';
import { useConfirm } from '../../ui/confirm';
import { Name } from '../../ui/Name';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  timer: RunningTimer;
  onStopped: (entry: TimeEntry) => void;
}

export function StopTimerDialog({ open, onOpenChange, timer, onStopped }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>When did you stop working?</Dialog.Title>
          <StopForm timer={timer} onDone={() => onOpenChange(false)} onStopped={onStopped} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A first guess at the real end: 17:00 on the start day when that is after the start, else an hour on. */
function guessEnd(startedAt: string, timeZone: string): { day: string; time: string } {
  const day = localDay(startedAt, timeZone);
  const five = zonedInstant(day, '17:00', timeZone);
  const end = five && Date.parse(five) > Date.parse(startedAt) + 60_000 ? five : new Date(Date.parse(startedAt) + 3_600_000).toISOString();
  return { day: localDay(end, timeZone), time: localTime(end, timeZone) };
}

function StopForm({ timer, onDone, onStopped }: { timer: RunningTimer; onDone: () => void; onStopped: (entry: TimeEntry) => void }) {
  const display = useDisplay();
  const confirm = useConfirm();
  const [end, setEnd] = useState(() => guessEnd(timer.startedAt, display.timeZone));
  const [error, setError] = useState<string | null>(null);
  const stop = useApiMutation('timer.stop', {
    toastErrors: false,
    onSuccess: (entry) => {
      onDone();
      onStopped(entry);
    },
  });
  const discard = useApiMutation('timer.discard', { onSuccess: onDone });
  const endedAt = end.time ? zonedInstant(end.day, end.time, display.timeZone) : null;
  const minutes = endedAt ? Math.round((Date.parse(endedAt) - Date.parse(timer.startedAt)) / 60_000) : null;
  const problem =
    minutes === null
      ? 'Enter the date and time you stopped.'
      : minutes < 1
        ? 'The end must be after the timer started.'
        : minutes > MAX_ENTRY_MINUTES
          ? 'That is more than 24 hours after the start; an entry can be at most 24 hours. Give the time you really stopped.'
          : null;
  const startDay = localDay(timer.startedAt, display.timeZone);

  return (
    <form
      className="dialog-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (problem) return setError(problem);
        if (Date.parse(endedAt!) > Date.now()) return setError('That time has not come yet; give the time you stopped.');
        stop.mutate({ endedAt: endedAt! }, { onError: (e) => setError(e.message) });
      }}
    >
      <Dialog.Description className="muted">
        The timer on{' '}
        <strong>
          <Name kind="project" name={timer.projectName} />
        </strong>{' '}
        has been running since {display.dayShort(startDay)}, {display.clock(timer.startedAt)} — longer than one entry can be. Give the time
        you really stopped; the hours are recorded up to then.
      </Dialog.Description>
      <div className="dialog-grid">
        <Field label="Stopped on">
          <DateField
            value={end.day}
            onChange={(day) => {
              setError(null);
              setEnd((v) => ({ ...v, day }));
            }}
            label="Stopped on"
            latest={display.today()}
          />
        </Field>
        <Field label="At">
          <TimeField
            value={end.time}
            onChange={(time) => setEnd((v) => ({ ...v, time }))}
            label="Stopped at"
            invalid={!!error || undefined}
          />
        </Field>
        <div className="field">
          <span>Recorded</span>
          <span className="input-like" data-testid="stop-duration">
            {minutes !== null && minutes > 0 ? formatMinutes(minutes) : '—'}
          </span>
        </div>
      </div>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-danger"
          onClick={() =>
            void confirm({
              title: 'Discard the running timer?',
              body: 'No time is recorded for it.',
              confirmLabel: 'Discard timer',
              danger: true,
            }).then((yes) => yes && discard.mutate(undefined))
          }
        >
          Discard timer
        </button>
        <span className="spacer" />
        <Dialog.Close asChild>
          <button type="button" className="btn">
            Cancel
          </button>
        </Dialog.Close>
        <button type="submit" className="btn btn-primary" disabled={stop.isPending}>
          Stop and record
        </button>
      </div>
    </form>
  );
}
