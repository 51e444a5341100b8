// electron-vite: main and preload under electron/, the renderer shared with the browser host.
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.mjs';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: 'electron/main/index.ts' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: 'electron/preload/index.ts' } },
    },
  },
  renderer: {
    ...rendererConfig,
    // Vite 8 reads rolldownOptions (rollupOptions is only an alias, ignored when both are set).
    build: { ...rendererConfig.build, rolldownOptions: { ...rendererConfig.build?.rolldownOptions, input: 'renderer/index.html' } },
  },
});
