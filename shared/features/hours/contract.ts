// Hours: the running timer and time entries.
import { z } from 'zod';
import { returns, defineFeature } from '../../contract-kit';
import type { RunningTimer, TimeEntry, WeekGrid } from '../../domain';
import { day, id, instant, minutes, none, note, timeZone } from '../../schemas';

export const hoursContract = defineFeature(['timer', 'entries'], {
  'timer.get': { input: none, output: returns<RunningTimer | null>() },
  'timer.start': {
    input: z.object({ projectId: id, note: note.default('') }),
    output: returns<RunningTimer>(),
    touches: ['running_timer'],
  },
  'timer.switch': {
    input: z.object({ projectId: id, note: note.default('') }),
    output: returns<{ stopped: TimeEntry; timer: RunningTimer }>(),
    touches: ['time_entries', 'running_timer'],
  },
  'timer.stop': {
    input: z.object({ endedAt: instant.optional() }).optional(),
    output: returns<TimeEntry>(),
    touches: ['time_entries', 'running_timer'],
  },
  /** Drops the running timer without recording it; returns the timer dropped (null: none ran). */
  'timer.discard': { input: none, output: returns<RunningTimer | null>(), touches: ['running_timer'] },
  'entries.list': {
    input: z.object({
      from: day,
      to: day,
      timeZone,
      consultantId: id.optional(),
      projectId: id.optional(),
      billable: z.boolean().optional(),
    }),
    output: returns<TimeEntry[]>(),
  },
  'entries.week': {
    input: z.object({ weekStart: day, timeZone, consultantId: id.optional() }),
    output: returns<WeekGrid>(),
  },
  'entries.create': {
    input: z.object({
      projectId: id,
      startedAt: instant,
      minutes: minutes.optional(),
      endedAt: instant.optional(),
      billable: z.boolean().default(true),
      note: note.default(''),
    }),
    output: returns<TimeEntry>(),
    touches: ['time_entries'],
  },
  'entries.update': {
    input: z.object({
      id,
      projectId: id.optional(),
      startedAt: instant.optional(),
      minutes: minutes.optional(),
      endedAt: instant.optional(),
      billable: z.boolean().optional(),
      note: note.optional(),
    }),
    output: returns<TimeEntry>(),
    touches: ['time_entries'],
  },
  'entries.get': { input: z.object({ id }), output: returns<TimeEntry>() },
  'entries.delete': { input: z.object({ id }), output: returns<{ id: string }>(), touches: ['time_entries'] },
});
