// The feedback channels (stubs until the queries land: the contract is committed first for the screens).
import { OpsError } from '../../../shared/contract';
import type { feedbackContract } from '../../../shared/features/feedback/contract';
import type { CoreContext, HandlersOf } from '../context';

const todo = (): never => {
  throw new OpsError('unsupported', 'Not implemented yet.');
};

export function feedbackHandlers(_ctx: CoreContext): HandlersOf<typeof feedbackContract> {
  return {
    'feedback.add': todo,
    'feedback.list': todo,
    'feedback.nps': todo,
  };
}
