// The export channel: the whole workspace as one JSON file. Refused while presenting: the file
// holds every real name and amount.
import { OpsError } from '../../../shared/contract';
import type { exportContract } from '../../../shared/features/export/contract';
import type { CoreContext, HandlersOf } from '../context';
import { log } from '../log/log';
import type { UserSettingsStore } from '../workspace/user-settings';
import { exportJsonFile } from './export';

export function exportHandlers(ctx: CoreContext, userSettings: UserSettingsStore): HandlersOf<typeof exportContract> {
  return {
    'export.json': () => {
      if (userSettings.get().presentation)
        throw new OpsError('forbidden', 'Turn presentation mode off to export: the file holds every real name and amount.');
      const file = exportJsonFile(ctx.workspace);
      log.info('Data exported as JSON', { workspace: ctx.workspace.kind, rows: file.rows });
      return file;
    },
  };
}
