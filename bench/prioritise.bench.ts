// `npm run bench -- prioritise`: the speed of issue 12's pure logic (shared/prioritise) on big maps.
// - prioritise.tally: one round's results, 50 participants x 10 dots over 5,000 notes (500 votes);
// - prioritise.insights: the insights of a 5,000-note map (12 stages, pains with severity, scored
//   and phased opportunities, that round's votes).
// Each figure is the median of 30 runs after 5 warm-ups, in milliseconds (goal: under 50 ms each).
// One JSON line per figure on stdout.
import { performance } from 'node:perf_hooks';
import type { JourneyMap, Note, Round, Stage, Vote } from '../shared/domain';
import { insights, tally, voteRefusal } from '../shared/prioritise/index';
import { withDefaults } from '../shared/records/index';
import { rng } from './lib/data';

const NOTES = 5000;
const PARTICIPANTS = 50;
const DOTS = 10;
const STAGES = 12;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown): number {
  for (let i = 0; i < 5; i++) fn();
  const runs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

function emit(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit, ...extra }));
}

const random = rng(12);
const mapId = 'bench';
const stages: Stage[] = Array.from({ length: STAGES }, (_, i) => ({ id: `s${i}`, mapId, name: `Stage ${i + 1}`, description: '', position: i, emotion: null }) as Stage);
const kinds = ['action', 'thought', 'pain_point', 'opportunity', 'touchpoint'] as const;
const phases = [null, 'now', 'next', 'later', 'not_doing'] as const;
const score = () => (random() < 0.2 ? null : 1 + Math.floor(random() * 5));
const notes: Note[] = Array.from({ length: NOTES }, (_, i) => {
  const kind = kinds[i % kinds.length]!;
  return {
    ...withDefaults('note', {
      text: `Note ${i} about the journey`,
      x: (i % 100) * 170,
      y: Math.floor(i / 100) * 170,
      kind,
      stageId: `s${i % STAGES}`,
      sentiment: (Math.floor(random() * 5) - 2) as -2 | -1 | 0 | 1 | 2,
      severity: kind === 'pain_point' ? score() : null,
      reach: kind === 'pain_point' ? score() : null,
      impact: kind === 'opportunity' ? score() : null,
      effort: kind === 'opportunity' ? score() : null,
      phase: kind === 'opportunity' ? phases[i % phases.length]! : null,
    }),
    id: `n${i}`,
    mapId,
    createdAt: i,
    updatedAt: i,
  } as Note;
});
const round: Round = { id: 'r1', mapId, title: 'What hurts most?', target: 'any', dots: DOTS, multiple: true, anonymous: false, status: 'open', openedAt: 0, closedAt: null, position: 0 };
const votes: Vote[] = [];
for (let p = 0; p < PARTICIPANTS; p++) {
  for (let d = 0; d < DOTS; d++) {
    votes.push({ id: `v${p}-${d}`, mapId, roundId: round.id, participantId: `p${p}`, noteId: `n${Math.floor(random() * NOTES)}`, count: 1 });
  }
}
const map = {
  id: mapId,
  title: 'Bench',
  createdAt: 0,
  updatedAt: 0,
  camera: null,
  personaId: null,
  personas: [],
  stages,
  lanes: [],
  participants: Array.from({ length: PARTICIPANTS }, (_, i) => ({ id: `p${i}`, mapId, name: `P${i}`, color: 'blue', position: i })),
  notes,
  rounds: [round],
  votes,
  metrics: [],
} as unknown as JourneyMap;

console.error(`prioritise: ${NOTES} notes, ${PARTICIPANTS} participants x ${DOTS} dots = ${votes.length} votes`);
emit('prioritise.tally', time(() => tally(round.id, votes)), 'ms', { notes: NOTES, votes: votes.length });
// What the store runs before each vote: the rules against the round's other votes.
emit('prioritise.voteCheck', time(() => voteRefusal(round, notes[0]!, votes[0]!, votes)), 'ms', { votes: votes.length });
emit('prioritise.insights', time(() => insights(map)), 'ms', { notes: NOTES, votes: votes.length });
