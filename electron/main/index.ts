// The desktop shell: lifecycle, window, IPC, menu and tray around the core. It holds no behaviour
// of its own; everything it does is tested through the core or the pure security module.
import { app, BrowserWindow, dialog, powerMonitor } from 'electron';
import path from 'node:path';
import { EVENT_CHANNEL } from '../../shared/bridge';
import type { AppCommand } from '../../shared/contract';
import { Core } from '../core/api';
import { startAppLog } from '../core/log/app-log';
import { log } from '../core/log/log';
import { watchDisplays } from './displays';
import { forwardEvents, registerIpc } from './ipc';
import { installMenu } from './menu';
import { registerSavePdf } from './pdf';
import { registerAppScheme, serveRenderer } from './protocol';
import { PresentingSetting } from './presenting';
import { KeychainSecretStore } from './secrets';
import { startupFailure } from './startup';
import { allowedOrigin, devServerUrl as devServerFor } from './security';
import { createTray } from './tray';
import { startUpdates } from './updater';
import { createMainWindow, hardenSession, maskTitle } from './window';

const devServerUrl = devServerFor(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
const origin = allowedOrigin(devServerUrl);

// Every renderer sandboxed, whatever its webPreferences say (must run before the app is ready).
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();

let core: Core | undefined;
let window: BrowserWindow | null = null;
let presenting: PresentingSetting | undefined;

/** A command for the window; one sent while the page is still loading waits for it. */
function sendCommand(command: AppCommand): void {
  if (!window) return;
  const contents = window.webContents;
  const send = () => !contents.isDestroyed() && contents.send(EVENT_CHANNEL, 'app.command', { command });
  if (command !== 'presenting-second-display') window.show();
  if (contents.isLoading()) contents.once('did-finish-load', send);
  else send();
}

function openWindow(): void {
  window = createMainWindow({ devServerUrl, origin });
  const stopForwarding = forwardEvents(core!, window.webContents);
  const stopMasking = maskTitle(window, presenting!);
  window.on('closed', () => {
    stopForwarding();
    stopMasking();
    window = null;
  });
}

app.on('second-instance', () => window?.show());
// A crashed window or helper process, in the log (main's own uncaught errors are logged by startAppLog).
app.on('render-process-gone', (_event, _contents, details) => log.error('The window’s process stopped', { ...details }));
app.on('child-process-gone', (_event, details) => log.error('A helper process stopped', { ...details }));

void app.whenReady().then(async () => {
  const dataDir = app.getPath('userData');
  try {
    await startAppLog({ dir: path.join(dataDir, 'logs'), frontEnd: 'desktop' });
    core = new Core({ dataDir, watchIntervalMs: 1000, seedInBackground: true, secrets: new KeychainSecretStore(dataDir) });
  } catch (error) {
    // The data cannot be opened (a read-only or full folder, a newer replica): say so, and quit.
    const { title, message } = startupFailure(error, dataDir);
    log.error('Could not open the data at start', { error: error instanceof Error ? error.message : String(error) });
    dialog.showErrorBox(title, message);
    closed = true;
    app.exit(1);
    return;
  }
  core.startAutoSync();
  core.startDailyBackups();
  powerMonitor.on('resume', () => void core?.invoke('sync.now'));
  hardenSession(!!devServerUrl, origin);
  serveRenderer(path.join(__dirname, '../renderer'));
  registerIpc(core, origin);
  registerSavePdf(origin);
  presenting = new PresentingSetting(core);
  void presenting.start();
  installMenu(sendCommand);
  createTray(core, () => window, sendCommand, presenting);
  openWindow();
  watchDisplays(core, presenting, sendCommand);
  startUpdates({ log }); // installed app only; see updater.ts
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

// Closing the window leaves the app in the tray with the timer visible; Quit ends it.
app.on('window-all-closed', () => undefined);
// Close the replica (and the sync connection) before the process ends, so the WAL is checkpointed.
let closed = false;
app.on('will-quit', (event) => {
  if (closed || !core) return;
  event.preventDefault();
  closed = true;
  void core.close().finally(() => app.exit(0));
});
