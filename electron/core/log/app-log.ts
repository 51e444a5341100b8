// How a long-running front end (the desktop app, the browser host) starts its log: the file in the
// data folder's logs/, uncaught errors recorded, and a first line with the versions it runs.
import os from 'node:os';
import { appVersions } from '../diagnostics/versions';
import { log, logUncaught, startLog, type LogOptions } from './log';

export async function startAppLog(options: LogOptions & { frontEnd: string }): Promise<void> {
  try {
    await startLog(options);
  } catch (error) {
    // A folder that cannot be written: the app runs without its log rather than not at all.
    process.stderr.write(`Ops Console: no log file in ${options.dir} (${(error as Error).message}).\n`);
    return;
  }
  logUncaught();
  log.info('Ops Console started', {
    frontEnd: options.frontEnd,
    versions: appVersions(),
    os: { platform: process.platform, release: os.release(), arch: process.arch },
  });
}
