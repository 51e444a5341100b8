// The clients channels (stubs until the queries land: the contract is committed first for the screens).
import { OpsError } from '../../../shared/contract';
import type { clientsContract } from '../../../shared/features/clients/contract';
import type { CoreContext, HandlersOf } from '../context';

const todo = (): never => {
  throw new OpsError('unsupported', 'Not implemented yet.');
};

export function clientsHandlers(_ctx: CoreContext): HandlersOf<typeof clientsContract> {
  return {
    'clients.list': todo,
    'clients.get': todo,
  };
}
