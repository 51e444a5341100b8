// Kysely table types of the local replica; they mirror migrations/sqlite.
import type { Generated } from 'kysely';

interface SyncColumns {
  _hlc: string;
  _clocks: Generated<string>;
}

export interface ConsultantsTable extends SyncColumns {
  id: string;
  name: string;
  email: string;
  default_rate_cents: number;
  cost_rate_cents: number | null;
  weekly_capacity_hours: number;
  active: number;
}

export interface ClientsTable extends SyncColumns {
  id: string;
  name: string;
  industry: string;
  region: string;
  nps: number | null;
  status: string;
}

export interface ProjectsTable extends SyncColumns {
  id: string;
  client_id: string;
  name: string;
  tier: string;
  status: string;
  budget_cents: number;
  hourly_rate_cents: number | null;
  rounding_mode: Generated<string>;
  rounding_step: Generated<number>;
  start_on: string;
  due_on: string | null;
  /** `hourly` (entries invoiced at their rate) or `fixed` (a package: the price is `budget_cents`). */
  pricing: Generated<string>;
}

export interface InvoicesTable extends SyncColumns {
  id: string;
  client_id: string;
  project_id: string | null;
  number: string;
  issued_on: string;
  due_on: string;
  status: string;
  subtotal_cents: number;
  tax_cents: number;
  total_cents: number;
  paid_on: string | null;
}

export interface TimeEntriesTable extends SyncColumns {
  id: string;
  project_id: string;
  consultant_id: string;
  started_at: string;
  minutes: number;
  billable: number;
  note: string;
  rate_cents: number;
  invoice_id: string | null;
}

export interface ExpensesTable extends SyncColumns {
  id: string;
  project_id: string;
  category: string;
  amount_cents: number;
  spent_on: string;
  note: string;
}

export interface PipelinesTable extends SyncColumns {
  id: string;
  slug: string;
  name: string;
  description: string;
  params_schema: string;
  active: number;
}

export interface PipelineJobsTable extends SyncColumns {
  id: string;
  pipeline_id: string;
  project_id: string | null;
  status: string;
  params: string;
  requested_by: string | null;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  result_summary: string | null;
}

export interface LeadsTable extends SyncColumns {
  id: string;
  company: string;
  contact_name: string;
  contact_email: string;
  source: string;
  tier: string;
  estimated_value_cents: number;
  probability: number;
  expected_close_on: string | null;
  owner_id: string;
  stage: string;
  created_on: string;
  client_id: string | null;
  project_id: string | null;
}

export interface LeadEventsTable extends SyncColumns {
  id: string;
  lead_id: string;
  from_stage: string | null;
  to_stage: string;
  moved_on: string;
  moved_at: string;
  moved_by: string;
}

export interface ClientFeedbackTable extends SyncColumns {
  id: string;
  client_id: string;
  project_id: string | null;
  score: number;
  comment: string;
  responded_on: string;
}

export interface MetricsTable extends SyncColumns {
  id: string;
  name: string;
  unit: string;
  target: number;
  direction: string;
}

export interface MetricValuesTable extends SyncColumns {
  id: string;
  metric_id: string;
  recorded_on: string;
  value: number;
}

export interface OutboxTable {
  mutation_id: Generated<number>;
  table_name: string;
  row_id: string;
  op: 'upsert' | 'delete';
  columns: string | null;
  hlc: string;
  created_at: string;
  rejected_reason: string | null;
  rejected_at: string | null;
  rejected_row: string | null;
}

export interface SyncStateTable {
  id: number;
  cursor: string | null;
  last_success_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  notice: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface RunningTimerTable {
  id: number;
  project_id: string;
  consultant_id: string;
  note: string;
  started_at: string;
}

export interface DB {
  consultants: ConsultantsTable;
  clients: ClientsTable;
  projects: ProjectsTable;
  invoices: InvoicesTable;
  time_entries: TimeEntriesTable;
  expenses: ExpensesTable;
  pipelines: PipelinesTable;
  pipeline_jobs: PipelineJobsTable;
  leads: LeadsTable;
  lead_events: LeadEventsTable;
  client_feedback: ClientFeedbackTable;
  metrics: MetricsTable;
  metric_values: MetricValuesTable;
  outbox: OutboxTable;
  sync_state: SyncStateTable;
  settings: SettingsTable;
  running_timer: RunningTimerTable;
}

/** Tables that sync with the central database, in an order that satisfies foreign keys. */
export const SYNCED_TABLES = [
  'consultants',
  'clients',
  'projects',
  'invoices',
  'time_entries',
  'expenses',
  'pipelines',
  'pipeline_jobs',
  'leads',
  'lead_events',
  'client_feedback',
  'metrics',
  'metric_values',
] as const satisfies ReadonlyArray<keyof DB>;
export type SyncedTable = (typeof SYNCED_TABLES)[number];
