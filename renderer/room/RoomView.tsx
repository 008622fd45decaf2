/**
 * The room view (issue 13): a read-only page for the projector at `#/room/<mapId>`. It shows the
 * current step's title and instructions, a big countdown (role="timer"), the focused part of the
 * board (following the facilitator's saved camera, or the step's focus on its own), and the shown
 * vote round's live results. Face-down notes stay face down here, whoever wrote them.
 *
 * Everything comes from the store (maps.get), read again whenever the live channel says the map
 * changed (liveMap.ts); nothing comes from the facilitator's window's memory. It never writes.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { fitRect, type Rect } from '../../shared/board/camera';
import { canReadText, ROOM } from '../../shared/workshop/visibility';
import { setNoteViewer } from '../board/drawNotes';
import { drawScene, sceneBounds, sceneOf, type MapScene } from '../files/mapImage';
import { useNow } from '../ui/useNow';
import { useDark } from '../styles/theme';
import { clockInWords, formatClock } from '../../shared/workshop/timer';
import { roundResults, shownRound, timeLeft, useLiveMap, workshopOf, type WorkshopState } from './liveMap';
import { QrCode } from './QrCode';
import { doneText, isPin, pinGroups, pinSpoken, shortAddress } from './roomStatus';
import { useRoomStatus } from './roomStore';
import './roomDialog.css';
import './room.css';

const ACTIVITY_LABEL: Record<string, string> = {
  brainstorm: 'Brainstorm',
  vote: 'Dot vote',
  emotion: 'Emotion scores',
  matrix: 'Impact / effort',
  roadmap: 'Roadmap',
  discussion: 'Discussion',
  goals: 'Goals',
};

export function RoomView({ mapId }: { mapId: string }) {
  // This window is the room: no face-down text, not even the facilitator's.
  useLayoutEffect(() => setNoteViewer(ROOM), []);
  const { map, error } = useLiveMap(mapId);
  const [follow, setFollow] = useState(true);
  const workshop = useMemo(() => (map ? workshopOf(map) : null), [map]);

  useEffect(() => {
    document.title = map ? `Room view – ${map.title}` : 'Room view – Journeyboard';
  }, [map]);

  if (error && !map) {
    return (
      <main className="room room-message">
        <h1>Room view</h1>
        <p role="alert">{error}</p>
      </main>
    );
  }
  if (!map || !workshop) {
    return (
      <main className="room room-message" aria-busy="true">
        <h1>Room view</h1>
        <p>Opening the map…</p>
      </main>
    );
  }
  const step = workshop.current;
  const index = step ? workshop.steps.indexOf(step) : -1;
  return (
    <main className="room" data-testid="room-view">
      <header className="room-head">
        <div className="room-step">
          <p className="room-kicker">
            {map.title}
            {step && ` · Step ${index + 1} of ${workshop.steps.length} · ${ACTIVITY_LABEL[step.activity] ?? step.activity}`}
            {step?.silent && step.activity === 'brainstorm' && ' · silent'}
          </p>
          <h1 data-testid="room-step-title">{step ? step.title : 'Waiting for the next step'}</h1>
          {step?.instructions && (
            <p className="room-instructions" data-testid="room-instructions">
              {step.instructions}
            </p>
          )}
        </div>
        <div className="room-head-side">
          <RoomTimer workshop={workshop} />
          <DoneCount mapId={mapId} stepId={step?.id ?? null} />
        </div>
      </header>
      <div className="room-body">
        <section className="room-board" aria-label={follow ? "The board, as the facilitator's view shows it" : 'The part of the board this step is about'}>
          <RoomBoard map={map} workshop={workshop} follow={follow} />
          <button type="button" className="button room-follow" aria-pressed={follow} onClick={() => setFollow(!follow)}>
            Follow facilitator
          </button>
        </section>
        <RoomSide mapId={mapId} map={map} workshop={workshop} />
      </div>
    </main>
  );
}

/** "7 of 9 done" for the current step while the room is open (counts only, never names). */
function DoneCount({ mapId, stepId }: { mapId: string; stepId: string | null }) {
  const status = useRoomStatus(mapId);
  const text = status.open && status.mapId === mapId && status.done.stepId === stepId ? doneText(status.done) : null;
  if (!text) return null;
  return (
    <p className="room-done" data-testid="room-view-done">
      {text}
    </p>
  );
}

/** The right-hand column: how to join while the room is open, and the shown round's results. */
function RoomSide({ mapId, map, workshop }: { mapId: string; map: JourneyMap; workshop: WorkshopState }) {
  const status = useRoomStatus(mapId);
  const url = status.open && status.mapId === mapId ? status.url : null;
  if (!url && !shownRound(map, workshop.current)) return null;
  return (
    <div className="room-side">
      {url && <JoinCard url={url} pin={status.pin} />}
      <VoteResults map={map} workshop={workshop} />
    </div>
  );
}

/** The QR code, the short address and the PIN, big enough to read from the back of the room. */
function JoinCard({ url, pin }: { url: string; pin: string | null }) {
  const address = shortAddress(url);
  return (
    <section className="room-join" aria-labelledby="room-join-title" data-testid="room-join">
      <h2 id="room-join-title">Join from your phone</h2>
      <QrCode text={url} label={`QR code for the room’s address, ${address}`} className="room-join-qr" testId="room-view-qr" />
      <p className="room-join-line">
        <span className="room-join-label">Address</span>
        <span className="room-join-address" data-testid="room-view-address">
          {address}
        </span>
      </p>
      {isPin(pin) && (
        <p className="room-join-line">
          <span className="room-join-label">PIN</span>
          <span className="room-join-pin" data-testid="room-view-pin" data-pin={pin}>
            <span aria-hidden="true">{pinGroups(pin)}</span>
            <span className="visually-hidden">{pinSpoken(pin)}</span>
          </span>
        </p>
      )}
    </section>
  );
}

/** The countdown, big; overtime negative in another colour. Ticks from the stored end time. */
function RoomTimer({ workshop }: { workshop: WorkshopState }) {
  const now = useNow(workshop.timer.running ? 250 : 5_000);
  const step = workshop.current;
  const left = step ? timeLeft(workshop.timer, step, now) : null;
  if (left === null || !step) return null;
  const over = left < 0;
  const state = workshop.timer.running ? (over ? 'overtime' : 'running') : 'paused';
  return (
    <div className="room-timer-box">
      <div
        className={`room-timer ${state}`}
        role="timer"
        aria-label={`Time for ${step.title}: ${clockInWords(left)}${state === 'paused' ? ', paused' : ''}`}
        data-testid="room-timer"
        data-state={state}
      >
        {formatClock(left)}
      </div>
      <p className="room-timer-note" aria-hidden="true">
        {state === 'paused' ? 'Paused' : over ? 'Over time' : `of ${step.minutes} min`}
      </p>
    </div>
  );
}

/** The region to show: the facilitator's view, or the step's focus (its stage, lane, the frame or everything). */
function regionOf(map: JourneyMap, scene: MapScene, workshop: WorkshopState, follow: boolean, viewport: { width: number; height: number }): Rect | null {
  if (follow && map.camera) {
    return { x: map.camera.x, y: map.camera.y, width: viewport.width / map.camera.zoom, height: viewport.height / map.camera.zoom };
  }
  const step = workshop.current;
  const frame = scene.frame;
  let rect: Rect | null = null;
  if (frame && step) {
    const column = step.stageId ? frame.columns.find((c) => c.stageId === step.stageId) : undefined;
    const row = step.laneId ? frame.rows.find((r) => r.laneId === step.laneId) : undefined;
    if (step.focus === 'stage' && column) rect = { x: column.x, y: frame.rect.y, width: column.width, height: frame.rect.height };
    else if (step.focus === 'lane' && row) rect = { x: frame.rect.x, y: row.y, width: frame.rect.width, height: row.height };
    else if (step.focus === 'frame') rect = frame.rect;
  }
  rect ??= sceneBounds(scene);
  if (!rect) return null;
  const cam = fitRect(rect, viewport, { padding: 32, maxZoom: 1.5 });
  return { x: cam.x, y: cam.y, width: viewport.width / cam.zoom, height: viewport.height / cam.zoom };
}

/** The board, read-only: the map drawn as the board draws it (the export painters), for one region. */
function RoomBoard({ map, workshop, follow }: { map: JourneyMap; workshop: WorkshopState; follow: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const scene = useMemo(() => sceneOf(map), [map]);
  // The projector follows the theme like the board does: a dark room view is not a white board in a dark frame.
  const dark = useDark();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const rect = useMemo(
    () => (size.width > 0 && size.height > 0 ? regionOf(map, scene, workshop, follow, size) : null),
    [map, scene, workshop, follow, size],
  );
  useEffect(() => {
    const c = canvas.current;
    if (!c || size.width === 0 || size.height === 0) return;
    const dpr = Math.max(1, window.devicePixelRatio || 1);
    c.width = Math.round(size.width * dpr);
    c.height = Math.round(size.height * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    if (!rect) {
      ctx.clearRect(0, 0, c.width, c.height);
      return;
    }
    drawScene(ctx, scene, { rect, scale: c.width / rect.width, width: c.width, height: c.height, loweredFrom: null }, undefined, dark);
  }, [scene, rect, size, dark]);

  // The notes in view, in words (for screen readers and tests): face-down ones have no text here either.
  const inView = rect
    ? scene.notes.filter((n) => n.x < rect.x + rect.width && n.x + n.width > rect.x && n.y < rect.y + rect.height && n.y + n.height > rect.y).slice(0, 500)
    : [];
  const shown = inView.length;
  const down = inView.filter((n) => !canReadText(n, ROOM)).length;
  return (
    <div ref={host} className="room-canvas-host">
      <canvas
        ref={canvas}
        className="room-canvas"
        data-testid="room-canvas"
        data-face-down={down}
        data-board-theme={dark ? 'dark' : 'light'}
        role="img"
        aria-label={`${map.title}: ${shown} note${shown === 1 ? '' : 's'} in view${down > 0 ? `, ${down} face down until the facilitator reveals them` : ''}.`}
      />
      <ul className="visually-hidden" data-testid="room-notes" aria-label="Notes in view">
        {inView.map((n) => (
          <li key={n.id} data-face-down={canReadText(n, ROOM) ? undefined : ''}>
            {canReadText(n, ROOM) ? n.text : 'A face-down note'}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The shown round's live results: the most voted notes with their counts. */
function VoteResults({ map, workshop }: { map: JourneyMap; workshop: WorkshopState }) {
  const round = shownRound(map, workshop.current);
  if (!round) return null;
  const results = roundResults(map, round.id).slice(0, 10);
  const notes = new Map(map.notes.map((n) => [n.id, n]));
  const top = results[0]?.votes ?? 0;
  return (
    <section className="room-votes" aria-labelledby="room-votes-title" data-testid="room-votes">
      <h2 id="room-votes-title">
        {round.title}
        {round.status === 'closed' && <span className="room-votes-closed"> · closed</span>}
      </h2>
      {results.length === 0 ? (
        <p>No votes yet.</p>
      ) : (
        <ol>
          {results.map((r) => {
            const note = notes.get(r.noteId)!;
            return (
              <li key={r.noteId}>
                <span className="room-vote-text">{canReadText(note, ROOM) ? note.text || '(empty note)' : 'A face-down note'}</span>
                <span className="room-vote-bar" aria-hidden="true" style={{ width: `${Math.max(4, (r.votes / top) * 100)}%` }} />
                <span className="room-vote-count">
                  {r.votes} vote{r.votes === 1 ? '' : 's'}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
