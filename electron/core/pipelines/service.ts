// Pipelines as a background service of the Core: the pipeline API's address and secret, the
// delivery loop that sends triggers (after a trigger, when the network is back, when the next
// attempt falls due), and — in a sealed demo workspace with no pipeline API — the in-process
// simulator in its place. Both work on the open workspace's replica, so they are stopped before a
// workspace switch and started again after it, and stopped when the Core closes.
import { OpsError } from '../../../shared/contract';
import type { DeliveryOutcome, PipelineSettings, RemoteRun } from '../../../shared/features/pipelines/types';
import type { CoreContext } from '../context';
import { log } from '../log/log';
import { readSetting, writeSetting } from '../sync/replica';
import { deliverDue, joinUrl } from './delivery';
import { checkPipelineApi, sendSigned, webhookFor } from './http';
import { DeliveryLoop } from './loop';
import { pendingDeliveries } from './queries';
import { startReachabilityProbe } from './reachability';
import { simulateDue, startSimulator, type SimulatorOptions } from './simulator';

/** The keychain entry of the webhook secret (like the central password, one per user). */
export const PIPELINE_SECRET = 'pipeline-webhook-secret';
/** The workspace setting that holds the pipeline API's address. */
const PIPELINE_API = 'pipeline_api';
/** The tables a delivery or a simulated run changes. */
const TOUCHED = ['pipeline_jobs', 'webhook_deliveries', 'pipelines_disabled'];

export interface PipelinesServiceOptions {
  /** The simulator's pace (tests and demos: `speed: 100`), and how often it ticks (default 1 s). */
  simulator?: Omit<SimulatorOptions, 'now'> & { intervalMs?: number };
  /** The delivery loop's longest wait between runs (default 30 s). */
  maxWaitMs?: number;
  /** How often the receiver is asked whether it answers while a delivery waits for the network (default 10 s). */
  probeIntervalMs?: number;
}

export interface PipelineConfig {
  pipelineApi: string;
  secret: string;
}

export class PipelinesService {
  private loop: DeliveryLoop | null = null;
  private probe: { stop(): void } | null = null;
  private simulator: { stop(): void } | null = null;
  private started = false;
  private online: boolean | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: CoreContext) {}

  /** Starts delivering (or simulating) for the open workspace, and again after each switch. */
  start(): void {
    if (this.started) return;
    this.started = true;
    // The network is back when a sync reaches the central after failing, or first reaches it in
    // this session (the app syncs when the OS says it is online, on resume, and every 30 s): what
    // waited for the network goes at once.
    this.unsubscribe = this.ctx.on('sync.changed', (status) => {
      const was = this.online;
      this.online = status.online;
      if (status.online === true && was !== true) this.networkBack();
    });
    void this.ctx.ready.then(
      () => {
        if (this.started) this.run();
      },
      () => undefined,
    );
  }

  /** Nothing runs and nothing will start by itself. */
  get idle(): boolean {
    return !this.started && !this.loop && !this.simulator;
  }

  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.halt();
  }

  /** Before a workspace switch: nothing runs on the old replica. */
  async beforeSwitch(): Promise<void> {
    await this.halt();
  }

  afterSwitch(): void {
    this.online = null;
    if (this.started) this.run();
  }

  /** Something new is due (a trigger, a re-run, a retry): send it now. */
  poke(): void {
    if (this.loop) this.loop.poke();
    else if (this.simulator) this.simulate();
  }

  /** The network is back: deliveries waiting for it go at once. */
  networkBack(): void {
    this.loop?.networkBack();
  }

  get simulated(): boolean {
    return this.ctx.workspace.sealed && !this.pipelineApi();
  }

  pipelineApi(): string | null {
    return this.ctx.options.pipelineApi ?? readSetting(this.ctx.db, PIPELINE_API);
  }

  /** Where and how to send, or null while the address or the secret is missing. */
  config(): PipelineConfig | null {
    const pipelineApi = this.pipelineApi();
    const secret = this.ctx.options.webhookSecret ?? this.ctx.secrets.get(PIPELINE_SECRET);
    return pipelineApi && secret ? { pipelineApi, secret } : null;
  }

  settings(): PipelineSettings {
    return {
      pipelineApi: this.pipelineApi(),
      secretStored: !!(this.ctx.options.webhookSecret ?? this.ctx.secrets.get(PIPELINE_SECRET)),
      secretStorage: this.ctx.options.webhookSecret ? 'memory' : this.ctx.secrets.kind,
      fromCommandLine: !!(this.ctx.options.pipelineApi ?? this.ctx.options.webhookSecret),
      simulated: this.simulated,
    };
  }

  /** Saves the address (in the workspace) and the secret (in the secret store); null removes. */
  updateSettings(input: { pipelineApi?: string | null; secret?: string | null }): PipelineSettings {
    if (
      (input.pipelineApi !== undefined && this.ctx.options.pipelineApi) ||
      (input.secret !== undefined && this.ctx.options.webhookSecret)
    ) {
      throw new OpsError(
        'unsupported',
        'This session uses the pipeline API given on the command line (--pipeline-api / OPS_PIPELINE_API, OPS_WEBHOOK_SECRET); change it there.',
      );
    }
    if (input.pipelineApi !== undefined) {
      if (input.pipelineApi === null) this.ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(PIPELINE_API);
      else writeSetting(this.ctx.db, PIPELINE_API, checkPipelineApi(input.pipelineApi).toString().replace(/\/$/, ''));
    }
    if (input.secret !== undefined) this.ctx.secrets.set(PIPELINE_SECRET, input.secret);
    // A demo workspace given an address stops simulating, and one whose address is removed starts.
    if (this.started) {
      void this.halt().then(() => {
        if (this.started) this.run();
      });
    }
    return this.settings();
  }

  /**
   * Sends what is due now and returns each outcome (`ops pipelines deliver`). In a demo workspace
   * with no pipeline API, the simulator takes them instead.
   */
  async deliverNow(): Promise<DeliveryOutcome[]> {
    if (this.simulated) {
      const waiting = pendingDeliveries(this.ctx.db).filter((j) => j.status === 'requested');
      simulateDue(this.ctx.replica, this.simulatorOptions());
      return waiting.map((j) => ({
        jobId: j.id,
        pipeline: j.pipeline,
        outcome: 'delivered',
        httpStatus: 202,
        message: "taken by the demo workspace's simulator (no pipeline API is configured)",
        nextAttemptAt: null,
      }));
    }
    const config = this.requireConfig();
    return deliverDue(this.ctx.replica, config);
  }

  /** The receiver's view of a delivered job (`GET /runs/{id}`, signed); null when it cannot say. */
  async remoteRun(jobId: string): Promise<RemoteRun | null> {
    const config = this.config();
    if (!config) return null;
    webhookFor(config.secret);
    const answer = await sendSigned({
      url: joinUrl(config.pipelineApi, `/runs/${encodeURIComponent(jobId)}`),
      id: jobId,
      body: '',
      method: 'GET',
      secret: config.secret,
      at: new Date(this.ctx.replica.now()),
      timeoutMs: 5_000,
    });
    if (answer.kind !== 'answer' || answer.status !== 200 || typeof answer.json !== 'object' || answer.json === null) return null;
    const run = answer.json as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    return {
      jobId,
      status: text(run.status) ?? 'unknown',
      progress: typeof run.progress === 'number' ? run.progress : 0,
      step: text(run.step),
      startedAt: text(run.started_at),
      finishedAt: text(run.finished_at),
      error: text(run.error),
      resultSummary: text(run.result_summary),
    };
  }

  /** The address and secret to cancel a delivered job with, when there are both. */
  cancelOptions(): { pipelineApi?: string; secret?: string } {
    return this.config() ?? {};
  }

  private requireConfig(): PipelineConfig {
    const pipelineApi = this.pipelineApi();
    if (!pipelineApi) {
      throw new OpsError(
        'unsupported',
        'No pipeline API is set up for this workspace, so there is nowhere to send triggers. Set its address in Settings (the app) or with --pipeline-api / OPS_PIPELINE_API (ops).',
      );
    }
    const config = this.config();
    if (!config) webhookFor(null); // says the secret is missing, and where to set it
    return config!;
  }

  private simulatorOptions(): Omit<SimulatorOptions, 'now'> {
    return this.ctx.options.pipelines?.simulator ?? {};
  }

  private simulate(): void {
    try {
      if (simulateDue(this.ctx.replica, this.simulatorOptions()) > 0) this.changed();
    } catch {
      // (a busy replica: the next tick catches up; the simulation is stateless)
    }
  }

  private changed(): void {
    this.ctx.noteOwnWrites();
    this.ctx.changed(TOUCHED);
  }

  private run(): void {
    if (this.loop || this.simulator) return;
    const replica = this.ctx.replica;
    if (this.simulated) {
      this.simulator = startSimulator(replica, {
        ...this.simulatorOptions(),
        intervalMs: this.ctx.options.pipelines?.simulator?.intervalMs,
        onChange: () => this.changed(),
      });
      return;
    }
    this.loop = new DeliveryLoop(replica, {
      config: () => this.config(),
      onOutcome: (outcome) => {
        logDelivery(outcome);
        this.changed();
      },
      onError: (error) => log.error('Pipeline deliveries stopped on an error; they are tried again shortly', { error }),
      maxWaitMs: this.ctx.options.pipelines?.maxWaitMs,
    });
    this.loop.start();
    this.probe = startReachabilityProbe({
      db: replica.db,
      pipelineApi: () => this.pipelineApi(),
      onBack: () => this.networkBack(),
      intervalMs: this.ctx.options.pipelines?.probeIntervalMs,
    });
  }

  private async halt(): Promise<void> {
    this.simulator?.stop();
    this.simulator = null;
    this.probe?.stop();
    this.probe = null;
    const loop = this.loop;
    this.loop = null;
    await loop?.stop();
  }
}

/** Webhook deliveries that did not go through, in the log (a delivered one is in the job itself). */
export function logDelivery(outcome: DeliveryOutcome): void {
  if (outcome.outcome === 'delivered' || outcome.outcome === 'cancelled') return;
  const fields = {
    jobId: outcome.jobId,
    pipeline: outcome.pipeline,
    outcome: outcome.outcome,
    httpStatus: outcome.httpStatus,
    reason: outcome.message,
  };
  if (outcome.outcome === 'retrying')
    log.info('Webhook delivery failed; it is retried', { ...fields, nextAttemptAt: outcome.nextAttemptAt });
  else log.warn(`Webhook delivery ${outcome.outcome}`, fields);
}
