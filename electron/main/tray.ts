// The menu-bar / tray timer: elapsed time at a glance, stop or start without opening the window.
import { Menu, nativeImage, Tray, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { AppCommand } from '../../shared/contract';
import type { RunningTimer } from '../../shared/domain';
import { formatElapsed } from '../../shared/time';
import type { Core } from '../core/api';

export function trayLabel(timer: RunningTimer | null, now: number): string {
  if (!timer) return 'No timer running';
  return `${formatElapsed((now - Date.parse(timer.startedAt)) / 1000)} · ${timer.projectName}`;
}

export function createTray(core: Core, window: () => BrowserWindow | null, command: (c: AppCommand) => void): Tray {
  const icon = nativeImage.createFromPath(path.join(__dirname, '../../resources/trayTemplate.png'));
  const tray = new Tray(icon);
  let timer: RunningTimer | null = null;
  let ticker: NodeJS.Timeout | undefined;

  const render = () => {
    const label = trayLabel(timer, Date.now());
    tray.setToolTip(`Ops Console — ${label}`);
    if (process.platform === 'darwin') tray.setTitle(timer ? formatElapsed((Date.now() - Date.parse(timer.startedAt)) / 1000) : '');
  };
  const rebuildMenu = () => {
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: trayLabel(timer, Date.now()), enabled: false },
        timer
          ? { label: 'Stop timer', click: () => void core.invoke('timer.stop') }
          : { label: 'Start timer…', click: () => command('toggle-timer') },
        { label: 'New entry…', click: () => command('new-entry') },
        { type: 'separator' },
        { label: 'Open Ops Console', click: () => window()?.show() },
        { role: 'quit' },
      ]),
    );
  };
  const update = (next: RunningTimer | null) => {
    timer = next;
    clearInterval(ticker);
    if (timer) ticker = setInterval(render, 1000);
    render();
    rebuildMenu();
  };

  void core.invoke('timer.get').then((result) => update(result.ok ? (result.value as RunningTimer | null) : null));
  core.on('timer.changed', update);
  return tray;
}
