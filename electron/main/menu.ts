// The application menu: standard roles plus the hours shortcuts.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/contract';

export function menuTemplate(command: (c: AppCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Hours',
      submenu: [
        { label: 'Start / Stop Timer', accelerator: 'CmdOrCtrl+Shift+T', click: () => command('toggle-timer') },
        { label: 'New Entry…', accelerator: 'CmdOrCtrl+N', click: () => command('new-entry') },
        { label: 'Go to Hours', accelerator: 'CmdOrCtrl+1', click: () => command('go-hours') },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

export function installMenu(command: (c: AppCommand) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(command, process.platform === 'darwin')));
}
