import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { NOTE_COLORS } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { applyCalls, drag, key, liveStages, makeMap, mount, note, pointer, sentRecords, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
  expect(document.querySelector('[data-testid="board"]')).toBeNull();
});

const sample = () =>
  makeMap(
    NOTE_COLORS.map((color, i) =>
      note(`n${i}`, 60 + (i % 4) * 190, 90 + Math.floor(i / 4) * 190, {
        color,
        text: i === 0 ? 'Customer cannot find the booking link on mobile' : i === 3 ? 'Wait' : `Idea ${i}: follow up by email within a day`,
      }),
    ),
  );

type Hook = { noteCount(): number; visibleCount(): number; drawnCount(): number; getCamera(): { x: number; y: number; zoom: number } };
const hook = () => (window as unknown as { __journeyboardBoard: Hook }).__journeyboardBoard;

describe('Board', () => {
  test('draws the notes in view and exposes the test hook', async () => {
    const { c } = await mount(sample());
    expect(hook().noteCount()).toBe(8);
    await c.nextFrame();
    expect(hook().visibleCount()).toBe(8);
    expect(hook().drawnCount()).toBe(8);
    if ((import.meta as { env?: Record<string, string | undefined> }).env?.VITE_BOARD_SCREENSHOT) {
      c.setSelection(['n1']);
      await c.nextFrame();
      await page.screenshot({ path: 'board-shot.png' });
    }
  });

  test('culls notes outside the view and draws blocks when zoomed far out', async () => {
    const notes = [];
    for (let i = 0; i < 2000; i++) notes.push(note(`g${i}`, (i % 50) * 200, Math.floor(i / 50) * 200, { text: '' }));
    const { c } = await mount(makeMap(notes));
    await c.nextFrame();
    expect(hook().visibleCount()).toBeLessThan(60);
    expect(hook().drawnCount()).toBe(hook().visibleCount());
    c.fitAll();
    await c.nextFrame();
    expect(hook().visibleCount()).toBe(2000);
    expect(hook().drawnCount()).toBe(2000);
  });

  test('N creates a note at the pointer and typing goes straight into it; Enter opens the next one below', async () => {
    const { c, api, canvas } = await mount(makeMap([]));
    pointer(canvas, 'pointermove', 400, 300);
    key('n');
    await expect.poll(() => document.querySelector('[data-testid="note-editor"]')).not.toBeNull();
    const first = c.editingId!;
    expect(c.note(first)).toMatchObject({ x: 320, y: 220 });
    await userEvent.keyboard('Long queue at the desk');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => c.editingId).not.toBe(first);
    const second = c.editingId!;
    expect(c.note(first)!.text).toBe('Long queue at the desk');
    expect(c.note(second)!.y).toBeGreaterThan(c.note(first)!.y + 160);
    await userEvent.keyboard('Second{Shift>}{Enter}{/Shift}line');
    await userEvent.keyboard('{Escape}');
    expect(c.editingId).toBeNull();
    expect(c.note(second)!.text).toBe('Second\nline');
    // Each note and its text are one undo step.
    expect(c.undoDepth()).toBe(2);
    await c.whenSaved();
    const created = sentRecords(api, 'create');
    const updated = sentRecords(api, 'update');
    const textOf = (id: string) => [...created, ...updated].filter((n) => n.id === id && n.text !== undefined).at(-1)?.text;
    expect(textOf(first)).toBe('Long queue at the desk');
    expect(textOf(second)).toBe('Second\nline');
  });

  test('Escape on an empty new note drops it and its undo step', async () => {
    const { c } = await mount(makeMap([]));
    key('n');
    await expect.poll(() => c.editingId).not.toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(c.noteCount()).toBe(0);
    expect(c.canUndo()).toBe(false);
  });

  test('double-click on empty board creates a note; on a note edits it', async () => {
    const { c, canvas } = await mount(sample());
    canvas.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, clientX: canvas.getBoundingClientRect().left + 140, clientY: canvas.getBoundingClientRect().top + 170 }));
    expect(c.editingId).toBe('n0');
    await userEvent.keyboard('{Escape}');
    const r = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, clientX: r.left + 900, clientY: r.top + 600 }));
    expect(c.noteCount()).toBe(9);
    expect(c.editingId).not.toBeNull();
  });

  test('dragging a selection moves every note in one undo step; undo and redo restore it', async () => {
    const { c, canvas } = await mount(sample());
    c.setSelection(['n0', 'n1']);
    drag(canvas, { x: 100, y: 120 }, { x: 150, y: 200 });
    expect(c.note('n0')).toMatchObject({ x: 110, y: 170 });
    expect(c.note('n1')).toMatchObject({ x: 300, y: 170 });
    expect(c.undoDepth()).toBe(1);
    key('z', { ctrlKey: true });
    expect(c.note('n0')).toMatchObject({ x: 60, y: 90 });
    expect(c.note('n1')).toMatchObject({ x: 250, y: 90 });
    key('z', { ctrlKey: true, shiftKey: true });
    expect(c.note('n0')).toMatchObject({ x: 110, y: 170 });
    key('z', { ctrlKey: true });
    key('y', { ctrlKey: true });
    expect(c.note('n1')).toMatchObject({ x: 300, y: 170 });
  });

  test('click selects, shift-click adds, a marquee selects what it touches, Delete removes', async () => {
    const { c, canvas } = await mount(sample());
    drag(canvas, { x: 100, y: 120 }, { x: 100, y: 120 });
    expect([...c.selection]).toEqual(['n0']);
    drag(canvas, { x: 300, y: 120 }, { x: 300, y: 120 }, { shiftKey: true });
    expect(new Set(c.selection)).toEqual(new Set(['n0', 'n1']));
    drag(canvas, { x: 20, y: 260 }, { x: 260, y: 500 });
    expect(new Set(c.selection)).toEqual(new Set(['n4', 'n5']));
    key('Delete');
    expect(c.hasNote('n4')).toBe(false);
    expect(c.hasNote('n5')).toBe(false);
    key('z', { ctrlKey: true });
    expect(c.noteCount()).toBe(8);
  });

  test('keys pressed in another part of the page are not the board’s', async () => {
    const { c } = await mount(sample());
    const outside = document.createElement('button');
    document.body.appendChild(outside);
    outside.focus();
    c.setSelection(['n0']);
    outside.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    expect(c.hasNote('n0')).toBe(true);
    outside.remove();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    expect(c.hasNote('n0')).toBe(false);
  });

  test('arrow keys nudge the selection, shift by 10', async () => {
    const { c } = await mount(sample());
    c.setSelection(['n2']);
    key('ArrowRight');
    key('ArrowDown', { shiftKey: true });
    expect(c.note('n2')).toMatchObject({ x: 441, y: 100 });
  });

  test('select all, duplicate, colour', async () => {
    const { c } = await mount(sample());
    key('a', { ctrlKey: true });
    expect(c.selection.size).toBe(8);
    key('d', { ctrlKey: true });
    expect(c.noteCount()).toBe(16);
    expect(c.selection.size).toBe(8);
    expect([...c.selection].every((id) => id.length > 10)).toBe(true);
    (document.querySelector('[data-testid="color-blue"]') as HTMLButtonElement).click();
    expect([...c.selection].every((id) => c.note(id)!.color === 'blue')).toBe(true);
    key('z', { ctrlKey: true });
    key('z', { ctrlKey: true });
    expect(c.noteCount()).toBe(8);
  });

  test('copy and paste through clipboard events, and plain text makes one note per line', async () => {
    const { c, canvas } = await mount(sample());
    c.setSelection(['n0', 'n1']);
    const data = new DataTransfer();
    document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    expect(data.getData('application/x-journeyboard-notes')).toContain('booking link');
    expect(data.getData('text/plain').split('\n')).toHaveLength(2);
    pointer(canvas, 'pointermove', 600, 500);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    expect(c.noteCount()).toBe(10);
    const pasted = [...c.selection].map((id) => c.note(id)!);
    expect(pasted.map((n) => n.text).sort()).toEqual([c.note('n0')!.text, c.note('n1')!.text].sort());
    expect(pasted[1]!.x - pasted[0]!.x).toBe(190);

    const text = new DataTransfer();
    text.setData('text/plain', 'one\ntwo\n\nthree\n');
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: text, bubbles: true, cancelable: true }));
    expect(c.noteCount()).toBe(13);

    const cut = new DataTransfer();
    document.dispatchEvent(new ClipboardEvent('cut', { clipboardData: cut, bubbles: true, cancelable: true }));
    expect(c.noteCount()).toBe(10);
  });

  test('ctrl+wheel zooms around the pointer; a plain wheel pans', async () => {
    const { canvas } = await mount(sample());
    const r = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100, clientX: r.left + 200, clientY: r.top + 100 }));
    const cam = hook().getCamera();
    expect(cam.zoom).toBeGreaterThan(1);
    // The board point under the pointer stays put.
    expect(cam.x + 200 / cam.zoom).toBeCloseTo(200, 6);
    expect(cam.y + 100 / cam.zoom).toBeCloseTo(100, 6);
    canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaX: 30, deltaY: 60 }));
    const after = hook().getCamera();
    expect(after.x - cam.x).toBeCloseTo(30 / cam.zoom, 6);
    expect(after.y - cam.y).toBeCloseTo(60 / cam.zoom, 6);
  });

  test('hand tool and space drag pan; shift+1, shift+2 and shift+0 zoom', async () => {
    const { c, canvas } = await mount(sample());
    key('h');
    drag(canvas, { x: 500, y: 500 }, { x: 400, y: 450 });
    expect(hook().getCamera()).toMatchObject({ x: 100, y: 50 });
    key('v');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    drag(canvas, { x: 500, y: 500 }, { x: 600, y: 550 });
    window.dispatchEvent(new KeyboardEvent('keyup', { key: ' ' }));
    expect(hook().getCamera()).toMatchObject({ x: 0, y: 0 });
    drag(canvas, { x: 500, y: 500 }, { x: 450, y: 500 }, { button: 1 });
    expect(hook().getCamera().x).toBe(50);

    key('!', { shiftKey: true, code: 'Digit1' });
    expect(hook().getCamera().zoom).toBeLessThanOrEqual(1);
    c.setSelection(['n3']);
    key('@', { shiftKey: true, code: 'Digit2' });
    expect(hook().getCamera().zoom).toBe(2);
    key(')', { shiftKey: true, code: 'Digit0' });
    expect(hook().getCamera().zoom).toBe(1);
    expect(c.ui.getState().camera.zoom).toBe(1);
    expect(document.querySelector('[data-testid="zoom-percent"]')!.textContent).toBe('100%');
  });

  test('resizing through the transformer normalises scale into width and height', async () => {
    const { c } = await mount(sample());
    c.setSelection(['n0']);
    const stage = (await import('konva')).default.stages[0]!;
    const tr = stage.findOne('Transformer') as import('konva').default.Transformer;
    const rect = tr.nodes()[0]!;
    rect.fire('transformstart');
    rect.scale({ x: 1.5, y: 2 });
    rect.fire('transform');
    expect(rect.scaleX()).toBe(1);
    expect(rect.width()).toBe(240);
    rect.fire('transformend');
    expect(c.note('n0')).toMatchObject({ width: 240, height: 320 });
    key('z', { ctrlKey: true });
    expect(c.note('n0')).toMatchObject({ width: 160, height: 160 });
  });

  test('resizing several notes scales their sizes and positions with the box, in one step', async () => {
    const { c } = await mount(sample());
    c.setSelection(['n0', 'n1']);
    const Konva = (await import('konva')).default;
    const tr = Konva.stages[0]!.findOne('Transformer') as import('konva').default.Transformer;
    const rect = tr.nodes()[0]!;
    expect(rect.width()).toBe(350);
    rect.fire('transformstart');
    rect.scale({ x: 2, y: 1 });
    rect.fire('transform');
    rect.fire('transformend');
    expect(c.note('n0')).toMatchObject({ x: 60, width: 320, height: 160 });
    expect(c.note('n1')).toMatchObject({ x: 440, width: 320 });
    expect(c.undoDepth()).toBe(1);
    key('z', { ctrlKey: true });
    expect(c.note('n1')).toMatchObject({ x: 250, width: 160 });
  });

  test('a failed write shows in the status pill and is retried until it lands', async () => {
    const { c, api } = await mount(sample());
    api.failNext = 1;
    c.setSelection(['n0']);
    key('ArrowRight');
    const pill = () => document.querySelector('[data-testid="save-status"]')!.getAttribute('data-status');
    await expect.poll(pill).toBe('error');
    expect(document.querySelector('[data-testid="save-status"]')!.textContent).toContain('retrying');
    await expect.poll(pill, { timeout: 5000 }).toBe('saved');
    const updates = applyCalls(api);
    expect(updates).toHaveLength(2);
    expect(updates[1]!.input).toEqual({ mapId: 'm1', changes: [{ type: 'note', op: 'update', id: 'n0', patch: { x: 61 } }] });
  });

  test('closing the page asks first while a change could be lost, and not once everything is saved', async () => {
    const { c, api } = await mount(sample());
    const pill = () => document.querySelector('[data-testid="save-status"]')!.getAttribute('data-status');
    const close = () => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented ? 'asks' : 'closes';
    };
    expect(close()).toBe('closes');

    // A write is failing: leaving now would lose the move.
    api.failNext = 1;
    c.setSelection(['n0']);
    key('ArrowRight');
    await expect.poll(pill).toBe('error');
    expect(close()).toBe('asks');
    await expect.poll(pill, { timeout: 5000 }).toBe('saved');
    expect(close()).toBe('closes');

    // A write is in flight and another change waits behind it: closing would lose the second.
    let land: () => void = () => {};
    api.respond = () => new Promise<void>((resolve) => (land = resolve));
    key('ArrowRight');
    await expect.poll(() => applyCalls(api).length).toBe(3);
    expect(close()).toBe('closes'); // only the write in flight: it is already on its way
    key('ArrowDown');
    expect(close()).toBe('asks');
    land();
    await expect.poll(() => applyCalls(api).length).toBe(4);
    land();
    await expect.poll(pill).toBe('saved');
    expect(close()).toBe('closes');
  });

  test('a create that already landed (conflict on retry) is not retried forever', async () => {
    const { c, api } = await mount(sample());
    const stored = new Set(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    api.respond = (method, input) => {
      if (method === 'changes.apply') {
        const changes = (input as { changes: { op: string; id: string }[] }).changes;
        const index = changes.findIndex((x) => x.op === 'create' && stored.has(x.id));
        if (index >= 0) throw new ApiError('conflict', 'a note with that id already exists', index);
        for (const x of changes) stored.add(x.id);
      }
      return {};
    };
    c.setSelection(['n0']);
    key('d', { ctrlKey: true });
    const copy = [...c.selection][0]!;
    stored.add(copy); // as if the first attempt had landed
    await c.whenSaved();
    expect(c.ui.getState().saveStatus).toBe('saved');
    expect(applyCalls(api).length).toBeLessThanOrEqual(2);
  });

  test('clicking the minimap centres the view on that point', async () => {
    const { c } = await mount(makeMap([note('a', 0, 0), note('b', 4000, 3000)]));
    // The minimap lays out the board in its first animation frame, which may come after `ready`.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const mm = document.querySelector('[data-testid="minimap"] canvas:last-child') as HTMLCanvasElement;
    const r = mm.getBoundingClientRect();
    mm.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: r.right - 10, clientY: r.bottom - 10, pointerId: 7 }));
    mm.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, clientX: r.right - 10, clientY: r.bottom - 10, pointerId: 7 }));
    const centre = c.viewCenter();
    expect(centre.x).toBeGreaterThan(3000);
    expect(centre.y).toBeGreaterThan(2000);
  });

  test('the menu action ids run while the board is mounted', async () => {
    const { runAction } = await import('../../../renderer/actions/registry');
    const { c } = await mount(sample());
    expect(runAction('view.zoomIn')).toBe(true);
    expect(hook().getCamera().zoom).toBe(1.25);
    expect(runAction('view.zoomOut')).toBe(true);
    expect(runAction('edit.selectAll')).toBe(true);
    expect(c.selection.size).toBe(8);
    // While the note editor has focus, the menu's Undo edits the text, not the board.
    c.setSelection([]);
    key('n');
    await expect.poll(() => c.editingId).not.toBeNull();
    await userEvent.keyboard('abc');
    const steps = c.undoDepth();
    expect(runAction('edit.undo')).toBe(true);
    expect(c.undoDepth()).toBe(steps);
    expect(c.editingId).not.toBeNull();
    await userEvent.keyboard('{Escape}');
    unmountCurrent();
    expect(runAction('view.zoomIn')).toBe(false);
  });
});
