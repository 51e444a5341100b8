// The renderer as the browser host serves it (out/renderer). The Electron build uses the same
// settings through electron.vite.config.ts.
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer.mjs';

export default defineConfig(rendererConfig);
