import crypto from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addConsultant, centralStatus, checkLoginName, parseKeep, purgeTombstones, removeConsultant } from './admin';
import { freshCentral, type TestCentral } from './testing';
import { testServerUrl } from './test-database';

let central: TestCentral;
const logins: string[] = [];
const mia = crypto.randomUUID();
const noah = crypto.randomUUID();

beforeEach(async () => {
  central = await freshCentral();
  await central.admin.query(
    `INSERT INTO consultants (id, name, email, default_rate_cents, cost_rate_cents, weekly_capacity_hours, active)
     VALUES ($1, 'Mia Nguyen', 'mia@example.com', 19000, 9000, 38, true), ($2, 'Noah O''Brien', 'noah@example.com', 18000, 8000, 30, true)`,
    [mia, noah],
  );
});
afterEach(async () => {
  await central.drop();
  const server = new pg.Client({ connectionString: testServerUrl() });
  await server.connect();
  for (const login of logins.splice(0)) await server.query(`DROP ROLE IF EXISTS ${login}`);
  await server.end();
});

/** A login name of this test run's own (roles are shared by every database of the server). */
function login(name: string): string {
  const l = `${central.name}_${name}`;
  logins.push(l);
  return l;
}

async function connectAs(role: string, password: string): Promise<pg.Client> {
  const url = new URL(central.url);
  url.username = role;
  url.password = password;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

describe('ops central administration', () => {
  it('add-consultant creates a login mapped to the consultant, who then acts as themselves and no one else', async () => {
    const role = login('mia');
    const added = await addConsultant(central.admin, { email: 'Mia@Example.com', login: role });
    expect(added).toMatchObject({ consultantId: mia, login: role, createdLogin: true, admin: false });
    expect(added.generatedPassword).toMatch(/^[\w-]{24}$/);
    const client = await connectAs(role, added.generatedPassword!);
    try {
      expect((await client.query('SELECT ops_current_consultant() AS me')).rows[0].me).toBe(mia);
      expect((await client.query('SELECT ops_is_admin() AS admin')).rows[0].admin).toBe(false);
      // A consultant login cannot write a table directly.
      await expect(client.query(`UPDATE consultants SET name = 'x' WHERE id = $1`, [noah])).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
    // Again with a password of the admin's choosing: the same login, not a second one.
    const again = await addConsultant(central.admin, { email: 'mia@example.com', login: role, password: 'chosen-by-admin', admin: true });
    expect(again).toMatchObject({ createdLogin: false, admin: true, generatedPassword: undefined });
    const admin = await connectAs(role, 'chosen-by-admin');
    try {
      expect((await admin.query('SELECT ops_is_admin() AS admin')).rows[0].admin).toBe(true);
    } finally {
      await admin.end();
    }
  });

  it('refuses an unknown email, a login that is not a plain name, and a login of another consultant, creating nothing', async () => {
    const before = await central.admin.query('SELECT count(*) FROM pg_roles');
    await expect(addConsultant(central.admin, { email: 'nobody@example.com', login: login('nobody') })).rejects.toThrow(
      /No consultant has the email nobody@example.com/,
    );
    for (const bad of ['Mia', 'mia; DROP ROLE postgres', '1mia', 'x'.repeat(64), 'mia"x', '']) {
      expect(() => checkLoginName(bad)).toThrow(/not a plain name/);
      await expect(addConsultant(central.admin, { email: 'mia@example.com', login: bad })).rejects.toThrow(/not a plain name/);
    }
    expect((await central.admin.query('SELECT count(*) FROM pg_roles')).rows).toEqual(before.rows);
    const role = login('shared');
    await addConsultant(central.admin, { email: 'mia@example.com', login: role });
    await expect(addConsultant(central.admin, { email: 'noah@example.com', login: role })).rejects.toThrow(
      /already belongs to another consultant/,
    );
    expect(
      (await central.admin.query('SELECT consultant_id FROM consultant_roles WHERE role_name = $1', [role])).rows[0].consultant_id,
    ).toBe(mia);
  });

  it('remove-consultant unmaps every login of theirs, stops new logins and ends open sessions; their data stays', async () => {
    const role = login('noah');
    const { generatedPassword } = await addConsultant(central.admin, { email: 'noah@example.com', login: role });
    const open = await connectAs(role, generatedPassword!);
    open.on('error', () => {}); // its session is about to be ended by the server
    expect(await removeConsultant(central.admin, { email: 'noah@example.com' })).toEqual({ logins: [role] });
    await expect(open.query('SELECT 1')).rejects.toThrow();
    await expect(connectAs(role, generatedPassword!)).rejects.toThrow(/not permitted to log in/);
    expect((await central.admin.query('SELECT count(*)::int AS n FROM consultant_roles')).rows[0].n).toBe(0);
    expect((await central.admin.query('SELECT name FROM consultants WHERE id = $1', [noah])).rows[0].name).toBe("Noah O'Brien");
    await expect(removeConsultant(central.admin, { email: 'noah@example.com' })).rejects.toThrow(/No login is mapped/);
    // Added back: the same login works again.
    await addConsultant(central.admin, { email: 'noah@example.com', login: role, password: 'back-again' });
    await (await connectAs(role, 'back-again')).end();
  });

  it('purge-tombstones deletes only those older than --keep and moves the horizon', async () => {
    expect(parseKeep('90d')).toBe(90);
    expect(parseKeep('12w')).toBe(84);
    expect(parseKeep('6m')).toBe(180);
    expect(parseKeep('1y')).toBe(365);
    for (const bad of ['90', 'd', '0d', '-5d', '90 days', '1e3d', '999999d']) expect(() => parseKeep(bad)).toThrow(/not a period/);
    await central.admin.query(`DELETE FROM consultants WHERE id = $1`, [noah]);
    await central.admin.query(
      `INSERT INTO _tombstones (table_name, row_id, _hlc, deleted_at) VALUES ('clients', $1, '0', now() - interval '100 days')`,
      [crypto.randomUUID()],
    );
    expect((await central.admin.query('SELECT count(*)::int AS n FROM _tombstones')).rows[0].n).toBe(2);
    expect(await purgeTombstones(central.admin, 90)).toEqual({ keptDays: 90, purged: 1 });
    expect((await central.admin.query(`SELECT table_name FROM _tombstones`)).rows).toEqual([{ table_name: 'consultants' }]);
    expect((await central.admin.query('SELECT tombstone_horizon IS NOT NULL AS moved FROM _schema_meta')).rows[0].moved).toBe(true);
    expect(await purgeTombstones(central.admin, 90)).toEqual({ keptDays: 90, purged: 0 });
  });

  it('status: the schema version, who may sync, each laptop and refusals by reason', async () => {
    const role = login('mia');
    await addConsultant(central.admin, { email: 'mia@example.com', login: role, admin: true });
    const laptop = crypto.randomUUID();
    await central.admin.query(`INSERT INTO _sync_clients (client_id, role_name, last_mutation) VALUES ($1, $2, 42)`, [laptop, role]);
    await central.admin.query(
      `INSERT INTO _sync_rejections (client_id, mutation_id, table_name, row_id, reason, role_name)
       VALUES ($1, 1, 'time_entries', $2, 'locked', $3), ($1, 2, 'time_entries', $2, 'locked', $3), ($1, 3, 'invoices', $2, 'only an admin', $3)`,
      [laptop, crypto.randomUUID(), role],
    );
    const status = await centralStatus(central.admin);
    expect(status.version).toBeGreaterThan(0);
    expect(status.consultants).toEqual([{ login: role, email: 'mia@example.com', name: 'Mia Nguyen', admin: true, canLogIn: true }]);
    expect(status.clients).toMatchObject([{ clientId: laptop, login: role, lastMutation: 42 }]);
    expect(status.rejections.map((r) => [r.reason, r.count])).toEqual([
      ['locked', 2],
      ['only an admin', 1],
    ]);
  });
});
