// The vocabulary of the demo workspace: a Brisbane DevOps consultancy and its clients.
import type { ProjectTier } from '../../../shared/domain';

export const FIRST_NAMES = [
  'Mia',
  'Liam',
  'Aroha',
  'Noah',
  'Priya',
  'Jack',
  'Chloe',
  'Ethan',
  'Mei',
  'Lachlan',
  'Zara',
  'Tom',
  'Isla',
  'Ravi',
  'Grace',
  'Kai',
];
export const LAST_NAMES = [
  'Nguyen',
  'Walker',
  'Patel',
  'Thompson',
  'Chen',
  'Kelly',
  'Singh',
  'OBrien',
  'Tran',
  'Murphy',
  'Wilson',
  'Ramirez',
  'Hughes',
  'Kim',
];

export const CLIENT_PREFIXES = [
  'Moreton',
  'Brisbane',
  'Sunshine',
  'Coral',
  'Redland',
  'Logan',
  'Ipswich',
  'Toowong',
  'Kangaroo Point',
  'Fortitude',
  'Gold Coast',
  'Darling Downs',
  'Capricorn',
  'Whitsunday',
  'Mackay',
  'Cairns',
];
export const CLIENT_SUFFIXES: Array<[string, string]> = [
  ['Freight', 'Logistics'],
  ['Health', 'Healthcare'],
  ['Mining Services', 'Resources'],
  ['Credit Union', 'Financial services'],
  ['Water', 'Utilities'],
  ['Council', 'Government'],
  ['Agritech', 'Agriculture'],
  ['Learning', 'Education'],
  ['Tourism', 'Tourism'],
  ['Energy', 'Energy'],
  ['Retail Group', 'Retail'],
  ['Software', 'Technology'],
];
export const REGIONS = [
  'Brisbane CBD',
  'Fortitude Valley',
  'South Brisbane',
  'Gold Coast',
  'Sunshine Coast',
  'Ipswich',
  'Logan',
  'Toowoomba',
  'Townsville',
  'Cairns',
];

/**
 * The consultancy's three packages: their price range (ex GST) and how many weeks each takes, as it
 * sells them. A lead won in one of these tiers starts from the same figures.
 */
export const TIERS: Array<{ tier: ProjectTier; share: number; budget: [number, number]; weeks: [number, number]; names: string[] }> = [
  {
    tier: 'pipeline_mvp',
    share: 0.45,
    budget: [5_000_00, 8_000_00],
    weeks: [2, 4],
    names: ['Pipeline MVP', 'CI pipeline', 'Data pipeline MVP', 'Release pipeline'],
  },
  {
    tier: 'devops_foundation',
    share: 0.4,
    budget: [12_000_00, 20_000_00],
    weeks: [6, 8],
    names: ['DevOps Foundation', 'Platform foundation', 'Observability rollout', 'Kubernetes landing'],
  },
  {
    tier: 'enterprise_cloud',
    share: 0.15,
    budget: [30_000_00, 60_000_00],
    weeks: [12, 16],
    names: ['Enterprise Cloud', 'Cloud migration', 'Landing zone', 'Multi-account platform'],
  },
];

export const EXPENSE_CATEGORIES = ['Travel', 'Cloud spend', 'Software licence', 'Accommodation', 'Meals', 'Training'];

export const NOTES = [
  'Pipeline review with client team',
  'Terraform module refactor',
  'Incident retro and follow-ups',
  'Helm chart upgrades',
  'CI caching improvements',
  'Stand-up and planning',
  'Cost optimisation analysis',
  'Observability dashboards',
  'IAM policy clean-up',
  'Runbook writing',
  'Database migration rehearsal',
  'Pairing on deployment scripts',
  'Security scan triage',
  'Workshop: GitOps basics',
  '',
];

/** A pipeline's parameters: a JSON Schema (draft 2020-12 subset that ajv checks) of one object. */
export interface ParamsSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties: false;
}

const MONTH = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM' };
const DATE = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: 'A day, YYYY-MM-DD' };

/**
 * The demo's pipelines, each with the JSON Schema of its parameters (types, defaults, enums,
 * bounds): the reference receiver (`npm run pipeline-server`) validates every trigger against it,
 * and the app can build its form from it. `defaults` is what a trigger with no parameters sends.
 */
export const PIPELINES: ReadonlyArray<{
  slug: string;
  name: string;
  description: string;
  params_schema: ParamsSchema;
  defaults: Record<string, unknown>;
}> = [
  {
    slug: 'strategy-sweep',
    name: 'Strategy parameter sweep',
    description: 'Backtests a trading strategy over a grid of parameters and ranks the results.',
    params_schema: {
      type: 'object',
      properties: {
        strategy: { type: 'string', enum: ['mean-reversion', 'momentum', 'pairs-trading'], default: 'mean-reversion' },
        universe: { type: 'string', enum: ['ASX200', 'ASX50', 'S&P500'], default: 'ASX200' },
        from: { ...DATE, default: '2021-01-01' },
        to: { ...DATE, default: '2025-12-31' },
        grid_size: { type: 'integer', minimum: 4, maximum: 512, default: 64, description: 'Parameter sets to backtest' },
        metric: { type: 'string', enum: ['sharpe', 'sortino', 'cagr', 'max-drawdown'], default: 'sharpe' },
      },
      required: ['strategy'],
      additionalProperties: false,
    },
    defaults: { strategy: 'mean-reversion', universe: 'ASX200', from: '2021-01-01', to: '2025-12-31', grid_size: 64, metric: 'sharpe' },
  },
  {
    slug: 'xero-warehouse-sync',
    name: 'Xero → warehouse sync',
    description: 'Copies invoices, contacts and payments from Xero into the client warehouse.',
    params_schema: {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['incremental', 'full'], default: 'incremental' },
        since: { ...DATE, description: 'Incremental from this day (default: the last run)' },
        entities: {
          type: 'array',
          items: { type: 'string', enum: ['invoices', 'contacts', 'payments', 'accounts', 'bank-transactions'] },
          minItems: 1,
          uniqueItems: true,
          default: ['invoices', 'contacts', 'payments'],
        },
        dry_run: { type: 'boolean', default: false },
      },
      additionalProperties: false,
    },
    defaults: { mode: 'incremental', entities: ['invoices', 'contacts', 'payments'], dry_run: false },
  },
  {
    slug: 'client-kpi-report',
    name: 'Client KPI report',
    description: 'Builds the monthly KPI report for a client: delivery, uptime, spend and satisfaction.',
    params_schema: {
      type: 'object',
      properties: {
        month: MONTH,
        format: { type: 'string', enum: ['pdf', 'html', 'xlsx'], default: 'pdf' },
        include_forecast: { type: 'boolean', default: false },
        recipients: { type: 'array', items: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' }, maxItems: 10, default: [] },
      },
      required: ['month'],
      additionalProperties: false,
    },
    defaults: { month: '2026-10', format: 'pdf', include_forecast: false, recipients: [] },
  },
  {
    slug: 'terraform-drift',
    name: 'Terraform drift check',
    description: 'Runs a refresh-only plan against a workspace and reports resources that drifted.',
    params_schema: {
      type: 'object',
      properties: {
        workspace: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$', default: 'prod-core' },
        environment: { type: 'string', enum: ['dev', 'staging', 'prod'], default: 'prod' },
        refresh: { type: 'boolean', default: true },
        parallelism: { type: 'integer', minimum: 1, maximum: 64, default: 10 },
      },
      required: ['workspace'],
      additionalProperties: false,
    },
    defaults: { workspace: 'prod-core', environment: 'prod', refresh: true, parallelism: 10 },
  },
  {
    slug: 'backup-verify',
    name: 'Backup verification',
    description: 'Restores last night’s backups into a sandbox and checks row counts and checksums.',
    params_schema: {
      type: 'object',
      properties: {
        database: { type: 'string', enum: ['orders', 'billing', 'warehouse', 'auth'], default: 'orders' },
        snapshot: { type: 'string', enum: ['latest', 'previous', 'weekly'], default: 'latest' },
        sample_tables: { type: 'integer', minimum: 1, maximum: 50, default: 12 },
        checksum: { type: 'boolean', default: true },
      },
      required: ['database'],
      additionalProperties: false,
    },
    defaults: { database: 'orders', snapshot: 'latest', sample_tables: 12, checksum: true },
  },
  {
    slug: 'cost-report',
    name: 'Cloud cost report',
    description: 'Builds the monthly cloud cost breakdown per account.',
    params_schema: {
      type: 'object',
      properties: {
        month: MONTH,
        provider: { type: 'string', enum: ['aws', 'azure', 'gcp'], default: 'aws' },
        group_by: { type: 'string', enum: ['account', 'service', 'tag'], default: 'account' },
      },
      required: ['month'],
      additionalProperties: false,
    },
    defaults: { month: '2026-10', provider: 'aws', group_by: 'account' },
  },
  {
    slug: 'security-scan',
    name: 'Security scan',
    description: 'Scans container images and dependencies.',
    params_schema: {
      type: 'object',
      properties: {
        severity: { type: 'string', enum: ['low', 'medium', 'high', 'critical'], default: 'high' },
        images: { type: 'integer', minimum: 1, maximum: 200, default: 25 },
      },
      additionalProperties: false,
    },
    defaults: { severity: 'high', images: 25 },
  },
  {
    slug: 'k8s-drift',
    name: 'Kubernetes drift check',
    description: 'Compares live clusters with the GitOps repository.',
    params_schema: {
      type: 'object',
      properties: {
        cluster: { type: 'string', enum: ['prod-syd', 'prod-mel', 'staging'], default: 'prod-syd' },
        namespace: { type: 'string', pattern: '^[a-z0-9-]{1,63}$' },
      },
      required: ['cluster'],
      additionalProperties: false,
    },
    defaults: { cluster: 'prod-syd' },
  },
];
