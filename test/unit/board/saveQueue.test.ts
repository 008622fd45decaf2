import { describe, expect, test } from 'vitest';
import { mergeOps, SaveQueue, type Clock, type SaveCall } from '../../../shared/board/saveQueue';
import type { BoardNote } from '../../../shared/board/history';
import { boardNote } from '../../fixtures/notes';

const n = (id: string, x = 0): BoardNote => boardNote(id, { text: '', x });

/** A manual clock: timers run only when the test says so. */
function manualClock() {
  let seq = 0;
  const timers = new Map<number, { fn: () => void; ms: number }>();
  const clock: Clock & { runAll(): void; delays(): number[] } = {
    setTimeout(fn, ms) {
      timers.set(++seq, { fn, ms });
      return seq;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    runAll() {
      const list = [...timers.values()];
      timers.clear();
      for (const t of list) t.fn();
    },
    delays: () => [...timers.values()].map((t) => t.ms),
  };
  return clock;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(fail: (call: SaveCall) => boolean = () => false) {
  const clock = manualClock();
  const sent: SaveCall[] = [];
  const q = new SaveQueue({
    clock,
    send: async (call) => {
      sent.push(structuredClone(call));
      if (fail(call)) throw new Error('disk full');
    },
  });
  return { clock, sent, q };
}

describe('mergeOps', () => {
  test('coalesces per note', () => {
    const c = { kind: 'create', note: n('a') } as const;
    expect(mergeOps(c, { kind: 'update', patch: { x: 5 } })).toEqual({ kind: 'create', note: { ...n('a'), x: 5 } });
    expect(mergeOps(c, { kind: 'delete' })).toBeNull();
    expect(mergeOps({ kind: 'update', patch: { x: 1, y: 2 } }, { kind: 'update', patch: { x: 3 } })).toEqual({ kind: 'update', patch: { x: 3, y: 2 } });
    expect(mergeOps({ kind: 'update', patch: { x: 1 } }, { kind: 'delete' })).toEqual({ kind: 'delete' });
    const back = mergeOps({ kind: 'delete' }, { kind: 'create', note: n('a', 7) });
    expect(back?.kind).toBe('update');
  });
});

describe('SaveQueue', () => {
  test('a batch is one call per kind, coalesced per id, after the delay', async () => {
    const { clock, sent, q } = setup();
    q.enqueue([{ op: 'create', note: n('a') }]);
    q.enqueue([{ op: 'update', id: 'a', patch: { x: 10 } }, { op: 'update', id: 'b', patch: { x: 1 } }]);
    q.enqueue([{ op: 'update', id: 'b', patch: { y: 2 } }, { op: 'delete', id: 'c' }]);
    expect(q.status).toBe('saving');
    expect(sent).toHaveLength(0);
    expect(clock.delays()).toEqual([100]);
    clock.runAll();
    await q.whenIdle();
    expect(sent).toEqual([
      { kind: 'create', notes: [{ ...n('a'), x: 10 }] },
      { kind: 'update', patches: [{ id: 'b', x: 1, y: 2 }] },
      { kind: 'delete', ids: ['c'] },
    ]);
    expect(q.status).toBe('saved');
  });

  test('create then delete before sending writes nothing', async () => {
    const { clock, sent, q } = setup();
    q.enqueue([{ op: 'create', note: n('a') }]);
    q.enqueue([{ op: 'delete', id: 'a' }]);
    clock.runAll();
    await q.whenIdle();
    expect(sent).toEqual([]);
    expect(q.status).toBe('saved');
  });

  test('a failed write is retried with growing backoff and never dropped', async () => {
    let failures = 2;
    const { clock, sent, q } = setup(() => failures-- > 0);
    const statuses: string[] = [];
    q.subscribe((s) => statuses.push(s));
    q.enqueue([{ op: 'update', id: 'a', patch: { x: 1 } }]);
    clock.runAll();
    await tick();
    expect(q.status).toBe('error');
    expect(clock.delays()).toEqual([500]);
    // A change made meanwhile joins the retried batch (newer wins).
    q.enqueue([{ op: 'update', id: 'a', patch: { x: 2 } }]);
    clock.runAll();
    await tick();
    expect(q.status).toBe('error');
    expect(clock.delays()).toEqual([1000]);
    clock.runAll();
    await q.whenIdle();
    expect(q.status).toBe('saved');
    expect(sent.at(-1)).toEqual({ kind: 'update', patches: [{ id: 'a', x: 2 }] });
    expect(statuses).toContain('error');
    expect(statuses.at(-1)).toBe('saved');
  });

  test('a partly failed batch resends only what did not land', async () => {
    let failUpdate = true;
    const { clock, sent, q } = setup((call) => call.kind === 'update' && (failUpdate ? ((failUpdate = false), true) : false));
    q.enqueue([{ op: 'create', note: n('a') }, { op: 'update', id: 'b', patch: { x: 1 } }, { op: 'delete', id: 'c' }]);
    clock.runAll();
    await tick();
    expect(sent.map((c) => c.kind)).toEqual(['create', 'update']);
    clock.runAll();
    await q.whenIdle();
    expect(sent.map((c) => c.kind)).toEqual(['create', 'update', 'update', 'delete']);
  });

  test('flush sends at once, and changes during a write go in the next batch', async () => {
    const clock = manualClock();
    const sent: SaveCall[] = [];
    let release!: () => void;
    const q = new SaveQueue({
      clock,
      send: (call) => {
        sent.push(structuredClone(call));
        return sent.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    q.enqueue([{ op: 'update', id: 'a', patch: { x: 1 } }]);
    q.flush();
    expect(sent).toHaveLength(1);
    q.enqueue([{ op: 'update', id: 'a', patch: { x: 2 } }]);
    q.flush();
    expect(sent).toHaveLength(1);
    release();
    await tick();
    clock.runAll();
    await q.whenIdle();
    expect(sent).toEqual([
      { kind: 'update', patches: [{ id: 'a', x: 1 }] },
      { kind: 'update', patches: [{ id: 'a', x: 2 }] },
    ]);
  });

  test('large batches are chunked by size too (web mode refuses bodies over 1 MiB)', async () => {
    const clock = manualClock();
    const sent: SaveCall[] = [];
    const q = new SaveQueue({ clock, maxChars: 10_000, send: async (call) => void sent.push(call) });
    q.enqueue(Array.from({ length: 10 }, (_, i) => ({ op: 'create', note: { ...n(`n${i}`), text: 'x'.repeat(3000) } }) as const));
    clock.runAll();
    await q.whenIdle();
    expect(sent.map((c) => (c.kind === 'create' ? c.notes.length : 0))).toEqual([3, 3, 3, 1]);
    for (const c of sent) expect(JSON.stringify(c).length).toBeLessThan(10_500);
  });

  test('large batches are chunked', async () => {
    const clock = manualClock();
    const sent: SaveCall[] = [];
    const q = new SaveQueue({ clock, chunkSize: 2, send: async (call) => void sent.push(call) });
    q.enqueue(['a', 'b', 'c'].map((id) => ({ op: 'create', note: n(id) }) as const));
    clock.runAll();
    await q.whenIdle();
    expect(sent.map((c) => (c.kind === 'create' ? c.notes.length : 0))).toEqual([2, 1]);
  });
});
