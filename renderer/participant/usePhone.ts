/**
 * The phone page's one hook: the session (kept per room address), the room's state and the live
 * line, the outbox of notes, and every action the person can take. The page's components only
 * read what it returns and call its actions.
 */
import { useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { CallOutcome } from './roomApi';
import { call, CLOSED_MESSAGE, join as joinRoom } from './roomApi';
import { LiveLine } from './live';
import { OutboxSender } from './outboxSender';
import { initialPhoneState, phoneReducer, type PhoneState } from './phoneState';
import { deviceId, loadOutbox, loadSession, saveOutbox, saveSession } from './storage';
import { newId } from './ids';
import { shownNotes, type Outbox, type OutboxOp, type ShownNote } from './outbox';

function browserStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function sendOp(token: string, op: OutboxOp): Promise<CallOutcome<unknown>> {
  if (op.kind === 'add')
    return call(
      token,
      'notes.add',
      op.stageId ? { id: op.id, text: op.text, stageId: op.stageId } : { id: op.id, text: op.text },
    );
  if (op.kind === 'edit') return call(token, 'notes.edit', { id: op.id, text: op.text });
  return call(token, 'notes.withdraw', { id: op.id });
}

export interface Phone {
  state: PhoneState;
  notes: ShownNote[];
  /** Notes still waiting for the server (also shown after the room closed, so nothing is lost). */
  waiting: Outbox;
  /** Why notes are waiting (the rate limit's sentence, no connection), or null. */
  sendProblem: string | null;
  /** False when the browser refused to keep the outbox (its notes live only while the page is open). */
  outboxStored: boolean;
  /** Which action is under way ('join', 'vote:<noteId>', ...), so its button can say so. */
  busy: string | null;
  join(pin: string, name: string): Promise<void>;
  addNote(text: string, stageId: string | null): void;
  editNote(id: string, text: string): void;
  withdrawNote(id: string): void;
  retryNote(id: string): void;
  discardNote(id: string): void;
  castVote(noteId: string): Promise<void>;
  retractVote(noteId: string): Promise<void>;
  score(stageId: string, score: number): Promise<void>;
  setDone(done: boolean): Promise<void>;
  dismissError(): void;
}

const store = browserStore();

export function usePhone(roomUrl: string): Phone {
  const [state, dispatch] = useReducer(phoneReducer, null, () =>
    initialPhoneState(loadSession(store, roomUrl), navigator.onLine),
  );
  const [busy, setBusy] = useState<string | null>(null);
  const lineRef = useRef<LiveLine | null>(null);

  const leave = useCallback(
    (reason: string) => {
      saveSession(store, roomUrl, null);
      lineRef.current?.stop();
      lineRef.current = null;
      dispatch({ type: 'closed', reason });
    },
    [roomUrl],
  );

  const [sender] = useState(
    () => new OutboxSender(loadOutbox(store, roomUrl), sendOp, (box) => saveOutbox(store, roomUrl, box)),
  );
  const box = useSyncExternalStore(sender.subscribe, sender.getSnapshot);
  const sendProblem = useSyncExternalStore(sender.subscribe, sender.getProblem);

  const token = state.session?.token ?? null;

  // The live line and the outbox run while this phone holds a token.
  useEffect(() => {
    if (!token) return;
    const line = new LiveLine(token, {
      onState: (room, receivedAt) => {
        dispatch({ type: 'state', state: room, receivedAt });
        sender.reconcile(room);
      },
      onClosed: (reason) => {
        sender.stop();
        leave(reason);
      },
      onStatus: (status) => dispatch({ type: 'live', status }),
    });
    lineRef.current = line;
    line.start();
    sender.setToken(token, { onUnauthorized: (message) => leave(message), onTaken: () => void line.refresh() });
    return () => {
      line.stop();
      sender.stop();
      if (lineRef.current === line) lineRef.current = null;
    };
  }, [token, sender, leave]);

  // Back online or back on screen: reconnect and send what waits, at once.
  useEffect(() => {
    const wake = () => {
      lineRef.current?.poke();
      sender.wake();
    };
    const online = () => {
      dispatch({ type: 'online', online: true });
      wake();
    };
    const offline = () => dispatch({ type: 'online', online: false });
    const visible = () => {
      if (document.visibilityState === 'visible') wake();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [sender]);

  /** Runs one direct call (not a note): shows a refusal as the server's sentence, leaves on 401. */
  const direct = useCallback(
    async (key: string, run: (token: string) => Promise<CallOutcome<unknown>>) => {
      if (!token) return;
      setBusy(key);
      dispatch({ type: 'error', message: null });
      try {
        const outcome = await run(token);
        if (outcome.kind === 'ok') await lineRef.current?.refresh();
        else if (outcome.kind === 'unauthorized') leave(outcome.message || CLOSED_MESSAGE);
        else dispatch({ type: 'error', message: outcome.message });
      } finally {
        setBusy(null);
      }
    },
    [token, leave],
  );

  const join = useCallback(
    async (pin: string, name: string) => {
      setBusy('join');
      dispatch({ type: 'error', message: null });
      try {
        const trimmed = name.trim();
        const outcome = await joinRoom({ pin, ...(trimmed ? { name: trimmed } : {}), deviceId: deviceId(store) });
        if (outcome.kind === 'ok') {
          const session = {
            token: outcome.value.token,
            participantId: outcome.value.participantId,
            name: outcome.value.name,
          };
          saveSession(store, roomUrl, session);
          dispatch({ type: 'joined', session });
        } else {
          dispatch({ type: 'error', message: outcome.message });
        }
      } finally {
        setBusy(null);
      }
    },
    [roomUrl],
  );

  return {
    state,
    notes: shownNotes(state.room?.myNotes ?? [], box),
    waiting: sender.pending(),
    sendProblem,
    outboxStored: sender.stored,
    busy,
    join,
    addNote: (text, stageId) => sender.enqueue({ kind: 'add', id: newId(), text: text.trim(), stageId }),
    editNote: (id, text) => sender.enqueue({ kind: 'edit', id, text: text.trim() }),
    withdrawNote: (id) => sender.enqueue({ kind: 'withdraw', id }),
    retryNote: (id) => sender.retry(id),
    discardNote: (id) => sender.discard(id),
    castVote: (noteId) => direct(`vote:${noteId}`, (t) => call(t, 'votes.cast', { noteId })),
    retractVote: (noteId) => direct(`vote:${noteId}`, (t) => call(t, 'votes.retract', { noteId })),
    score: (stageId, score) => direct(`score:${stageId}`, (t) => call(t, 'emotions.score', { stageId, score })),
    setDone: (done) => direct('done', (t) => call(t, 'done.set', { done })),
    dismissError: () => dispatch({ type: 'error', message: null }),
  };
}
