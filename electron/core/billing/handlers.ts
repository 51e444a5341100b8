// The billing channels: the dashboard's figures and the rows behind one of them, for local days of
// the workspace's zone. Read-only.
import type { billingContract } from '../../../shared/features/billing/contract';
import { localDay } from '../../../shared/time';
import type { CoreContext, HandlersOf } from '../context';
import { billingDashboard } from './queries/dashboard';
import { billingRows } from './queries/rows';

export function billingHandlers(ctx: CoreContext): HandlersOf<typeof billingContract> {
  return {
    'billing.dashboard': ({ from, to }) => {
      const timeZone = ctx.timeZone();
      return billingDashboard(ctx.db, { from, to, timeZone, today: localDay(new Date(ctx.replica.now()).toISOString(), timeZone) });
    },
    'billing.rows': (input) => billingRows(ctx.db, input, ctx.timeZone()),
  };
}
