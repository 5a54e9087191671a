// electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary, before
// electron-builder signs it (afterPack runs before signing, so the signature covers the fuses).
// Fuses are compiled-in switches: unlike command-line flags, nothing at run time can undo them.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * The fuses Copydesk ships with, by name (see https://www.electronjs.org/docs/latest/tutorial/fuses).
 * Exported for the unit test, which flips them in a fake binary and reads them back.
 */
export const COPYDESK_FUSES = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.
  RunAsNode: false,
  // Chromium's cookie store encrypted with the OS keychain (Copydesk sets no cookies; defence in depth).
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends would let anyone attach a debugger to the main process.
  EnableNodeCliInspectArguments: false,
  // Refuse an app.asar that does not match the hash electron-builder (>= 26) records at packaging.
  // Electron checks it on macOS and Windows only; on Linux the fuse does nothing and is left alone.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Load the app only from app.asar (which the integrity check covers), never from a loose folder.
  OnlyLoadAppFromAsar: true,
  // Copydesk serves its pages over app://, never file://: file:// gets no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
};

/** The @electron/fuses configuration for one platform. */
export function fuseConfig(platform, arch) {
  const config = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(COPYDESK_FUSES)) {
    if (name === 'EnableEmbeddedAsarIntegrityValidation' && platform === 'linux') continue;
    config[FuseV1Options[name]] = value;
  }
  // Flipping fuses breaks the ad-hoc signature Apple silicon requires; re-sign ad hoc (the real
  // signature, when configured, is applied afterwards by electron-builder).
  if (platform === 'darwin' && arch === 'arm64') config.resetAdHocDarwinSignature = true;
  return config;
}

/** Where the Electron binary is inside electron-builder's output folder for a platform. */
export function packagedExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

// electron-builder's Arch enum: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function afterPack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const executable = packagedExecutable(context);
  const flipped = await flipFuses(executable, fuseConfig(platform, arch));
  console.log(`[copydesk] fuses set in ${executable} (${flipped} fuse wire${flipped === 1 ? '' : 's'})`);
}
