// The packaging hook that sets Electron's fuses (scripts/afterPack.mjs), run on fake packed apps:
// a file with the fuse wire where Electron keeps it, flipped by the real @electron/fuses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import afterPack, { applyFuses, electronBinaryPath, FUSES, fuseConfig, type PackContext } from '../../../scripts/afterPack.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-afterpack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

// @electron/fuses' sentinel and states (its constants.js): the wire follows the sentinel as
// [version, length, state × length]; '1' on, '0' off, 'r' removed.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;
// Electron's own defaults, in FuseV1Options order, plus a ninth fuse this @electron/fuses does not know.
const ELECTRON_DEFAULTS = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, OFF];
const NAMES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

function fakeBinary(file: string, wire = ELECTRON_DEFAULTS): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const before = Buffer.from('\x7fELF fake electron binary ...');
  const after = Buffer.from('... the rest of the binary');
  fs.writeFileSync(file, Buffer.concat([before, Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, wire.length, ...wire]), after]));
}

function wireOf(file: string): number[] {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return [...bytes.subarray(at + 2, at + 2 + bytes[at + 1]!)];
}

let apps = 0;
function context(platform: string, arch = 1): PackContext {
  return {
    appOutDir: path.join(tmp, `app-${++apps}`),
    electronPlatformName: platform,
    arch,
    packager: { appInfo: { productFilename: 'Journeyboard', sanitizedName: 'Journeyboard' }, ...(platform === 'linux' ? { executableName: 'journeyboard' } : {}) },
  };
}

describe('afterPack: Electron fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect, turns on asar integrity, asar-only loading and cookie encryption (Linux binary)', async () => {
    const ctx = context('linux');
    const binary = path.join(ctx.appOutDir, 'journeyboard');
    fakeBinary(binary);
    await afterPack(ctx);
    const wire = wireOf(binary);
    const state = Object.fromEntries(NAMES.map((n, i) => [n, wire[i] === ON ? 'on' : 'off']));
    expect(state).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      LoadBrowserProcessSpecificV8Snapshot: 'off', // Electron's default, left alone
      GrantFileProtocolExtraPrivileges: 'off',
    });
    // A fuse newer than @electron/fuses is left as Electron set it; nothing else in the file moved.
    expect(wire[8]).toBe(OFF);
    expect(fs.statSync(binary).size).toBe(SENTINEL.length + 2 + 9 + 29 + 26);
  });

  it('finds the binary on Windows (.exe) and in a macOS bundle (Electron Framework)', async () => {
    const win = context('win32');
    fakeBinary(path.join(win.appOutDir, 'Journeyboard.exe'));
    await afterPack(win);
    expect(wireOf(path.join(win.appOutDir, 'Journeyboard.exe')).slice(0, 6)).toEqual([OFF, ON, OFF, OFF, ON, ON]);

    const mac = context('darwin', 1); // x64: no ad-hoc re-signing (that needs macOS's codesign)
    const framework = path.join(mac.appOutDir, 'Journeyboard.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
    fakeBinary(framework);
    await afterPack(mac);
    expect(wireOf(framework).slice(0, 6)).toEqual([OFF, ON, OFF, OFF, ON, ON]);
  });

  it('re-signs ad hoc only an Apple-silicon or universal macOS build, and names every fuse it sets', () => {
    expect(fuseConfig('darwin', 3)).toMatchObject({ resetAdHocDarwinSignature: true });
    expect(fuseConfig('darwin', 4)).toMatchObject({ resetAdHocDarwinSignature: true });
    expect(fuseConfig('darwin', 1)).toMatchObject({ resetAdHocDarwinSignature: false });
    expect(fuseConfig('linux', 3)).toMatchObject({ resetAdHocDarwinSignature: false });
    expect(fuseConfig('linux', 1)).toEqual({
      version: '1',
      resetAdHocDarwinSignature: false,
      0: false, // RunAsNode
      1: true, // EnableCookieEncryption
      2: false, // EnableNodeOptionsEnvironmentVariable
      3: false, // EnableNodeCliInspectArguments
      4: true, // EnableEmbeddedAsarIntegrityValidation
      5: true, // OnlyLoadAppFromAsar
      7: false, // GrantFileProtocolExtraPrivileges
    });
    expect(Object.keys(FUSES)).toHaveLength(7);
    expect(electronBinaryPath({ ...context('linux'), packager: { appInfo: { productFilename: 'Journeyboard', sanitizedName: 'Journeyboard' } } })).toMatch(/journeyboard$/);
  });

  it('fails the packaging when the binary has no fuse wire, or a fuse does not take', async () => {
    const none = context('linux');
    fs.mkdirSync(none.appOutDir, { recursive: true });
    fs.writeFileSync(path.join(none.appOutDir, 'journeyboard'), 'no sentinel here');
    await expect(afterPack(none)).rejects.toThrow(/sentinel/);

    // A flipFuses that silently does nothing is caught the same way.
    const silent = context('linux');
    fakeBinary(path.join(silent.appOutDir, 'journeyboard'));
    const { getCurrentFuseWire } = await import('@electron/fuses');
    await expect(applyFuses(silent, { flipFuses: async () => 1, getCurrentFuseWire })).rejects.toThrow(/RunAsNode should be off; .*EnableEmbeddedAsarIntegrityValidation should be on/);
  });

  it('is the afterPack hook electron-builder.yml names', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const hook = /^afterPack:\s*(\S+)\s*$/m.exec(yml)?.[1];
    expect(hook).toBe('./scripts/afterPack.mjs');
    expect(fs.existsSync(path.join(root, hook!))).toBe(true);
    // Not also electron-builder's own fuse step, which would flip them a second time, differently.
    expect(yml).not.toMatch(/^electronFuses:/m);
  });
});
