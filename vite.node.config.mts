// Builds the Node front ends (the `ops` command, the browser host) and the benchmarks: plain Node
// bundles of the same core, with the SQL migrations inlined.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/node',
    emptyOutDir: true,
    target: 'node22',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        ops: 'electron/cli/index.ts',
        serve: 'electron/web/serve.ts',
        bench: 'scripts/bench.ts',
        'central-dev': 'scripts/central-dev.ts',
        'bench-sync': 'scripts/bench-sync.ts',
        'bench-pipelines': 'scripts/bench-pipelines.ts',
        'bench-dashboards': 'scripts/bench-dashboards.ts',
        'bench-core': 'scripts/bench-core.ts',
        'bench-calls': 'scripts/bench-calls.ts',
        'pipeline-server': 'electron/pipeline-server/main.ts',
        // the child the kill -9 tests kill (electron/core/sync/crash.test.ts)
        'crash-writer': 'scripts/crash-writer.ts',
      },
      external: [
        ...builtinModules,
        ...builtinModules.map((m) => `node:${m}`),
        ...Object.keys(pkg.dependencies),
        /^@playwright\//,
        /^playwright/,
      ],
      // Chunks beside the entries, so __dirname means out/node in every one of them.
      output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
