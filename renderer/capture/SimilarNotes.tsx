import { useState } from 'react';
import type { JourneyboardApi } from '../../shared/api';
import type { BoardNote } from '../../shared/board/history';
import { api as realApi } from '../api/client';
import { showError } from '../state/notices';
import { mergeChanges } from './placement';
import { EmptyState } from './SuggestReview';
import { saveFirst, showOnBoard, useBoardDoc, type ControllerRef } from './useBoard';

/**
 * "Find similar notes": groups of near-duplicates from the main process. Merge keeps the group's
 * first note with the most informative text (the same rule as notes.merge), every author and every tag, and deletes the others, in ONE undo
 * step. Keep apart hides the group.
 */
export function SimilarNotes({ controller, api = realApi }: { controller: ControllerRef; api?: JourneyboardApi }) {
  const { c } = useBoardDoc(controller);
  const [groups, setGroups] = useState<string[][] | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    if (!c || busy) return;
    setBusy(true);
    try {
      await saveFirst(c);
      setGroups(await api.call('notes.clusters', { mapId: c.mapId }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  // Groups as they are on the board now: deleted notes leave, a group of one is no group.
  const live = (groups ?? [])
    .map((g) => g.map((id) => c?.note(id)).filter((n): n is BoardNote => !!n))
    .filter((g) => g.length > 1);

  const merge = (group: BoardNote[]) => {
    if (!c) return;
    c.commit(`Merge ${group.length} notes`, mergeChanges(group), [group[0]!.id]);
    dismiss(group);
  };
  const dismiss = (group: BoardNote[]) =>
    setGroups((gs) => (gs ?? []).filter((g) => g[0] !== group[0]!.id && !g.includes(group[0]!.id)));

  return (
    <div className="capture-similar">
      <div className="capture-actions">
        <button type="button" className="button primary" disabled={!c || busy} onClick={() => void find()}>
          {busy ? 'Comparing notes…' : groups ? 'Look again' : 'Find similar notes'}
        </button>
      </div>
      {groups === null ? (
        <p className="capture-hint">
          Finds notes that say nearly the same thing, so the room can merge duplicates before voting.
        </p>
      ) : live.length === 0 ? (
        <EmptyState title="No similar notes" text="No two notes say nearly the same thing." />
      ) : (
        <ul className="capture-groups" aria-label="Similar notes">
          {live.map((g) => (
            <li key={g[0]!.id} className="capture-group" data-testid="similar-group">
              <ol>
                {g.map((n) => (
                  <li key={n.id}>
                    <button
                      type="button"
                      className="capture-note-text"
                      title="Show on board"
                      onClick={() => showOnBoard(c, [n.id])}
                    >
                      {n.text}
                    </button>
                    {n.author && <span className="capture-muted">{n.author}</span>}
                  </li>
                ))}
              </ol>
              <MergePreview group={g} />
              <div className="capture-suggestion-foot">
                <button
                  type="button"
                  className="capture-link"
                  onClick={() =>
                    showOnBoard(
                      c,
                      g.map((n) => n.id),
                    )
                  }
                >
                  Show all
                </button>
                <span className="capture-spacer" />
                <button type="button" className="button ghost capture-small" onClick={() => dismiss(g)}>
                  Keep apart
                </button>
                <button type="button" className="button capture-small" onClick={() => merge(g)}>
                  Merge {g.length}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What Merge would leave: the kept text and the authors. */
function MergePreview({ group }: { group: BoardNote[] }) {
  const [keep] = mergeChanges(group);
  if (keep?.op !== 'update') return null;
  return (
    <p className="capture-merge-preview">
      Merged note: “{keep.patch.text}”{keep.patch.author ? ` · ${keep.patch.author}` : ''}
    </p>
  );
}
