// A throwaway central database for end-to-end tests, migrated with the real `ops central migrate`.
import crypto from 'node:crypto';
import pg from 'pg';
import { ops } from './host';

/** Read when used: the global setup may point it at a throwaway server. */
const serverUrl = () => process.env.OPS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface E2eCentral {
  name: string;
  url: string;
  /** Creates a consultant login role mapped to `consultantId`; returns its URL. */
  consultantUrl(consultantId: string): Promise<string>;
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

function urlFor(database: string, user?: string, password?: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  if (user) url.username = user;
  if (user) url.password = password ?? '';
  return url.toString();
}

export async function createCentral(): Promise<E2eCentral> {
  const name = `ops_e2e_${crypto.randomBytes(5).toString('hex')}`;
  const server = new pg.Client({ connectionString: serverUrl() });
  await server.connect();
  await server.query(`CREATE DATABASE ${name}`);
  await server.end();
  const url = urlFor(name);
  ops('central', 'migrate', '--central', url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const roles: string[] = [];
  return {
    name,
    url,
    async consultantUrl(consultantId) {
      const role = `${name}_c${roles.length}`;
      const password = crypto.randomBytes(9).toString('hex');
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE ops_consultant`);
      await admin.query('INSERT INTO consultant_roles (role_name, consultant_id) VALUES ($1, $2)', [role, consultantId]);
      roles.push(role);
      return urlFor(name, role, password);
    },
    query: (sql, params) => admin.query(sql, params),
    async drop() {
      await admin.end();
      const s = new pg.Client({ connectionString: serverUrl() });
      await s.connect();
      await s.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of roles) await s.query(`DROP ROLE IF EXISTS ${role}`);
      await s.end();
    },
  };
}
