// Administration of the central database from the `ops` command: who may log in as which
// consultant, the tombstone horizon, and what the laptops have been doing. Run as the database's
// owner (or a superuser): these are the statements an admin used to type into psql by hand.
import crypto from 'node:crypto';
import { OpsError } from '../../../shared/contract';
import type { Central } from './connection';

/** A PostgreSQL login name we create: plain lower-case, so it needs no quoting anywhere. */
const LOGIN_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkLoginName(login: string): void {
  if (!LOGIN_NAME.test(login))
    throw new OpsError(
      'invalid_input',
      `The login “${login}” is not a plain name: use lower-case letters, digits and _ (at most 63, not starting with a digit), e.g. mia_nguyen.`,
      'login',
    );
}

export interface AddedConsultant {
  email: string;
  consultantId: string;
  login: string;
  createdLogin: boolean;
  admin: boolean;
  /** Only when this call made the password up: shown once, stored nowhere. */
  generatedPassword?: string;
}

/**
 * Maps a login role to the consultant with this email, creating the role (LOGIN, in ops_consultant,
 * and in ops_admin when asked) if it does not exist. An existing role keeps its password unless one
 * is given. A consultant may have several logins (a laptop's and a build server's).
 */
export async function addConsultant(
  central: Central,
  input: { email: string; login: string; password?: string; admin?: boolean },
): Promise<AddedConsultant> {
  checkLoginName(input.login);
  const email = input.email.trim().toLowerCase();
  const found = await central.query<{ id: string }>('SELECT id FROM consultants WHERE lower(email) = $1', [email]);
  if (found.rowCount === 0)
    throw new OpsError(
      'not_found',
      `No consultant has the email ${email} in the central database: add them in the app (or sync a replica that has them) first.`,
      'email',
    );
  const consultantId = found.rows[0]!.id;
  const mapped = await central.query<{ consultant_id: string }>('SELECT consultant_id FROM consultant_roles WHERE role_name = $1', [
    input.login,
  ]);
  if (mapped.rowCount && mapped.rows[0]!.consultant_id !== consultantId)
    throw new OpsError(
      'conflict',
      `The login ${input.login} already belongs to another consultant: remove it from them first, or choose another login.`,
      'login',
    );
  const exists = await central.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [input.login]);
  let generatedPassword: string | undefined;
  await central.query('BEGIN');
  try {
    const role = central.escapeIdentifier(input.login);
    if (exists.rowCount === 0) {
      const password = input.password ?? (generatedPassword = crypto.randomBytes(18).toString('base64url'));
      await central.query(`CREATE ROLE ${role} LOGIN PASSWORD ${central.escapeLiteral(password)} IN ROLE ops_consultant`);
    } else {
      await central.query(`ALTER ROLE ${role} LOGIN`);
      await central.query(`GRANT ops_consultant TO ${role}`);
      if (input.password) await central.query(`ALTER ROLE ${role} PASSWORD ${central.escapeLiteral(input.password)}`);
    }
    if (input.admin) await central.query(`GRANT ops_admin TO ${role}`);
    await central.query(
      'INSERT INTO consultant_roles (role_name, consultant_id) VALUES ($1, $2) ON CONFLICT (role_name) DO UPDATE SET consultant_id = EXCLUDED.consultant_id',
      [input.login, consultantId],
    );
    await central.query('COMMIT');
  } catch (error) {
    await central.query('ROLLBACK');
    throw error;
  }
  return { email, consultantId, login: input.login, createdLogin: exists.rowCount === 0, admin: Boolean(input.admin), generatedPassword };
}

export interface RemovedConsultant {
  logins: string[];
}

/**
 * Unmaps a consultant's logins (all of theirs, or the one named) and takes away their right to log
 * in. The roles stay (they may own rows' history in logs); their data stays; a later
 * add-consultant gives the login back.
 */
export async function removeConsultant(central: Central, input: { email?: string; login?: string }): Promise<RemovedConsultant> {
  if (input.login) checkLoginName(input.login);
  if (!input.email && !input.login) throw new OpsError('invalid_input', 'Say whose logins to remove: an EMAIL, or --login ROLE.');
  const rows = await central.query<{ role_name: string }>(
    `SELECT r.role_name FROM consultant_roles r JOIN consultants c ON c.id = r.consultant_id
     WHERE ($1::text IS NULL OR lower(c.email) = lower($1)) AND ($2::text IS NULL OR r.role_name = $2)
     ORDER BY r.role_name`,
    [input.email?.trim() ?? null, input.login ?? null],
  );
  if (rows.rowCount === 0)
    throw new OpsError('not_found', `No login is mapped to ${input.login ?? input.email}: \`ops central status\` lists who can sync.`);
  const logins = rows.rows.map((r) => r.role_name);
  await central.query('BEGIN');
  try {
    for (const login of logins) {
      await central.query('DELETE FROM consultant_roles WHERE role_name = $1', [login]);
      const role = central.escapeIdentifier(login);
      await central.query(`ALTER ROLE ${role} NOLOGIN`);
      await central.query(`REVOKE ops_consultant, ops_admin FROM ${role}`);
    }
    await central.query('COMMIT');
  } catch (error) {
    await central.query('ROLLBACK');
    throw error;
  }
  // Sessions already open keep running until they end: close them, so removal takes effect now.
  await central.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ANY($1) AND pid <> pg_backend_pid()', [
    logins,
  ]);
  return { logins };
}

/** `90d`, `12w`, `6m` (30-day months) or `1y` (365 days) → whole days. */
export function parseKeep(keep: string): number {
  const match = /^(\d{1,5})([dwmy])$/.exec(keep.trim());
  const days = match ? Number(match[1]) * { d: 1, w: 7, m: 30, y: 365 }[match[2] as 'd' | 'w' | 'm' | 'y'] : NaN;
  if (!match || days < 1 || days > 36_500)
    throw new OpsError(
      'invalid_input',
      `--keep ${keep} is not a period: use days, weeks, months or years, e.g. 90d, 12w, 6m or 1y.`,
      'keep',
    );
  return days;
}

export interface PurgedTombstones {
  keptDays: number;
  purged: number;
}

/**
 * Deletes tombstones older than `keepDays`. A laptop whose last sync is older than the newest one
 * purged resyncs fully on its next pull (the horizon moves), so nothing is ever resurrected.
 */
export async function purgeTombstones(central: Central, keepDays: number): Promise<PurgedTombstones> {
  const result = await central.query<{ purged: number }>('SELECT ops_purge_tombstones(make_interval(days => $1)) AS purged', [keepDays]);
  return { keptDays: keepDays, purged: Number(result.rows[0]!.purged) };
}

export interface CentralStatus {
  version: number;
  instanceId: string;
  tombstones: number;
  oldestTombstone: string | null;
  consultants: Array<{ login: string; email: string; name: string; admin: boolean; canLogIn: boolean }>;
  clients: Array<{ clientId: string; login: string; lastMutation: number; lastSyncAt: string }>;
  rejections: Array<{ reason: string; count: number; lastAt: string }>;
}

/** The schema version, who may sync, each laptop's last push, and refusals grouped by reason. */
export async function centralStatus(central: Central): Promise<CentralStatus> {
  const meta = await central.query<{ version: number; instance_id: string }>('SELECT version, instance_id FROM _schema_meta WHERE id = 1');
  if (meta.rowCount === 0) throw new OpsError('not_found', 'This database has no Ops Console schema: run `ops central migrate` first.');
  const tombstones = await central.query<{ n: string; oldest: Date | null }>(
    'SELECT count(*) AS n, min(deleted_at) AS oldest FROM _tombstones',
  );
  const consultants = await central.query<{ login: string; email: string; name: string; admin: boolean; can_log_in: boolean }>(
    `SELECT r.role_name AS login, c.email, c.name, pg_has_role(r.role_name, 'ops_admin', 'MEMBER') AS admin,
            coalesce(pr.rolcanlogin, false) AS can_log_in
     FROM consultant_roles r JOIN consultants c ON c.id = r.consultant_id LEFT JOIN pg_roles pr ON pr.rolname = r.role_name
     ORDER BY c.name, r.role_name`,
  );
  const clients = await central.query<{ client_id: string; role_name: string; last_mutation: string; updated_at: Date }>(
    'SELECT client_id, role_name, last_mutation, updated_at FROM _sync_clients ORDER BY updated_at DESC',
  );
  const rejections = await central.query<{ reason: string; n: string; last_at: Date }>(
    `SELECT reason, count(*) AS n, max(rejected_at) AS last_at FROM _sync_rejections GROUP BY reason ORDER BY count(*) DESC, reason`,
  );
  return {
    version: meta.rows[0]!.version,
    instanceId: meta.rows[0]!.instance_id,
    tombstones: Number(tombstones.rows[0]!.n),
    oldestTombstone: tombstones.rows[0]!.oldest?.toISOString() ?? null,
    consultants: consultants.rows.map((r) => ({ login: r.login, email: r.email, name: r.name, admin: r.admin, canLogIn: r.can_log_in })),
    clients: clients.rows.map((r) => ({
      clientId: r.client_id,
      login: r.role_name,
      lastMutation: Number(r.last_mutation),
      lastSyncAt: r.updated_at.toISOString(),
    })),
    rejections: rejections.rows.map((r) => ({ reason: r.reason, count: Number(r.n), lastAt: r.last_at.toISOString() })),
  };
}
