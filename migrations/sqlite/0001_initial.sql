-- The local replica: the data model of DESIGN.md section 2, with per-column sync clocks, plus the
-- local-only tables (outbox, webhook deliveries, sync state, settings, running timer).
-- Every synced table carries:
--   _hlc     the hybrid-logical-clock stamp of the write that created (or last replaced) the row
--   _clocks  JSON {column: hlc} for columns changed since; a column's clock is _clocks[col] ?? _hlc
-- Money is integer cents, instants are UTC ISO-8601 text, booleans are 0/1, ids are UUIDv7 text.
-- Uniqueness (emails, invoice numbers, pipeline slugs) is enforced by the central database: a local
-- UNIQUE constraint could make a pulled row collide with a local change the central refused, and
-- wedge every later pull. Here they are plain indexes.

CREATE TABLE consultants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  default_rate_cents INTEGER NOT NULL CHECK (default_rate_cents >= 0),
  cost_rate_cents INTEGER NOT NULL CHECK (cost_rate_cents >= 0),
  weekly_capacity_hours INTEGER NOT NULL CHECK (weekly_capacity_hours BETWEEN 0 AND 80),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX consultants_email ON consultants (email);

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  industry TEXT NOT NULL,
  region TEXT NOT NULL,
  nps INTEGER CHECK (nps BETWEEN -100 AND 100),
  status TEXT NOT NULL CHECK (status IN ('prospect', 'active', 'inactive')),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (id),
  name TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('pipeline_mvp', 'devops_foundation', 'enterprise_cloud')),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'on_hold', 'completed', 'cancelled')),
  budget_cents INTEGER NOT NULL CHECK (budget_cents >= 0),
  hourly_rate_cents INTEGER CHECK (hourly_rate_cents >= 0),
  rounding_mode TEXT NOT NULL DEFAULT 'none' CHECK (rounding_mode IN ('none', 'up', 'down', 'nearest')),
  rounding_step INTEGER NOT NULL DEFAULT 15 CHECK (rounding_step IN (6, 15)),
  start_on TEXT NOT NULL,
  due_on TEXT,
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX projects_client ON projects (client_id);

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (id),
  project_id TEXT REFERENCES projects (id),
  number TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  subtotal_cents INTEGER NOT NULL DEFAULT 0,
  tax_cents INTEGER NOT NULL DEFAULT 0,
  total_cents INTEGER NOT NULL DEFAULT 0,
  paid_on TEXT,
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX invoices_project ON invoices (project_id);
CREATE INDEX invoices_client ON invoices (client_id);
CREATE INDEX invoices_number ON invoices (number);

CREATE TABLE time_entries (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  consultant_id TEXT NOT NULL REFERENCES consultants (id),
  started_at TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  rate_cents INTEGER NOT NULL CHECK (rate_cents >= 0),
  invoice_id TEXT REFERENCES invoices (id),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX time_entries_consultant_started ON time_entries (consultant_id, started_at);
CREATE INDEX time_entries_project_started ON time_entries (project_id, started_at);
CREATE INDEX time_entries_invoice ON time_entries (invoice_id) WHERE invoice_id IS NOT NULL;

CREATE TABLE expenses (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  category TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  spent_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX expenses_project ON expenses (project_id, spent_on);

CREATE TABLE pipelines (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  params_schema TEXT NOT NULL DEFAULT '{}',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX pipelines_slug ON pipelines (slug);

CREATE TABLE pipeline_jobs (
  id TEXT PRIMARY KEY,
  pipeline_id TEXT NOT NULL REFERENCES pipelines (id),
  project_id TEXT REFERENCES projects (id),
  status TEXT NOT NULL CHECK (status IN ('requested', 'queued', 'running', 'succeeded', 'failed', 'cancelled')),
  params TEXT NOT NULL DEFAULT '{}',
  requested_by TEXT REFERENCES consultants (id),
  requested_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  error TEXT,
  result_summary TEXT,
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX pipeline_jobs_pipeline_requested ON pipeline_jobs (pipeline_id, requested_at);
CREATE INDEX pipeline_jobs_requested ON pipeline_jobs (requested_at);

-- Local only ---------------------------------------------------------------------------------

-- Pending mutations, in the order they were made. mutation_id is the per-client increasing
-- mutation number of the sync protocol. `columns` is a JSON array of the changed columns (NULL:
-- the whole row); values are read from the row when pushed, with their per-column clocks.
CREATE TABLE outbox (
  mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  columns TEXT,
  hlc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  rejected_reason TEXT,
  rejected_at TEXT
);
CREATE INDEX outbox_row ON outbox (table_name, row_id);

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  url_path TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed'))
);

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor TEXT,
  last_success_at TEXT,
  last_attempt_at TEXT,
  last_error TEXT
);
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- At most one running timer per replica; persisted the moment it starts.
CREATE TABLE running_timer (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  project_id TEXT NOT NULL REFERENCES projects (id),
  consultant_id TEXT NOT NULL REFERENCES consultants (id),
  note TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL
);
