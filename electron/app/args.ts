// Command-line parsing for the desktop app. Pure (no 'electron' import) so it tests under Node.
import path from 'node:path';

export interface AppArgs {
  /** `--data-dir DIR`: where journeyboard.sqlite (and Chromium's profile) live; absolute. */
  dataDir?: string;
  /** A `.journey` file the app was asked to open (double-click, "Open with", command line); absolute. */
  openFile?: string;
}

export type ParsedArgs = { ok: true; args: AppArgs } | { ok: false; message: string };

export const JOURNEY_EXTENSION = '.journey';

export function isJourneyPath(value: string): boolean {
  return value.toLowerCase().endsWith(JOURNEY_EXTENSION) && !value.startsWith('-');
}

/**
 * The user's arguments: everything after the executable, and after the app folder when started as
 * `electron .` (process.defaultApp). Chromium may add `--switches` of its own, so unknown flags are
 * ignored rather than refused.
 */
export function userArgv(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/**
 * Parses `[--data-dir DIR] [FILE.journey]`. Relative paths resolve against `cwd` (for a second
 * instance that is the second launch's working directory, not ours).
 */
export function parseAppArgs(argv: readonly string[], cwd: string): ParsedArgs {
  const args: AppArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      const value = arg === '--data-dir' ? argv[++i] : arg.slice('--data-dir='.length);
      if (value === undefined || value === '' || value.startsWith('--')) {
        return { ok: false, message: '--data-dir needs a folder, e.g. --data-dir ~/journeyboard-data' };
      }
      args.dataDir = path.resolve(cwd, value);
    } else if (arg === '--') {
      continue;
    } else if (arg.startsWith('-')) {
      // A Chromium or Electron switch (e.g. --enable-logging): not ours to judge. A switch that
      // takes a separate value is never followed by a .journey path in practice.
      continue;
    } else if (isJourneyPath(arg) && args.openFile === undefined) {
      args.openFile = path.resolve(cwd, arg);
    }
  }
  return { ok: true, args };
}

/** The `.journey` path a second launch forwarded, from its additionalData or else its argv. */
export function forwardedJourneyFile(additionalData: unknown, argv: readonly string[], cwd: string): string | undefined {
  if (typeof additionalData === 'object' && additionalData !== null) {
    const openFile = (additionalData as { openFile?: unknown }).openFile;
    if (typeof openFile === 'string' && isJourneyPath(openFile)) return path.resolve(cwd, openFile);
  }
  // Chromium may reorder or add switches to a second instance's argv: scan all of it.
  const parsed = parseAppArgs(argv.slice(1), cwd);
  return parsed.ok ? parsed.args.openFile : undefined;
}
