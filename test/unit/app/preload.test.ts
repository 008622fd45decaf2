// Runs the real electron/app/preload.ts, bundled as scripts/buildMain.mjs does, against a fake
// contextBridge and ipcRenderer: what the renderer gets as window.journeyboard.
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../electron/app/bridge';
import type { JourneyboardBridge } from '../../../shared/bridge';

const root = path.resolve(import.meta.dirname, '../../..');
let bundle = '';

beforeAll(async () => {
  const out = await build({
    entryPoints: [path.join(root, 'electron/app/preload.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
});

type Listener = (event: unknown, ...args: unknown[]) => void;

function loadPreload() {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: unknown[][] = [];
  let exposed: { name: string; api: JourneyboardBridge } | null = null;
  const electron = {
    contextBridge: {
      exposeInMainWorld: (name: string, api: JourneyboardBridge) => {
        exposed = { name, api };
      },
    },
    ipcRenderer: {
      on: (channel: string, listener: Listener) => {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      },
      removeListener: (channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener);
      },
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, value: null };
      },
    },
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', bundle)((id: string) => {
    if (id !== 'electron') throw new Error(`the preload may not require ${id}`);
    return electron;
  }, module, module.exports);
  /** main sends on a channel. */
  const send = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, ...args);
  };
  if (!exposed) throw new Error('nothing exposed');
  const { name, api } = exposed as { name: string; api: JourneyboardBridge };
  return { name, bridge: api, send, invoked };
}

describe('preload: window.journeyboard', () => {
  it('exposes exactly the bridge', () => {
    const { name, bridge } = loadPreload();
    expect(name).toBe('journeyboard');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onMapOpened', 'onMenuAction', 'onStoreChange', 'openRoomView', 'saveJourneyAs']);
  });

  it('onStoreChange hands each well-formed change to the page, without the IPC event, until unsubscribed', async () => {
    const { bridge, send, invoked } = loadPreload();
    const seen: unknown[][] = [];
    const stop = bridge.onStoreChange((...args) => seen.push(args));
    send(CHANNELS.storeChanged, { mapId: 'm1', revision: 3 });
    send(CHANNELS.storeChanged, { mapId: 7, revision: 4 }); // malformed: dropped
    send(CHANNELS.storeChanged, null);
    stop();
    send(CHANNELS.storeChanged, { mapId: 'm1', revision: 5 });
    expect(seen).toEqual([[{ mapId: 'm1', revision: 3 }]]);
    await bridge.openRoomView('m1');
    expect(invoked).toEqual([[CHANNELS.openRoomView, 'm1']]);
  });

  it('onMapOpened hands over maps opened before anyone listened, then each new one, until unsubscribed', () => {
    const { bridge, send } = loadPreload();
    send(CHANNELS.mapOpened, 'map-at-launch');
    send(CHANNELS.mapOpened, 42); // not a map id: ignored
    const seen: string[] = [];
    const stop = bridge.onMapOpened((id) => seen.push(id));
    expect(seen).toEqual(['map-at-launch']);
    send(CHANNELS.mapOpened, 'map-from-open');
    expect(seen).toEqual(['map-at-launch', 'map-from-open']);
    stop();
    send(CHANNELS.mapOpened, 'later');
    expect(seen).toEqual(['map-at-launch', 'map-from-open']);
  });

  it('saveJourneyAs asks main on its own channel; menu actions arrive without the IPC event', async () => {
    const { bridge, send, invoked } = loadPreload();
    expect(await bridge.saveJourneyAs('map-1', 'Kickoff')).toEqual({ ok: true, value: null });
    expect(invoked).toEqual([[CHANNELS.saveJourneyAs, 'map-1', 'Kickoff']]);
    const actions: unknown[][] = [];
    const stop = bridge.onMenuAction((...args) => actions.push(args));
    send(CHANNELS.menu, 'map.export');
    send(CHANNELS.menu, 'not.an.action');
    stop();
    send(CHANNELS.menu, 'map.saveAs');
    expect(actions).toEqual([['map.export']]);
  });
});
