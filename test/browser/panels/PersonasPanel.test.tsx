import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { useLayoutEffect, useState } from 'react';
import type { JourneyMap, Persona } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { PersonasPanel } from '../../../renderer/panels/PersonasPanel';
import { useNotices } from '../../../renderer/state/notices';
import { sampleMap, samplePersona } from '../journey/sampleMap';
import { fakeApi, render, unmountCurrent, wantScreenshots, type FakeApi } from './harness';

/** What the host (the map screen, in the app) holds: the map and the lens. */
const state: { map: JourneyMap; lens: string | null; closed: number } = { map: sampleMap(), lens: null, closed: 0 };

function Host({ initial, api }: { initial: JourneyMap; api: FakeApi }) {
  const [map, setMap] = useState(initial);
  const [lens, setLens] = useState<string | null>(null);
  useLayoutEffect(() => {
    state.map = map;
    state.lens = lens;
  }, [map, lens]);
  return (
    <div style={{ position: 'absolute', inset: 0, background: '#f6f7f9' }}>
      <PersonasPanel map={map} onMapChange={setMap} lensPersonaId={lens} onLensChange={setLens} onClose={() => state.closed++} api={api} />
    </div>
  );
}

/** A fake server that answers like the real one, from the host's current map. */
function server(): FakeApi {
  let seq = 10;
  return fakeApi((method, input) => {
    const find = (id: unknown) => state.map.personas.find((p) => p.id === id)!;
    switch (method) {
      case 'personas.create':
        return samplePersona(`p${++seq}`, {
          name: String(input.name),
          role: '',
          quote: '',
          goals: '',
          needs: '',
          frustrations: '',
          color: (input.color as Persona['color']) ?? 'blue',
          position: state.map.personas.length,
        });
      case 'personas.update':
        return { ...find(input.id), ...input };
      case 'personas.delete':
      case 'maps.setPersona':
        return input;
      default:
        throw new Error(`unexpected ${method}`);
    }
  });
}

async function mount(map: JourneyMap, api = server()) {
  await render(<Host initial={map} api={api} />);
  return api;
}

beforeEach(() => {
  useNotices.setState({ notices: [] });
  state.closed = 0;
});

afterEach(() => {
  unmountCurrent();
  expect(document.querySelector('[data-testid="personas-panel"]')).toBeNull();
});

const twoPersonas = () => {
  const map = sampleMap();
  map.personas.push(samplePersona('p2', { name: 'Sam Lee', role: 'Returns a lot', color: 'purple', position: 1, quote: '', photo: null }));
  map.notes[0]!.personaIds = ['p1'];
  map.notes[1]!.personaIds = ['p1', 'p2'];
  return map;
};

describe('PersonasPanel', () => {
  test('adding a persona calls personas.create, shows the card and puts the cursor in its name', async () => {
    const map = sampleMap();
    map.personas = [];
    map.personaId = null;
    const api = await mount(map);
    await expect.element(page.getByRole('heading', { name: 'No personas yet' })).toBeVisible();
    if (wantScreenshots()) await page.screenshot({ path: 'shots/personas-empty.png' });
    await page.getByRole('button', { name: 'Add the first persona' }).click();
    expect(api.calls.map((c) => c.method)).toEqual(['personas.create']);
    expect(api.calls[0]!.input).toMatchObject({ mapId: 'm1', name: 'New persona' });
    const name = page.getByRole('textbox', { name: 'Name' });
    await expect.element(name).toHaveValue('New persona');
    await expect.element(name).toHaveFocus();
    // The first persona becomes the map's persona, as the server does.
    await expect.poll(() => state.map.personaId).toBe(state.map.personas[0]!.id);
    await expect.element(page.getByText('This map’s persona')).toBeVisible();
    // Typing replaces the selected placeholder name; Enter saves it with one call.
    await userEvent.keyboard('Priya{Enter}');
    expect(api.calls.slice(1)).toEqual([{ method: 'personas.update', input: { id: state.map.personas[0]!.id, name: 'Priya' } }]);
    await expect.poll(() => state.map.personas[0]!.name).toBe('Priya');
  });

  test('each field saves on blur with one call for that field only; unchanged fields send nothing', async () => {
    const api = await mount(twoPersonas());
    const card = page.getByRole('listitem', { name: 'Maya Okafor' });
    const goals = card.getByRole('textbox', { name: 'Goals' });
    await goals.click();
    await userEvent.tab();
    expect(api.calls).toEqual([]);
    await goals.fill('Buy once, no returns.\nKnow the total early.');
    await userEvent.tab();
    expect(api.calls).toEqual([{ method: 'personas.update', input: { id: 'p1', goals: 'Buy once, no returns.\nKnow the total early.' } }]);
    await expect.poll(() => state.map.personas.find((p) => p.id === 'p1')!.goals).toBe('Buy once, no returns.\nKnow the total early.');
    const role = card.getByRole('textbox', { name: 'Role' });
    await role.fill('Parent of two');
    await userEvent.keyboard('{Enter}');
    expect(api.calls.at(-1)).toEqual({ method: 'personas.update', input: { id: 'p1', role: 'Parent of two' } });
    expect(api.calls).toHaveLength(2);
  });

  test('a refused update shows the server’s message and keeps what was typed; Escape puts the saved text back', async () => {
    // The fake checks inputs against shared/api.ts: a blank name is refused as the server refuses it.
    const api = server();
    await mount(twoPersonas(), api);
    const card = page.getByRole('listitem', { name: 'Sam Lee' });
    const name = card.getByRole('textbox', { name: 'Name' });
    await name.fill('   ');
    await userEvent.tab();
    await expect.element(card.getByRole('alert')).toHaveTextContent('name: a name cannot be empty.');
    await expect.element(name).toHaveAttribute('aria-invalid', 'true');
    await expect.element(name).toHaveValue('   ');
    expect(useNotices.getState().notices.map((n) => n.message)).toContain('name: a name cannot be empty.');
    expect(state.map.personas.find((p) => p.id === 'p2')!.name).toBe('Sam Lee');
    if (wantScreenshots()) await page.screenshot({ path: 'shots/personas-error.png' });
    await name.click();
    await userEvent.keyboard('{Escape}');
    await expect.element(name).toHaveValue('Sam Lee');
    expect(card.getByRole('alert').query()).toBeNull();
    expect(api.calls).toHaveLength(1);
    // Escape in a field does not close the panel; Escape elsewhere in it does.
    expect(state.closed).toBe(0);
    await card.getByRole('button', { name: 'Delete Sam Lee' }).element().focus();
    await userEvent.keyboard('{Escape}');
    expect(state.closed).toBe(1);
  });

  test('delete asks first, then removes the card and untags its notes', async () => {
    const api = await mount(twoPersonas());
    await page.getByRole('button', { name: 'Highlight Maya Okafor’s notes on the board' }).click();
    await expect.poll(() => state.lens).toBe('p1');
    await page.getByRole('button', { name: 'Delete Maya Okafor' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this persona?' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog).toHaveTextContent('The 2 notes tagged with them stay on the board');
    if (wantScreenshots()) await page.screenshot({ path: 'shots/personas-delete.png' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(api.calls).toEqual([]);
    await page.getByRole('button', { name: 'Delete Maya Okafor' }).click();
    // Escape cancels the dialog, not the panel.
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    expect(state.closed).toBe(0);
    await page.getByRole('button', { name: 'Delete Maya Okafor' }).click();
    await page.getByRole('button', { name: 'Delete persona' }).click();
    expect(api.calls).toEqual([{ method: 'personas.delete', input: { id: 'p1' } }]);
    await expect.element(page.getByRole('listitem', { name: 'Maya Okafor' })).not.toBeInTheDocument();
    expect(state.map.personas.map((p) => p.id)).toEqual(['p2']);
    expect(state.map.personaId).toBeNull();
    expect(state.map.notes[1]!.personaIds).toEqual(['p2']);
    expect(state.map.notes[0]!.personaIds).toEqual([]);
    // The lens was on the deleted persona: it goes off.
    expect(state.lens).toBeNull();
  });

  test('a refused delete is shown and the persona stays', async () => {
    const api = server();
    api.respond = () => {
      throw new ApiError('not_found', 'That persona no longer exists. Reload the map.');
    };
    await mount(twoPersonas(), api);
    await page.getByRole('button', { name: 'Delete Sam Lee' }).click();
    await page.getByRole('button', { name: 'Delete persona' }).click();
    await expect.poll(() => useNotices.getState().notices.map((n) => n.message)).toContain('That persona no longer exists. Reload the map.');
    expect(state.map.personas).toHaveLength(2);
  });

  test('chooses who the map is for, and toggles the persona lens', async () => {
    const api = await mount(twoPersonas());
    await page.getByRole('combobox', { name: 'This map is for' }).selectOptions('Sam Lee');
    expect(api.calls).toEqual([{ method: 'maps.setPersona', input: { id: 'm1', personaId: 'p2' } }]);
    await expect.poll(() => state.map.personaId).toBe('p2');
    await expect.element(page.getByRole('listitem', { name: 'Sam Lee' }).getByText('This map’s persona')).toBeVisible();
    await page.getByRole('combobox', { name: 'This map is for' }).selectOptions('No one in particular');
    expect(api.calls.at(-1)).toEqual({ method: 'maps.setPersona', input: { id: 'm1', personaId: null } });

    const lens = page.getByRole('button', { name: 'Highlight Sam Lee’s notes on the board' });
    await expect.element(lens).toHaveAttribute('aria-pressed', 'false');
    await lens.click();
    await expect.poll(() => state.lens).toBe('p2');
    await expect.element(lens).toHaveAttribute('aria-pressed', 'true');
    await expect.element(page.getByRole('status')).toHaveTextContent('Highlighting notes for Sam Lee');
    if (wantScreenshots()) await page.screenshot({ path: 'shots/personas.png' });
    await page.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => state.lens).toBeNull();
  });

  test('an image dropped on the avatar becomes the photo', async () => {
    const api = await mount(twoPersonas());
    const canvas = document.createElement('canvas');
    canvas.width = 120;
    canvas.height = 200;
    canvas.getContext('2d')!.fillRect(0, 0, 120, 200);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/webp'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'sam.webp', { type: 'image/webp' }));
    const target = page.getByRole('button', { name: 'Add a photo of Sam Lee' }).element();
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    await expect.poll(() => api.calls.length).toBe(1);
    expect(api.calls[0]!.input.id).toBe('p2');
    // Smaller than 256 px: kept at its own size (the short side), square.
    const img = new Image();
    img.src = api.calls[0]!.input.photo as string;
    await img.decode();
    expect([img.naturalWidth, img.naturalHeight]).toEqual([120, 120]);
  });

  test('keys pressed in the panel do not reach the board’s window shortcuts', async () => {
    await mount(twoPersonas());
    const keys: string[] = [];
    const onKey = (e: KeyboardEvent) => keys.push(e.key);
    window.addEventListener('keydown', onKey);
    await page.getByRole('button', { name: 'Highlight Sam Lee’s notes on the board' }).element().focus();
    await userEvent.keyboard('n{Delete}');
    await page.getByRole('listitem', { name: 'Sam Lee' }).getByRole('textbox', { name: 'Goals' }).click();
    await userEvent.keyboard('x');
    window.removeEventListener('keydown', onKey);
    expect(keys).toEqual([]);
  });

  test('a colour is chosen from the swatches with one call', async () => {
    const api = await mount(twoPersonas());
    const colours = page.getByRole('radiogroup', { name: 'Colour for Sam Lee' });
    await colours.getByRole('radio', { name: 'Green' }).click();
    expect(api.calls).toEqual([{ method: 'personas.update', input: { id: 'p2', color: 'green' } }]);
    await expect.element(colours.getByRole('radio', { name: 'Green' })).toHaveAttribute('aria-checked', 'true');
  });

  test('an uploaded photo is cropped to a square JPEG of at most 256 px; a non-image is refused with a message', async () => {
    const api = await mount(twoPersonas());
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 600;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3b5bdb';
    g.fillRect(0, 0, 900, 600);
    g.fillStyle = '#ffd43b';
    g.beginPath();
    g.arc(450, 300, 200, 0, Math.PI * 2);
    g.fill();
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const file = new File([blob], 'maya.png', { type: 'image/png' });
    await userEvent.upload(page.getByLabelText('Photo file for Maya Okafor'), file);
    await expect.poll(() => api.calls.length).toBe(1);
    const photo = api.calls[0]!.input.photo as string;
    expect(api.calls[0]!.input).toEqual({ id: 'p1', photo });
    expect(photo).toMatch(/^data:image\/jpeg;base64,[A-Za-z0-9+/=]+$/);
    const img = new Image();
    img.src = photo;
    await img.decode();
    expect([img.naturalWidth, img.naturalHeight]).toEqual([256, 256]);
    await expect.element(page.getByRole('listitem', { name: 'Maya Okafor' }).getByRole('button', { name: 'Change Maya Okafor’s photo' })).toBeVisible();
    if (wantScreenshots()) await page.screenshot({ path: 'shots/personas-photo.png' });

    await userEvent.upload(page.getByLabelText('Photo file for Sam Lee'), new File(['not a picture'], 'notes.txt', { type: 'text/plain' }));
    await expect.poll(() => useNotices.getState().notices.map((n) => n.message)).toContain('That file is not an image. Choose a PNG, JPEG, WebP or GIF photo.');
    expect(api.calls).toHaveLength(1);

    await page.getByRole('listitem', { name: 'Maya Okafor' }).getByRole('button', { name: 'Remove photo' }).click();
    expect(api.calls.at(-1)).toEqual({ method: 'personas.update', input: { id: 'p1', photo: null } });
  });
});
