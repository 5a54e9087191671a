import type { Session } from 'electron';

/**
 * The renderer's Content-Security-Policy, sent as a header on every app:// response and also
 * present as the page's meta tag (src/renderer/index.html; `frame-ancestors` only works as a
 * header). No inline or remote script, no remote origins anywhere.
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

/** Splits a CSP into its directives: `{ 'script-src': ["'self'"], … }`. */
export function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources;
  }
  return directives;
}

/**
 * What is wrong with a policy, as sentences (empty when nothing is): script without 'self'
 * only, inline or eval'd script, and any source that names a remote origin or a whole scheme
 * that reaches the network (`https:`, `*`, a host).
 */
export function cspProblems(policy: string): string[] {
  const csp = parseCsp(policy);
  const problems: string[] = [];
  if (!csp['default-src']?.includes("'none'")) problems.push("default-src is not 'none'");
  const scripts = csp['script-src'] ?? csp['default-src'] ?? [];
  for (const source of scripts) {
    // WebAssembly compilation (the copy desk's checker) is allowed; arbitrary eval is not.
    if (source !== "'self'" && source !== "'wasm-unsafe-eval'") problems.push(`script-src allows ${source}`);
  }
  if (!csp['object-src']?.includes("'none'") && !csp['default-src']?.includes("'none'"))
    problems.push('object-src is open');
  const local = new Set(["'self'", "'none'", 'data:', 'blob:', "'wasm-unsafe-eval'"]);
  for (const [directive, sources] of Object.entries(csp)) {
    for (const source of sources) {
      if (!local.has(source)) problems.push(`${directive} allows ${source}`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Denies every permission the page could ask for (camera, microphone, notifications,
 * geolocation, HID/USB/serial devices…) both when it asks and when it checks, and refuses
 * downloads: nothing in Copydesk needs any of them, and a pasted link with a `download`
 * attribute must not write to the disk. Electron's spellchecker stays off (the copy desk
 * checks offline; Chromium's may fetch dictionaries from Google).
 */
export function hardenSession(
  ses: Pick<
    Session,
    | 'setPermissionRequestHandler'
    | 'setPermissionCheckHandler'
    | 'setDevicePermissionHandler'
    | 'setSpellCheckerEnabled'
    | 'on'
  >,
  log?: (message: string) => void,
): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log?.(`denied the permission request “${permission}”`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => {
    log?.('refused a download');
    event.preventDefault();
  });
}
