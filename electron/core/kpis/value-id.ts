// One value per custom metric per day, on every replica: a value's id is derived from its metric and
// day, so two laptops recording the same day offline write the same row, and sync merges it like any
// row edited on two laptops (per-column clocks, the later write wins). The id is a name-based UUID
// (RFC 9562 version 8, SHA-256, as its appendix B.2): the first 16 bytes of
// SHA-256(namespace ‖ "<metric id>/<YYYY-MM-DD>") with the version and variant bits set. The central
// computes the same (ops_metric_value_id in migrations/postgres/0008_metric_value_ids.sql) and
// refuses any other id; SQLite has it as a function for its migration (registered in db/open.ts).
import { createHash } from 'node:crypto';

/** The namespace of metric value ids (a fixed random UUID: change it and every id changes). */
export const METRIC_VALUE_NAMESPACE = '4f0c3a52-9d7e-4b61-a8c2-5e1f0b7d9a36';

const namespaceBytes = Buffer.from(METRIC_VALUE_NAMESPACE.replaceAll('-', ''), 'hex');

/** The id of `metricId`'s value on the local day `day` (YYYY-MM-DD). */
export function metricValueId(metricId: string, day: string): string {
  const hash = createHash('sha256').update(namespaceBytes).update(`${metricId.toLowerCase()}/${day}`, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
