// Pipelines as every front end sees them: pipelines with their parameter schema, jobs with their
// delivery in words, and what a trigger, a cancel or a send returns. The core's queries, triggers
// and delivery engine (electron/core/pipelines/) produce exactly these.
import type { JobStatus } from '../../domain';

export type OutcomeKind = 'delivered' | 'retrying' | 'failed' | 'disabled' | 'expired' | 'cancelled';

export interface PipelineView {
  id: string;
  slug: string;
  name: string;
  description: string;
  active: boolean;
  paramsSchema: Record<string, unknown>;
  expiresAfterMinutes: number;
  /** Set when the receiver answered 410 for it on this laptop (and it was not switched on again since). */
  disabledHere: { at: string; reason: string } | null;
}

export interface DeliveryView {
  status: 'pending' | 'delivered' | 'failed' | 'disabled' | 'expired' | 'cancelled';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  /** The receiver's answer in its words (bounded). */
  lastAnswer: string | null;
  /** What the last outcome means, in ours. */
  lastError: string | null;
  deliveredAt: string | null;
  expiresAt: string;
  /** One line for the screen: "waiting for the network", "next attempt in 4 min", "delivered …". */
  state: string;
}

export interface JobView {
  id: string;
  pipelineId: string;
  pipeline: string;
  pipelineName: string;
  projectId: string | null;
  projectName: string | null;
  status: string;
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** From requested to started (or to now while waiting), ms. */
  queueMs: number | null;
  /** From started to finished (or to now while running), ms. */
  durationMs: number | null;
  /** The pipeline's error; for a job that was never sent, why (expired, disabled, refused). */
  error: string | null;
  resultSummary: string | null;
  delivery: DeliveryView | null;
}

export interface JobDetail extends JobView {
  params: Record<string, unknown>;
}

export interface Triggered {
  jobId: string;
  pipeline: string;
  /** The parameters as sent: the given ones with the schema's defaults filled in. */
  params: Record<string, unknown>;
  requestedAt: string;
  /** When the delivery expires unsent. */
  expiresAt: string;
}

export interface Cancelled {
  jobId: string;
  /** `local`: cancelled before it was sent; `receiver`: the receiver stopped it; `sync`: the receiver
   *  could not be reached, the cancel reaches it through sync (it stops the run within seconds). */
  via: 'local' | 'receiver' | 'sync';
  message: string;
}

export interface DeliveryOutcome {
  jobId: string;
  pipeline: string;
  outcome: OutcomeKind;
  /** The receiver's HTTP status, when it answered. */
  httpStatus: number | null;
  /** What happened, in words (the receiver's reason included). */
  message: string;
  nextAttemptAt: string | null;
}

/** The pipeline API as this workspace uses it. The secret itself never leaves the core. */
export interface PipelineSettings {
  /** Where triggers go (`https://pipelines.example.com`); null: none configured. */
  pipelineApi: string | null;
  /** Whether a webhook secret (`whsec_…`) is kept for it. */
  secretStored: boolean;
  /** Where the secret is kept: the OS keychain (the app), or memory (`ops`, the browser host). */
  secretStorage: 'keychain' | 'plaintext' | 'memory';
  /** This session's address or secret came from the command line (`--pipeline-api`, OPS_WEBHOOK_SECRET). */
  fromCommandLine: boolean;
  /** A demo workspace with no pipeline API: the in-process simulator runs its triggers. */
  simulated: boolean;
}

/** A job as the receiver reports it right now (`GET /runs/{id}`), ahead of sync. */
export interface RemoteRun {
  jobId: string;
  status: string;
  /** 0–100. */
  progress: number;
  /** What it is doing now, while running. */
  step: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  resultSummary: string | null;
}

// The pipelines dashboard (electron/core/pipelines/dashboard.ts).

export interface DashboardRange {
  /** First local day, `YYYY-MM-DD`. */
  from: string;
  /** Last local day, inclusive. */
  to: string;
  timeZone: string;
}

export interface DayRuns {
  day: string;
  counts: Record<JobStatus, number>;
}

export interface PipelineFigures {
  pipelineId: string;
  slug: string;
  name: string;
  runs: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** succeeded / (succeeded + failed); null when none finished either way. */
  successRate: number | null;
  /** Milliseconds, over jobs that started and finished; null when there are none. */
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  /** Requested → started. */
  p50QueueMs: number | null;
  p95QueueMs: number | null;
}

export interface RecentFailure {
  jobId: string;
  pipelineId: string;
  pipelineName: string;
  finishedAt: string;
  error: string;
}

export interface PipelineDashboard {
  range: DashboardRange;
  days: DayRuns[];
  pipelines: PipelineFigures[];
  recentFailures: RecentFailure[];
  totals: { runs: number; succeeded: number; failed: number; successRate: number | null };
}

/** The jobs behind a figure of the pipelines dashboard (`pipelines.rows`): newest first. */
export interface PipelineRows {
  range: DashboardRange;
  /** Every job that matches, however many rows came back: the figure clicked. */
  count: number;
  rows: JobView[];
  /** Only the first `limit` rows came back; `count` still covers all. */
  truncated: boolean;
}
