// Where the desktop app finds its pieces, in development and when packaged. Pure (no 'electron'
// import) so the choices are unit-tested; main.ts feeds in app.isPackaged, app.getAppPath() etc.
import path from 'node:path';

export interface AppLocation {
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath(): the repo root in development, resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath: the packaged app's resources folder. */
  resourcesPath: string;
}

/** electron-builder's name for a platform (its `${os}` macro), used in the native build's folder. */
export function builderOs(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'win';
  return platform;
}

/**
 * The Electron-ABI build of better-sqlite3, made by scripts/electronNative.mjs beside (never in
 * place of) the Node build that tests and web mode use. Keep in step with that script and with
 * extraResources in electron-builder.yml; test/unit/app/nativeBinding.test.ts checks all three.
 */
export function electronNativeRelPath(electronVersion: string, platform: NodeJS.Platform, arch: string): string {
  return path.join('.electron-native', electronVersion, `${builderOs(platform)}-${arch}`, 'better_sqlite3.node');
}

export function nativeBindingPath(
  where: AppLocation,
  electronVersion: string,
  platform: NodeJS.Platform,
  arch: string,
): string {
  if (where.isPackaged) return path.join(where.resourcesPath, 'native', 'better_sqlite3.node');
  return path.join(where.appPath, electronNativeRelPath(electronVersion, platform, arch));
}

/** Templates and the sample workshop: the repo's resources/ in development, extraResources when packaged. */
export function resourcesDir(where: AppLocation): string {
  return where.isPackaged ? path.join(where.resourcesPath, 'resources') : path.join(where.appPath, 'resources');
}

/** The built renderer (vite), inside the asar when packaged. */
export function rendererDir(where: AppLocation): string {
  return path.join(where.appPath, 'dist', 'renderer');
}

/** The bundled preload script (scripts/buildMain.mjs), next to main.cjs. */
export function preloadPath(where: AppLocation): string {
  return path.join(where.appPath, 'dist', 'electron', 'preload.cjs');
}

export const DATA_FILE_NAME = 'journeyboard.sqlite';
