import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import { templateProblems, templateSetProblems } from '../../shared/journey/index';
import { templateSchema, type MapTemplate, type TemplateSummary } from '../../shared/templates';

/**
 * Loads the map templates shipped in resources/templates. A template file that fails validation
 * is skipped with a warning rather than taking the app down: templates are data, not code.
 */
export function loadTemplates(resourcesDir: string): MapTemplate[] {
  const dir = path.join(resourcesDir, 'templates');
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const templates: MapTemplate[] = [];
  for (const file of files) {
    try {
      templates.push(templateSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
    } catch (err) {
      console.warn(`Skipping template ${file}: ${(err as Error).message}`);
    }
  }
  // Checks the schema cannot express (notes pointing at real stages and lanes, unique ids).
  const problems = templateSetProblems(templates);
  for (const problem of problems) console.warn(`Template problem: ${problem}`);
  const broken = new Set(templates.filter((t) => templateProblems(t).length > 0).map((t) => t.id));
  const seen = new Set<string>();
  return templates
    .filter((t) => !broken.has(t.id) && !seen.has(t.id) && seen.add(t.id))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

export function summarise(t: MapTemplate): TemplateSummary {
  return { id: t.id, name: t.name, description: t.description, stageCount: t.stages.length };
}

export function findTemplate(templates: MapTemplate[], id: string): MapTemplate {
  const t = templates.find((x) => x.id === id);
  if (!t) {
    const known = templates.map((x) => `"${x.id}"`).join(', ') || 'none are installed';
    throw new ApiError('invalid_input', `No template named "${id}". Choose one of: ${known}.`);
  }
  return t;
}
