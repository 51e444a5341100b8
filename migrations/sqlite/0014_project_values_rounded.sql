-- Work in progress without reading every unbilled entry (issue 10: 68k of them at scale 10, 70 ms of
-- the billing dashboard): project_values (0009) also keeps, per project and invoice, the billable
-- entries and their minutes rounded under each rule, beside the values it had. The dashboard's WIP
-- reads the rows of no invoice and of draft or void invoices, and takes off the few entries started
-- after the range's end. The table is rebuilt whole (new columns, the same triggers with them).
DROP TRIGGER project_values_insert;
DROP TRIGGER project_values_delete;
DROP TRIGGER project_values_update;
DROP TABLE project_values;

CREATE TABLE project_values (
  project_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  entries INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  billable_minutes INTEGER NOT NULL,
  billable_entries INTEGER NOT NULL,
  value_none INTEGER NOT NULL,
  value_up6 INTEGER NOT NULL,
  value_down6 INTEGER NOT NULL,
  value_nearest6 INTEGER NOT NULL,
  value_up15 INTEGER NOT NULL,
  value_down15 INTEGER NOT NULL,
  value_nearest15 INTEGER NOT NULL,
  rounded_up6 INTEGER NOT NULL,
  rounded_down6 INTEGER NOT NULL,
  rounded_nearest6 INTEGER NOT NULL,
  rounded_up15 INTEGER NOT NULL,
  rounded_down15 INTEGER NOT NULL,
  rounded_nearest15 INTEGER NOT NULL,
  PRIMARY KEY (project_id, invoice_id)
) WITHOUT ROWID;

INSERT INTO project_values (project_id, invoice_id, entries, minutes, billable_minutes, billable_entries, value_none, value_up6, value_down6, value_nearest6, value_up15, value_down15, value_nearest15, rounded_up6, rounded_down6, rounded_nearest6, rounded_up15, rounded_down15, rounded_nearest15)
SELECT project_id, coalesce(invoice_id, ''), count(*),
  sum(minutes),
  sum(billable * minutes),
  sum(billable),
  sum(CASE WHEN billable = 1 THEN (minutes * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((((minutes) + 5) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((((minutes) + 3) / 6) * 6 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((((minutes) + 14) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((((minutes) + 7) / 15) * 15 * rate_cents + 30) / 60 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes) + 5) / 6) * 6 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((minutes) / 6) * 6 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes) + 3) / 6) * 6 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes) + 14) / 15) * 15 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN ((minutes) / 15) * 15 ELSE 0 END),
  sum(CASE WHEN billable = 1 THEN (((minutes) + 7) / 15) * 15 ELSE 0 END)
FROM time_entries GROUP BY 1, 2;

CREATE TRIGGER project_values_insert AFTER INSERT ON time_entries BEGIN
  INSERT INTO project_values (project_id, invoice_id, entries, minutes, billable_minutes, billable_entries, value_none, value_up6, value_down6, value_nearest6, value_up15, value_down15, value_nearest15, rounded_up6, rounded_down6, rounded_nearest6, rounded_up15, rounded_down15, rounded_nearest15)
  SELECT new.project_id, coalesce(new.invoice_id, ''), 1,
    new.minutes,
    new.billable * new.minutes,
    new.billable,
    CASE WHEN new.billable = 1 THEN (new.minutes * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 5) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 3) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 14) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 7) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 5) / 6) * 6 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes) / 6) * 6 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 3) / 6) * 6 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 14) / 15) * 15 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes) / 15) * 15 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 7) / 15) * 15 ELSE 0 END
  WHERE true
  ON CONFLICT (project_id, invoice_id) DO UPDATE SET entries = entries + 1,
    minutes = minutes + excluded.minutes,
    billable_minutes = billable_minutes + excluded.billable_minutes,
    billable_entries = billable_entries + excluded.billable_entries,
    value_none = value_none + excluded.value_none,
    value_up6 = value_up6 + excluded.value_up6,
    value_down6 = value_down6 + excluded.value_down6,
    value_nearest6 = value_nearest6 + excluded.value_nearest6,
    value_up15 = value_up15 + excluded.value_up15,
    value_down15 = value_down15 + excluded.value_down15,
    value_nearest15 = value_nearest15 + excluded.value_nearest15,
    rounded_up6 = rounded_up6 + excluded.rounded_up6,
    rounded_down6 = rounded_down6 + excluded.rounded_down6,
    rounded_nearest6 = rounded_nearest6 + excluded.rounded_nearest6,
    rounded_up15 = rounded_up15 + excluded.rounded_up15,
    rounded_down15 = rounded_down15 + excluded.rounded_down15,
    rounded_nearest15 = rounded_nearest15 + excluded.rounded_nearest15;
END;

CREATE TRIGGER project_values_delete AFTER DELETE ON time_entries BEGIN
  UPDATE project_values SET entries = entries - 1,
    minutes = minutes - (old.minutes),
    billable_minutes = billable_minutes - (old.billable * old.minutes),
    billable_entries = billable_entries - (old.billable),
    value_none = value_none - (CASE WHEN old.billable = 1 THEN (old.minutes * old.rate_cents + 30) / 60 ELSE 0 END),
    value_up6 = value_up6 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 5) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_down6 = value_down6 - (CASE WHEN old.billable = 1 THEN (((old.minutes) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_nearest6 = value_nearest6 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 3) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_up15 = value_up15 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 14) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_down15 = value_down15 - (CASE WHEN old.billable = 1 THEN (((old.minutes) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_nearest15 = value_nearest15 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 7) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END),
    rounded_up6 = rounded_up6 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 5) / 6) * 6 ELSE 0 END),
    rounded_down6 = rounded_down6 - (CASE WHEN old.billable = 1 THEN ((old.minutes) / 6) * 6 ELSE 0 END),
    rounded_nearest6 = rounded_nearest6 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 3) / 6) * 6 ELSE 0 END),
    rounded_up15 = rounded_up15 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 14) / 15) * 15 ELSE 0 END),
    rounded_down15 = rounded_down15 - (CASE WHEN old.billable = 1 THEN ((old.minutes) / 15) * 15 ELSE 0 END),
    rounded_nearest15 = rounded_nearest15 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 7) / 15) * 15 ELSE 0 END)
  WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '');
  DELETE FROM project_values WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '') AND entries = 0;
END;

CREATE TRIGGER project_values_update AFTER UPDATE OF project_id, invoice_id, minutes, billable, rate_cents ON time_entries BEGIN
  UPDATE project_values SET entries = entries - 1,
    minutes = minutes - (old.minutes),
    billable_minutes = billable_minutes - (old.billable * old.minutes),
    billable_entries = billable_entries - (old.billable),
    value_none = value_none - (CASE WHEN old.billable = 1 THEN (old.minutes * old.rate_cents + 30) / 60 ELSE 0 END),
    value_up6 = value_up6 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 5) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_down6 = value_down6 - (CASE WHEN old.billable = 1 THEN (((old.minutes) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_nearest6 = value_nearest6 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 3) / 6) * 6 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_up15 = value_up15 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 14) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_down15 = value_down15 - (CASE WHEN old.billable = 1 THEN (((old.minutes) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END),
    value_nearest15 = value_nearest15 - (CASE WHEN old.billable = 1 THEN ((((old.minutes) + 7) / 15) * 15 * old.rate_cents + 30) / 60 ELSE 0 END),
    rounded_up6 = rounded_up6 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 5) / 6) * 6 ELSE 0 END),
    rounded_down6 = rounded_down6 - (CASE WHEN old.billable = 1 THEN ((old.minutes) / 6) * 6 ELSE 0 END),
    rounded_nearest6 = rounded_nearest6 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 3) / 6) * 6 ELSE 0 END),
    rounded_up15 = rounded_up15 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 14) / 15) * 15 ELSE 0 END),
    rounded_down15 = rounded_down15 - (CASE WHEN old.billable = 1 THEN ((old.minutes) / 15) * 15 ELSE 0 END),
    rounded_nearest15 = rounded_nearest15 - (CASE WHEN old.billable = 1 THEN (((old.minutes) + 7) / 15) * 15 ELSE 0 END)
  WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '');
  DELETE FROM project_values WHERE project_id = old.project_id AND invoice_id = coalesce(old.invoice_id, '') AND entries = 0;
  INSERT INTO project_values (project_id, invoice_id, entries, minutes, billable_minutes, billable_entries, value_none, value_up6, value_down6, value_nearest6, value_up15, value_down15, value_nearest15, rounded_up6, rounded_down6, rounded_nearest6, rounded_up15, rounded_down15, rounded_nearest15)
  SELECT new.project_id, coalesce(new.invoice_id, ''), 1,
    new.minutes,
    new.billable * new.minutes,
    new.billable,
    CASE WHEN new.billable = 1 THEN (new.minutes * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 5) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 3) / 6) * 6 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 14) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((((new.minutes) + 7) / 15) * 15 * new.rate_cents + 30) / 60 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 5) / 6) * 6 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes) / 6) * 6 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 3) / 6) * 6 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 14) / 15) * 15 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN ((new.minutes) / 15) * 15 ELSE 0 END,
    CASE WHEN new.billable = 1 THEN (((new.minutes) + 7) / 15) * 15 ELSE 0 END
  WHERE true
  ON CONFLICT (project_id, invoice_id) DO UPDATE SET entries = entries + 1,
    minutes = minutes + excluded.minutes,
    billable_minutes = billable_minutes + excluded.billable_minutes,
    billable_entries = billable_entries + excluded.billable_entries,
    value_none = value_none + excluded.value_none,
    value_up6 = value_up6 + excluded.value_up6,
    value_down6 = value_down6 + excluded.value_down6,
    value_nearest6 = value_nearest6 + excluded.value_nearest6,
    value_up15 = value_up15 + excluded.value_up15,
    value_down15 = value_down15 + excluded.value_down15,
    value_nearest15 = value_nearest15 + excluded.value_nearest15,
    rounded_up6 = rounded_up6 + excluded.rounded_up6,
    rounded_down6 = rounded_down6 + excluded.rounded_down6,
    rounded_nearest6 = rounded_nearest6 + excluded.rounded_nearest6,
    rounded_up15 = rounded_up15 + excluded.rounded_up15,
    rounded_down15 = rounded_down15 + excluded.rounded_down15,
    rounded_nearest15 = rounded_nearest15 + excluded.rounded_nearest15;
END;
