import { CHANNEL_LABELS, type JourneyMap, type Lane, type Note, type Stage } from '../domain';

/** One note as every tabular export writes it. */
export interface NoteRow {
  stage: string;
  lane: string;
  kind: string;
  text: string;
  sentiment: number | '';
  author: string;
  channels: string;
  personas: string;
  color: string;
  created: string;
  updated: string;
}

export const NOTE_COLUMNS: { key: keyof NoteRow; title: string }[] = [
  { key: 'stage', title: 'Stage' },
  { key: 'lane', title: 'Lane' },
  { key: 'kind', title: 'Kind' },
  { key: 'text', title: 'Text' },
  { key: 'sentiment', title: 'Sentiment' },
  { key: 'author', title: 'Author' },
  { key: 'channels', title: 'Channels' },
  { key: 'personas', title: 'Personas' },
  { key: 'color', title: 'Colour' },
  { key: 'created', title: 'Created' },
  { key: 'updated', title: 'Updated' },
];

export const KIND_LABELS: Record<string, string> = {
  action: 'Action',
  touchpoint: 'Touchpoint',
  channel: 'Channel',
  thought: 'Thought',
  emotion: 'Emotion',
  pain_point: 'Pain point',
  opportunity: 'Opportunity',
};

/**
 * Notes in reading order: by stage, then lane, then creation (the order the frame shows them);
 * notes not in a cell last, by creation.
 */
export function orderedNotes(map: JourneyMap): Note[] {
  const stagePos = new Map(map.stages.map((s) => [s.id, s.position]));
  const lanePos = new Map(map.lanes.map((l) => [l.id, l.position]));
  const key = (n: Note) => [
    n.stageId !== null && stagePos.has(n.stageId) ? stagePos.get(n.stageId)! : Number.MAX_SAFE_INTEGER,
    n.laneId !== null && lanePos.has(n.laneId) ? lanePos.get(n.laneId)! : Number.MAX_SAFE_INTEGER,
    n.createdAt,
  ];
  return [...map.notes].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]! || a.id.localeCompare(b.id);
  });
}

export function noteRows(map: JourneyMap): NoteRow[] {
  const stages = new Map<string, Stage>(map.stages.map((s) => [s.id, s]));
  const lanes = new Map<string, Lane>(map.lanes.map((l) => [l.id, l]));
  const personas = new Map(map.personas.map((p) => [p.id, p.name]));
  return orderedNotes(map).map((n) => ({
    stage: n.stageId ? (stages.get(n.stageId)?.name ?? '') : '',
    lane: n.laneId ? (lanes.get(n.laneId)?.name ?? '') : '',
    kind: n.kind ? (KIND_LABELS[n.kind] ?? n.kind) : '',
    text: n.text,
    sentiment: n.sentiment ?? '',
    author: n.author ?? '',
    channels: n.channels.map((c) => CHANNEL_LABELS[c]).join(', '),
    personas: n.personaIds.map((id) => personas.get(id) ?? '').filter(Boolean).join(', '),
    color: n.color,
    created: new Date(n.createdAt).toISOString(),
    updated: new Date(n.updatedAt).toISOString(),
  }));
}
