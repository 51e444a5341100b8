// Automatic updates for the installed app (electron-updater): a check at start and every few hours
// against the publish URL in electron-builder.yml; a new version downloads in the background and is
// installed when the user quits. Never during `npm start` (the app is not packaged then). A failed
// check — offline, server down, no release yet — is logged and otherwise ignored: it never reaches
// the user as an error and never stops the app.
import { app, Notification } from 'electron';
import { autoUpdater, type UpdateInfo } from 'electron-updater';

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The one logging call this module makes (the app's file logger has the same shape). */
export interface UpdateLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

const consoleLog: UpdateLog = {
  warn: (message, fields) => console.warn(message, fields ?? ''),
};

export interface Updates {
  /** Check now (also runs on its own); resolves either way. */
  check(): Promise<void>;
  stop(): void;
}

/** Starts the update checks when the app runs from an installer; returns null otherwise. */
export function startUpdates(options: { log?: UpdateLog; intervalMs?: number } = {}): Updates | null {
  if (!app.isPackaged) return null;
  const log = options.log ?? consoleLog;
  let lastLogged: unknown;
  const failed = (error: unknown) => {
    // electron-updater both emits 'error' and rejects the check with the same error: log it once.
    if (error === lastLogged) return;
    lastLogged = error;
    log.warn('Update check failed; the app keeps running and tries again later', {
      error: error instanceof Error ? error.message : String(error),
    });
  };

  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  // Its own chatter stays out of the log; failures arrive through 'error' and the rejection below.
  autoUpdater.logger = null;
  // Without an 'error' listener an EventEmitter throws — that would crash the main process.
  autoUpdater.on('error', failed);
  const downloaded = (info: UpdateInfo) => {
    if (!Notification.isSupported()) return;
    new Notification({
      title: 'Ops Console update ready',
      body: `Version ${info.version} has been downloaded and will be installed when you quit Ops Console.`,
    }).show();
  };
  autoUpdater.on('update-downloaded', downloaded);

  const check = async (): Promise<void> => {
    try {
      const result = await autoUpdater.checkForUpdates();
      // The download runs on after the check; its failure must not become an unhandled rejection.
      result?.downloadPromise?.catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  void check();
  const timer = setInterval(() => void check(), options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    check,
    stop: () => {
      clearInterval(timer);
      autoUpdater.removeListener('error', failed);
      autoUpdater.removeListener('update-downloaded', downloaded);
    },
  };
}
