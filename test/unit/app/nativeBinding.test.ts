// The Electron build of better-sqlite3 is found by three parties that must agree: the script that
// makes it, the main process that loads it, and electron-builder that packages it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builderOs, electronNativeRelPath, nativeBindingPath, preloadPath, rendererDir, resourcesDir } from '../../../electron/app/paths';
import * as script from '../../../scripts/electronNative.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const installedElectron = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;

describe('native binding location', () => {
  it('is the same in the build script and in the main process', () => {
    for (const [platform, arch] of [['linux', 'x64'], ['darwin', 'arm64'], ['win32', 'x64']] as const) {
      expect(script.electronNativeRelPath('45.4.1', platform, arch)).toBe(electronNativeRelPath('45.4.1', platform, arch));
      expect(script.builderOs(platform)).toBe(builderOs(platform));
    }
    expect(script.electronVersion(root)).toBe(installedElectron);
  });

  it('is never inside node_modules (the Node build there serves tests and web mode)', () => {
    expect(script.electronNativePath(root)).not.toContain('node_modules');
    expect(script.electronNativePath(root).startsWith(path.join(root, '.electron-native'))).toBe(true);
  });

  it('is what electron-builder.yml packages, for the installed Electron', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toContain(`from: .electron-native/${installedElectron}/\${os}-\${arch}`);
    expect(yml).toMatch(/to: native\n\s+filter:\n\s+- better_sqlite3\.node/);
    expect(yml).toMatch(/npmRebuild: false/);
  });

  it('is in resources/native when packaged and in .electron-native in development', () => {
    const dev = { isPackaged: false, appPath: '/repo', resourcesPath: '/electron/resources' };
    const packaged = { isPackaged: true, appPath: '/opt/J/resources/app.asar', resourcesPath: '/opt/J/resources' };
    expect(nativeBindingPath(dev, '45.4.1', 'linux', 'x64')).toBe(path.join('/repo', '.electron-native', '45.4.1', 'linux-x64', 'better_sqlite3.node'));
    expect(nativeBindingPath(packaged, '45.4.1', 'linux', 'x64')).toBe(path.join('/opt/J/resources', 'native', 'better_sqlite3.node'));
    expect(resourcesDir(dev)).toBe(path.join('/repo', 'resources'));
    expect(resourcesDir(packaged)).toBe(path.join('/opt/J/resources', 'resources'));
    expect(rendererDir(packaged)).toBe(path.join('/opt/J/resources/app.asar', 'dist', 'renderer'));
    expect(preloadPath(dev)).toBe(path.join('/repo', 'dist', 'electron', 'preload.cjs'));
  });
});
