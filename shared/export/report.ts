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
import { orderedNotes } from './model';

// ---------------------------------------------------------------------------------------------
// The records this reads (contract-s20 names). PROVISIONAL until P1's and F1's records land.
// ---------------------------------------------------------------------------------------------
interface SrcParticipant { id: string; name: string; position: number }
interface SrcRound {
  id: string;
  title: string;
  target: 'pain_point' | 'opportunity' | 'any';
  dots: number;
  multiple: boolean;
  anonymous: boolean;
  status: 'open' | 'closed';
  openedAt: number;
  closedAt: number | null;
  position: number;
}
interface SrcVote { id: string; roundId: string; participantId: string | null; noteId: string; count: number }
interface SrcMetric {
  id: string;
  stageId: string | null;
  kind: MetricKind;
  value: number | null;
  target: number | null;
  source: string;
  date: string | null;
}
interface SrcNoteFields {
  severity?: number | null;
  reach?: number | null;
  impact?: number | null;
  effort?: number | null;
  phase?: Phase | null;
  phaseOrder?: number | null;
  owner?: string | null;
  due?: string | null;
  linkedNoteIds?: string[];
}
interface SrcStep {
  id: string;
  title: string;
  minutes: number;
  activity: string;
  roundId: string | null;
  position: number;
  startedAt: number | null;
  endedAt: number | null;
  spentMs: number;
}
interface Src {
  participants?: SrcParticipant[];
  rounds?: SrcRound[];
  votes?: SrcVote[];
  metrics?: SrcMetric[];
  steps?: SrcStep[];
}
const fieldsOf = (n: Note) => n as Note & SrcNoteFields;

export const PHASES = ['now', 'next', 'later', 'not_doing'] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<Phase, string> = { now: 'Now', next: 'Next', later: 'Later', not_doing: 'Not doing' };

export const METRIC_KINDS = ['csat', 'nps', 'ces', 'conversion', 'churn'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const METRIC_LABELS: Record<MetricKind, string> = { csat: 'CSAT', nps: 'NPS', ces: 'CES', conversion: 'Conversion', churn: 'Churn' };

export type QuadrantId = 'quick_wins' | 'big_bets' | 'fill_ins' | 'money_pits';
export const QUADRANTS: { id: QuadrantId; label: string; hint: string }[] = [
  { id: 'quick_wins', label: 'Quick wins', hint: 'high impact, low effort' },
  { id: 'big_bets', label: 'Big bets', hint: 'high impact, high effort' },
  { id: 'fill_ins', label: 'Fill-ins', hint: 'low impact, low effort' },
  { id: 'money_pits', label: 'Money pits', hint: 'low impact, high effort' },
];

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
  target: SrcRound['target'];
  dots: number;
  /** Who voted, by name; always empty for an anonymous round. */
  participants: { id: string; name: string }[];
  /** Notes with votes, most first (reading order breaks ties). */
  results: RoundResult[];
  total: number;
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
  /** The value and target as read aloud: "4.2 / 5", "+12", "35 %". */
  valueText: string;
  targetText: string;
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

const round1 = (v: number) => Math.round(v * 10) / 10;

/** A metric's value as people write it. */
export function metricText(kind: MetricKind, v: number | null): string {
  if (v === null) return '';
  switch (kind) {
    case 'csat':
      return `${round1(v)} / 5`;
    case 'ces':
      return `${round1(v)} / 7`;
    case 'nps':
      return `${v > 0 ? '+' : ''}${Math.round(v)}`;
    default:
      return `${round1(v)} %`;
  }
}

/** Quadrant of an impact/effort score (1..5 each; 3 and above is high). PROVISIONAL: P1's quadrant(). */
export function quadrantOf(impact: number, effort: number): QuadrantId {
  const high = impact >= 3;
  const hard = effort >= 3;
  return high ? (hard ? 'big_bets' : 'quick_wins') : hard ? 'money_pits' : 'fill_ins';
}

/** Everything the report exports show beyond the notes, computed once per export. */
export function reportOf(map: JourneyMap): Report {
  const src = map as JourneyMap & Src;
  const notes = orderedNotes(map);
  const readingIndex = new Map(notes.map((n, i) => [n.id, i]));
  const noteById = new Map(notes.map((n) => [n.id, n]));
  const stages = [...map.stages].sort((a, b) => a.position - b.position);
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const stageOf = (n: Note) => (n.stageId ? (stageById.get(n.stageId) ?? null) : null);
  const participants = [...(src.participants ?? [])].sort((a, b) => a.position - b.position);
  const participantName = new Map(participants.map((p) => [p.id, p.name]));

  const votesByRound = new Map<string, SrcVote[]>();
  for (const v of src.votes ?? []) {
    const list = votesByRound.get(v.roundId);
    if (list) list.push(v);
    else votesByRound.set(v.roundId, [v]);
  }
  const rounds: ReportRound[] = [...(src.rounds ?? [])]
    .sort((a, b) => a.position - b.position || a.openedAt - b.openedAt)
    .map((r) => {
      const votes = (votesByRound.get(r.id) ?? []).filter((v) => noteById.has(v.noteId));
      const voters = r.anonymous
        ? []
        : participants.filter((p) => votes.some((v) => v.participantId === p.id)).map((p) => ({ id: p.id, name: p.name }));
      const column = new Map(voters.map((p, i) => [p.id, i]));
      const perNote = new Map<string, { votes: number; by: number[] }>();
      for (const v of votes) {
        let row = perNote.get(v.noteId);
        if (!row) perNote.set(v.noteId, (row = { votes: 0, by: new Array<number>(voters.length + 1).fill(0) }));
        row.votes += v.count;
        const i = v.participantId !== null && participantName.has(v.participantId) ? column.get(v.participantId) : undefined;
        row.by[i ?? voters.length]! += v.count;
      }
      const results = [...perNote]
        .map(([id, row]) => ({ note: noteById.get(id)!, votes: row.votes, byParticipant: r.anonymous ? null : row.by }))
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
      };
    });
  // A note's votes are those of the latest round on its kind that has votes: the room's last word on it.
  const latestOn = (kind: 'pain_point' | 'opportunity') => [...rounds].reverse().find((r) => r.total > 0 && (r.target === kind || r.target === 'any')) ?? null;
  const votesFrom = { pain_point: latestOn('pain_point'), opportunity: latestOn('opportunity') };
  const tallies = new Map(
    (['pain_point', 'opportunity'] as const).map((k) => [k, new Map(votesFrom[k]?.results.map((x) => [x.note.id, x.votes]) ?? [])]),
  );
  const votesOf = (n: Note) => (n.kind === 'pain_point' || n.kind === 'opportunity') && votesFrom[n.kind] ? (tallies.get(n.kind)!.get(n.id) ?? 0) : null;
  const painsOf = (n: Note) =>
    (fieldsOf(n).linkedNoteIds ?? [])
      .map((id) => noteById.get(id))
      .filter((p): p is Note => p !== undefined)
      .sort((a, b) => readingIndex.get(a.id)! - readingIndex.get(b.id)!);

  const scored: MatrixItem[] = [];
  const unscored: MatrixItem[] = [];
  for (const n of notes) {
    if (n.kind !== 'opportunity') continue;
    const { impact = null, effort = null } = fieldsOf(n);
    const quadrant = impact !== null && effort !== null ? quadrantOf(impact, effort) : null;
    const item = { note: n, stage: stageOf(n), impact, effort, quadrant, votes: votesOf(n), pains: painsOf(n) };
    (quadrant ? scored : unscored).push(item);
  }

  const roadmap = PHASES.map((phase) => ({
    phase,
    label: PHASE_LABELS[phase],
    items: notes
      .filter((n) => fieldsOf(n).phase === phase)
      .sort((a, b) => (fieldsOf(a).phaseOrder ?? Infinity) - (fieldsOf(b).phaseOrder ?? Infinity) || readingIndex.get(a.id)! - readingIndex.get(b.id)!)
      .map((n) => ({ note: n, stage: stageOf(n), owner: fieldsOf(n).owner ?? null, due: fieldsOf(n).due ?? null, votes: votesOf(n), pains: painsOf(n) })),
  }));

  const stageRank = (id: string | null) => (id === null ? -1 : (stageById.get(id)?.position ?? Infinity));
  const metrics: MetricRow[] = [...(src.metrics ?? [])]
    .filter((m) => m.stageId === null || stageById.has(m.stageId))
    .sort((a, b) => stageRank(a.stageId) - stageRank(b.stageId) || METRIC_KINDS.indexOf(a.kind) - METRIC_KINDS.indexOf(b.kind))
    .map((m) => {
      const stage = m.stageId ? stageById.get(m.stageId)! : null;
      return {
        stage,
        scope: stage ? stage.name : 'Whole map',
        kind: m.kind,
        label: METRIC_LABELS[m.kind],
        value: m.value,
        target: m.target,
        source: m.source,
        date: m.date,
        valueText: metricText(m.kind, m.value),
        targetText: metricText(m.kind, m.target),
      };
    });

  const painNotes = notes.filter((n) => n.kind === 'pain_point');
  const painsRanked = votesFrom.pain_point !== null || painNotes.some((n) => fieldsOf(n).severity != null);
  const pains: PainRow[] = painNotes.map((n) => ({ note: n, stage: stageOf(n), votes: votesOf(n), severity: fieldsOf(n).severity ?? null, reach: fieldsOf(n).reach ?? null }));
  // Stable sorts: ties keep reading order.
  if (painsRanked) {
    const score = (p: PainRow) => (p.votes ?? 1) * (p.severity ?? 1);
    pains.sort((a, b) => score(b) - score(a) || (a.note.sentiment ?? 0) - (b.note.sentiment ?? 0));
  } else pains.sort((a, b) => (a.note.sentiment ?? 0) - (b.note.sentiment ?? 0));

  const roundById = new Map(rounds.map((r) => [r.id, r]));
  const minutes: MinutesRow[] = [...(src.steps ?? [])]
    .filter((s) => s.startedAt !== null)
    .sort((a, b) => a.position - b.position)
    .map((s) => ({
      title: s.title,
      activity: s.activity,
      plannedMinutes: s.minutes,
      spentMs: s.spentMs,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      notesAdded: s.startedAt === null ? 0 : notes.filter((n) => n.createdAt >= s.startedAt! && (s.endedAt === null || n.createdAt <= s.endedAt)).length,
      round: s.roundId ? (roundById.get(s.roundId) ?? null) : null,
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
