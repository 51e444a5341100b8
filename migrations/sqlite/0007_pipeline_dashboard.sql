-- The pipelines dashboard over wide ranges (issue 9, electron/core/pipelines/dashboard.ts): every
-- figure is still computed from the rows themselves (exact, nothing to keep in step with sync), but
-- from indexes that answer it without visiting the table.
--
-- A job's run time and queue time in whole milliseconds, as the dashboard has always computed them,
-- and a coarse, order-keeping bucket of each: the number of decimal digits and the first two of
-- them (43,099 ms is bucket 543; 3,000 is 430; 7 is 107; -1,500 is -415). Equal values share a
-- bucket and a smaller value never has a larger bucket, so the k-th value of a range is found by
-- counting per bucket and ordering only the one bucket that holds rank k. VIRTUAL: computed, never
-- stored in the table (only in the indexes), and not a column sync knows (sync lists its columns).
ALTER TABLE pipeline_jobs ADD COLUMN run_ms INTEGER GENERATED ALWAYS AS (
  CASE WHEN started_at IS NOT NULL AND finished_at IS NOT NULL
       THEN CAST(round((julianday(finished_at) - julianday(started_at)) * 86400000) AS INTEGER) END) VIRTUAL;
ALTER TABLE pipeline_jobs ADD COLUMN queue_ms INTEGER GENERATED ALWAYS AS (
  CASE WHEN started_at IS NOT NULL
       THEN CAST(round((julianday(started_at) - julianday(requested_at)) * 86400000) AS INTEGER) END) VIRTUAL;
ALTER TABLE pipeline_jobs ADD COLUMN run_bucket INTEGER GENERATED ALWAYS AS (
  CASE WHEN run_ms >= 0 THEN length(run_ms) * 100 + CAST(substr(run_ms, 1, 2) AS INTEGER)
       WHEN run_ms < 0 THEN -(length(-run_ms) * 100 + CAST(substr(-run_ms, 1, 2) AS INTEGER)) END) VIRTUAL;
ALTER TABLE pipeline_jobs ADD COLUMN queue_bucket INTEGER GENERATED ALWAYS AS (
  CASE WHEN queue_ms >= 0 THEN length(queue_ms) * 100 + CAST(substr(queue_ms, 1, 2) AS INTEGER)
       WHEN queue_ms < 0 THEN -(length(-queue_ms) * 100 + CAST(substr(-queue_ms, 1, 2) AS INTEGER)) END) VIRTUAL;

-- Runs per local day by status; and the recent failures of a range, ordered from the index alone
-- (finished_at and id), so only the ten shown are read from the table.
CREATE INDEX pipeline_jobs_status_requested ON pipeline_jobs (status, requested_at, finished_at, id);
-- Runs per pipeline by status.
CREATE INDEX pipeline_jobs_pipeline_status ON pipeline_jobs (pipeline_id, status, requested_at);
-- Percentiles: count per (pipeline, bucket) in the range, then order the one bucket that holds the rank.
CREATE INDEX pipeline_jobs_run ON pipeline_jobs (pipeline_id, run_bucket, requested_at, run_ms);
CREATE INDEX pipeline_jobs_queue ON pipeline_jobs (pipeline_id, queue_bucket, requested_at, queue_ms);
