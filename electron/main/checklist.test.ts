// The Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security), the
// items a test can hold, with `electron` mocked. docs/security.md maps every item to its test; the
// pure rules are in security.test.ts, the fuses and packaged files in packaging.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL, SAVE_PDF_CHANNEL } from '../../shared/bridge';
import { contentSecurityPolicy } from '../core/security';

const mocks = vi.hoisted(() => {
  const calls: string[] = [];
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const contentsEvents = new Map<string, (...args: unknown[]) => void>();
  const session = {
    headers: undefined as ((details: unknown, callback: (r: unknown) => void) => void) | undefined,
    permissionRequest: undefined as ((...args: unknown[]) => void) | undefined,
    permissionCheck: undefined as ((...args: unknown[]) => boolean) | undefined,
  };
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  class BrowserWindow {
    static last: BrowserWindow;
    static fromWebContents = () => null;
    options: Record<string, unknown>;
    loaded = '';
    webContents = {
      setWindowOpenHandler: (handler: typeof windowOpenHandler) => (windowOpenHandler = handler),
      on: (event: string, listener: (...args: unknown[]) => void) => contentsEvents.set(event, listener),
    };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      BrowserWindow.last = this;
    }
    once() {}
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  return {
    calls,
    handlers,
    contentsEvents,
    session,
    BrowserWindow,
    openHandler: () => windowOpenHandler!,
    openExternal: vi.fn(),
    showSaveDialog: vi.fn(),
    protocolHandler: undefined as ((request: { url: string }) => Promise<Response>) | undefined,
    fetched: [] as string[],
  };
});

vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    enableSandbox: () => mocks.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (mocks.calls.push('singleInstanceLock'), true),
    quit: vi.fn(),
    on: vi.fn(),
    whenReady: () => (mocks.calls.push('whenReady'), new Promise(() => undefined)), // never: only start-up code runs
    getPath: () => '/tmp/ops-console-test',
  },
  BrowserWindow: mocks.BrowserWindow,
  shell: { openExternal: mocks.openExternal },
  dialog: { showSaveDialog: mocks.showSaveDialog },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (listener: typeof mocks.session.headers) => (mocks.session.headers = listener) },
      setPermissionRequestHandler: (handler: typeof mocks.session.permissionRequest) => (mocks.session.permissionRequest = handler),
      setPermissionCheckHandler: (handler: typeof mocks.session.permissionCheck) => (mocks.session.permissionCheck = handler),
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: Array<{ scheme: string }>) =>
      mocks.calls.push(`registerScheme:${schemes.map((s) => s.scheme).join()}`),
    handle: (_scheme: string, handler: typeof mocks.protocolHandler) => (mocks.protocolHandler = handler),
  },
  net: {
    fetch: async (url: string) => {
      mocks.fetched.push(url);
      return new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } });
    },
  },
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => mocks.handlers.set(channel, handler),
    on: (channel: string, handler: (...args: unknown[]) => unknown) => mocks.handlers.set(channel, handler),
  },
  powerMonitor: { on: vi.fn() },
  safeStorage: {},
  Menu: {},
  Tray: class {},
  nativeImage: {},
  Notification: class {},
}));
vi.mock('electron-updater', () => ({ autoUpdater: { on: vi.fn() } }));

const { createMainWindow, hardenSession } = await import('./window');
const { registerIpc } = await import('./ipc');
const { registerSavePdf } = await import('./pdf');
const { serveRenderer } = await import('./protocol');
const { APP_ORIGIN, isExternalWebLink } = await import('./security');

type Win = InstanceType<typeof mocks.BrowserWindow>;
const event = () => ({ preventDefault: vi.fn() });

describe('start-up (electron/main/index.ts)', () => {
  it('sandboxes every renderer and registers the app scheme before the app is ready', async () => {
    mocks.calls.length = 0;
    await import('./index');
    expect(mocks.calls.slice(0, 4)).toEqual(['enableSandbox', 'singleInstanceLock', 'registerScheme:app', 'whenReady']);
  });
});

describe('the main window', () => {
  beforeEach(() => mocks.openExternal.mockClear());

  it('isolates the preload, sandboxes the page, gives it no Node, keeps web security and no experiments', () => {
    const window = createMainWindow({ origin: APP_ORIGIN }) as unknown as Win;
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
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
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toMatch(/preload[\\/]index\.js$/);
  });

  it('loads only the app’s own protocol in the installed app', () => {
    const window = createMainWindow({ origin: APP_ORIGIN }) as unknown as Win;
    expect(window.loaded).toBe('app://ops/index.html');
  });

  it('refuses navigation and redirects away from the app', () => {
    createMainWindow({ origin: APP_ORIGIN });
    for (const name of ['will-navigate', 'will-redirect']) {
      const listener = mocks.contentsEvents.get(name)!;
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://localhost:5173/', 'app://other/index.html']) {
        const away = event();
        listener(away, url);
        expect(away.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
      const inApp = event();
      listener(inApp, 'app://ops/index.html#/hours');
      expect(inApp.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('opens no new window; only https links go to the system browser', () => {
    createMainWindow({ origin: APP_ORIGIN });
    for (const url of [
      'https://example.com/docs',
      'http://example.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pass@example.com/',
    ]) {
      expect(mocks.openHandler()({ url })).toEqual({ action: 'deny' });
    }
    expect(mocks.openExternal.mock.calls).toEqual([['https://example.com/docs']]);
  });

  it('refuses every webview', () => {
    createMainWindow({ origin: APP_ORIGIN });
    const attach = event();
    mocks.contentsEvents.get('will-attach-webview')!(attach, {}, { src: 'https://example.com' });
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('uses shell.openExternal nowhere but behind isExternalWebLink', () => {
    const dir = path.resolve(import.meta.dirname);
    const users = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /openExternal\(/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(users).toEqual(['window.ts']);
    expect(fs.readFileSync(path.join(dir, 'window.ts'), 'utf8')).toMatch(/if \(isExternalWebLink\(url\)\) void shell\.openExternal\(url\)/);
    expect(isExternalWebLink('http://example.com')).toBe(false);
  });
});

describe('the session', () => {
  it('refuses every permission request and check (camera, microphone, notifications, geolocation…)', () => {
    hardenSession(false, APP_ORIGIN);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial']) {
      const callback = vi.fn();
      mocks.session.permissionRequest!({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(mocks.session.permissionCheck!({}, permission, APP_ORIGIN, {})).toBe(false);
    }
  });

  it('allows only writing text to the clipboard, and only to the app’s own page (Copy diagnostics)', () => {
    hardenSession(false, APP_ORIGIN);
    const allowed = vi.fn();
    mocks.session.permissionRequest!({ getURL: () => `${APP_ORIGIN}/index.html` }, 'clipboard-sanitized-write', allowed, {
      requestingUrl: `${APP_ORIGIN}/index.html#/settings`,
    });
    expect(allowed).toHaveBeenCalledWith(true);
    expect(mocks.session.permissionCheck!({}, 'clipboard-sanitized-write', APP_ORIGIN, {})).toBe(true);
    const refused = vi.fn();
    mocks.session.permissionRequest!({ getURL: () => 'https://evil.example/' }, 'clipboard-sanitized-write', refused, {
      requestingUrl: 'https://evil.example/',
    });
    expect(refused).toHaveBeenCalledWith(false);
    expect(mocks.session.permissionCheck!({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
  });

  it('puts the production CSP on every response: no unsafe-inline script, no eval, no plugins, no framing', () => {
    hardenSession(false, APP_ORIGIN);
    let headers: Record<string, string[]> = {};
    mocks.session.headers!({ responseHeaders: { 'X-Other': ['kept'] } }, (result) => {
      headers = (result as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });
    expect(headers['X-Other']).toEqual(['kept']);
    const csp = headers['Content-Security-Policy']![0]!;
    expect(csp).toBe(contentSecurityPolicy());
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));
    // Only style-src keeps 'unsafe-inline' (sonner and Radix inject <style> elements); docs/security.md.
    for (const [name, value] of Object.entries(directives)) {
      if (name !== 'style-src') expect(value, name).not.toMatch(/unsafe/);
    }
    expect(directives['style-src']).toBe("'self' 'unsafe-inline'");
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['base-uri']).toBe("'none'");
  });

  it('relaxes the CSP for the dev server only during development', () => {
    expect(contentSecurityPolicy({ dev: true })).toMatch(/script-src 'self' 'unsafe-inline'/);
    expect(contentSecurityPolicy()).not.toMatch(/localhost|unsafe-eval/);
  });
});

describe('the app:// protocol', () => {
  it('serves only files of the renderer build, each with the CSP and nosniff', async () => {
    const root = path.resolve('/app/out/renderer');
    serveRenderer(root);
    mocks.fetched.length = 0;
    const ok = await mocks.protocolHandler!({ url: 'app://ops/index.html' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect(ok.headers.get('X-Content-Type-Options')).toBe('nosniff');
    for (const url of ['app://other/index.html', 'app://ops/%E0%A4%A']) {
      expect((await mocks.protocolHandler!({ url })).status, url).toBe(404);
    }
    expect(mocks.fetched.map((u) => new URL(u).pathname)).toEqual([path.posix.join(root.split(path.sep).join('/'), 'index.html')]);
  });
});

describe('IPC: the sender frame is checked on every channel', () => {
  const foreign = [
    { url: 'https://evil.example/', parent: null },
    { url: 'app://ops/index.html', parent: {} }, // an iframe inside the app
    { url: 'app://other/index.html', parent: null },
    null,
  ];

  it('has ipcMain only in ipc.ts and pdf.ts (so the handlers below are all of them)', () => {
    const dir = path.resolve(import.meta.dirname);
    const users = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /\bipcMain\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(users.sort()).toEqual(['ipc.ts', 'pdf.ts']);
  });

  it('answers a foreign frame on every registered channel with a refusal, doing nothing', async () => {
    mocks.handlers.clear();
    const core = { invoke: vi.fn(async () => ({ ok: true, value: 1 })) };
    registerIpc(core as never, APP_ORIGIN);
    registerSavePdf(APP_ORIGIN);
    expect([...mocks.handlers.keys()].sort()).toEqual([INVOKE_CHANNEL, SAVE_PDF_CHANNEL].sort());
    const printToPDF = vi.fn();
    for (const [channel, handler] of mocks.handlers) {
      for (const senderFrame of foreign) {
        const result = (await handler(
          { senderFrame, sender: { printToPDF } },
          channel === INVOKE_CHANNEL ? 'entries.delete' : 'x.pdf',
          {},
        )) as {
          ok: boolean;
        };
        expect(result.ok, `${channel} from ${JSON.stringify(senderFrame)}`).toBe(false);
      }
    }
    expect(core.invoke).not.toHaveBeenCalled();
    expect(mocks.showSaveDialog).not.toHaveBeenCalled();
    expect(printToPDF).not.toHaveBeenCalled();
  });
});
