import { z } from 'zod';
import { NOTE_DEFAULT_SIZE, type NoteColor } from '../../shared/domain';
import { noteRecord, withDefaults, type RecordValue } from '../../shared/records/index';
import type { BoardNote } from '../../shared/board/history';
import { BATCH_MAX } from '../../shared/limits';

/** Our own clipboard format: JSON of the copied notes (positions kept relative to each other). */
export const CLIPBOARD_MIME = 'application/x-journeyboard-notes';

/** The note fields a copy carries: all but those pointing at the source map's records (stage, lane, personas). */
const CLIPPED = (Object.keys(noteRecord.value.shape) as (keyof RecordValue<'note'>)[]).filter((k) => !noteRecord.refs[k]);
/** A copied note, from the note's schema; a field that does not check takes its default (a clipboard is untrusted). */
const clipNote = z.object(
  Object.fromEntries(
    CLIPPED.map((k) => {
      const schema = noteRecord.value.shape[k] as z.ZodType;
      const fallback = (noteRecord.defaults as Record<string, unknown>)[k];
      return [k, fallback === undefined ? schema : schema.catch(fallback)];
    }),
  ),
);
const clipPayload = z.object({ version: z.literal(1), notes: z.array(clipNote).max(BATCH_MAX) });

export function notesToClipboard(notes: readonly BoardNote[]): { json: string; text: string } {
  const payload = {
    version: 1,
    notes: notes.map((n) => Object.fromEntries(CLIPPED.map((k) => [k, n[k]]))),
  };
  return { json: JSON.stringify(payload), text: notes.map((n) => n.text).join('\n') };
}

/**
 * Notes to paste, from our own format if present (anything malformed is ignored), else one note
 * per non-empty line of plain text. Stage, lane and personas are dropped: they belong to the
 * source map.
 */
export function notesFromClipboard(json: string, text: string, color: NoteColor): Omit<BoardNote, 'id'>[] {
  if (json) {
    try {
      const parsed = clipPayload.safeParse(JSON.parse(json));
      if (parsed.success && parsed.data.notes.length > 0) {
        return parsed.data.notes.map((n) => withDefaults('note', n as Partial<RecordValue<'note'>>) as Omit<BoardNote, 'id'>);
      }
    } catch {
      // Not our JSON after all: fall through to the text.
    }
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const cols = Math.max(1, Math.ceil(Math.sqrt(lines.length)));
  const step = NOTE_DEFAULT_SIZE + 20;
  return lines.map(
    (line, i) => withDefaults('note', { text: line, x: (i % cols) * step, y: Math.floor(i / cols) * step, color }) as Omit<BoardNote, 'id'>,
  );
}
