import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: path.resolve(__dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    minify: true,
  },
};
