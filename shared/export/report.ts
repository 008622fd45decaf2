/**
 * What the report exports (PowerPoint, PDF, Markdown, HTML, Excel) say about prioritising and the
 * workshop, derived once from the map: vote results per round, the impact/effort matrix, the
 * roadmap, the metrics, the pain points that hurt most, and the workshop's minutes. The writers
 * only lay this out; every figure comes from here (and, through it, from shared/prioritise and
 * shared/workshop, the same functions the app's panels use).
 *
 * Anonymity is applied here: an anonymous round's results carry no participant at all, so no
 * writer can print one.
 */
import type { JourneyMap, Note, Stage } from '../domain';
import { covers, insights, quadrant, QUADRANT_LABELS, QUADRANTS as QUADRANT_IDS, tally, type Quadrant } from '../prioritise/index';
import { METRIC_INFO, metricText, type MetricKind, type MetricStatus } from '../prioritise/metrics';
import { METRIC_KINDS, PHASES } from '../records/fields';
import { minutesOfMap } from '../workshop/minutes';
import type { StoredRecord } from '../records/records';
import { orderedNotes } from './model';

export { METRIC_KINDS, PHASES };
type Vote = StoredRecord<'vote'>;

export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<Phase, string> = { now: 'Now', next: 'Next', later: 'Later', not_doing: 'Not doing' };

export type { MetricKind, MetricStatus };
export const METRIC_LABELS = Object.fromEntries(METRIC_KINDS.map((k) => [k, METRIC_INFO[k].label])) as Record<MetricKind, string>;

export type QuadrantId = Quadrant;
const QUADRANT_HINTS: Record<Quadrant, string> = {
  quick_win: 'high impact, low effort',
  big_bet: 'high impact, high effort',
  fill_in: 'low impact, low effort',
  money_pit: 'low impact, high effort',
};
/** The matrix's quadrants in reading order (top left, top right, bottom left, bottom right), as the app names them. */
export const QUADRANTS: { id: Quadrant; label: string; hint: string }[] = QUADRANT_IDS.map((id) => ({ id, label: QUADRANT_LABELS[id], hint: QUADRANT_HINTS[id] }));

// ---------------------------------------------------------------------------------------------
// The report.
// ---------------------------------------------------------------------------------------------

/** One note's result in a round. */
export interface RoundResult {
  note: Note;
  votes: number;
  /**
   * Dots per participant, in the order of the round's `participants`, then the facilitator's typed
   * count (paper dots) last. Null in an anonymous round: nobody's votes are told apart.
   */
  byParticipant: number[] | null;
}

export interface ReportRound {
  id: string;
  title: string;
  status: 'open' | 'closed';
  anonymous: boolean;
  target: StoredRecord<'round'>['target'];
  dots: number;
  /** Who voted, by name; always empty for an anonymous round. */
  participants: { id: string; name: string }[];
  /** Notes with votes, most first (reading order breaks ties). */
  results: RoundResult[];
  total: number;
  openedAt: number;
}

export interface MatrixItem {
  note: Note;
  stage: Stage | null;
  impact: number | null;
  effort: number | null;
  quadrant: QuadrantId | null;
  votes: number | null;
  /** The pain points this opportunity answers. */
  pains: Note[];
}

export interface RoadmapItem {
  note: Note;
  stage: Stage | null;
  owner: string | null;
  due: string | null;
  votes: number | null;
  pains: Note[];
}

export interface MetricRow {
  stage: Stage | null;
  /** The stage's name, or "Whole map". */
  scope: string;
  kind: MetricKind;
  label: string;
  value: number | null;
  target: number | null;
  source: string;
  date: string | null;
  /** The value and target as the board writes them (shared/prioritise/metrics `metricText`): "4.2 / 5", "+12", "35 %"; '' when none. */
  valueText: string;
  targetText: string;
  /** Against the target, as the board's metrics row says it (shared/prioritise/metrics). */
  status: MetricStatus;
  /** The status in a symbol and words ("✓ on target", "~ near target", "! far from target"); '' with no value or target. */
  statusText: string;
}

export interface PainRow {
  note: Note;
  stage: Stage | null;
  votes: number | null;
  severity: number | null;
  reach: number | null;
}

export interface MinutesRow {
  title: string;
  activity: string;
  plannedMinutes: number;
  spentMs: number;
  startedAt: number | null;
  endedAt: number | null;
  notesAdded: number;
  /** The step's vote round, when it ran one: its top results. */
  round: ReportRound | null;
}

export interface Report {
  stages: Stage[];
  rounds: ReportRound[];
  /**
   * Where the votes the pain-point lists, matrix and roadmap show come from: the latest round with
   * votes on pain points (or on any note), and on opportunities.
   */
  votesFrom: { pain_point: ReportRound | null; opportunity: ReportRound | null };
  /** Every opportunity; `scored` are those with both impact and effort. */
  matrix: { scored: MatrixItem[]; unscored: MatrixItem[] };
  roadmap: { phase: Phase; label: string; items: RoadmapItem[] }[];
  /** Notes on the roadmap (any phase). */
  roadmapCount: number;
  metrics: MetricRow[];
  /** Pain points, most pressing first: votes × severity when either is known, else most negative. */
  pains: PainRow[];
  /** Whether the pain points carry votes or severity (then they are ranked by them). */
  painsRanked: boolean;
  /** Steps that have run, in agenda order. */
  minutes: MinutesRow[];
}

/** The quadrant of a scored card (shared/prioritise's rule: 3 and above is high). */
export function quadrantOf(impact: number, effort: number): Quadrant {
  return quadrant(impact, effort)!;
}

/**
 * Everything the report exports show beyond the notes, computed once per export. `now` is the
 * export's time (a step still running is counted up to it); by default the map's last change.
 */
export function reportOf(map: JourneyMap, now: number = map.updatedAt): Report {
  const notes = orderedNotes(map);
  const readingIndex = new Map(notes.map((n, i) => [n.id, i]));
  const noteById = new Map(notes.map((n) => [n.id, n]));
  const stages = [...map.stages].sort((a, b) => a.position - b.position);
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const stageOf = (n: Note) => (n.stageId ? (stageById.get(n.stageId) ?? null) : null);
  const participants = [...map.participants].sort((a, b) => a.position - b.position);
  const participantName = new Map(participants.map((p) => [p.id, p.name]));

  const votesByRound = new Map<string, Vote[]>();
  for (const v of map.votes) {
    const list = votesByRound.get(v.roundId);
    if (list) list.push(v);
    else votesByRound.set(v.roundId, [v]);
  }
  const rounds: ReportRound[] = [...map.rounds]
    .sort((a, b) => a.position - b.position || a.openedAt - b.openedAt)
    .map((r) => {
      const votes = (votesByRound.get(r.id) ?? []).filter((v) => noteById.has(v.noteId));
      // Who voted, only for a round that is not anonymous; an anonymous one has no participant at all.
      const voters = r.anonymous ? [] : participants.filter((p) => votes.some((v) => v.participantId === p.id)).map((p) => ({ id: p.id, name: p.name }));
      const column = new Map(voters.map((p, i) => [p.id, i]));
      const by = new Map<string, number[]>();
      if (!r.anonymous) {
        for (const v of votes) {
          let row = by.get(v.noteId);
          if (!row) by.set(v.noteId, (row = new Array<number>(voters.length + 1).fill(0)));
          const i = v.participantId !== null && participantName.has(v.participantId) ? column.get(v.participantId) : undefined;
          row[i ?? voters.length]! += v.count;
        }
      }
      // The totals are shared/prioritise's tally (the Vote panel's figures); ties in reading order.
      const results = tally(r.id, votes)
        .map((x) => ({ note: noteById.get(x.noteId)!, votes: x.votes, byParticipant: r.anonymous ? null : by.get(x.noteId)! }))
        .sort((a, b) => b.votes - a.votes || readingIndex.get(a.note.id)! - readingIndex.get(b.note.id)!);
      return {
        id: r.id,
        title: r.title,
        status: r.status,
        anonymous: r.anonymous,
        target: r.target,
        dots: r.dots,
        participants: voters,
        results,
        total: results.reduce((s, x) => s + x.votes, 0),
        openedAt: r.openedAt,
      };
    });
  // A note's votes are those of the newest round (by when it opened) that covers its kind and has
  // votes: the room's last word on it.
  const newestOn = (kind: 'pain_point' | 'opportunity') =>
    rounds.filter((r) => r.total > 0 && covers(r, { kind })).reduce<(typeof rounds)[number] | null>((best, r) => (!best || r.openedAt >= best.openedAt ? r : best), null);
  const votesFrom = { pain_point: newestOn('pain_point'), opportunity: newestOn('opportunity') };
  const tallies = new Map((['pain_point', 'opportunity'] as const).map((k) => [k, new Map(votesFrom[k]?.results.map((x) => [x.note.id, x.votes]) ?? [])]));
  const votesOf = (n: Note) => ((n.kind === 'pain_point' || n.kind === 'opportunity') && votesFrom[n.kind] ? (tallies.get(n.kind)!.get(n.id) ?? 0) : null);
  const painsOf = (n: Note) =>
    n.linkedNoteIds
      .map((id) => noteById.get(id))
      .filter((p): p is Note => p !== undefined)
      .sort((a, b) => readingIndex.get(a.id)! - readingIndex.get(b.id)!);

  const scored: MatrixItem[] = [];
  const unscored: MatrixItem[] = [];
  for (const n of notes) {
    if (n.kind !== 'opportunity') continue;
    const { impact, effort } = n;
    const quadrant = impact !== null && effort !== null ? quadrantOf(impact, effort) : null;
    const item = { note: n, stage: stageOf(n), impact, effort, quadrant, votes: votesOf(n), pains: painsOf(n) };
    (quadrant ? scored : unscored).push(item);
  }

  const roadmap = PHASES.map((phase) => ({
    phase,
    label: PHASE_LABELS[phase],
    items: notes
      .filter((n) => n.phase === phase)
      .sort((a, b) => (a.phaseOrder ?? Infinity) - (b.phaseOrder ?? Infinity) || readingIndex.get(a.id)! - readingIndex.get(b.id)!)
      .map((n) => ({ note: n, stage: stageOf(n), owner: n.owner, due: n.due, votes: votesOf(n), pains: painsOf(n) })),
  }));

  const stageRank = (id: string | null) => (id === null ? -1 : (stageById.get(id)?.position ?? Infinity));
  const metrics: MetricRow[] = [...map.metrics]
    .filter((m) => m.stageId === null || stageById.has(m.stageId))
    .sort((a, b) => stageRank(a.stageId) - stageRank(b.stageId) || METRIC_KINDS.indexOf(a.kind) - METRIC_KINDS.indexOf(b.kind))
    .map((m) => {
      const stage = m.stageId ? stageById.get(m.stageId)! : null;
      const text = metricText(m);
      return {
        stage,
        scope: stage ? stage.name : 'Whole map',
        kind: m.kind,
        label: METRIC_LABELS[m.kind],
        value: m.value,
        target: m.target,
        source: m.source,
        date: m.date,
        valueText: text.value,
        targetText: text.target,
        status: text.status,
        statusText: text.statusText,
      };
    });

  const painNotes = notes.filter((n) => n.kind === 'pain_point');
  const painsRanked = votesFrom.pain_point !== null || painNotes.some((n) => n.severity !== null);
  const painRow = (n: Note): PainRow => ({ note: n, stage: stageOf(n), votes: votesOf(n), severity: n.severity, reach: n.reach });
  let pains: PainRow[];
  if (painsRanked) {
    // The Insights panel's ranking (shared/prioritise insights): votes x severity in the round the
    // pain points were last voted in, or severity alone before any such round.
    const source = votesFrom.pain_point ? map : { ...map, rounds: [], votes: [] };
    pains = insights(source, { roundId: votesFrom.pain_point?.id ?? null, top: painNotes.length }).topPains.map((line) => painRow(noteById.get(line.key)!));
  } else {
    // Stable sort: equally negative pain points keep reading order. No sentiment counts as neutral.
    pains = painNotes.map(painRow).sort((a, b) => (a.note.sentiment ?? 0) - (b.note.sentiment ?? 0));
  }

  // The workshop's minutes are shared/workshop's (the Minutes panel's figures), at the export's time.
  const roundById = new Map(rounds.map((r) => [r.id, r]));
  const minutes: MinutesRow[] = minutesOfMap(map, now)
    .filter((e) => e.ran)
    .map((e) => ({
      title: e.title,
      activity: e.activity,
      plannedMinutes: Math.round(e.plannedMs / 60_000),
      spentMs: e.spentMs,
      startedAt: e.startedAt,
      endedAt: e.endedAt,
      notesAdded: e.notes.length,
      round: e.round ? (roundById.get(e.round.id) ?? null) : null,
    }));

  return {
    stages,
    rounds,
    votesFrom,
    matrix: { scored, unscored },
    roadmap,
    roadmapCount: roadmap.reduce((s, c) => s + c.items.length, 0),
    metrics,
    pains,
    painsRanked,
    minutes,
  };
}

/** "12 min" / "1 h 5 min" for a duration in milliseconds. */
export function durationText(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min >= 60 ? `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}` : `${min} min`;
}

/** The names of a note's linked pain points, joined for one cell or line. */
export function painsText(pains: Note[], max = 120): string {
  return pains.map((p) => (p.text.trim().length > max ? `${p.text.trim().slice(0, max - 1)}…` : p.text.trim()).replace(/\s+/g, ' ')).join('; ');
}
