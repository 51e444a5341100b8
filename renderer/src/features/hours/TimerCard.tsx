import { Play, Repeat, Square, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ProjectSummary, RunningTimer } from '../../../../shared/domain';
import { formatElapsed, localDay } from '../../../../shared/time';
import { useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { useConfirm } from '../../ui/confirm';
import { Name, useNames } from '../../ui/Name';
import { Private } from '../../ui/presentation/Private';
import { usePresentation } from '../../ui/presentation/context';
import { useHoursCommands } from './commands';
import { ProjectSelect } from './ProjectSelect';
import { useElapsedSeconds } from './time';

/** The timer: the same height running or not, so the page never jumps when it starts or stops. */
export function TimerCard({ timer, projects }: { timer: RunningTimer | null; projects: ProjectSummary[] }) {
  const commands = useHoursCommands();
  const display = useDisplay();
  const names = useNames();
  const presentation = usePresentation();
  const confirm = useConfirm();
  const elapsed = useElapsedSeconds(timer?.startedAt);
  const [switchTo, setSwitchTo] = useState('');
  const switchTimer = useApiMutation('timer.switch', { onSuccess: () => setSwitchTo('') });
  const discard = useApiMutation('timer.discard');
  const picker = useRef<HTMLSelectElement>(null);
  const signal = commands.focusPickerSignal;
  useEffect(() => {
    if (signal > 0) picker.current?.focus();
  }, [signal]);

  if (timer) {
    const startDay = localDay(timer.startedAt, display.timeZone);
    const since = `${startDay === display.today() ? '' : `${display.dayShort(startDay)}, `}${display.clock(timer.startedAt)}`;
    return (
      <section className="card timer timer-running" aria-label="Timer">
        <div className="timer-layout">
          <span className="timer-elapsed" data-testid="timer-elapsed">
            <span className="pulse" aria-hidden />
            {formatElapsed(elapsed)}
          </span>
          <div className="timer-what">
            <div className="timer-project">
              <Name kind="project" name={timer.projectName} />
            </div>
            <div className="muted timer-sub" data-testid="timer-sub" title={(!presentation.on && timer.note) || undefined}>
              since {since} · <Name kind="client" name={timer.clientName} />
              {timer.note ? ' · ' : ''}
              <Private text={timer.note} />
            </div>
          </div>
          <div className="timer-actions">
            <ProjectSelect
              projects={projects.filter((p) => p.id !== timer.projectId)}
              value={switchTo}
              onChange={setSwitchTo}
              placeholder="Switch to…"
              label="Switch to project"
            />
            <button
              type="button"
              className="btn"
              disabled={!switchTo || switchTimer.isPending}
              onClick={() => switchTimer.mutate({ projectId: switchTo, note: '' })}
            >
              <Repeat size={14} aria-hidden /> Switch
            </button>
            <button
              type="button"
              className="btn btn-icon"
              title="Discard this timer (records nothing)"
              aria-label="Discard timer"
              onClick={() =>
                void confirm({
                  title: 'Discard the running timer?',
                  body: `No time is recorded for ${names('project', timer.projectName)}.`,
                  confirmLabel: 'Discard timer',
                  danger: true,
                }).then((yes) => yes && discard.mutate(undefined))
              }
            >
              <Trash2 size={14} aria-hidden />
            </button>
            <button type="button" className="btn btn-stop" onClick={commands.stopTimer} aria-keyshortcuts="T" title="Stop (T)">
              <Square size={14} aria-hidden /> Stop
            </button>
          </div>
        </div>
      </section>
    );
  }
  return (
    <section className="card timer" aria-label="Timer">
      <div className="timer-layout">
        <span className="timer-elapsed muted">0:00:00</span>
        <div className="timer-what row">
          <ProjectSelect
            ref={picker}
            projects={projects}
            value={commands.timerProject}
            onChange={commands.setTimerProject}
            label="Timer project"
          />
          <input
            className="input grow"
            placeholder="What are you working on? (optional)"
            aria-label="Timer note"
            data-private
            value={commands.timerNote}
            onChange={(e) => commands.setTimerNote(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && commands.startTimer()}
          />
        </div>
        <div className="timer-actions">
          <button type="button" className="btn btn-primary" onClick={commands.startTimer} aria-keyshortcuts="T" title="Start (T)">
            <Play size={14} aria-hidden /> Start timer
          </button>
          <span className="muted shortcut-hint">
            <kbd>T</kbd> start/stop · <kbd>N</kbd> new entry
          </span>
        </div>
      </div>
    </section>
  );
}
