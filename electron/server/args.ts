import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface WebArgs {
  port: number;
  dataDir: string;
  /** `--room-bind ADDR`: every room (issue 14) listens on this address only (tests: 127.0.0.1). */
  roomBind?: string;
  /** False with `--no-warm-up`: the classifier is not warmed up at start (the structure bench's cold first Suggest). */
  warmUp: boolean;
}

/**
 * Where the maps live when no --data-dir is given: the same per-user folder the desktop app
 * uses (Electron's userData for productName "Journeyboard"), so web mode and the desktop app
 * see the same maps.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Journeyboard');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Journeyboard');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Journeyboard');
}

/** Parses `[--port N] [--data-dir DIR] [--room-bind ADDR] [--no-warm-up]`; throws an Error with a readable message on bad input. */
export function parseWebArgs(argv: string[]): WebArgs {
  const args: WebArgs = { port: 0, dataDir: defaultDataDir(), warmUp: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a whole number from 0 to 65535 (0 = any free port).');
      args.port = port;
    } else if (flag === '--data-dir') {
      args.dataDir = path.resolve(value());
    } else if (arg === '--no-warm-up') {
      args.warmUp = false;
    } else if (flag === '--room-bind') {
      const address = value();
      if (net.isIP(address) === 0) throw new Error(`--room-bind must be an IP address such as 127.0.0.1 or 192.168.1.20, not "${address}".`);
      args.roomBind = address;
    } else {
      throw new Error(`Unknown option ${arg}. Usage: npm run web -- [--port N] [--data-dir DIR] [--room-bind ADDR] [--no-warm-up]`);
    }
  }
  return args;
}
