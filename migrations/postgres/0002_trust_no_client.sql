-- The central database trusts no client (DESIGN.md section 3).
--
-- Consultant logins get no write privilege on any table. The apps push through ops_push(), a
-- SECURITY DEFINER function owned by ops_sync, a role no login is a member of: it checks who may
-- write and delete what, checks every clock's format and bound, takes an entry's rate from the
-- project, keeps the per-client ledger and the rejections. Triggers tell a sync write from a direct
-- one by who is writing (current_user is ops_sync only inside those functions), never by a setting.
-- Direct writes (billing, pipeline workers) always get server clocks, whatever clocks they set.

DO $$
BEGIN
  CREATE ROLE ops_sync NOLOGIN BYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO ops_sync;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ops_sync;

-- Consultants: read what the app shows, write nothing directly.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public FROM ops_consultant;
REVOKE ALL ON _sync_clients, _sync_rejections, consultant_roles FROM ops_consultant;
-- Cost rates are for admins: a consultant reads every other column of consultants.
REVOKE SELECT ON consultants FROM ops_consultant;
GRANT SELECT (id, name, email, default_rate_cents, weekly_capacity_hours, active, _hlc, _clocks, _txid) ON consultants TO ops_consultant;
REVOKE ALL ON FUNCTION ops_purge_tombstones(interval) FROM PUBLIC;

-- Clocks -----------------------------------------------------------------------------------------

-- How far ahead of the server's own time a stamp may be (laptop clocks drift a little).
CREATE FUNCTION ops_clock_bound() RETURNS interval LANGUAGE sql IMMUTABLE AS $$ SELECT interval '5 minutes' $$;

-- Nine base-36 digits of milliseconds, four of counter, then the node: the positions checked
-- apart, because a regular expression with counted repeats costs ten times as much per stamp.
CREATE FUNCTION ops_valid_hlc(stamp text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT stamp IS NOT NULL AND length(stamp) >= 16
     AND substr(stamp, 10, 1) = '-' AND substr(stamp, 15, 1) = '-'
     AND stamp ~ '^[0-9a-z]+-[0-9a-z]+-[0-9A-Za-z-]+$'
$$;

-- The latest stamp the server accepts now (its time plus the bound), as the first 9 characters
-- of a stamp compare.
CREATE FUNCTION ops_hlc_bound() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT ops_base36((extract(epoch FROM clock_timestamp() + ops_clock_bound()) * 1000)::bigint, 9)
$$;

-- A stamp as the server accepts it: well formed and not past `bound`, else `instead` (the server's
-- own stamp). Plain SQL, so the planner inlines it for every row of a push.
CREATE FUNCTION ops_checked_hlc(stamp text, bound text, instead text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ops_valid_hlc(stamp) AND left(stamp, 9) COLLATE "C" <= bound THEN stamp ELSE instead END
$$;

CREATE FUNCTION ops_checked_hlc(stamp text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT ops_checked_hlc(stamp, ops_hlc_bound(), ops_server_hlc())
$$;

-- A server stamp that sorts after `stamp`: the value the server chose instead of a client's wins.
CREATE FUNCTION ops_stamp_after(stamp text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  digits constant text := '0123456789abcdefghijklmnopqrstuvwxyz';
  counter bigint := 0;
  i int;
  bumped text;
BEGIN
  IF NOT ops_valid_hlc(stamp) THEN RETURN ops_server_hlc(); END IF;
  FOR i IN 1..4 LOOP
    counter := counter * 36 + strpos(digits, substr(stamp, 10 + i, 1)) - 1;
  END LOOP;
  IF counter >= 36 ^ 4 - 1 THEN RETURN ops_server_hlc(); END IF;
  bumped := left(stamp, 9) || '-' || ops_base36(counter + 1, 4) || '-server';
  RETURN greatest(bumped COLLATE "C", ops_server_hlc() COLLATE "C");
END $$;

-- Sync writes are those made inside ops_push (current_user is then its owner): no setting a
-- session can change decides it.
CREATE OR REPLACE FUNCTION ops_in_sync() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT current_user = 'ops_sync'
$$;

-- Direct writes get server clocks on every column they change, whatever clocks they set; a row
-- inserted again with a deleted row's id is an undelete, so its tombstone goes.
CREATE OR REPLACE FUNCTION ops_stamp_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stamp text;
BEGIN
  NEW._txid := pg_current_xact_id();
  -- (A sync write never inserts a tombstoned id: ops_push refuses it as deleted elsewhere.)
  IF TG_OP = 'INSERT' AND NOT ops_in_sync() THEN
    DELETE FROM _tombstones WHERE table_name = TG_TABLE_NAME AND row_id = NEW.id;
  END IF;
  IF NOT ops_in_sync() THEN
    stamp := ops_server_hlc();
    IF TG_OP = 'INSERT' THEN
      NEW._hlc := stamp;
      NEW._clocks := '{}'::jsonb;
    ELSE
      -- Each changed column sorts after the clock it replaces, even one a client set a little
      -- ahead of the server's time (within the bound): a direct write is always the later one.
      NEW._hlc := OLD._hlc;
      NEW._clocks := OLD._clocks || coalesce((
        SELECT jsonb_object_agg(n.key, CASE WHEN stamp COLLATE "C" > coalesce(OLD._clocks ->> n.key, OLD._hlc) THEN stamp
                                            ELSE ops_stamp_after(coalesce(OLD._clocks ->> n.key, OLD._hlc)) END)
        FROM jsonb_each(to_jsonb(NEW)) AS n
        WHERE left(n.key, 1) <> '_' AND n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key
      ), '{}'::jsonb);
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- Each synced table: stamps already stored that no replica could read (malformed) or that would
-- win for ever (far ahead) get the server's time, with the stamping trigger off (it keeps a row's
-- clocks on a direct write, and would undo this) and a new transaction id (so replicas pull them);
-- then the trigger comes back skipping sync writes altogether (ops_push sets their clocks and
-- transaction id itself: a trigger call per row was a fifth of a push's time).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['consultants', 'clients', 'projects', 'invoices', 'time_entries', 'expenses', 'pipelines', 'pipeline_jobs'] LOOP
    EXECUTE format('DROP TRIGGER ops_stamp ON %I', t);
    EXECUTE format($f$
      UPDATE %I SET _hlc = ops_checked_hlc(_hlc),
        _clocks = coalesce((SELECT jsonb_object_agg(k, ops_checked_hlc(v)) FROM jsonb_each_text(_clocks) AS c(k, v)), '{}'::jsonb),
        _txid = pg_current_xact_id()
      WHERE ops_checked_hlc(_hlc) <> _hlc
         OR EXISTS (SELECT 1 FROM jsonb_each_text(_clocks) AS c(k, v) WHERE ops_checked_hlc(v) <> v)$f$, t);
    EXECUTE format($f$CREATE TRIGGER ops_stamp BEFORE INSERT OR UPDATE ON %I FOR EACH ROW WHEN (current_user <> 'ops_sync') EXECUTE FUNCTION ops_stamp_write()$f$, t);
  END LOOP;
END $$;
UPDATE _tombstones SET _hlc = ops_checked_hlc(_hlc) WHERE ops_checked_hlc(_hlc) <> _hlc;

-- The newest clock of a row: its base clock or any column's.
CREATE FUNCTION ops_newest_clock(hlc text, clocks jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(hlc COLLATE "C", (SELECT max(value COLLATE "C") FROM jsonb_each_text(clocks)))
$$;

-- Stamps compare byte by byte, as the apps compare them, whatever the database's collation.
CREATE OR REPLACE FUNCTION ops_wins(incoming jsonb, incoming_hlc text, current jsonb, current_hlc text, col text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(incoming ->> col, incoming_hlc) COLLATE "C" > coalesce(current ->> col, current_hlc) COLLATE "C"
$$;

CREATE OR REPLACE FUNCTION ops_merge_clocks(current jsonb, current_hlc text, incoming jsonb, incoming_hlc text, cols text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT current || coalesce(jsonb_object_agg(c, coalesce(incoming ->> c, incoming_hlc))
    FILTER (WHERE coalesce(incoming ->> c, incoming_hlc) COLLATE "C" > coalesce(current ->> c, current_hlc) COLLATE "C"), '{}'::jsonb)
  FROM unnest(cols) AS c
$$;

-- Who is pushing --------------------------------------------------------------------------------

CREATE FUNCTION ops_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $$
  SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
      OR pg_has_role(session_user, 'ops_admin', 'MEMBER')
$$;

-- Which central history a replica's cursor belongs to: the database's instance id, and where it can
-- be read, the cluster's system identifier and timeline (pg_dump to a new server changes the first,
-- a point-in-time restore the second). Plain SQL, chosen below by what the migrating role may grant:
-- it runs on every new connection, where a PL/pgSQL function would first be compiled.
CREATE FUNCTION ops_history_id() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $$
  SELECT instance_id::text || '/' FROM _schema_meta WHERE id = 1
$$;

-- The data a consultant may not set. An entry's rate is the project's (else the consultant's
-- default), fixed when the server first sees the entry on that project (moved to another project,
-- it takes that one's); invoice_id changes only through invoicing.
CREATE FUNCTION ops_entry_rate(project uuid, consultant uuid) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT hourly_rate_cents FROM projects WHERE id = project), (SELECT default_rate_cents FROM consultants WHERE id = consultant), 0)
$$;

-- Upserts of one table from rows ($1): each row as the client has it now, with its per-column
-- clocks, checked against the bound $2 (replaced by the server's stamp $3 where they fail; $4: all
-- are known to pass). Returns the ids applied; an id not returned was deleted on the central
-- database.
CREATE FUNCTION ops_upsert_sql(tbl text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  cols text[];
  defs text;
BEGIN
  SELECT array_agg(a.attname::text ORDER BY a.attnum), string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
    INTO cols, defs
  FROM pg_attribute a
  WHERE a.attrelid = tbl::regclass AND a.attnum > 0 AND NOT a.attisdropped AND left(a.attname, 1) <> '_';
  RETURN format($f$
    INSERT INTO %1$I AS t (%2$s, _hlc, _clocks)
    SELECT %3$s,
      CASE WHEN $4 OR ops_clocks_ok(a.r, $2) THEN x._hlc ELSE ops_checked_hlc(x._hlc, $2, $3) END,
      CASE WHEN $4 OR ops_clocks_ok(a.r, $2) THEN x._clocks ELSE ops_checked_clocks(a.r, $2, $3) -> '_clocks' END
    FROM jsonb_array_elements($1) AS a(r), jsonb_to_record(a.r) AS x(%4$s, _hlc text, _clocks jsonb)
    WHERE NOT EXISTS (SELECT 1 FROM _tombstones d WHERE d.table_name = %5$L AND d.row_id = x.id)
    ON CONFLICT (id) DO UPDATE SET %6$s, _clocks = ops_merge_clocks(t._clocks, t._hlc, excluded._clocks, excluded._hlc, %7$L::text[]),
      _txid = pg_current_xact_id()
    RETURNING t.id$f$,
    tbl,
    (SELECT string_agg(format('%I', c), ', ') FROM unnest(cols) c),
    (SELECT string_agg(format('x.%I', c), ', ') FROM unnest(cols) c),
    defs,
    tbl,
    (SELECT string_agg(format('%1$I = CASE WHEN ops_wins(excluded._clocks, excluded._hlc, t._clocks, t._hlc, %2$L) THEN excluded.%1$I ELSE t.%1$I END', c, c), ', ')
       FROM unnest(cols) c WHERE c <> 'id'),
    (SELECT array_agg(c) FROM unnest(cols) c WHERE c <> 'id'));
END $$;

-- Errors that say nothing about the mutation (a timeout, a deadlock, a lost connection): the whole
-- push fails and is retried; they are never recorded as a refusal.
CREATE FUNCTION ops_transient(state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT left(state, 2) IN ('40', '53', '55', '57', '58', '08', 'XX', 'HV')
$$;

CREATE FUNCTION ops_refusal(state text, message text, hint text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN hint = 'locked' THEN message
    WHEN state = '42501' THEN 'The central database refused it: you can change only your own time entries (and pipeline jobs you requested).'
    WHEN state = '23503' THEN 'It refers to something that does not exist in the central database (' || message || ').'
    WHEN state = '23505' THEN 'Another row already uses the same value (' || message || ').'
    WHEN state IN ('23514', '23502') THEN 'A value is not allowed by the central database (' || message || ').'
    ELSE 'The central database refused it: ' || message
  END
$$;

-- Push -------------------------------------------------------------------------------------------

-- Whether a row's clocks are all acceptable: one expression the planner inlines into the push's
-- query (a function call per row costs more than the upsert itself).
CREATE FUNCTION ops_clocks_ok(rec jsonb, bound text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT ops_valid_hlc(rec ->> '_hlc') AND left(rec ->> '_hlc', 9) COLLATE "C" <= bound AND jsonb_typeof(rec -> '_clocks') = 'object'
     AND (rec -> '_clocks' = '{}'::jsonb
          OR NOT jsonb_path_exists(rec -> '_clocks',
               '$.* ? (@.type() != "string" || !(@ like_regex "^[0-9a-z]{9}-[0-9a-z]{4}-[0-9A-Za-z-]+$") || @ > $b)',
               jsonb_build_object('b', bound || '-~')))
$$;

-- A row with its clocks as the server accepts them (see ops_checked_hlc).
CREATE FUNCTION ops_checked_clocks(rec jsonb, bound text, instead text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT rec || jsonb_build_object(
      '_hlc', ops_checked_hlc(rec ->> '_hlc', bound, instead),
      '_clocks', coalesce((SELECT jsonb_object_agg(k, ops_checked_hlc(v, bound, instead))
                           FROM jsonb_each_text(CASE WHEN jsonb_typeof(rec -> '_clocks') = 'object' THEN rec -> '_clocks' ELSE '{}'::jsonb END) AS c(k, v)), '{}'::jsonb))
$$;

-- Who may change what: admins anything; a consultant only their own time entries and the
-- pipeline jobs they requested. Returns the refused items' reason, or null.
CREATE FUNCTION ops_not_allowed(tbl text, op text, id uuid, rec jsonb, admin boolean, me uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN admin THEN NULL
    WHEN tbl = 'time_entries' THEN
      CASE WHEN (op = 'upsert' AND (rec ->> 'consultant_id')::uuid IS DISTINCT FROM me)
             OR EXISTS (SELECT 1 FROM time_entries e WHERE e.id = ops_not_allowed.id AND e.consultant_id <> me)
           THEN 'The central database refused it: you can change only your own time entries.' END
    WHEN tbl = 'pipeline_jobs' AND op = 'upsert' THEN
      CASE WHEN (rec ->> 'requested_by')::uuid IS DISTINCT FROM me
             OR EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id AND j.requested_by IS DISTINCT FROM me)
           THEN 'The central database refused it: you can change only the pipeline jobs you requested.'
           -- A consultant requests a job or cancels it; its progress and result come from the workers.
           WHEN NOT EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id)
                AND (rec ->> 'status' IS DISTINCT FROM 'requested' OR rec ->> 'started_at' IS NOT NULL OR rec ->> 'finished_at' IS NOT NULL
                     OR rec ->> 'error' IS NOT NULL OR rec ->> 'result_summary' IS NOT NULL)
           THEN 'The central database refused it: a new pipeline job starts as requested; its progress comes from the pipeline.'
           WHEN EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id
                          -- (a stale copy of a column is no change: its older clock loses anyway)
                          AND ((rec ->> 'status' IS DISTINCT FROM j.status AND rec ->> 'status' IS DISTINCT FROM 'cancelled'
                                AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'status'))
                               OR ((rec ->> 'started_at')::timestamptz IS DISTINCT FROM j.started_at AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'started_at'))
                               OR ((rec ->> 'finished_at')::timestamptz IS DISTINCT FROM j.finished_at AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'finished_at'))
                               OR (rec ->> 'error' IS DISTINCT FROM j.error AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'error'))
                               OR (rec ->> 'result_summary' IS DISTINCT FROM j.result_summary AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'result_summary'))))
           THEN 'The central database refused it: only the pipeline reports a job''s progress and result; you can cancel it.' END
    ELSE 'The central database refused it: only an admin can ' || CASE WHEN op = 'delete' THEN 'delete ' ELSE 'change ' END || replace(tbl, '_', ' ') || '.'
  END
$$;

-- An entry as a consultant may send it: the server's rate (fixed when it first sees the entry) and
-- invoice, each stamped after the client's clock where it differs, so the replica takes it back.
CREATE FUNCTION ops_entry_as_allowed(rec jsonb) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
  SELECT rec || jsonb_build_object('rate_cents', s.rate, 'invoice_id', s.invoice, '_clocks', (rec -> '_clocks')
    || CASE WHEN (rec -> 'rate_cents') IS DISTINCT FROM to_jsonb(s.rate)
            THEN jsonb_build_object('rate_cents', ops_stamp_after(greatest(s.rate_clock, coalesce(rec -> '_clocks' ->> 'rate_cents', rec ->> '_hlc')))) ELSE '{}'::jsonb END
    || CASE WHEN (rec -> 'invoice_id') IS DISTINCT FROM coalesce(to_jsonb(s.invoice), 'null'::jsonb)
            THEN jsonb_build_object('invoice_id', ops_stamp_after(greatest(s.invoice_clock, coalesce(rec -> '_clocks' ->> 'invoice_id', rec ->> '_hlc')))) ELSE '{}'::jsonb END)
  FROM (
    SELECT coalesce(CASE WHEN e.project_id = (rec ->> 'project_id')::uuid THEN e.rate_cents END,
                    ops_entry_rate((rec ->> 'project_id')::uuid, (rec ->> 'consultant_id')::uuid)) AS rate,
           e.invoice_id AS invoice,
           coalesce(e._clocks ->> 'rate_cents', e._hlc, '') AS rate_clock,
           coalesce(e._clocks ->> 'invoice_id', e._hlc, '') AS invoice_clock
    FROM (SELECT 1) AS one LEFT JOIN time_entries e ON e.id = (rec ->> 'id')::uuid
  ) s
$$;

-- One batch of a replica's outbox, in order. `runs` is [{table, op, ms, ids, hlcs, rows}]: runs of
-- consecutive mutations of one table and kind, as parallel arrays of mutation numbers, row ids and
-- clocks, and for upserts the rows as the client has them now (null: gone locally since, nothing
-- to send). `known_last` is the last mutation number the replica knows the server applied.
-- Answers:
--   {status: 'ok', last, rejected: [{m, id, reason}], restamped, server_ms}
--   {status: 'ahead', last, last_hlc, last_row, rejected}  the server applied more than the replica
--       knows: a lost acknowledgement (the replica holds that mutation), or a copied or restored
--       replica (it does not, and takes a new client id); nothing was applied
--   {status: 'behind', last}  the server knows less than the replica was told: the central was
--       restored; nothing was applied
--   {status: 'taken'}  the client id belongs to another login; nothing was applied
CREATE FUNCTION ops_push(client uuid, known_last bigint, runs jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $$
DECLARE
  ledger _sync_clients%ROWTYPE;
  admin boolean := ops_is_admin();
  me uuid := ops_current_consultant();
  run jsonb;
  tbl text;
  op text;
  item jsonb;
  k int;
  last_m bigint;
  all_ms bigint[];
  all_ids uuid[];
  all_hlcs text[];
  row_ms bigint[];
  batch_rows jsonb;
  why text;
  batch_last_hlc text;
  batch_last_row uuid;
  refused jsonb := '[]'::jsonb;
  restamped int := 0;
  n int;
  prev bigint;
  applied uuid[];
  upsert text;
  bound text := ops_hlc_bound();
  instead text := ops_server_hlc();
  err_state text;
  err_message text;
  err_hint text;
BEGIN
  IF NOT admin AND me IS NULL THEN
    RAISE EXCEPTION 'The login % is not mapped to a consultant. Ask an admin to map it (consultant_roles).', session_user
      USING ERRCODE = '42501';
  END IF;
  INSERT INTO _sync_clients (client_id, role_name) VALUES (client, session_user) ON CONFLICT (client_id) DO NOTHING;
  -- Whose client id this is, before any lock: a login must not be able to hold a colleague's
  -- ledger row locked (client ids are no secret) and so stall the colleague's sync.
  IF (SELECT role_name FROM _sync_clients WHERE client_id = client) <> session_user THEN
    RETURN jsonb_build_object('status', 'taken');
  END IF;
  SELECT * INTO ledger FROM _sync_clients WHERE client_id = client FOR UPDATE;
  IF ledger.last_mutation > known_last THEN
    RETURN jsonb_build_object('status', 'ahead', 'last', ledger.last_mutation, 'last_hlc', ledger.last_hlc, 'last_row', ledger.last_row,
      'rejected', coalesce((SELECT jsonb_agg(jsonb_build_object('m', mutation_id, 'id', row_id, 'reason', reason)) FROM _sync_rejections r
                            WHERE r.client_id = client AND r.mutation_id > known_last), '[]'::jsonb));
  END IF;
  IF ledger.last_mutation < known_last THEN
    RETURN jsonb_build_object('status', 'behind', 'last', ledger.last_mutation);
  END IF;

  prev := ledger.last_mutation;
  FOR run IN SELECT value FROM jsonb_array_elements(runs) LOOP
    tbl := run ->> 'table';
    op := run ->> 'op';
    IF tbl IS NULL OR tbl NOT IN ('consultants', 'clients', 'projects', 'invoices', 'time_entries', 'expenses', 'pipelines', 'pipeline_jobs')
       OR op IS NULL OR op NOT IN ('upsert', 'delete') THEN
      RAISE EXCEPTION 'Not a synced table or operation: % %', tbl, op USING ERRCODE = '22023';
    END IF;
    all_ms := ARRAY(SELECT jsonb_array_elements_text(run -> 'ms')::bigint);
    all_ids := ARRAY(SELECT jsonb_array_elements_text(run -> 'ids')::uuid);
    all_hlcs := ARRAY(SELECT jsonb_array_elements_text(run -> 'hlcs'));
    IF cardinality(all_ids) <> cardinality(all_ms) OR cardinality(all_hlcs) <> cardinality(all_ms)
       OR (op = 'upsert' AND jsonb_array_length(run -> 'rows') <> cardinality(all_ms)) THEN
      RAISE EXCEPTION 'A push run must give as many ids, clocks (and rows) as mutation numbers' USING ERRCODE = '22023';
    END IF;
    -- Mutation numbers must increase.
    FOREACH last_m IN ARRAY all_ms LOOP
      IF last_m IS NULL OR last_m <= prev THEN
        RAISE EXCEPTION 'Mutation numbers must increase, after %', prev USING ERRCODE = '22023';
      END IF;
      prev := last_m;
    END LOOP;
    batch_last_hlc := all_hlcs[cardinality(all_hlcs)];
    batch_last_row := all_ids[cardinality(all_ids)];

    IF op = 'upsert' THEN
      -- The rows to apply (each as the client has it now; null: gone locally, nothing to send) and
      -- their mutation numbers. A consultant applies only what is theirs, with the server's rate
      -- (fixed when it first sees the entry) and invoice, each stamped after the client's clock
      -- where it differs, so the replica takes it back.
      batch_rows := run -> 'rows';
      row_ms := all_ms;
      IF NOT admin THEN
        refused := refused || coalesce((SELECT jsonb_agg(jsonb_build_object('m', all_ms[i], 'id', r -> 'id', 'reason', na.reason))
          FROM jsonb_array_elements(batch_rows) WITH ORDINALITY AS a(r, i), ops_not_allowed(tbl, op, (r ->> 'id')::uuid, r, admin, me) AS na(reason)
          WHERE jsonb_typeof(r) = 'object' AND na.reason IS NOT NULL), '[]'::jsonb);
        SELECT coalesce(jsonb_agg(CASE WHEN tbl <> 'time_entries'
                                         OR (r -> 'rate_cents' = to_jsonb(server.rate) AND r -> 'invoice_id' = coalesce(to_jsonb(server.invoice), 'null'::jsonb))
                                       THEN r ELSE ops_entry_as_allowed(r) END ORDER BY i), '[]'::jsonb),
               coalesce(array_agg(all_ms[i] ORDER BY i), '{}')
          INTO batch_rows, row_ms
        FROM jsonb_array_elements(batch_rows) WITH ORDINALITY AS a(r, i)
        LEFT JOIN time_entries e ON tbl = 'time_entries' AND e.id = (r ->> 'id')::uuid
        LEFT JOIN projects pr ON tbl = 'time_entries' AND pr.id = (r ->> 'project_id')::uuid,
        LATERAL (SELECT coalesce(CASE WHEN e.project_id = (r ->> 'project_id')::uuid THEN e.rate_cents END,
                                 pr.hourly_rate_cents, (SELECT default_rate_cents FROM consultants WHERE id = me), 0) AS rate,
                        e.invoice_id AS invoice) AS server
        WHERE jsonb_typeof(r) = 'object' AND ops_not_allowed(tbl, op, (r ->> 'id')::uuid, r, admin, me) IS NULL;
      ELSIF jsonb_path_exists(batch_rows, '$[*] ? (@.type() != "object")') THEN
        SELECT coalesce(jsonb_agg(r ORDER BY i), '[]'::jsonb), coalesce(array_agg(all_ms[i] ORDER BY i), '{}') INTO batch_rows, row_ms
        FROM jsonb_array_elements(batch_rows) WITH ORDINALITY AS a(r, i) WHERE jsonb_typeof(r) = 'object';
      END IF;
      IF jsonb_array_length(batch_rows) > 0 THEN
        -- Usually every clock passes: one path query over the whole run says so; only otherwise
        -- is each row looked at.
        n := 0;
        IF jsonb_path_exists(batch_rows, '$[*] ? (
              !(@._hlc like_regex "^[0-9a-z]{9}-[0-9a-z]{4}-[0-9A-Za-z-]+$") || @._hlc > $b || @._clocks.type() != "object"
              || exists(@._clocks.* ? (@.type() != "string" || !(@ like_regex "^[0-9a-z]{9}-[0-9a-z]{4}-[0-9A-Za-z-]+$") || @ > $b)))',
            jsonb_build_object('b', bound || '-~')) THEN
          n := (SELECT count(*) FROM jsonb_array_elements(batch_rows) AS r WHERE NOT ops_clocks_ok(r, bound));
        END IF;
        restamped := restamped + n;
        upsert := format('WITH applied AS (%s) SELECT array_agg(id) FROM applied', ops_upsert_sql(tbl));
        BEGIN
          EXECUTE upsert INTO applied USING batch_rows, bound, instead, n = 0;
          IF coalesce(cardinality(applied), 0) < jsonb_array_length(batch_rows) THEN
            refused := refused || coalesce((SELECT jsonb_agg(jsonb_build_object('m', row_ms[i], 'id', r -> 'id', 'reason',
                'This row was deleted on another device or by another system, so the change cannot be applied.'))
              FROM jsonb_array_elements(batch_rows) WITH ORDINALITY AS a(r, i)
              WHERE (r ->> 'id')::uuid NOT IN (SELECT unnest(applied))), '[]'::jsonb);
          END IF;
        EXCEPTION WHEN OTHERS THEN
          GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE;
          IF ops_transient(err_state) THEN RAISE; END IF;
          -- Something in the run was refused: row by row, keeping the rest.
          FOR k IN 1 .. jsonb_array_length(batch_rows) LOOP
            item := batch_rows -> (k - 1);
            BEGIN
              EXECUTE upsert INTO applied USING jsonb_build_array(item), bound, instead, false;
              IF applied IS NULL THEN
                refused := refused || jsonb_build_array(jsonb_build_object('m', row_ms[k], 'id', item -> 'id', 'reason',
                  'This row was deleted on another device or by another system, so the change cannot be applied.'));
              END IF;
            EXCEPTION WHEN OTHERS THEN
              GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT, err_hint = PG_EXCEPTION_HINT;
              IF ops_transient(err_state) THEN RAISE; END IF;
              refused := refused || jsonb_build_array(jsonb_build_object('m', row_ms[k], 'id', item -> 'id', 'reason',
                ops_refusal(err_state, err_message, err_hint)));
            END;
          END LOOP;
        END;
      END IF;
    ELSE
      -- Deletes leave a tombstone with the replica's (checked) clock, so every replica deletes the
      -- row too. A row already gone needs nothing. A row changed after the delete (by clock: an
      -- edit the deleting replica had not seen) is kept, and the delete refused, visibly. A
      -- consultant deletes only their own entries.
      FOR k IN 1 .. cardinality(all_ms) LOOP
        why := CASE WHEN admin THEN NULL ELSE ops_not_allowed(tbl, op, all_ids[k], NULL, admin, me) END;
        IF why IS NOT NULL THEN
          refused := refused || jsonb_build_array(jsonb_build_object('m', all_ms[k], 'id', all_ids[k], 'reason', why));
          CONTINUE;
        END IF;
        BEGIN
          EXECUTE format('DELETE FROM %I WHERE id = $1 AND ops_newest_clock(_hlc, _clocks) <= $2', tbl)
            USING all_ids[k], ops_checked_hlc(all_hlcs[k], bound, instead);
          GET DIAGNOSTICS n = ROW_COUNT;
          IF n = 0 THEN
            EXECUTE format('SELECT count(*) FROM %I WHERE id = $1', tbl) INTO n USING all_ids[k];
            IF n > 0 THEN
              refused := refused || jsonb_build_array(jsonb_build_object('m', all_ms[k], 'id', all_ids[k], 'reason',
                'This row was changed on another device after you deleted it, so it was kept. Discard your delete to keep the row, or retry to delete it anyway.'));
            END IF;
            n := 0;
          END IF;
          IF n > 0 THEN
            INSERT INTO _tombstones (table_name, row_id, _hlc) VALUES (tbl, all_ids[k], ops_checked_hlc(all_hlcs[k], bound, instead))
            ON CONFLICT (table_name, row_id) DO UPDATE SET _hlc = greatest(_tombstones._hlc COLLATE "C", excluded._hlc COLLATE "C"), _txid = pg_current_xact_id(), deleted_at = now();
          END IF;
        EXCEPTION WHEN OTHERS THEN
          GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT, err_hint = PG_EXCEPTION_HINT;
          IF ops_transient(err_state) THEN RAISE; END IF;
          refused := refused || jsonb_build_array(jsonb_build_object('m', all_ms[k], 'id', all_ids[k], 'reason', ops_refusal(err_state, err_message, err_hint)));
        END;
      END LOOP;
    END IF;
  END LOOP;

  INSERT INTO _sync_rejections (client_id, mutation_id, table_name, row_id, reason)
  SELECT client, (r ->> 'm')::bigint, '', (r ->> 'id')::uuid, r ->> 'reason' FROM jsonb_array_elements(refused) AS r;
  IF prev > ledger.last_mutation THEN
    UPDATE _sync_clients SET last_mutation = prev, updated_at = now(), last_hlc = batch_last_hlc, last_row = batch_last_row
    WHERE client_id = client;
  END IF;
  RETURN jsonb_build_object('status', 'ok', 'last', prev, 'rejected', refused, 'restamped', restamped,
    'server_ms', (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
END $$;

ALTER TABLE _sync_clients ADD COLUMN last_hlc text, ADD COLUMN last_row uuid;
ALTER TABLE _sync_rejections ALTER COLUMN table_name SET DEFAULT '';

REVOKE ALL ON FUNCTION ops_push(uuid, bigint, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ops_push(uuid, bigint, jsonb) TO ops_consultant, ops_admin;
ALTER FUNCTION ops_push(uuid, bigint, jsonb) OWNER TO ops_sync;
ALTER FUNCTION ops_is_admin() OWNER TO ops_sync;
DO $$
BEGIN
  GRANT EXECUTE ON FUNCTION pg_control_system() TO ops_sync;
  GRANT EXECUTE ON FUNCTION pg_control_checkpoint() TO ops_sync;
  CREATE OR REPLACE FUNCTION ops_history_id() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $f$
    SELECT m.instance_id::text || '/' || s.system_identifier::text || '/' || c.timeline_id::text
    FROM _schema_meta m, pg_control_system() s, pg_control_checkpoint() c WHERE m.id = 1
  $f$;
EXCEPTION WHEN insufficient_privilege THEN NULL; -- a managed server: the instance id alone then
END $$;
ALTER FUNCTION ops_history_id() OWNER TO ops_sync;

-- A SECURITY DEFINER function must not find a session's temporary tables first (a consultant could
-- otherwise shadow consultant_roles and push as a colleague): pg_temp goes last.
CREATE OR REPLACE FUNCTION ops_current_consultant() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $$
  SELECT consultant_id FROM consultant_roles WHERE role_name = session_user
$$;
