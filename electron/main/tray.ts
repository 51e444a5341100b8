// The menu-bar / tray timer: elapsed time at a glance, stop or start without opening the window.
// While presenting it shows no project name (trayLabel in presenting.ts).
import { Menu, nativeImage, Tray, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { AppCommand } from '../../shared/contract';
import type { RunningTimer } from '../../shared/domain';
import { formatElapsed } from '../../shared/time';
import type { Core } from '../core/api';
import { trayLabel, type PresentingSetting } from './presenting';

export function createTray(
  core: Pick<Core, 'invoke' | 'on'>,
  window: () => BrowserWindow | null,
  command: (c: AppCommand) => void,
  setting: Pick<PresentingSetting, 'presenting' | 'onChange'>,
): Tray {
  const icon = nativeImage.createFromPath(path.join(__dirname, '../../resources/trayTemplate.png'));
  const tray = new Tray(icon);
  let timer: RunningTimer | null = null;
  let ticker: NodeJS.Timeout | undefined;
  const label = () => trayLabel(timer, Date.now(), setting.presenting);

  const render = () => {
    tray.setToolTip(`Ops Console — ${label()}`);
    if (process.platform === 'darwin') tray.setTitle(timer ? formatElapsed((Date.now() - Date.parse(timer.startedAt)) / 1000) : '');
  };
  const rebuildMenu = () => {
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: label(), enabled: false },
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
  setting.onChange(() => {
    render();
    rebuildMenu();
  });
  return tray;
}
