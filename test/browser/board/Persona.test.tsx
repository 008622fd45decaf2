import { afterEach, describe, expect, test } from 'vitest';
import Konva from 'konva';
import type { Persona } from '../../../shared/domain';
import { applyCalls, liveStages, makeMap, mount, note, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

const persona = (id: string, name: string, position: number, color: Persona['color'] = 'teal'): Persona => ({
  id,
  mapId: 'm1',
  name,
  role: '',
  quote: '',
  goals: '',
  needs: '',
  frustrations: '',
  photo: null,
  color,
  position,
});

const personas = [persona('pA', 'Busy Parent', 0), persona('pB', 'Student', 1, 'pink')];

/** n0 tagged with pA, n1 with nothing, n2 with pB; all at zoom 1 from the top-left. */
const sample = () => {
  const map = makeMap([
    note('n0', 40, 60, { personaIds: ['pA'] }),
    note('n1', 260, 60),
    note('n2', 480, 60, { personaIds: ['pB'] }),
  ]);
  map.personas = personas;
  return map;
};

/**
 * Alpha (0-255) of the notes layer's canvas at a point of the stage (inside a note's card, away
 * from its text). The canvas may reach past the stage and be moved by a CSS transform: its box on
 * the page says where each of its pixels is shown.
 */
function notesAlpha(x: number, y: number): number {
  const stage = Konva.stages[Konva.stages.length - 1]!;
  const layer = stage.findOne<Konva.Layer>('.notes')!;
  const canvas = layer.getCanvas();
  const stageBox = stage.content.getBoundingClientRect();
  const box = canvas._canvas.getBoundingClientRect();
  const ratio = canvas.getPixelRatio();
  const cx = (x + stageBox.left - box.left) * ratio;
  const cy = (y + stageBox.top - box.top) * ratio;
  return layer.getContext()._context.getImageData(Math.round(cx), Math.round(cy), 1, 1).data[3]!;
}

const picker = () => document.querySelector('[data-testid="persona-picker"]');
const button = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="persona-${id}"]`)!;

describe('persona lens and tags', () => {
  test('the lens draws tagged notes as usual and dims the others, also as far-out blocks', async () => {
    const m = await mount(sample(), undefined, { lensPersonaId: 'pA' });
    await m.c.nextFrame();
    expect(m.c.lens).toBe('pA');
    // Near each note's top-left corner: card colour, no text.
    expect(notesAlpha(50, 70)).toBe(255);
    expect(notesAlpha(270, 70)).toBeGreaterThan(40);
    expect(notesAlpha(270, 70)).toBeLessThan(90);
    expect(notesAlpha(490, 70)).toBeLessThan(90);

    await m.rerender({ lensPersonaId: null });
    await m.c.nextFrame();
    expect(notesAlpha(270, 70)).toBe(255);
    expect(notesAlpha(490, 70)).toBe(255);

    // Far out (blocks, painted into the cached region): the same.
    await m.rerender({ lensPersonaId: 'pB' });
    m.c.setCamera({ x: -100, y: -100, zoom: 0.15 });
    await m.c.nextFrame();
    const at = (bx: number, by: number) => notesAlpha((bx + 100) * 0.15, (by + 100) * 0.15);
    expect(at(560, 140)).toBe(255);
    expect(at(120, 140)).toBeLessThan(90);
    expect(at(340, 140)).toBeLessThan(90);
  });

  test('a lens on a persona the map does not have is off', async () => {
    const m = await mount(sample(), undefined, { lensPersonaId: 'nobody' });
    await m.c.nextFrame();
    expect(m.c.lens).toBeNull();
    expect(notesAlpha(270, 70)).toBe(255);
  });

  test('the picker tags all selected notes as one undo step, saved in one write, and untags when all have it', async () => {
    const m = await mount(sample());
    expect(picker()).toBeNull();
    m.c.setSelection(['n1', 'n2']);
    await expect.poll(() => picker()).not.toBeNull();
    expect(button('pA').textContent).toContain('BP');
    expect(button('pA').textContent).toContain('Busy Parent');
    expect(button('pB').title).toBe('Student (some)');

    const steps = m.c.undoDepth();
    button('pA').click();
    expect(m.c.note('n1')!.personaIds).toEqual(['pA']);
    expect(m.c.note('n2')!.personaIds).toEqual(['pB', 'pA']);
    expect(m.c.undoDepth()).toBe(steps + 1);
    await m.c.whenSaved();
    const writes = applyCalls(m.api);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.input).toEqual({
      mapId: 'm1',
      changes: [
        { type: 'note', op: 'update', id: 'n1', patch: { personaIds: ['pA'] } },
        { type: 'note', op: 'update', id: 'n2', patch: { personaIds: ['pB', 'pA'] } },
      ],
    });
    await expect.poll(() => button('pA').getAttribute('aria-pressed')).toBe('true');

    m.c.undo();
    expect(m.c.note('n1')!.personaIds).toEqual([]);
    expect(m.c.note('n2')!.personaIds).toEqual(['pB']);
    m.c.redo();
    expect(m.c.note('n2')!.personaIds).toEqual(['pB', 'pA']);

    // All have it: the toggle removes it from all.
    m.c.setSelection(['n1', 'n2']);
    await expect.poll(() => button('pA').getAttribute('aria-pressed')).toBe('true');
    button('pA').click();
    expect(m.c.note('n1')!.personaIds).toEqual([]);
    expect(m.c.note('n2')!.personaIds).toEqual(['pB']);
  });

  test('personas from the panel: a new one shows in the picker; a deleted one leaves the notes, the lens and the history without a write', async () => {
    const m = await mount(sample(), undefined, { personas, lensPersonaId: 'pA' });
    m.c.setSelection(['n1']);
    await expect.poll(() => picker()).not.toBeNull();
    button('pA').click(); // n1 tagged pA: an undo step naming pA
    await m.c.whenSaved();
    const callsBefore = m.api.calls.length;
    const steps = m.c.undoDepth();

    await m.rerender({ personas: [...personas, persona('pC', 'Nurse', 2)], lensPersonaId: 'pA' });
    await expect.poll(() => document.querySelector('[data-testid="persona-pC"]')).not.toBeNull();

    await m.rerender({ personas: [persona('pB', 'Student, renamed', 1, 'pink'), persona('pC', 'Nurse', 2)], lensPersonaId: 'pA' });
    expect(m.c.note('n0')!.personaIds).toEqual([]);
    expect(m.c.note('n1')!.personaIds).toEqual([]);
    expect(m.c.note('n2')!.personaIds).toEqual(['pB']);
    expect(m.c.lens).toBeNull();
    expect(m.c.undoDepth()).toBe(steps);
    await expect.poll(() => button('pB').textContent).toContain('Student, renamed');
    expect(document.querySelector('[data-testid="persona-pA"]')).toBeNull();
    await m.c.whenSaved();
    expect(m.api.calls.length).toBe(callsBefore);

    // Undoing the tag does not bring the deleted persona back, and nothing names it in a write.
    m.c.undo();
    m.c.redo();
    expect(m.c.note('n1')!.personaIds).toEqual([]);
    m.c.commit('Tag', [{ type: 'note', op: 'update', id: 'n0', patch: { personaIds: ['pA', 'pC'] } }]);
    await m.c.whenSaved();
    const after = m.api.calls.slice(callsBefore);
    expect(JSON.stringify(after)).not.toContain('pA');
    expect(after.at(-1)!.input).toMatchObject({ changes: expect.arrayContaining([{ type: 'note', op: 'update', id: 'n0', patch: { personaIds: ['pC'] } }]) });
  });
});
