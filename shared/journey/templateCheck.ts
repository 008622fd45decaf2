/**
 * Checks on map templates that the zod schema cannot express: notes pointing at stages and lanes
 * that exist, note kinds that agree with their lane, ids unique across templates. The loader in the
 * main process runs these after `templateSchema` and refuses a template with any problem.
 */
import { NOTE_KIND_OF_LANE } from '../domain';
import type { MapTemplate } from '../templates';

/** What is wrong with one template, one sentence per problem; empty when it is fine. */
export function templateProblems(template: MapTemplate): string[] {
  const problems: string[] = [];
  const where = `Template "${template.id}"`;
  const stageNames = new Set<string>();
  for (const s of template.stages) {
    const key = s.name.trim().toLowerCase();
    if (stageNames.has(key)) problems.push(`${where} has two stages named "${s.name}".`);
    stageNames.add(key);
  }
  const laneNames = new Set<string>();
  for (const l of template.lanes) {
    const key = l.name.trim().toLowerCase();
    if (laneNames.has(key)) problems.push(`${where} has two lanes named "${l.name}".`);
    laneNames.add(key);
  }
  template.notes.forEach((n, i) => {
    const note = `${where}, note ${i + 1} ("${n.text.slice(0, 40)}")`;
    if (n.lane === null) return; // on the free board: the stage index is not used
    if (n.stage >= template.stages.length) {
      problems.push(`${note} is in stage ${n.stage}, but the template has ${template.stages.length} stages (0-based).`);
    }
    const lane = template.lanes[n.lane];
    if (!lane) {
      problems.push(`${note} is in lane ${n.lane}, but the template has ${template.lanes.length} lanes (0-based).`);
      return;
    }
    const laneKind = NOTE_KIND_OF_LANE[lane.kind];
    if (n.kind !== undefined && laneKind !== null && n.kind !== laneKind) {
      problems.push(`${note} has kind "${n.kind}" but sits in the ${lane.kind} lane, whose notes are "${laneKind}".`);
    }
  });
  return problems;
}

/** Problems across a set of templates: each one's own, plus ids used twice. */
export function templateSetProblems(templates: readonly MapTemplate[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of templates) {
    if (seen.has(t.id)) problems.push(`Two templates have the id "${t.id}"; each needs its own.`);
    seen.add(t.id);
    problems.push(...templateProblems(t));
  }
  return problems;
}
