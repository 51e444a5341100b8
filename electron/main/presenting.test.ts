// Presentation mode in the desktop shell, with `electron` mocked (its binary cannot run here): it
// turns on by itself for a second display (and says so) unless the setting says not to; the window
// title, the tray's tooltip and menu show no project name while presenting; the menu offers the
// command palette and the presentation switch.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../shared/domain';

const mocks = vi.hoisted(() => {
  // Electron's screen: a display count and its two events (imports are not available in vi.hoisted).
  const listeners = new Map<string, Set<() => void>>();
  const screen = {
    displays: 1,
    getAllDisplays: () => Array.from({ length: screen.displays }, (_, id) => ({ id })),
    on: (event: string, listener: () => void) => listeners.set(event, (listeners.get(event) ?? new Set()).add(listener)),
    removeListener: (event: string, listener: () => void) => listeners.get(event)?.delete(listener),
    removeAllListeners: () => listeners.clear(),
    emit: (event: string) => listeners.get(event)?.forEach((listener) => listener()),
  };
  class Tray {
    static last: Tray;
    tooltip = '';
    menu: { label?: string }[] = [];
    constructor() {
      Tray.last = this;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setTitle() {}
    setContextMenu(menu: { label?: string }[]) {
      this.menu = menu;
    }
  }
  return { screen, Tray };
});

vi.mock('electron', () => ({
  screen: mocks.screen,
  Tray: mocks.Tray,
  Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: vi.fn() },
  nativeImage: { createFromPath: () => ({}) },
  BrowserWindow: class {},
  session: { defaultSession: {} },
  shell: {},
}));

const { PRESENTING_TITLE, PresentingSetting, SECOND_DISPLAY_NOTICE, shouldPresentForDisplays, trayLabel, windowTitle } =
  await import('./presenting');
const { watchDisplays } = await import('./displays');
const { createTray } = await import('./tray');
const { maskTitle } = await import('./window');
const { menuTemplate } = await import('./menu');

/** A core with just the settings and the timer: settings.update changes them and says so, as the real one does. */
function fakeCore(initial: Partial<Settings> = {}) {
  const events = new EventEmitter();
  const settings = { presentation: false, presentOnSecondDisplay: true, ...initial } as Settings;
  const timer = { projectId: 'p1', projectName: 'Moreton Freight Website', startedAt: new Date(Date.now() - 65_000).toISOString() };
  const invoke = vi.fn(async (channel: string, input?: Partial<Settings>) => {
    if (channel === 'settings.get') return { ok: true as const, value: { ...settings } };
    if (channel === 'settings.update') {
      Object.assign(settings, input);
      events.emit('data.changed', { tables: ['settings'] });
      return { ok: true as const, value: { ...settings } };
    }
    if (channel === 'timer.get') return { ok: true as const, value: timer };
    return { ok: false as const, error: { code: 'unsupported', message: channel } };
  });
  return {
    settings,
    invoke,
    on: (event: string, listener: (payload: never) => void) => {
      const handler = listener as (...args: unknown[]) => void;
      events.on(event, handler);
      return () => events.off(event, handler);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('turning presentation on for a second display', () => {
  it('decides on more displays than before, only when allowed and not on already', () => {
    const base = { displays: 2, before: 1, allowed: true, presenting: false };
    expect(shouldPresentForDisplays(base)).toBe(true);
    expect(shouldPresentForDisplays({ ...base, displays: 3, before: 2 })).toBe(true);
    expect(shouldPresentForDisplays({ ...base, allowed: false })).toBe(false);
    expect(shouldPresentForDisplays({ ...base, presenting: true })).toBe(false);
    expect(shouldPresentForDisplays({ ...base, displays: 1, before: 0 })).toBe(false);
    expect(shouldPresentForDisplays({ ...base, displays: 2, before: 3 })).toBe(false); // one of three unplugged
  });

  beforeEach(() => {
    mocks.screen.removeAllListeners();
    mocks.screen.displays = 1;
  });

  it('turns it on when a display is connected, and tells the window so', async () => {
    const core = fakeCore();
    const setting = new PresentingSetting(core as never);
    await setting.start();
    const told = vi.fn();
    watchDisplays(core as never, setting, told);
    await settle();
    expect(core.settings.presentation).toBe(false);
    expect(told).not.toHaveBeenCalled();

    mocks.screen.displays = 2;
    mocks.screen.emit('display-added');
    await vi.waitFor(() => expect(told).toHaveBeenCalledWith('presenting-second-display'));
    expect(core.invoke).toHaveBeenCalledWith('settings.update', { presentation: true });
    expect(core.settings.presentation).toBe(true);
    expect(setting.presenting).toBe(true);
    expect(SECOND_DISPLAY_NOTICE).toBe('Presentation mode turned on: a second display was connected');
  });

  it('turns it on at start when two displays are already there', async () => {
    mocks.screen.displays = 2;
    const core = fakeCore();
    const setting = new PresentingSetting(core as never);
    const told = vi.fn();
    watchDisplays(core as never, setting, told);
    await vi.waitFor(() => expect(told).toHaveBeenCalledTimes(1));
    expect(core.settings.presentation).toBe(true);
  });

  it('leaves it off when the setting says not to; once allowed, the next display connected turns it on', async () => {
    const core = fakeCore({ presentOnSecondDisplay: false });
    const setting = new PresentingSetting(core as never);
    const told = vi.fn();
    watchDisplays(core as never, setting, told);
    mocks.screen.displays = 2;
    mocks.screen.emit('display-added');
    await settle();
    await settle();
    expect(core.invoke).not.toHaveBeenCalledWith('settings.update', expect.anything());
    expect(told).not.toHaveBeenCalled();
    expect(core.settings.presentation).toBe(false);
    // Unplugging changes nothing; plugging in again with the setting allowed turns it on.
    core.settings.presentOnSecondDisplay = true;
    mocks.screen.displays = 1;
    mocks.screen.emit('display-removed');
    mocks.screen.displays = 2;
    mocks.screen.emit('display-added');
    await vi.waitFor(() => expect(told).toHaveBeenCalledTimes(1));
  });
});

describe('the window title', () => {
  it('is the page title, or a fixed one while presenting, whatever the page sets', async () => {
    expect(windowTitle('Hours · Ops Console', false)).toBe('Hours · Ops Console');
    expect(windowTitle('Moreton Freight · Ops Console', true)).toBe(PRESENTING_TITLE);

    const window = Object.assign(new EventEmitter(), { title: '', isDestroyed: () => false, setTitle: (t: string) => (window.title = t) });
    const core = fakeCore();
    const setting = new PresentingSetting(core as never);
    await setting.start();
    maskTitle(window as never, setting);
    const prevent = vi.fn();
    window.emit('page-title-updated', { preventDefault: prevent }, 'Moreton Freight · Ops Console');
    expect(prevent).toHaveBeenCalled(); // Electron does not set it itself
    expect(window.title).toBe('Moreton Freight · Ops Console');
    await core.invoke('settings.update', { presentation: true });
    await vi.waitFor(() => expect(window.title).toBe(PRESENTING_TITLE));
    window.emit('page-title-updated', { preventDefault: prevent }, 'Acme Group · Ops Console');
    expect(window.title).toBe(PRESENTING_TITLE);
    await core.invoke('settings.update', { presentation: false });
    await vi.waitFor(() => expect(window.title).toBe('Acme Group · Ops Console'));
  });

  it('is masked before the setting has been read', () => {
    const setting = new PresentingSetting(fakeCore() as never);
    expect(setting.presenting).toBe(true);
  });
});

describe('the tray', () => {
  it('names the running project only when not presenting, in the tooltip and the menu', async () => {
    expect(trayLabel(null, Date.now(), true)).toBe('No timer running');
    const core = fakeCore();
    const setting = new PresentingSetting(core as never);
    await setting.start();
    createTray(core as never, () => null, vi.fn(), setting);
    const tray = mocks.Tray.last;
    await vi.waitFor(() => expect(tray.tooltip).toContain('Moreton Freight Website'));
    expect(tray.menu[0]!.label).toMatch(/^0:01:0\d · Moreton Freight Website$/);

    await core.invoke('settings.update', { presentation: true });
    await vi.waitFor(() => expect(tray.tooltip).not.toContain('Moreton'));
    expect(tray.tooltip).toMatch(/^Ops Console — 0:01:0\d · timer running$/);
    expect(JSON.stringify(tray.menu)).not.toContain('Moreton');
  });
});

describe('the menu', () => {
  it('has the command palette and the presentation switch, each sending its command', () => {
    const command = vi.fn();
    const view = menuTemplate(command, false).find((m) => m.label === 'View')!;
    const items = view.submenu as { label?: string; accelerator?: string; click?: () => void }[];
    const palette = items.find((i) => i.label === 'Command Palette…')!;
    const present = items.find((i) => i.label === 'Start / Stop Presenting')!;
    expect(palette.accelerator).toBe('CmdOrCtrl+K');
    expect(present.accelerator).toBe('CmdOrCtrl+Shift+P');
    palette.click!();
    present.click!();
    expect(command.mock.calls).toEqual([['command-palette'], ['toggle-presentation']]);
  });
});
