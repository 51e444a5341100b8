-- A consultant may cancel a job before its first sync (issue 9: a trigger cancelled offline, or one
-- that expired before it could be sent): its first push then carries `cancelled`. A new job still
-- starts as requested or cancelled, never further along, and with no times, error or result of its
-- own: those come from the pipeline. (Only the one line about new jobs differs from 0003.)
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
                AND (coalesce(rec ->> 'status', '') NOT IN ('requested', 'cancelled') OR rec ->> 'started_at' IS NOT NULL OR rec ->> 'finished_at' IS NOT NULL
                     OR rec ->> 'error' IS NOT NULL OR rec ->> 'result_summary' IS NOT NULL)
           THEN 'The central database refused it: a new pipeline job starts as requested (or cancelled); its progress comes from the pipeline.'
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
