import { act } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { JourneyMap, Lane, Note, Stage } from '../../../shared/domain';
import { panTo } from '../../../renderer/board/FrameOverlay';
import { blankMap } from '../../fixtures/maps';
import { drag, fakeApi, key, liveStages, mount, note, sentRecords, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

// Same frame as Frame.test.tsx: lane headers 200 wide, stage headers 88 tall, empty columns 364 wide.
const CAMERA = { x: -20, y: -20, zoom: 0.5 };
const screen = (x: number, y: number) => ({ x: (x - CAMERA.x) * CAMERA.zoom, y: (y - CAMERA.y) * CAMERA.zoom });
const stage = (id: string, position: number): Stage => ({ id, mapId: 'm1', name: `Stage ${id}`, description: '', position, emotion: null, goal: '', expectations: '' });
const lane = (id: string, position: number, kind: Lane['kind']): Lane => ({ id, mapId: 'm1', name: `Lane ${id}`, kind, position, collapsed: false });

function journey(notes: Note[]): JourneyMap {
  return {
    ...blankMap(),
    id: 'm1',
    title: 'Journey',
    createdAt: 0,
    updatedAt: 0,
    camera: CAMERA,
    personaId: null,
    participants: [],
    rounds: [],
    votes: [],
    metrics: [],
    personas: [],
    stages: [stage('s1', 0), stage('s2', 1), stage('s3', 2)],
    lanes: [lane('act', 0, 'actions'), lane('pain', 1, 'pain_points'), lane('own', 2, 'custom')],
    notes,
  };
}

function answering() {
  const api = fakeApi();
  api.respond = () => ({});
  return api;
}

describe('the journey frame by keyboard', () => {
  test('every stage and lane header is a named button that opens its menu; Escape gives focus back', async () => {
    const { c, host } = await mount(journey([]), answering());
    const names = [...host.querySelectorAll<HTMLButtonElement>('button[aria-haspopup="menu"]')].map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual(['Stage: Stage s1', 'Stage: Stage s2', 'Stage: Stage s3', 'Lane: Lane act', 'Lane: Lane pain', 'Lane: Lane own']);
    const s2 = host.querySelector<HTMLButtonElement>('[data-testid="header-button-stage-s2"]')!;
    s2.focus();
    await userEvent.keyboard('{Enter}');
    expect(c.ui.getState().headerMenu).toEqual({ type: 'stage', id: 's2' });
    expect(s2.getAttribute('aria-expanded')).toBe('true');
    const menu = host.querySelector<HTMLElement>('[data-testid="header-menu"]')!;
    expect(menu.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(c.ui.getState().headerMenu).toBeNull();
    expect(document.activeElement).toBe(s2);
    // The buttons let the pointer through: dragging a header still reorders the stages.
    expect(getComputedStyle(s2).pointerEvents).toBe('none');
  });

  test('focusing a header out of view pans the camera to it', async () => {
    const { c, host } = await mount(journey([]), answering());
    act(() => {
      c.setCamera({ x: 5000, y: 3000, zoom: 1 });
      host.querySelector<HTMLButtonElement>('[data-testid="header-button-lane-own"]')!.focus();
    });
    const view = c.viewArea()!.rect;
    const header = c.frame!.rows[2]!.header;
    expect(header.x >= view.x && header.x + header.width <= view.x + view.width).toBe(true);
    expect(header.y >= view.y && header.y + header.height <= view.y + view.height).toBe(true);
    expect(host.scrollTop).toBe(0);
  });

  test('M opens Move to cell; Move puts the selected note in the cell after its notes, one undo step', async () => {
    const { c, api } = await mount(journey([note('a', 1400, 100, { kind: 'thought' }), note('b', 0, 0, { stageId: 's2', laneId: 'pain', kind: 'pain_point' })]), answering());
    await c.whenSaved();
    act(() => {
      c.setSelection(['a']);
      key('m');
    });
    const dialog = await waitFor(() => document.querySelector<HTMLDialogElement>('dialog[open]'));
    expect(dialog.querySelector('h2')?.textContent).toBe('Move the note to a cell');
    const [stageSelect, laneSelect] = [...dialog.querySelectorAll('select')];
    expect(document.activeElement).toBe(stageSelect);
    await userEvent.selectOptions(stageSelect!, 's2');
    await userEvent.selectOptions(laneSelect!, 'pain');
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
    await userEvent.keyboard('{Enter}');
    expect(document.querySelector('dialog[open]')).toBeNull();
    expect(c.note('a')).toMatchObject({ stageId: 's2', laneId: 'pain', kind: 'pain_point' });
    // After b in the cell, as a drop below b would be.
    expect(c.frame!.cells.find((x) => x.stageId === 's2' && x.laneId === 'pain')!.noteIds).toEqual(['b', 'a']);
    expect(c.undoDepth()).toBe(1);
    await c.whenSaved();
    expect(sentRecords(api, 'update').filter((p) => p.id === 'a').reduce((acc, p) => ({ ...acc, ...p }), {})).toMatchObject({ stageId: 's2', laneId: 'pain', kind: 'pain_point' });
    act(() => c.undo());
    expect(c.note('a')).toMatchObject({ stageId: null, laneId: null, kind: 'thought', x: 1400, y: 100 });
  });

  test('Move to cell does nothing without a selection; the mouse drop is unchanged', async () => {
    const { c, canvas } = await mount(journey([note('a', 1400, 100, { kind: 'thought' })]), answering());
    act(() => key('m'));
    expect(c.ui.getState().cellPicker).toBe(false);
    expect(c.moveSelectionToCell('s1', 'act')).toBe(false);
    act(() => drag(canvas, screen(1480, 180), screen(300, 200)));
    expect(c.note('a')).toMatchObject({ stageId: 's1', laneId: 'act' });
  });
});

describe('panTo', () => {
  const view = { x: 0, y: 0, width: 1000, height: 600 };
  test('keeps the camera when the rectangle is in view, else moves it the least', () => {
    expect(panTo(view, { x: 100, y: 100, width: 200, height: 80 }, 10)).toEqual({ x: 0, y: 0 });
    expect(panTo(view, { x: 1200, y: 100, width: 200, height: 80 }, 10)).toEqual({ x: 410, y: 0 });
    expect(panTo(view, { x: -300, y: -200, width: 200, height: 80 }, 10)).toEqual({ x: -310, y: -210 });
    // Too wide to fit: its left edge is shown.
    expect(panTo(view, { x: 2000, y: 0, width: 5000, height: 80 }, 10)).toEqual({ x: 1990, y: 0 });
  });
});

async function waitFor<T>(fn: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}
