// The leads channels: the list and a lead, adding, editing and moving leads (each move an event),
// converting a won lead, and the pipeline dashboard, for local days of the workspace's zone.
import type { leadsContract } from '../../../shared/features/leads/contract';
import type { CoreContext, HandlersOf } from '../context';
import { actorOf, todayOf } from './actor';
import { leadsDashboard } from './dashboard';
import { getLead, listLeads } from './queries';
import { addLead, convertLead, moveLead, updateLead } from './writes';

export function leadsHandlers(ctx: CoreContext): HandlersOf<typeof leadsContract> {
  return {
    'leads.list': (input) => listLeads(ctx.db, input ?? {}),
    'leads.get': ({ id }) => getLead(ctx.db, id),
    'leads.add': (input) => addLead(ctx.replica, input, actorOf(ctx)),
    'leads.update': ({ id, ...changes }) => updateLead(ctx.replica, id, changes, actorOf(ctx)),
    'leads.move': ({ id, stage, on }) => moveLead(ctx.replica, id, stage, on, actorOf(ctx)),
    'leads.convert': ({ id, ...conversion }) => convertLead(ctx.replica, id, conversion, actorOf(ctx)),
    'leads.dashboard': ({ from, to }) => leadsDashboard(ctx.db, { from, to, ...todayOf(ctx) }),
  };
}
