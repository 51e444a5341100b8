import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

// import.meta.url, not import.meta.dirname: electron-vite bundles electron.vite.config.ts (which
// imports this file) as CommonJS and defines only __dirname, __filename and import.meta.url.
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const rendererConfig: UserConfig = {
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    minify: true,
  },
};
