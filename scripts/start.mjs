// `npm start`: the desktop app from source through electron-vite. Where Electron's own binary is
// missing (its download failed, or was skipped), electron-vite only says "Error: Electron
// uninstall"; this says what happened and what to do instead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve('node_modules', 'electron');
const pathFile = path.join(electronDir, 'path.txt');
const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';

if (!fs.existsSync(path.join(electronDir, 'package.json'))) {
  console.error('Electron is not installed: run `npm install` first.');
  process.exit(1);
}
if (!executable || !fs.existsSync(path.join(electronDir, 'dist', executable))) {
  console.error(
    [
      'The Electron binary is missing: its download failed, or was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD).',
      'To run the desktop app, download it when you are online: `node node_modules/electron/install.js`, then `npm start` again.',
      'Or run the same app in your browser now: `npm run serve` (it prints the address to open).',
    ].join('\n'),
  );
  process.exit(1);
}
if (process.env.OPS_START_CHECK_ONLY) process.exit(0); // its test stops here
const child = spawn(
  process.execPath,
  [path.resolve('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
