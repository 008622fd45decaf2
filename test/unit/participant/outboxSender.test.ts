import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_OUTBOX, shownNotes, type Outbox, type OutboxOp } from '../../../renderer/participant/outbox';
import { OutboxSender } from '../../../renderer/participant/outboxSender';
import type { CallOutcome } from '../../../renderer/participant/roomApi';
import type { RoomState } from '../../../shared/room/contract';

/** An answer lost on the way back: the room stored the note, the phone saw a timeout. */
const LOST = 'lost' as const;

/** A fake room that stores each note id once, answering as scripted. */
function fakeRoom() {
  const stored = new Map<string, string>();
  const sent: OutboxOp[] = [];
  const script: (CallOutcome<unknown> | typeof LOST)[] = [];
  const send = async (_token: string, op: OutboxOp): Promise<CallOutcome<unknown>> => {
    sent.push(op);
    const next = script.shift() ?? { kind: 'ok', value: null };
    if (next === LOST || next.kind === 'ok') {
      if (op.kind === 'add' && !stored.has(op.id)) stored.set(op.id, op.text);
      if (op.kind === 'edit') stored.set(op.id, op.text);
      if (op.kind === 'withdraw') stored.delete(op.id);
    }
    return next === LOST ? { kind: 'retry', message: 'No answer in time.', waitMs: null } : next;
  };
  return { stored, sent, script, send };
}

function state(notes: [string, string][]): RoomState {
  return {
    myNotes: notes.map(([id, text]) => ({ id, text, stageId: null, laneId: null, faceDown: false })),
  } as RoomState;
}

describe('outbox sender', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function make(initial: Outbox = EMPTY_OUTBOX) {
    const room = fakeRoom();
    const saved: Outbox[] = [];
    const closed: string[] = [];
    const sender = new OutboxSender(
      initial,
      room.send,
      (b) => (saved.push(b), true),
      () => Date.now(),
    );
    const events = { onUnauthorized: (m: string) => void closed.push(m), onTaken: () => {} };
    return { room, saved, closed, sender, events };
  }

  it('a burst of 20 notes typed offline is stored exactly once each when the phone is back, even when answers are lost', async () => {
    const { room, sender, saved, events } = make();
    for (let i = 0; i < 20; i++) sender.enqueue({ kind: 'add', id: `n${i}`, text: `note ${i}`, stageId: null });
    // Still offline: nothing goes out without a token; everything is in storage.
    expect(room.sent).toHaveLength(0);
    expect(saved.at(-1)?.entries).toHaveLength(20);
    // Back: every third answer is lost after the server stored the note (a timeout): it is sent again.
    for (let i = 0; i < 20; i++) room.script.push(i % 3 === 0 ? LOST : { kind: 'ok', value: null });
    sender.setToken('tok', events);
    await vi.runAllTimersAsync();
    expect(room.stored.size).toBe(20);
    expect(room.sent.length).toBeGreaterThan(20);
    expect(sender.pending().entries).toHaveLength(0);
    expect(saved.at(-1)?.entries).toHaveLength(0);
  });

  it('keeps showing a note the server took until a room state includes it', async () => {
    const { sender, events } = make();
    sender.setToken('tok', events);
    sender.enqueue({ kind: 'add', id: 'a', text: 'Hold music', stageId: null });
    await vi.runAllTimersAsync();
    expect(sender.pending().entries).toHaveLength(0);
    expect(shownNotes([], sender.getSnapshot())).toMatchObject([{ id: 'a', text: 'Hold music', status: 'sent' }]);
    sender.reconcile(state([['a', 'Hold music']]));
    expect(sender.getSnapshot().entries).toHaveLength(0);
  });

  it('waits as long as the rate limit asks, then sends', async () => {
    const { room, sender, events } = make();
    room.script.push({ kind: 'retry', message: 'At most 60 notes a minute.', waitMs: 5_000 });
    sender.setToken('tok', events);
    sender.enqueue({ kind: 'add', id: 'a', text: 'x', stageId: null });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(room.sent).toHaveLength(1);
    // The phone says why the note waits, in the server's words.
    expect(sender.getProblem()).toBe('At most 60 notes a minute.');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(room.sent).toHaveLength(2);
    expect(room.stored.has('a')).toBe(true);
    expect(sender.getProblem()).toBeNull();
  });

  it('a void token stops sending and keeps the note for the next time the phone joins', async () => {
    const { room, sender, closed, events } = make();
    room.script.push({ kind: 'unauthorized', message: 'The room was closed.' });
    sender.setToken('old', events);
    sender.enqueue({ kind: 'add', id: 'a', text: 'x', stageId: null });
    await vi.runAllTimersAsync();
    expect(closed).toEqual(['The room was closed.']);
    expect(sender.pending().entries.map((e) => e.op.id)).toEqual(['a']);
    expect(room.sent).toHaveLength(1);
    sender.setToken('new', events);
    await vi.runAllTimersAsync();
    expect(room.stored.has('a')).toBe(true);
    expect(sender.pending().entries).toHaveLength(0);
  });

  it('a refusal stays with the note and does not hold up the next one', async () => {
    const { room, sender, events } = make();
    room.script.push({ kind: 'refused', code: 'invalid_input', message: 'This step is closed.' });
    sender.setToken('tok', events);
    sender.enqueue({ kind: 'add', id: 'a', text: 'x', stageId: null });
    sender.enqueue({ kind: 'add', id: 'b', text: 'y', stageId: null });
    await vi.runAllTimersAsync();
    expect([...room.stored.keys()]).toEqual(['b']);
    expect(shownNotes([], sender.getSnapshot()).find((n) => n.id === 'a')).toMatchObject({
      status: 'refused',
      error: 'This step is closed.',
    });
  });
});
