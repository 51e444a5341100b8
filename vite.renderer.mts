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
    // Libraries in their own chunks by family: each stays small, and an app update that changes
    // only our code leaves them byte-identical.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
            {
              name: 'ui',
              test: /node_modules[\\/](@radix-ui|react-day-picker|date-fns|sonner|lucide-react|cmdk|@floating-ui)[\\/]/,
              priority: 2,
            },
            { name: 'libs', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
};
