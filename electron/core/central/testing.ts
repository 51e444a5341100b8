// Test harness for the real PostgreSQL: each test gets a fresh database, migrated, and drops it.
import crypto from 'node:crypto';
import pg from 'pg';
import { connectCentral, type Central } from './connection';
import { migrateCentral } from './migrate';

/** Read when used: the global setup may point it at a throwaway server. */
const testDatabaseUrl = () => process.env.OPS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function withDatabase(url: string, database: string, user?: { name: string; password: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user.name;
    parsed.password = user.password;
  }
  return parsed.toString();
}

export interface TestCentral {
  name: string;
  /** Connection URL as the admin (the database owner). */
  url: string;
  /** A connected admin client for direct writes by "other systems". */
  admin: Central;
  /** Creates a login role for a consultant (row-level security applies to it) and returns its URL. */
  consultantUrl(consultantId: string): Promise<string>;
  drop(): Promise<void>;
}

export async function freshCentral(): Promise<TestCentral> {
  const name = `ops_test_${crypto.randomBytes(6).toString('hex')}`;
  const server = new pg.Client({ connectionString: testDatabaseUrl() });
  await server.connect();
  await server.query(`CREATE DATABASE ${name}`);
  await server.end();
  const url = withDatabase(testDatabaseUrl(), name);
  const admin = await connectCentral(url);
  await migrateCentral(admin);
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
      return withDatabase(testDatabaseUrl(), name, { name: role, password });
    },
    async drop() {
      await admin.end();
      const s = new pg.Client({ connectionString: testDatabaseUrl() });
      await s.connect();
      await s.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of roles) await s.query(`DROP ROLE IF EXISTS ${role}`);
      await s.end();
    },
  };
}
