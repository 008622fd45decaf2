/**
 * Where phones' notes land (issue 14): each lands exactly where the board's own rule
 * (shared/board/placement.ts) puts a note given the map as it is at that moment, also when the
 * room service places many notes in a row from what it remembers of the map and the facilitator
 * moves, deletes or adds notes, stages and lanes in between, and after a call that failed half way.
 * Real SQLite in a temporary data folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/index';
import type { MethodInput, MethodName, MethodResult } from '../../../shared/api';
import { brainstormSlots, cellEnd, freeRects } from '../../../shared/board/placement';
import { layoutBoardFrame } from '../../../shared/board/frameDrop';
import type { JourneyMap, Note } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { FRAME_ORIGIN } from '../../../shared/journey/frame';
import { RESOURCES } from '../helpers';

let dir: string;
let core: Core;
let seq = 0;
let map: JourneyMap;

function value<T>(e: Envelope<unknown>): T {
  if (!e.ok) throw new Error(`expected ok, got ${e.error.code}: ${e.error.message}`);
  return e.value as T;
}
function call<M extends MethodName>(method: M, input: MethodInput<M>): MethodResult<M> {
  return value(core.dispatch(method, input));
}
const get = () => call('maps.get', { id: map.id });

/** Where the board's rule puts a new note in `stageId`/`laneId` on the map as it is now. */
function expected(stageId: string | null, laneId: string | null): { x: number; y: number } {
  const m = get();
  const frame = layoutBoardFrame(
    m.stages.map((s) => ({ id: s.id })),
    m.lanes.map((l) => ({ id: l.id, collapsed: l.collapsed, kind: l.kind })),
    m.notes,
  );
  const end = stageId && laneId ? cellEnd(frame, stageId, laneId) : null;
  if (!end) {
    const slot = brainstormSlots(frame, FRAME_ORIGIN, 1, freeRects(m.notes))[0]!;
    return { x: Math.round(slot.x), y: Math.round(slot.y) };
  }
  let lastY = -Infinity;
  for (const n of m.notes) if (n.stageId === stageId && n.laneId === laneId && n.y > lastY) lastY = n.y;
  return { x: Math.round(end.x), y: Math.max(Math.round(end.y), Math.floor(lastY) + 1) };
}

let phone: string;
let n = 0;
/** A phone adds a note; it must land where the rule says. */
function addAndCheck(stageId?: string): Note {
  const id = `phone-${++n}`;
  const laneId = get().currentStepId ? get().steps.find((s) => s.id === get().currentStepId)!.laneId : null;
  const want = expected(stageId ?? null, laneId);
  value(core.room.call(map.id, phone, 'notes.add', { id, text: `note ${n}`, ...(stageId ? { stageId } : {}) }, [phone]));
  const note = get().notes.find((x) => x.id === id)!;
  expect({ x: note.x, y: note.y }, `note ${n}`).toEqual(want);
  return note;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-place-'));
  seq = 0;
  n = 0;
  core = openCore({ dataDir: dir, resourcesDir: RESOURCES, newId: () => `id-${String(++seq).padStart(4, '0')}` });
  map = call('maps.create', { title: 'Bank', template: 'classic-funnel' });
  phone = value<{ participantId: string }>(core.room.join(map.id, { name: 'Ana', anonymous: false })).participantId;
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('free notes fill the brainstorm area in order, and a gap the facilitator opens (moving or deleting a note) is filled next', () => {
  const first = Array.from({ length: 30 }, () => addAndCheck());
  expect(new Set(first.map((x) => `${x.x},${x.y}`)).size).toBe(30);
  // Moved away: its place is free again and the next phone note takes it.
  call('notes.updateMany', { mapId: map.id, notes: [{ id: first[3]!.id, x: -5000, y: -5000 }] });
  expect(addAndCheck()).toMatchObject({ x: first[3]!.x, y: first[3]!.y });
  call('notes.deleteMany', { mapId: map.id, ids: [first[7]!.id] });
  expect(addAndCheck()).toMatchObject({ x: first[7]!.x, y: first[7]!.y });
  // The facilitator's own note on the next free place: the phone's goes past it.
  const want = expected(null, null);
  call('notes.create', { mapId: map.id, text: 'mine', ...want });
  expect(addAndCheck()).not.toMatchObject(want);
  for (let i = 0; i < 10; i++) addAndCheck();
});

it('cell notes go to their cell\'s end and grow the frame, and the brainstorm area moves with the frame; new stages and lanes are seen', () => {
  call('workshop.start', { mapId: map.id, stepId: get().steps.find((s) => s.laneId !== null)!.id });
  const stage = map.stages[1]!.id;
  addAndCheck();
  for (let i = 0; i < 12; i++) addAndCheck(stage);
  for (let i = 0; i < 5; i++) addAndCheck();
  call('stages.create', { mapId: map.id, name: 'After care', index: 0 });
  addAndCheck(stage);
  addAndCheck();
  // A call that fails after placing (an id taken by a stage) changes nothing, and the next note takes that place.
  const want = expected(null, get().steps.find((s) => s.id === get().currentStepId)!.laneId);
  expect(core.room.call(map.id, phone, 'notes.add', { id: map.stages[0]!.id, text: 'clash' }, [phone])).toMatchObject({ ok: false });
  expect(addAndCheck()).toMatchObject(want);
});

it('a note another program moved in the same data file (another connection, unseen by this change feed) is seen too', () => {
  const first = Array.from({ length: 5 }, () => addAndCheck());
  const other = openCore({ dataDir: dir, resourcesDir: RESOURCES, newId: () => `other-${++seq}` });
  try {
    const moved = other.dispatch('notes.updateMany', { mapId: map.id, notes: [{ id: first[1]!.id, x: -5000, y: -5000 }] });
    expect(moved.ok).toBe(true);
  } finally {
    other.close();
  }
  expect(addAndCheck()).toMatchObject({ x: first[1]!.x, y: first[1]!.y });
});
