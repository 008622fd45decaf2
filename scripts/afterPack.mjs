// electron-builder's afterPack hook (electron-builder.yml): sets Electron's fuses in the packed app,
// before electron-builder signs it. Fuses are switches compiled into the Electron binary that no
// command-line flag or environment variable can turn back:
//
// - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn Journeyboard into a general Node.js.
// - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot inject code or flags.
// - EnableNodeCliInspectArguments off: --inspect and friends cannot attach a debugger.
// - EnableEmbeddedAsarIntegrityValidation on: macOS and Windows refuse an app.asar that does not
//   match the hash electron-builder records at packaging (Linux has no such check).
// - OnlyLoadAppFromAsar on: the app code is only ever loaded from app.asar, never from a folder
//   planted beside it.
// - EnableCookieEncryption on: cookies on disk are encrypted with the OS keystore.
// - GrantFileProtocolExtraPrivileges off: file:// pages get no more than a browser gives them
//   (Journeyboard serves its page from app://, never file://).
//
// The wire is read back afterwards: a fuse that did not take fails the packaging instead of
// shipping an app without it. test/unit/app/afterPack.test.ts runs this on fake Electron binaries.
import path from 'node:path';
import * as electronFuses from '@electron/fuses';

const { FuseV1Options, FuseVersion } = electronFuses;

/** The fuses Journeyboard ships with, by name (FuseV1Options) and wanted state. */
export const FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
  GrantFileProtocolExtraPrivileges: false,
};

// builder-util's Arch enum, as electron-builder passes it in the hook's context.
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

/** The configuration @electron/fuses takes, for one packed app. */
export function fuseConfig(platform, arch) {
  const config = {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature an Apple-silicon build must have to start.
    resetAdHocDarwinSignature: (platform === 'darwin' || platform === 'mas') && (arch === ARCH_ARM64 || arch === ARCH_UNIVERSAL),
  };
  for (const [name, on] of Object.entries(FUSES)) config[FuseV1Options[name]] = on;
  return config;
}

/** The file @electron/fuses is given: the .app bundle, the .exe, or the Linux executable. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName: platform, packager } = context;
  if (platform === 'darwin' || platform === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  // Linux: electron-builder names the executable after executableName, or the lower-case app name.
  return path.join(appOutDir, packager.executableName ?? packager.appInfo.sanitizedName.toLowerCase());
}

/** Sets the fuses and checks that each one took. `fuses` is @electron/fuses (replaceable in tests). */
export async function applyFuses(context, fuses = electronFuses) {
  const binary = electronBinaryPath(context);
  const config = fuseConfig(context.electronPlatformName, context.arch);
  await fuses.flipFuses(binary, config);
  const wire = await fuses.getCurrentFuseWire(binary);
  const wrong = Object.entries(FUSES)
    .filter(([name, on]) => wire[FuseV1Options[name]] !== (on ? ON : OFF))
    .map(([name, on]) => `${name} should be ${on ? 'on' : 'off'}`);
  if (wrong.length) throw new Error(`Electron's fuses in ${binary} did not take: ${wrong.join('; ')}.`);
  console.log(`  • Electron fuses set in ${path.basename(binary)}: ${Object.entries(FUSES).map(([n, on]) => `${n} ${on ? 'on' : 'off'}`).join(', ')}`);
}

// The states @electron/fuses reads back (its FuseState: '1' and '0' as bytes).
const ON = 49;
const OFF = 48;

export default async function afterPack(context) {
  await applyFuses(context);
}
export { afterPack };
