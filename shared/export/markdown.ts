import { CHANNEL_LABELS, type JourneyMap, type Note } from '../domain';
import { orderedNotes } from './model';

/** Markdown-safe inline text: no accidental headings, lists, emphasis, links or HTML. */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^-/, '\\-');
}

function noteLine(n: Note): string {
  const extras = [
    n.channels.length ? n.channels.map((c) => CHANNEL_LABELS[c]).join(', ') : '',
    n.sentiment !== null ? `sentiment ${n.sentiment > 0 ? '+' : ''}${n.sentiment}` : '',
    n.author ? `by ${mdText(n.author)}` : '',
  ].filter(Boolean);
  return `- ${mdText(n.text)}${extras.length ? ` _(${extras.join('; ')})_` : ''}`;
}

/**
 * A report a client can read anywhere: title, persona, each stage's notes by lane, the pain points
 * that hurt most, the opportunities, and what is not yet placed.
 */
export function mapToMarkdown(map: JourneyMap): string {
  const out: string[] = [`# ${mdText(map.title)}`, ''];
  const persona = map.personas.find((p) => p.id === map.personaId);
  if (persona) {
    out.push(`## Persona: ${mdText(persona.name)}`, '');
    if (persona.role) out.push(mdText(persona.role), '');
    if (persona.quote) out.push(`> ${mdText(persona.quote)}`, '');
    for (const [label, value] of [
      ['Goals', persona.goals],
      ['Needs', persona.needs],
      ['Frustrations', persona.frustrations],
    ] as const) {
      if (value) out.push(`**${label}:** ${mdText(value)}`, '');
    }
  }
  const notes = orderedNotes(map);
  for (const stage of map.stages) {
    out.push(`## ${stage.position + 1}. ${mdText(stage.name)}`, '');
    if (stage.description) out.push(`_${mdText(stage.description)}_`, '');
    let any = false;
    for (const lane of map.lanes) {
      const inCell = notes.filter((n) => n.stageId === stage.id && n.laneId === lane.id);
      if (inCell.length === 0) continue;
      any = true;
      out.push(`### ${mdText(lane.name)}`, '', ...inCell.map(noteLine), '');
    }
    if (!any) out.push('No notes yet.', '');
  }
  const stageName = new Map(map.stages.map((s) => [s.id, s.name]));
  const where = (n: Note) => (n.stageId && stageName.has(n.stageId) ? ` — ${mdText(stageName.get(n.stageId)!)}` : '');
  const pains = notes
    .filter((n) => n.kind === 'pain_point')
    .sort((a, b) => (a.sentiment ?? 0) - (b.sentiment ?? 0));
  if (pains.length) {
    out.push('## Top pain points', '', ...pains.slice(0, 10).map((n, i) => `${i + 1}. ${mdText(n.text)}${where(n)}`), '');
  }
  const opportunities = notes.filter((n) => n.kind === 'opportunity');
  if (opportunities.length) out.push('## Opportunities', '', ...opportunities.map((n) => `- ${mdText(n.text)}${where(n)}`), '');
  const free = notes.filter((n) => !n.stageId || !n.laneId);
  if (free.length) out.push('## Not yet placed', '', ...free.map(noteLine), '');
  return `${out.join('\n').trimEnd()}\n`;
}
