// Builds the plain-Node entry points (CLI and the loopback web server). Neither may import `electron`.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  build: {
    ssr: true,
    outDir: 'out/node',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: {
        cli: resolve(import.meta.dirname, 'electron/cli/index.ts'),
        web: resolve(import.meta.dirname, 'electron/web/index.ts'),
        bench: resolve(import.meta.dirname, 'electron/bench/index.ts'),
        'fit-speed': resolve(import.meta.dirname, 'electron/calibration/fit-speed.ts'),
      },
      output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
