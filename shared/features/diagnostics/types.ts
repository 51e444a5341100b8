// What "Copy diagnostics" hands to support: versions, the replica's health, the sync state and
// the last problems from the log. Never a secret: the central is its host and database only.
import type { SyncStatus, WorkspaceKind } from '../../domain';

export interface DiagnosticsVersions {
  app: string;
  /** Null outside the desktop app (the browser host, the `ops` command). */
  electron: string | null;
  node: string;
  sqlite: string;
  betterSqlite3: string;
}

export interface LoggedProblem {
  time: string;
  level: 'warn' | 'error';
  message: string;
  error?: string;
}

export interface Diagnostics {
  generatedAt: string;
  versions: DiagnosticsVersions;
  os: { platform: string; release: string; arch: string };
  replica: {
    workspace: WorkspaceKind;
    path: string;
    /** The file with its write-ahead log. */
    bytes: number;
    schemaVersion: number;
    /** `ok`, or what PRAGMA quick_check found. */
    quickCheck: string;
    rows: Record<string, number>;
  };
  sync: Pick<
    SyncStatus,
    | 'sealed'
    | 'configured'
    | 'central'
    | 'lastSyncAt'
    | 'lastAttemptAt'
    | 'lastError'
    | 'lastResult'
    | 'pending'
    | 'rejected'
    | 'clockSkewMs'
  >;
  log: { dir: string | null; problems: LoggedProblem[] };
  /** All of the above as plain text, as it is copied to the clipboard. */
  text: string;
}
