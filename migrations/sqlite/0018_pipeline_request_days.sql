-- Jobs per local day of their request, pipeline and status, in the workspace's zone (issue 10,
-- performance): the pipelines dashboard's runs per day and runs per pipeline by status read a year
-- as ~9k rows here instead of counting ~100k jobs in the indexes twice over (2,190 day-and-status
-- counts and 48 pipeline-and-status ones: 11 ms at scale 10). Kept like pipeline_local_days
-- (0015): by triggers in the same transaction as every write of a job, local or pulled by sync; set
-- aside by an initial sync (the triggers' names start pipeline_local_days_) and rebuilt at its end
-- (electron/core/db/deferred-indexes.ts); rebuilt when the zone changes (electron/core/db/local-zone.ts,
-- whose PIPELINE_LOCAL_DAYS_REBUILD is this table's rebuild too). With no zone recorded the
-- triggers do nothing and the dashboard counts the jobs. Local only, never synced.
CREATE TABLE pipeline_request_days (
  day TEXT NOT NULL,
  pipeline_id TEXT NOT NULL,
  status TEXT NOT NULL,
  jobs INTEGER NOT NULL,
  PRIMARY KEY (day, pipeline_id, status)
) WITHOUT ROWID;

INSERT INTO pipeline_request_days (day, pipeline_id, status, jobs)
  SELECT date(j.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= j.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), j.pipeline_id, j.status, count(*)
  FROM pipeline_jobs j WHERE EXISTS (SELECT 1 FROM local_zone) GROUP BY 1, 2, 3;

-- (A load under way when this migration runs recorded its rebuild before this table existed.)
UPDATE deferred_indexes SET sql = sql || '
  DELETE FROM pipeline_request_days;
  INSERT INTO pipeline_request_days (day, pipeline_id, status, jobs)
  SELECT date(j.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= j.requested_at ORDER BY o.since DESC LIMIT 1) || '' minutes''), j.pipeline_id, j.status, count(*)
  FROM pipeline_jobs j WHERE EXISTS (SELECT 1 FROM local_zone) GROUP BY 1, 2, 3;'
WHERE name = '~rebuild pipeline_jobs';

CREATE TRIGGER pipeline_local_days_requested_insert AFTER INSERT ON pipeline_jobs
WHEN EXISTS (SELECT 1 FROM local_zone) BEGIN
  INSERT INTO pipeline_request_days (day, pipeline_id, status, jobs)
  VALUES (date(new.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), new.pipeline_id, new.status, 1)
  ON CONFLICT (day, pipeline_id, status) DO UPDATE SET jobs = jobs + 1;
END;

CREATE TRIGGER pipeline_local_days_requested_delete AFTER DELETE ON pipeline_jobs
WHEN EXISTS (SELECT 1 FROM local_zone) BEGIN
  UPDATE pipeline_request_days SET jobs = jobs - 1
  WHERE day = date(old.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes') AND pipeline_id = old.pipeline_id AND status = old.status;
  DELETE FROM pipeline_request_days
  WHERE day = date(old.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes') AND pipeline_id = old.pipeline_id AND status = old.status AND jobs = 0;
END;

CREATE TRIGGER pipeline_local_days_requested_update AFTER UPDATE OF requested_at, pipeline_id, status ON pipeline_jobs
WHEN EXISTS (SELECT 1 FROM local_zone) BEGIN
  UPDATE pipeline_request_days SET jobs = jobs - 1
  WHERE day = date(old.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes') AND pipeline_id = old.pipeline_id AND status = old.status;
  DELETE FROM pipeline_request_days
  WHERE day = date(old.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes') AND pipeline_id = old.pipeline_id AND status = old.status AND jobs = 0;
  INSERT INTO pipeline_request_days (day, pipeline_id, status, jobs)
  VALUES (date(new.requested_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.requested_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), new.pipeline_id, new.status, 1)
  ON CONFLICT (day, pipeline_id, status) DO UPDATE SET jobs = jobs + 1;
END;
