// Simulated pipelines: what a run of each demo pipeline does, step by step, with realistic
// durations, a result summary and the occasional failure. Deterministic: a run's plan depends only
// on the server's seed, the job id and its parameters.
import { SeededRandom } from '../core/demo/random';

export interface Step {
  /** What the pipeline is doing, as a person would say it ("Backtesting 64 parameter sets"). */
  label: string;
  /** How long the step takes at speed 1. */
  ms: number;
}

export interface RunPlan {
  steps: Step[];
  /** Set when the run fails: the step it fails in (index into steps) and the error. */
  failure: { atStep: number; error: string } | null;
  /** The result summary written when the run succeeds. */
  summary: string;
}

type Params = Record<string, unknown>;

interface Simulation {
  steps(params: Params, random: SeededRandom): Step[];
  errors: string[];
  summary(params: Params, random: SeededRandom): string;
}

const sec = (random: SeededRandom, min: number, max: number) => random.int(min * 1000, max * 1000);
const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const str = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? value : fallback);
const thousands = (n: number) => n.toLocaleString('en-AU');

const SIMULATIONS: Record<string, Simulation> = {
  'strategy-sweep': {
    steps: (p, r) => {
      const grid = num(p.grid_size, 64);
      return [
        {
          label: `Loading ${str(p.universe, 'ASX200')} prices ${str(p.from, '2021-01-01')} to ${str(p.to, '2025-12-31')}`,
          ms: sec(r, 4, 12),
        },
        { label: `Backtesting ${grid} parameter sets of ${str(p.strategy, 'mean-reversion')}`, ms: Math.round(grid * r.int(250, 700)) },
        { label: `Ranking by ${str(p.metric, 'sharpe')}`, ms: sec(r, 2, 5) },
        { label: 'Writing the results table', ms: sec(r, 1, 3) },
      ];
    },
    errors: ['Price feed returned gaps for 14 symbols', 'Out of memory in the backtest worker', 'Spot instance reclaimed during the sweep'],
    summary: (p, r) => {
      const metric = str(p.metric, 'sharpe');
      const best = metric === 'cagr' ? `${(r.int(40, 260) / 10).toFixed(1)}% CAGR` : `${metric} ${(r.int(60, 240) / 100).toFixed(2)}`;
      return `${num(p.grid_size, 64)} parameter sets backtested; best ${best} (lookback ${r.int(5, 60)} d, z-entry ${(r.int(10, 30) / 10).toFixed(1)})`;
    },
  },
  'xero-warehouse-sync': {
    steps: (p, r) => {
      const entities = Array.isArray(p.entities) ? (p.entities as string[]) : ['invoices', 'contacts', 'payments'];
      return [
        { label: 'Refreshing the Xero connection', ms: sec(r, 1, 3) },
        ...entities.map((e) => ({ label: `Copying ${e}`, ms: sec(r, p.mode === 'full' ? 20 : 4, p.mode === 'full' ? 60 : 15) })),
        { label: p.dry_run ? 'Comparing with the warehouse (dry run)' : 'Merging into the warehouse', ms: sec(r, 3, 10) },
      ];
    },
    errors: [
      'Xero API rate limit (HTTP 429) after 5 retries',
      'Xero refresh token expired: reconnect the tenant',
      'Warehouse merge deadlocked',
    ],
    summary: (p, r) =>
      `${thousands(r.int(200, 40_000))} rows ${p.dry_run ? 'would change' : 'merged'} (${thousands(r.int(10, 900))} new invoices, ${thousands(r.int(0, 120))} contacts)`,
  },
  'client-kpi-report': {
    steps: (p, r) => [
      { label: `Collecting delivery, uptime and spend for ${str(p.month, 'last month')}`, ms: sec(r, 5, 15) },
      ...(p.include_forecast ? [{ label: 'Forecasting the next quarter', ms: sec(r, 5, 20) }] : []),
      { label: `Rendering the ${str(p.format, 'pdf').toUpperCase()} report`, ms: sec(r, 3, 10) },
      { label: 'Publishing the report', ms: sec(r, 1, 3) },
    ],
    errors: ['Uptime source (Datadog) timed out after 60 s', 'Chart renderer crashed on an empty series'],
    summary: (p, r) =>
      `${str(p.format, 'pdf').toUpperCase()} report for ${str(p.month, 'the month')}: ${r.int(8, 24)} pages, uptime ${(99 + r.int(50, 99) / 100).toFixed(2)}%`,
  },
  'terraform-drift': {
    steps: (p, r) => [
      { label: `terraform init (${str(p.workspace, 'default')})`, ms: sec(r, 3, 10) },
      { label: `Refresh-only plan against ${str(p.environment, 'prod')}, parallelism ${num(p.parallelism, 10)}`, ms: sec(r, 15, 60) },
      { label: 'Classifying drift', ms: sec(r, 1, 4) },
    ],
    errors: ['Terraform state lock held by another run', 'Credentials expired for the target account', 'Provider plugin crashed (aws 5.x)'],
    summary: (p, r) => {
      const drifted = r.chance(0.6) ? 0 : r.int(1, 9);
      return drifted === 0
        ? `No drift in ${str(p.workspace, 'the workspace')} (${r.int(80, 900)} resources)`
        : `${drifted} of ${r.int(80, 900)} resources drifted in ${str(p.workspace, 'the workspace')}`;
    },
  },
  'backup-verify': {
    steps: (p, r) => [
      { label: `Restoring the ${str(p.snapshot, 'latest')} ${str(p.database, 'orders')} snapshot into the sandbox`, ms: sec(r, 20, 60) },
      { label: `Checking row counts of ${num(p.sample_tables, 12)} tables`, ms: num(p.sample_tables, 12) * r.int(500, 1500) },
      ...(p.checksum === false ? [] : [{ label: 'Comparing checksums', ms: sec(r, 5, 15) }]),
      { label: 'Dropping the sandbox', ms: sec(r, 1, 3) },
    ],
    errors: ['Snapshot not found in the backup vault', 'Row count mismatch in 2 tables', 'Sandbox ran out of disk during the restore'],
    summary: (p, r) =>
      `${str(p.database, 'orders')}: ${num(p.sample_tables, 12)} tables match, ${r.int(2, 80)} GB restored in ${r.int(3, 25)} min`,
  },
};

/** Pipelines with no simulation of their own (added at the central later) run a generic one. */
const GENERIC: Simulation = {
  steps: (_p, r) => [
    { label: 'Preparing', ms: sec(r, 2, 6) },
    { label: 'Processing', ms: sec(r, 10, 40) },
    { label: 'Finishing', ms: sec(r, 1, 4) },
  ],
  errors: ['Source database timed out after 300 s', 'Out of memory in the transform step'],
  summary: (_p, r) => `${thousands(r.int(1, 900) * 1000)} rows processed`,
};

/** A 32-bit hash of the seed and job id (FNV-1a), so every job has its own but repeatable story. */
function seedFor(seed: number, jobId: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of jobId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

export function planRun(slug: string, params: Params, jobId: string, options: { seed: number; failureRate: number }): RunPlan {
  const random = new SeededRandom(seedFor(options.seed, jobId));
  const simulation = SIMULATIONS[slug] ?? GENERIC;
  const steps = simulation.steps(params, random).map((s) => ({ ...s, ms: Math.max(1, Math.round(s.ms)) }));
  const fails = random.next() < options.failureRate;
  const failure = fails ? { atStep: random.int(0, steps.length - 1), error: random.pick(simulation.errors) } : null;
  return { steps, failure, summary: simulation.summary(params, random) };
}
