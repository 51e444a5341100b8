// The KPI channels: the scorecard for a range, and the admins' custom metrics.
import type { kpisContract } from '../../../shared/features/kpis/contract';
import type { CoreContext, HandlersOf } from '../context';
import { todayOf } from '../leads/actor';
import { centralRole, requireAdmin } from '../sync/role';
import { defineMetric, listMetrics, recordMetric } from './metrics';
import { scorecard } from './scorecard';

export function kpisHandlers(ctx: CoreContext): HandlersOf<typeof kpisContract> {
  const admin = (what: string) => requireAdmin(ctx.db, ctx.workspace.sealed, what);
  return {
    'kpis.scorecard': ({ from, to }) =>
      scorecard(ctx.db, { from, to, ...todayOf(ctx) }, centralRole(ctx.db, ctx.workspace.sealed) !== 'consultant'),
    'metrics.list': () => listMetrics(ctx.db),
    'metrics.define': (input) => {
      admin('define metrics');
      return defineMetric(ctx.replica, input);
    },
    'metrics.record': ({ metricId, recordedOn, value }) => {
      admin('record a metric’s values');
      const { today } = todayOf(ctx);
      return recordMetric(ctx.replica, metricId, recordedOn ?? today, value, today);
    },
  };
}
