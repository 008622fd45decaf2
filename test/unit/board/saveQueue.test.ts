import { describe, expect, test } from 'vitest';
import {
  changeBytes,
  dropSentence,
  failureKind,
  mergeOps,
  SaveQueue,
  utf8Length,
  type Clock,
  type DroppedChange,
} from '../../../shared/board/saveQueue';
import { valueOf, type BoardNote, type Change } from '../../../shared/board/history';
import { ApiError } from '../../../shared/errors';
import { API_BODY_MAX_BYTES } from '../../../shared/limits';
import { boardNote } from '../../fixtures/notes';
import { FakeStore } from './fakeStore';

const n = (id: string, x = 0): BoardNote => boardNote(id, { text: '', x });
const create = (note: BoardNote): Change => ({ type: 'note', op: 'create', id: note.id, value: valueOf(note) });
const update = (id: string, patch: Partial<BoardNote>): Change => ({ type: 'note', op: 'update', id, patch });
const del = (id: string): Change => ({ type: 'note', op: 'delete', id });

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

/** Runs timers and lets the writes finish until the queue has nothing left to do (bounded). */
async function settle(clock: ReturnType<typeof manualClock>, q: SaveQueue, rounds = 200): Promise<number> {
  for (let i = 0; i < rounds; i++) {
    await tick();
    if (clock.delays().length === 0 && q.pendingCount === 0 && q.status !== 'saving') return i;
    clock.runAll();
  }
  throw new Error('the queue did not settle');
}

function setup(fail: (changes: Change[]) => boolean = () => false) {
  const clock = manualClock();
  const sent: Change[][] = [];
  const q = new SaveQueue({
    clock,
    send: async (changes) => {
      sent.push(structuredClone(changes));
      if (fail(changes)) throw new Error('disk full');
    },
  });
  return { clock, sent, q };
}

/** A queue writing to a fake store; `dropped` collects what it reports. */
function withStore(options: { maxChanges?: number } = {}) {
  const clock = manualClock();
  const store = new FakeStore();
  const dropped: DroppedChange[][] = [];
  const q = new SaveQueue({ clock, ...options, send: (changes) => store.api.call('changes.apply', { mapId: store.mapId, changes }) });
  q.onDrop((d) => dropped.push(d));
  return { clock, store, q, dropped };
}

describe('mergeOps', () => {
  test('coalesces per record', () => {
    const c = { kind: 'create', value: valueOf(n('a')) } as const;
    expect(mergeOps<Record<string, unknown>>(c, { kind: 'update', patch: { x: 5 } })).toEqual({ kind: 'create', value: { ...valueOf(n('a')), x: 5 } });
    expect(mergeOps(c, { kind: 'delete' })).toBeNull();
    expect(mergeOps<Record<string, unknown>>({ kind: 'update', patch: { x: 1, y: 2 } }, { kind: 'update', patch: { x: 3 } })).toEqual({ kind: 'update', patch: { x: 3, y: 2 } });
    expect(mergeOps<Record<string, unknown>>({ kind: 'update', patch: { x: 1 } }, { kind: 'delete' })).toEqual({ kind: 'delete' });
    const back = mergeOps({ kind: 'delete' }, { kind: 'create', value: valueOf(n('a', 7)) });
    expect(back?.kind).toBe('update');
  });
});

describe('SaveQueue', () => {
  test('a batch is one call, coalesced per id, after the delay', async () => {
    const { clock, sent, q } = setup();
    q.enqueue([create(n('a'))]);
    q.enqueue([update('a', { x: 10 }), update('b', { x: 1 })]);
    q.enqueue([update('b', { y: 2 }), del('c')]);
    expect(q.status).toBe('saving');
    expect(sent).toHaveLength(0);
    expect(clock.delays()).toEqual([100]);
    clock.runAll();
    await q.whenIdle();
    expect(sent).toEqual([[create({ ...n('a'), x: 10 }), update('b', { x: 1, y: 2 }), del('c')]]);
    expect(q.status).toBe('saved');
  });

  test('create then delete before sending writes nothing', async () => {
    const { clock, sent, q } = setup();
    q.enqueue([create(n('a'))]);
    q.enqueue([del('a')]);
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
    q.enqueue([update('a', { x: 1 })]);
    clock.runAll();
    await tick();
    expect(q.status).toBe('error');
    expect(clock.delays()).toEqual([500]);
    // A change made meanwhile joins the retried batch (newer wins).
    q.enqueue([update('a', { x: 2 })]);
    clock.runAll();
    await tick();
    expect(q.status).toBe('error');
    expect(clock.delays()).toEqual([1000]);
    clock.runAll();
    await q.whenIdle();
    expect(q.status).toBe('saved');
    expect(sent.at(-1)).toEqual([update('a', { x: 2 })]);
    expect(statuses).toContain('error');
    expect(statuses.at(-1)).toBe('saved');
  });

  test('a partly failed run resends only what did not land', async () => {
    let failSecond = true;
    const clock = manualClock();
    const sent: Change[][] = [];
    const q = new SaveQueue({
      clock,
      maxChanges: 1,
      send: async (changes) => {
        sent.push(changes);
        if (sent.length === 2 && failSecond) {
          failSecond = false;
          throw new Error('disk full');
        }
      },
    });
    q.enqueue([create(n('a')), update('b', { x: 1 }), del('c')]);
    clock.runAll();
    await tick();
    expect(sent.map((c) => c[0]!.op)).toEqual(['create', 'update']);
    clock.runAll();
    await q.whenIdle();
    expect(sent.map((c) => c[0]!.op)).toEqual(['create', 'update', 'update', 'delete']);
  });

  test('flush sends at once, and changes during a write go in the next batch', async () => {
    const clock = manualClock();
    const sent: Change[][] = [];
    let release!: () => void;
    const q = new SaveQueue({
      clock,
      send: (changes) => {
        sent.push(structuredClone(changes));
        return sent.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    q.enqueue([update('a', { x: 1 })]);
    q.flush();
    expect(sent).toHaveLength(1);
    q.enqueue([update('a', { x: 2 })]);
    q.flush();
    expect(sent).toHaveLength(1);
    release();
    await tick();
    clock.runAll();
    await q.whenIdle();
    expect(sent).toEqual([[update('a', { x: 1 })], [update('a', { x: 2 })]]);
  });

  test('large batches are cut by size too (web mode refuses bodies over 1 MiB)', async () => {
    const clock = manualClock();
    const sent: Change[][] = [];
    // Each note is about 3,400 bytes as JSON: three fit in 11,000, four do not.
    const q = new SaveQueue({ clock, maxBytes: 11_000, send: async (changes) => void sent.push(changes) });
    q.enqueue(Array.from({ length: 10 }, (_, i) => create({ ...n(`n${i}`), text: 'x'.repeat(3000) })));
    clock.runAll();
    await q.whenIdle();
    expect(sent.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    for (const c of sent) expect(JSON.stringify(c).length).toBeLessThan(11_000);
  });

  test('large batches are cut by count', async () => {
    const clock = manualClock();
    const sent: Change[][] = [];
    const q = new SaveQueue({ clock, maxChanges: 2, send: async (changes) => void sent.push(changes) });
    q.enqueue(['a', 'b', 'c'].map((id) => create(n(id))));
    clock.runAll();
    await q.whenIdle();
    expect(sent.map((c) => c.length)).toEqual([2, 1]);
  });

  test('counts bytes as UTF-8, as TextEncoder does', () => {
    for (const s of ['plain', 'café', '旅程の地図', '😀 emoji', '\ud800 lone surrogate', '"quoted" \\ \n']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
    for (const c of [update('a', { x: 1 }), create({ ...n('b'), text: '旅程 café 😀' })]) {
      expect(changeBytes(c)).toBe(new TextEncoder().encode(JSON.stringify(c)).length + 1);
    }
  });

  test('a CJK batch over 1 MiB in bytes is split into batches under the limit, and every note lands', async () => {
    const { clock, store, q, dropped } = withStore();
    // 400 notes of 1,000 CJK characters: 400,000 characters (under the old character cut) but
    // about 1.2 MB as UTF-8, which the web server refuses in one body.
    const notes = Array.from({ length: 400 }, (_, i) => ({ ...n(`n${i}`), text: '旅程'.repeat(500) }));
    const changes = notes.map(create);
    expect(changes.reduce((sum, c) => sum + changeBytes(c), 0)).toBeGreaterThan(API_BODY_MAX_BYTES);
    q.enqueue(changes);
    await settle(clock, q);
    expect(store.batches.length).toBeGreaterThan(1);
    for (const b of store.batches) {
      expect(b.ok).toBe(true);
      expect(b.bytes).toBeLessThan(API_BODY_MAX_BYTES);
    }
    expect(store.records.note.size).toBe(400);
    expect(store.records.note.get('n399')!.text).toBe('旅程'.repeat(500));
    expect(dropped).toEqual([]);
    expect(q.status).toBe('saved');
  });

  test('a note deleted by another client in the middle of a batch: the other edits land and the person is told', async () => {
    const { clock, store, q, dropped } = withStore();
    store.elsewhere(['a', 'b', 'c'].map((id) => create(n(id))));
    q.enqueue([update('a', { text: 'first' }), update('b', { text: 'second' }), update('c', { text: 'third' })]);
    // Another window deletes b before the batch is sent.
    store.elsewhere([del('b')]);
    await settle(clock, q);
    expect(store.records.note.get('a')!.text).toBe('first');
    expect(store.records.note.get('c')!.text).toBe('third');
    expect(store.records.note.has('b')).toBe(false);
    // The refused batch wrote nothing; the resent one has the two other edits.
    expect(store.batches.map((b) => [b.ok, b.changes.map((c) => c.id)])).toEqual([
      [false, ['a', 'b', 'c']],
      [true, ['a', 'c']],
    ]);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.map((d) => [d.change.id, d.code, d.gone])).toEqual([['b', 'not_found', 'record']]);
    expect(dropSentence(dropped[0]!)).toBe('One note could not be saved: it was deleted in another window.');
    expect(q.status).toBe('saved');
  });

  test('a permanent error is not retried: only the change that failed is dropped, found by splitting when no index is given', async () => {
    const clock = manualClock();
    const sent: Change[][] = [];
    const dropped: DroppedChange[] = [];
    const q = new SaveQueue({
      clock,
      send: async (changes) => {
        sent.push(changes);
        // A store that names no index: the bad change is somewhere in the batch.
        if (changes.some((c) => c.id === 'bad')) throw new ApiError('invalid_input', 'text: a note’s text is at most 5000 characters');
      },
    });
    q.onDrop((d) => dropped.push(...d));
    const ids = ['a', 'b', 'c', 'bad', 'e', 'f', 'g', 'h'];
    q.enqueue(ids.map((id) => update(id, { x: 1 })));
    const rounds = await settle(clock, q);
    expect(rounds).toBeLessThan(20);
    expect(dropped.map((d) => d.change.id)).toEqual(['bad']);
    const landed = sent.filter((b) => !b.some((c) => c.id === 'bad')).flat().map((c) => c.id);
    expect(landed.sort()).toEqual(ids.filter((id) => id !== 'bad').sort());
    // Sent once alone, then never again.
    expect(sent.filter((b) => b.length === 1 && b[0]!.id === 'bad')).toHaveLength(1);
    expect(clock.delays()).toEqual([]);
    expect(q.status).toBe('saved');
    expect(dropSentence(dropped)).toBe('One note could not be saved: the store refused it (text: a note’s text is at most 5000 characters).');
  });

  test('failures that may pass are retried: the network, a busy store, a restart', async () => {
    const { clock, store, q, dropped } = withStore();
    store.fail.push(
      { method: 'changes.apply', error: new TypeError('Failed to fetch') },
      { method: 'changes.apply', error: new ApiError('busy', 'The store is busy.') },
      { method: 'changes.apply', error: new ApiError('internal', 'Journeyboard is not reachable.') },
    );
    q.enqueue([create(n('a'))]);
    clock.runAll();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await tick();
      expect(q.status).toBe('error');
      delays.push(...clock.delays());
      clock.runAll();
    }
    await q.whenIdle();
    expect(delays).toEqual([500, 1000, 2000]);
    expect(store.records.note.has('a')).toBe(true);
    expect(dropped).toEqual([]);
    expect(q.status).toBe('saved');
  });

  test('a refusal no change can fix holds every change until flush', async () => {
    const { clock, store, q, dropped } = withStore();
    store.fail.push({ method: 'changes.apply', error: new ApiError('unauthorized', 'The access token is wrong.') });
    q.enqueue([create(n('a'))]);
    clock.runAll();
    await tick();
    expect(q.status).toBe('error');
    expect(q.pendingCount).toBe(1);
    expect(clock.delays()).toEqual([]);
    q.flush();
    await q.whenIdle();
    expect(store.records.note.has('a')).toBe(true);
    expect(dropped).toEqual([]);
  });

  test('a create whose first try landed (answer lost) is written over, not refused', async () => {
    const { clock, store, q, dropped } = withStore();
    store.elsewhere([create(n('a', 5))]);
    q.enqueue([create({ ...n('a'), text: 'mine' })]);
    await settle(clock, q);
    expect(store.records.note.get('a')).toMatchObject({ text: 'mine', x: 0 });
    expect(dropped).toEqual([]);
  });

  test('a note whose stage was deleted in another window: told so, the rest lands', async () => {
    const { clock, store, q, dropped } = withStore();
    store.elsewhere([{ type: 'stage', op: 'create', id: 's1', value: { name: 'Pay', description: '', position: 0, emotion: null, goal: '', expectations: '' } }, create(n('a'))]);
    store.elsewhere([{ type: 'stage', op: 'delete', id: 's1' }]);
    q.enqueue([update('a', { stageId: 's1', laneId: null }), create(n('b'))]);
    await settle(clock, q);
    expect(store.records.note.has('b')).toBe(true);
    expect(dropped.flat().map((d) => [d.change.id, d.gone])).toEqual([['a', 'reference']]);
    expect(dropSentence(dropped.flat())).toBe('One note could not be saved: the stage, lane or persona it refers to was deleted in another window.');
  });

  test('a map deleted in another window: every change to it is reported at once, not tried one by one', async () => {
    const { clock, store, q, dropped } = withStore();
    store.fail.push({ method: 'changes.apply', error: new ApiError('not_found', 'No map with id "m1". It may have been deleted.') });
    q.enqueue(['a', 'b', 'c'].map((id) => create(n(id))));
    await settle(clock, q);
    expect(store.batches).toHaveLength(1);
    expect(dropped.flat().map((d) => d.change.id)).toEqual(['a', 'b', 'c']);
    expect(dropSentence(dropped.flat())).toBe('3 notes could not be saved: the map was deleted in another window.');
    expect(q.status).toBe('saved');
  });

  test('deleting a record another window deleted is not a loss', async () => {
    const { clock, store, q, dropped } = withStore();
    q.enqueue([del('gone')]);
    await settle(clock, q);
    expect(dropped).toEqual([]);
    expect(store.batches).toHaveLength(1);
    expect(q.status).toBe('saved');
  });

  test('a change too large to send alone is reported, not sent', async () => {
    const clock = manualClock();
    const sent: Change[][] = [];
    const dropped: DroppedChange[] = [];
    const q = new SaveQueue({ clock, maxBytes: 2000, send: async (changes) => void sent.push(changes) });
    q.onDrop((d) => dropped.push(...d));
    q.enqueue([create({ ...n('big'), text: 'x'.repeat(3000) }), create(n('small'))]);
    await settle(clock, q);
    expect(sent.flat().map((c) => c.id)).toEqual(['small']);
    expect(dropped.map((d) => [d.change.id, d.code])).toEqual([['big', 'too_large']]);
    expect(dropSentence(dropped)).toBe('One note could not be saved: it is too large to save.');
  });

  test('a batch writes records before what points at them, and deletes after', async () => {
    const { clock, store, q } = withStore();
    store.elsewhere([create(n('old')), { type: 'stage', op: 'create', id: 's0', value: { name: 'Old', description: '', position: 0, emotion: null, goal: '', expectations: '' } }]);
    q.enqueue([
      update('old', { stageId: null }),
      { type: 'stage', op: 'delete', id: 's0' },
      create(n('a')),
      { type: 'stage', op: 'create', id: 's1', value: { name: 'New', description: '', position: 0, emotion: null, goal: '', expectations: '' } },
      update('a', { stageId: 's1' }),
    ]);
    await settle(clock, q);
    expect(store.batches[0]!.changes.map((c) => `${c.op} ${c.type} ${c.id}`)).toEqual([
      'create stage s1',
      'create note a',
      'update note old',
      'delete stage s0',
    ]);
  });

  test('a dot cast just before the round closes lands before the close, in one batch', async () => {
    const { clock, sent, q } = setup();
    q.enqueue([{ type: 'vote', op: 'create', id: 'v1', value: { roundId: 'r1', participantId: 'p1', noteId: 'a', count: 1 } } as Change]);
    q.enqueue([{ type: 'round', op: 'update', id: 'r1', patch: { status: 'closed', closedAt: 5 } } as Change]);
    await settle(clock, q);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((c) => `${c.op} ${c.type}`)).toEqual(['create vote', 'update round']);
  });
});

describe('failures and sentences', () => {
  test('what is retried, dropped or held', () => {
    expect(failureKind(new TypeError('Failed to fetch'))).toBe('transient');
    expect(failureKind(new ApiError('busy', ''))).toBe('transient');
    expect(failureKind(new ApiError('internal', ''))).toBe('transient');
    expect(failureKind(new ApiError('disk_full', ''))).toBe('transient');
    for (const code of ['not_found', 'invalid_input', 'conflict', 'too_large'] as const) expect(failureKind(new ApiError(code, ''))).toBe('permanent');
    expect(failureKind(new ApiError('unauthorized', ''))).toBe('blocked');
  });

  test('one sentence for several records', () => {
    const d = (type: Change['type'], code: DroppedChange['code']): DroppedChange => ({ change: { type, op: 'delete', id: 'x' } as Change, code, message: '', ...(code === 'not_found' ? { gone: 'record' as const } : {}) });
    expect(dropSentence([d('note', 'not_found'), d('note', 'not_found'), d('stage', 'not_found')])).toBe(
      '2 notes and one stage could not be saved: they were deleted in another window.',
    );
    expect(dropSentence([d('persona', 'conflict')])).toBe('One persona could not be saved: it clashes with a change made in another window.');
    expect(dropSentence([d('note', 'conflict'), d('lane', 'not_found')])).toBe(
      'One note and one lane could not be saved: they were deleted in another window or refused by the store.',
    );
  });
});

describe('isQueued: a record with a change not yet known to have landed (issue 14: live merges leave it alone)', () => {
  test('queued, then in the write in flight, then landed; a failed write puts it back', async () => {
    const clock = manualClock();
    let release!: () => void;
    let fail = false;
    const q = new SaveQueue({
      clock,
      send: () =>
        new Promise<void>((resolve, reject) => {
          release = () => (fail ? reject(new Error('offline')) : resolve());
        }),
    });
    q.enqueue([create(n('a'))]);
    expect([q.isQueued('note', 'a'), q.isPending('note', 'a')]).toEqual([true, true]);
    clock.runAll();
    await tick();
    expect([q.isQueued('note', 'a'), q.isPending('note', 'a')]).toEqual([true, false]);
    expect(q.isQueued('note', 'b')).toBe(false);
    fail = true;
    release();
    await tick();
    await tick();
    expect(q.isQueued('note', 'a')).toBe(true);
    fail = false;
    clock.runAll();
    await tick();
    release();
    await tick();
    await tick();
    expect(q.isQueued('note', 'a')).toBe(false);
    expect(q.status).toBe('saved');
  });
});
