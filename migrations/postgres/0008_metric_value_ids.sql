-- One value per custom metric per day (docs/sales.md, docs/design-notes.md). A value's id is derived
-- from its metric and day, as the app derives it (electron/core/kpis/value-id.ts): a name-based UUID
-- (RFC 9562 version 8, SHA-256) of "<metric id>/<YYYY-MM-DD>" in a fixed namespace. The same day
-- recorded on two laptops offline is then one row, merged by ops_push like any row edited on two
-- laptops: per-column clocks, the later write wins. Any other id is refused (metric_values_one_a_day).
CREATE FUNCTION ops_metric_value_id(metric uuid, day date) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(set_byte(set_byte(h, 6, (get_byte(h, 6) & 15) | 128), 8, (get_byte(h, 8) & 63) | 128), 'hex')::uuid
  FROM (SELECT substring(sha256(decode('4f0c3a529d7e4b61a8c25e1f0b7d9a36', 'hex')
                                || convert_to(metric::text || '/' || to_char(day, 'YYYY-MM-DD'), 'UTF8')) FROM 1 FOR 16)) AS x(h)
$$;

-- Values recorded before had random ids, and a day recorded on two laptops was kept twice. Each day
-- keeps the value whose clock is latest (as a merge would; equal clocks: the greater id), under the
-- derived id and with that value's own clocks (the stamping trigger, which would stamp the changed id
-- with the server's clock, is off meanwhile; the rows get a new transaction id for replicas to pull);
-- every old id leaves a tombstone, so replicas drop it too. Replicas do the same in their own
-- migration (sqlite/0012_metric_value_ids.sql) and reach the same rows.
ALTER TABLE metric_values DISABLE TRIGGER ops_stamp;
ALTER TABLE metric_values DISABLE TRIGGER ops_tombstone;

CREATE TEMP TABLE metric_value_keep ON COMMIT DROP AS
SELECT DISTINCT ON (metric_id, recorded_on) metric_id, recorded_on, id AS keep_id, ops_metric_value_id(metric_id, recorded_on) AS new_id
FROM metric_values
ORDER BY metric_id, recorded_on, coalesce(_clocks ->> 'value', _hlc) COLLATE "C" DESC, id DESC;

INSERT INTO _tombstones (table_name, row_id, _hlc)
SELECT 'metric_values', v.id, ops_server_hlc()
FROM metric_values v JOIN metric_value_keep k USING (metric_id, recorded_on)
WHERE v.id <> k.new_id
ON CONFLICT (table_name, row_id) DO UPDATE SET _hlc = excluded._hlc, _txid = pg_current_xact_id(), deleted_at = now();

DELETE FROM metric_values v USING metric_value_keep k
WHERE v.metric_id = k.metric_id AND v.recorded_on = k.recorded_on AND v.id <> k.keep_id;
UPDATE metric_values v SET id = k.new_id, _txid = pg_current_xact_id() FROM metric_value_keep k WHERE v.id = k.keep_id AND v.id <> k.new_id;
-- (a derived id tombstoned before, by a delete of that day's value, is one no longer)
DELETE FROM _tombstones t USING metric_value_keep k WHERE t.table_name = 'metric_values' AND t.row_id = k.new_id;

ALTER TABLE metric_values ENABLE TRIGGER ops_stamp;
ALTER TABLE metric_values ENABLE TRIGGER ops_tombstone;

ALTER TABLE metric_values ADD CONSTRAINT metric_values_one_a_day CHECK (id = ops_metric_value_id(metric_id, recorded_on));
