// The versions an installation runs: the app's, Electron's (in the desktop app), Node's, SQLite's
// and better-sqlite3's. Logged at start and shown in the diagnostics.
import Database from 'better-sqlite3';
import sqlitePackage from 'better-sqlite3/package.json';
import { version } from '../../../package.json';
import type { DiagnosticsVersions } from '../../../shared/features/diagnostics/types';
import type { Sqlite } from '../db/open';

export function appVersions(db?: Sqlite): DiagnosticsVersions {
  return {
    app: version,
    electron: process.versions.electron ?? null,
    node: process.versions.node,
    sqlite: sqliteVersion(db),
    betterSqlite3: sqlitePackage.version,
  };
}

function sqliteVersion(db?: Sqlite): string {
  const probe = db ?? new Database(':memory:');
  try {
    return probe.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    if (!db) probe.close();
  }
}
