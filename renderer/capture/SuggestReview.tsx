import { useState } from 'react';
import type { JourneyboardApi, StructureSuggestion } from '../../shared/api';
import type { JourneyMap, Lane, NoteKind, Sentiment } from '../../shared/domain';
import { emotionFace } from '../../shared/journey';
import { isSure, SURE_AT } from '../../shared/structure/confidence';
import { api as realApi } from '../api/client';
import { FACE_FILL, FACE_INK, mouthPathData } from '../journey/faces';
import { showError } from '../state/notices';
import { acceptChanges, isFree, kindInLane, type Acceptance } from './placement';
import { saveFirst, showOnBoard, structureOf, useBoardDoc, type ControllerRef } from './useBoard';

/** Below this the kind is shown muted, as a guess (calibrated: shared/structure/confidence.ts). */
export const SURE = SURE_AT.kind;

const KIND_LABEL: Record<NoteKind, string> = {
  action: 'Action',
  touchpoint: 'Touchpoint',
  channel: 'Channel',
  thought: 'Thought',
  emotion: 'Emotion',
  pain_point: 'Pain point',
  opportunity: 'Opportunity',
};

/** A small face for a sentiment, the same drawing as the frame's emotion faces. */
export function SentimentFace({ sentiment }: { sentiment: Sentiment | null }) {
  const face = emotionFace(sentiment ?? 0);
  const level = face.level;
  return (
    <svg
      className="capture-face"
      width="20"
      height="20"
      viewBox="-10 -10 20 20"
      role="img"
      aria-label={`Sentiment: ${face.label.toLowerCase()}`}
    >
      <title>{face.label}</title>
      <circle r="8.6" fill={FACE_FILL[level]} stroke={FACE_INK[level]} strokeWidth="1.4" />
      <circle cx="-2.9" cy="-1.7" r="1" fill={FACE_INK[level]} />
      <circle cx="2.9" cy="-1.7" r="1" fill={FACE_INK[level]} />
      <path
        d={mouthPathData(level, 8.6)}
        fill="none"
        stroke={FACE_INK[level]}
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    </svg>
  );
}

interface Row extends StructureSuggestion {
  /** What the person chose (starts as the suggestion). */
  stage: string | null;
  lane: string | null;
}

/**
 * "Suggest structure": asks the main process where each free note belongs (after saving pending
 * edits) and lists the answers for review. Accept moves one note into its cell; Accept all moves
 * every listed note with a stage and a lane in ONE undo step. Reject drops a row.
 */
export function SuggestReview({
  map,
  controller,
  api = realApi,
}: {
  map: JourneyMap;
  controller: ControllerRef;
  api?: JourneyboardApi;
}) {
  const { c } = useBoardDoc(controller);
  const { stages, lanes } = structureOf(c, map);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);

  const freeCount = c ? c.allNotes().filter((n) => isFree(n) && n.text.trim() !== '').length : 0;
  // Notes deleted or placed since the suggestion was made leave the list.
  const live = (rows ?? []).filter((r) => {
    const n = c?.note(r.noteId);
    return n && isFree(n);
  });
  const ready = live.filter((r) => r.stage && r.lane);

  const suggest = async () => {
    if (!c || busy) return;
    setBusy(true);
    try {
      await saveFirst(c);
      // Suggestions the person changed but has not accepted yet teach the next round, and keep
      // the person's choice.
      const laneById = new Map<string, Lane>(lanes.map((l) => [l.id, l]));
      const changed = live.filter((r) => r.stage !== r.stageId || r.lane !== r.laneId);
      const corrections = changed.map((r) => {
        const kind = r.lane !== r.laneId && r.lane ? kindInLane(laneById.get(r.lane), null) : null;
        return {
          noteId: r.noteId,
          ...(r.stage !== r.stageId && r.stage ? { stageId: r.stage } : {}),
          ...(kind ? { kind } : {}),
        };
      });
      const answer = await api.call(
        'structure.suggest',
        corrections.length ? { mapId: c.mapId, corrections } : { mapId: c.mapId },
      );
      const kept = new Map(changed.map((r) => [r.noteId, r]));
      setRows(
        answer.map((s) => {
          const k = kept.get(s.noteId);
          return { ...s, stage: k ? k.stage : s.stageId, lane: k ? k.lane : s.laneId };
        }),
      );
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const accept = (list: Row[]) => {
    if (!c || list.length === 0) return;
    const laneById = new Map<string, Lane>(lanes.map((l) => [l.id, l]));
    const accepted: Acceptance[] = list.map((r) => ({
      noteId: r.noteId,
      stageId: r.stage!,
      laneId: r.lane!,
      kind: kindInLane(laneById.get(r.lane!), r.kind),
      sentiment: r.sentiment,
    }));
    c.commit(
      list.length === 1 ? 'Accept suggestion' : `Accept ${list.length} suggestions`,
      acceptChanges(accepted, c.frame),
    );
    const done = new Set(list.map((r) => r.noteId));
    setRows((rs) => (rs ?? []).filter((r) => !done.has(r.noteId)));
  };

  const change = (noteId: string, patch: Partial<Pick<Row, 'stage' | 'lane'>>) =>
    setRows((rs) => (rs ?? []).map((r) => (r.noteId === noteId ? { ...r, ...patch } : r)));

  const hasFrame = stages.length > 0 && lanes.length > 0;

  return (
    <div className="capture-suggest">
      <div className="capture-actions">
        {/* Once there are suggestions, accepting them is the next step: Accept all is the filled button then. */}
        <button type="button" className={`button${rows && live.length > 0 ? '' : ' primary'}`} disabled={!c || busy} onClick={() => void suggest()}>
          {busy ? 'Reading notes…' : rows ? 'Suggest again' : 'Suggest structure'}
        </button>
        {rows && live.length > 0 && (
          <button type="button" className="button primary" disabled={ready.length === 0} onClick={() => accept(ready)}>
            Accept all ({ready.length})
          </button>
        )}
      </div>
      {!hasFrame && (
        <p className="capture-note">
          This map has no stages and lanes yet: add them on the board so notes have cells to go to.
        </p>
      )}
      {rows === null ? (
        freeCount === 0 ? (
          <EmptyState
            title="No free notes"
            text="Every note is already in a cell. Capture or import notes into the brainstorm area, then ask for suggestions."
          />
        ) : (
          <p className="capture-hint">
            {freeCount} note{freeCount === 1 ? ' is' : 's are'} in the brainstorm area. Journeyboard reads them (on this
            computer, nothing leaves it) and suggests a stage and lane for each; you review before anything moves.
          </p>
        )
      ) : live.length === 0 ? (
        freeCount === 0 ? (
          <EmptyState
            title="No free notes to place"
            text="Every note is in a cell. Undo on the board puts accepted notes back."
          />
        ) : (
          <EmptyState
            title="All suggestions reviewed"
            text={`${freeCount} note${freeCount === 1 ? ' is' : 's are'} still in the brainstorm area: drag ${freeCount === 1 ? 'it' : 'them'} into a cell, or suggest again.`}
          />
        )
      ) : (
        <ul className="capture-review" aria-label="Suggestions">
          {live.map((r) => {
            const note = c?.note(r.noteId);
            const unsure = r.kindConfidence < SURE;
            // Only the suggested stage, untouched, is a guess; one the person chose is not.
            const stageGuess = r.stage !== null && r.stage === r.stageId && !isSure('stage', r.stageConfidence);
            return (
              <li
                key={r.noteId}
                className={unsure ? 'capture-suggestion unsure' : 'capture-suggestion'}
                data-testid="suggestion"
              >
                <div className="capture-suggestion-head">
                  <SentimentFace sentiment={r.sentiment} />
                  <button
                    type="button"
                    className="capture-note-text"
                    title="Show on board"
                    onClick={() => showOnBoard(c, [r.noteId])}
                  >
                    {note?.text}
                  </button>
                </div>
                <div className="capture-suggestion-where">
                  <select
                    aria-label="Stage"
                    aria-describedby={stageGuess ? `stage-guess-${r.noteId}` : undefined}
                    value={r.stage ?? ''}
                    onChange={(e) => change(r.noteId, { stage: e.target.value || null })}
                  >
                    {!r.stage && <option value="">Choose a stage</option>}
                    {stages.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                  {stageGuess && (
                    <span className="capture-guess" id={`stage-guess-${r.noteId}`}>
                      Stage guessed
                    </span>
                  )}
                  <select
                    aria-label="Lane"
                    value={r.lane ?? ''}
                    onChange={(e) => change(r.noteId, { lane: e.target.value || null })}
                  >
                    {!r.lane && <option value="">Choose a lane</option>}
                    {lanes.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="capture-suggestion-foot">
                  <span className="capture-kind" title={`Confidence ${Math.round(r.kindConfidence * 100)}%`}>
                    {KIND_LABEL[r.kind]}
                    {unsure && <span className="capture-guess"> · a guess</span>}
                  </span>
                  <span className="capture-spacer" />
                  <button
                    type="button"
                    className="button ghost capture-small"
                    onClick={() => setRows((rs) => (rs ?? []).filter((x) => x.noteId !== r.noteId))}
                  >
                    Reject
                  </button>
                  <button
                    type="button"
                    className="button capture-small"
                    disabled={!r.stage || !r.lane}
                    onClick={() => accept([r])}
                  >
                    Accept
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function EmptyState({ title, text }: { title: string; text: string }) {
  return (
    <div className="capture-empty-state" data-testid="capture-empty">
      <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
        <rect x="6" y="9" width="20" height="20" rx="3" fill="#fff3bf" stroke="#e9c46a" />
        <rect x="14" y="14" width="20" height="20" rx="3" fill="#fff9db" stroke="#e9c46a" />
      </svg>
      <h3>{title}</h3>
      <p>{text}</p>
    </div>
  );
}
