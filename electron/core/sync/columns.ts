// Which columns each synced table has, and how a value travels between SQLite (text, integers,
// 0/1) and PostgreSQL (uuid, timestamptz, date, boolean, jsonb). The same names on both sides.
import type { SyncedTable } from '../db/schema';

export type ColumnKind = 'uuid' | 'text' | 'int' | 'bigint' | 'real' | 'bool' | 'date' | 'instant' | 'json';

export const SYNC_COLUMNS: Record<SyncedTable, Record<string, ColumnKind>> = {
  consultants: {
    id: 'uuid',
    name: 'text',
    email: 'text',
    default_rate_cents: 'int',
    cost_rate_cents: 'int',
    weekly_capacity_hours: 'int',
    active: 'bool',
  },
  clients: { id: 'uuid', name: 'text', industry: 'text', region: 'text', nps: 'int', status: 'text' },
  projects: {
    id: 'uuid',
    client_id: 'uuid',
    name: 'text',
    tier: 'text',
    status: 'text',
    budget_cents: 'bigint',
    hourly_rate_cents: 'int',
    rounding_mode: 'text',
    rounding_step: 'int',
    start_on: 'date',
    due_on: 'date',
    pricing: 'text',
  },
  invoices: {
    id: 'uuid',
    client_id: 'uuid',
    project_id: 'uuid',
    number: 'text',
    issued_on: 'date',
    due_on: 'date',
    status: 'text',
    subtotal_cents: 'bigint',
    tax_cents: 'bigint',
    total_cents: 'bigint',
    paid_on: 'date',
  },
  time_entries: {
    id: 'uuid',
    project_id: 'uuid',
    consultant_id: 'uuid',
    started_at: 'instant',
    minutes: 'int',
    billable: 'bool',
    note: 'text',
    rate_cents: 'int',
    invoice_id: 'uuid',
  },
  expenses: { id: 'uuid', project_id: 'uuid', category: 'text', amount_cents: 'bigint', spent_on: 'date', note: 'text' },
  pipelines: { id: 'uuid', slug: 'text', name: 'text', description: 'text', params_schema: 'json', active: 'bool' },
  pipeline_jobs: {
    id: 'uuid',
    pipeline_id: 'uuid',
    project_id: 'uuid',
    status: 'text',
    params: 'json',
    requested_by: 'uuid',
    requested_at: 'instant',
    started_at: 'instant',
    finished_at: 'instant',
    error: 'text',
    result_summary: 'text',
  },
  leads: {
    id: 'uuid',
    company: 'text',
    contact_name: 'text',
    contact_email: 'text',
    source: 'text',
    tier: 'text',
    estimated_value_cents: 'bigint',
    probability: 'int',
    expected_close_on: 'date',
    owner_id: 'uuid',
    stage: 'text',
    created_on: 'date',
    client_id: 'uuid',
    project_id: 'uuid',
  },
  lead_events: {
    id: 'uuid',
    lead_id: 'uuid',
    from_stage: 'text',
    to_stage: 'text',
    moved_on: 'date',
    moved_at: 'instant',
    moved_by: 'uuid',
  },
  client_feedback: { id: 'uuid', client_id: 'uuid', project_id: 'uuid', score: 'int', comment: 'text', responded_on: 'date' },
  metrics: { id: 'uuid', name: 'text', unit: 'text', target: 'real', direction: 'text' },
  metric_values: { id: 'uuid', metric_id: 'uuid', recorded_on: 'date', value: 'real' },
};

export function columnsOf(table: SyncedTable): string[] {
  return Object.keys(SYNC_COLUMNS[table]);
}

/** A PostgreSQL expression that yields the column as SQLite stores it. */
function pgSelectExpression(table: SyncedTable, column: string): string {
  const ref = `t.${column}`;
  switch (SYNC_COLUMNS[table][column]) {
    case 'uuid':
    case 'json':
      return `${ref}::text AS ${column}`;
    case 'bool':
      return `${ref}::int AS ${column}`;
    case 'date':
      return `to_char(${ref}, 'YYYY-MM-DD') AS ${column}`;
    case 'instant':
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;
    default:
      return ref;
  }
}

/** `table.column` names this login may not read (a consultant's: cost rates): pulled as NULL. */
export type HiddenColumns = ReadonlySet<string>;
const NO_HIDDEN: HiddenColumns = new Set();

/** Columns the central database does not let this login read, so a pull leaves them empty. */
export const RESTRICTED_COLUMNS = ['consultants.cost_rate_cents'] as const;

/**
 * The select list (table alias `t`) giving a table's rows as the replica stores them, followed
 * by their clocks unless `clocks` is false: the order `PulledRow` values have.
 */
export function pgSelectList(
  table: SyncedTable,
  { clocks = true, hidden = NO_HIDDEN }: { clocks?: boolean; hidden?: HiddenColumns } = {},
): string {
  const columns = columnsOf(table).map((c) => (hidden.has(`${table}.${c}`) ? `NULL AS ${c}` : pgSelectExpression(table, c)));
  return [...columns, ...(clocks ? ['t._hlc', 't._clocks::text AS _clocks'] : [])].join(', ');
}

/** A SQLite row as JSON for PostgreSQL: booleans and JSON documents in their own types. */
export function toCentralJson(table: SyncedTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(SYNC_COLUMNS[table])) {
    const value = row[column];
    out[column] =
      value === null || value === undefined ? null : kind === 'bool' ? value === 1 : kind === 'json' ? JSON.parse(value as string) : value;
  }
  out._hlc = row._hlc;
  out._clocks = JSON.parse((row._clocks as string) || '{}');
  return out;
}
