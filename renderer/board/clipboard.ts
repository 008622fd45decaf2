import { z } from 'zod';
import { CHANNELS, NOTE_COLORS, NOTE_DEFAULT_SIZE, NOTE_KINDS, type NoteColor } from '../../shared/domain';
import type { BoardNote } from '../../shared/board/history';

/** Our own clipboard format: JSON of the copied notes (positions kept relative to each other). */
export const CLIPBOARD_MIME = 'application/x-journeyboard-notes';

const clipNote = z.object({
  text: z.string(),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().positive(),
  height: z.number().finite().positive(),
  color: z.enum(NOTE_COLORS).catch('yellow'),
  kind: z.enum(NOTE_KINDS).nullable().catch(null),
  sentiment: z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]).nullable().catch(null),
  author: z.string().max(100).nullable().catch(null),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).catch([]),
});
const clipPayload = z.object({ version: z.literal(1), notes: z.array(clipNote).max(50_000) });

export function notesToClipboard(notes: readonly BoardNote[]): { json: string; text: string } {
  const payload = {
    version: 1,
    notes: notes.map((n) => ({
      text: n.text,
      x: n.x,
      y: n.y,
      width: n.width,
      height: n.height,
      color: n.color,
      kind: n.kind,
      sentiment: n.sentiment,
      author: n.author,
      channels: n.channels,
    })),
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
        return parsed.data.notes.map((n) => ({ ...n, channels: [...new Set(n.channels)], stageId: null, laneId: null, personaIds: [] }));
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
  return lines.map((line, i) => ({
    text: line,
    x: (i % cols) * step,
    y: Math.floor(i / cols) * step,
    width: NOTE_DEFAULT_SIZE,
    height: NOTE_DEFAULT_SIZE,
    color,
    stageId: null,
    laneId: null,
    kind: null,
    sentiment: null,
    author: null,
    channels: [],
    personaIds: [],
  }));
}
