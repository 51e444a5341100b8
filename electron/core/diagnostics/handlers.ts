// The diagnostics channel: refused while presenting (it names the central host and the replica's path).
import { OpsError } from '../../../shared/contract';
import type { diagnosticsContract } from '../../../shared/features/diagnostics/contract';
import type { CoreContext, HandlersOf } from '../context';
import { logDir } from '../log/log';
import type { SyncService } from '../sync/service';
import type { UserSettingsStore } from '../workspace/user-settings';
import { collectDiagnostics } from './diagnostics';

export function diagnosticsHandlers(
  ctx: CoreContext,
  sync: SyncService,
  userSettings: UserSettingsStore,
): HandlersOf<typeof diagnosticsContract> {
  return {
    'diagnostics.get': () => {
      if (userSettings.get().presentation)
        throw new OpsError('forbidden', 'Turn presentation mode off to copy diagnostics: they name the central host and file paths.');
      return collectDiagnostics(ctx.workspace, sync.status(), logDir());
    },
  };
}
