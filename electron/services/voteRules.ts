/**
 * The dot-voting rules, run by the record layer (changes.ts) on every create, update and delete of
 * a vote, whatever the path: the votes.* methods, and `changes.apply` (the board's undo, redo and
 * save queue, any API client). The rules themselves are pure (shared/prioritise `voteRefusal`).
 *
 * A closed round is kept as it was: its votes are neither added, changed nor taken back. One
 * exception keeps deletes and their undo whole: in a `changes.apply` batch that also deletes (or
 * creates) a vote's note, round or participant, that vote may be deleted (or created) in a closed
 * round. So deleting a note takes its votes with it even from a closed round, and undoing that
 * brings them back. Budgets, what the round covers, and one dot per note still hold for them.
 */
import { ApiError } from '../../shared/errors';
import { voteRefusal } from '../../shared/prioritise/voting';
import type { Round, Vote } from '../../shared/domain';
import type { Change } from '../../shared/records/index';
import { toRecord, type DbRecord } from '../store/rows';
import type { ServiceContext } from './context';

type VoteValue = Pick<Vote, 'roundId' | 'participantId' | 'noteId' | 'count'>;

export function createVoteRules(ctx: ServiceContext) {
  const { db, repos } = ctx;
  // Only the votes a rule reads (by index, not the whole round): the person's dots in the round, or
  // the note's typed paper count. A batch restoring a 500-vote round stays linear.
  const votesOfPerson = db.prepare<[string, string], DbRecord<'vote'>>('SELECT * FROM votes WHERE round_id = ? AND participant_id = ?');
  const paperOfNote = db.prepare<[string, string], DbRecord<'vote'>>('SELECT * FROM votes WHERE round_id = ? AND participant_id IS NULL AND note_id = ?');
  /** The ids the current changes.apply batch creates and deletes (null outside one). */
  let batch: { created: Set<string>; deleted: Set<string> } | null = null;

  const say = (where: string, message: string) => (where ? `${where}: ${message}` : message);

  function round(id: string): Round {
    return toRecord('round', repos.records.round.get.get(id)!);
  }

  /** Whether the batch creates or deletes the vote's note, round or participant (an undo, a cascade). */
  function withItsRecords(v: VoteValue): boolean {
    if (!batch) return false;
    const ids = [v.roundId, v.noteId, ...(v.participantId ? [v.participantId] : [])];
    return ids.some((id) => batch!.created.has(id) || batch!.deleted.has(id));
  }

  function check(v: VoteValue, except: string | null, where: string, ignoreClosed: boolean) {
    const r = round(v.roundId);
    const note = repos.records.note.get.get(v.noteId)!;
    const rows = v.participantId === null ? paperOfNote.all(v.roundId, v.noteId) : votesOfPerson.all(v.roundId, v.participantId);
    const others = rows.filter((row) => row.id !== except).map((row) => toRecord('vote', row));
    const refusal = voteRefusal(r, note, v, others, { ignoreClosed: ignoreClosed || withItsRecords(v) });
    if (refusal) throw new ApiError(refusal.code, say(where, refusal.message));
  }

  function refuseIfClosed(v: VoteValue, where: string) {
    const r = round(v.roundId);
    if (r.status === 'closed' && !withItsRecords(v)) {
      throw new ApiError('closed', say(where, `The round “${r.title}” is closed: its votes are kept as they were. Reopen it to change them.`));
    }
  }

  return {
    /** Runs `fn` (a changes.apply batch) knowing which ids the batch creates and deletes. */
    inBatch<T>(changes: readonly Change[], fn: () => T): T {
      const created = new Set<string>();
      const deleted = new Set<string>();
      for (const c of changes) (c.op === 'create' ? created : c.op === 'delete' ? deleted : new Set<string>()).add(c.id);
      batch = { created, deleted };
      try {
        return fn();
      } finally {
        batch = null;
      }
    },
    beforeCreate(value: VoteValue, where: string) {
      check(value, null, where, false);
    },
    beforeUpdate(id: string, before: VoteValue, after: VoteValue, where: string) {
      refuseIfClosed(before, where);
      if (after.roundId !== before.roundId) refuseIfClosed(after, where);
      check(after, id, where, true);
    },
    /** A vote taken back on its own (not with its note, round or participant: those cascade freely). */
    beforeDelete(before: VoteValue, where: string) {
      refuseIfClosed(before, where);
    },
  };
}

export type VoteRules = ReturnType<typeof createVoteRules>;
