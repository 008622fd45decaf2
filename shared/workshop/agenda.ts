/**
 * Workshop agendas (issue 13): the data files in resources/workshops/ (the default 8-step
 * journey-mapping method and its variants), the templates a facilitator saves from a map, and the
 * step arithmetic the Workshop panel and the service share. Pure: no I/O.
 *
 * An agenda template names stages by their index in the map and lanes by their kind, so it fits any
 * map: applying it to a map resolves them to that map's stage and lane ids (or null when the map has
 * no such stage or lane).
 */
import { z } from 'zod';
import { LANE_KINDS, STEP_ACTIVITIES, STEP_FOCI, type LaneKind, type Step, type StepActivity, type StepFocus } from '../domain';
import { change, withDefaults, type Change, type RecordValue } from '../records/index';

/** The id of the agenda every new map gets. */
export const DEFAULT_AGENDA_ID = 'journey-mapping';

/** A template's id: lowercase letters, digits and dashes (a saved template's file name). */
export const agendaId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an agenda id is 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit');

export const agendaStepSchema = z.strictObject({
  title: z.string().trim().min(1, 'a step needs a title').max(200, 'a step title is at most 200 characters'),
  minutes: z.number().int('minutes are a whole number').min(1, 'a step lasts at least 1 minute').max(600, 'a step lasts at most 600 minutes'),
  activity: z.enum(STEP_ACTIVITIES),
  instructions: z.string().max(2000, 'instructions are at most 2000 characters').default(''),
  focus: z.enum(STEP_FOCI).default('board'),
  silent: z.boolean().default(false),
  /** The stage the step is about, by its index in the map (0 = the first stage); null for none. */
  stage: z.number().int().min(0).max(99).nullable().default(null),
  /** The lane the step fills, by kind (the map's first lane of that kind); null for none. */
  laneKind: z.enum(LANE_KINDS).nullable().default(null),
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

export const agendaSchema = z.strictObject({
  id: agendaId,
  name: z.string().trim().min(1, 'an agenda needs a name').max(100, 'an agenda name is at most 100 characters'),
  description: z.string().max(300, 'a description is at most 300 characters').default(''),
  /** Sort key in the variant list; lower first. */
  order: z.number().int().default(100),
  steps: z.array(agendaStepSchema).min(1, 'an agenda has at least one step').max(50, 'an agenda has at most 50 steps'),
});
export type Agenda = z.infer<typeof agendaSchema>;

export interface AgendaSummary {
  id: string;
  name: string;
  description: string;
  stepCount: number;
  totalMinutes: number;
  /** 'builtin': shipped in resources/workshops; 'saved': saved by someone from a map. */
  source: 'builtin' | 'saved';
}

export function summariseAgenda(a: Agenda, source: AgendaSummary['source']): AgendaSummary {
  return { id: a.id, name: a.name, description: a.description, stepCount: a.steps.length, totalMinutes: totalMinutes(a.steps), source };
}

/** `workshop.templates`: every agenda with its steps. */
export type WorkshopTemplate = AgendaSummary & { steps: Agenda['steps'] };

export interface WorkshopTimer {
  running: boolean;
  /** When time is up while running (ms since the epoch), else null. */
  endsAt: number | null;
  /** Time left at `now` (negative in overtime); null when no step is current. */
  remainingMs: number | null;
}

/** `workshop.get` (and every timer method's answer): the agenda in order, the current step, the timer, the store's clock. */
export interface WorkshopState {
  steps: Step[];
  currentStepId: string | null;
  timer: WorkshopTimer;
  /** The store's clock when this was read: a client counts down against its own clock, corrected by the difference. */
  now: number;
}

/** What a checked step needs of the map: its stages (by position) and lanes (by position). */
export interface AgendaTarget {
  stages: readonly { id: string; position: number }[];
  lanes: readonly { id: string; position: number; kind: LaneKind }[];
}

/** A step record (as stored or edited) with the fields the agenda reads. */
export interface StepLike {
  id: string;
  title: string;
  minutes: number;
  activity: StepActivity;
  instructions: string;
  focus: StepFocus;
  silent: boolean;
  stageId: string | null;
  laneId: string | null;
  roundId: string | null;
  position: number;
  spentMs?: number;
  startedAt?: number | null;
  endedAt?: number | null;
}

const byPosition = <T extends { position: number; id: string }>(a: T, b: T) => a.position - b.position || a.id.localeCompare(b.id);

/** The steps in agenda order. */
export function orderedSteps<T extends { position: number; id: string }>(steps: readonly T[]): T[] {
  return [...steps].sort(byPosition);
}

export function totalMinutes(steps: readonly { minutes: number }[]): number {
  return steps.reduce((sum, s) => sum + s.minutes, 0);
}

/** The step after `currentId` in agenda order (the first step when none is current), or null after the last. */
export function nextStepOf<T extends { position: number; id: string }>(steps: readonly T[], currentId: string | null): T | null {
  const ordered = orderedSteps(steps);
  if (currentId === null) return ordered[0] ?? null;
  const i = ordered.findIndex((s) => s.id === currentId);
  return i < 0 ? (ordered[0] ?? null) : (ordered[i + 1] ?? null);
}

/** An agenda template's steps as step records for `map`, with their stages and lanes resolved. */
export function stepValuesFor(agenda: Pick<Agenda, 'steps'>, map: AgendaTarget): RecordValue<'step'>[] {
  const stages = orderedSteps(map.stages);
  const lanes = orderedSteps(map.lanes);
  return agenda.steps.map(
    (s, position) =>
      withDefaults('step', {
        title: s.title,
        minutes: s.minutes,
        activity: s.activity,
        instructions: s.instructions,
        focus: s.focus,
        silent: s.silent,
        stageId: s.stage === null ? null : (stages[s.stage]?.id ?? null),
        laneId: s.laneKind === null ? null : (lanes.find((l) => l.kind === s.laneKind)?.id ?? null),
        position,
      }) as RecordValue<'step'>,
  );
}

/** A map's steps as a reusable agenda template (stages by index, lanes by kind; rounds and times are left behind). */
export function agendaFromSteps(steps: readonly StepLike[], map: AgendaTarget, meta: { id: string; name: string; description?: string }): Agenda {
  const stages = orderedSteps(map.stages);
  const lanes = map.lanes;
  return agendaSchema.parse({
    id: meta.id,
    name: meta.name,
    description: meta.description ?? '',
    order: 100,
    steps: orderedSteps(steps).map((s) => {
      const stageIndex = s.stageId === null ? -1 : stages.findIndex((x) => x.id === s.stageId);
      return {
        title: s.title,
        minutes: s.minutes,
        activity: s.activity,
        instructions: s.instructions,
        focus: s.focus,
        silent: s.silent,
        stage: stageIndex < 0 ? null : stageIndex,
        laneKind: s.laneId === null ? null : (lanes.find((l) => l.id === s.laneId)?.kind ?? null),
      };
    }),
  });
}

/** A template name as an id: "Kick-off, short!" -> "kick-off-short". Empty when nothing is left. */
export function agendaIdOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * The changes that replace a map's agenda with `values` (one batch: the old steps deleted, the new
 * created with fresh ids). Undoable like any batch of changes.
 */
export function replaceAgendaChanges(oldSteps: readonly { id: string }[], values: readonly RecordValue<'step'>[], newId: () => string): Change[] {
  return [...oldSteps.map((s) => change.delete('step', s.id)), ...values.map((v) => change.create('step', newId(), v))];
}

/** The position updates that move the step at `from` to `to` (agenda order), as changes; none when nothing moves. */
export function moveStepChanges(steps: readonly { id: string; position: number }[], from: number, to: number): Change[] {
  const ordered = orderedSteps(steps);
  if (from === to || from < 0 || to < 0 || from >= ordered.length || to >= ordered.length) return [];
  const [moved] = ordered.splice(from, 1);
  ordered.splice(to, 0, moved!);
  return renumber(ordered);
}

/** Positions 0..n-1 in the given order, as changes for the steps whose position differs. */
export function renumber(ordered: readonly { id: string; position: number }[]): Change[] {
  return ordered.flatMap((s, i) => (s.position === i ? [] : [change.update('step', s.id, { position: i })]));
}

/** The position a step added at the end takes. */
export function nextPosition(steps: readonly { position: number }[]): number {
  return steps.reduce((max, s) => Math.max(max, s.position + 1), 0);
}

/** A new step's fields, for "Add step". */
export function blankStep(position: number): RecordValue<'step'> {
  return withDefaults('step', { title: 'New step', minutes: 10, activity: 'discussion', position }) as RecordValue<'step'>;
}

/** Human labels. */
export const ACTIVITY_LABELS: Record<StepActivity, string> = {
  brainstorm: 'Brainstorm',
  vote: 'Dot vote',
  emotion: 'Emotion scores',
  matrix: 'Impact/effort matrix',
  roadmap: 'Roadmap',
  discussion: 'Discussion',
  goals: 'Stage goals',
};

export const FOCUS_LABELS: Record<StepFocus, string> = {
  board: 'Whole board',
  frame: 'Journey frame',
  stage: 'Its stage',
  lane: 'Its lane',
  matrix: 'Matrix view',
  roadmap: 'Roadmap view',
};
