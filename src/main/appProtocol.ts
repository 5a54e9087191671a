import { extname, resolve, sep } from 'node:path';

/** The scheme and host the renderer is served from: never file://, which grants the page the disk. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'copydesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Maps an app:// URL to a file inside `root` (the built renderer), or null when the URL points
 * anywhere else: another host, `..` segments, encoded traversal, or absolute paths.
 */
export function resolveAppAsset(root: string, url: string): { path: string; mime: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relativePath = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, relativePath);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return { path: full, mime: MIME[extname(full).toLowerCase()] ?? 'application/octet-stream' };
}

/** Whether a URL is one of the app's own pages (for IPC sender checks and navigation). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
