import { Play, Repeat, Square, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { ProjectSummary, RunningTimer } from '../../../../shared/domain';
import { formatElapsed } from '../../../../shared/time';
import { useApiMutation } from '../../api/hooks';
import { ProjectSelect } from './ProjectSelect';
import { useElapsedSeconds } from './time';

interface Props {
  timer: RunningTimer | null;
  projects: ProjectSummary[];
  projectId: string;
  note: string;
  onProjectChange: (id: string) => void;
  onNoteChange: (note: string) => void;
  onStart: () => void;
  onStop: () => void;
}

export function TimerCard({ timer, projects, projectId, note, onProjectChange, onNoteChange, onStart, onStop }: Props) {
  const elapsed = useElapsedSeconds(timer?.startedAt);
  const [switchTo, setSwitchTo] = useState('');
  const switchTimer = useApiMutation('timer.switch', { onSuccess: () => setSwitchTo('') });
  const discard = useApiMutation('timer.discard');

  if (timer) {
    return (
      <section className="card timer timer-running" aria-label="Timer">
        <span className="pulse" aria-hidden />
        <span className="timer-elapsed" data-testid="timer-elapsed">
          {formatElapsed(elapsed)}
        </span>
        <div className="grow">
          <div style={{ fontWeight: 600 }}>{timer.projectName}</div>
          <div className="muted">
            {timer.clientName}
            {timer.note ? ` · ${timer.note}` : ''} · since {new Date(timer.startedAt).toLocaleTimeString('en-AU', { timeStyle: 'short' })}
          </div>
        </div>
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
          <Repeat size={14} /> Switch
        </button>
        <button
          type="button"
          className="btn btn-icon"
          title="Discard this timer (records nothing)"
          aria-label="Discard timer"
          onClick={() => window.confirm('Discard the running timer? No time is recorded.') && discard.mutate(undefined)}
        >
          <Trash2 size={14} />
        </button>
        <button type="button" className="btn btn-stop" onClick={onStop} title="Stop (T)">
          <Square size={14} /> Stop
        </button>
      </section>
    );
  }
  return (
    <section className="card timer" aria-label="Timer">
      <span className="timer-elapsed muted">0:00:00</span>
      <div className="grow row">
        <ProjectSelect projects={projects} value={projectId} onChange={onProjectChange} label="Timer project" />
        <input
          className="input"
          style={{ flex: 1, minWidth: 160 }}
          placeholder="What are you working on? (optional)"
          aria-label="Timer note"
          value={note}
          onChange={(e) => onNoteChange(e.target.value)}
        />
      </div>
      <button type="button" className="btn btn-primary" onClick={onStart} disabled={!projectId} title="Start (T)">
        <Play size={14} /> Start timer
      </button>
      <span className="muted" style={{ fontSize: 'var(--text-xs)' }}>
        <kbd>T</kbd> start/stop · <kbd>N</kbd> new entry
      </span>
    </section>
  );
}
