/**
 * Prioritise (issue 12): participants, dot-voting rounds, votes, metrics and the insights, on the
 * record layer (changes.ts), so the vote rules (voteRules.ts) hold here exactly as they do for
 * `changes.apply`. Each method is one transaction (the dispatcher's).
 */
import { NOTE_COLORS, type Metric, type Participant, type Round, type Vote } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { compareRounds, insights, tally } from '../../shared/prioritise/index';
import { withDefaults, type RecordValue } from '../../shared/records/index';
import type { MethodInput } from '../../shared/api';
import { readMap, toRecord, type DbRecord } from '../store/rows';
import type { RecordStore } from './changes';
import { requireMap, type ServiceContext } from './context';

/** "  ana  Lopez" and "Ana lopez" are the same person's name. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return norm(a) === norm(b);
}

export function createPrioritiseService(ctx: ServiceContext, records: RecordStore) {
  const { db, repos } = ctx;
  const participantsOf = repos.records.participant.ofMap;
  const roundsOf = repos.records.round.ofMap;
  const votesOfRound = db.prepare<[string], DbRecord<'vote'>>('SELECT * FROM votes WHERE round_id = ? ORDER BY id');
  const unclaimedNotes = db.prepare<[string], { id: string; author: string }>(
    'SELECT id, author FROM notes WHERE map_id = ? AND participant_id IS NULL AND author IS NOT NULL',
  );
  const metricOf = db.prepare<[string, string, string | null], DbRecord<'metric'>>(
    'SELECT * FROM metrics WHERE map_id = ? AND kind = ? AND stage_id IS ?',
  );

  function requireOf<T extends 'participant' | 'round' | 'vote' | 'metric'>(type: T, id: string, what: string): DbRecord<T> & { map_id: string } {
    const row = repos.records[type].get.get(id) as (DbRecord<T> & { map_id: string }) | undefined;
    if (!row) throw new ApiError('not_found', `No ${what} with id "${id}". It may have been deleted.`);
    return row;
  }
  const touch = (mapId: string) => repos.touchMap.run(ctx.now(), mapId);

  /** Gives the participant the notes whose author text is their name and that have no participant yet. */
  function claimNotes(participant: Participant): string[] {
    const ids = unclaimedNotes
      .all(participant.mapId)
      .filter((n) => sameName(n.author, participant.name))
      .map((n) => n.id);
    for (const id of ids) records.update('note', participant.mapId, id, { participantId: participant.id }, 'note');
    return ids;
  }

  /** Renumbers positions 0..n-1 in the order they are listed (after a delete). */
  function renumber(type: 'participant' | 'round', mapId: string) {
    const rows = (type === 'participant' ? participantsOf : roundsOf).all(mapId) as { id: string; position: number }[];
    rows.forEach((row, position) => {
      if (row.position !== position) records.update(type, mapId, row.id, { position }, type);
    });
  }

  function setRoundStatus(id: string, status: Round['status']): Round {
    const row = requireOf('round', id, 'round');
    const round = toRecord('round', row);
    if (round.status === status) return round;
    const next = records.update('round', row.map_id, id, { status, closedAt: status === 'closed' ? ctx.now() : null }, 'round');
    touch(row.map_id);
    return next;
  }

  return {
    'participants.create': ({ mapId, name, color }: MethodInput<'participants.create'>) => {
      requireMap(ctx, mapId);
      const count = participantsOf.all(mapId).length;
      const value = { name, color: color ?? NOTE_COLORS[count % NOTE_COLORS.length]!, position: count };
      const participant = records.create('participant', mapId, ctx.newId(), value, 'participant');
      const claimed = claimNotes(participant);
      touch(mapId);
      return { ...participant, claimedNotes: claimed.length };
    },

    'participants.update': ({ id, ...patch }: MethodInput<'participants.update'>) => {
      const row = requireOf('participant', id, 'participant');
      const next = records.update('participant', row.map_id, id, patch, 'participant');
      touch(row.map_id);
      return next;
    },

    'participants.delete': ({ id }: MethodInput<'participants.delete'>) => {
      const row = requireOf('participant', id, 'participant');
      const { cascaded } = records.remove('participant', row.map_id, id, 'participant');
      renumber('participant', row.map_id);
      touch(row.map_id);
      return { id, votesDeleted: cascaded };
    },

    'participants.claimNotes': ({ id }: MethodInput<'participants.claimNotes'>) => {
      const row = requireOf('participant', id, 'participant');
      const noteIds = claimNotes(toRecord('participant', row));
      if (noteIds.length > 0) touch(row.map_id);
      return { noteIds };
    },

    'rounds.create': ({ mapId, ...fields }: MethodInput<'rounds.create'>) => {
      requireMap(ctx, mapId);
      const value = withDefaults('round', { ...fields, status: 'open', openedAt: ctx.now(), closedAt: null, position: roundsOf.all(mapId).length }) as RecordValue<'round'>;
      const round = records.create('round', mapId, ctx.newId(), value, 'round');
      touch(mapId);
      return round;
    },

    'rounds.update': ({ id, ...patch }: MethodInput<'rounds.update'>) => {
      const row = requireOf('round', id, 'round');
      const next = records.update('round', row.map_id, id, patch, 'round');
      touch(row.map_id);
      return next;
    },

    'rounds.close': ({ id }: MethodInput<'rounds.close'>) => setRoundStatus(id, 'closed'),

    'rounds.reopen': ({ id }: MethodInput<'rounds.reopen'>) => setRoundStatus(id, 'open'),

    'rounds.delete': ({ id }: MethodInput<'rounds.delete'>) => {
      const row = requireOf('round', id, 'round');
      const { cascaded } = records.remove('round', row.map_id, id, 'round');
      renumber('round', row.map_id);
      touch(row.map_id);
      return { id, votesDeleted: cascaded };
    },

    'rounds.results': ({ id }: MethodInput<'rounds.results'>) => {
      requireOf('round', id, 'round');
      return tally(id, votesOfRound.all(id).map((v) => toRecord('vote', v)));
    },

    'rounds.compare': ({ beforeId, afterId }: MethodInput<'rounds.compare'>) => {
      const before = requireOf('round', beforeId, 'round');
      const after = requireOf('round', afterId, 'round');
      if (before.map_id !== after.map_id) throw new ApiError('invalid_input', 'afterId: the two rounds are on different maps. Compare two rounds of one map.');
      const votes = [...votesOfRound.all(beforeId), ...votesOfRound.all(afterId)].map((v) => toRecord('vote', v));
      return compareRounds(beforeId, afterId, votes);
    },

    'votes.cast': ({ roundId, participantId, noteId }: MethodInput<'votes.cast'>): Vote => {
      const round = requireOf('round', roundId, 'round');
      const participant = requireOf('participant', participantId, 'participant');
      if (participant.map_id !== round.map_id) throw new ApiError('not_found', `participantId: no participant "${participantId}" on this round's map.`);
      const vote = records.create('vote', round.map_id, ctx.newId(), { roundId, participantId, noteId, count: 1 }, '');
      touch(round.map_id);
      return vote;
    },

    'votes.retract': ({ roundId, participantId, noteId }: MethodInput<'votes.retract'>) => {
      const round = requireOf('round', roundId, 'round');
      // The newest of the person's dots on the note.
      const mine = votesOfRound.all(roundId).filter((v) => v.participant_id === participantId && v.note_id === noteId);
      const last = mine[mine.length - 1];
      if (!last) throw new ApiError('not_found', `This person has no dot on that note in “${round.title}”: there is nothing to take back.`);
      records.remove('vote', round.map_id, last.id, '');
      touch(round.map_id);
      return { id: last.id };
    },

    'votes.setCount': ({ roundId, noteId, count }: MethodInput<'votes.setCount'>) => {
      const round = requireOf('round', roundId, 'round');
      const paper = votesOfRound.all(roundId).filter((v) => v.participant_id === null && v.note_id === noteId);
      const current = paper[0];
      if (!current && count > 0) records.create('vote', round.map_id, ctx.newId(), { roundId, participantId: null, noteId, count }, '');
      else if (current && count > 0) records.update('vote', round.map_id, current.id, { count }, '');
      else if (current) records.remove('vote', round.map_id, current.id, '');
      else if (round.status === 'closed') throw new ApiError('closed', `The round “${round.title}” is closed: its votes are kept as they were. Reopen it to change them.`);
      touch(round.map_id);
      return { roundId, noteId, count };
    },

    'metrics.set': ({ mapId, stageId = null, kind, ...fields }: MethodInput<'metrics.set'>): Metric => {
      requireMap(ctx, mapId);
      const existing = metricOf.get(mapId, kind, stageId);
      const metric = existing
        ? records.update('metric', mapId, existing.id, fields, 'metric')
        : records.create('metric', mapId, ctx.newId(), withDefaults('metric', { ...fields, stageId, kind }) as RecordValue<'metric'>, 'metric');
      touch(mapId);
      return metric;
    },

    'metrics.delete': ({ id }: MethodInput<'metrics.delete'>) => {
      const row = requireOf('metric', id, 'metric');
      records.remove('metric', row.map_id, id, 'metric');
      touch(row.map_id);
      return { id };
    },

    'prioritise.insights': ({ mapId, roundId, top }: MethodInput<'prioritise.insights'>) => {
      requireMap(ctx, mapId);
      return insights(readMap(repos, mapId)!, { roundId: roundId ?? null, ...(top ? { top } : {}) });
    },

  };
}
