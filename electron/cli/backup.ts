// `ops backup [--to FILE]` and `ops restore FILE [--force]`.
import path from 'node:path';
import { Core } from '../core/api';
import { backupPath, backupReplica, backupsKept, pruneBackups, restoreReplica } from '../core/backup/backup';
import { defaultDataDir } from '../core/workspace/paths';
import { activeKind, managedFile } from '../core/workspace/workspaces';
import { UsageError, type CliArgs } from './args';
import type { Output } from './format';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function backup(args: CliArgs, env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  if (args.command.length > 1) throw new UsageError('Usage: ops backup [--to FILE]');
  const core = args.db ? new Core({ dbPath: args.db }) : new Core({ dataDir: defaultDataDir(env) });
  try {
    await core.ready;
    const replicaFile = core.workspace.path;
    const to = args.backupTo ? path.resolve(args.backupTo) : backupPath(replicaFile);
    const result = await backupReplica(core.db, to);
    // Only the backups folder's own files are pruned; a --to file elsewhere is the user's to keep.
    const keep = backupsKept(core.db);
    const removed = args.backupTo ? [] : pruneBackups(replicaFile, keep);
    out.print({ ...result, replica: replicaFile, removed }, () =>
      [
        `Backed up ${replicaFile} to ${result.file} (${megabytes(result.bytes)}, ${result.ms} ms); integrity_check: ok.`,
        ...(removed.length
          ? [`Removed ${removed.length} older backup${removed.length === 1 ? '' : 's'} (keeping the newest ${keep}).`]
          : []),
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
}

export async function restore(args: CliArgs, env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  const from = args.command[1];
  if (!from || args.command.length > 2)
    throw new UsageError('Usage: ops restore FILE [--force] (FILE: a backup made by ops backup or the app)');
  const dataDir = defaultDataDir(env);
  const target = args.db ? path.resolve(args.db) : managedFile(dataDir, activeKind(dataDir));
  const result = await restoreReplica(path.resolve(from), target, { force: args.force });
  out.print(result, () =>
    [
      `Restored ${result.file} from ${result.from}. It syncs under a new client id: its ${result.unsent} unsent change${result.unsent === 1 ? '' : 's'} go to the central on the next sync.`,
      ...(result.previous ? [`The replica it replaced is kept at ${result.previous}.`] : []),
    ].join('\n'),
  );
}
