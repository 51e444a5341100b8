// The leads channels (stubs until the queries land: the contract is committed first for the screens).
import { OpsError } from '../../../shared/contract';
import type { leadsContract } from '../../../shared/features/leads/contract';
import type { CoreContext, HandlersOf } from '../context';

const todo = (): never => {
  throw new OpsError('unsupported', 'Not implemented yet.');
};

export function leadsHandlers(_ctx: CoreContext): HandlersOf<typeof leadsContract> {
  return {
    'leads.list': todo,
    'leads.get': todo,
    'leads.add': todo,
    'leads.update': todo,
    'leads.move': todo,
    'leads.convert': todo,
    'leads.dashboard': todo,
  };
}
