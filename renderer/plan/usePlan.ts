import { useEffect, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { runAction } from '../actions/registry';
import { actionForKey, isTextTarget } from '../board/actions';
import type { BoardController } from '../board/BoardController';

/**
 * Re-renders the caller after every change of the board's document (edits, undo and redo, what
 * the store sent); never on camera moves. Returns a number that changes with them.
 */
export function useDocVersion(c: BoardController | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!c) return;
    let seen = c.ui.getState().docVersion;
    return c.ui.subscribe((s) => {
      if (s.docVersion === seen) return;
      seen = s.docVersion;
      setVersion((v) => v + 1);
    });
  }, [c]);
  return version;
}

/**
 * Keys while a view beside the board shows. Undo and redo (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y)
 * run the board's own actions, so the one history covers every view: the board answers them when
 * nothing has focus, this anywhere else outside a text field or a dialog (a card, the map bar).
 * Every other key, cut and paste with no focus would reach the hidden board (delete its selection,
 * make a note): they are kept from it and the view takes the focus. Returns the unsubscribe.
 */
export function guardKeys(view: () => HTMLElement | null): () => void {
  const unfocused = (t: EventTarget | null) => t === document.body || t === document.documentElement || t === document || t === window;
  const keydown = (e: KeyboardEvent) => {
    if (document.querySelector('dialog[open]')) return;
    const id = actionForKey(e);
    const undo = id === 'edit.undo' || id === 'edit.redo';
    if (unfocused(e.target)) {
      if (undo) return; // the board's own listener runs it
      e.stopImmediatePropagation();
      view()?.focus();
      return;
    }
    if (!undo || isTextTarget(e.target)) return;
    e.preventDefault();
    runAction(id!);
  };
  const clip = (e: Event) => {
    if (unfocused(e.target)) e.stopImmediatePropagation();
  };
  // Capture, so this runs before the board's listeners on the same window and document.
  window.addEventListener('keydown', keydown, true);
  document.addEventListener('paste', clip, true);
  document.addEventListener('cut', clip, true);
  return () => {
    window.removeEventListener('keydown', keydown, true);
    document.removeEventListener('paste', clip, true);
    document.removeEventListener('cut', clip, true);
  };
}

/**
 * A card dragged with the pointer: it follows the pointer (a CSS transform, no render per move)
 * once it has moved 4 px, and `onDrop` gets where it was let go. A press that does not move is
 * left to the card's buttons. Elements marked `data-nodrag` never start a drag.
 */
export function startDrag(e: ReactPointerEvent<HTMLElement>, onDrop: (x: number, y: number) => void): void {
  if (e.button !== 0 || (e.target instanceof Element && e.target.closest('[data-nodrag]'))) return;
  const el = e.currentTarget;
  const sx = e.clientX;
  const sy = e.clientY;
  const pointer = e.pointerId;
  let moving = false;
  try {
    el.setPointerCapture(pointer);
  } catch {
    // A synthetic pointer cannot be captured; the listeners below still see it.
  }
  const move = (ev: PointerEvent) => {
    const dx = ev.clientX - sx;
    const dy = ev.clientY - sy;
    if (!moving && Math.hypot(dx, dy) < 4) return;
    moving = true;
    el.classList.add('dragging');
    el.style.transform = `translate(${dx}px, ${dy}px)`;
  };
  const end = (ev: PointerEvent, drop: boolean) => {
    el.removeEventListener('pointermove', move);
    el.removeEventListener('pointerup', up);
    el.removeEventListener('pointercancel', cancel);
    el.classList.remove('dragging');
    el.style.transform = '';
    if (drop && moving) onDrop(ev.clientX, ev.clientY);
  };
  const up = (ev: PointerEvent) => end(ev, true);
  const cancel = (ev: PointerEvent) => end(ev, false);
  el.addEventListener('pointermove', move);
  el.addEventListener('pointerup', up);
  el.addEventListener('pointercancel', cancel);
}

/** Whether a point (screen pixels) is inside an element's box. */
export function within(el: Element | null, x: number, y: number): boolean {
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}
