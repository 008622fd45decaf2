/**
 * Web mode: `npm run web -- [--port N] [--data-dir DIR] [--room-bind ADDR]`. Opens the same SQLite
 * store as the desktop app (openDataFolder: the folder's lock, the damage check and backups), serves
 * the built renderer and the API on 127.0.0.1 only, prints one line with the address (token
 * included), and closes the room, the database and the folder cleanly on SIGINT/SIGTERM. The room
 * (issue 14, electron/room/) runs beside the core: room.* calls reach it through `withRoom`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRoomHost, withRoom } from '../room/host';
import { FolderInUseError, openDataFolder } from '../services/dataFolder';
import { parseWebArgs } from './args';
import { startServer } from './http';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main() {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  let core;
  try {
    // Damage found and repaired at start-up is printed by openDataFolder and shown in the page (app.notices).
    ({ core } = await openDataFolder(args.dataDir, { resourcesDir: path.join(root, 'resources'), warmUp: args.warmUp }));
  } catch (err) {
    // Another Journeyboard on this folder: one line, naming the folder.
    console.error(err instanceof FolderInUseError ? err.message : `Could not open the Journeyboard data in ${args.dataDir}: ${(err as Error).message}`);
    process.exit(1);
  }
  const staticDir = path.join(root, 'dist', 'renderer');
  const room = createRoomHost({ core, pageDir: staticDir, ...(args.roomBind ? { forceBind: args.roomBind } : {}) });
  let server;
  try {
    server = await startServer({ core: withRoom(core, room), port: args.port, staticDir });
  } catch (err) {
    core.close();
    const e = err as NodeJS.ErrnoException;
    console.error(e.code === 'EADDRINUSE' ? `Port ${args.port} is in use. Pick another with --port, or 0 for any free port.` : `Could not start the web server: ${e.message}`);
    process.exit(1);
  }
  console.log(`Journeyboard web: ${server.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await room.close();
    await server.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
