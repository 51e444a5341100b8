// Connections to the central PostgreSQL. Secrets stay here: messages name the host and database,
// never the password.
import pg from 'pg';
import { isLoopbackHost } from '../../../shared/central';
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
    await client.end().catch(() => undefined);
    throw new CentralConnectError(connectFailure(url, error));
  }
  return client;
}

/** Why a connection failed and what to do: a server that answered is not an offline one. */
export function connectFailure(url: string, error: unknown): string {
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
  return `Cannot reach ${describeUrl(url)}: ${connectProblem(error, url)} Your work is kept locally.`;
}

/** Connecting to the central database failed: the address, the network, SSL or the login. */
export class CentralConnectError extends OpsError {
  constructor(message: string) {
    super('unsupported', message);
  }
}

/** Why a connection attempt failed, in words that say what to change (always ends with a full stop). */
export function connectProblem(error: unknown, url: string): string {
  const e = error as { code?: string; message?: string };
  const message = plainReason(error);
  let host = '';
  let port = '5432';
  try {
    const parsed = new URL(url);
    host = parsed.hostname;
    port = parsed.port || '5432';
  } catch {
    // described generically below
  }
  if (/does not support SSL/i.test(message)) {
    return isLoopbackHost(host)
      ? 'the server does not support SSL: choose SSL mode disable for a server on this computer.'
      : 'the server does not support SSL. Ask its administrator to enable SSL, or choose SSL mode disable only if the network to it is private.';
  }
  if (/self[- ]signed certificate/i.test(message) || e.code === 'SELF_SIGNED_CERT_IN_CHAIN' || e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return 'the server’s SSL certificate is self-signed, so it cannot be verified. Install its certificate authority on this computer, or ask for a certificate signed by a trusted authority.';
  }
  if (/certificate has expired/i.test(message) || e.code === 'CERT_HAS_EXPIRED') {
    return 'the server’s SSL certificate has expired. Ask its administrator to renew it.';
  }
  if (/altnames|does not match certificate|ERR_TLS_CERT_ALTNAME_INVALID/i.test(message) || e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the server’s SSL certificate is not for ${host || 'this host name'}. Use the host name the certificate names.`;
  }
  if (/unable to (verify|get local issuer)|certificate/i.test(message) || /^(UNABLE_TO|CERT_)/.test(e.code ?? '')) {
    return `the server’s SSL certificate cannot be verified (${message}). Install its certificate authority on this computer.`;
  }
  if (/no pg_hba\.conf entry.*SSL off/i.test(message)) {
    return 'the server accepts only SSL connections: choose SSL mode require.';
  }
  if (e.code === 'ECONNREFUSED') {
    return `nothing answers at ${host}:${port}. Check the host and port, and that the server is running.`;
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return `the host name ${host} cannot be found. Check the host, and that you are online.`;
  }
  if (/timeout/i.test(message) || e.code === 'ETIMEDOUT') {
    return `no answer from ${host}:${port} in time. Check the address and that you are online.`;
  }
  return `${message}. Check the address and that you are online.`;
}

/** An error's reason without the connection string (which may hold a password). */
export function plainReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/postgres(ql)?:\/\/\S+/g, '[central]');
}
