/**
 * The phone's outbox: every note a person writes (and every edit or withdrawal of one) waits here,
 * in the page's localStorage, until the server has answered ok. A reload, a sleeping phone or a
 * dropped Wi-Fi loses nothing: the page sends what is left when it can. A note's id is made on the
 * phone, so a note sent twice (the answer was lost, the request timed out) is stored once.
 *
 * Pure: every function takes the outbox and returns a new one; the page (`useOutbox.ts`) sends.
 * Entries go out one at a time, in order, so a note's edit never overtakes its add.
 */

export type OutboxOp =
  | { kind: 'add'; id: string; text: string; stageId: string | null }
  | { kind: 'edit'; id: string; text: string }
  | { kind: 'withdraw'; id: string };

export interface OutboxEntry {
  /** Order of entry; unique in one outbox. */
  seq: number;
  op: OutboxOp;
  /** How often it was sent (0: never reached the wire, so it cannot be on the server). */
  attempts: number;
  /** When the current attempt went out, or null when none is under way. */
  sentAt: number | null;
  /** Not before this time (a retry's wait). */
  notBefore: number;
  /** The server refused it for good, with this sentence; it waits for the person (retry or discard). */
  refused: string | null;
  /** Display only: the server took it, and the room state that shows it has not arrived yet. */
  taken?: boolean;
}

export interface Outbox {
  entries: OutboxEntry[];
  nextSeq: number;
}

/** How long an answer may take before the entry is sent again (the server stores a resent id once). */
export const SEND_TIMEOUT_MS = 8_000;

export const EMPTY_OUTBOX: Outbox = { entries: [], nextSeq: 1 };

/** True while the entry can no longer be on the server only if it never left the phone or was refused. */
function neverStored(e: OutboxEntry): boolean {
  return (e.attempts === 0 && e.sentAt === null) || e.refused !== null;
}

function append(box: Outbox, op: OutboxOp, now: number): Outbox {
  const entry: OutboxEntry = { seq: box.nextSeq, op, attempts: 0, sentAt: null, notBefore: now, refused: null };
  return { entries: [...box.entries, entry], nextSeq: box.nextSeq + 1 };
}

/**
 * Queues an operation. What has not reached the server yet is folded in rather than queued again:
 * an edit of a note still waiting to go out changes its text; withdrawing a note that never went out
 * drops it; a newer edit replaces an older one that is still waiting.
 */
export function enqueue(box: Outbox, op: OutboxOp, now: number): Outbox {
  const same = box.entries.filter((e) => e.op.id === op.id);
  if (op.kind === 'add') {
    if (same.some((e) => e.op.kind === 'add')) return box;
    return append(box, op, now);
  }
  if (op.kind === 'edit') {
    const last = same[same.length - 1];
    if (last && last.op.kind !== 'withdraw' && last.sentAt === null && neverStored(last)) {
      // Not on the server: its text is simply the new text (a refused entry gets another chance).
      return replace(box, last.seq, { ...last, op: { ...last.op, text: op.text }, refused: null, notBefore: now });
    }
    if (last && last.op.kind === 'edit' && last.sentAt === null) {
      // An edit that may have reached the server: send the newer text in its place.
      return replace(box, last.seq, { ...last, op: { ...last.op, text: op.text }, refused: null, notBefore: now });
    }
    return append(box, op, now);
  }
  // withdraw
  const add = same.find((e) => e.op.kind === 'add');
  if (add && add.sentAt === null && neverStored(add)) {
    // The note never reached the server: forget it and everything queued for it.
    return { ...box, entries: box.entries.filter((e) => e.op.id !== op.id) };
  }
  if (same.some((e) => e.op.kind === 'withdraw')) return box;
  // Edits still waiting are pointless now; one under way is left to finish.
  const kept = box.entries.filter((e) => !(e.op.id === op.id && e.op.kind === 'edit' && e.sentAt === null));
  return append({ ...box, entries: kept }, op, now);
}

function replace(box: Outbox, seq: number, entry: OutboxEntry): Outbox {
  return { ...box, entries: box.entries.map((e) => (e.seq === seq ? entry : e)) };
}

function update(box: Outbox, seq: number, fn: (e: OutboxEntry) => OutboxEntry): Outbox {
  return { ...box, entries: box.entries.map((e) => (e.seq === seq ? fn(e) : e)) };
}

/**
 * The entry to send now, or null: the first one not refused, unless it is already under way and
 * not yet timed out, or waits for a retry. One at a time, in order.
 */
export function nextToSend(box: Outbox, now: number): OutboxEntry | null {
  const first = box.entries.find((e) => e.refused === null);
  if (!first) return null;
  if (first.sentAt !== null && now - first.sentAt < SEND_TIMEOUT_MS) return null;
  if (first.notBefore > now) return null;
  return first;
}

/** When something may be sent next (for a timer), or null when nothing waits. */
export function nextWakeAt(box: Outbox): number | null {
  const first = box.entries.find((e) => e.refused === null);
  if (!first) return null;
  return first.sentAt !== null ? first.sentAt + SEND_TIMEOUT_MS : first.notBefore;
}

/** The entry went out at `now`. */
export function markSent(box: Outbox, seq: number, now: number): Outbox {
  return update(box, seq, (e) => ({ ...e, attempts: e.attempts + 1, sentAt: now }));
}

/** The server answered ok: the entry is done. */
export function markDone(box: Outbox, seq: number): Outbox {
  return { ...box, entries: box.entries.filter((e) => e.seq !== seq) };
}

/** No answer (offline, timeout) or a passing refusal (rate limit, busy): send it again after `waitMs`. */
export function markRetry(box: Outbox, seq: number, now: number, waitMs: number): Outbox {
  return update(box, seq, (e) => ({ ...e, sentAt: null, notBefore: now + waitMs }));
}

/** The server refused it for good (the step closed, the note is gone): keep it for the person to see. */
export function markRefused(box: Outbox, seq: number, message: string): Outbox {
  return update(box, seq, (e) => ({ ...e, sentAt: null, refused: message }));
}

/** Back online or the page woke up: everything waiting goes out now, whatever its wait. */
export function wakeAll(box: Outbox, now: number): Outbox {
  return {
    ...box,
    entries: box.entries.map((e) =>
      e.refused === null ? { ...e, sentAt: null, notBefore: Math.min(e.notBefore, now) } : e,
    ),
  };
}

/** The person asks to send a refused note again. */
export function retryRefused(box: Outbox, id: string, now: number): Outbox {
  return {
    ...box,
    entries: box.entries.map((e) =>
      e.op.id === id && e.refused !== null ? { ...e, refused: null, notBefore: now } : e,
    ),
  };
}

/** The person gives up on a refused entry (its text is in the note list until then). */
export function discard(box: Outbox, id: string): Outbox {
  return { ...box, entries: box.entries.filter((e) => !(e.op.id === id && e.refused !== null)) };
}

/** A note as the phone shows it: the server's, with what is still waiting in the outbox laid over it. */
export interface ShownNote {
  id: string;
  text: string;
  stageId: string | null;
  faceDown: boolean;
  /** 'sent': the server has it as shown; 'sending': waiting or under way; 'refused': the server said no. */
  status: 'sent' | 'sending' | 'refused';
  /** The server's sentence when refused. */
  error: string | null;
}

/**
 * The person's notes: the server's list, with pending edits applied, pending withdrawals hidden,
 * and notes the server does not have yet added at the end (oldest first).
 */
export function shownNotes(
  server: ReadonlyArray<{ id: string; text: string; stageId: string | null; faceDown: boolean }>,
  box: Outbox,
): ShownNote[] {
  const byId = new Map<string, OutboxEntry[]>();
  for (const e of box.entries) byId.set(e.op.id, [...(byId.get(e.op.id) ?? []), e]);
  const out: ShownNote[] = [];
  const seen = new Set<string>();
  const overlay = (base: ShownNote, entries: OutboxEntry[]): ShownNote | null => {
    let note = base;
    for (const e of entries) {
      if (e.op.kind === 'withdraw') {
        // A refused withdrawal leaves the note shown, with the reason.
        if (e.refused === null) return null;
        note = { ...note, status: 'refused', error: e.refused };
        continue;
      }
      if (e.op.kind === 'edit' || (e.op.kind === 'add' && note.status !== 'sent')) note = { ...note, text: e.op.text };
      note = { ...note, status: e.refused !== null ? 'refused' : e.taken ? note.status : 'sending', error: e.refused };
    }
    return note;
  };
  for (const n of server) {
    seen.add(n.id);
    const entries = (byId.get(n.id) ?? []).filter((e) => e.op.kind !== 'add');
    const shown = overlay(
      { id: n.id, text: n.text, stageId: n.stageId, faceDown: n.faceDown, status: 'sent', error: null },
      entries,
    );
    if (shown) out.push(shown);
  }
  for (const e of box.entries) {
    if (e.op.kind !== 'add' || seen.has(e.op.id)) continue;
    seen.add(e.op.id);
    const shown = overlay(
      {
        id: e.op.id,
        text: e.op.text,
        stageId: e.op.stageId,
        faceDown: false,
        status: e.taken ? 'sent' : 'sending',
        error: null,
      },
      byId.get(e.op.id) ?? [],
    );
    if (shown) out.push(shown);
  }
  return out;
}

/** The outbox as stored. */
export function serialise(box: Outbox): string {
  return JSON.stringify(box);
}

function isOp(v: unknown): v is OutboxOp {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string') return false;
  if (o.kind === 'add') return typeof o.text === 'string' && (o.stageId === null || typeof o.stageId === 'string');
  if (o.kind === 'edit') return typeof o.text === 'string';
  return o.kind === 'withdraw';
}

/**
 * Reads a stored outbox. Whatever is unreadable is skipped, the rest kept: one damaged entry must
 * not cost the others. An entry that was under way when the page went away is sent again at once.
 */
export function parse(text: string | null): Outbox {
  if (!text) return EMPTY_OUTBOX;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_OUTBOX;
  }
  const list =
    typeof raw === 'object' && raw !== null && Array.isArray((raw as Outbox).entries) ? (raw as Outbox).entries : [];
  const entries: OutboxEntry[] = [];
  let maxSeq = 0;
  for (const e of list as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const r = e as Record<string, unknown>;
    if (!isOp(r.op) || typeof r.seq !== 'number' || entries.some((x) => x.seq === r.seq)) continue;
    entries.push({
      seq: r.seq,
      op: r.op,
      attempts: typeof r.attempts === 'number' ? r.attempts : 1,
      // Whatever was under way may or may not have arrived: send it again (the id makes that safe).
      sentAt: null,
      notBefore: 0,
      refused: typeof r.refused === 'string' ? r.refused : null,
    });
    maxSeq = Math.max(maxSeq, r.seq);
  }
  entries.sort((a, b) => a.seq - b.seq);
  const nextSeq = Math.max(maxSeq + 1, typeof (raw as Outbox).nextSeq === 'number' ? (raw as Outbox).nextSeq : 1);
  return { entries, nextSeq };
}
