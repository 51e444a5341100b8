// Invoice numbers that never collide between laptops invoicing offline: INV-<year>-<tag>-<n>, where
// the tag is four Crockford base-32 characters from the random end of this replica's sync client
// id, and n counts this tag's invoices of that year (the highest one already in the replica, plus
// one: numbers of this tag that came back from the central database count too).
//
// Two laptops have different client ids, so (but for a 1 in 2^20 chance) different tags. A copied
// or restored replica keeps the client id (and so the tag and the count) until its first sync says
// it is a copy and gives it a new client id; an invoice it numbered before that can repeat one the
// original numbered. The central database settles it: a sync write of an invoice whose number is
// taken by another invoice gets the number with a suffix from its own id (migrations/postgres/
// 0005_invoicing.sql), and the laptop takes the new number on its pull. Both invoices are kept.
import { cachedStatement } from '../db/query';
import type { Sqlite } from '../db/open';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Four characters from the last 20 bits of a client id (a UUIDv7: its last 62 bits are random). */
export function replicaTag(clientId: string): string {
  const hex = clientId.replace(/-/g, '');
  let bits = Number.parseInt(hex.slice(-5), 16);
  if (!/^[0-9a-f]{32}$/i.test(hex) || Number.isNaN(bits)) throw new Error(`Not a client id: ${clientId}`);
  let tag = '';
  for (let i = 0; i < 4; i++) {
    tag = CROCKFORD[bits & 31]! + tag;
    bits >>>= 5;
  }
  return tag;
}

export function invoicePrefix(clientId: string, year: string): string {
  return `INV-${year}-${replicaTag(clientId)}-`;
}

/** The next number of this replica's series for the year of `issuedOn` (a local day). */
export function nextInvoiceNumber(db: Sqlite, clientId: string, issuedOn: string): string {
  const prefix = invoicePrefix(clientId, issuedOn.slice(0, 4));
  // A range on the number's index; CAST takes the leading digits (a suffixed number counts as its own).
  const last = cachedStatement(
    db,
    `SELECT max(CAST(substr(number, ? + 1) AS INTEGER)) FROM invoices WHERE number >= ? AND number < ? || '~'`,
  )
    .pluck()
    .get(prefix.length, prefix, prefix) as number | null;
  return `${prefix}${String((last ?? 0) + 1).padStart(4, '0')}`;
}
