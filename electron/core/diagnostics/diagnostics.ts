// "Copy diagnostics": versions, operating system, the replica's health, the sync state and the last
// problems in the log, as data and as the text a user pastes into a support mail. Everything goes
// through the log's redaction on the way out, so a secret that slipped into an error message (a
// connection string in a sync error) is not handed on either.
import fs from 'node:fs';
import os from 'node:os';
import type { SyncStatus } from '../../../shared/domain';
import type { Diagnostics } from '../../../shared/features/diagnostics/types';
import { isoNow } from '../../../shared/time';
import type { OpenWorkspace } from '../workspace/workspaces';
import { recentProblems } from '../log/log';
import { redactText, redactValue } from '../log/redact';
import { replicaStatus } from '../workspace/queries';
import { appVersions } from './versions';

export function collectDiagnostics(workspace: OpenWorkspace, sync: SyncStatus, logDir: string | null): Diagnostics {
  const db = workspace.replica.db;
  const quick = db.pragma('quick_check', { simple: true });
  const status = replicaStatus(db);
  const data: Omit<Diagnostics, 'text'> = {
    generatedAt: isoNow(),
    versions: appVersions(db),
    os: { platform: process.platform, release: os.release(), arch: process.arch },
    replica: {
      workspace: workspace.kind,
      path: workspace.path,
      bytes: fileBytes(workspace.path) + fileBytes(`${workspace.path}-wal`),
      schemaVersion: status.schemaVersion,
      quickCheck: String(quick),
      rows: status.rows,
    },
    sync: {
      sealed: sync.sealed,
      configured: sync.configured,
      central: sync.central,
      lastSyncAt: sync.lastSyncAt,
      lastAttemptAt: sync.lastAttemptAt,
      lastError: sync.lastError,
      lastResult: sync.lastResult,
      pending: sync.pending,
      rejected: sync.rejected,
      clockSkewMs: sync.clockSkewMs,
    },
    log: { dir: logDir, problems: recentProblems(logDir, 20) },
  };
  const safe = redactValue(data) as Omit<Diagnostics, 'text'>;
  return { ...safe, text: diagnosticsText(safe) };
}

function fileBytes(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The diagnostics as plain text (what the clipboard gets). */
export function diagnosticsText(d: Omit<Diagnostics, 'text'>): string {
  const v = d.versions;
  const s = d.sync;
  const lines = [
    `Ops Console diagnostics, ${d.generatedAt}`,
    '',
    `App ${v.app}${v.electron ? ` · Electron ${v.electron}` : ' · browser host or ops (no Electron)'} · Node ${v.node} · SQLite ${v.sqlite} · better-sqlite3 ${v.betterSqlite3}`,
    `OS ${d.os.platform} ${d.os.release} (${d.os.arch})`,
    '',
    'Replica',
    `  workspace: ${d.replica.workspace}`,
    `  file: ${d.replica.path} (${megabytes(d.replica.bytes)})`,
    `  schema version: ${d.replica.schemaVersion} · quick_check: ${d.replica.quickCheck}`,
    `  rows: ${Object.entries(d.replica.rows)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')}`,
    '',
    'Sync',
    s.sealed ? '  this workspace never syncs (the demo)' : `  central: ${s.configured ? (s.central ?? 'set') : 'not set up'}`,
    `  last sync: ${s.lastSyncAt ?? 'never'}${s.lastResult ? ` (pushed ${s.lastResult.pushed}, pulled ${s.lastResult.pulled}, rejected ${s.lastResult.rejected}, ${s.lastResult.ms} ms)` : ''}`,
    `  last attempt: ${s.lastAttemptAt ?? 'never'}${s.lastError ? ` · failed: ${s.lastError}` : ''}`,
    `  outbox: ${s.pending} waiting · ${s.rejected} refused by the central`,
    ...(s.clockSkewMs !== null ? [`  clock: this computer is ${Math.round(s.clockSkewMs / 1000)} s off the central`] : []),
    '',
    `Log: ${d.log.dir ?? 'not written in this session'}`,
    ...(d.log.problems.length === 0
      ? ['  no warnings or errors']
      : d.log.problems.map((p) => `  ${p.time} ${p.level.toUpperCase()} ${p.message}${p.error ? `: ${p.error}` : ''}`)),
  ];
  // One more pass: the text is what leaves the machine.
  return redactText(lines.join('\n'));
}
