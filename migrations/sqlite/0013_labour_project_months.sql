-- Labour per project and UTC month (issue 10: the billing dashboard's margin over a year read 54k
-- rows of labour_months at scale 10, a project's month being worked by ~14 consultants; this has
-- 3.9k). Derived from labour_months by triggers on it, so every path that keeps labour_months (an
-- entry written, a cost rate set, the rebuild after an initial sync) keeps this in the same
-- transaction. `uncosted`: labour_months rows whose consultant has no cost rate (cost60 NULL).
-- While a load has the entries' aggregates set aside (a '~rebuild time_entries' row in
-- deferred_indexes) the triggers do nothing: the rebuild at its end builds labour_months again and
-- then this from it in one pass (electron/core/db/deferred-indexes.ts).
CREATE TABLE labour_project_months (
  month TEXT NOT NULL,
  project_id TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  cost60 INTEGER NOT NULL,
  uncosted INTEGER NOT NULL,
  consultants INTEGER NOT NULL,
  PRIMARY KEY (month, project_id)
) WITHOUT ROWID;

INSERT INTO labour_project_months (month, project_id, minutes, cost60, uncosted, consultants)
SELECT month, project_id, sum(minutes), coalesce(sum(cost60), 0), sum(cost60 IS NULL), count(*)
FROM labour_months GROUP BY month, project_id;

-- (A load under way when this migration runs recorded its rebuild before this table existed.)
UPDATE deferred_indexes SET sql = sql || '
      DELETE FROM labour_project_months;
      INSERT INTO labour_project_months (month, project_id, minutes, cost60, uncosted, consultants)
      SELECT month, project_id, sum(minutes), coalesce(sum(cost60), 0), sum(cost60 IS NULL), count(*)
      FROM labour_months GROUP BY month, project_id;'
WHERE name = '~rebuild time_entries';

CREATE TRIGGER labour_project_months_insert AFTER INSERT ON labour_months
WHEN NOT EXISTS (SELECT 1 FROM deferred_indexes WHERE name = '~rebuild time_entries') BEGIN
  INSERT INTO labour_project_months (month, project_id, minutes, cost60, uncosted, consultants)
  VALUES (new.month, new.project_id, new.minutes, coalesce(new.cost60, 0), new.cost60 IS NULL, 1)
  ON CONFLICT (month, project_id) DO UPDATE SET minutes = minutes + excluded.minutes, cost60 = cost60 + excluded.cost60,
    uncosted = uncosted + excluded.uncosted, consultants = consultants + 1;
END;

CREATE TRIGGER labour_project_months_delete AFTER DELETE ON labour_months
WHEN NOT EXISTS (SELECT 1 FROM deferred_indexes WHERE name = '~rebuild time_entries') BEGIN
  UPDATE labour_project_months SET minutes = minutes - old.minutes, cost60 = cost60 - coalesce(old.cost60, 0),
    uncosted = uncosted - (old.cost60 IS NULL), consultants = consultants - 1
  WHERE month = old.month AND project_id = old.project_id;
  DELETE FROM labour_project_months WHERE month = old.month AND project_id = old.project_id AND consultants = 0;
END;

CREATE TRIGGER labour_project_months_update AFTER UPDATE ON labour_months
WHEN NOT EXISTS (SELECT 1 FROM deferred_indexes WHERE name = '~rebuild time_entries') BEGIN
  UPDATE labour_project_months SET minutes = minutes - old.minutes, cost60 = cost60 - coalesce(old.cost60, 0),
    uncosted = uncosted - (old.cost60 IS NULL), consultants = consultants - 1
  WHERE month = old.month AND project_id = old.project_id;
  DELETE FROM labour_project_months WHERE month = old.month AND project_id = old.project_id AND consultants = 0;
  INSERT INTO labour_project_months (month, project_id, minutes, cost60, uncosted, consultants)
  VALUES (new.month, new.project_id, new.minutes, coalesce(new.cost60, 0), new.cost60 IS NULL, 1)
  ON CONFLICT (month, project_id) DO UPDATE SET minutes = minutes + excluded.minutes, cost60 = cost60 + excluded.cost60,
    uncosted = uncosted + excluded.uncosted, consultants = consultants + 1;
END;
