// A throwaway central database for end-to-end tests, migrated with the real `ops central migrate`.
import crypto from 'node:crypto';
import pg from 'pg';
import { ops } from './host';

const SERVER = process.env.OPS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface E2eCentral {
  name: string;
  url: string;
  urlAs(role: string): string;
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

function urlFor(database: string, user?: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  if (user) url.username = user;
  return url.toString();
}

export async function createCentral(): Promise<E2eCentral> {
  const name = `ops_e2e_${crypto.randomBytes(5).toString('hex')}`;
  const server = new pg.Client({ connectionString: SERVER });
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
    urlAs: (role) => urlFor(name, role),
    query: async (sql, params) => {
      const match = /CREATE ROLE (\w+)/.exec(sql);
      if (match) roles.push(match[1]!);
      return admin.query(sql, params);
    },
    async drop() {
      await admin.end();
      const s = new pg.Client({ connectionString: SERVER });
      await s.connect();
      await s.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of roles) await s.query(`DROP ROLE IF EXISTS ${role}`);
      await s.end();
    },
  };
}
