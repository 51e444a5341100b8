-- A pipeline job's lifecycle never goes backwards (DESIGN.md section 3), whoever writes and
-- whatever the clocks: requested → queued → running → succeeded | failed | cancelled.
--
-- A late write (a laptop that syncs the job it requested after the pipeline already runs it, an
-- admin's replica with an old copy, a direct write by a tool that read the row long ago) may win
-- by clock, but it cannot move the status back, cannot change a finished job's status, and cannot
-- clear the start or finish time, error or result once the pipeline has set them. The server keeps
-- its values; on a sync write it stamps them just after the writer's clock, so the writing replica
-- takes them back on its pull (as ops_push does for an entry's rate).

-- The lifecycle order: 0 requested, 1 queued, 2 running, 3 finished (succeeded, failed, cancelled).
CREATE FUNCTION ops_job_stage(status text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE status WHEN 'requested' THEN 0 WHEN 'queued' THEN 1 WHEN 'running' THEN 2 ELSE 3 END
$$;

CREATE FUNCTION ops_keep_job_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept text[] := '{}';
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status
     AND (ops_job_stage(NEW.status) < ops_job_stage(OLD.status) OR ops_job_stage(OLD.status) = 3) THEN
    NEW.status := OLD.status;
    kept := kept || 'status'::text;
  END IF;
  IF NEW.started_at IS NULL AND OLD.started_at IS NOT NULL THEN
    NEW.started_at := OLD.started_at;
    kept := kept || 'started_at'::text;
  END IF;
  IF NEW.finished_at IS NULL AND OLD.finished_at IS NOT NULL THEN
    NEW.finished_at := OLD.finished_at;
    kept := kept || 'finished_at'::text;
  END IF;
  IF NEW.error IS NULL AND OLD.error IS NOT NULL THEN
    NEW.error := OLD.error;
    kept := kept || 'error'::text;
  END IF;
  IF NEW.result_summary IS NULL AND OLD.result_summary IS NOT NULL THEN
    NEW.result_summary := OLD.result_summary;
    kept := kept || 'result_summary'::text;
  END IF;
  -- A sync write set these columns' clocks to the writer's (it won by clock): the kept values get a
  -- clock just after it. (A direct write needs nothing: the stamping trigger, which runs after this
  -- one, sees these columns unchanged and keeps their clocks.)
  IF cardinality(kept) > 0 AND current_user = 'ops_sync' THEN
    NEW._clocks := NEW._clocks || (SELECT jsonb_object_agg(c, ops_stamp_after(coalesce(NEW._clocks ->> c, NEW._hlc))) FROM unnest(kept) AS c);
  END IF;
  RETURN NEW;
END $$;

-- Before ops_stamp (triggers of one event fire in name order): the stamping trigger then sees only
-- the changes this one let through.
CREATE TRIGGER ops_job_lifecycle BEFORE UPDATE ON pipeline_jobs FOR EACH ROW EXECUTE FUNCTION ops_keep_job_lifecycle();

-- A consultant's stale copy of a job (their own late insert of a job the pipeline already runs, with
-- a clock a little ahead) is no change, so it is not refused: the lifecycle trigger keeps the
-- pipeline's values. Only a real step forward other than cancelling, or a new start or finish time,
-- error or result, is the pipeline's alone.
CREATE OR REPLACE FUNCTION ops_not_allowed(tbl text, op text, id uuid, rec jsonb, admin boolean, me uuid) RETURNS text LANGUAGE sql STABLE AS $$
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
                          -- (a stale copy of a column is no change: its older clock loses anyway, and
                          -- a status behind the server's or a cleared value is kept by the trigger)
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

-- Pipeline workers (the reference receiver, `npm run pipeline-server`) are direct writers: a login
-- in this role reads the pipelines and writes pipeline jobs, nothing else. Its writes get server
-- clocks from the stamping trigger, like billing's.
DO $$
BEGIN
  CREATE ROLE ops_pipeline_worker NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO ops_pipeline_worker;
GRANT SELECT ON pipelines, projects TO ops_pipeline_worker;
GRANT SELECT (id, name, email, active) ON consultants TO ops_pipeline_worker;
GRANT SELECT, INSERT, UPDATE ON pipeline_jobs TO ops_pipeline_worker;
-- (inserting a job removes a tombstone of the same id: the stamping trigger runs as the writer)
GRANT SELECT, DELETE ON _tombstones TO ops_pipeline_worker;
CREATE POLICY pipeline_worker ON pipeline_jobs TO ops_pipeline_worker USING (true) WITH CHECK (true);
