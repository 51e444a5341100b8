// The hours channels: the timer and time entries. Each line hands a checked input to the module
// that does the work; what changed is announced by the contract's `touches`.
import type { hoursContract } from '../../../shared/features/hours/contract';
import type { CoreContext, HandlersOf } from '../context';
import { createEntry, deleteEntry, existingEntry, updateEntry } from './entries';
import { listEntries, weekGrid } from './queries';
import { discardTimer, getTimer, startTimer, stopTimer, switchTimer } from './timer';

export function hoursHandlers(ctx: CoreContext): HandlersOf<typeof hoursContract> {
  return {
    'timer.get': () => getTimer(ctx.db),
    'timer.start': ({ projectId, note }) => startTimer(ctx.replica, ctx.consultantId(), projectId, note),
    'timer.switch': ({ projectId, note }) => switchTimer(ctx.replica, projectId, note),
    'timer.stop': (input) => stopTimer(ctx.replica, input?.endedAt),
    'timer.discard': () => discardTimer(ctx.replica),
    'entries.list': ({ consultantId, timeZone, ...filter }) =>
      listEntries(ctx.db, { consultantId: consultantId ?? ctx.consultantId(), timeZone: timeZone ?? ctx.timeZone(), ...filter }),
    'entries.week': ({ consultantId, weekStart, timeZone }) =>
      weekGrid(ctx.db, consultantId ?? ctx.consultantId(), weekStart, timeZone ?? ctx.timeZone()),
    'entries.create': (input) => createEntry(ctx.replica, ctx.consultantId(), input),
    'entries.update': (input) => updateEntry(ctx.replica, ctx.consultantId(), input),
    'entries.get': ({ id }) => existingEntry(ctx.replica, id),
    'entries.delete': ({ id }) => deleteEntry(ctx.replica, ctx.consultantId(), id),
  };
}
