// The SQL files in migrations/sqlite are bundled into the build (Vite inlines them as strings), so
// the packaged app never reads schema files from disk.
const files = import.meta.glob('../../../migrations/sqlite/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function parseMigrations(sources: Record<string, string>): Migration[] {
  const migrations = Object.entries(sources).map(([path, sql]) => {
    const match = /(\d{4})_([\w-]+)\.sql$/.exec(path);
    if (!match) throw new Error(`Migration file ${path} must be named NNNN_name.sql`);
    return { version: Number(match[1]), name: match[2]!, sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${m.version}`);
  });
  return migrations;
}

export const sqliteMigrations = parseMigrations(files);
export const LATEST_SCHEMA_VERSION = sqliteMigrations.length;
