import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** Whether a key event comes from a field the person types in (its keys, Escape too, are the field's). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT';
}

/**
 * The keyboard rule of a side panel: keys pressed in it are the panel's (the board's window
 * shortcuts, N, Delete, ..., must not act on notes), and Escape outside a text field closes it.
 */
export function sidePanelKeyDown(e: ReactKeyboardEvent, onClose: () => void): void {
  e.stopPropagation();
  if (e.key === 'Escape' && !e.defaultPrevented && !isTextTarget(e.target)) {
    e.preventDefault();
    onClose();
  }
}
