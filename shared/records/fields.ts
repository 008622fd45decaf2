/**
 * The field schemas records are built from. Each rule and its message is written once here; the
 * record schemas (records.ts) combine them, and everything else derives from those.
 */
import { z } from 'zod';
import {
  CHANNELS,
  COORD_LIMIT,
  LANE_KINDS,
  NOTE_COLORS,
  NOTE_KINDS,
  NOTE_MAX_SIZE,
  NOTE_MIN_SIZE,
  NOTE_TEXT_MAX,
  STEP_ACTIVITIES,
  STEP_FOCI,
  TITLE_MAX,
} from '../domain';

export const id = z.string().min(1, 'an id is required').max(100, 'an id is at most 100 characters');
export const title = z
  .string()
  .trim()
  .min(1, 'a title cannot be empty')
  .max(TITLE_MAX, `a title is at most ${TITLE_MAX} characters`);
export const name = z.string().trim().min(1, 'a name cannot be empty').max(100, 'a name is at most 100 characters');
export const coord = z
  .number()
  .refine((n) => Number.isFinite(n), 'must be a finite number')
  .refine((n) => Math.abs(n) <= COORD_LIMIT, `must be within ±${COORD_LIMIT}`);
export const size = z
  .number()
  .refine((n) => Number.isFinite(n), 'must be a finite number')
  .refine((n) => n >= NOTE_MIN_SIZE && n <= NOTE_MAX_SIZE, `must be between ${NOTE_MIN_SIZE} and ${NOTE_MAX_SIZE}`);
export const noteText = z.string().max(NOTE_TEXT_MAX, `a note's text is at most ${NOTE_TEXT_MAX} characters`);
export const sentiment = z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]);
export const channels = z
  .array(z.enum(CHANNELS))
  .max(CHANNELS.length)
  .refine((a) => new Set(a).size === a.length, 'a channel appears twice');
export const idList = (max: number, what: string) =>
  z.array(id).max(max, `at most ${max}`).refine((a) => new Set(a).size === a.length, `a ${what} appears twice`);
export const emotion = z.number().min(-2, 'an emotion score is from -2 to +2').max(2, 'an emotion score is from -2 to +2');
export const longText = (max: number) => z.string().max(max, `at most ${max} characters`);
export const photo = z
  .string()
  .max(400_000, 'a photo is at most about 300 KB; use a smaller image')
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'a photo must be a PNG, JPEG, WebP or GIF image');
export const position = z.number().int('a position is a whole number').min(0, 'a position is 0 or more').max(100_000);
export const time = z.number().int().nonnegative();
export const camera = z.object({ x: coord, y: coord, zoom: z.number().min(0.05).max(4) });
export const color = z.enum(NOTE_COLORS);
export const noteKind = z.enum(NOTE_KINDS);
export const laneKind = z.enum(LANE_KINDS);
export const stepActivity = z.enum(STEP_ACTIVITIES);
export const stepFocus = z.enum(STEP_FOCI);
export const stepMinutes = z.number().int('minutes are a whole number').min(1, 'a step lasts at least 1 minute').max(600, 'a step lasts at most 600 minutes');
