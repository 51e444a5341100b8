// The pipelines channels: pipelines, triggers, jobs, the deliveries waiting to go out, and the
// pipeline API's settings. Each line hands a checked input to the module that does the work; what
// changed is announced by the contract's `touches`, and the delivery service is poked after a write.
import { OpsError } from '../../../shared/contract';
import type { pipelinesContract } from '../../../shared/features/pipelines/contract';
import { addDays, dayStartUtc } from '../../../shared/time';
import type { CoreContext, HandlersOf } from '../context';
import { pipelineDashboard } from './dashboard';
import { getJob, listJobs, listPipelines, pendingDeliveries } from './queries';
import { pipelineRows } from './rows';
import type { PipelinesService } from './service';
import { cancelJob, rerunJob, retryDelivery, triggerJob } from './trigger';

export function pipelinesHandlers(ctx: CoreContext, service: PipelinesService): HandlersOf<typeof pipelinesContract> {
  const job = (id: string) => {
    const found = getJob(ctx.db, id, new Date(ctx.replica.now()), ctx.timeZone());
    if (!found) throw new OpsError('not_found', `There is no pipeline job ${id} in this workspace. List them with jobs.list.`, 'id');
    return found;
  };
  /** After a write that left something to send: send it now. */
  const sent = <T>(value: T): T => {
    service.poke();
    return value;
  };
  return {
    'pipelines.list': () => listPipelines(ctx.db),
    'pipelines.trigger': (input) => sent(triggerJob(ctx.replica, ctx.consultantId(), input)),
    'pipelines.dashboard': ({ from, to }) => pipelineDashboard(ctx.db, { from, to, timeZone: ctx.timeZone() }),
    'pipelines.rows': (input) => pipelineRows(ctx.db, { ...input, timeZone: ctx.timeZone() }, new Date(ctx.replica.now())),
    'pipelines.settings.get': () => service.settings(),
    'pipelines.settings.update': (input) => service.updateSettings(input),
    'jobs.list': (input) => {
      const zone = ctx.timeZone();
      return listJobs(
        ctx.db,
        {
          status: input?.status,
          pipeline: input?.pipeline,
          from: input?.from ? dayStartUtc(input.from, zone) : undefined,
          to: input?.to ? dayStartUtc(addDays(input.to, 1), zone) : undefined,
          limit: input?.limit,
        },
        new Date(ctx.replica.now()),
        zone,
      );
    },
    'jobs.get': ({ id }) => job(id),
    'jobs.remote': async ({ id }) => (job(id).delivery?.status === 'delivered' ? service.remoteRun(id) : null),
    'jobs.cancel': async ({ id }) => {
      const cancelled = await cancelJob(ctx.replica, ctx.consultantId(), job(id).id, service.cancelOptions());
      // The demo's simulator reads the replica: it stops the run at its next tick, no sync needed.
      return cancelled.via === 'sync' && service.simulated
        ? { ...cancelled, message: 'Cancelled: the demo simulator stops the run.' }
        : cancelled;
    },
    'jobs.rerun': ({ id }) => sent(rerunJob(ctx.replica, ctx.consultantId(), job(id).id)),
    'jobs.retryDelivery': ({ id }) => {
      retryDelivery(ctx.replica, id);
      return sent(job(id));
    },
    'deliveries.pending': () => pendingDeliveries(ctx.db, new Date(ctx.replica.now()), ctx.timeZone()),
    'deliveries.send': () => service.deliverNow(),
  };
}
