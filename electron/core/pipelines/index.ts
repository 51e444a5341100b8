// Pipelines on the app side (DESIGN.md section 4, docs/pipelines.md "Delivery"): triggers, their
// signed webhook deliveries, and the views of jobs and deliveries.
export {
  triggerJob,
  rerunJob,
  cancelJob,
  retryDelivery,
  type TriggerInput,
  type Triggered,
  type Cancelled,
  type CancelOptions,
} from './trigger';
export { deliverDue, wakeDeliveries, nextDueAt, type DeliverOptions, type DeliveryOutcome } from './delivery';
export {
  listPipelines,
  listJobs,
  getJob,
  pendingDeliveries,
  type PipelineView,
  type JobView,
  type JobDetail,
  type JobFilters,
} from './queries';
export { ParamsError, checkParams, type ParamProblem } from './params';
export { simulateDue, startSimulator, type SimulatorOptions } from './simulator';
export { DeliveryLoop, type DeliveryLoopOptions } from './loop';
