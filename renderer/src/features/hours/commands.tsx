// Hours actions available from every screen: start/stop the timer (T), a new entry (N), editing
// an entry, and the dialogs they open. The timer's chosen project and note live here too, so they
// survive moving between screens.
import { useNavigate, useRouter } from '@tanstack/react-router';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { MAX_ENTRY_MINUTES, type TimeEntry } from '../../../../shared/domain';
import { formatMinutes, localDay } from '../../../../shared/time';
import { subscribe } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { rememberedSearch } from '../../app/last-search';
import { useNames } from '../../ui/Name';
import { EntryDialog } from './EntryDialog';
import { StopTimerDialog } from './StopTimerDialog';

interface EntryDialogState {
  open: boolean;
  entry?: TimeEntry;
  day?: string;
}

interface HoursCommands {
  timerProject: string;
  timerNote: string;
  setTimerProject: (id: string) => void;
  setTimerNote: (note: string) => void;
  /** Starts the timer on the chosen project, or, with none chosen, shows the project picker. */
  startTimer: () => void;
  /** Stops now; a timer over 24 hours asks for the real end time instead. */
  stopTimer: () => void;
  toggleTimer: () => void;
  newEntry: (day?: string) => void;
  /** The Hours screen says which day it shows, so N there defaults to that day. */
  setShownDay: (day: string | null) => void;
  editEntry: (entry: TimeEntry) => void;
  /** The entry saved last, for its screen to point it out. */
  lastSavedId: string | null;
  /** Bumped to ask the timer's project picker to take focus. */
  focusPickerSignal: number;
}

const Context = createContext<HoursCommands | null>(null);

export function useHoursCommands(): HoursCommands {
  const value = useContext(Context);
  if (!value) throw new Error('useHoursCommands needs HoursCommandsProvider');
  return value;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function HoursCommandsProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const router = useRouter();
  const display = useDisplay();
  const timer = useApi('timer.get');
  const running = timer.data ?? null;
  const [timerProject, setTimerProject] = useState('');
  const [timerNote, setTimerNote] = useState('');
  const names = useNames();
  const [entryDialog, setEntryDialog] = useState<EntryDialogState>({ open: false });
  // Only the entry dialog needs them: every screen's shell asked for all projects on opening (4,000
  // at scale 10, 126 kB), beside the screen's own calls. Hours has them already (the same query).
  const projects = useApi('projects.list', undefined, { enabled: entryDialog.open });
  const [stopOpen, setStopOpen] = useState(false);
  const [lastSavedId, setLastSavedId] = useState<string | null>(null);
  const [focusPickerSignal, setFocusPickerSignal] = useState(0);
  const shownDay = useRef<string | null>(null);
  const setShownDay = useCallback((day: string | null) => {
    shownDay.current = day;
  }, []);

  const start = useApiMutation('timer.start', {
    onSuccess: (t) => {
      setTimerNote('');
      toast.success(`Timer started on ${names('project', t.projectName)}`);
    },
  });
  const stop = useApiMutation('timer.stop', {
    toastErrors: false,
    onSuccess: (entry) => {
      setLastSavedId(entry.id);
      toast.success(`Recorded ${formatMinutes(entry.minutes)} on ${names('project', entry.projectName)}`);
    },
  });

  const goToHours = useCallback(() => {
    if (router.state.location.pathname !== '/hours') void navigate({ to: '/hours', search: rememberedSearch('/hours') });
  }, [navigate, router]);

  const workspace = useApi('workspace.info');
  const noConsultant = !!workspace.data && !workspace.data.consultant;
  const startTimer = useCallback(() => {
    if (running) return;
    if (noConsultant) {
      goToHours();
      toast.info('Choose who you are first: the timer records your hours.');
      return;
    }
    if (!timerProject) {
      goToHours();
      setFocusPickerSignal((n) => n + 1);
      toast.info('Choose a project for the timer first.');
      return;
    }
    start.mutate({ projectId: timerProject, note: timerNote });
  }, [running, noConsultant, timerProject, timerNote, start, goToHours]);

  const stopTimer = useCallback(() => {
    if (!running) return;
    const minutes = (Date.now() - Date.parse(running.startedAt)) / 60_000;
    if (minutes > MAX_ENTRY_MINUTES) return setStopOpen(true);
    stop.mutate(undefined, {
      // The core refuses a stop it cannot record (too long): ask for the real end time.
      onError: (error) => (error.field === 'endedAt' ? setStopOpen(true) : toast.error(error.message)),
    });
  }, [running, stop]);

  const toggleTimer = useCallback(() => (running ? stopTimer() : startTimer()), [running, stopTimer, startTimer]);

  const newEntry = useCallback(
    (day?: string) => {
      if (noConsultant) {
        goToHours();
        toast.info('Choose who you are first: new entries are recorded as your hours.');
        return;
      }
      setEntryDialog({ open: true, day: day ?? shownDay.current ?? undefined });
    },
    [noConsultant, goToHours],
  );
  const editEntry = useCallback((entry: TimeEntry) => setEntryDialog({ open: true, entry }), []);

  /** Shows a saved entry where it now lives: its day, with filters that would hide it cleared. */
  const showSaved = useCallback(
    (entry: TimeEntry, verb: string) => {
      setLastSavedId(entry.id);
      const day = localDay(entry.startedAt, display.timeZone);
      void navigate({
        to: '/hours',
        search: (prev) => ({
          ...prev,
          view: 'day' as const,
          day,
          consultant: undefined,
          project: prev.project && prev.project !== entry.projectId ? undefined : prev.project,
          billable: prev.billable && (prev.billable === 'yes') !== entry.billable ? undefined : prev.billable,
        }),
      });
      toast.success(
        `${verb}: ${display.dayShort(day)}, ${display.clock(entry.startedAt)} · ${formatMinutes(entry.minutes)} on ${names('project', entry.projectName)}`,
      );
    },
    [navigate, display, names],
  );

  // T and N work on every screen (not while typing, not over a dialog); menus send the same.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const key = event.key.toLowerCase();
      if (key === 't') {
        event.preventDefault();
        toggleTimer();
      } else if (key === 'n') {
        event.preventDefault();
        newEntry();
      }
    };
    window.addEventListener('keydown', onKey);
    const off = subscribe('app.command', ({ command }) => {
      if (command === 'new-entry') newEntry();
      if (command === 'toggle-timer') toggleTimer();
      if (command === 'go-hours') goToHours();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [toggleTimer, newEntry, goToHours]);

  const value = useMemo<HoursCommands>(
    () => ({
      timerProject: timerProject || (running?.projectId ?? ''),
      timerNote,
      setTimerProject,
      setTimerNote,
      startTimer,
      stopTimer,
      toggleTimer,
      newEntry,
      setShownDay,
      editEntry,
      lastSavedId,
      focusPickerSignal,
    }),
    [
      timerProject,
      running,
      timerNote,
      startTimer,
      stopTimer,
      toggleTimer,
      newEntry,
      setShownDay,
      editEntry,
      lastSavedId,
      focusPickerSignal,
    ],
  );

  return (
    <Context.Provider value={value}>
      {children}
      <EntryDialog
        open={entryDialog.open}
        onOpenChange={(open) => setEntryDialog((d) => ({ ...d, open }))}
        projects={projects.data ?? []}
        entry={entryDialog.entry}
        defaultDay={entryDialog.day ?? display.today()}
        defaultProjectId={timerProject || (running?.projectId ?? '')}
        onSaved={showSaved}
      />
      {running && (
        <StopTimerDialog
          open={stopOpen}
          onOpenChange={setStopOpen}
          timer={running}
          onStopped={(entry) => showSaved(entry, 'Timer stopped')}
        />
      )}
    </Context.Provider>
  );
}
