import { afterEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { JourneyMap, Persona } from '../../../shared/domain';
import { PersonasPanel } from '../../../renderer/panels/PersonasPanel';
import { MapPersonaChip } from '../../../renderer/screens/MapPersonaChip';
import type { BoardController } from '../../../renderer/board/BoardController';
import { applyCalls, fakeApi, liveStages, makeMap, mount, note, unmountCurrent } from './harness';

// The persona the map is for is a change like any record's (issue 10): choosing it in the Personas
// panel, or deleting it, is one undo step on the board, and the map bar's "For:" chip follows the
// board's document, after undo and redo too.

let side: { root: Root; div: HTMLDivElement } | null = null;
afterEach(() => {
  if (side) {
    const { root, div } = side;
    act(() => root.unmount());
    div.remove();
    side = null;
  }
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

const persona = (id: string, name: string, position: number): Persona => ({
  id,
  mapId: 'm1',
  name,
  role: '',
  quote: '',
  goals: '',
  needs: '',
  frustrations: '',
  photo: null,
  color: 'teal',
  position,
});

/** The map bar's chip and the Personas panel beside the board, as the map screen has them. */
function Beside({ start, board }: { start: JourneyMap; board: BoardController }) {
  const [map, setMap] = useState(start);
  return (
    <>
      <MapPersonaChip map={map} board={board} lens={false} onOpen={() => {}} />
      <PersonasPanel map={map} onMapChange={setMap} lensPersonaId={null} onLensChange={() => {}} onClose={() => {}} board={() => board} />
    </>
  );
}

async function open() {
  const map = makeMap([note('n0', 40, 60, { personaIds: ['pA'] })]);
  map.personas = [persona('pA', 'Busy Parent', 0), persona('pB', 'Student', 1)];
  map.personaId = 'pA';
  const api = fakeApi();
  const m = await mount(map, api);
  const div = document.createElement('div');
  div.style.cssText = 'position:fixed;right:0;top:0;width:380px;height:700px;overflow:auto;';
  document.body.appendChild(div);
  const root = createRoot(div);
  side = { root, div };
  await act(async () => root.render(<Beside start={map} board={m.c} />));
  return { ...m, api };
}

const chip = () => page.getByRole('button', { name: /^For: / });

describe('the persona the map is for', () => {
  test('choosing it in the panel is one undo step saved as a change; the chip follows undo and redo', async () => {
    const { c, api } = await open();
    await expect.element(chip()).toHaveTextContent('For: Busy Parent');
    await page.getByLabelText('This map is for').selectOptions('Student');
    await expect.element(chip()).toHaveTextContent('For: Student');
    expect(c.mapPersonaId).toBe('pB');
    await c.saveNow();
    expect(api.calls.map((x) => x.method)).not.toContain('maps.setPersona');
    expect(applyCalls(api).flatMap((x) => x.input.changes)).toContainEqual({ type: 'map', op: 'update', id: 'm1', patch: { personaId: 'pB' } });

    await act(async () => c.undo());
    await expect.element(chip()).toHaveTextContent('For: Busy Parent');
    await expect.element(page.getByLabelText('This map is for')).toHaveValue('pA');
    await act(async () => c.redo());
    await expect.element(chip()).toHaveTextContent('For: Student');
  });

  test('deleting it clears the chip; undo brings the persona and the chip back', async () => {
    const { c, api } = await open();
    await page.getByRole('button', { name: 'Delete Busy Parent' }).click();
    await page.getByRole('button', { name: 'Delete persona' }).click();
    await expect.element(chip()).not.toBeInTheDocument();
    expect(c.mapPersonaId).toBeNull();
    await expect.element(page.getByLabelText('This map is for')).toHaveValue('');

    await act(async () => c.undo());
    await expect.element(chip()).toHaveTextContent('For: Busy Parent');
    expect(c.personas.map((p) => p.id)).toEqual(['pA', 'pB']);
    await expect.element(page.getByLabelText('This map is for')).toHaveValue('pA');
    await c.saveNow();
    // Deleting and restoring went through changes.apply only; the store's copy follows the board.
    expect(api.calls.map((x) => x.method).filter((m) => m !== 'changes.apply' && m !== 'maps.setCamera')).toEqual([]);
  });
});
