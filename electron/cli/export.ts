// `ops export --to DIR [--format csv|json]`: every table of the workspace into a folder.
import path from 'node:path';
import { Core } from '../core/api';
import { writeExport } from '../core/export/export';
import { defaultDataDir } from '../core/workspace/paths';
import { UsageError, type CliArgs } from './args';
import type { Output } from './format';

export async function exportData(args: CliArgs, env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  if (args.command.length > 1 || !args.exportTo)
    throw new UsageError('Usage: ops export --to DIR [--format csv|json] (DIR: a new or empty folder; default: both formats)');
  const dir = path.resolve(args.exportTo);
  const core = args.db ? new Core({ dbPath: args.db }) : new Core({ dataDir: defaultDataDir(env) });
  try {
    await core.ready;
    const result = writeExport(core.workspace, dir, args.format ? [args.format] : ['csv', 'json']);
    const total = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
    out.print({ ...result, replica: core.workspace.path }, () =>
      [
        `Exported ${total} rows of ${Object.keys(result.rows).length} tables from ${core.workspace.path} to ${dir}:`,
        ...result.files.map((file) => `  ${path.basename(file)}`),
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
}
