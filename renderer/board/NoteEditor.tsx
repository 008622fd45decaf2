import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { BoardController } from './BoardController';
import { NOTE_FONT_FAMILY, NOTE_RGB, SELECTION, TEXT_COLOR, TEXT_FIT } from './theme';
import { layoutFor } from './textLayout';

/**
 * The HTML textarea laid exactly over the note being edited: same box, font, fitted size and zoom
 * (a CSS scale of the note's board-unit box), so typing looks like writing on the note itself.
 */
export function NoteEditor({ controller }: { controller: BoardController }) {
  const editing = useStore(controller.ui, (s) => s.editing);
  if (!editing) return null;
  return <EditorBox key={editing.id} controller={controller} id={editing.id} />;
}

function EditorBox({ controller, id }: { controller: BoardController; id: string }) {
  const camera = useStore(controller.ui, (s) => s.camera);
  const note = controller.note(id);
  const [text, setText] = useState(() => note?.text ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);
  const textRef = useRef(text);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  if (!note) return null;
  const layout = layoutFor({ id: '\u0000editor', text: text || ' ', width: note.width, height: note.height });
  const lh = layout.fontSize * layout.lineHeight;
  const inner = note.height - 2 * TEXT_FIT.padding;
  const blockH = Math.min(inner, Math.max(1, layout.lines.length) * lh);
  const padTop = TEXT_FIT.padding + (inner - blockH) / 2;

  const commit = (mode: 'leave' | 'next') => {
    if (controller.editingId !== id) return;
    controller.commitEdit(textRef.current, mode);
  };

  return (
    <textarea
      ref={ref}
      data-testid="note-editor"
      aria-label="Note text"
      dir="auto"
      value={text}
      spellCheck={false}
      onChange={(e) => {
        textRef.current = e.target.value;
        controller.setEditText(e.target.value);
        setText(e.target.value);
      }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
          e.preventDefault();
          commit('next');
        } else if (e.key === 'Escape') {
          e.preventDefault();
          commit('leave');
        }
      }}
      onBlur={() => {
        // Switching to another window blurs the textarea too; keep editing until focus moves
        // elsewhere in the page (the text is still committed on hide or close).
        if (document.hasFocus()) commit('leave');
      }}
      style={{
        position: 'absolute',
        left: (note.x - camera.x) * camera.zoom,
        top: (note.y - camera.y) * camera.zoom,
        width: note.width,
        height: note.height,
        transform: `scale(${camera.zoom})`,
        transformOrigin: '0 0',
        boxSizing: 'border-box',
        margin: 0,
        padding: `${padTop}px ${TEXT_FIT.padding}px 0`,
        border: 'none',
        borderRadius: 3,
        outline: `${2 / camera.zoom}px solid ${SELECTION}`,
        outlineOffset: 3 / camera.zoom,
        background: NOTE_RGB[note.color],
        color: TEXT_COLOR,
        fontFamily: NOTE_FONT_FAMILY,
        fontSize: layout.fontSize,
        lineHeight: layout.lineHeight,
        textAlign: 'center',
        resize: 'none',
        overflow: 'hidden',
        whiteSpace: 'pre-wrap',
        overflowWrap: 'anywhere',
        boxShadow: '0 3px 10px rgba(20,30,50,0.18)',
        zIndex: 5,
      }}
    />
  );
}
