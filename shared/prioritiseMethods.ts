/**
 * The API methods of issue 12 (participants, dot-voting rounds, votes, metrics, insights): their
 * input schemas and result types, spread into `methods` in api.ts (one contract). Documented in
 * docs/API.md, "Prioritise".
 */
import { z } from 'zod';
import type { Metric, Participant, Round, Vote } from './domain';
import type { CompareRow, Insights, RoundResult } from './prioritise/index';
import { id } from './records/fields';
import { metricRecord, participantRecord, roundRecord } from './records/records';

function method<R>() {
  return <I extends z.ZodType>(input: I): { input: I; result?: R } => ({ input });
}

const p = participantRecord.value.shape;
const r = roundRecord.value.shape;
const m = metricRecord.value.shape;
const voteKey = { roundId: id, participantId: id, noteId: id };

export const prioritiseMethods = {
  /** A participant of the map; the next colour when none is given. Notes whose author is this name get its participantId. */
  'participants.create': method<Participant & { claimedNotes: number }>()(
    z.strictObject({ mapId: id, name: p.name, color: p.color.optional() }),
  ),
  'participants.update': method<Participant>()(
    z.strictObject({ id, name: p.name.optional(), color: p.color.optional(), position: p.position.optional() }),
  ),
  /** Deletes a participant with their votes; their notes keep their author text and lose the participantId. */
  'participants.delete': method<{ id: string; votesDeleted: number }>()(z.strictObject({ id })),
  /** Notes whose free-text author matches the participant's name (case and spacing aside) and have no participant get this one. */
  'participants.claimNotes': method<{ noteIds: string[] }>()(z.strictObject({ id })),

  'rounds.create': method<Round>()(
    z.strictObject({
      mapId: id,
      title: r.title,
      target: r.target,
      dots: r.dots.optional(),
      anonymous: r.anonymous.optional(),
      multiple: r.multiple.optional(),
    }),
  ),
  'rounds.update': method<Round>()(
    z.strictObject({ id, title: r.title.optional(), dots: r.dots.optional(), multiple: r.multiple.optional(), anonymous: r.anonymous.optional() }),
  ),
  'rounds.close': method<Round>()(z.strictObject({ id })),
  'rounds.reopen': method<Round>()(z.strictObject({ id })),
  'rounds.delete': method<{ id: string; votesDeleted: number }>()(z.strictObject({ id })),
  'rounds.results': method<RoundResult[]>()(z.strictObject({ id })),
  'rounds.compare': method<CompareRow[]>()(z.strictObject({ beforeId: id, afterId: id })),

  'votes.cast': method<Vote>()(z.strictObject(voteKey)),
  'votes.retract': method<{ id: string }>()(z.strictObject(voteKey)),
  /** A note's typed paper count in a round (dots on a wall): 0 removes it. */
  'votes.setCount': method<{ roundId: string; noteId: string; count: number }>()(
    z.strictObject({ roundId: id, noteId: id, count: z.number().int('a count is a whole number').min(0, 'a count is 0 or more').max(10_000, 'a count is at most 10,000') }),
  ),

  /** Sets the metric of a kind for a stage (or, stageId null or left out, the whole map): creates it or changes it. */
  'metrics.set': method<Metric>()(
    z.strictObject({
      mapId: id,
      stageId: id.nullable().optional(),
      kind: m.kind,
      value: m.value.optional(),
      target: m.target.optional(),
      source: m.source.optional(),
      date: m.date.optional(),
    }),
  ),
  'metrics.delete': method<{ id: string }>()(z.strictObject({ id })),

  /** The insights panel's figures (shared/prioritise `insights`), each line with its note ids. */
  'prioritise.insights': method<Insights>()(z.strictObject({ mapId: id, roundId: id.nullable().optional(), top: z.number().int().min(1).max(100).optional() })),
} as const;

/** The methods that only read. */
export const PRIORITISE_READ_ONLY = ['rounds.results', 'rounds.compare', 'prioritise.insights'] as const;
