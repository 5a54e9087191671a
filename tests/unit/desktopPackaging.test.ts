import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { makeTempDir } from '../helpers/tempLibrary';

const ROOT = join(import.meta.dirname, '../..');

describe('electron-builder configuration', () => {
  it('packages Linux AppImage and deb, a hardened macOS dmg, and a Windows NSIS installer', async () => {
    const config = parse(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8'));
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.win.target).toContain('nsis');
    for (const platform of ['linux', 'mac', 'win']) expect(config[platform].icon).toMatch(/^resources\//);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'copydesk-review' })]);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual([]);
    expect(config.afterPack).toBe('build/afterPack.mjs');
    expect(config.files).toContain('out/**');
  });

  it('points only at files that exist', async () => {
    const config = parse(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8'));
    for (const path of [
      config.afterPack,
      config.mac.entitlements,
      config.linux.icon,
      config.mac.icon,
      config.win.icon,
    ]) {
      await expect(readFile(join(ROOT, path)), path).resolves.toBeDefined();
    }
  });

  it('the entitlements grant only what V8 needs', async () => {
    const plist = await readFile(join(ROOT, 'build/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('package.json has the packaging and security-lint scripts', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.package).toMatch(/electron-builder/);
    expect(pkg.scripts['lint:security']).toBe('node build/lintSecurity.mjs');
    // electron-builder downloads Electron when it runs: it is not a dependency here.
    expect(pkg.devDependencies['electron-builder']).toBeUndefined();
  });
});

describe('the afterPack hook sets the fuses', () => {
  /** A file shaped like an Electron binary's fuse wire: sentinel, version 1, length, fuses. */
  async function fakeElectron(dir: string): Promise<string> {
    // Every fuse starts opposite to what Copydesk wants, so an unflipped one shows.
    const E = FuseState.ENABLE;
    const D = FuseState.DISABLE;
    const wire = Buffer.from([1, 9, E, D, E, E, D, D, D, E, D]);
    const bytes = Buffer.concat([
      Buffer.alloc(4096, 7),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      wire,
      Buffer.alloc(64),
    ]);
    const path = join(dir, 'copydesk');
    await writeFile(path, bytes);
    return path;
  }

  it.each(['linux', 'win32'])('flips them in the %s binary electron-builder produced', async (platform) => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const exe = await fakeElectron(dir);
      if (platform === 'win32') await writeFile(join(dir, 'Copydesk.exe'), await readFile(exe));
      const { default: afterPack } = await import('../../build/afterPack.mjs');
      await afterPack({
        appOutDir: dir,
        electronPlatformName: platform,
        arch: 1,
        packager: { appInfo: { productFilename: 'Copydesk' }, executableName: 'copydesk' },
      });
      const wire = await getCurrentFuseWire(platform === 'win32' ? join(dir, 'Copydesk.exe') : exe);
      expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
      // Asar integrity is checked by Electron on macOS and Windows only: left alone on Linux.
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(
        platform === 'linux' ? FuseState.DISABLE : FuseState.ENABLE,
      );
    } finally {
      await cleanup();
    }
  });

  it('asks for an ad-hoc re-signature on Apple silicon only', async () => {
    const { fuseConfig } = await import('../../build/afterPack.mjs');
    expect(fuseConfig('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', 'x64').resetAdHocDarwinSignature).toBeUndefined();
    expect(fuseConfig('linux', 'x64')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBeUndefined();
    expect(fuseConfig('win32', 'x64')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
  });
});
