// The feedback channels: record a client's answer, list answers, and the NPS report for a range.
import type { feedbackContract } from '../../../shared/features/feedback/contract';
import type { CoreContext, HandlersOf } from '../context';
import { todayOf } from '../leads/actor';
import { addFeedback, listFeedback, npsReport } from './queries';

export function feedbackHandlers(ctx: CoreContext): HandlersOf<typeof feedbackContract> {
  return {
    'feedback.add': (input) => addFeedback(ctx.replica, input, todayOf(ctx).today),
    'feedback.list': (input) => listFeedback(ctx.db, input ?? {}),
    'feedback.nps': ({ from, to }) => npsReport(ctx.db, from, to, ctx.timeZone()),
  };
}
