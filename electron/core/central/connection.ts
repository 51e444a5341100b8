// Connections to the central PostgreSQL. Secrets stay here: messages name the host and database,
// never the password.
import pg from 'pg';
import { OpsError } from '../../../shared/contract';

export type Central = pg.Client;

/** bigint columns (cents) as numbers: every amount we store is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the central database';
  }
}

export async function connectCentral(url: string, options: { timeoutMs?: number } = {}): Promise<Central> {
  const client = new pg.Client({
    connectionString: url,
    types,
    connectionTimeoutMillis: options.timeoutMs ?? 10_000,
    application_name: 'ops-console',
    // Waiting on a lock for ever would stall sync without a word: give up (and retry later) instead,
    // and never leave a transaction open on the server for long if this process stalls.
    lock_timeout: 10_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  client.on('error', () => undefined); // a dropped connection surfaces on the next query instead
  try {
    await client.connect();
  } catch (error) {
    throw new OpsError('unsupported', connectFailure(url, error));
  }
  return client;
}

/** Why a connection failed and what to do: a server that answered is not an offline one. */
function connectFailure(url: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === '3D000') {
    return (
      `The server at ${describeUrl(url).replace(/\/.*$/, '')} answers, but ${plainReason(error)}. Check the database name at the end ` +
      `of the address (an administrator creates the database, then runs ops central migrate); your work is kept locally.`
    );
  }
  if (code === '28P01' || code === '28000') {
    return `${describeUrl(url)} refused the login: ${plainReason(error)}. Check the user name and password; your work is kept locally.`;
  }
  return `Cannot reach ${describeUrl(url)}: ${plainReason(error)}. Check the address and that you are online; your work is kept locally.`;
}

/** An error's reason without the connection string (which may hold a password). */
export function plainReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/postgres(ql)?:\/\/\S+/g, '[central]');
}
