-- Sync that holds (issue 7).
-- Cost rates are readable only by admins on the central database: a consultant's replica has none
-- (NULL: "no cost rate", never a wrong 0). SQLite changes a column's constraints by rebuilding the
-- table; the migration runner turns foreign keys off around it and checks them before committing.
CREATE TABLE consultants_rebuilt (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  default_rate_cents INTEGER NOT NULL CHECK (default_rate_cents >= 0),
  cost_rate_cents INTEGER CHECK (cost_rate_cents >= 0),
  weekly_capacity_hours INTEGER NOT NULL CHECK (weekly_capacity_hours BETWEEN 0 AND 80),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  _hlc TEXT NOT NULL,
  _clocks TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO consultants_rebuilt SELECT id, name, email, default_rate_cents, cost_rate_cents, weekly_capacity_hours, active, _hlc, _clocks FROM consultants;
DROP TABLE consultants;
ALTER TABLE consultants_rebuilt RENAME TO consultants;
CREATE INDEX consultants_email ON consultants (email);

-- A refused change keeps the row's full values as they were when it was refused, so the user can
-- restore it even after the row is gone (deleted elsewhere) or discard it knowingly.
ALTER TABLE outbox ADD COLUMN rejected_row TEXT;

-- What the user must be told about the last sync beyond success or failure: a moved or restored
-- central database read again, a copied replica that took a new client id, a timer whose project
-- was deleted.
ALTER TABLE sync_state ADD COLUMN notice TEXT;
