// Errors that say nothing about the data: the server was busy, a lock or statement timed out, two
// transactions deadlocked, the connection dropped. Sync retries them; they are never recorded as
// a refusal of the user's change.

/** SQLSTATE classes: transaction rollback (serialization, deadlock), insufficient resources,
 * object not in prerequisite state (lock timeout), operator intervention (statement timeout,
 * shutdown), system error, connection exception, internal error. */
const TRANSIENT_CLASSES = new Set(['40', '53', '55', '57', '58', '08', 'XX']);

/** Node's own network errors (no SQLSTATE): the connection is gone, not the change refused. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isTransient(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_CLASSES.has(code.slice(0, 2));
  if (NETWORK_CODES.has(code)) return true;
  return typeof e?.message === 'string' && /Connection terminated|connection (?:error|closed)|timeout/i.test(e.message);
}

/** Whether retrying on the same connection can help (it cannot once the connection is gone). */
export function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  return (
    NETWORK_CODES.has(code) ||
    code.startsWith('08') ||
    (typeof e?.message === 'string' && /Connection terminated|not queryable/i.test(e.message))
  );
}
