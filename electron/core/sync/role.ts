// Whether this replica's user is an admin of its central database, as learnt at the last sync. The
// central decides (ops_is_admin: a superuser or a member of ops_admin); the app uses what it learnt
// only to refuse at once, with a clear message, what the central would refuse on the next push.
import { OpsError } from '../../../shared/contract';
import type { Central } from '../central/connection';
import type { Sqlite } from '../db/open';
import { readSetting, writeSetting } from './replica';

const KEY = 'central_admin';

export async function recordCentralRole(db: Sqlite, central: Central): Promise<void> {
  const { rows } = await central.query<{ admin: boolean }>('SELECT ops_is_admin() AS admin');
  const value = rows[0]?.admin ? '1' : '0';
  if (readSetting(db, KEY) !== value) writeSetting(db, KEY, value);
}

/**
 * admin or consultant, as the central said at the last sync; unknown before any sync (a replica
 * file seeded locally: the central decides when it is pushed). A sealed demo workspace never syncs,
 * and its user runs the business being shown: an admin.
 */
export function centralRole(db: Sqlite, sealed: boolean): 'admin' | 'consultant' | 'unknown' {
  if (sealed) return 'admin';
  const value = readSetting(db, KEY);
  return value === '1' ? 'admin' : value === '0' ? 'consultant' : 'unknown';
}

/** Refuses at once, in words, what only an admin may do (when this replica knows its user is not one). */
export function requireAdmin(db: Sqlite, sealed: boolean, what: string): void {
  if (centralRole(db, sealed) === 'consultant') {
    throw new OpsError('forbidden', `Only an admin can ${what}; the central database would refuse it from your login. Ask an admin.`);
  }
}
