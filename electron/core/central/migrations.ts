// The central schema: migrations/postgres/NNNN_name.sql, bundled like the local ones.
import { parseMigrations } from '../db/migrations';

const files = import.meta.glob('../../../migrations/postgres/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

export const centralMigrations = parseMigrations(files);
export const CENTRAL_SCHEMA_VERSION = centralMigrations.length;
