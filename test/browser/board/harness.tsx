import { createRoot, type Root } from 'react-dom/client';
import { act } from 'react';
import Konva from 'konva';
import type { JourneyboardApi, MethodInput, MethodName } from '../../../shared/api';
import type { JourneyMap, Note, Persona } from '../../../shared/domain';
import { Board } from '../../../renderer/board/Board';
import type { BoardController } from '../../../renderer/board/BoardController';
import { storedNote } from '../../fixtures/notes';
import { blankMap } from '../../fixtures/maps';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface FakeApi extends JourneyboardApi {
  calls: { method: string; input: unknown }[];
  /** Number of next calls to fail (a write error). */
  failNext: number;
  /** Optional answer per call; may throw. */
  respond?: (method: string, input: unknown) => unknown;
}

export function fakeApi(): FakeApi {
  const api: FakeApi = {
    calls: [],
    failNext: 0,
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      api.calls.push({ method, input: structuredClone(input) });
      if (api.failNext > 0) {
        api.failNext--;
        throw new Error('disk is full');
      }
      return (api.respond ? api.respond(method, input) : {}) as never;
    },
  };
  return api;
}

export function note(id: string, x: number, y: number, extra: Partial<Note> = {}): Note {
  return storedNote(id, { text: `note ${id}`, x, y, ...extra });
}

export function makeMap(notes: Note[], camera: JourneyMap['camera'] = { x: 0, y: 0, zoom: 1 }): JourneyMap {
  return { ...blankMap(), id: 'm1', title: 'Test map', createdAt: 0, updatedAt: 0, camera, personaId: null, personas: [], participants: [], rounds: [], votes: [], metrics: [], stages: [], lanes: [], notes };
}

export interface Mounted {
  c: BoardController;
  api: FakeApi;
  host: HTMLElement;
  canvas: HTMLElement;
  /** Renders the board again with other optional props (the map screen's updates). */
  rerender(props: BoardProps): Promise<void>;
  unmount(): void;
}

/** The Board's optional props a test may pass. */
export interface BoardProps {
  personas?: Persona[];
  lensPersonaId?: string | null;
}

let current: { root: Root; div: HTMLDivElement } | null = null;

/** Renders a Board into a fixed-size box and waits for its first frame. */
export async function mount(map: JourneyMap, api = fakeApi(), props: BoardProps = {}): Promise<Mounted> {
  const div = document.createElement('div');
  div.style.cssText = 'position:fixed;left:0;top:0;width:1000px;height:700px;';
  document.body.appendChild(div);
  const root = createRoot(div);
  let controller: BoardController | null = null;
  const onController = (c: BoardController) => (controller = c);
  await act(async () => {
    root.render(<Board map={map} api={api} onController={onController} {...props} />);
  });
  const c = controller as unknown as BoardController;
  await c.ready;
  current = { root, div };
  const host = div.querySelector('[data-testid="board"]') as HTMLElement;
  const canvas = div.querySelector('[data-testid="board-canvas"] .konvajs-content') as HTMLElement;
  return {
    c,
    api,
    host,
    canvas,
    rerender: async (next) => {
      await act(async () => {
        root.render(<Board map={map} api={api} onController={onController} {...next} />);
      });
    },
    unmount: () => unmountCurrent(),
  };
}

export function unmountCurrent(): void {
  if (!current) return;
  const { root, div } = current;
  current = null;
  act(() => root.unmount());
  div.remove();
}

/** Konva stages still alive (a test must leave none). */
export function liveStages(): number {
  return Konva.stages.length;
}

let pointerSeq = 1;

/** A pointer gesture on the board canvas, in canvas pixels. */
export function pointer(el: HTMLElement, type: 'pointerdown' | 'pointermove' | 'pointerup', x: number, y: number, init: PointerEventInit = {}) {
  const r = el.getBoundingClientRect();
  el.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      cancelable: true,
      clientX: r.left + x,
      clientY: r.top + y,
      pointerId: pointerSeq,
      button: type === 'pointermove' ? -1 : 0,
      buttons: type === 'pointerup' ? 0 : 1,
      ...init,
    }),
  );
}

export function drag(el: HTMLElement, from: { x: number; y: number }, to: { x: number; y: number }, init: PointerEventInit = {}) {
  pointerSeq++;
  pointer(el, 'pointerdown', from.x, from.y, init);
  const steps = 5;
  for (let i = 1; i <= steps; i++) {
    pointer(el, 'pointermove', from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps, init);
  }
  pointer(el, 'pointerup', to.x, to.y, init);
}

export function key(keyName: string, init: KeyboardEventInit = {}) {
  const code = /^[0-9]$/.test(keyName) ? `Digit${keyName}` : init.code;
  window.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init, code: code ?? '' }));
  window.dispatchEvent(new KeyboardEvent('keyup', { key: keyName, bubbles: true, cancelable: true, ...init, code: code ?? '' }));
}

type SentChange = { type: string; op: 'create' | 'update' | 'delete'; id: string; value?: object; patch?: object };

/** The `changes.apply` calls the board made (its one way to save). */
export function applyCalls(api: FakeApi): { method: string; input: { mapId: string; changes: SentChange[] } }[] {
  return api.calls.filter((x) => x.method === 'changes.apply') as never;
}

/** The changes of one record type and op the board sent, each as `{id, ...fields}` (a create's value, an update's patch). */
export function sentRecords(api: FakeApi, op: SentChange['op'], type = 'note'): ({ id: string } & Record<string, unknown>)[] {
  return applyCalls(api)
    .flatMap((x) => x.input.changes)
    .filter((c) => c.type === type && c.op === op)
    .map((c) => ({ id: c.id, ...(c.value ?? c.patch ?? {}) }));
}

/** The notes layer of the board mounted last. */
export const notesLayer = () => Konva.stages[Konva.stages.length - 1]!.findOne<Konva.Layer>('.notes')!;
/** Resolves on the next animation frame. */
export const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** Waits `n` animation frames. */
export async function frames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await frame();
}
