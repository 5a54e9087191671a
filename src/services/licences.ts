import { readFile } from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';

export interface LicenceEntry {
  name: string;
  version: string;
  licence: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

async function readPackage(dir: string): Promise<PackageJson | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

function licenceOf(pkg: PackageJson): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  const types = (pkg.licenses ?? []).map((l) => l.type).filter((t): t is string => typeof t === 'string');
  return types.length > 0 ? `(${types.join(' OR ')})` : 'UNKNOWN';
}

/** Node's lookup: `<dir>/node_modules/<name>`, then each parent folder's, up to the app root. */
async function locate(
  name: string,
  fromDir: string,
  root: string,
): Promise<{ dir: string; pkg: PackageJson } | null> {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    const pkg = await readPackage(candidate);
    if (pkg) return { dir: candidate, pkg };
    if (dir === root || dir === parse(dir).root) return null;
    dir = dirname(dir);
  }
}

/**
 * The production dependencies of the app at `appRoot`, transitively, with their licences, read
 * from the package.json files under its node_modules (offline; in a packaged app these are
 * inside app.asar, which Electron's fs reads). Development tools are not shipped, so not listed.
 */
export async function productionLicences(appRoot: string): Promise<LicenceEntry[]> {
  const root = await readPackage(appRoot);
  if (!root) return [];
  const found = new Map<string, LicenceEntry>();
  const queue: { name: string; from: string }[] = Object.keys({
    ...root.dependencies,
    ...root.optionalDependencies,
  }).map((name) => ({ name, from: appRoot }));
  const visited = new Set<string>();
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const hit = await locate(name, from, appRoot);
    if (!hit || visited.has(hit.dir)) continue;
    visited.add(hit.dir);
    const version = hit.pkg.version ?? '?';
    found.set(`${name}@${version}`, { name, version, licence: licenceOf(hit.pkg) });
    for (const dep of Object.keys({ ...hit.pkg.dependencies, ...hit.pkg.optionalDependencies })) {
      queue.push({ name: dep, from: hit.dir });
    }
  }
  return [...found.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}
