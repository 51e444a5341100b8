// The main window, locked down: no navigation away, no new windows, no webviews, no permission but
// writing text to the clipboard.
import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { contentSecurityPolicy } from '../core/security';
import { windowTitle, type PresentingSetting } from './presenting';
import { APP_ORIGIN, isAllowedNavigation, isAllowedPermission, isExternalWebLink } from './security';

export function createMainWindow(options: { devServerUrl?: string; origin: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Ops Console',
    backgroundColor: '#f6f7f9',
    // Written out here (not built by a helper) so static checkers such as Electronegativity see it.
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick', // no middle-click navigation into new windows
    },
  });
  const contents = window.webContents;

  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, options.origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, options.origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  void window.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

/**
 * The window's title follows the page's (`document.title`), except while presenting: then it is a
 * fixed title, so nothing a page puts there reaches the title bar, the taskbar or a window switcher.
 */
export function maskTitle(window: BrowserWindow, setting: Pick<PresentingSetting, 'presenting' | 'onChange'>): () => void {
  let pageTitle = 'Ops Console';
  const show = () => {
    if (!window.isDestroyed()) window.setTitle(windowTitle(pageTitle, setting.presenting));
  };
  window.on('page-title-updated', (event, title) => {
    event.preventDefault();
    pageTitle = title;
    show();
  });
  show();
  return setting.onChange(show);
}

/** Session-wide rules: CSP on every response, and every permission refused but writing text to the clipboard. */
export function hardenSession(dev: boolean, origin: string): void {
  const csp = contentSecurityPolicy({ dev });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl, origin)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isAllowedPermission(permission, requestingOrigin, origin),
  );
}
