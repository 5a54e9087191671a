import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// Vite's dev server injects imported CSS as <style> elements, which the renderer's strict CSP
// (kept as is for builds and tests) would block, leaving `npm run dev` unstyled.
const devServerStyles: Plugin = {
  name: 'copydesk-dev-server-styles',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module: Electron loads it as CommonJS.
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      // COPYDESK_RENDERER_OUT lets several builds (and the e2e runs reading them) live side by side.
      ...(process.env.COPYDESK_RENDERER_OUT && { outDir: process.env.COPYDESK_RENDERER_OUT }),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), devServerStyles],
  },
});
