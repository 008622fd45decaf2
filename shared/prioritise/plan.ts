/**
 * The impact/effort matrix and the roadmap, pure: the quadrant of an opportunity's scores, and the
 * opportunities proposed for Now (the quick wins not yet on the roadmap).
 */
import type { Note } from '../domain';

export const QUADRANTS = ['quick_win', 'big_bet', 'fill_in', 'money_pit'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  quick_win: 'Quick wins',
  big_bet: 'Big bets',
  fill_in: 'Fill-ins',
  money_pit: 'Money pits',
};

/**
 * Impact and effort (1-5) are "high" from this score up: the matrix's midline is 3, and a card on
 * it counts as high (3 is the middle of the scale, and a middling effort is not a quick win's).
 */
export const HIGH_FROM = 3;

/**
 * The quadrant of an (impact, effort) pair, or null when either is unscored:
 * high impact + low effort = quick win; high + high = big bet; low + low = fill-in; low + high =
 * money pit.
 */
export function quadrant(impact: number | null, effort: number | null): Quadrant | null {
  if (impact === null || effort === null) return null;
  const high = impact >= HIGH_FROM;
  const hard = effort >= HIGH_FROM;
  if (high) return hard ? 'big_bet' : 'quick_win';
  return hard ? 'money_pit' : 'fill_in';
}

type PlanNote = Pick<Note, 'id' | 'kind' | 'impact' | 'effort' | 'phase'>;

/**
 * The opportunities proposed for Now: quick wins not yet on the roadmap (no phase), best first
 * (highest impact, then lowest effort, then the map's order).
 */
export function proposeNow<N extends PlanNote>(notes: readonly N[]): N[] {
  const order = new Map(notes.map((n, i) => [n.id, i]));
  return notes
    .filter((n) => n.kind === 'opportunity' && n.phase === null && quadrant(n.impact, n.effort) === 'quick_win')
    .sort((a, b) => b.impact! - a.impact! || a.effort! - b.effort! || order.get(a.id)! - order.get(b.id)!);
}
