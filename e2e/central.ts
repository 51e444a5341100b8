// A throwaway central database for end-to-end tests, migrated with the real `ops central migrate`.
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../electron/core/central/test-database';
import { ops } from './host';

export type E2eCentral = TestDatabase<pg.Client>;

export function createCentral(): Promise<E2eCentral> {
  return createTestDatabase(
    'ops_e2e',
    async (url) => void ops('central', 'migrate', '--central', url),
    async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    },
  );
}
