#!/usr/bin/env node
// Thin launcher: the CLI itself is built from src/cli by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('copydesk: the CLI is not built yet. Run `npm run build` first.\n');
  process.exit(2);
}
await import(entry.href);
