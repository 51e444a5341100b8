-- Sales (issue 13): leads and their stage events, client feedback (NPS survey responses), and the
-- admins' custom metrics with their recorded values. Synced tables, with the same per-column clocks
-- as the others (0001_initial.sql); who may write what is enforced by the central database
-- (migrations/postgres/0007_sales.sql, docs/sales.md).

CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('open_source', 'content', 'networking', 'referral', 'other')),
  tier TEXT NOT NULL CHECK (tier IN ('pipeline_mvp', 'devops_foundation', 'enterprise_cloud')),
  estimated_value_cents INTEGER NOT NULL CHECK (estimated_value_cents >= 0),
  probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
  expected_close_on TEXT,
  owner_id TEXT NOT NULL REFERENCES consultants (id),
  stage TEXT NOT NULL CHECK (stage IN ('discovery', 'proposal', 'implementation', 'follow_up', 'won', 'lost')),
  -- The local day it was created (its first event's day), so a range of creation days reads an index.
  created_on TEXT NOT NULL,
  client_id TEXT REFERENCES clients (id),
  project_id TEXT REFERENCES projects (id),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX leads_stage ON leads (stage, estimated_value_cents, probability);
CREATE INDEX leads_created ON leads (created_on);
CREATE INDEX leads_client ON leads (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX leads_owner ON leads (owner_id);

-- Every stage a lead entered, with the day: its creation (from_stage NULL) and each move.
CREATE TABLE lead_events (
  id TEXT PRIMARY KEY,
  lead_id TEXT NOT NULL REFERENCES leads (id),
  from_stage TEXT CHECK (from_stage IN ('discovery', 'proposal', 'implementation', 'follow_up', 'won', 'lost')),
  to_stage TEXT NOT NULL CHECK (to_stage IN ('discovery', 'proposal', 'implementation', 'follow_up', 'won', 'lost')),
  moved_on TEXT NOT NULL,
  moved_at TEXT NOT NULL,
  moved_by TEXT NOT NULL REFERENCES consultants (id),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}',
  CHECK (from_stage IS NULL OR from_stage <> to_stage)
);
CREATE INDEX lead_events_lead ON lead_events (lead_id, moved_on);
CREATE INDEX lead_events_stage ON lead_events (to_stage, moved_on, lead_id);

CREATE TABLE client_feedback (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (id),
  project_id TEXT REFERENCES projects (id),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  responded_on TEXT NOT NULL,
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX client_feedback_responded ON client_feedback (responded_on, client_id, project_id, score);
CREATE INDEX client_feedback_client ON client_feedback (client_id, responded_on);

CREATE TABLE metrics (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  target REAL NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE metric_values (
  id TEXT PRIMARY KEY,
  metric_id TEXT NOT NULL REFERENCES metrics (id),
  recorded_on TEXT NOT NULL,
  value REAL NOT NULL,
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX metric_values_metric ON metric_values (metric_id, recorded_on);
