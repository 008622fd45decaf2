import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agendaFromSteps,
  agendaIdOf,
  agendaSchema,
  DEFAULT_AGENDA_ID,
  moveStepChanges,
  nextStepOf,
  stepValuesFor,
  totalMinutes,
} from '../../../shared/workshop/agenda';
import { RESOURCES } from '../helpers';

const dir = path.join(RESOURCES, 'workshops');
const shipped = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, data: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown }));
const map = {
  stages: [
    { id: 's2', position: 1 },
    { id: 's1', position: 0 },
  ],
  lanes: [
    { id: 'l-pain', position: 5, kind: 'pain_points' as const },
    { id: 'l-act', position: 0, kind: 'actions' as const },
  ],
};

describe('agendas shipped as data', () => {
  it('every file in resources/workshops is a valid agenda with a unique id matching its file name', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(3);
    const ids = shipped.map(({ file, data }) => {
      const parsed = agendaSchema.safeParse(data);
      expect(parsed.success, `${file}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      expect(`${parsed.data!.id}.json`).toBe(file);
      return parsed.data!.id;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the default is the 8-step journey-mapping method; the variants fit half a day and 90 minutes', () => {
    const byId = new Map(shipped.map(({ data }) => { const a = agendaSchema.parse(data); return [a.id, a]; }));
    const def = byId.get(DEFAULT_AGENDA_ID)!;
    expect(def.steps).toHaveLength(8);
    expect(def.steps.every((s) => s.instructions.length > 20)).toBe(true);
    expect(def.steps.map((s) => s.activity)).toContain('goals');
    expect(totalMinutes(byId.get('half-day')!.steps)).toBeLessThanOrEqual(240);
    expect(totalMinutes(byId.get('ninety-minutes')!.steps)).toBe(90);
  });

  it('a bad agenda is refused with the field named', () => {
    const bad = agendaSchema.safeParse({ id: 'x', name: 'X', steps: [{ title: 'A', minutes: 0, activity: 'brainstorm' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['steps', 0, 'minutes']);
    expect(agendaSchema.safeParse({ id: 'x', name: 'X', steps: [] }).success).toBe(false);
    expect(agendaSchema.safeParse({ id: 'Bad Id', name: 'X', steps: [{ title: 'A', minutes: 1, activity: 'vote' }] }).success).toBe(false);
  });
});

describe('agenda arithmetic', () => {
  const agenda = agendaSchema.parse({
    id: 'a',
    name: 'A',
    steps: [
      { title: 'Pains of stage 2', minutes: 10, activity: 'brainstorm', stage: 1, laneKind: 'pain_points', silent: true, focus: 'lane' },
      { title: 'Channels', minutes: 5, activity: 'brainstorm', laneKind: 'channels' },
      { title: 'Stage 9', minutes: 5, activity: 'goals', stage: 9 },
    ],
  });

  it('applies to a map: stages by index, lanes by kind, missing ones null, positions in order', () => {
    const values = stepValuesFor(agenda, map);
    expect(values.map((v) => [v.title, v.stageId, v.laneId, v.position])).toEqual([
      ['Pains of stage 2', 's2', 'l-pain', 0],
      ['Channels', null, null, 1],
      ['Stage 9', null, null, 2],
    ]);
    expect(values[0]).toMatchObject({ silent: true, focus: 'lane', spentMs: 0, startedAt: null, roundId: null });
  });

  it('a map’s steps save back to the same template', () => {
    const steps = stepValuesFor(agenda, map).map((v, i) => ({ ...v, id: `st${i}` }));
    const saved = agendaFromSteps(steps, map, { id: 'mine', name: 'Mine' });
    expect(saved.steps[0]).toEqual({ ...agenda.steps[0], stage: 1, laneKind: 'pain_points' });
    expect(saved.steps[2]!.stage).toBeNull();
  });

  it('next step, moves and ids', () => {
    const steps = [
      { id: 'b', position: 1 },
      { id: 'a', position: 0 },
      { id: 'c', position: 2 },
    ];
    expect(nextStepOf(steps, null)?.id).toBe('a');
    expect(nextStepOf(steps, 'a')?.id).toBe('b');
    expect(nextStepOf(steps, 'c')).toBeNull();
    expect(moveStepChanges(steps, 2, 0)).toEqual([
      { type: 'step', op: 'update', id: 'c', patch: { position: 0 } },
      { type: 'step', op: 'update', id: 'a', patch: { position: 1 } },
      { type: 'step', op: 'update', id: 'b', patch: { position: 2 } },
    ]);
    expect(moveStepChanges(steps, 1, 1)).toEqual([]);
    expect(agendaIdOf('Kick-off, short!')).toBe('kick-off-short');
    expect(agendaIdOf('Café crème')).toBe('cafe-creme');
    expect(agendaIdOf('!!!')).toBe('');
  });
});
