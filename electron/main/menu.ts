// The application menu: standard roles plus the hours shortcuts, the command palette and
// presentation mode (the window does the work: each item sends it a command).
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
    {
      label: 'View',
      submenu: [
        // The window handles these keys itself (also in the browser host), so the menu only shows
        // them: registerAccelerator false keeps the key from firing twice.
        {
          label: 'Command Palette…',
          accelerator: 'CmdOrCtrl+K',
          registerAccelerator: false,
          click: () => command('command-palette'),
        },
        {
          label: 'Start / Stop Presenting',
          accelerator: 'CmdOrCtrl+Shift+P',
          registerAccelerator: false,
          click: () => command('toggle-presentation'),
        },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

export function installMenu(command: (c: AppCommand) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(command, process.platform === 'darwin')));
}
