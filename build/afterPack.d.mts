import type { FuseV1Config } from '@electron/fuses';

/** The fuses Copydesk ships with, by @electron/fuses option name. */
export declare const COPYDESK_FUSES: Record<string, boolean>;
/** The @electron/fuses configuration for one platform (`process.platform` names) and arch. */
export declare function fuseConfig(platform: string, arch: string): FuseV1Config;
/** Where the Electron binary is inside electron-builder's output folder. */
export declare function packagedExecutable(context: AfterPackContext): string;
/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
export default function afterPack(context: AfterPackContext): Promise<void>;
