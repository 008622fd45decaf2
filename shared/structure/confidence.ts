/**
 * Confidence below which a suggestion is shown as a guess, for the kind (`kindConfidence`) and the
 * stage (`stageConfidence`). Calibrated by the structure bench (`npm run bench -- structure`),
 * leave-one-domain-out on the labelled workshops with the notes shuffled: the lowest confidence at
 * which the other domains' suggestions at or above it were right at least 90 % of the time.
 * - kind: every cut from 0.5 up holds 0.90 on the corpus (held-out accuracy above it 0.95 mean,
 *   0.89 worst domain); 0.7 is kept, which marks 2-5 % of the hand-written other-domain notes as
 *   guesses and lifts the rest to 0.93-1.0.
 * - stage: no cut reaches 0.90 from the words alone (even notes at confidence 1 are right less
 *   often), so every suggested stage is shown as a guess until the stage scores are calibrated.
 * No wink here: the renderer imports it.
 */
export const SURE_AT = { kind: 0.7, stage: Number.POSITIVE_INFINITY } as const;

/** True when a suggestion's part is sure enough to be shown as a suggestion, not a guess. */
export function isSure(part: keyof typeof SURE_AT, confidence: number): boolean {
  return confidence >= SURE_AT[part];
}
