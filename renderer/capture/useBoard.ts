import { useEffect, useState } from 'react';
import type { JourneyMap, Lane, Stage } from '../../shared/domain';
import { noteCreate, type BoardNote } from '../../shared/board/history';
import type { BoardController } from '../board/BoardController';
import { placeDrafts, type NoteDraft } from './placement';

/** How the capture screens reach the board: the map screen's controller, once the board is up. */
export type ControllerRef = () => BoardController | null;

/**
 * Re-renders when the board's document changes (notes added, moved, undone). Returns the controller
 * (null until the board has mounted; the hook looks again shortly) and a version to key memos on.
 */
export function useBoardDoc(controller: ControllerRef): { c: BoardController | null; version: number } {
  const [version, setVersion] = useState(0);
  const [c, setC] = useState<BoardController | null>(() => controller());
  useEffect(() => {
    if (c) return;
    const t = setInterval(() => {
      const next = controller();
      if (next) setC(next);
    }, 100);
    return () => clearInterval(t);
  }, [c, controller]);
  useEffect(() => c?.onDocChange(() => setVersion((v) => v + 1)), [c]);
  return { c, version };
}

/** Stages and lanes in display order: the board's (live) or, before it mounts, the map's. */
export function structureOf(c: BoardController | null, map: JourneyMap): { stages: Stage[]; lanes: Lane[] } {
  if (c) return { stages: c.stages.map((s) => ({ ...s, mapId: c.mapId })), lanes: c.lanes.map((l) => ({ ...l, mapId: c.mapId })) };
  return {
    stages: [...map.stages].sort((a, b) => a.position - b.position),
    lanes: [...map.lanes].sort((a, b) => a.position - b.position),
  };
}

/** Creates notes for `drafts` as ONE undo step; returns their ids. */
export function createNotes(
  c: BoardController,
  label: string,
  drafts: readonly NoteDraft[],
  select = false,
): BoardNote[] {
  if (drafts.length === 0) return [];
  const notes = placeDrafts(drafts, {
    frame: c.frame,
    center: c.viewCenter(),
    notes: c.allNotes(),
    newId: () => crypto.randomUUID(),
  });
  c.commit(
    label,
    notes.map(noteCreate),
    select ? notes.map((n) => n.id) : undefined,
  );
  return notes;
}

/** Selects notes and brings them into view. */
export function showOnBoard(c: BoardController | null, ids: readonly string[]): void {
  if (!c) return;
  c.setSelection(ids);
  c.fitSelection();
}

/** Saves every pending edit, so the server answers about what the person sees. */
export async function saveFirst(c: BoardController): Promise<void> {
  await c.saveNow();
}
