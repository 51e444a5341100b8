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

CREATE FUNCTION ops_valid_hlc(stamp text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT stamp IS NOT NULL AND stamp ~ '^[0-9a-z]{9}-[0-9a-z]{4}-[0-9A-Za-z-]{1,64}$'
$$;

-- A stamp as the server accepts it: well formed and not past its time plus the bound, else the
-- server's own stamp.
CREATE FUNCTION ops_checked_hlc(stamp text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE
    WHEN ops_valid_hlc(stamp)
     AND left(stamp, 9) <= ops_base36((extract(epoch FROM clock_timestamp() + ops_clock_bound()) * 1000)::bigint, 9)
    THEN stamp ELSE ops_server_hlc() END
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
  RETURN greatest(bumped, ops_server_hlc());
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
  IF TG_OP = 'INSERT' THEN
    DELETE FROM _tombstones WHERE table_name = TG_TABLE_NAME AND row_id = NEW.id;
  END IF;
  IF NOT ops_in_sync() THEN
    stamp := ops_server_hlc();
    IF TG_OP = 'INSERT' THEN
      NEW._hlc := stamp;
      NEW._clocks := '{}'::jsonb;
    ELSE
      NEW._hlc := OLD._hlc;
      NEW._clocks := OLD._clocks || coalesce((
        SELECT jsonb_object_agg(n.key, stamp)
        FROM jsonb_each(to_jsonb(NEW)) AS n
        WHERE left(n.key, 1) <> '_' AND n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key
      ), '{}'::jsonb);
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- Stamps already stored that no replica could read (malformed) or that would win for ever (far
-- ahead): the server's time instead.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['consultants', 'clients', 'projects', 'invoices', 'time_entries', 'expenses', 'pipelines', 'pipeline_jobs'] LOOP
    EXECUTE format($f$
      UPDATE %I SET _hlc = ops_checked_hlc(_hlc),
        _clocks = coalesce((SELECT jsonb_object_agg(k, ops_checked_hlc(v)) FROM jsonb_each_text(_clocks) AS c(k, v)), '{}'::jsonb)
      WHERE ops_checked_hlc(_hlc) <> _hlc
         OR EXISTS (SELECT 1 FROM jsonb_each_text(_clocks) AS c(k, v) WHERE ops_checked_hlc(v) <> v)$f$, t);
  END LOOP;
END $$;
UPDATE _tombstones SET _hlc = ops_checked_hlc(_hlc) WHERE ops_checked_hlc(_hlc) <> _hlc;

-- The newest clock of a row: its base clock or any column's.
CREATE FUNCTION ops_newest_clock(hlc text, clocks jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(hlc, (SELECT max(value) FROM jsonb_each_text(clocks)))
$$;

-- Who is pushing --------------------------------------------------------------------------------

CREATE FUNCTION ops_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $$
  SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
      OR pg_has_role(session_user, 'ops_admin', 'MEMBER')
$$;

-- Which central history a replica's cursor belongs to: the database's instance id, and where it can
-- be read, the cluster's system identifier and timeline (pg_dump to a new server changes the first,
-- a point-in-time restore the second).
CREATE FUNCTION ops_history_id() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $$
DECLARE
  cluster text := '';
BEGIN
  BEGIN
    SELECT s.system_identifier::text || '/' || c.timeline_id::text INTO cluster FROM pg_control_system() s, pg_control_checkpoint() c;
  EXCEPTION WHEN insufficient_privilege THEN
    cluster := '';
  END;
  RETURN (SELECT instance_id::text FROM _schema_meta WHERE id = 1) || '/' || coalesce(cluster, '');
END $$;

-- The data a consultant may not set. An entry's rate is the project's (else the consultant's
-- default), fixed when the server first sees the entry; invoice_id changes only through invoicing.
CREATE FUNCTION ops_entry_rate(project uuid, consultant uuid) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT hourly_rate_cents FROM projects WHERE id = project), (SELECT default_rate_cents FROM consultants WHERE id = consultant), 0)
$$;

-- Upserts of one table: rows as the client has them now, with their per-column clocks. Returns
-- the ids applied; an id not returned was deleted on the central database.
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
    SELECT %3$s, x._hlc, x._clocks FROM jsonb_to_recordset($1) AS x(%4$s, _hlc text, _clocks jsonb)
    WHERE NOT EXISTS (SELECT 1 FROM _tombstones d WHERE d.table_name = %5$L AND d.row_id = x.id)
    ON CONFLICT (id) DO UPDATE SET %6$s, _clocks = ops_merge_clocks(t._clocks, t._hlc, excluded._clocks, excluded._hlc, %7$L::text[])
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

-- A row's clocks as the server accepts them (see ops_checked_hlc).
CREATE FUNCTION ops_checked_clocks(rec jsonb) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
  SELECT rec || jsonb_build_object(
    '_hlc', ops_checked_hlc(rec ->> '_hlc'),
    '_clocks', coalesce((SELECT jsonb_object_agg(k, ops_checked_hlc(v))
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
           THEN 'The central database refused it: you can change only the pipeline jobs you requested.' END
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
    SELECT coalesce(e.rate_cents, ops_entry_rate((rec ->> 'project_id')::uuid, (rec ->> 'consultant_id')::uuid)) AS rate,
           e.invoice_id AS invoice,
           coalesce(e._clocks ->> 'rate_cents', e._hlc, '') AS rate_clock,
           coalesce(e._clocks ->> 'invoice_id', e._hlc, '') AS invoice_clock
    FROM (SELECT 1) AS one LEFT JOIN time_entries e ON e.id = (rec ->> 'id')::uuid
  ) s
$$;

-- One batch of a replica's outbox, in order. `runs` is [{table, op, mutations: [{m, id, hlc, row}]}]
-- with consecutive mutations of one table and kind grouped (`row` null: nothing to send, the row
-- is gone locally). `known_last` is the last mutation number the replica knows the server applied.
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
  items jsonb;
  item jsonb;
  pending jsonb;
  refused jsonb := '[]'::jsonb;
  restamped int := 0;
  n int;
  prev bigint;
  applied uuid[];
  upsert text;
  err_state text;
  err_message text;
  err_hint text;
BEGIN
  IF NOT admin AND me IS NULL THEN
    RAISE EXCEPTION 'The login % is not mapped to a consultant. Ask an admin to map it (consultant_roles).', session_user
      USING ERRCODE = '42501';
  END IF;
  INSERT INTO _sync_clients (client_id, role_name) VALUES (client, session_user) ON CONFLICT (client_id) DO NOTHING;
  SELECT * INTO ledger FROM _sync_clients WHERE client_id = client FOR UPDATE;
  IF ledger.role_name <> session_user THEN
    RETURN jsonb_build_object('status', 'taken');
  END IF;
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
    FOR item IN SELECT value FROM jsonb_array_elements(run -> 'mutations') LOOP
      IF (item ->> 'm')::bigint <= prev THEN
        RAISE EXCEPTION 'Mutation numbers must increase (% after %)', item ->> 'm', prev USING ERRCODE = '22023';
      END IF;
      prev := (item ->> 'm')::bigint;
    END LOOP;

    -- Each item gets a verdict: null (to apply), 'same' (nothing to send) or a refusal.
    items := (SELECT jsonb_agg(x || jsonb_build_object('verdict',
                CASE WHEN op = 'upsert' AND jsonb_typeof(x -> 'row') IS DISTINCT FROM 'object' THEN 'same'
                     ELSE ops_not_allowed(tbl, op, (x ->> 'id')::uuid, x -> 'row', admin, me) END) ORDER BY i)
              FROM jsonb_array_elements(run -> 'mutations') WITH ORDINALITY AS a(x, i));
    refused := refused || coalesce((SELECT jsonb_agg(jsonb_build_object('m', x -> 'm', 'id', x -> 'id', 'reason', x -> 'verdict'))
      FROM jsonb_array_elements(items) AS x WHERE x ->> 'verdict' NOT IN ('same')), '[]'::jsonb);

    IF op = 'upsert' THEN
      -- Clocks checked (the server's time for any it cannot accept); the row's id is the mutation's.
      pending := (SELECT jsonb_agg(jsonb_build_object('m', x -> 'm', 'sent', x -> 'row',
                     'row', ops_checked_clocks(x -> 'row') || jsonb_build_object('id', x -> 'id')) ORDER BY i)
                  FROM jsonb_array_elements(items) WITH ORDINALITY AS a(x, i) WHERE x ->> 'verdict' IS NULL);
      IF pending IS NOT NULL THEN
        restamped := restamped + (SELECT count(*) FROM jsonb_array_elements(pending) AS p
          WHERE p -> 'row' -> '_hlc' IS DISTINCT FROM p -> 'sent' -> '_hlc' OR p -> 'row' -> '_clocks' IS DISTINCT FROM coalesce(p -> 'sent' -> '_clocks', '{}'::jsonb));
        IF tbl = 'time_entries' AND NOT admin THEN
          pending := (SELECT jsonb_agg(p || jsonb_build_object('row', ops_entry_as_allowed(p -> 'row')) ORDER BY i)
                      FROM jsonb_array_elements(pending) WITH ORDINALITY AS a(p, i));
        END IF;
        upsert := format('WITH applied AS (%s) SELECT array_agg(id) FROM applied', ops_upsert_sql(tbl));
        BEGIN
          EXECUTE upsert INTO applied USING (SELECT jsonb_agg(p -> 'row') FROM jsonb_array_elements(pending) AS p);
          refused := refused || coalesce((SELECT jsonb_agg(jsonb_build_object('m', p -> 'm', 'id', p -> 'row' -> 'id', 'reason',
              'This row was deleted on another device or by another system, so the change cannot be applied.'))
            FROM jsonb_array_elements(pending) AS p WHERE NOT ((p -> 'row' ->> 'id')::uuid = ANY (coalesce(applied, '{}')))), '[]'::jsonb);
        EXCEPTION WHEN OTHERS THEN
          GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE;
          IF ops_transient(err_state) THEN RAISE; END IF;
          -- Something in the run was refused: row by row, keeping the rest.
          FOR item IN SELECT value FROM jsonb_array_elements(pending) LOOP
            BEGIN
              EXECUTE upsert INTO applied USING jsonb_build_array(item -> 'row');
              IF applied IS NULL THEN
                refused := refused || jsonb_build_array(jsonb_build_object('m', item -> 'm', 'id', item -> 'row' -> 'id', 'reason',
                  'This row was deleted on another device or by another system, so the change cannot be applied.'));
              END IF;
            EXCEPTION WHEN OTHERS THEN
              GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT, err_hint = PG_EXCEPTION_HINT;
              IF ops_transient(err_state) THEN RAISE; END IF;
              refused := refused || jsonb_build_array(jsonb_build_object('m', item -> 'm', 'id', item -> 'row' -> 'id', 'reason',
                ops_refusal(err_state, err_message, err_hint)));
            END;
          END LOOP;
        END;
      END IF;
    ELSE
      -- Deletes leave a tombstone with the replica's (checked) clock, so every replica deletes the
      -- row too. A row already gone needs nothing. A row changed after the delete (by clock: an
      -- edit the deleting replica had not seen) is kept, and the delete refused, visibly.
      FOR item IN SELECT x FROM jsonb_array_elements(items) AS x WHERE x ->> 'verdict' IS NULL LOOP
        BEGIN
          EXECUTE format('DELETE FROM %I WHERE id = $1 AND ops_newest_clock(_hlc, _clocks) <= $2', tbl)
            USING (item ->> 'id')::uuid, ops_checked_hlc(item ->> 'hlc');
          GET DIAGNOSTICS n = ROW_COUNT;
          IF n = 0 THEN
            EXECUTE format('SELECT count(*) FROM %I WHERE id = $1', tbl) INTO n USING (item ->> 'id')::uuid;
            IF n > 0 THEN
              refused := refused || jsonb_build_array(jsonb_build_object('m', item -> 'm', 'id', item -> 'id', 'reason',
                'This row was changed on another device after you deleted it, so it was kept. Discard your delete to keep the row, or retry to delete it anyway.'));
            END IF;
            n := 0;
          END IF;
          IF n > 0 THEN
            INSERT INTO _tombstones (table_name, row_id, _hlc) VALUES (tbl, (item ->> 'id')::uuid, ops_checked_hlc(item ->> 'hlc'))
            ON CONFLICT (table_name, row_id) DO UPDATE SET _hlc = greatest(_tombstones._hlc, excluded._hlc), _txid = pg_current_xact_id(), deleted_at = now();
          END IF;
        EXCEPTION WHEN OTHERS THEN
          GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT, err_hint = PG_EXCEPTION_HINT;
          IF ops_transient(err_state) THEN RAISE; END IF;
          refused := refused || jsonb_build_array(jsonb_build_object('m', item -> 'm', 'id', item -> 'id', 'reason', ops_refusal(err_state, err_message, err_hint)));
        END;
      END LOOP;
    END IF;
  END LOOP;

  INSERT INTO _sync_rejections (client_id, mutation_id, table_name, row_id, reason)
  SELECT client, (r ->> 'm')::bigint, '', (r ->> 'id')::uuid, r ->> 'reason' FROM jsonb_array_elements(refused) AS r;
  IF prev > ledger.last_mutation THEN
    UPDATE _sync_clients SET last_mutation = prev, updated_at = now(), last_hlc = x ->> 'hlc', last_row = (x ->> 'id')::uuid
    FROM jsonb_array_elements(runs) AS r, jsonb_array_elements(r -> 'mutations') AS x
    WHERE client_id = client AND (x ->> 'm')::bigint = prev;
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
ALTER FUNCTION ops_history_id() OWNER TO ops_sync;
DO $$
BEGIN
  GRANT EXECUTE ON FUNCTION pg_control_system() TO ops_sync;
  GRANT EXECUTE ON FUNCTION pg_control_checkpoint() TO ops_sync;
EXCEPTION WHEN insufficient_privilege THEN NULL; -- a managed server: the instance id alone then
END $$;

-- A SECURITY DEFINER function must not find a session's temporary tables first (a consultant could
-- otherwise shadow consultant_roles and push as a colleague): pg_temp goes last.
CREATE OR REPLACE FUNCTION ops_current_consultant() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $$
  SELECT consultant_id FROM consultant_roles WHERE role_name = session_user
$$;
