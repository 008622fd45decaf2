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
/** A participant's emotion score for a stage (issue 14): a whole number from -2 to +2. */
export const wholeEmotion = z
  .number()
  .int('an emotion score is a whole number from -2 to +2')
  .min(-2, 'an emotion score is from -2 to +2')
  .max(2, 'an emotion score is from -2 to +2');
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

// Prioritise (issue 12).
/** A 1-5 rating (severity, reach, impact, effort). */
export const score = z.number().int('a score is a whole number from 1 to 5').min(1, 'a score is from 1 to 5').max(5, 'a score is from 1 to 5');
export const PHASES = ['now', 'next', 'later', 'not_doing'] as const;
export const phase = z.enum(PHASES);
/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');
export const finite = z.number().refine((n) => Number.isFinite(n), 'must be a finite number');
export const ROUND_TARGETS = ['pain_point', 'opportunity', 'any'] as const;
export const roundTarget = z.enum(ROUND_TARGETS);
export const dots = z.number().int('dots per person is a whole number').min(1, 'dots per person is from 1 to 20').max(20, 'dots per person is from 1 to 20');
export const ROUND_STATUSES = ['open', 'closed'] as const;
export const roundStatus = z.enum(ROUND_STATUSES);
/** A vote's dots: 1 for a cast dot, any count for a typed paper count. */
export const voteCount = z.number().int('a vote count is a whole number').min(1, 'a vote count is 1 or more').max(10_000, 'a vote count is at most 10,000');
export const METRIC_KINDS = ['csat', 'nps', 'ces', 'conversion', 'churn'] as const;
export const metricKind = z.enum(METRIC_KINDS);
/** The range a metric's value and target take, by kind (percentages 0-100). */
export const METRIC_RANGES: Record<(typeof METRIC_KINDS)[number], { min: number; max: number; label: string }> = {
  csat: { min: 1, max: 5, label: 'CSAT is from 1 to 5' },
  nps: { min: -100, max: 100, label: 'NPS is from -100 to 100' },
  ces: { min: 1, max: 7, label: 'CES is from 1 to 7' },
  conversion: { min: 0, max: 100, label: 'conversion is a percentage from 0 to 100' },
  churn: { min: 0, max: 100, label: 'churn is a percentage from 0 to 100' },
};
