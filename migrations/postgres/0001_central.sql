-- The central schema: the data model of DESIGN.md section 2 with the sync metadata of section 3.
-- Every synced table carries:
--   _hlc     hybrid-logical-clock stamp of the row's creation (a client's, or the server's)
--   _clocks  {column: hlc} for columns changed since; a column's clock is _clocks->>col ?? _hlc
--   _txid    top-level transaction id of the last write (pg_current_xact_id()), the pull cursor
-- Writes by other systems (workers, billing) are stamped with server clocks by a trigger, so they
-- take part in the same per-column last-writer-wins rule as the apps' writes.

-- Clocks -------------------------------------------------------------------------------------

CREATE FUNCTION ops_base36(value bigint, width int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  digits constant text := '0123456789abcdefghijklmnopqrstuvwxyz';
  result text := '';
BEGIN
  LOOP
    result := substr(digits, (value % 36)::int + 1, 1) || result;
    value := value / 36;
    EXIT WHEN value = 0;
  END LOOP;
  RETURN lpad(result, width, '0');
END $$;

-- Same format as the app's clock: 9 base-36 digits of ms, 4 of counter, then the node ('server').
CREATE FUNCTION ops_server_hlc() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT ops_base36((extract(epoch FROM clock_timestamp()) * 1000)::bigint, 9) || '-0000-server'
$$;

CREATE FUNCTION ops_in_sync() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('ops.sync', true), '') = 'on'
$$;

-- Per-column last writer wins: does the incoming clock of `col` beat the current one?
CREATE FUNCTION ops_wins(incoming jsonb, incoming_hlc text, current jsonb, current_hlc text, col text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(incoming ->> col, incoming_hlc) > coalesce(current ->> col, current_hlc)
$$;

-- The clocks of a row after a merge: the current ones, overridden where the incoming column won.
CREATE FUNCTION ops_merge_clocks(current jsonb, current_hlc text, incoming jsonb, incoming_hlc text, cols text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT current || coalesce(jsonb_object_agg(c, coalesce(incoming ->> c, incoming_hlc))
    FILTER (WHERE coalesce(incoming ->> c, incoming_hlc) > coalesce(current ->> c, current_hlc)), '{}'::jsonb)
  FROM unnest(cols) AS c
$$;

-- Stamps every write with its transaction id; direct writes (not the apps' sync) get server clocks
-- on the columns they change.
CREATE FUNCTION ops_stamp_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stamp text;
BEGIN
  NEW._txid := pg_current_xact_id();
  IF NOT ops_in_sync() THEN
    stamp := ops_server_hlc();
    IF TG_OP = 'INSERT' THEN
      NEW._hlc := coalesce(NEW._hlc, stamp);
    ELSE
      NEW._clocks := OLD._clocks || coalesce((
        SELECT jsonb_object_agg(n.key, stamp)
        FROM jsonb_each(to_jsonb(NEW)) AS n
        WHERE left(n.key, 1) <> '_' AND n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key
      ), '{}'::jsonb);
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- Deletes leave tombstones so every replica deletes the row too. The apps' sync writes its own
-- tombstone with the client's clock.
CREATE TABLE _tombstones (
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  _hlc text NOT NULL,
  _txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  deleted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (table_name, row_id)
);
CREATE INDEX _tombstones_txid ON _tombstones (_txid);

CREATE FUNCTION ops_record_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ops_in_sync() THEN
    INSERT INTO _tombstones (table_name, row_id, _hlc) VALUES (TG_TABLE_NAME, OLD.id, ops_server_hlc())
    ON CONFLICT (table_name, row_id) DO UPDATE SET _hlc = excluded._hlc, _txid = pg_current_xact_id(), deleted_at = now();
  END IF;
  RETURN OLD;
END $$;

-- One notification per writing statement pokes connected apps to pull at once.
CREATE FUNCTION ops_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ops_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$;

-- Data -----------------------------------------------------------------------------------------

CREATE TABLE consultants (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  default_rate_cents integer NOT NULL CHECK (default_rate_cents >= 0),
  cost_rate_cents integer NOT NULL CHECK (cost_rate_cents >= 0),
  weekly_capacity_hours integer NOT NULL CHECK (weekly_capacity_hours BETWEEN 0 AND 80),
  active boolean NOT NULL DEFAULT true,
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE clients (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  industry text NOT NULL,
  region text NOT NULL,
  nps integer CHECK (nps BETWEEN -100 AND 100),
  status text NOT NULL CHECK (status IN ('prospect', 'active', 'inactive')),
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE projects (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  name text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('pipeline_mvp', 'devops_foundation', 'enterprise_cloud')),
  status text NOT NULL CHECK (status IN ('proposed', 'active', 'on_hold', 'completed', 'cancelled')),
  budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
  hourly_rate_cents integer CHECK (hourly_rate_cents >= 0),
  rounding_mode text NOT NULL DEFAULT 'none' CHECK (rounding_mode IN ('none', 'up', 'down', 'nearest')),
  rounding_step integer NOT NULL DEFAULT 15 CHECK (rounding_step IN (6, 15)),
  start_on date NOT NULL,
  due_on date,
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX projects_client ON projects (client_id);

CREATE TABLE invoices (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  project_id uuid REFERENCES projects (id),
  number text NOT NULL UNIQUE,
  issued_on date NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  subtotal_cents bigint NOT NULL DEFAULT 0,
  tax_cents bigint NOT NULL DEFAULT 0,
  total_cents bigint NOT NULL DEFAULT 0,
  paid_on date,
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX invoices_project ON invoices (project_id);

CREATE TABLE time_entries (
  id uuid PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id),
  consultant_id uuid NOT NULL REFERENCES consultants (id),
  started_at timestamptz NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  billable boolean NOT NULL DEFAULT true,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  rate_cents integer NOT NULL CHECK (rate_cents >= 0),
  invoice_id uuid REFERENCES invoices (id),
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX time_entries_consultant_started ON time_entries (consultant_id, started_at);
CREATE INDEX time_entries_invoice ON time_entries (invoice_id) WHERE invoice_id IS NOT NULL;

CREATE TABLE expenses (
  id uuid PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id),
  category text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  spent_on date NOT NULL,
  note text NOT NULL DEFAULT '',
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE pipelines (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  params_schema jsonb NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE pipeline_jobs (
  id uuid PRIMARY KEY,
  pipeline_id uuid NOT NULL REFERENCES pipelines (id),
  project_id uuid REFERENCES projects (id),
  status text NOT NULL CHECK (status IN ('requested', 'queued', 'running', 'succeeded', 'failed', 'cancelled')),
  params jsonb NOT NULL DEFAULT '{}',
  requested_by uuid REFERENCES consultants (id),
  requested_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  error text,
  result_summary text,
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX pipeline_jobs_requested ON pipeline_jobs (requested_at);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['consultants', 'clients', 'projects', 'invoices', 'time_entries', 'expenses', 'pipelines', 'pipeline_jobs'] LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN _hlc SET DEFAULT ops_server_hlc()', t);
    EXECUTE format('CREATE INDEX %I ON %I (_txid)', t || '_txid', t);
    EXECUTE format('CREATE TRIGGER ops_stamp BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION ops_stamp_write()', t);
    EXECUTE format('CREATE TRIGGER ops_tombstone AFTER DELETE ON %I FOR EACH ROW EXECUTE FUNCTION ops_record_delete()', t);
    EXECUTE format('CREATE TRIGGER ops_notify AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION ops_notify_change()', t);
  END LOOP;
END $$ ;

-- Hours on a sent or paid invoice are locked: billing must void the invoice first.
CREATE FUNCTION ops_lock_billed_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.invoice_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM invoices WHERE id = OLD.invoice_id AND status IN ('sent', 'paid'))
     AND (TG_OP = 'DELETE' OR (to_jsonb(NEW) - '_hlc' - '_clocks' - '_txid') IS DISTINCT FROM (to_jsonb(OLD) - '_hlc' - '_clocks' - '_txid')) THEN
    RAISE EXCEPTION 'This entry is on an invoice that has been sent or paid, so it is locked. Ask billing to void the invoice first.'
      USING ERRCODE = 'P0001', HINT = 'locked';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER ops_lock_billed BEFORE UPDATE OR DELETE ON time_entries FOR EACH ROW EXECUTE FUNCTION ops_lock_billed_entries();

-- Sync bookkeeping -------------------------------------------------------------------------------

-- Per client (replica): the last mutation number applied, so a replayed batch changes nothing.
CREATE TABLE _sync_clients (
  client_id uuid PRIMARY KEY,
  role_name text NOT NULL DEFAULT current_user,
  last_mutation bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Mutations the server refused, with the reason: the client shows them and never loses them.
CREATE TABLE _sync_rejections (
  client_id uuid NOT NULL,
  mutation_id bigint NOT NULL,
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  reason text NOT NULL,
  role_name text NOT NULL DEFAULT current_user,
  rejected_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, mutation_id)
);

CREATE TABLE _schema_meta (
  id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL,
  -- Which central database this is: a replica's cursor is only valid against the one it came from.
  instance_id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Tombstones older than this have been purged: a client whose cursor is older must resync fully.
  tombstone_horizon xid8
);

-- Tombstones cannot be kept forever. Purging those older than `keep` moves the horizon: a replica
-- whose cursor is older than the newest purged tombstone resyncs fully on its next pull.
CREATE FUNCTION ops_purge_tombstones(keep interval) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  newest xid8;
  purged integer;
BEGIN
  WITH gone AS (DELETE FROM _tombstones WHERE deleted_at < now() - keep RETURNING _txid)
  SELECT max(_txid), count(*) INTO newest, purged FROM gone;
  IF newest IS NOT NULL THEN
    UPDATE _schema_meta SET tombstone_horizon = greatest(coalesce(tombstone_horizon, newest), newest) WHERE id = 1;
  END IF;
  RETURN purged;
END $$;

-- Which login role is which consultant (for row-level security).
CREATE TABLE consultant_roles (
  role_name text PRIMARY KEY,
  consultant_id uuid NOT NULL REFERENCES consultants (id)
);

CREATE FUNCTION ops_current_consultant() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT consultant_id FROM consultant_roles WHERE role_name = session_user
$$;

-- Roles and row-level security -------------------------------------------------------------------

DO $$
BEGIN
  CREATE ROLE ops_consultant NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  CREATE ROLE ops_admin NOLOGIN BYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

GRANT USAGE ON SCHEMA public TO ops_consultant, ops_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO ops_consultant;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ops_admin;
GRANT INSERT, UPDATE, DELETE ON time_entries, pipeline_jobs TO ops_consultant;
GRANT INSERT, UPDATE ON _sync_clients, _tombstones TO ops_consultant;
GRANT INSERT ON _sync_rejections TO ops_consultant;

-- A consultant reads everything the dashboards need, but changes only their own hours and the
-- pipeline jobs they requested.
ALTER TABLE time_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON time_entries FOR SELECT USING (true);
CREATE POLICY own_insert ON time_entries FOR INSERT WITH CHECK (consultant_id = ops_current_consultant());
CREATE POLICY own_update ON time_entries FOR UPDATE USING (consultant_id = ops_current_consultant()) WITH CHECK (consultant_id = ops_current_consultant());
CREATE POLICY own_delete ON time_entries FOR DELETE USING (consultant_id = ops_current_consultant());

ALTER TABLE pipeline_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON pipeline_jobs FOR SELECT USING (true);
CREATE POLICY own_insert ON pipeline_jobs FOR INSERT WITH CHECK (requested_by = ops_current_consultant());
CREATE POLICY own_update ON pipeline_jobs FOR UPDATE USING (requested_by = ops_current_consultant()) WITH CHECK (requested_by = ops_current_consultant());

ALTER TABLE _sync_clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_client ON _sync_clients USING (role_name = session_user) WITH CHECK (role_name = session_user);
ALTER TABLE _sync_rejections ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rejections ON _sync_rejections USING (role_name = session_user) WITH CHECK (role_name = session_user);
