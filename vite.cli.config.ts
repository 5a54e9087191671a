import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// The CLI runs on plain Node with the same services as the app's main process.
// Dependencies stay external (resolved from node_modules at run time), as in main.
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'src/cli/index.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      external,
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
