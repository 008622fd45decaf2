import { describe, expect, test } from 'vitest';
import { BoardDocument } from '../../../renderer/board/document';
import type { JourneyMap } from '../../../shared/domain';
import { cascadeDeletes, type Change } from '../../../shared/records/index';
import { journeyMap } from '../board/mapFixture';

/** The fixture map with two participants, a closed round with votes, a link and a metric. */
function votedMap(): JourneyMap {
  const base = journeyMap();
  const m = base.id;
  return {
    ...base,
    participants: [
      { id: 'ana', mapId: m, name: 'Ana', color: 'blue', position: 0 },
      { id: 'bo', mapId: m, name: 'Bo', color: 'green', position: 1 },
    ],
    rounds: [{ id: 'r1', mapId: m, title: 'Pains', target: 'any', dots: 3, multiple: true, anonymous: false, status: 'closed', openedAt: 1, closedAt: 2, position: 0 }],
    votes: [
      { id: 'v1', mapId: m, roundId: 'r1', participantId: 'ana', noteId: 'b', count: 1 },
      { id: 'v2', mapId: m, roundId: 'r1', participantId: 'bo', noteId: 'b', count: 1 },
      { id: 'v3', mapId: m, roundId: 'r1', participantId: 'bo', noteId: 'a', count: 1 },
      { id: 'v4', mapId: m, roundId: 'r1', participantId: null, noteId: 'a', count: 5 },
    ],
    metrics: [{ id: 'm1', mapId: m, stageId: 's2', kind: 'nps', value: 10, target: 40, source: '', date: null }],
    notes: base.notes.map((n) => (n.id === 'free' ? { ...n, kind: 'opportunity', linkedNoteIds: ['b', 'a'] } : n)),
  } as JourneyMap;
}

const votesOf = (doc: BoardDocument) => [...doc.records.vote.keys()].sort();

describe('deleting a record takes what goes with it, in the board document, as one undo step', () => {
  test('a note: its votes go and links to it let go; undo brings both back; the saved changes delete votes before the note', () => {
    const doc = new BoardDocument(votedMap());
    const saved: Change[][] = [];
    doc.onChange((e) => e.save && saved.push([...e.changes]));
    const step = doc.commit('Delete', [{ type: 'note', op: 'delete', id: 'b' }])!;
    expect(votesOf(doc)).toEqual(['v3', 'v4']);
    expect(doc.note('free')!.linkedNoteIds).toEqual(['a']);
    expect(step.redo.map((c) => `${c.op} ${c.type} ${c.id}`)).toEqual(['update note free', 'delete vote v2', 'delete vote v1', 'delete note b']);
    expect(saved).toEqual([step.redo]);
    doc.undo();
    expect(votesOf(doc)).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(doc.note('free')!.linkedNoteIds).toEqual(['b', 'a']);
    expect(doc.get('vote', 'v1')).toEqual({ id: 'v1', roundId: 'r1', participantId: 'ana', noteId: 'b', count: 1 });
    doc.redo();
    expect(votesOf(doc)).toEqual(['v3', 'v4']);
  });

  test('a participant takes their votes (paper counts stay); a round takes all of its votes; a stage takes its metrics', () => {
    const doc = new BoardDocument(votedMap());
    doc.commit('Remove Bo', [{ type: 'participant', op: 'delete', id: 'bo' }]);
    expect(votesOf(doc)).toEqual(['v1', 'v4']);
    doc.undo();
    doc.commit('Delete round', [{ type: 'round', op: 'delete', id: 'r1' }]);
    expect(votesOf(doc)).toEqual([]);
    doc.undo();
    expect(votesOf(doc)).toEqual(['v1', 'v2', 'v3', 'v4']);
    doc.commit('Delete stage', doc.deleteStage('s2'));
    expect(doc.records.metric.size).toBe(0);
    doc.undo();
    expect(doc.get('metric', 'm1')).toMatchObject({ stageId: 's2', kind: 'nps' });
  });

  test('cascadeDeletes leaves a batch alone when nothing points at what it deletes, and never deletes twice', () => {
    const doc = new BoardDocument(votedMap());
    const plain: Change[] = [{ type: 'note', op: 'update', id: 'a', patch: { x: 1 } }];
    expect(cascadeDeletes(doc.records, plain)).toBe(plain);
    const explicit: Change[] = [
      { type: 'vote', op: 'delete', id: 'v1' },
      { type: 'note', op: 'delete', id: 'b' },
    ];
    const out = cascadeDeletes(doc.records, explicit);
    expect(out.filter((c) => c.id === 'v1')).toHaveLength(1);
    expect(out.map((c) => c.id)).toEqual(['v1', 'free', 'v2', 'b']);
  });
});
