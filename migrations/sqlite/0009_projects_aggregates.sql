-- Projects dashboard (issue 10): two more maintained aggregates of time_entries (DESIGN.md section
-- 6), kept like labour_months (0008_billing.sql) by triggers in the same transaction as every write
-- that changes an entry, local or pulled by sync; set aside by an initial sync with the deferred
-- indexes and rebuilt once at its end (electron/core/db/deferred-indexes.ts). Local only, never synced.

-- Billable minutes per consultant and UTC day. Utilization reads a local week's whole UTC days here
-- and the partial UTC days at its two ends from the entries (projects/buckets.ts, splitSpans), so
-- every zone's local weeks stay exact, half- and quarter-hour zones included: a year of a scale-10
-- replica reads ~36k rows here instead of bucketing ~160k entries.
CREATE TABLE billable_days (
  consultant_id TEXT NOT NULL,
  day TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  PRIMARY KEY (consultant_id, day)
) WITHOUT ROWID;

INSERT INTO billable_days (consultant_id, day, minutes, entries)
SELECT consultant_id, substr(started_at, 1, 10), sum(minutes), count(*) FROM time_entries WHERE billable = 1 GROUP BY 1, 2;

CREATE TRIGGER billable_days_insert AFTER INSERT ON time_entries WHEN new.billable = 1 BEGIN
  INSERT INTO billable_days (consultant_id, day, minutes, entries)
  VALUES (new.consultant_id, substr(new.started_at, 1, 10), new.minutes, 1)
  ON CONFLICT (consultant_id, day) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
END;

CREATE TRIGGER billable_days_delete AFTER DELETE ON time_entries WHEN old.billable = 1 BEGIN
  UPDATE billable_days SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE consultant_id = old.consultant_id AND day = substr(old.started_at, 1, 10);
  DELETE FROM billable_days WHERE consultant_id = old.consultant_id AND day = substr(old.started_at, 1, 10) AND entries = 0;
END;

CREATE TRIGGER billable_days_update AFTER UPDATE OF started_at, consultant_id, minutes, billable ON time_entries BEGIN
  UPDATE billable_days SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE old.billable = 1 AND consultant_id = old.consultant_id AND day = substr(old.started_at, 1, 10);
  DELETE FROM billable_days WHERE consultant_id = old.consultant_id AND day = substr(old.started_at, 1, 10) AND entries = 0;
  INSERT INTO billable_days (consultant_id, day, minutes, entries)
  SELECT new.consultant_id, substr(new.started_at, 1, 10), new.minutes, 1 WHERE new.billable = 1
  ON CONFLICT (consultant_id, day) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
END;

-- Per project and invoice ('' = on none): entries, minutes, billable minutes, and the billable value
-- as invoiced (each entry's minutes rounded, times its snapshotted rate, to the cent half-up:
-- hours/rounding.ts) under each of the seven rounding rules a project can have, so a change of a
-- project's rule needs no rebuild: budget burn reads the column of the project's rule now, and an
-- invoice's status (void or not) where it is read.
CREATE TABLE project_values (
  project_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  entries INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  billable_minutes INTEGER NOT NULL,
  value_none INTEGER NOT NULL,
  value_up6 INTEGER NOT NULL,
  value_down6 INTEGER NOT NULL,
  value_nearest6 INTEGER NOT NULL,
  value_up15 INTEGER NOT NULL,
  value_down15 INTEGER NOT NULL,
  value_nearest15 INTEGER NOT NULL,
  PRIMARY KEY (project_id, invoice_id)
) WITHOUT ROWID;

INSERT INTO project_values (project_id, invoice_id, entries, minutes, billable_minutes, value_none, value_up6, value_down6, value_nearest6, value_up15, value_down15, value_nearest15)
SELECT project_id, coalesce(invoice_id, ''), count(*), sum(minutes), sum(billable * minutes),
  sum(CASE WHEN billable = 1 THEN (minutes * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes + 5) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((minutes / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes + 3) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes + 14) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((minutes / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes + 7) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END)
FROM time_entries GROUP BY 1, 2;

CREATE TRIGGER project_values_insert AFTER INSERT ON time_entries BEGIN
  INSERT INTO project_values (project_id, invoice_id, entries, minutes, billable_minutes, value_none, value_up6, value_down6, value_nearest6, value_up15, value_down15, value_nearest15)
  SELECT new.project_id, coalesce(new.invoice_id, ''), 1, new.minutes, new.billable * new.minutes,
    CASE WHEN new.billable = 1 THEN (new.minutes * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 5) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 3) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 14) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 7) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END
  WHERE true
  ON CONFLICT (project_id, invoice_id) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
    billable_minutes = billable_minutes + excluded.billable_minutes,
    value_none = value_none + excluded.value_none,
    value_up6 = value_up6 + excluded.value_up6,
    value_down6 = value_down6 + excluded.value_down6,
    value_nearest6 = value_nearest6 + excluded.value_nearest6,
    value_up15 = value_up15 + excluded.value_up15,
    value_down15 = value_down15 + excluded.value_down15,
    value_nearest15 = value_nearest15 + excluded.value_nearest15;
END;

CREATE TRIGGER project_values_delete AFTER DELETE ON time_entries BEGIN
  UPDATE project_values SET entries = entries - 1, minutes = minutes - old.minutes,
    billable_minutes = billable_minutes - old.billable * old.minutes,
    value_none = value_none - CASE WHEN old.billable = 1 THEN (old.minutes * old.rate_cents + 30) / 60 ELSE 0 END,
    value_up6 = value_up6 - CASE WHEN old.billable = 1 THEN (((old.minutes + 5) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_down6 = value_down6 - CASE WHEN old.billable = 1 THEN ((old.minutes / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_nearest6 = value_nearest6 - CASE WHEN old.billable = 1 THEN (((old.minutes + 3) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_up15 = value_up15 - CASE WHEN old.billable = 1 THEN (((old.minutes + 14) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_down15 = value_down15 - CASE WHEN old.billable = 1 THEN ((old.minutes / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_nearest15 = value_nearest15 - CASE WHEN old.billable = 1 THEN (((old.minutes + 7) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END
  WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '');
  DELETE FROM project_values WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '') AND entries = 0;
END;

CREATE TRIGGER project_values_update AFTER UPDATE OF project_id, invoice_id, minutes, billable, rate_cents ON time_entries BEGIN
  UPDATE project_values SET entries = entries - 1, minutes = minutes - old.minutes,
    billable_minutes = billable_minutes - old.billable * old.minutes,
    value_none = value_none - CASE WHEN old.billable = 1 THEN (old.minutes * old.rate_cents + 30) / 60 ELSE 0 END,
    value_up6 = value_up6 - CASE WHEN old.billable = 1 THEN (((old.minutes + 5) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_down6 = value_down6 - CASE WHEN old.billable = 1 THEN ((old.minutes / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_nearest6 = value_nearest6 - CASE WHEN old.billable = 1 THEN (((old.minutes + 3) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_up15 = value_up15 - CASE WHEN old.billable = 1 THEN (((old.minutes + 14) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_down15 = value_down15 - CASE WHEN old.billable = 1 THEN ((old.minutes / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END,
    value_nearest15 = value_nearest15 - CASE WHEN old.billable = 1 THEN (((old.minutes + 7) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END
  WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '');
  DELETE FROM project_values WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '') AND entries = 0;
  INSERT INTO project_values (project_id, invoice_id, entries, minutes, billable_minutes, value_none, value_up6, value_down6, value_nearest6, value_up15, value_down15, value_nearest15)
  SELECT new.project_id, coalesce(new.invoice_id, ''), 1, new.minutes, new.billable * new.minutes,
    CASE WHEN new.billable = 1 THEN (new.minutes * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 5) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 3) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 14) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes + 7) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END
  WHERE true
  ON CONFLICT (project_id, invoice_id) DO UPDATE SET entries = entries + 1, minutes = minutes + excluded.minutes,
    billable_minutes = billable_minutes + excluded.billable_minutes,
    value_none = value_none + excluded.value_none,
    value_up6 = value_up6 + excluded.value_up6,
    value_down6 = value_down6 + excluded.value_down6,
    value_nearest6 = value_nearest6 + excluded.value_nearest6,
    value_up15 = value_up15 + excluded.value_up15,
    value_down15 = value_down15 + excluded.value_down15,
    value_nearest15 = value_nearest15 + excluded.value_nearest15;
END;
