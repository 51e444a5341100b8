// What the desktop app says when it cannot open its data at start (a read-only or full data folder,
// a replica from a newer version, a foreign file): a dialog with what happened and what to do, then
// it quits, instead of an unhandled error in main. Pure, so it is tested without Electron.
import path from 'node:path';
import { OpsError } from '../../shared/contract';
import { storageProblem } from '../core/db/storage';

export interface StartupFailure {
  title: string;
  message: string;
}

export function startupFailure(error: unknown, dataDir: string): StartupFailure {
  const title = 'Ops Console cannot open your data';
  const problem = storageProblem(error);
  const where = path.resolve(dataDir);
  if (problem === 'full')
    return {
      title,
      message: `The disk holding your data (${where}) is full. Free some space on it, then start Ops Console again. Nothing saved was lost.`,
    };
  if (problem === 'read-only')
    return {
      title,
      message:
        `The data folder ${where} cannot be written (it is read-only, on a read-only disk, or you may no longer write there). ` +
        'Check the folder’s permissions and that the disk is mounted read-write, then start Ops Console again. Nothing saved was lost.',
    };
  // The core's own refusals (a replica from a newer version, a file that is not a replica) already say what to do.
  const said = error instanceof OpsError || error instanceof Error ? error.message : String(error);
  return { title, message: `${said}\n\nData folder: ${where}. The log of this start is in its logs folder.` };
}
