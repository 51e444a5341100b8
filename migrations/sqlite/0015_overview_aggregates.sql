-- The overview (KPI scorecard) and clients screens at scale (issue 13): under one full scan of
-- time_entries at scale 10. Three more maintained aggregates (DESIGN.md section 6), kept by triggers
-- in the same transaction as every write, local or pulled by sync; those of synced tables set aside
-- by an initial sync and rebuilt once at its end (electron/core/db/deferred-indexes.ts). Local only,
-- never synced. And one covering index.

-- Each project's first and last entry (the instants): the clients list's last day worked, the
-- scorecard's projects under way per period, and which clients worked in a year (a project whose
-- first or last entry is in the year did; one that spans the whole year is looked up). Reading them
-- from the entries cost two index seeks a project (8,000 at scale 10, half a full scan). A delete or
-- a move recomputes the project's two ends from the index.
CREATE TABLE project_spans (
  project_id TEXT NOT NULL PRIMARY KEY,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO project_spans (project_id, first_at, last_at)
SELECT project_id, min(started_at), max(started_at) FROM time_entries GROUP BY project_id;

CREATE TRIGGER project_spans_insert AFTER INSERT ON time_entries BEGIN
  INSERT INTO project_spans (project_id, first_at, last_at) VALUES (new.project_id, new.started_at, new.started_at)
  ON CONFLICT (project_id) DO UPDATE SET first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at);
END;

CREATE TRIGGER project_spans_delete AFTER DELETE ON time_entries BEGIN
  DELETE FROM project_spans WHERE project_id = old.project_id;
  INSERT INTO project_spans (project_id, first_at, last_at)
  SELECT old.project_id,
    (SELECT e.started_at FROM time_entries e WHERE e.project_id = old.project_id ORDER BY e.started_at LIMIT 1),
    (SELECT e.started_at FROM time_entries e WHERE e.project_id = old.project_id ORDER BY e.started_at DESC LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM time_entries e WHERE e.project_id = old.project_id);
END;

CREATE TRIGGER project_spans_update AFTER UPDATE OF project_id, started_at ON time_entries BEGIN
  DELETE FROM project_spans WHERE project_id = old.project_id;
  INSERT INTO project_spans (project_id, first_at, last_at)
  SELECT old.project_id,
    (SELECT e.started_at FROM time_entries e WHERE e.project_id = old.project_id ORDER BY e.started_at LIMIT 1),
    (SELECT e.started_at FROM time_entries e WHERE e.project_id = old.project_id ORDER BY e.started_at DESC LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM time_entries e WHERE e.project_id = old.project_id);
  INSERT INTO project_spans (project_id, first_at, last_at) VALUES (new.project_id, new.started_at, new.started_at)
  ON CONFLICT (project_id) DO UPDATE SET first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at);
END;

-- Each project's labour cost to date (minutes × its consultants' cost rates now, ×60), and how many
-- of its labour_months rows have no cost (a consultant without a cost rate on this replica): an
-- aggregate of labour_months (0008, 0011), kept by triggers on it, so it follows every change
-- labour_months follows (entries, cost rates, rebuilds). The clients list read ~115k labour_months
-- rows at scale 10 for these 4,000 sums. While a load has the entries' aggregates set aside (a
-- '~rebuild time_entries' row in deferred_indexes) these triggers do nothing: the rebuild at its end
-- builds labour_months again and then this table from it in one pass (row by row, following the
-- rebuild of labour_months, cost it ~2 s more at scale 10).
CREATE TABLE project_costs (
  project_id TEXT NOT NULL PRIMARY KEY,
  cost60 INTEGER NOT NULL,
  uncosted INTEGER NOT NULL,
  months INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO project_costs (project_id, cost60, uncosted, months)
SELECT project_id, coalesce(sum(cost60), 0), sum(cost60 IS NULL), count(*) FROM labour_months GROUP BY project_id;

-- (A load under way when this migration runs recorded its rebuild before this table existed: the
-- rebuild it will run at its end is given this table's too.)
UPDATE deferred_indexes SET sql = sql || '
      DELETE FROM project_costs;
      INSERT INTO project_costs (project_id, cost60, uncosted, months)
      SELECT project_id, coalesce(sum(cost60), 0), sum(cost60 IS NULL), count(*) FROM labour_months GROUP BY project_id;'
WHERE name = '~rebuild time_entries';

CREATE TRIGGER project_costs_insert AFTER INSERT ON labour_months
WHEN NOT EXISTS (SELECT 1 FROM deferred_indexes WHERE name = '~rebuild time_entries') BEGIN
  INSERT INTO project_costs (project_id, cost60, uncosted, months) VALUES (new.project_id, coalesce(new.cost60, 0), new.cost60 IS NULL, 1)
  ON CONFLICT (project_id) DO UPDATE SET cost60 = cost60 + excluded.cost60, uncosted = uncosted + excluded.uncosted, months = months + 1;
END;

CREATE TRIGGER project_costs_delete AFTER DELETE ON labour_months
WHEN NOT EXISTS (SELECT 1 FROM deferred_indexes WHERE name = '~rebuild time_entries') BEGIN
  UPDATE project_costs SET cost60 = cost60 - coalesce(old.cost60, 0), uncosted = uncosted - (old.cost60 IS NULL), months = months - 1
  WHERE project_id = old.project_id;
  DELETE FROM project_costs WHERE project_id = old.project_id AND months = 0;
END;

CREATE TRIGGER project_costs_update AFTER UPDATE ON labour_months
WHEN NOT EXISTS (SELECT 1 FROM deferred_indexes WHERE name = '~rebuild time_entries') BEGIN
  UPDATE project_costs SET cost60 = cost60 - coalesce(old.cost60, 0), uncosted = uncosted - (old.cost60 IS NULL), months = months - 1
  WHERE project_id = old.project_id;
  INSERT INTO project_costs (project_id, cost60, uncosted, months) VALUES (new.project_id, coalesce(new.cost60, 0), new.cost60 IS NULL, 1)
  ON CONFLICT (project_id) DO UPDATE SET cost60 = cost60 + excluded.cost60, uncosted = uncosted + excluded.uncosted, months = months + 1;
  DELETE FROM project_costs WHERE project_id = old.project_id AND months = 0;
END;

-- Pipeline jobs that finished succeeded or failed, per local day of their finish in the workspace's
-- zone (keyed like billable_local_days, 0011: local_zone and zone_offsets; rebuilt with them when the
-- zone changes, electron/core/db/local-zone.ts): the scorecard's job success rate for a year and its
-- previous year read ~730 rows here instead of ~200k jobs at scale 10. With no zone recorded the
-- triggers do nothing and the scorecard reads the jobs.
CREATE TABLE pipeline_local_days (
  day TEXT NOT NULL PRIMARY KEY,
  succeeded INTEGER NOT NULL,
  failed INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO pipeline_local_days (day, succeeded, failed)
SELECT date(j.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= j.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes'),
  sum(j.status = 'succeeded'), sum(j.status = 'failed')
FROM pipeline_jobs j
WHERE j.status IN ('succeeded', 'failed') AND j.finished_at IS NOT NULL AND EXISTS (SELECT 1 FROM local_zone) GROUP BY 1;

CREATE TRIGGER pipeline_local_days_insert AFTER INSERT ON pipeline_jobs
WHEN new.status IN ('succeeded', 'failed') AND new.finished_at IS NOT NULL AND EXISTS (SELECT 1 FROM local_zone) BEGIN
  INSERT INTO pipeline_local_days (day, succeeded, failed)
  VALUES (date(new.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes'),
    new.status = 'succeeded', new.status = 'failed')
  ON CONFLICT (day) DO UPDATE SET succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed;
END;

CREATE TRIGGER pipeline_local_days_delete AFTER DELETE ON pipeline_jobs
WHEN old.status IN ('succeeded', 'failed') AND old.finished_at IS NOT NULL AND EXISTS (SELECT 1 FROM local_zone) BEGIN
  UPDATE pipeline_local_days SET succeeded = succeeded - (old.status = 'succeeded'), failed = failed - (old.status = 'failed')
  WHERE day = date(old.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes');
  DELETE FROM pipeline_local_days WHERE succeeded = 0 AND failed = 0
    AND day = date(old.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes');
END;

CREATE TRIGGER pipeline_local_days_update AFTER UPDATE OF status, finished_at ON pipeline_jobs
WHEN EXISTS (SELECT 1 FROM local_zone) BEGIN
  UPDATE pipeline_local_days SET succeeded = succeeded - (old.status = 'succeeded'), failed = failed - (old.status = 'failed')
  WHERE old.status IN ('succeeded', 'failed') AND old.finished_at IS NOT NULL
    AND day = date(old.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes');
  DELETE FROM pipeline_local_days WHERE succeeded = 0 AND failed = 0 AND old.finished_at IS NOT NULL
    AND day = date(old.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes');
  INSERT INTO pipeline_local_days (day, succeeded, failed)
  SELECT date(new.finished_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.finished_at ORDER BY o.since DESC LIMIT 1) || ' minutes'),
    new.status = 'succeeded', new.status = 'failed'
  WHERE new.status IN ('succeeded', 'failed') AND new.finished_at IS NOT NULL
  ON CONFLICT (day) DO UPDATE SET succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed;
END;

-- The scorecard's weighted pipeline over time: every lead's stage events in order, from the index
-- alone (the table was read once per event).
CREATE INDEX lead_events_spans ON lead_events (lead_id, moved_on, moved_at, id, to_stage);

-- The clients list's money to date per client, each from one covering index in key order (no table
-- reads, no sort): invoiced and outstanding by client, expenses by project.
CREATE INDEX invoices_client_amounts ON invoices (client_id, status, subtotal_cents, total_cents);
CREATE INDEX expenses_project_amounts ON expenses (project_id, amount_cents);
