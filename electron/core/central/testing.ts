// Test harness for the real PostgreSQL: each test gets a fresh, migrated database and drops it.
import { connectCentral, type Central } from './connection';
import { migrateCentral } from './migrate';
import { createTestDatabase, type TestDatabase } from './test-database';

export type TestCentral = TestDatabase<Central>;

export function freshCentral(): Promise<TestCentral> {
  return createTestDatabase(
    'ops_test',
    async (url) => {
      const client = await connectCentral(url);
      await migrateCentral(client);
      await client.end();
    },
    connectCentral,
  );
}
