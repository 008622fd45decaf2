import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTE_KIND_OF_LANE } from '../../../shared/domain';
import { templateProblems, templateSetProblems } from '../../../shared/journey';
import { DEFAULT_LANES, templateSchema, type MapTemplate } from '../../../shared/templates';

const dir = path.resolve(import.meta.dirname, '../../../resources/templates');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const templates = files.map((file) => ({ file, data: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown }));

describe('resources/templates', () => {
  it('holds the built-in templates', () => {
    const ids = files.map((f) => f.replace(/\.json$/, ''));
    for (const id of ['blank', 'classic-funnel', 'service', 'bank-account-opening', 'online-shopping', 'saas-trial-to-paid', 'hospital-appointment']) {
      expect(ids).toContain(id);
    }
  });

  it.each(templates)('$file is valid against templateSchema and its id matches the file name', ({ file, data }) => {
    const parsed = templateSchema.safeParse(data);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data!.id).toBe(file.replace(/\.json$/, ''));
  });

  it.each(templates)('$file: notes point at stages and lanes that exist', ({ data }) => {
    const t = templateSchema.parse(data);
    expect(templateProblems(t)).toEqual([]);
    for (const n of t.notes) {
      expect(n.stage).toBeLessThan(t.stages.length);
      if (n.lane !== null) expect(n.lane).toBeLessThan(t.lanes.length);
    }
  });

  it('ids and sort orders are unique', () => {
    const parsed = templates.map(({ data }) => templateSchema.parse(data));
    expect(templateSetProblems(parsed)).toEqual([]);
    expect(new Set(parsed.map((t) => t.order)).size).toBe(parsed.length);
  });

  it('every template uses the default lanes; domain templates describe each stage and carry 8-15 notes', () => {
    for (const { file, data } of templates) {
      const t = templateSchema.parse(data);
      expect(t.lanes, file).toEqual(DEFAULT_LANES);
      if (t.id === 'blank') continue;
      for (const s of t.stages) expect(s.description.length, `${file}: ${s.name}`).toBeGreaterThan(0);
      if (t.order >= 100) {
        expect(t.notes.length, file).toBeGreaterThanOrEqual(8);
        expect(t.notes.length, file).toBeLessThanOrEqual(15);
      }
    }
  });
});

describe('templateProblems', () => {
  const base: MapTemplate = {
    id: 'x',
    name: 'X',
    description: '',
    order: 0,
    stages: [{ name: 'A', description: '' }],
    lanes: DEFAULT_LANES,
    notes: [],
  };

  it('reports notes outside the grid and kinds that disagree with their lane', () => {
    const t: MapTemplate = {
      ...base,
      notes: [
        { text: 'too far right', stage: 1, lane: 0 },
        { text: 'too far down', stage: 0, lane: 7 },
        { text: 'wrong kind', stage: 0, lane: 0, kind: 'pain_point' },
        { text: 'right kind', stage: 0, lane: 5, kind: NOTE_KIND_OF_LANE.pain_points! },
        { text: 'free board', stage: 5, lane: null },
      ],
    };
    const problems = templateProblems(t);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/note 1 .* stage 1, but the template has 1 stages/);
    expect(problems[1]).toMatch(/note 2 .* lane 7/);
    expect(problems[2]).toMatch(/kind "pain_point" .* actions lane/);
  });

  it('reports duplicate stage names and duplicate template ids', () => {
    const dup = { ...base, stages: [{ name: 'A', description: '' }, { name: 'a ', description: '' }] };
    expect(templateProblems(dup)).toEqual(['Template "x" has two stages named "a ".']);
    expect(templateSetProblems([base, base])).toEqual(['Two templates have the id "x"; each needs its own.']);
  });
});
