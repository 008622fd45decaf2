/**
 * Persona tags on notes: toggling one on a selection, and forgetting a deleted persona. Pure, so
 * the board's persona picker and the persona panel's deletes are tested without a canvas.
 */
import type { BoardNote, Change, NoteChange, NoteFieldPatch } from './history';

/** Opacity of notes the persona lens does not highlight. */
export const LENS_DIM_ALPHA = 0.25;

/** True when every note in `notes` (at least one) is tagged with `personaId`. */
export function allHavePersona(notes: readonly { personaIds: readonly string[] }[], personaId: string): boolean {
  return notes.length > 0 && notes.every((n) => n.personaIds.includes(personaId));
}

/**
 * Patches that toggle `personaId` on `notes`: removed from all when every note has it, else added
 * (at the end) to those missing it. Like a channel toggle, the caller commits them as one step.
 */
export function togglePersonaChanges(notes: readonly Pick<BoardNote, 'id' | 'personaIds'>[], personaId: string): NoteChange[] {
  const remove = allHavePersona(notes, personaId);
  const out: NoteChange[] = [];
  for (const n of notes) {
    const has = n.personaIds.includes(personaId);
    if (remove === !has) continue;
    const personaIds = remove ? n.personaIds.filter((p) => p !== personaId) : [...n.personaIds, personaId];
    out.push({ type: 'note', op: 'update', id: n.id, patch: { personaIds } });
  }
  return out;
}

/**
 * `changes` with the personas in `gone` taken out of every note and patch that names them (the
 * store untags the notes of a deleted persona; undo must not tag them again). Changes that name
 * none are returned as they are; the array itself is new only when something changed.
 */
export function withoutPersonas<C extends Change>(changes: C[], gone: ReadonlySet<string>): C[] {
  let out: C[] | null = null;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    let next: Change = c;
    if (c.type !== 'note') continue;
    if (c.op === 'create' && c.value.personaIds.some((p) => gone.has(p))) {
      next = { ...c, value: { ...c.value, personaIds: c.value.personaIds.filter((p) => !gone.has(p)) } };
    } else if (c.op === 'update' && c.patch.personaIds?.some((p) => gone.has(p))) {
      next = { ...c, patch: { ...c.patch, personaIds: c.patch.personaIds.filter((p) => !gone.has(p)) } };
    }
    if (next !== c) {
      out ??= changes.slice();
      out[i] = next as C;
    }
  }
  return out ?? changes;
}

/** A patch (as written to the store) without the personas in `gone`. */
export function patchWithoutPersonas<P extends NoteFieldPatch>(patch: P, gone: ReadonlySet<string>): P {
  if (!patch.personaIds?.some((p) => gone.has(p))) return patch;
  return { ...patch, personaIds: patch.personaIds.filter((p) => !gone.has(p)) };
}

/** Up to two initials of a persona's name, for its avatar ("Busy Parent" -> "BP"). */
export function personaInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? [...words[0]!].slice(0, 2) : [[...words[0]!][0]!, [...words[words.length - 1]!][0]!];
  return letters.join('').toUpperCase();
}
