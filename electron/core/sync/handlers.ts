// The sync channels: the central database's address, sync now, and the rejected changes.
import { OpsError } from '../../../shared/contract';
import type { syncContract } from '../../../shared/features/sync/contract';
import { connectCentral, describeUrl } from '../central/connection';
import { centralSchemaState } from '../central/migrate';
import { CENTRAL_PASSWORD, splitCentralUrl, withPassword } from '../central/secrets';
import type { CoreContext, HandlersOf } from '../context';
import { discardRejection, listRejections, restoreRejection, retryRejection } from './rejections';
import { writeSetting } from './replica';
import type { SyncService } from './service';

export function syncHandlers(ctx: CoreContext, sync: SyncService): HandlersOf<typeof syncContract> {
  /** After a change to the rejections: the status moves, and the next sync sends what is retried. */
  const rejectionsChanged = () => {
    ctx.emit('sync.changed', sync.status());
    sync.poke();
    return listRejections(ctx.replica);
  };
  return {
    'central.get': () => sync.centralSettings(),
    'central.update': ({ url, password }) => {
      sync.dropConnection();
      if (ctx.options.centralUrl) {
        throw new OpsError(
          'unsupported',
          'This session uses the central database given on the command line (--central / OPS_CENTRAL_URL); change it there.',
        );
      }
      // Disconnecting stays possible (a demo workspace set up by an older version); connecting does not.
      if (url !== null) sync.assertNotSealed();
      ctx.replica.transaction(() => {
        if (url === null) {
          ctx.db.prepare("DELETE FROM settings WHERE key = 'central_url'").run();
          ctx.secrets.set(CENTRAL_PASSWORD, null);
          return;
        }
        const split = splitCentralUrl(url);
        writeSetting(ctx.db, 'central_url', split.url);
        if (password !== undefined) ctx.secrets.set(CENTRAL_PASSWORD, password || null);
        else if (split.password) ctx.secrets.set(CENTRAL_PASSWORD, split.password);
      });
      sync.centralChanged();
      return sync.centralSettings();
    },
    'central.test': async (input) => {
      let url = sync.centralUrl();
      if (input?.url) {
        const split = splitCentralUrl(input.url);
        url = withPassword(split.url, input.password ?? split.password ?? ctx.secrets.get(CENTRAL_PASSWORD));
      }
      if (!url) return { ok: false, message: 'Enter the central database address first.' };
      return testCentral(url);
    },
    'sync.status': () => sync.status(),
    'sync.now': async () => {
      await sync.now();
      return sync.status();
    },
    'sync.rejections': () => listRejections(ctx.replica),
    'sync.retry': ({ mutationId }) => {
      retryRejection(ctx.replica, mutationId);
      return rejectionsChanged();
    },
    'sync.discard': ({ mutationId }) => {
      discardRejection(ctx.replica, mutationId);
      return rejectionsChanged();
    },
    'sync.restore': ({ mutationId }) => {
      restoreRejection(ctx.replica, mutationId);
      return rejectionsChanged();
    },
  };
}

async function testCentral(url: string): Promise<{ ok: boolean; message: string }> {
  let client;
  try {
    client = await connectCentral(url, { timeoutMs: 8000 });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  try {
    const state = await centralSchemaState(client);
    const where = describeUrl(url);
    if (state.kind === 'missing')
      return {
        ok: false,
        message: `Connected to ${where}, but it has no Ops Console schema yet. Run \`npx ops central migrate\` against it.`,
      };
    if (state.kind === 'newer')
      return {
        ok: false,
        message: `Connected to ${where}, but its schema (version ${state.version}) is newer than this app knows. Update the app.`,
      };
    return { ok: true, message: `Connected to ${where} (schema version ${state.version}).` };
  } finally {
    await client.end().catch(() => undefined);
  }
}
