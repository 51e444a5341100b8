// The clients channels: every client with its figures and retention, and one client's page.
import type { clientsContract } from '../../../shared/features/clients/contract';
import type { CoreContext, HandlersOf } from '../context';
import { todayOf } from '../leads/actor';
import { clientDetail, clientsOverview } from './queries';

export function clientsHandlers(ctx: CoreContext): HandlersOf<typeof clientsContract> {
  return {
    'clients.list': (input) => clientsOverview(ctx.db, { ...input, ...todayOf(ctx) }),
    'clients.get': (input) => clientDetail(ctx.db, { ...input, ...todayOf(ctx) }),
  };
}
