-- Rows whose rejected local change the user discarded: the next pull fetches them from the
-- central database again and overwrites the local copy, whatever its clocks say.
CREATE TABLE sync_refetch (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id)
);
