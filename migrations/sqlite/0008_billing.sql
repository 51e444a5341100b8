-- Billing dashboard (issue 10).
-- How a project is sold: `hourly` (time and materials: billable entries are invoiced at their
-- snapshotted rate) or `fixed` (a fixed-price package: the price is `budget_cents`, ex GST,
-- invoiced in milestones; its hours are its cost, not its revenue). Every existing project was
-- billed by the hour.
ALTER TABLE projects ADD COLUMN pricing TEXT NOT NULL DEFAULT 'hourly' CHECK (pricing IN ('hourly', 'fixed'));

-- The billing dashboard's reads. Invoices by the day they were issued and paid (revenue by month,
-- by client and tier, paid within 30 days), covering: the table is not read; billable entries not
-- yet on an invoice (work in progress, covering: minutes and rate are all it needs). Hours and
-- labour cost come from labour_months below.
CREATE INDEX invoices_issued ON invoices (issued_on, status, client_id, project_id, subtotal_cents, tax_cents, total_cents, paid_on);
CREATE INDEX invoices_paid ON invoices (paid_on, status, subtotal_cents, tax_cents) WHERE paid_on IS NOT NULL;
CREATE INDEX time_entries_unbilled ON time_entries (project_id, started_at, minutes, rate_cents) WHERE billable = 1 AND invoice_id IS NULL;
CREATE INDEX expenses_spent ON expenses (spent_on, project_id, amount_cents);

-- Minutes per UTC month, project and consultant: a maintained aggregate of time_entries (DESIGN.md
-- section 6), kept by triggers in the same transaction as every write that changes an entry, local
-- or pulled by sync (an initial sync fills it as it inserts). Local only, never synced. A range of
-- local days reads its whole UTC months here and the partial months at its two ends from the
-- entries themselves, so any zone's days are exact (billing/queries/labour.ts): labour cost for a
-- year of a scale-10 replica reads ~30k rows here, in key order, instead of sorting ~190k entries.
CREATE TABLE labour_months (
  month TEXT NOT NULL,
  project_id TEXT NOT NULL,
  consultant_id TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  -- Project first: a range of months is read project by project, already grouped.
  PRIMARY KEY (project_id, month, consultant_id)
) WITHOUT ROWID;

INSERT INTO labour_months (month, project_id, consultant_id, minutes, entries)
SELECT substr(started_at, 1, 7), project_id, consultant_id, sum(minutes), count(*) FROM time_entries GROUP BY 1, 2, 3;

CREATE TRIGGER labour_months_insert AFTER INSERT ON time_entries BEGIN
  INSERT INTO labour_months (month, project_id, consultant_id, minutes, entries)
  VALUES (substr(new.started_at, 1, 7), new.project_id, new.consultant_id, new.minutes, 1)
  ON CONFLICT (project_id, month, consultant_id) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
END;

CREATE TRIGGER labour_months_delete AFTER DELETE ON time_entries BEGIN
  UPDATE labour_months SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id;
  DELETE FROM labour_months
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id AND entries = 0;
END;

CREATE TRIGGER labour_months_update AFTER UPDATE OF started_at, project_id, consultant_id, minutes ON time_entries BEGIN
  UPDATE labour_months SET minutes = minutes - old.minutes, entries = entries - 1
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id;
  DELETE FROM labour_months
  WHERE month = substr(old.started_at, 1, 7) AND project_id = old.project_id AND consultant_id = old.consultant_id AND entries = 0;
  INSERT INTO labour_months (month, project_id, consultant_id, minutes, entries)
  VALUES (substr(new.started_at, 1, 7), new.project_id, new.consultant_id, new.minutes, 1)
  ON CONFLICT (project_id, month, consultant_id) DO UPDATE SET minutes = minutes + excluded.minutes, entries = entries + 1;
END;
