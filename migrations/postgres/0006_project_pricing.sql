-- How a project is sold (issue 10): `hourly` (billable entries invoiced at their snapshotted rate)
-- or `fixed` (a fixed-price package whose price is `budget_cents`, ex GST, invoiced in milestones).
-- ops_upsert_sql reads the columns from the catalog, so pushes carry it with no other change; only
-- admins write projects. Existing projects were billed by the hour.
ALTER TABLE projects ADD COLUMN pricing text NOT NULL DEFAULT 'hourly' CHECK (pricing IN ('hourly', 'fixed'));
