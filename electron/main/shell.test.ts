// The Electron shell with `electron` mocked (its binary cannot run here): the window is created
// locked down, IPC answers only the app frame, and the preload exposes only the contract.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const contentsEvents = new Map<string, (...args: unknown[]) => void>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const exposed: Record<string, unknown> = {};
  class BrowserWindow {
    static last: BrowserWindow;
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
    handlers,
    contentsEvents,
    exposed,
    BrowserWindow,
    openHandler: () => windowOpenHandler!,
    openExternal: vi.fn(),
    ipcRendererInvoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from-main' })),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: mocks.BrowserWindow,
  shell: { openExternal: mocks.openExternal },
  session: { defaultSession: {} },
  ipcMain: { handle: (channel: string, handler: (...args: unknown[]) => unknown) => mocks.handlers.set(channel, handler) },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (mocks.exposed[key] = api) },
  ipcRenderer: { invoke: mocks.ipcRendererInvoke, on: vi.fn(), removeListener: vi.fn() },
}));

const { createMainWindow } = await import('./window');
const { registerIpc } = await import('./ipc');
const { APP_ORIGIN } = await import('./security');

describe('main window', () => {
  beforeEach(() => mocks.openExternal.mockClear());

  it('is created with isolation, sandbox and no Node, and loads the app protocol', () => {
    const window = createMainWindow({ origin: APP_ORIGIN }) as unknown as InstanceType<typeof mocks.BrowserWindow>;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(window.loaded).toBe('app://ops/index.html');
  });

  it('denies new windows and opens only web links externally', () => {
    createMainWindow({ origin: APP_ORIGIN });
    expect(mocks.openHandler()({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(mocks.openExternal).toHaveBeenCalledWith('https://example.com/docs');
    expect(mocks.openHandler()({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(mocks.openExternal).toHaveBeenCalledTimes(1);
  });

  it('blocks navigation away from the app and webview attachment', () => {
    createMainWindow({ origin: APP_ORIGIN });
    const navigate = mocks.contentsEvents.get('will-navigate')!;
    const away = { preventDefault: vi.fn() };
    navigate(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inApp = { preventDefault: vi.fn() };
    navigate(inApp, 'app://ops/index.html#/settings');
    expect(inApp.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    mocks.contentsEvents.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('IPC', () => {
  const core = { invoke: vi.fn(async () => ({ ok: true, value: 42 })) };
  registerIpc(core as never, APP_ORIGIN);
  const handler = mocks.handlers.get('ops:invoke')!;

  it('forwards calls from the app frame to the core', async () => {
    const result = await handler({ senderFrame: { url: 'app://ops/index.html', parent: null } }, 'timer.get', null);
    expect(result).toEqual({ ok: true, value: 42 });
    expect(core.invoke).toHaveBeenCalledWith('timer.get', null);
  });

  it('refuses calls from any other frame without touching the core', async () => {
    core.invoke.mockClear();
    for (const senderFrame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://ops/index.html', parent: {} }, null]) {
      const result = (await handler({ senderFrame }, 'entries.delete', { id: 'x' })) as { ok: boolean };
      expect(result.ok).toBe(false);
    }
    expect(core.invoke).not.toHaveBeenCalled();
  });
});

describe('preload', () => {
  it('exposes only invoke and on, and only for contract channels', async () => {
    await import('../preload/index');
    const bridge = mocks.exposed.opsBridge as { invoke: (c: string, i: unknown) => Promise<{ ok: boolean }> };
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.keys(mocks.exposed).sort()).toEqual(['opsBridge', 'opsDesktop']);
    expect(await bridge.invoke('timer.get', null)).toEqual({ ok: true, value: 'from-main' });
    expect(mocks.ipcRendererInvoke).toHaveBeenCalledWith('ops:invoke', 'timer.get', null);
    mocks.ipcRendererInvoke.mockClear();
    expect((await bridge.invoke('shell.exec', 'rm -rf /')).ok).toBe(false);
    expect(mocks.ipcRendererInvoke).not.toHaveBeenCalled();
  });
});
