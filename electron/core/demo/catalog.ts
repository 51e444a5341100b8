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

export const TIERS: Array<{ tier: ProjectTier; share: number; budget: [number, number]; months: [number, number]; names: string[] }> = [
  {
    tier: 'pipeline_mvp',
    share: 0.45,
    budget: [5_000_00, 8_000_00],
    months: [1, 2],
    names: ['Pipeline MVP', 'CI pipeline', 'Data pipeline MVP', 'Release pipeline'],
  },
  {
    tier: 'devops_foundation',
    share: 0.4,
    budget: [12_000_00, 20_000_00],
    months: [2, 5],
    names: ['DevOps Foundation', 'Platform foundation', 'Observability rollout', 'Kubernetes landing'],
  },
  {
    tier: 'enterprise_cloud',
    share: 0.15,
    budget: [30_000_00, 60_000_00],
    months: [5, 10],
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

export const PIPELINES = [
  {
    slug: 'nightly-etl',
    name: 'Nightly ETL',
    description: 'Loads the client warehouse from operational sources.',
    params: { date: 'date', full: 'boolean' },
  },
  {
    slug: 'cost-report',
    name: 'Cloud cost report',
    description: 'Builds the monthly cloud cost breakdown per account.',
    params: { month: 'string' },
  },
  {
    slug: 'terraform-plan',
    name: 'Terraform plan',
    description: 'Runs a plan against a workspace and reports drift.',
    params: { workspace: 'string' },
  },
  {
    slug: 'backup-verify',
    name: 'Backup verification',
    description: 'Restores last night’s backups into a sandbox and checks them.',
    params: { database: 'string' },
  },
  { slug: 'log-rollup', name: 'Log roll-up', description: 'Compacts yesterday’s logs into hourly aggregates.', params: {} },
  { slug: 'security-scan', name: 'Security scan', description: 'Scans container images and dependencies.', params: { severity: 'string' } },
  {
    slug: 'data-quality',
    name: 'Data quality checks',
    description: 'Runs row-count and freshness checks on key tables.',
    params: { table: 'string' },
  },
  {
    slug: 'k8s-drift',
    name: 'Kubernetes drift check',
    description: 'Compares live clusters with the GitOps repository.',
    params: { cluster: 'string' },
  },
] as const;

export const JOB_ERRORS = [
  'Source database timed out after 300 s',
  'Terraform state lock held by another run',
  'Out of memory in transform step',
  'Credentials expired for target account',
];
