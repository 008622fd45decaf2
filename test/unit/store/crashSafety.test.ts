/**
 * Crash safety: a real web-mode process is killed with SIGKILL at a random moment during
 * continuous editing, 20 times in a row on one data folder (fixed seed). After each kill the store
 * passes `integrity_check`, and every write the server answered ok is there; then the next start
 * takes over the dead process's lock and editing goes on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../journey/fixtures';
import { bundleWebServer, startWeb, type WebProcess } from './webProcess';

const KILLS = 20;
const WRITERS = 3;
/** Editing time before the kill, per round: a random moment in this range (ms). */
const KILL_AFTER_MS: [number, number] = [40, 600];
const SEED = 0x5eed_11;


/** What a note must look like in the store: its text, or gone. */
type Expected = { text: string } | { deleted: true };

interface Tracked {
  /** The state of the last write to it that was answered ok. */
  acked: Expected | null;
  /** A write sent but not answered when the server died: it may or may not have happened. */
  pending: Expected | null;
}

let server: Awaited<ReturnType<typeof bundleWebServer>>;
let dataDir: string;
let web: WebProcess | null = null;

beforeAll(async () => {
  server = await bundleWebServer();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-crash-'));
}, 60_000);
afterAll(async () => {
  await web?.kill9();
  server?.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it(`survives ${KILLS} kill -9s during continuous editing: the store is sound and every acknowledged write is there`, async () => {
    const random = rng(SEED); // seeded, so every run kills at the same points of its script
    const notes = new Map<string, Tracked>();
    let mapId = '';
    let ackedWrites = 0;
    let checks = 0;
    let seq = 0;

    for (let round = 0; round < KILLS; round++) {
      web = await startWeb(server.entry, dataDir);
      const current = web;
      if (round === 0) {
        const created = await current.call('maps.create', { title: 'Crash test' });
        expect(created.ok).toBe(true);
        mapId = (created.value as { id: string }).id;
      }

      let killed = false;
      /** One writer: sequential writes to its own notes, so its acknowledgements are in commit order. */
      const writer = async (w: number, own: string[]) => {
        while (!killed) {
          const roll = random();
          let id: string;
          let after: Expected;
          let method: string;
          let input: unknown;
          if (own.length < 3 || roll < 0.45) {
            id = `n-${w}-${++seq}`;
            after = { text: `note ${id} r${round}` };
            method = 'notes.create';
            input = { mapId, id, text: after.text, x: seq * 10, y: w * 100 };
          } else if (roll < 0.9) {
            id = own[Math.floor(random() * own.length)]!;
            after = { text: `edit ${++seq} of ${id} r${round}` };
            method = 'notes.updateMany';
            input = { mapId, notes: [{ id, text: after.text, x: seq }] };
          } else {
            id = own.splice(Math.floor(random() * own.length), 1)[0]!;
            after = { deleted: true };
            method = 'notes.deleteMany';
            input = { mapId, ids: [id] };
          }
          const tracked = notes.get(id) ?? { acked: null, pending: null };
          notes.set(id, tracked);
          tracked.pending = after;
          let answer;
          try {
            answer = await current.call(method, input);
          } catch {
            return; // the server died with this write in flight: it stays pending
          }
          if (!answer.ok) throw new Error(`${method} was refused: ${JSON.stringify(answer.error)}`);
          tracked.acked = after;
          tracked.pending = null;
          ackedWrites++;
          if (method === 'notes.create') own.push(id);
        }
      };
      const owned = Array.from({ length: WRITERS }, (_, w) =>
        [...notes.entries()].filter(([id, t]) => id.startsWith(`n-${w}-`) && t.acked && !('deleted' in t.acked)).map(([id]) => id),
      );
      const writers = owned.map((own, w) => writer(w, own));
      const [min, max] = KILL_AFTER_MS;
      await new Promise((r) => setTimeout(r, min + random() * (max - min)));
      killed = true;
      await current.kill9();
      await Promise.all(writers);
      web = null;

      // The store as the next start will find it. Read-only, so the killed process's WAL is left
      // for that start to recover, as after a real crash.
      const db = new Database(path.join(dataDir, 'journeyboard.sqlite'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const stored = new Map(
          (db.prepare('SELECT id, text FROM notes WHERE map_id = ?').all(mapId) as { id: string; text: string }[]).map((r) => [r.id, r.text]),
        );
        const state = (id: string): Expected => (stored.has(id) ? { text: stored.get(id)! } : { deleted: true });
        for (const [id, tracked] of notes) {
          const now = state(id);
          const allowed = [tracked.acked ?? { deleted: true }, ...(tracked.pending ? [tracked.pending] : [])];
          expect(allowed, `note ${id} after kill ${round + 1}`).toContainEqual(now);
          // Whatever the store holds now is the truth the next round builds on.
          tracked.acked = now;
          tracked.pending = null;
          checks++;
        }
      } finally {
        db.close();
      }
    }

    expect(ackedWrites).toBeGreaterThan(KILLS);
    console.log(`crash safety: ${KILLS} kill -9s survived (integrity_check ok each time); ${ackedWrites} acknowledged writes, ${checks} note states checked`);
  }, 600_000);
});
