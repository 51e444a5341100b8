-- One value per custom metric per day (docs/sales.md, docs/design-notes.md): a value's id is derived
-- from its metric and day (ops_metric_value_id, electron/core/kpis/value-id.ts, registered on every
-- connection by db/open.ts), so the same day recorded on two laptops offline is one row that sync
-- merges by its clocks, the later write winning. Values recorded before this had random ids, and a
-- day recorded on two laptops came back from sync as two rows: each such day keeps the value whose
-- clock is latest (as sync would have merged them; equal clocks: the greater id), under the derived
-- id, with that value's clocks. The central does the same (postgres/0008_metric_value_ids.sql).
CREATE TEMP TABLE metric_value_keep AS
SELECT metric_id, recorded_on, id AS keep_id, ops_metric_value_id(metric_id, recorded_on) AS new_id
FROM (
  SELECT id, metric_id, recorded_on,
    row_number() OVER (
      PARTITION BY metric_id, recorded_on
      ORDER BY coalesce(CASE WHEN json_valid(_clocks) THEN json_extract(_clocks, '$.value') END, _hlc) DESC, id DESC
    ) AS n
  FROM metric_values
)
WHERE n = 1;

-- Changes not yet pushed (or refused and kept to retry) follow their day's row to its new id, whole:
-- the merged row then reaches the central with its own clocks, and wins there only where it is later.
UPDATE outbox
SET row_id = (SELECT k.new_id FROM metric_values v JOIN metric_value_keep k USING (metric_id, recorded_on) WHERE v.id = outbox.row_id),
  columns = NULL
WHERE table_name = 'metric_values' AND op = 'upsert'
  AND row_id IN (SELECT v.id FROM metric_values v JOIN metric_value_keep k USING (metric_id, recorded_on) WHERE v.id <> k.new_id);

DELETE FROM metric_values WHERE id NOT IN (SELECT keep_id FROM metric_value_keep);
UPDATE metric_values SET id = (SELECT new_id FROM metric_value_keep WHERE keep_id = metric_values.id)
WHERE id <> (SELECT new_id FROM metric_value_keep WHERE keep_id = metric_values.id);
DROP TABLE metric_value_keep;

-- One row a day, now said by the schema too (the central refuses any other id).
DROP INDEX metric_values_metric;
CREATE UNIQUE INDEX metric_values_metric ON metric_values (metric_id, recorded_on);
