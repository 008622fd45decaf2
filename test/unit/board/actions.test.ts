import { describe, expect, test } from 'vitest';
import { actionForKey, BOARD_ACTIONS, keyLabel, nudgeForKey, shortcutOf, type KeyLike } from '../../../renderer/board/actions';

const k = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key, code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('board keymap', () => {
  test('maps keys to action ids', () => {
    expect(actionForKey(k('z', { ctrlKey: true }))).toBe('edit.undo');
    expect(actionForKey(k('Z', { metaKey: true, shiftKey: true }))).toBe('edit.redo');
    expect(actionForKey(k('y', { ctrlKey: true }))).toBe('edit.redo');
    expect(actionForKey(k('a', { ctrlKey: true }))).toBe('edit.selectAll');
    expect(actionForKey(k('d', { metaKey: true }))).toBe('board.duplicate');
    expect(actionForKey(k('!', { shiftKey: true, code: 'Digit1' }))).toBe('view.zoomFit');
    expect(actionForKey(k('@', { shiftKey: true, code: 'Digit2' }))).toBe('view.zoomSelection');
    expect(actionForKey(k(')', { shiftKey: true, code: 'Digit0' }))).toBe('view.zoom100');
    expect(actionForKey(k('n'))).toBe('board.note.new');
    expect(actionForKey(k('N', { shiftKey: true }))).toBeNull();
    expect(actionForKey(k('Backspace'))).toBe('board.delete');
    expect(actionForKey(k('v'))).toBe('board.tool.select');
    expect(actionForKey(k('h'))).toBe('board.tool.hand');
    expect(actionForKey(k('q'))).toBeNull();
  });

  test('arrows nudge by 1, shift by 10', () => {
    expect(nudgeForKey(k('ArrowLeft'))).toEqual({ dx: -1, dy: 0 });
    expect(nudgeForKey(k('ArrowDown', { shiftKey: true }))).toEqual({ dx: 0, dy: 10 });
    expect(nudgeForKey(k('ArrowDown', { ctrlKey: true }))).toBeNull();
  });

  test('every declared shortcut runs its own action (the keymap is derived from the declarations)', () => {
    for (const a of BOARD_ACTIONS) {
      if (a.nativeKeys) continue;
      for (const binding of a.keys ?? []) {
        const parts = binding.endsWith('++') ? [...binding.slice(0, -2).split('+'), '+'] : binding.split('+');
        const name = parts.pop()!;
        const digit = /^[0-9]$/.test(name);
        const e = k(digit ? `shifted ${name}` : name.length === 1 ? name.toLowerCase() : name, {
          code: digit ? `Digit${name}` : '',
          ctrlKey: parts.includes('Mod'),
          shiftKey: parts.includes('Shift'),
        });
        expect(actionForKey(e), binding).toBe(a.id);
      }
    }
  });

  test('tooltips say Cmd on a Mac and Ctrl elsewhere; clipboard keys are shown but left to the browser', () => {
    expect(shortcutOf('edit.undo', true)).toBe('Cmd+Z');
    expect(shortcutOf('edit.undo', false)).toBe('Ctrl+Z');
    expect(shortcutOf('edit.redo', true)).toBe('Cmd+Shift+Z');
    expect(keyLabel('Shift+1', true)).toBe('Shift+1');
    expect(shortcutOf('edit.copy', false)).toBe('Ctrl+C');
    expect(actionForKey(k('c', { ctrlKey: true }))).toBeNull();
  });
});
