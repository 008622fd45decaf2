import { describe, expect, it } from 'vitest';
import * as ob from '../../../renderer/participant/outbox';

const T0 = 1_000_000;
const add = (id: string, text = `note ${id}`, stageId: string | null = null): ob.OutboxOp => ({
  kind: 'add',
  id,
  text,
  stageId,
});

function sendFirst(box: ob.Outbox, now: number): { box: ob.Outbox; entry: ob.OutboxEntry } {
  const entry = ob.nextToSend(box, now);
  if (!entry) throw new Error('nothing to send');
  return { box: ob.markSent(box, entry.seq, now), entry };
}

describe('phone outbox', () => {
  it('keeps a note until the server answers ok, and sends in order, one at a time', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a'), T0);
    box = ob.enqueue(box, add('b'), T0);
    const first = sendFirst(box, T0);
    expect(first.entry.op.id).toBe('a');
    box = first.box;
    // While 'a' is under way nothing else goes out.
    expect(ob.nextToSend(box, T0 + 100)).toBeNull();
    box = ob.markDone(box, first.entry.seq);
    expect(ob.nextToSend(box, T0 + 100)?.op.id).toBe('b');
    expect(box.entries.map((e) => e.op.id)).toEqual(['b']);
  });

  it('sends the same note again, with the same id, when no answer came in time', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a'), T0);
    const first = sendFirst(box, T0);
    box = first.box;
    expect(ob.nextToSend(box, T0 + ob.SEND_TIMEOUT_MS - 1)).toBeNull();
    const again = ob.nextToSend(box, T0 + ob.SEND_TIMEOUT_MS);
    expect(again?.op).toEqual(first.entry.op);
    expect(ob.nextWakeAt(box)).toBe(T0 + ob.SEND_TIMEOUT_MS);
  });

  it('waits before a retry, and coming back online sends at once', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a'), T0);
    const first = sendFirst(box, T0);
    box = ob.markRetry(first.box, first.entry.seq, T0 + 10, 5_000);
    expect(ob.nextToSend(box, T0 + 1_000)).toBeNull();
    expect(ob.nextWakeAt(box)).toBe(T0 + 5_010);
    box = ob.wakeAll(box, T0 + 1_000);
    expect(ob.nextToSend(box, T0 + 1_000)?.op.id).toBe('a');
  });

  it('an edit of a note that never went out changes the queued note; withdrawing it drops it', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a', 'first'), T0);
    box = ob.enqueue(box, { kind: 'edit', id: 'a', text: 'second' }, T0);
    expect(box.entries).toHaveLength(1);
    expect(box.entries[0]!.op).toEqual({ kind: 'add', id: 'a', text: 'second', stageId: null });
    box = ob.enqueue(box, { kind: 'withdraw', id: 'a' }, T0);
    expect(box.entries).toEqual([]);
  });

  it('an edit of a note that may be on the server goes after it, never folded into the add', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a', 'first'), T0);
    const first = sendFirst(box, T0);
    box = ob.enqueue(first.box, { kind: 'edit', id: 'a', text: 'second' }, T0);
    expect(box.entries.map((e) => e.op.kind)).toEqual(['add', 'edit']);
    // A timed-out add was perhaps stored: its text cannot change by resending it.
    box = ob.markRetry(box, first.entry.seq, T0, 0);
    box = ob.enqueue(box, { kind: 'edit', id: 'a', text: 'third' }, T0);
    expect(box.entries.map((e) => [e.op.kind, 'text' in e.op ? e.op.text : null])).toEqual([
      ['add', 'first'],
      ['edit', 'third'],
    ]);
  });

  it('withdrawing a note on the server drops its waiting edits and queues one withdrawal', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a'), T0);
    const first = sendFirst(box, T0);
    box = ob.markDone(first.box, first.entry.seq);
    box = ob.enqueue(box, { kind: 'edit', id: 'a', text: 'changed' }, T0);
    box = ob.enqueue(box, { kind: 'withdraw', id: 'a' }, T0);
    box = ob.enqueue(box, { kind: 'withdraw', id: 'a' }, T0);
    expect(box.entries.map((e) => e.op.kind)).toEqual(['withdraw']);
  });

  it('a note refused for good stays, with the server’s sentence, until sent again or discarded; others still go', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a'), T0);
    box = ob.enqueue(box, add('b'), T0);
    const first = sendFirst(box, T0);
    box = ob.markRefused(first.box, first.entry.seq, 'This step is closed.');
    expect(ob.nextToSend(box, T0)?.op.id).toBe('b');
    const shown = ob.shownNotes([], box);
    expect(shown[0]).toMatchObject({ id: 'a', status: 'refused', error: 'This step is closed.' });
    box = ob.retryRefused(box, 'a', T0);
    expect(box.entries.find((e) => e.op.id === 'a')?.refused).toBeNull();
    box = ob.markRefused(box, box.entries[0]!.seq, 'Still closed.');
    box = ob.discard(box, 'a');
    expect(box.entries.map((e) => e.op.id)).toEqual(['b']);
  });

  it('shows the server’s notes with pending edits over them, pending withdrawals hidden, and unsent notes after', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, { kind: 'edit', id: 's1', text: 'edited' }, T0);
    box = ob.enqueue(box, { kind: 'withdraw', id: 's2' }, T0);
    box = ob.enqueue(box, add('new', 'typed offline', 'stage-1'), T0);
    const server = [
      { id: 's1', text: 'old', stageId: null, faceDown: true },
      { id: 's2', text: 'gone', stageId: null, faceDown: false },
      { id: 's3', text: 'kept', stageId: null, faceDown: false },
    ];
    expect(ob.shownNotes(server, box).map((n) => [n.id, n.text, n.status])).toEqual([
      ['s1', 'edited', 'sending'],
      ['s3', 'kept', 'sent'],
      ['new', 'typed offline', 'sending'],
    ]);
    // The server has the note already (the answer was lost): shown once.
    expect(
      ob
        .shownNotes([...server, { id: 'new', text: 'typed offline', stageId: 'stage-1', faceDown: false }], box)
        .filter((n) => n.id === 'new'),
    ).toHaveLength(1);
  });

  it('survives a reload: what was under way is sent again at once; damaged entries are skipped, the rest kept', () => {
    let box = ob.enqueue(ob.EMPTY_OUTBOX, add('a'), T0);
    box = ob.enqueue(box, add('b'), T0);
    box = sendFirst(box, T0).box;
    const stored = JSON.parse(ob.serialise(box)) as { entries: unknown[]; nextSeq: number };
    stored.entries.push({ seq: 99, op: { kind: 'add', id: 7 } }, 'junk');
    const back = ob.parse(JSON.stringify(stored));
    expect(back.entries.map((e) => e.op.id)).toEqual(['a', 'b']);
    expect(back.entries[0]!.sentAt).toBeNull();
    expect(back.entries[0]!.attempts).toBe(1);
    expect(ob.nextToSend(back, 0)?.op.id).toBe('a');
    // A new entry never reuses a stored seq.
    const more = ob.enqueue(back, add('c'), T0);
    expect(new Set(more.entries.map((e) => e.seq)).size).toBe(3);
    expect(ob.parse('not json')).toEqual(ob.EMPTY_OUTBOX);
    expect(ob.parse(null)).toEqual(ob.EMPTY_OUTBOX);
  });

  it('adding the same id twice queues it once', () => {
    const box = ob.enqueue(ob.enqueue(ob.EMPTY_OUTBOX, add('a'), T0), add('a'), T0);
    expect(box.entries).toHaveLength(1);
  });
});
