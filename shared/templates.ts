/** Map templates: data files in resources/templates/, validated when loaded. */
import { z } from 'zod';
import { LANE_KINDS, NOTE_COLORS, NOTE_KINDS } from './domain';

export const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1).max(100),
  description: z.string().max(300),
  /** Sort key in the New map dialog; lower first. */
  order: z.number().int(),
  stages: z.array(z.strictObject({ name: z.string().min(1).max(100), description: z.string().max(300) })).max(30),
  lanes: z.array(z.strictObject({ name: z.string().min(1).max(100), kind: z.enum(LANE_KINDS) })).max(30),
  /** Example notes, placed in a cell by stage and lane index (lane null = free board). */
  notes: z
    .array(
      z.strictObject({
        text: z.string().min(1).max(500),
        stage: z.number().int().min(0),
        lane: z.number().int().min(0).nullable(),
        color: z.enum(NOTE_COLORS).optional(),
        kind: z.enum(NOTE_KINDS).optional(),
        sentiment: z.number().int().min(-2).max(2).optional(),
      }),
    )
    .max(200),
});
export type MapTemplate = z.infer<typeof templateSchema>;

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  stageCount: number;
}

/** The default lanes of a journey map, in order. */
export const DEFAULT_LANES: MapTemplate['lanes'] = [
  { name: 'Actions', kind: 'actions' },
  { name: 'Touchpoints', kind: 'touchpoints' },
  { name: 'Channels', kind: 'channels' },
  { name: 'Thoughts', kind: 'thoughts' },
  { name: 'Emotions', kind: 'emotions' },
  { name: 'Pain points', kind: 'pain_points' },
  { name: 'Opportunities', kind: 'opportunities' },
];
