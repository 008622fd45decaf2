import { CHANNEL_LABELS, type JourneyMap, type Note } from '../domain';
import { NO_FIGURE } from '../prioritise/metrics';
import { orderedNotes } from './model';
import { durationText, QUADRANTS, reportOf, type Report, type ReportRound } from './report';

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
    if (stage.goal) out.push(`**Goal:** ${mdText(stage.goal)}`, '');
    if (stage.expectations) out.push(`**Expectations:** ${mdText(stage.expectations)}`, '');
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
  const report = reportOf(map);
  if (report.pains.length) {
    const figures = (votes: number | null, severity: number | null) => {
      const f = [votes !== null ? `${votes} ${votes === 1 ? 'vote' : 'votes'}` : '', severity !== null ? `severity ${severity}` : ''].filter(Boolean);
      return f.length ? ` (${f.join(', ')})` : '';
    };
    out.push(
      '## Top pain points',
      '',
      ...(report.painsRanked ? [`_By votes × severity${report.votesFrom.pain_point ? `; votes from “${mdText(report.votesFrom.pain_point.title)}”` : ''}._`, ''] : []),
      ...report.pains.slice(0, 10).map((p, i) => `${i + 1}. ${mdText(p.note.text)}${where(p.note)}${figures(p.votes, p.severity)}`),
      '',
    );
  }
  const opportunities = notes.filter((n) => n.kind === 'opportunity');
  if (opportunities.length) out.push('## Opportunities', '', ...opportunities.map((n) => `- ${mdText(n.text)}${where(n)}`), '');
  out.push(...prioritySections(report, where));
  const free = notes.filter((n) => !n.stageId || !n.laneId);
  if (free.length) out.push('## Not yet placed', '', ...free.map(noteLine), '');
  return `${out.join('\n').trimEnd()}\n`;
}

const pad = (v: number | null) => (v === null ? '–' : String(v));

/** One table row; cells are already Markdown-safe (mdText escapes `|`). */
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

function roundLines(r: ReportRound, top = Number.POSITIVE_INFINITY): string[] {
  const facts = [r.status === 'open' ? 'open' : 'closed', r.anonymous ? 'anonymous' : '', `${r.total} ${r.total === 1 ? 'vote' : 'votes'}`].filter(Boolean).join(', ');
  const lines = [`### ${mdText(r.title)}`, '', `_${facts}_`, ''];
  if (r.results.length === 0) return [...lines, 'No votes yet.', ''];
  lines.push(
    ...r.results.slice(0, top).map((x, i) => {
      // Who gave the dots, only in a round that is not anonymous.
      const who = x.byParticipant
        ? [...r.participants.map((p, k) => (x.byParticipant![k] ? `${mdText(p.name)} ${x.byParticipant![k]}` : '')), x.byParticipant.at(-1) ? `typed ${x.byParticipant.at(-1)}` : '']
            .filter(Boolean)
            .join(', ')
        : '';
      return `${i + 1}. ${mdText(x.note.text)} — ${x.votes}${who ? ` _(${who})_` : ''}`;
    }),
  );
  return [...lines, ''];
}

/** Votes, the impact/effort matrix, the roadmap, metrics and the workshop minutes: each only when the map has any. */
function prioritySections(report: Report, where: (n: Note) => string): string[] {
  const out: string[] = [];
  if (report.rounds.length) {
    out.push('## Votes', '');
    for (const r of report.rounds) out.push(...roundLines(r));
  }
  if (report.matrix.scored.length) {
    out.push('## Impact and effort', '');
    for (const q of QUADRANTS) {
      const items = report.matrix.scored.filter((m) => m.quadrant === q.id);
      if (!items.length) continue;
      out.push(`### ${q.label} (${q.hint})`, '');
      out.push(
        ...items.map((m) => {
          const f = [`impact ${m.impact}`, `effort ${m.effort}`, m.votes !== null ? `${m.votes} ${m.votes === 1 ? 'vote' : 'votes'}` : ''].filter(Boolean).join(', ');
          const pains = m.pains.length ? `; answers: ${m.pains.map((p) => mdText(p.text)).join('; ')}` : '';
          return `- ${mdText(m.note.text)}${where(m.note)} _(${f}${pains})_`;
        }),
        '',
      );
    }
    if (report.matrix.unscored.length) out.push('### Not scored yet', '', ...report.matrix.unscored.map((m) => `- ${mdText(m.note.text)}${where(m.note)}`), '');
  }
  if (report.roadmapCount) {
    out.push('## Roadmap', '');
    for (const c of report.roadmap) {
      out.push(`### ${c.label}`, '');
      if (!c.items.length) {
        out.push('Nothing yet.', '');
        continue;
      }
      out.push(
        ...c.items.map((it, i) => {
          const f = [it.owner ? `owner ${mdText(it.owner)}` : '', it.due ? `due ${it.due}` : '', it.pains.length ? `answers: ${it.pains.map((p) => mdText(p.text)).join('; ')}` : '']
            .filter(Boolean)
            .join('; ');
          return `${i + 1}. ${mdText(it.note.text)}${where(it.note)}${f ? ` _(${f})_` : ''}`;
        }),
        '',
      );
    }
  }
  if (report.metrics.length) {
    out.push(
      '## Metrics',
      '',
      row(['Stage', 'Metric', 'Value', 'Target', 'Status', 'Source', 'Date']),
      row(['---', '---', '---:', '---:', '---', '---', '---']),
      ...report.metrics.map((m) => row([mdText(m.scope), m.label, m.valueText || NO_FIGURE, m.targetText || NO_FIGURE, m.statusText || NO_FIGURE, mdText(m.source) || '–', m.date ?? '–'])),
      '',
    );
  }
  if (report.minutes.length) {
    out.push(
      '## Workshop',
      '',
      row(['Step', 'Started (UTC)', 'Planned', 'Took', 'Notes added', 'Vote results']),
      row(['---', '---', '---:', '---:', '---:', '---']),
      ...report.minutes.map((m) =>
        row([
          mdText(m.title),
          m.startedAt === null ? '–' : new Date(m.startedAt).toISOString().slice(0, 16).replace('T', ' '),
          `${m.plannedMinutes} min`,
          durationText(m.spentMs),
          pad(m.notesAdded),
          m.round && m.round.results.length
            ? m.round.results
                .slice(0, 3)
                .map((x) => `${mdText(x.note.text)} (${x.votes})`)
                .join('; ')
            : '–',
        ]),
      ),
      '',
    );
  }
  return out;
}
