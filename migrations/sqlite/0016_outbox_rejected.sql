-- The sync status (asked by every screen on opening, and after every sync) counts the outbox's
-- pending and rejected mutations. Counting them with a filter read every outbox row: 60–200 ms in a
-- demo workspace at scale 10, whose whole seed waits in the outbox. Rejected mutations are few: this
-- index finds them, and pending is every mutation less those (a count SQLite takes from an index).
CREATE INDEX outbox_rejected ON outbox (rejected_at) WHERE rejected_at IS NOT NULL;
