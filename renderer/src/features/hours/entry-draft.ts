// The entry form's arithmetic, apart from React: a start day and clock time plus an end time (which
// may fall on the next day) or a typed duration, in the workspace's zone.
import { MAX_ENTRY_MINUTES } from '../../../../shared/domain';
import { addDays, localDay, localTime, zonedInstant } from '../../../../shared/time';
import { parseDuration } from '../../app/display-format';

export interface Draft {
  projectId: string;
  day: string;
  /** `HH:MM` or '' (not a time). */
  start: string;
  end: string;
  /** As typed: `1:30`, `90m`, `1.5h`. */
  duration: string;
  mode: 'end' | 'duration';
  billable: boolean;
  note: string;
}

export interface Timing {
  startedAt: string | null;
  minutes: number | null;
  /** The day the entry ends on when that is not its start day. */
  endsOn: string | null;
  /** Why the timing cannot be saved, in words; null when it can. */
  problem: { field: 'startedAt' | 'endedAt' | 'minutes'; message: string } | null;
}

export function draftFromEntry(
  entry: { projectId: string; startedAt: string; minutes: number; billable: boolean; note: string },
  timeZone: string,
): Draft {
  const end = new Date(Date.parse(entry.startedAt) + entry.minutes * 60_000).toISOString();
  return {
    projectId: entry.projectId,
    day: localDay(entry.startedAt, timeZone),
    start: localTime(entry.startedAt, timeZone),
    end: localTime(end, timeZone),
    duration: `${Math.floor(entry.minutes / 60)}:${String(entry.minutes % 60).padStart(2, '0')}`,
    // A whole day ends at its start time on the clock, which an end time cannot say: a duration can.
    mode: localTime(end, timeZone) === localTime(entry.startedAt, timeZone) ? 'duration' : 'end',
    billable: entry.billable,
    note: entry.note,
  };
}

export function timing(draft: Draft, timeZone: string): Timing {
  const startedAt = draft.day && draft.start ? zonedInstant(draft.day, draft.start, timeZone) : null;
  if (!startedAt)
    return { startedAt: null, minutes: null, endsOn: null, problem: { field: 'startedAt', message: 'Enter a date and a start time.' } };
  if (draft.mode === 'duration') {
    const minutes = parseDuration(draft.duration);
    if (minutes === null)
      return { startedAt, minutes: null, endsOn: null, problem: { field: 'minutes', message: 'Enter the duration as 1:30, 90m or 1.5h.' } };
    const endsOn = localDay(new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(), timeZone);
    return { startedAt, minutes, endsOn: endsOn === draft.day ? null : endsOn, problem: durationProblem(minutes) };
  }
  if (!draft.end)
    return {
      startedAt,
      minutes: null,
      endsOn: null,
      problem: { field: 'endedAt', message: 'Enter an end time, or switch to a duration.' },
    };
  // An end at or before the start on the clock is on the next day (22:19–00:03), except the same time.
  const endsNextDay = draft.end < draft.start;
  const endDay = endsNextDay ? addDays(draft.day, 1) : draft.day;
  const endedAt = zonedInstant(endDay, draft.end, timeZone);
  if (!endedAt) return { startedAt, minutes: null, endsOn: null, problem: { field: 'endedAt', message: 'Enter an end time.' } };
  const minutes = Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 60_000);
  return { startedAt, minutes, endsOn: endsNextDay ? endDay : null, problem: durationProblem(minutes, 'endedAt') };
}

function durationProblem(minutes: number, field: 'endedAt' | 'minutes' = 'minutes'): Timing['problem'] {
  if (minutes === 0)
    return {
      field,
      message: 'The entry is 0 minutes long: the end time is the same as the start time. Give a later end time or a duration.',
    };
  if (minutes < 0) return { field, message: 'The duration must be at least 1 minute.' };
  if (minutes > MAX_ENTRY_MINUTES) return { field, message: 'An entry can be at most 24 hours; split longer work into days.' };
  return null;
}

export interface EntryChanges {
  id: string;
  projectId?: string;
  startedAt?: string;
  minutes?: number;
  billable?: boolean;
  note?: string;
}

/**
 * What an edit changed, and nothing else: a note edit never re-sends times or the project. Times
 * are compared with the form's own first reading, not the stored values: a clock time that occurs
 * twice (the hour repeated when daylight saving ends) cannot be read back to the same instant, and
 * untouched times must never be re-sent as different ones.
 */
export function entryChanges(id: string, original: Draft, draft: Draft, timeZone: string): EntryChanges {
  const before = timing(original, timeZone);
  const now = timing(draft, timeZone);
  const changes: EntryChanges = { id };
  if (draft.projectId !== original.projectId) changes.projectId = draft.projectId;
  if (now.startedAt !== before.startedAt && now.startedAt) changes.startedAt = now.startedAt;
  if (now.minutes !== before.minutes && now.minutes !== null) changes.minutes = now.minutes;
  if (draft.billable !== original.billable) changes.billable = draft.billable;
  if (draft.note !== original.note) changes.note = draft.note;
  return changes;
}
