-- Sales (issue 13): leads and their stage events, client feedback and the admins' custom metrics,
-- synced like every other table (0001, 0002): sync metadata, stamping, tombstones and notifications,
-- pushes through ops_push only (consultant logins have no write privilege), and who may write what
-- checked in ops_not_allowed (docs/sales.md):
-- * leads: a consultant creates leads they own and edits and moves their own; giving a lead to a
--   colleague, converting it (client_id, project_id) and deleting it are an admin's;
-- * lead_events: a consultant records the moves of their own leads, under their own name, once;
-- * client_feedback: any consultant records an answer; changing or deleting one is an admin's;
-- * metrics and metric_values: admins only.

CREATE TABLE leads (
  id uuid PRIMARY KEY,
  company text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
  contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 200),
  contact_email text NOT NULL DEFAULT '' CHECK (length(contact_email) <= 254),
  source text NOT NULL CHECK (source IN ('open_source', 'content', 'networking', 'referral', 'other')),
  tier text NOT NULL CHECK (tier IN ('pipeline_mvp', 'devops_foundation', 'enterprise_cloud')),
  estimated_value_cents bigint NOT NULL CHECK (estimated_value_cents >= 0),
  probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
  expected_close_on date,
  owner_id uuid NOT NULL REFERENCES consultants (id),
  stage text NOT NULL CHECK (stage IN ('discovery', 'proposal', 'implementation', 'follow_up', 'won', 'lost')),
  created_on date NOT NULL,
  client_id uuid REFERENCES clients (id),
  project_id uuid REFERENCES projects (id),
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX leads_owner ON leads (owner_id);

CREATE TABLE lead_events (
  id uuid PRIMARY KEY,
  lead_id uuid NOT NULL REFERENCES leads (id),
  from_stage text CHECK (from_stage IN ('discovery', 'proposal', 'implementation', 'follow_up', 'won', 'lost')),
  to_stage text NOT NULL CHECK (to_stage IN ('discovery', 'proposal', 'implementation', 'follow_up', 'won', 'lost')),
  moved_on date NOT NULL,
  moved_at timestamptz NOT NULL,
  moved_by uuid NOT NULL REFERENCES consultants (id),
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  -- Moving a lead to the stage it is in is no move.
  CHECK (from_stage IS NULL OR from_stage <> to_stage)
);
CREATE INDEX lead_events_lead ON lead_events (lead_id);

CREATE TABLE client_feedback (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id),
  project_id uuid REFERENCES projects (id),
  score integer NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  responded_on date NOT NULL,
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX client_feedback_client ON client_feedback (client_id);

CREATE TABLE metrics (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 20),
  target double precision NOT NULL CHECK (target = target AND abs(target) <= 1e12),
  direction text NOT NULL CHECK (direction IN ('higher', 'lower')),
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE metric_values (
  id uuid PRIMARY KEY,
  metric_id uuid NOT NULL REFERENCES metrics (id),
  recorded_on date NOT NULL,
  value double precision NOT NULL CHECK (value = value AND abs(value) <= 1e12),
  _hlc text NOT NULL, _clocks jsonb NOT NULL DEFAULT '{}', _txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX metric_values_metric ON metric_values (metric_id, recorded_on);

-- The same sync machinery as the other synced tables (0001, with 0002's stamping trigger).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leads', 'lead_events', 'client_feedback', 'metrics', 'metric_values'] LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN _hlc SET DEFAULT ops_server_hlc()', t);
    EXECUTE format('CREATE INDEX %I ON %I (_txid)', t || '_txid', t);
    EXECUTE format($f$CREATE TRIGGER ops_stamp BEFORE INSERT OR UPDATE ON %I FOR EACH ROW WHEN (current_user <> 'ops_sync') EXECUTE FUNCTION ops_stamp_write()$f$, t);
    EXECUTE format('CREATE TRIGGER ops_tombstone AFTER DELETE ON %I FOR EACH ROW EXECUTE FUNCTION ops_record_delete()', t);
    EXECUTE format('CREATE TRIGGER ops_notify AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION ops_notify_change()', t);
    -- Consultants read everything and write nothing directly (0002); admins and the sync functions write.
    EXECUTE format('GRANT SELECT ON %I TO ops_consultant', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ops_admin, ops_sync', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY read_all ON %I FOR SELECT USING (true)', t);
  END LOOP;
END $$;

-- Which tables a push may name: one list, so a new synced table is added here and nowhere in ops_push.
CREATE FUNCTION ops_synced_table(tbl text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT tbl IN ('consultants', 'clients', 'projects', 'invoices', 'time_entries', 'expenses', 'pipelines', 'pipeline_jobs',
                 'leads', 'lead_events', 'client_feedback', 'metrics', 'metric_values')
$$;

-- As in 0005, with the sales tables' rules.
CREATE OR REPLACE FUNCTION ops_not_allowed(tbl text, op text, id uuid, rec jsonb, admin boolean, me uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN admin THEN NULL
    WHEN tbl = 'time_entries' THEN
      CASE WHEN (op = 'upsert' AND (rec ->> 'consultant_id')::uuid IS DISTINCT FROM me)
             OR EXISTS (SELECT 1 FROM time_entries e WHERE e.id = ops_not_allowed.id AND e.consultant_id <> me)
           THEN 'The central database refused it: you can change only your own time entries.'
           -- (a stale copy of invoice_id is no change: its older clock loses anyway)
           WHEN op = 'upsert' AND CASE
                  WHEN EXISTS (SELECT 1 FROM time_entries e WHERE e.id = ops_not_allowed.id)
                  THEN EXISTS (SELECT 1 FROM time_entries e WHERE e.id = ops_not_allowed.id
                                 AND rec ->> 'invoice_id' IS DISTINCT FROM e.invoice_id::text
                                 AND ops_wins(rec -> '_clocks', rec ->> '_hlc', e._clocks, e._hlc, 'invoice_id'))
                  ELSE rec ->> 'invoice_id' IS NOT NULL END
           THEN 'The central database refused it: only an admin can put hours on an invoice or take them off one. Discard this change; an admin invoices the hours.' END
    WHEN tbl = 'invoices' THEN
      'The central database refused it: only an admin can ' || CASE WHEN op = 'delete' THEN 'delete' ELSE 'create or change' END
        || ' invoices. Discard this change, or ask an admin to do it.'
    -- Sales (docs/sales.md). A consultant creates leads they own, and edits and moves their own
    -- leads; reassigning a lead, converting it (client_id, project_id) and deleting are an admin's.
    WHEN tbl = 'leads' THEN
      CASE WHEN op = 'delete'
           THEN 'The central database refused it: only an admin can delete a lead. Discard this change, or move the lead to lost.'
           WHEN NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = ops_not_allowed.id)
           THEN CASE WHEN (rec ->> 'owner_id')::uuid IS DISTINCT FROM me
                     THEN 'The central database refused it: you can create leads that you own; an admin can give one to a colleague.'
                     WHEN rec ->> 'client_id' IS NOT NULL OR rec ->> 'project_id' IS NOT NULL
                     THEN 'The central database refused it: only an admin can convert a lead into a client''s project.' END
           WHEN EXISTS (SELECT 1 FROM leads l WHERE l.id = ops_not_allowed.id AND l.owner_id IS DISTINCT FROM me)
           THEN 'The central database refused it: you can change and move only the leads you own. Ask the owner or an admin.'
           -- (a stale copy of a column is no change: its older clock loses anyway)
           WHEN EXISTS (SELECT 1 FROM leads l WHERE l.id = ops_not_allowed.id
                          AND (((rec ->> 'owner_id')::uuid IS DISTINCT FROM l.owner_id AND ops_wins(rec -> '_clocks', rec ->> '_hlc', l._clocks, l._hlc, 'owner_id'))
                               OR ((rec ->> 'client_id')::uuid IS DISTINCT FROM l.client_id AND ops_wins(rec -> '_clocks', rec ->> '_hlc', l._clocks, l._hlc, 'client_id'))
                               OR ((rec ->> 'project_id')::uuid IS DISTINCT FROM l.project_id AND ops_wins(rec -> '_clocks', rec ->> '_hlc', l._clocks, l._hlc, 'project_id'))))
           THEN 'The central database refused it: only an admin can give a lead to a colleague or convert it into a client''s project.' END
    -- A move is recorded once, by who made it, on a lead they own; events are never changed after.
    WHEN tbl = 'lead_events' THEN
      CASE WHEN op = 'delete' OR EXISTS (SELECT 1 FROM lead_events e WHERE e.id = ops_not_allowed.id)
           THEN 'The central database refused it: a lead''s history is kept as it was; only an admin can change or delete a move.'
           WHEN (rec ->> 'moved_by')::uuid IS DISTINCT FROM me
           THEN 'The central database refused it: a move is recorded under your own name.'
           WHEN NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = (rec ->> 'lead_id')::uuid AND l.owner_id = me)
           THEN 'The central database refused it: you can move only the leads you own. Ask the owner or an admin.' END
    -- Any consultant records a client's answer; changing or deleting one is an admin's.
    WHEN tbl = 'client_feedback' THEN
      CASE WHEN op = 'delete' OR EXISTS (SELECT 1 FROM client_feedback f WHERE f.id = ops_not_allowed.id)
           THEN 'The central database refused it: a recorded answer is kept as it was; only an admin can change or delete feedback.' END
    WHEN tbl IN ('metrics', 'metric_values') THEN
      'The central database refused it: only an admin can define metrics or record their values. Discard this change, or ask an admin.'
    WHEN tbl = 'pipeline_jobs' AND op = 'upsert' THEN
      CASE WHEN (rec ->> 'requested_by')::uuid IS DISTINCT FROM me
             OR EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id AND j.requested_by IS DISTINCT FROM me)
           THEN 'The central database refused it: you can change only the pipeline jobs you requested.'
           WHEN NOT EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id)
                AND (coalesce(rec ->> 'status', '') NOT IN ('requested', 'cancelled') OR rec ->> 'started_at' IS NOT NULL OR rec ->> 'finished_at' IS NOT NULL
                     OR rec ->> 'error' IS NOT NULL OR rec ->> 'result_summary' IS NOT NULL)
           THEN 'The central database refused it: a new pipeline job starts as requested (or cancelled); its progress comes from the pipeline.'
           WHEN EXISTS (SELECT 1 FROM pipeline_jobs j WHERE j.id = ops_not_allowed.id
                          AND ((rec ->> 'status' IS DISTINCT FROM j.status AND rec ->> 'status' IS DISTINCT FROM 'cancelled'
                                AND ops_job_stage(rec ->> 'status') > ops_job_stage(j.status)
                                AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'status'))
                               OR (rec ->> 'started_at' IS NOT NULL AND (rec ->> 'started_at')::timestamptz IS DISTINCT FROM j.started_at
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'started_at'))
                               OR (rec ->> 'finished_at' IS NOT NULL AND (rec ->> 'finished_at')::timestamptz IS DISTINCT FROM j.finished_at
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'finished_at'))
                               OR (rec ->> 'error' IS NOT NULL AND rec ->> 'error' IS DISTINCT FROM j.error
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'error'))
                               OR (rec ->> 'result_summary' IS NOT NULL AND rec ->> 'result_summary' IS DISTINCT FROM j.result_summary
                                   AND ops_wins(rec -> '_clocks', rec ->> '_hlc', j._clocks, j._hlc, 'result_summary'))))
           THEN 'The central database refused it: only the pipeline reports a job''s progress and result; you can cancel it.' END
    ELSE 'The central database refused it: only an admin can ' || CASE WHEN op = 'delete' THEN 'delete ' ELSE 'change ' END || replace(tbl, '_', ' ') || '.'
  END
$$;

-- As in 0002, but the tables a push may name come from ops_synced_table (the one line that differs).
CREATE OR REPLACE FUNCTION ops_push(client uuid, known_last bigint, runs jsonb) RETURNS jsonb
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
    IF tbl IS NULL OR NOT ops_synced_table(tbl)
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
