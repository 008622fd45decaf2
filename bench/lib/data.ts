// The board both apps draw: N sticky notes of about eight words on a grid shaped like the screen.
// Deterministic (seeded), so every run and both apps see exactly the same notes.
import { NOTE_COLORS, type Camera, type NoteColor } from '../../shared/domain';

/** A note as both apps receive it: the fields of Journeyboard's `notes.createMany`. */
export interface BenchNote {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: NoteColor;
}

/** tldraw's note shape is 200 x 200 at scale 1; Journeyboard's notes get the same size. */
export const NOTE_SIZE = 200;
export const NOTE_GAP = 20;
export const PITCH = NOTE_SIZE + NOTE_GAP;
export const VIEWPORT = { width: 1600, height: 900 } as const;
/** The lowest zoom Journeyboard allows (shared/domain.ts) and tldraw's default lowest zoom step. */
export const MIN_ZOOM = 0.05;

const WORDS = (
  'customer waits refund email app login checkout store staff phone call delivery late ' +
  'confusing form price support chat agent order tracking page slow payment failed queue ' +
  'friendly helpful manager receipt missing return policy unclear survey loyalty points ' +
  'website search results password reset invoice parcel courier weekend opening hours'
).split(' ');

/** Mulberry32: a tiny seeded PRNG, good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Columns of the grid for n notes: wider than tall, in the screen's 16:9 proportion. */
export function columnsFor(n: number): number {
  return Math.max(1, Math.round(Math.sqrt((n * VIEWPORT.width) / VIEWPORT.height)));
}

/** n notes of 6 to 10 words (8 on average), laid out row by row from (0, 0). */
export function makeNotes(n: number, seed = 42): BenchNote[] {
  const random = rng(seed);
  const cols = columnsFor(n);
  const notes: BenchNote[] = [];
  for (let i = 0; i < n; i++) {
    const count = 6 + Math.floor(random() * 5);
    const words: string[] = [];
    for (let w = 0; w < count; w++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
    const text = words.join(' ');
    notes.push({
      text: text.charAt(0).toUpperCase() + text.slice(1),
      x: (i % cols) * PITCH,
      y: Math.floor(i / cols) * PITCH,
      width: NOTE_SIZE,
      height: NOTE_SIZE,
      color: NOTE_COLORS[i % NOTE_COLORS.length]!,
    });
  }
  return notes;
}

/** The board's extent in board units. */
export function boardBounds(n: number) {
  const cols = columnsFor(n);
  const rows = Math.ceil(n / cols);
  return { x: 0, y: 0, width: cols * PITCH - NOTE_GAP, height: rows * PITCH - NOTE_GAP };
}

/**
 * The camera that shows the whole board centred with a 5% margin in a view of the given size (the
 * app's board area), in Journeyboard's convention (x, y: the board point at the view's top-left;
 * zoom: screen px per board unit). Computed here, not by either app, so both show the same board. Clamped to MIN_ZOOM: at 20,000 notes the
 * board does not quite fit at zoom 0.05, and both apps then show its centre at their lowest zoom.
 */
export function fitCamera(n: number, view: { width: number; height: number } = VIEWPORT): Camera {
  const b = boardBounds(n);
  const zoom = Math.max(MIN_ZOOM, Math.min(1, 0.95 * Math.min(view.width / b.width, view.height / b.height)));
  return {
    x: b.x + b.width / 2 - view.width / 2 / zoom,
    y: b.y + b.height / 2 - view.height / 2 / zoom,
    zoom,
  };
}

/** Zoomed in: notes at their real size, the board's top-left corner just inside the screen. */
export const ZOOMED_IN_CAMERA: Camera = { x: -NOTE_GAP, y: -NOTE_GAP, zoom: 1 };
