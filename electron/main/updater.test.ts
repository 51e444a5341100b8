// Automatic updates with `electron` and `electron-updater` mocked: nothing runs while unpackaged;
// once packaged, a check runs at start and on its interval; a failed check, a failed download or
// an 'error' event is logged once and never thrown; a finished download is announced.
import type { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => {
  const app = { isPackaged: false };
  const notifications: Array<{ title: string; body: string }> = [];
  class Notification {
    static isSupported = () => true;
    constructor(private options: { title: string; body: string }) {}
    show() {
      notifications.push(this.options);
    }
  }
  type Updater = EventEmitter & { checkForUpdates: unknown; autoDownload?: boolean; autoInstallOnAppQuit?: boolean };
  return { app, Notification, notifications, updater: null as unknown as Updater };
});

vi.mock('electron', () => ({ app: mocks.app, Notification: mocks.Notification }));
vi.mock('electron-updater', async () => {
  const { EventEmitter } = await import('node:events');
  mocks.updater = Object.assign(new EventEmitter(), { checkForUpdates: vi.fn() });
  return { autoUpdater: mocks.updater };
});

const { startUpdates, UPDATE_CHECK_INTERVAL_MS } = await import('./updater');
const checkForUpdates = () => mocks.updater.checkForUpdates as ReturnType<typeof vi.fn>;
const flush = () => new Promise((resolve) => setImmediate(resolve));

let stop: (() => void) | undefined;
beforeEach(() => {
  mocks.app.isPackaged = false;
  mocks.notifications.length = 0;
  checkForUpdates().mockReset();
  checkForUpdates().mockResolvedValue(null);
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

function start(intervalMs?: number) {
  const log = { warn: vi.fn() };
  const updates = startUpdates({ log, intervalMs });
  stop = updates?.stop;
  return { log, updates };
}

describe('update checks', () => {
  it('never start while the app is not packaged (npm start, tests)', async () => {
    const { updates, log } = start();
    await flush();
    expect(updates).toBeNull();
    expect(checkForUpdates()).not.toHaveBeenCalled();
    expect(mocks.updater.listenerCount('error')).toBe(0);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('run at start and on the interval once packaged, downloading in the background', async () => {
    vi.useFakeTimers();
    mocks.app.isPackaged = true;
    start(1000);
    expect(checkForUpdates()).toHaveBeenCalledTimes(1);
    expect(mocks.updater.autoDownload).toBe(true);
    expect(mocks.updater.autoInstallOnAppQuit).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(checkForUpdates()).toHaveBeenCalledTimes(2);
    expect(UPDATE_CHECK_INTERVAL_MS).toBeGreaterThanOrEqual(60 * 60 * 1000);
  });

  it('log a rejected check once (it is also emitted as an error event) and resolve', async () => {
    mocks.app.isPackaged = true;
    const offline = new Error('net::ERR_INTERNET_DISCONNECTED');
    checkForUpdates().mockImplementation(async () => {
      mocks.updater.emit('error', offline);
      throw offline;
    });
    const { log, updates } = start();
    await flush();
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![1]).toEqual({ error: 'net::ERR_INTERNET_DISCONNECTED' });
    await expect(updates!.check()).resolves.toBeUndefined();
  });

  it('survive a check that throws synchronously and an error event on its own', async () => {
    mocks.app.isPackaged = true;
    checkForUpdates().mockImplementation(() => {
      throw new Error('app-update.yml is missing');
    });
    const { log } = start();
    await flush();
    expect(() => mocks.updater.emit('error', new Error('HTTP 404 latest.yml'))).not.toThrow();
    expect(log.warn.mock.calls.map((call) => call[1])).toEqual([{ error: 'app-update.yml is missing' }, { error: 'HTTP 404 latest.yml' }]);
  });

  it('log a failed download instead of leaving an unhandled rejection', async () => {
    mocks.app.isPackaged = true;
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      checkForUpdates().mockResolvedValue({ downloadPromise: Promise.reject(new Error('sha512 checksum mismatch')) });
      const { log } = start();
      await flush();
      await flush();
      expect(log.warn.mock.calls.map((call) => call[1])).toEqual([{ error: 'sha512 checksum mismatch' }]);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('announce a downloaded update, and stop listening when stopped', () => {
    mocks.app.isPackaged = true;
    const { updates } = start();
    mocks.updater.emit('update-downloaded', { version: '0.2.0' });
    expect(mocks.notifications).toEqual([
      { title: 'Ops Console update ready', body: 'Version 0.2.0 has been downloaded and will be installed when you quit Ops Console.' },
    ]);
    updates!.stop();
    expect(mocks.updater.listenerCount('error')).toBe(0);
    expect(mocks.updater.listenerCount('update-downloaded')).toBe(0);
  });
});
