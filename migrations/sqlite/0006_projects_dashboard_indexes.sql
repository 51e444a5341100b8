-- Projects dashboard (issue 10): the two time_entries indexes also carry the columns the dashboard
-- sums, so its queries read the index alone and never the table rows (which hold notes and clocks).
--   consultant: billable hours per consultant and local week (and every query by consultant + time)
--   project:    budget burn per project (billable value at the snapshotted rate, billed or not)
-- Each replaces the two-column index it extends (same leading columns, so every earlier query keeps
-- its plan). An index set aside by an initial sync that stopped half way is forgotten here: the new
-- definition is the one to build.
DROP INDEX IF EXISTS time_entries_consultant_started;
DROP INDEX IF EXISTS time_entries_project_started;
DELETE FROM deferred_indexes WHERE name IN ('time_entries_consultant_started', 'time_entries_project_started');
CREATE INDEX time_entries_consultant_started_billable
  ON time_entries (consultant_id, started_at, billable, minutes);
CREATE INDEX time_entries_project_started_amounts
  ON time_entries (project_id, started_at, billable, minutes, rate_cents, invoice_id);
