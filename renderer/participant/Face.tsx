/** One of the five emotion faces (-2..+2), drawn: the mouth bends with the score, the colour repeats it. */
export const SCORES = [-2, -1, 0, 1, 2] as const;
export const SCORE_LABELS: Record<number, string> = {
  [-2]: 'Very negative',
  [-1]: 'Negative',
  0: 'Neutral',
  1: 'Positive',
  2: 'Very positive',
};

export function Face({ score }: { score: number }) {
  // The mouth: a curve from (11, 23) to (25, 23) whose middle sinks for a smile and rises for a frown.
  const bend = score * 3;
  const mouthY = score < 0 ? 25 : 23;
  return (
    <svg className={`face s${score}`} viewBox="0 0 36 36" aria-hidden="true" focusable="false">
      <circle className="skin" cx="18" cy="18" r="16" />
      <circle className="eye" cx="12.5" cy="14" r="2" />
      <circle className="eye" cx="23.5" cy="14" r="2" />
      {score <= -2 && <path className="feature" d="M9 9.5 L15 11.5 M27 9.5 L21 11.5" />}
      <path className="feature" d={`M11 ${mouthY} Q18 ${mouthY + bend} 25 ${mouthY}`} />
    </svg>
  );
}
