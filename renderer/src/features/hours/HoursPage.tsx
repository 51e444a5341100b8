import { useNavigate, useSearch } from '@tanstack/react-router';
import { ChevronLeft, ChevronRight, Plus } from 'lucide-react';
import { useEffect } from 'react';
import { addDays, formatMinutes, weekStart } from '../../../../shared/time';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DateField } from '../../ui/DateField';
import { Money } from '../../ui/Money';
import { useNames } from '../../ui/Name';
import { usePresentation } from '../../ui/presentation/context';
import { Tile } from '../../ui/Tile';
import { useHoursCommands } from './commands';
import { DayList } from './DayList';
import { ProjectSelect } from './ProjectSelect';
import type { HoursSearch } from './route';
import { TimerCard } from './TimerCard';
import { WeekTable } from './WeekTable';

/**
 * The day to open on when the URL names none: today when it has hours, else this week's latest day
 * that has some (a Sunday opens on Friday's work), else today.
 */
function landingDay(today: string, dayTotals: number[] | undefined): { day: string; why: 'today' | 'latest' | 'empty-week' } {
  if (!dayTotals) return { day: today, why: 'today' };
  const monday = weekStart(today);
  const todayIndex = Math.round((Date.parse(today) - Date.parse(monday)) / 86_400_000);
  if ((dayTotals[todayIndex] ?? 0) > 0) return { day: today, why: 'today' };
  for (let i = todayIndex - 1; i >= 0; i--) if ((dayTotals[i] ?? 0) > 0) return { day: addDays(monday, i), why: 'latest' };
  return { day: today, why: 'empty-week' };
}

export function HoursPage() {
  const search = useSearch({ from: '/hours' });
  const navigate = useNavigate({ from: '/hours' });
  const setSearch = (patch: Partial<HoursSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }) });
  const display = useDisplay();
  const names = useNames();
  const commands = useHoursCommands();
  const today = display.today();
  const { timeZone } = display;

  const workspace = useApi('workspace.info');
  const consultants = useApi('consultants.list');
  const me = workspace.data?.consultant?.id;
  const viewed = search.consultant && search.consultant !== me ? search.consultant : undefined;
  // Whose hours to show is known: mine (a consultant is chosen) or someone else's named in the URL.
  const known = !!me || !!viewed;
  const readOnly = !!viewed;
  const projects = useApi('projects.list');
  const timer = useApi('timer.get');
  // Only picks the day to open on: if it fails, open on today (the day's own query shows the error).
  // (Not asked before the workspace says who I am: without a chosen consultant it fails, and the
  // week view's query of the same key would throw that failure to the screen.)
  const thisWeek = useApi(
    'entries.week',
    { weekStart: weekStart(today), timeZone, consultantId: viewed },
    { enabled: !search.day && known, errors: 'inline' },
  );
  const landing = search.day ? null : landingDay(today, thisWeek.data?.dayTotals);
  const day = search.day ?? landing?.day ?? today;
  const view = search.view ?? 'day';
  const dayReady = !!search.day || !!thisWeek.data || thisWeek.isError;
  const { setShownDay } = commands;
  useEffect(() => {
    setShownDay(day);
    return () => setShownDay(null);
  }, [day, setShownDay]);

  const filtered = !!search.project || !!search.billable;
  const entries = useApi(
    'entries.list',
    {
      from: day,
      to: day,
      timeZone,
      consultantId: viewed,
      projectId: search.project,
      billable: search.billable === undefined ? undefined : search.billable === 'yes',
    },
    { enabled: known && dayReady && view === 'day' },
  );
  const week = useApi('entries.week', { weekStart: weekStart(day), timeZone, consultantId: viewed }, { enabled: known && view === 'week' });

  if (workspace.data && workspace.data.counts.projects > 0 && !known) return <ChooseConsultant />;

  if (workspace.data && workspace.data.counts.projects === 0) {
    return (
      <div className="page">
        <section className="card state-card">
          <h2>This workspace has no projects yet</h2>
          <p className="muted">
            Its projects and consultants arrive with the first sync from the central database (Settings → Central). Until then, switch to
            the demo workspace in Settings to try everything.
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
  const whoseName = viewed ? consultants.data?.find((c) => c.id === viewed)?.name : undefined;

  const emptyDay = filtered ? (
    <>
      No entries on this day match the filters.{' '}
      <button type="button" className="link-button" onClick={() => setSearch({ project: undefined, billable: undefined })}>
        Clear filters
      </button>
    </>
  ) : readOnly ? (
    `${whoseName ? names('consultant', whoseName) : 'This consultant'} logged no hours on this day.`
  ) : landing?.why === 'empty-week' ? (
    <>
      No hours logged this week yet. Start the timer (<kbd>T</kbd>) or add an entry (<kbd>N</kbd>), or{' '}
      <button type="button" className="link-button" onClick={() => setSearch({ day: addDays(today, -7), view: 'week' })}>
        look at last week
      </button>
      .
    </>
  ) : (
    <>
      No entries for this day. Start the timer (<kbd>T</kbd>) or add an entry (<kbd>N</kbd>).
    </>
  );

  return (
    <div className="page">
      <TimerCard timer={timer.data ?? null} projects={projects.data ?? []} />

      <div className="row toolbar">
        <div className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={view === 'day'} onClick={() => setSearch({ view: 'day', day })}>
            Day
          </button>
          <button type="button" aria-pressed={view === 'week'} onClick={() => setSearch({ view: 'week', day })}>
            Week
          </button>
        </div>
        <button
          type="button"
          className="btn btn-icon"
          aria-label={`Previous ${view}`}
          onClick={() => setSearch({ day: addDays(day, -step) })}
        >
          <ChevronLeft size={16} aria-hidden />
        </button>
        <button type="button" className="btn" onClick={() => setSearch({ day: today })} disabled={day === today}>
          Today
        </button>
        <button type="button" className="btn btn-icon" aria-label={`Next ${view}`} onClick={() => setSearch({ day: addDays(day, step) })}>
          <ChevronRight size={16} aria-hidden />
        </button>
        <DateField value={day} onChange={(d) => setSearch({ day: d })} label="Go to date" />
        <strong className="toolbar-title" data-testid="hours-title">
          {view === 'day' ? display.dayLong(day) : `Week of ${display.dayMedium(weekStart(day))}`}
        </strong>
        <div className="spacer" />
        <select
          className="select"
          value={viewed ?? ''}
          onChange={(e) => setSearch({ consultant: e.target.value || undefined })}
          aria-label="Consultant shown"
          // As wide as its longest option otherwise: a long name (or stand-in) would push New entry onto a line of its own.
          style={{ maxWidth: '15rem' }}
        >
          <option value="">My hours ({workspace.data?.consultant ? names('consultant', workspace.data.consultant.name) : 'me'})</option>
          {(consultants.data ?? [])
            .filter((c) => c.id !== me)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {names('consultant', c.name)}
                {c.active ? '' : ' (inactive)'}
              </option>
            ))}
        </select>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => commands.newEntry(day)}
          aria-keyshortcuts="N"
          title="New entry (N)"
        >
          <Plus size={15} aria-hidden /> New entry
        </button>
      </div>

      {landing?.why === 'latest' && view === 'day' && (
        <p className="notice notice-info" data-testid="landing-note">
          Nothing logged today yet, so this is {display.weekday(day)}, your latest day with hours this week.{' '}
          <button type="button" className="link-button" onClick={() => setSearch({ day: today })}>
            Show today
          </button>
        </p>
      )}

      {view === 'day' ? (
        <>
          <div className="tiles">
            <Tile label="Logged" value={formatMinutes(dayRaw)} />
            <Tile label="Rounded" value={formatMinutes(dayRounded)} />
            <Tile label="Billable amount" value={<Money cents={dayAmount} />} />
            <Tile label="Entries" value={String(list.length)} />
          </div>
          <section className="card">
            <div className="card-head">
              <h2>Entries</h2>
              <div className="spacer" />
              <ProjectSelect
                projects={projects.data ?? []}
                value={search.project ?? ''}
                onChange={(id) => setSearch({ project: id || undefined })}
                placeholder="All projects"
                label="Filter by project"
              />
              <select
                className="select"
                value={search.billable ?? ''}
                onChange={(e) => setSearch({ billable: (e.target.value || undefined) as HoursSearch['billable'] })}
                aria-label="Filter by billable"
              >
                <option value="">Billable and not</option>
                <option value="yes">Billable only</option>
                <option value="no">Non-billable only</option>
              </select>
            </div>
            <DayList
              entries={list}
              readOnly={readOnly}
              onEdit={commands.editEntry}
              highlightId={commands.lastSavedId}
              empty={entries.isPending ? 'Loading the day’s entries…' : emptyDay}
            />
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
              <WeekTable grid={grid} today={today} onPickDay={(d) => setSearch({ day: d, view: 'day' })} />
            </section>
          </>
        )
      )}
    </div>
  );
}

/** A workspace whose first sync just filled it: whose hours are these? Asked here, not in a dead end. */
function ChooseConsultant() {
  const consultants = useApi('consultants.list');
  const update = useApiMutation('settings.update');
  const names = useNames();
  const presentation = usePresentation();
  return (
    <div className="page">
      <section className="card state-card" aria-labelledby="choose-consultant">
        <h2 id="choose-consultant">Whose hours are these?</h2>
        <p className="muted">Choose yourself once; the timer and new entries are recorded for you. You can change it in Settings.</p>
        <select
          className="select"
          defaultValue=""
          onChange={(e) => e.target.value && update.mutate({ consultantId: e.target.value })}
          aria-label="I am"
        >
          <option value="">Choose who you are…</option>
          {(consultants.data ?? [])
            .filter((c) => c.active)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {names('consultant', c.name)}
                {presentation.on ? '' : ` · ${c.email}`}
              </option>
            ))}
        </select>
      </section>
    </div>
  );
}
