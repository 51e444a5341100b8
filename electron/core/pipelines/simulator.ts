// The in-process pipeline simulator of a demo workspace with no pipeline API (DESIGN.md section 4):
// a demo triggers and watches jobs with no network at all. It takes the waiting deliveries in
// place of a receiver and runs their jobs requested → queued → running → succeeded | failed, with
// the reference receiver's simulated pipelines (the same steps, durations, failures and result
// summaries: electron/pipeline-server/simulator.ts), writing the replica as the receiver's workers
// write the central.
//
// Stateless between ticks: a job's whole run follows from the moment it was taken (delivered_at),
// the seed, its id and its parameters, so a tick after a pause (the laptop slept, the app was
// closed) puts every job where it would be, with the times it would have had. Only for a demo
// workspace, which has no central: a consultant's replica may not push a job's progress.
import { planRun, type RunPlan } from '../../pipeline-server/simulator';
import { cachedStatement } from '../db/query';
import type { Replica, RowValues } from '../sync/replica';
import { expireDue } from './delivery';
import { checkParams } from './params';
import { parseSchema } from './rules';

export interface SimulatorOptions {
  /** Simulated time runs this many times faster (1: realistic durations, tens of seconds to minutes). */
  speed?: number;
  /** Same seed, job id and parameters: the same run. */
  seed?: number;
  /** Share of runs that fail, 0 to 1 (default 0.1). */
  failureRate?: number;
  now?: Date;
}

/** Between taking a job and starting it: the queue wait at speed 1 (1 to 8 s, per job). */
const QUEUE_MS = { min: 1_000, max: 8_000 };

interface SimJob {
  id: string;
  status: string;
  params: string;
  slug: string;
  params_schema: string;
  delivered_at: string;
  result_summary: string | null;
}

/** One step of the simulation at `now`; returns how many jobs changed. */
export function simulateDue(replica: Replica, options: SimulatorOptions = {}): number {
  const now = options.now ?? new Date(replica.now());
  const at = now.toISOString();
  const speed = options.speed ?? 1;
  const settings = { seed: options.seed ?? 0, failureRate: options.failureRate ?? 0.1 };
  expireDue(replica, now);
  return replica.transaction(() => {
    let changed = 0;
    // A job cancelled before it was taken is never run.
    cachedStatement(
      replica.db,
      `UPDATE webhook_deliveries SET status = 'cancelled', last_error = 'cancelled before it was sent'
       WHERE status = 'pending' AND job_id IN (SELECT id FROM pipeline_jobs WHERE status = 'cancelled')`,
    ).run();
    // Take every waiting delivery, as a receiver would answer 202 queued.
    const waiting = cachedStatement(
      replica.db,
      `SELECT d.job_id FROM webhook_deliveries d JOIN pipeline_jobs j ON j.id = d.job_id
       WHERE d.status = 'pending' AND j.status = 'requested' AND (d.claim_until IS NULL OR d.claim_until <= ?)`,
    ).all(at) as { job_id: string }[];
    for (const { job_id } of waiting) {
      cachedStatement(
        replica.db,
        `UPDATE webhook_deliveries SET status = 'delivered', simulated = 1, delivered_at = ?, receiver_status = 'queued', last_attempt_at = ?,
           attempts = attempts + 1, last_status = 202, last_answer = 'run by the demo workspace''s simulator', claim_token = NULL, claim_until = NULL
         WHERE job_id = ?`,
      ).run(at, at, job_id);
      replica.update('pipeline_jobs', job_id, { status: 'queued' });
      changed++;
    }
    const running = cachedStatement(
      replica.db,
      `SELECT j.id, j.status, j.params, j.result_summary, p.slug, p.params_schema, d.delivered_at
       FROM webhook_deliveries d JOIN pipeline_jobs j ON j.id = d.job_id JOIN pipelines p ON p.id = j.pipeline_id
       WHERE d.simulated = 1 AND j.status IN ('queued', 'running')`,
    ).all() as SimJob[];
    for (const job of running) {
      const changes = advance(job, now, speed, settings);
      if (Object.keys(changes).length > 0) {
        replica.update('pipeline_jobs', job.id, changes);
        changed++;
      }
    }
    return changed;
  });
}

/** Where a job is at `now`: the columns that differ from what the replica has. */
function advance(job: SimJob, now: Date, speed: number, settings: { seed: number; failureRate: number }): RowValues {
  const plan = planFor(job, settings);
  const takenAt = Date.parse(job.delivered_at);
  const startAt = takenAt + queueMs(job.id, settings.seed) / speed;
  const t = now.getTime();
  if (t < startAt) return {};
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
  const changes: RowValues = {};
  if (job.status === 'queued') {
    changes.status = 'running';
    changes.started_at = iso(startAt);
  }
  // The steps run one after the other; a failing run stops in its failing step, halfway through.
  let stepStart = startAt;
  for (let i = 0; i < plan.steps.length; i++) {
    const step = plan.steps[i]!;
    const failsHere = plan.failure?.atStep === i;
    const stepEnd = stepStart + (failsHere ? step.ms / 2 : step.ms) / speed;
    if (t < stepEnd) {
      const total = plan.steps.reduce((sum, s) => sum + s.ms, 0);
      const done = plan.steps.slice(0, i).reduce((sum, s) => sum + s.ms, 0) + (t - stepStart) * speed;
      const summary = `${step.label} (${Math.min(99, Math.floor((done / total) * 100))}%)`;
      if (summary !== job.result_summary) changes.result_summary = summary;
      return changes;
    }
    if (failsHere) {
      return { ...changes, status: 'failed', finished_at: iso(stepEnd), error: plan.failure!.error };
    }
    stepStart = stepEnd;
  }
  return { ...changes, status: 'succeeded', finished_at: iso(stepStart), result_summary: plan.summary };
}

function planFor(job: SimJob, settings: { seed: number; failureRate: number }): RunPlan {
  // The run uses the schema's defaults for what the job left out, as the receiver's does.
  let params: Record<string, unknown>;
  try {
    params = checkParams(parseSchema(job.params_schema), JSON.parse(job.params), job.slug);
  } catch {
    params = {};
  }
  return planRun(job.slug, params, job.id, settings);
}

function queueMs(jobId: string, seed: number): number {
  let h = 0x9e3779b9 ^ seed;
  for (const ch of jobId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return QUEUE_MS.min + ((h >>> 0) % (QUEUE_MS.max - QUEUE_MS.min + 1));
}

/** Runs `simulateDue` every `intervalMs` (default 1 s) until stopped. */
export function startSimulator(
  replica: Replica,
  options: Omit<SimulatorOptions, 'now'> & { intervalMs?: number; onChange?: () => void; onError?: (error: unknown) => void } = {},
): { stop(): void } {
  const timer = setInterval(() => {
    try {
      if (simulateDue(replica, options) > 0) options.onChange?.();
    } catch (error) {
      // (a busy replica, another process writing: the next tick catches up, the run is stateless)
      options.onError?.(error);
    }
  }, options.intervalMs ?? 1_000);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
