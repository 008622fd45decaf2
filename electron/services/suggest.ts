import type { StructureSuggestion } from '../../shared/api';
import { NOTE_KIND_OF_LANE, type NoteKind, type Sentiment } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { classifyNotes, clusterNotes, mergeNoteFields, warmUpSteps, type CaptureTarget } from '../../shared/structure/index';
import { fromNote, toLane, toNote, toStage } from '../store/rows';
import { requireMap, type ServiceContext } from './context';

/** A running warm-up: `done` resolves true when every step ran, false when stopped first. */
export interface WarmUp {
  done: Promise<boolean>;
  stop(): void;
}

/** Whether this process's classifier is warm (or warming): one warm-up per process is enough. */
let warming: WarmUp | null = null;
let warm = false;

/**
 * Warms the suggestion classifier up in idle time (shared/structure/warmUp.ts): one small step per
 * turn of the event loop, each after whatever is already waiting (setImmediate), so a request that
 * arrives meanwhile waits at most for the step already running (the longest is loading the word
 * model, which that request would need anyway). The app and web mode start it when they open the
 * store, so that the facilitator's first Suggest on a big board does not run cold code. Once per
 * process; a second call returns the running (or finished) warm-up.
 */
export function startWarmUp(): WarmUp {
  if (warm) return { done: Promise.resolve(true), stop: () => {} };
  if (warming) return warming;
  const steps = warmUpSteps();
  let timer: NodeJS.Immediate | null = null;
  let finish: (ran: boolean) => void = () => {};
  const done = new Promise<boolean>((resolve) => (finish = resolve));
  let ended = false;
  const end = (ran: boolean) => {
    if (ended) return;
    ended = true;
    if (timer) clearImmediate(timer);
    timer = null;
    warming = null;
    warm = ran;
    finish(ran);
  };
  let i = 0;
  const next = () => {
    timer = null;
    try {
      steps[i++]!();
    } catch (err) {
      // A failed warm-up costs only speed: the first Suggest does the same work, and reports any error.
      console.error(`Journeyboard: the suggestion warm-up stopped: ${(err as Error).message}`);
      end(false);
      return;
    }
    if (i < steps.length) timer = setImmediate(next).unref();
    else end(true);
  };
  timer = setImmediate(next).unref();
  warming = { done, stop: () => end(false) };
  return warming;
}

/** Structure suggestions for free notes, and near-duplicate clusters, computed offline. */
export function createSuggestService(ctx: ServiceContext) {
  const { repos } = ctx;
  // Only the columns these methods read, in the notes' own order (the records' `created_at, id`):
  // on a 5,000-note map, every column turned into a note record took 5-10x longer than the
  // classifier's warm work (issue 17's speed goals).
  const notesOf = ctx.db.prepare<
    [string],
    { id: string; text: string; stageId: string | null; laneId: string | null; x: number; y: number }
  >(
    'SELECT id, text, stage_id AS stageId, lane_id AS laneId, x, y FROM notes WHERE map_id = ? ORDER BY created_at, id',
  );
  const textsOf = ctx.db.prepare<[string], { id: string; text: string }>(
    'SELECT id, text FROM notes WHERE map_id = ? ORDER BY created_at, id',
  );

  return {
    'structure.suggest': ({
      mapId,
      noteIds,
      corrections = [],
    }: {
      mapId: string;
      noteIds?: string[];
      corrections?: { noteId: string; stageId?: string | null; kind?: NoteKind }[];
    }): StructureSuggestion[] => {
      requireMap(ctx, mapId);
      const stages = repos.stagesOf.all(mapId).map(toStage);
      const lanes = repos.lanesOf.all(mapId).map(toLane);
      const notes = notesOf.all(mapId);
      const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
      const inCell = (n: (typeof notes)[number]) => n.stageId !== null && n.laneId !== null;
      let targets = notes.filter((n) => !inCell(n) && n.text.trim() !== '');
      if (noteIds) {
        const wanted = new Set(noteIds);
        for (const id of wanted) {
          if (!notes.some((n) => n.id === id)) throw new ApiError('not_found', `noteIds: no note "${id}" in this map.`);
        }
        targets = targets.filter((n) => wanted.has(n.id));
      }
      // Read the brainstorm area as a wall: left to right, then top to bottom, so that notes
      // grouped by stage along the wall give the classifier their order as evidence.
      targets.sort((a, b) => a.x - b.x || a.y - b.y);
      const placed = notes
        .filter((n) => inCell(n) && stageIndex.has(n.stageId!))
        .map((n) => ({ text: n.text, stageIndex: stageIndex.get(n.stageId!)! }));
      // What the person corrected in the review (not placed yet) is evidence for the other notes,
      // and the corrected note keeps the correction.
      // Only when there are corrections: a 5,000-note map would build 5,000 pairs for nothing.
      const byId =
        corrections.length > 0 ? new Map(notes.map((n) => [n.id, n])) : new Map<string, (typeof notes)[number]>();
      const corrected = new Map<string, { text: string; stageIndex?: number; kind?: NoteKind }>();
      corrections.forEach((c, i) => {
        const n = byId.get(c.noteId);
        if (!n) throw new ApiError('not_found', `corrections[${i}].noteId: no note "${c.noteId}" in this map.`);
        if (c.stageId && !stageIndex.has(c.stageId))
          throw new ApiError('not_found', `corrections[${i}].stageId: no stage "${c.stageId}" in this map.`);
        corrected.set(c.noteId, {
          text: n.text,
          ...(c.stageId ? { stageIndex: stageIndex.get(c.stageId)! } : {}),
          ...(c.kind ? { kind: c.kind } : {}),
        });
      });
      // A free note that already has a stage but no lane (or a lane but no stage) came from a
      // capture step aimed there (a phone in a stage step, a brainstorm into a lane): a prior.
      const laneKindOf = new Map(lanes.map((l) => [l.id, NOTE_KIND_OF_LANE[l.kind]]));
      const targetOf = (n: (typeof notes)[number]): CaptureTarget | undefined => {
        const target: CaptureTarget = {};
        const stage = n.stageId !== null ? stageIndex.get(n.stageId) : undefined;
        const kind = n.laneId !== null ? laneKindOf.get(n.laneId) : undefined;
        if (stage !== undefined) target.stageIndex = stage;
        if (kind && kind !== 'channel') target.kind = kind;
        return Object.keys(target).length ? target : undefined;
      };
      const results = classifyNotes(
        targets.map((n) => {
          const target = targetOf(n);
          return target ? { text: n.text, target } : { text: n.text };
        }),
        {
          stages: stages.map((s) => ({ name: s.name, description: s.description })),
          placed,
          corrected: [...corrected.values()],
        },
      );
      const laneForKind = (kind: NoteKind) => lanes.find((l) => NOTE_KIND_OF_LANE[l.kind] === kind)?.id ?? null;
      return targets.map((n, i) => {
        const fix = corrected.get(n.id);
        const r = {
          ...results[i]!,
          ...(fix?.kind ? { kind: fix.kind, kindConfidence: 1 } : {}),
          ...(fix?.stageIndex !== undefined ? { stageIndex: fix.stageIndex, stageConfidence: 1 } : {}),
        };
        return {
          noteId: n.id,
          kind: r.kind,
          kindConfidence: r.kindConfidence,
          stageId: stages[r.stageIndex]?.id ?? null,
          stageConfidence: r.stageConfidence,
          laneId: laneForKind(r.kind),
          sentiment: r.sentiment as Sentiment,
        };
      });
    },

    'notes.clusters': ({ mapId }: { mapId: string }): string[][] => {
      requireMap(ctx, mapId);
      const notes = textsOf.all(mapId).filter((n) => n.text.trim() !== '');
      return clusterNotes(notes).filter((c) => c.length > 1);
    },

    /**
     * Merges near-duplicates into the first note: the most informative text (or the one given),
     * every author, every channel and persona tag. The other notes are deleted.
     */
    'notes.merge': ({ mapId, ids, text }: { mapId: string; ids: string[]; text?: string }) => {
      requireMap(ctx, mapId);
      const rows = ids.map((id, i) => {
        const row = repos.getNote.get(id);
        if (!row || row.map_id !== mapId) throw new ApiError('not_found', `ids[${i}]: no note "${id}" in this map.`);
        return toNote(row);
      });
      if (new Set(ids).size !== ids.length) throw new ApiError('invalid_input', 'ids: a note appears twice.');
      const [keep, ...rest] = rows as [ReturnType<typeof toNote>, ...ReturnType<typeof toNote>[]];
      const merged = { ...keep, ...mergeNoteFields(rows, text), updatedAt: ctx.now() };
      repos.updateNote.run(fromNote(merged));
      for (const n of rest) repos.deleteNote.run(n.id);
      repos.touchMap.run(ctx.now(), mapId);
      return { note: merged, deleted: rest.map((n) => n.id) };
    },
  };
}
