import type { NoteColor, Persona } from '../../shared/domain';
import './personaAvatar.css';

/** Avatar backgrounds per persona colour: the sticky-note hues, a step deeper so initials read. */
export const PERSONA_BG: Record<NoteColor, string> = {
  yellow: '#ffe066',
  orange: '#ffc078',
  pink: '#faa2c1',
  purple: '#c8b4ff',
  blue: '#a5d0fb',
  teal: '#8ee0d0',
  green: '#b2e28f',
  gray: '#d3d6db',
};

/** Initials of a name: first letters of the first and last words ("Maya Okafor" → "MO"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A persona's photo, or their initials on their colour. Decorative: the name is always next to it. */
export function PersonaAvatar({ persona, size = 56 }: { persona: Pick<Persona, 'name' | 'photo' | 'color'>; size?: number }) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.36) };
  if (persona.photo) {
    return <img className="persona-avatar" src={persona.photo} alt="" style={style} draggable={false} />;
  }
  return (
    <span className="persona-avatar initials" aria-hidden="true" style={{ ...style, background: PERSONA_BG[persona.color] }}>
      {initialsOf(persona.name)}
    </span>
  );
}
