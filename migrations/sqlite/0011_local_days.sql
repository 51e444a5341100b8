-- Billable minutes per consultant and local day and week of the workspace's zone (issue 10, performance): the
-- projects dashboard's utilization then reads whole local days and weeks here, with no partial UTC
-- days at a week's ends to read from the entries (in a zone with an offset every week has two).
-- Kept by triggers in the same transaction as every write that changes an entry, local or pulled
-- by sync; set aside by an initial sync with the other aggregates and rebuilt once at its end
-- (electron/core/db/deferred-indexes.ts). Local only, never synced.
--
-- The zone is the one recorded in local_zone, with its UTC offsets in zone_offsets (offset `minutes`
-- from the instant `since`; '' = from the beginning), both written by electron/core/db/local-zone.ts
-- from the IANA rules when the workspace's zone is first needed or changes, and the aggregate rebuilt
-- in the same transaction. With no zone recorded the triggers do nothing and readers use billable_days.
CREATE TABLE local_zone (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  zone TEXT NOT NULL
);

CREATE TABLE zone_offsets (
  since TEXT NOT NULL PRIMARY KEY,
  minutes INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE billable_local_days (
  consultant_id TEXT NOT NULL,
  day TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  -- Consultant first: a week of one consultant is one short range of the key, summed in key order.
  PRIMARY KEY (consultant_id, day)
) WITHOUT ROWID;

-- The same per local week (its Monday): a year of whole weeks is 52 rows per consultant, not 365.
CREATE TABLE billable_local_weeks (
  consultant_id TEXT NOT NULL,
  week TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  PRIMARY KEY (consultant_id, week)
) WITHOUT ROWID;

CREATE TRIGGER billable_local_days_insert AFTER INSERT ON time_entries
WHEN new.billable = 1 AND EXISTS (SELECT 1 FROM local_zone) BEGIN
  INSERT INTO billable_local_days (day, consultant_id, minutes, entries)
  VALUES (date(new.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'),
    new.consultant_id, new.minutes, 1)
  ON CONFLICT (consultant_id, day) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
  INSERT INTO billable_local_weeks (week, consultant_id, minutes, entries)
  VALUES (date(date(new.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), '-6 days', 'weekday 1'), new.consultant_id, new.minutes, 1)
  ON CONFLICT (consultant_id, week) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
END;

CREATE TRIGGER billable_local_days_delete AFTER DELETE ON time_entries
WHEN old.billable = 1 AND EXISTS (SELECT 1 FROM local_zone) BEGIN
  UPDATE billable_local_days SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE day = date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes')
    AND consultant_id = old.consultant_id;
  DELETE FROM billable_local_days WHERE entries = 0
    AND day = date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes')
    AND consultant_id = old.consultant_id;
  UPDATE billable_local_weeks SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE week = date(date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), '-6 days', 'weekday 1') AND consultant_id = old.consultant_id;
  DELETE FROM billable_local_weeks WHERE entries = 0 AND week = date(date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), '-6 days', 'weekday 1') AND consultant_id = old.consultant_id;
END;

CREATE TRIGGER billable_local_days_update AFTER UPDATE OF started_at, consultant_id, minutes, billable ON time_entries
WHEN EXISTS (SELECT 1 FROM local_zone) BEGIN
  UPDATE billable_local_days SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE old.billable = 1
    AND day = date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes')
    AND consultant_id = old.consultant_id;
  DELETE FROM billable_local_days WHERE entries = 0
    AND day = date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes')
    AND consultant_id = old.consultant_id;
  UPDATE billable_local_weeks SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE old.billable = 1 AND week = date(date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), '-6 days', 'weekday 1') AND consultant_id = old.consultant_id;
  DELETE FROM billable_local_weeks WHERE entries = 0 AND week = date(date(old.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= old.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), '-6 days', 'weekday 1') AND consultant_id = old.consultant_id;
  INSERT INTO billable_local_days (day, consultant_id, minutes, entries)
  SELECT date(new.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'),
    new.consultant_id, new.minutes, 1
  WHERE new.billable = 1
  ON CONFLICT (consultant_id, day) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
  INSERT INTO billable_local_weeks (week, consultant_id, minutes, entries)
  SELECT date(date(new.started_at, (SELECT o.minutes FROM zone_offsets o WHERE o.since <= new.started_at ORDER BY o.since DESC LIMIT 1) || ' minutes'), '-6 days', 'weekday 1'), new.consultant_id, new.minutes, 1
  WHERE new.billable = 1
  ON CONFLICT (consultant_id, week) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
END;

-- The billing dashboard's labour cost (billing/queries/labour.ts): the entries of the partial months
-- at a range's two ends, by time across every consultant and project, covering: one contiguous range
-- of this index instead of a table lookup per entry.
CREATE INDEX time_entries_started_labour ON time_entries (started_at, project_id, consultant_id, minutes);

-- labour_months (0008_billing.sql) also keeps each row's labour cost: its minutes × its consultant's
-- cost rate now (NULL: the consultant has none), so labour cost reads one column instead of looking a
-- consultant up for each of ~30k rows a year. The entries' triggers keep it with the minutes; a
-- consultant's new cost rate (set here or pulled) recomputes that consultant's rows.
ALTER TABLE labour_months ADD COLUMN cost60 INTEGER;
UPDATE labour_months SET cost60 = minutes * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = labour_months.consultant_id);

DROP TRIGGER labour_months_insert;
DROP TRIGGER labour_months_delete;
DROP TRIGGER labour_months_update;

CREATE TRIGGER labour_months_insert AFTER INSERT ON time_entries BEGIN
  INSERT INTO labour_months (month, project_id, consultant_id, minutes, entries, cost60)
  VALUES (substr(new.started_at, 1, 7), new.project_id, new.consultant_id, new.minutes, 1, new.minutes * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = new.consultant_id))
  ON CONFLICT (project_id, month, consultant_id) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1,
    cost60 = (minutes + excluded.minutes) * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = new.consultant_id);
END;

CREATE TRIGGER labour_months_delete AFTER DELETE ON time_entries BEGIN
  UPDATE labour_months SET minutes = minutes - old.minutes, entries = entries - 1, cost60 = (minutes - old.minutes) * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = old.consultant_id)
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id;
  DELETE FROM labour_months
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id AND entries = 0;
END;

CREATE TRIGGER labour_months_update AFTER UPDATE OF started_at, project_id, consultant_id, minutes ON time_entries BEGIN
  UPDATE labour_months SET minutes = minutes - old.minutes, entries = entries - 1, cost60 = (minutes - old.minutes) * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = old.consultant_id)
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id;
  DELETE FROM labour_months
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id AND entries = 0;
  INSERT INTO labour_months (month, project_id, consultant_id, minutes, entries, cost60)
  VALUES (substr(new.started_at, 1, 7), new.project_id, new.consultant_id, new.minutes, 1, new.minutes * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = new.consultant_id))
  ON CONFLICT (project_id, month, consultant_id) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1,
    cost60 = (minutes + excluded.minutes) * (SELECT k.cost_rate_cents FROM consultants k WHERE k.id = new.consultant_id);
END;

-- Named labour_cost_ (not labour_months_): they stay when an initial sync sets the entries' triggers aside.
CREATE TRIGGER labour_cost_rate_insert AFTER INSERT ON consultants BEGIN
  UPDATE labour_months SET cost60 = minutes * new.cost_rate_cents WHERE consultant_id = new.id;
END;

CREATE TRIGGER labour_cost_rate_update AFTER UPDATE OF cost_rate_cents ON consultants BEGIN
  UPDATE labour_months SET cost60 = minutes * new.cost_rate_cents WHERE consultant_id = new.id;
END;
