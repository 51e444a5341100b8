-- Secondary indexes set aside while an initial sync fills an empty replica: building an index
-- once at the end is faster than keeping it up row by row. They are dropped and recorded here in
-- one transaction, and built again with the last rows; if the app stops half way, opening the
-- replica builds them again.
CREATE TABLE deferred_indexes (
  name TEXT PRIMARY KEY,
  sql TEXT NOT NULL
);
