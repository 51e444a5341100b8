import { ChevronLeft, ChevronRight, Plus } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { TimeEntry } from '../../../../shared/domain';
import { formatCents } from '../../../../shared/money';
import { addDays, formatMinutes, weekStart } from '../../../../shared/time';
import { useApi, useApiMutation } from '../../api/hooks';
import { DayList } from './DayList';
import { EntryDialog } from './EntryDialog';
import { ProjectSelect } from './ProjectSelect';
import { useHoursShortcuts } from './shortcuts';
import { formatDayLong, todayLocal, viewTimeZone } from './time';
import { TimerCard } from './TimerCard';
import { WeekTable } from './WeekTable';
import { Tile } from '../../ui/Tile';

type View = 'day' | 'week';

export function HoursPage() {
  const today = todayLocal();
  const timeZone = viewTimeZone();
  const [view, setView] = useState<View>('day');
  const [day, setDay] = useState(today);
  const [filterProject, setFilterProject] = useState('');
  const [filterBillable, setFilterBillable] = useState<'' | 'yes' | 'no'>('');
  const [timerProject, setTimerProject] = useState('');
  const [timerNote, setTimerNote] = useState('');
  const [dialog, setDialog] = useState<{ open: boolean; entry?: TimeEntry }>({ open: false });
  const [viewed, setViewed] = useState(''); // '' = the current consultant

  const workspace = useApi('workspace.info');
  const consultants = useApi('consultants.list');
  const consultantId = viewed || undefined;
  const readOnly = !!viewed && viewed !== workspace.data?.consultant?.id;
  const projects = useApi('projects.list');
  const timer = useApi('timer.get');
  const entries = useApi('entries.list', {
    from: day,
    to: day,
    timeZone,
    consultantId,
    projectId: filterProject || undefined,
    billable: filterBillable === '' ? undefined : filterBillable === 'yes',
  });
  const week = useApi('entries.week', { weekStart: weekStart(day), timeZone, consultantId }, { enabled: view === 'week' });

  const start = useApiMutation('timer.start', { onSuccess: () => setTimerNote('') });
  const stop = useApiMutation('timer.stop');
  const running = timer.data ?? null;
  const lastProject = timerProject || running?.projectId || '';

  const toggleTimer = useCallback(() => {
    if (running) stop.mutate(undefined);
    else if (timerProject) start.mutate({ projectId: timerProject, note: timerNote });
  }, [running, timerProject, timerNote, start, stop]);
  const newEntry = useCallback(() => setDialog({ open: true }), []);
  useHoursShortcuts({ toggleTimer, newEntry });

  if (workspace.data && workspace.data.counts.projects === 0) {
    return (
      <div className="page">
        <section className="card coming">
          <h2>This workspace is empty</h2>
          <p className="muted" style={{ margin: 0 }}>
            Its projects and consultants arrive with the first sync from the central database. Until then, switch to the demo workspace in
            Settings to try everything.
          </p>
        </section>
      </div>
    );
  }

  const list = entries.data ?? [];
  const dayRaw = list.reduce((sum, e) => sum + e.minutes, 0);
  const dayRounded = list.reduce((sum, e) => sum + e.roundedMinutes, 0);
  const dayAmount = list.reduce((sum, e) => sum + e.amountCents, 0);
  const grid = week.data;
  const step = view === 'day' ? 1 : 7;

  return (
    <div className="page">
      <TimerCard
        timer={running}
        projects={projects.data ?? []}
        projectId={timerProject}
        note={timerNote}
        onProjectChange={setTimerProject}
        onNoteChange={setTimerNote}
        onStart={() => start.mutate({ projectId: timerProject, note: timerNote })}
        onStop={() => stop.mutate(undefined)}
      />

      <div className="row">
        <div className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={view === 'day'} onClick={() => setView('day')}>
            Day
          </button>
          <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>
            Week
          </button>
        </div>
        <button type="button" className="btn btn-icon" aria-label={`Previous ${view}`} onClick={() => setDay(addDays(day, -step))}>
          <ChevronLeft size={15} />
        </button>
        <button type="button" className="btn" onClick={() => setDay(today)} disabled={day === today}>
          Today
        </button>
        <button type="button" className="btn btn-icon" aria-label={`Next ${view}`} onClick={() => setDay(addDays(day, step))}>
          <ChevronRight size={15} />
        </button>
        <input
          className="input"
          type="date"
          value={day}
          onChange={(e) => e.target.value && setDay(e.target.value)}
          aria-label="Go to date"
        />
        <strong style={{ marginLeft: 'var(--space-2)' }}>
          {view === 'day' ? formatDayLong(day) : `Week of ${formatDayLong(weekStart(day))}`}
        </strong>
        <div style={{ flex: 1 }} />
        <select className="select" value={viewed} onChange={(e) => setViewed(e.target.value)} aria-label="Consultant shown">
          <option value="">My hours ({workspace.data?.consultant?.name ?? 'me'})</option>
          {(consultants.data ?? [])
            .filter((c) => c.id !== workspace.data?.consultant?.id)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.active ? '' : ' (inactive)'}
              </option>
            ))}
        </select>
        <button type="button" className="btn btn-primary" onClick={newEntry} title="New entry (N)">
          <Plus size={14} /> New entry
        </button>
      </div>

      {view === 'day' ? (
        <>
          <div className="tiles">
            <Tile label="Logged" value={formatMinutes(dayRaw)} />
            <Tile label="Rounded" value={formatMinutes(dayRounded)} />
            <Tile label="Billable amount" value={formatCents(dayAmount)} />
            <Tile label="Entries" value={String(list.length)} />
          </div>
          <section className="card">
            <div className="card-head">
              <h2>Entries</h2>
              <div style={{ flex: 1 }} />
              <ProjectSelect
                projects={projects.data ?? []}
                value={filterProject}
                onChange={setFilterProject}
                placeholder="All projects"
                label="Filter by project"
              />
              <select
                className="select"
                value={filterBillable}
                onChange={(e) => setFilterBillable(e.target.value as typeof filterBillable)}
                aria-label="Filter by billable"
              >
                <option value="">Billable and not</option>
                <option value="yes">Billable only</option>
                <option value="no">Non-billable only</option>
              </select>
            </div>
            <DayList entries={list} readOnly={readOnly} onEdit={(entry) => setDialog({ open: true, entry })} />
          </section>
        </>
      ) : (
        grid && (
          <>
            <div className="tiles">
              <Tile label="Logged" value={formatMinutes(grid.totalMinutes)} />
              <Tile label="Rounded" value={formatMinutes(grid.totalRoundedMinutes)} />
              <Tile label="Billable" value={formatMinutes(grid.billableMinutes)} />
              <Tile
                label="Of capacity"
                value={grid.capacityMinutes ? `${Math.round((grid.totalMinutes / grid.capacityMinutes) * 100)}%` : '—'}
              />
            </div>
            <section className="card">
              <div className="card-head">
                <h2>Timesheet</h2>
                <span className="muted">Raw time; ≈ shows the project’s rounding where it differs</span>
              </div>
              <WeekTable
                grid={grid}
                today={today}
                onPickDay={(d) => {
                  setDay(d);
                  setView('day');
                }}
              />
            </section>
          </>
        )
      )}

      <EntryDialog
        open={dialog.open}
        onOpenChange={(open) => setDialog((d) => ({ ...d, open }))}
        projects={projects.data ?? []}
        entry={dialog.entry}
        defaultDay={day}
        defaultProjectId={lastProject}
      />
    </div>
  );
}
