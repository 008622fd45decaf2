// The suggestion classifier's warm-up in idle time (electron/services/suggest.ts startWarmUp,
// shared/structure/warmUp.ts): it runs in small steps after whatever is waiting, a Suggest made
// before or during it answers exactly as without it, and closing the store stops it.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/services/index';
import { startWarmUp } from '../../../electron/services/suggest';
import type { JourneyMap } from '../../../shared/domain';
import { RESOURCES } from '../helpers';

function open(warmUp: boolean) {
  let seq = 0;
  const core = openCore({ dataDir: ':memory:', resourcesDir: RESOURCES, now: () => Date.UTC(2026, 0, 1), newId: () => `id-${++seq}`, warmUp });
  const call = <T,>(method: string, input: unknown): T => {
    const r = core.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  return { core, call };
}

/** A map with three stages, as a facilitator would set it up. */
function gymMap(s: ReturnType<typeof open>): JourneyMap {
  const map = s.call<JourneyMap>('maps.create', { title: 'Gym membership', template: 'blank' });
  const [a, b, c] = map.stages;
  s.call('stages.update', { id: a!.id, name: 'Find a gym', description: 'looks around for a gym nearby and compares prices' });
  s.call('stages.update', { id: b!.id, name: 'Sign up', description: 'joins online or at the front desk and pays the fee' });
  s.call('stages.update', { id: c!.id, name: 'Cancel', description: 'tries to end the membership and stop payments' });
  return map;
}

type Suggestion = { noteId: string; kind: string; stageId: string | null; sentiment: number };

/**
 * A fresh map with three free notes (new texts for every call, so nothing comes from the caches):
 * each suggestion's kind, stage index and sign of sentiment.
 */
function suggestFresh(s: ReturnType<typeof open>, tag: string): [string, number, number][] {
  const map = gymMap(s);
  s.call('notes.createMany', {
    mapId: map.id,
    notes: [
      { text: `compares monthly prices of three gyms ${tag}`, x: 0, y: 0 },
      { text: `we could let people cancel online in one click ${tag}`, x: 600, y: 0 },
      { text: `cancellation only by registered letter, so frustrating!! ${tag}`, x: 800, y: 0 },
    ],
  });
  return s
    .call<Suggestion[]>('structure.suggest', { mapId: map.id })
    .map((x) => [x.kind, map.stages.findIndex((st) => st.id === x.stageId), Math.sign(x.sentiment)]);
}

/** Near-duplicate groups on a fresh map (new texts each call), as the texts of each group. */
function clustersFresh(s: ReturnType<typeof open>, tag: string): string[][] {
  const map = gymMap(s);
  const texts = [`on hold for forty minutes ${tag}`, `parking was easy ${tag}`, `On hold for FORTY minutes!! ${tag}`, `on hodl for forty minutes ${tag}`];
  s.call('notes.createMany', { mapId: map.id, notes: texts.map((text, i) => ({ text, x: i * 200, y: 0 })) });
  const notes = s.call<JourneyMap>('maps.get', { id: map.id }).notes;
  const textOf = new Map(notes.map((n) => [n.id, n.text]));
  return s.call<string[][]>('notes.clusters', { mapId: map.id }).map((g) => g.map((id) => textOf.get(id)!.replace(` ${tag}`, '')));
}

/** Turns of the event loop until `done` settles, counting how many other callbacks got in between. */
async function turnsUntil(done: Promise<boolean>, onTurn: (turn: number) => void = () => {}): Promise<{ ran: boolean; turns: number }> {
  let settled: boolean | null = null;
  void done.then((ran) => (settled = ran));
  let turns = 0;
  while (settled === null && turns < 10_000) {
    await new Promise((r) => setImmediate(r));
    onTurn(++turns);
  }
  return { ran: settled === true, turns };
}

/** What the three notes get with no warm-up at all (the first test checks it on a core without one). */
const expected = [
  ['action', 0, 0],
  ['opportunity', 2, 0],
  ['pain_point', 2, -1],
];

describe('suggestion warm-up', () => {
  it('is off unless asked for (tests, scripts); these are the suggestions with no warm-up', async () => {
    const s = open(false);
    try {
      expect(suggestFresh(s, 'd')).toEqual(expected);
    } finally {
      s.core.close();
    }
  });

  it('stops when the store closes', async () => {
    const s = open(true);
    const warming = startWarmUp(); // the one the core started
    s.core.close();
    expect(await warming.done).toBe(false);
  });

  it('runs in steps between other work, and a Suggest before or during it answers as without it', async () => {
    const s = open(true);
    try {
      const warming = startWarmUp();
      // Before the first step: opening the store did not run the warm-up there and then.
      const first = suggestFresh(s, 'a');
      const firstGroups = clustersFresh(s, 'a');
      const during: [string, number, number][][] = [];
      const { ran, turns } = await turnsUntil(warming.done, (turn) => {
        if (turn === 3) during.push(suggestFresh(s, 'b'));
      });
      expect(ran).toBe(true);
      // Other callbacks ran between the steps (a request would, too).
      expect(turns).toBeGreaterThan(5);
      const after = suggestFresh(s, 'c');
      expect(first).toEqual(expected);
      expect(during[0]).toEqual(expected);
      expect(after).toEqual(expected);
      // The warm-up groups near-duplicates too (clusterNotes): the same groups as before it.
      expect(firstGroups).toEqual([['on hold for forty minutes', 'On hold for FORTY minutes!!', 'on hodl for forty minutes']]);
      expect(clustersFresh(s, 'c')).toEqual(firstGroups);
      // Once warm, a second start is a no-op.
      expect(await startWarmUp().done).toBe(true);
    } finally {
      s.core.close();
    }
  });

});
