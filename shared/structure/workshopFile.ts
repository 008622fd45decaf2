/**
 * The workshop-notes file format (an array of workshops with stages and notes), as read by
 * `npm run structure` and the bench. Labels on notes are optional: the CLI ignores them and the
 * bench requires them.
 */
import { z } from 'zod';
import { describeZodError } from '../errors';
import { NOTE_KINDS } from '../domain';

const stage = z.object({
  name: z.string().trim().min(1, 'a stage needs a name'),
  description: z.string().default(''),
});

const note = z.looseObject({
  text: z.string(),
  kind: z.unknown().optional(),
  stage: z.unknown().optional(),
  sentiment: z.unknown().optional(),
});

const workshop = z.looseObject({
  domain: z.string().optional(),
  title: z.string().optional(),
  persona: z.string().optional(),
  stages: z.array(stage).min(1, 'a workshop needs at least one stage'),
  notes: z.array(note),
});

export const workshopFileSchema = z.array(workshop);
export type WorkshopFile = z.infer<typeof workshopFileSchema>;

const labelledNote = z.looseObject({
  text: z.string(),
  kind: z.enum(NOTE_KINDS),
  stage: z.string(),
  sentiment: z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]),
});

export const labelledWorkshopFileSchema = z.array(
  workshop
    .extend({ notes: z.array(labelledNote) })
    .refine((w) => w.notes.every((n) => w.stages.some((s) => s.name === n.stage)), {
      message: "a note's stage must be one of its workshop's stage names",
    }),
);
export type LabelledWorkshopFile = z.infer<typeof labelledWorkshopFileSchema>;

/** Zod issues as lines a person can act on: "  [0].stages[2].name: a stage needs a name". */
export function describeIssues(error: z.ZodError, max = 8): string {
  return describeZodError(error, { max, top: '(top level)', separator: '\n', brackets: true })
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
