// The kpis channels (stubs until the queries land: the contract is committed first for the screens).
import { OpsError } from '../../../shared/contract';
import type { kpisContract } from '../../../shared/features/kpis/contract';
import type { CoreContext, HandlersOf } from '../context';

const todo = (): never => {
  throw new OpsError('unsupported', 'Not implemented yet.');
};

export function kpisHandlers(_ctx: CoreContext): HandlersOf<typeof kpisContract> {
  return {
    'kpis.scorecard': todo,
    'metrics.list': todo,
    'metrics.define': todo,
    'metrics.record': todo,
  };
}
