// The queue and the workers: accepted jobs wait in pg-boss (its own schema in the central
// database, no other server) and a worker runs each one's simulation, writing its progress into
// the central `pipeline_jobs`. A job cancelled through the receiver stops at once; one cancelled
// through sync (the app) stops at its next progress write, which finds it no longer running.
import { PgBoss, type Job } from 'pg-boss';
import type pg from 'pg';
import { planRun } from './simulator';
import { finishJob, noteCancelled, reportProgress, startJob, type Queryable } from './store';

export const QUEUE = 'pipeline-runs';
export const QUEUE_SCHEMA = 'ops_receiver_queue';

export interface WorkerOptions {
  centralUrl: string;
  pool: pg.Pool;
  /** Simulated time runs this many times faster than real time (1: realistic durations). */
  speed: number;
  seed: number;
  /** Share of runs that fail (0 to 1). */
  failureRate: number;
  concurrency: number;
  log: (line: string) => void;
}

interface RunData {
  job_id: string;
}

/** How often a running job reports between steps, in real time. */
const REPORT_EVERY_MS = 2_000;

export class Workers {
  readonly boss: PgBoss;
  private readonly running = new Map<string, AbortController>();
  private stopping = false;

  constructor(private readonly options: WorkerOptions) {
    this.boss = new PgBoss({
      connectionString: options.centralUrl,
      schema: QUEUE_SCHEMA,
      application_name: 'ops-pipeline-server',
      max: 4,
      schedule: false,
      // How often jobs that missed their heartbeat are failed (and so retried): pg-boss's 60 s
      // default, on top of the 30 s heartbeat, left a job whose receiver stopped mid-run waiting up
      // to ~95 s to run again; every 10 s it is back within ~45 s.
      superviseIntervalSeconds: 10,
    });
    this.boss.on('error', (error: Error) => options.log(`queue: ${error.message}`));
  }

  async start(): Promise<void> {
    await this.boss.start();
    if (!(await this.boss.getQueue(QUEUE))) {
      await this.boss
        .createQueue(QUEUE, {
          retryLimit: 2,
          retryDelay: 5,
          expireInSeconds: 6 * 3600,
          // A receiver stopped mid-run (Ctrl+C, a crash) stops beating: the job runs again, from the start.
          heartbeatSeconds: 30,
        })
        .catch(async (error: unknown) => {
          if (!(await this.boss.getQueue(QUEUE))) throw error; // (another receiver created it first)
        });
    }
    await this.boss.work<RunData>(
      QUEUE,
      { localConcurrency: this.options.concurrency, pollingIntervalSeconds: 0.5, batchSize: 1 },
      async ([job]) => this.run(job!),
    );
  }

  /** Queues a run in the caller's transaction, so a delivery is accepted and queued together. */
  async enqueue(client: Queryable, jobId: string): Promise<void> {
    const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) };
    await this.boss.send(QUEUE, { job_id: jobId } satisfies RunData, { id: jobId, db });
  }

  /** Stops the run of a job cancelled through the receiver, if this process runs it. */
  abort(jobId: string): void {
    this.running.get(jobId)?.abort();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const controller of this.running.values()) controller.abort();
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }

  private async run(job: Job<RunData>): Promise<void> {
    const { pool, speed, log } = this.options;
    const jobId = job.data.job_id;
    const started = await startJob(pool, jobId, { retry: job.retryCount > 0 });
    if (!started) {
      await noteCancelled(pool, jobId);
      return; // cancelled before it started
    }
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const stop = () => controller.abort();
    job.signal?.addEventListener('abort', stop);
    try {
      const plan = planRun(started.pipeline, started.params, jobId, this.options);
      const total = plan.steps.reduce((sum, s) => sum + s.ms, 0);
      let done = 0;
      log(`job ${jobId} (${started.pipeline}) running: ${plan.steps.length} steps, ${Math.round(total / speed)} ms`);
      for (const [index, step] of plan.steps.entries()) {
        const failing = plan.failure?.atStep === index;
        // A failing step gets part of the way first.
        const stepMs = failing ? Math.round(step.ms * 0.6) : step.ms;
        let stepDone = 0;
        while (true) {
          const progress = Math.min(99, Math.floor(((done + stepDone) / total) * 100));
          if (controller.signal.aborted && this.stopping) {
            // Not a cancel: the job stays running at the central, and pg-boss gives it to the next
            // receiver (a retry, which starts it again).
            throw new Error(`The receiver stopped during the run of ${jobId}; it runs again when a receiver is back.`);
          }
          if (!(await reportProgress(pool, jobId, progress, step.label)) || controller.signal.aborted) {
            await noteCancelled(pool, jobId);
            log(`job ${jobId} cancelled`);
            return;
          }
          if (stepDone >= stepMs) break;
          const slice = Math.min(stepMs - stepDone, REPORT_EVERY_MS * speed);
          await sleep(slice / speed, controller.signal);
          stepDone += slice;
        }
        if (failing) {
          await finishJob(pool, jobId, { status: 'failed', error: plan.failure!.error, summary: `Failed while: ${step.label}` });
          log(`job ${jobId} failed: ${plan.failure!.error}`);
          return;
        }
        done += step.ms;
      }
      if (await finishJob(pool, jobId, { status: 'succeeded', summary: plan.summary })) log(`job ${jobId} succeeded: ${plan.summary}`);
      else await noteCancelled(pool, jobId);
    } finally {
      job.signal?.removeEventListener('abort', stop);
      this.running.delete(jobId);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
