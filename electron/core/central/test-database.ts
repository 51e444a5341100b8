// Throwaway PostgreSQL databases for tests (unit and end-to-end alike): a fresh database per test,
// consultant login roles for row-level security, and a drop that removes both. Plain `pg` only, so
// Playwright can load it too; the caller migrates the database its own way.
import crypto from 'node:crypto';
import pg from 'pg';

/** Read when used: the test runners' global setup may point it at a throwaway server. */
export const testServerUrl = () => process.env.OPS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase<C extends pg.Client> {
  name: string;
  /** Connection URL as the admin (the database owner). */
  url: string;
  /** A connected admin client, for direct writes by "other systems". */
  admin: C;
  /** Creates a login role for a consultant (row-level security applies to it) and returns its URL. */
  consultantUrl(consultantId: string): Promise<string>;
  drop(): Promise<void>;
}

function urlFor(database: string, user?: { name: string; password: string }): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

export async function createTestDatabase<C extends pg.Client>(
  prefix: string,
  setUp: (url: string) => Promise<void>,
  connect: (url: string) => Promise<C>,
): Promise<TestDatabase<C>> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const server = new pg.Client({ connectionString: testServerUrl() });
  await server.connect();
  await server.query(`CREATE DATABASE ${name}`);
  await server.end();
  const url = urlFor(name);
  await setUp(url);
  const admin = await connect(url);
  const roles: string[] = [];
  return {
    name,
    url,
    admin,
    async consultantUrl(consultantId) {
      const role = `${name}_c${roles.length}`;
      const password = crypto.randomBytes(9).toString('hex');
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE ops_consultant`);
      await admin.query('INSERT INTO consultant_roles (role_name, consultant_id) VALUES ($1, $2)', [role, consultantId]);
      roles.push(role);
      return urlFor(name, { name: role, password });
    },
    async drop() {
      await admin.end();
      const s = new pg.Client({ connectionString: testServerUrl() });
      await s.connect();
      await s.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of roles) await s.query(`DROP ROLE IF EXISTS ${role}`);
      await s.end();
    },
  };
}
