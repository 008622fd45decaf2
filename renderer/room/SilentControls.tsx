/**
 * The facilitator's side of a silent brainstorm (issue 13), in the map bar: follows the workshop
 * state live (the current step, from the store), tells the board to make new notes face down
 * while a silent brainstorm step is current, and offers Reveal while any note is face down.
 * Reveal turns the board's face-down notes up as one undo step (saved through changes.apply like
 * any edit), then asks workshop.reveal for any the board has not got (notes from phones).
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import { isMethodName, type JourneyboardApi } from '../../shared/api';
import { FACILITATOR, newNotesFaceDown } from '../../shared/workshop/visibility';
import { api as defaultApi } from '../api/client';
import type { BoardController } from '../board/BoardController';
import { setNoteViewer } from '../board/drawNotes';
import { showError } from '../state/notices';
import { workshopOf } from './liveMap';
import './room.css';

type Call = (method: string, input: unknown) => Promise<unknown>;

interface StepsState {
  currentStepId: string | null;
  steps: { id: string; activity: string; silent?: boolean; title?: string }[];
}

/** The workshop's current step and agenda: workshop.get, or (before it exists) read from maps.get. */
async function readSteps(api: JourneyboardApi, mapId: string): Promise<StepsState> {
  // Asked only when the contract has it, so no refused call is ever made (or logged by the browser).
  if (isMethodName('workshop.get')) {
    const w = (await (api.call as unknown as Call)('workshop.get', { mapId })) as StepsState;
    return { currentStepId: w.currentStepId ?? null, steps: Array.isArray(w.steps) ? w.steps : [] };
  }
  const w = workshopOf(await api.call('maps.get', { id: mapId }));
  return { currentStepId: w.current?.id ?? null, steps: w.steps };
}

export function SilentControls({ mapId, board, api = defaultApi }: { mapId: string; board: () => BoardController | null; api?: JourneyboardApi }) {
  // This window is the facilitator's: their own face-down notes show, participants' do not.
  useLayoutEffect(() => setNoteViewer(FACILITATOR), []);
  const [steps, setSteps] = useState<StepsState | null>(null);
  const [faceDown, setFaceDown] = useState(0);
  const [controller, setController] = useState<BoardController | null>(null);

  // The board mounts after the map bar: pick its controller up when it is there.
  useEffect(() => {
    if (controller) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      const c = board();
      if (c || ++tries > 100) window.clearInterval(timer);
      if (c) setController(c);
    }, 50);
    return () => window.clearInterval(timer);
  }, [board, controller]);

  // The workshop state, now and after every change to this map (debounced: autosaves come in runs).
  useEffect(() => {
    let alive = true;
    let timer: number | null = null;
    const read = () => {
      readSteps(api, mapId).then(
        (s) => alive && setSteps(s),
        () => {
          // Not readable now (a map being deleted, say): keep what we had; the next change reads again.
        },
      );
    };
    read();
    const stop = api.subscribe?.(mapId, () => {
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(read, 60);
    });
    return () => {
      alive = false;
      if (timer !== null) window.clearTimeout(timer);
      stop?.();
    };
  }, [api, mapId]);

  const silent = steps ? newNotesFaceDown(steps.currentStepId, steps.steps) : false;

  useEffect(() => {
    controller?.setNewNotesFaceDown(silent);
  }, [controller, silent]);

  useEffect(() => {
    if (!controller) return;
    const count = () => setFaceDown(controller.faceDownCount());
    count();
    return controller.onDocChange(count);
  }, [controller]);

  const reveal = async () => {
    try {
      controller?.revealFaceDown();
      await controller?.saveNow();
      if (isMethodName('workshop.reveal')) await (api.call as unknown as Call)('workshop.reveal', { mapId });
    } catch (err) {
      showError(err);
    }
  };

  if (!silent && faceDown === 0) return null;
  return (
    <span className="map-silent" data-testid="silent-controls">
      {silent && (
        <span className="map-silent-chip" id="map-silent-chip" title="A silent brainstorm step is running: new notes are made face down until you reveal them.">
          Silent
        </span>
      )}
      <button
        type="button"
        className="button ghost"
        data-testid="reveal"
        disabled={faceDown === 0}
        aria-describedby={silent ? 'map-silent-chip' : undefined}
        title="Turn every face-down note face up, for everyone (one undo step)"
        onClick={() => void reveal()}
      >
        Reveal{faceDown > 0 ? ` (${faceDown})` : ''}
      </button>
    </span>
  );
}
