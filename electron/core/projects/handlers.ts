// The projects channels: the list, the dashboard, a project's page and the rows behind a figure.
// Ranges are local days of the workspace's zone; "today" is the workspace's local day now.
import type { projectsContract } from '../../../shared/features/projects/contract';
import { localDay } from '../../../shared/time';
import type { CoreContext, HandlersOf } from '../context';
import { previousRange } from '../../../shared/ranges';
import { consultantUtilization, projectsDashboard } from './dashboard';
import { listProjects, projectPage, projectRows } from './queries';

export function projectsHandlers(ctx: CoreContext): HandlersOf<typeof projectsContract> {
  const today = () => localDay(new Date(ctx.replica.now()).toISOString(), ctx.timeZone());
  return {
    'projects.list': (input) => listProjects(ctx.db, input?.includeArchived ?? false),
    'projects.dashboard': ({ from, to }) => projectsDashboard(ctx.db, { from, to, timeZone: ctx.timeZone() }, today()),
    'projects.get': ({ id, limit }) => projectPage(ctx.db, id, limit, ctx.timeZone(), today()),
    'projects.rows': (input) => projectRows(ctx.db, input, ctx.timeZone(), today()),
    'projects.weekGrid': ({ from, to }) => {
      const range = { from, to, timeZone: ctx.timeZone() };
      return consultantUtilization(ctx.db, range, { ...previousRange(range), timeZone: range.timeZone }, [], { cells: true });
    },
  };
}
