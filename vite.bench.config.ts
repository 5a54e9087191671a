import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Benchmarks are TypeScript over the real services; built like the CLI and run with plain Node.
const deps = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...deps].map(
  (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`),
);

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'bench/run.ts'),
    outDir: 'out/bench',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { external, output: { format: 'es', entryFileNames: 'run.js' } },
  },
});
