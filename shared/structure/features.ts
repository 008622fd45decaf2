/**
 * Surface features of one note, computed once from wink's analysis and shared by the kind,
 * sentiment and stage rules.
 */
import type { Analysis, Tok } from './nlp';
import { DURATION_UNITS, FILLERS, IDEA_MARKERS } from './lexicon';

export interface Features {
  a: Analysis;
  /** Lower-cased text with straight quotes and spaces normalised. */
  lower: string;
  /** Word, number and emoji tokens outside quotes, leading filler words removed. */
  words: Tok[];
  /** Every word-like token including quoted ones (for topic matching). */
  allWords: Tok[];
  first: Tok | undefined;
  second: Tok | undefined;
  hasQuestionMark: boolean;
  exclaims: number;
  /** An opener such as "idea:", "HMW" or a light-bulb emoji. */
  ideaMarker: boolean;
  /** Tokens in the scope of a negation, or negating words themselves ("no", "never", "n't"). */
  negations: number;
  /** "40 min", "5 days", "3 times", "2x", "twice". */
  durations: number;
  /** Words written in capitals for emphasis ("ANY", "NOTHING"); acronyms of 2-4 letters are not. */
  shouting: number;
  /** Count of emoji tokens. */
  emoji: string[];
}

const NEGATORS = new Set([
  'no',
  'not',
  "n't",
  'never',
  'none',
  'nothing',
  'nobody',
  'zero',
  'without',
  'w/o',
  'cannot',
  'nowhere',
]);
const EMPHATIC = new Set(['ANY', 'ALL', 'NOT', 'NEVER', 'STILL', 'AGAIN', 'ZERO', 'WHY', 'NO', 'HOW', 'WHAT']);
const isWordLike = (t: Tok): boolean =>
  t.type === 'word' || t.type === 'number' || t.type === 'emoji' || t.type === 'emoticon' || t.type === 'ordinal';

export function features(a: Analysis): Features {
  const lower = a.text.toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
  const allWords = a.toks.filter(isWordLike);
  let words = allWords.filter((t) => !t.quoted);
  // Leading fillers ("ok", "hmm", "-") and an "idea:" style marker say nothing about the kind.
  let ideaMarker = false;
  while (
    words.length > 1 &&
    (FILLERS.has(words[0]!.lower) || IDEA_MARKERS.has(words[0]!.lower) || words[0]!.type === 'emoji')
  ) {
    if (IDEA_MARKERS.has(words[0]!.lower)) ideaMarker = true;
    words = words.slice(1);
  }
  if (/^\s*(idea|hmw|how might we|opportunity|opp|suggestion|quick win)\b|💡/i.test(a.text)) ideaMarker = true;
  const textWords = words.filter((t) => t.type !== 'emoji' && t.type !== 'emoticon');
  let negations = 0;
  let durations = 0;
  let shouting = 0;
  for (let i = 0; i < a.toks.length; i++) {
    const t = a.toks[i]!;
    if (t.quoted) continue;
    if (NEGATORS.has(t.lower) || NEGATORS.has(t.normal)) negations++;
    if (t.type === 'number' || /^\d/.test(t.lower)) {
      const next = a.toks[i + 1];
      if (next && DURATION_UNITS.has(next.lower)) durations++;
      else if (/^\d+(x|mins?|hrs?|days?|wks?)$/.test(t.lower)) durations++;
    }
    if (t.lower === 'twice' || t.lower === 'thrice') durations++;
  }
  // Capitals for emphasis: long words in capitals ("NOTHING"), or short emphatic ones ("ANY").
  // Acronyms (NPS, PIN, SMS) are short and not in the emphatic list, so they do not count.
  for (const word of a.text.match(/\b[A-Z]{3,}\b/g) ?? []) {
    if (word.length >= 5 || EMPHATIC.has(word)) shouting++;
  }
  return {
    a,
    lower,
    words: textWords,
    allWords,
    first: textWords[0],
    second: textWords[1],
    hasQuestionMark:
      /\?/.test(a.text.replace(/(['"‘“])[^'"’”]*\1?/g, (m) => (m.length > 1 ? '' : m))) || /\?\s*$/.test(a.text),
    exclaims: (a.text.match(/!/g) ?? []).length,
    ideaMarker,
    negations,
    durations,
    shouting,
    emoji: a.toks.filter((t) => t.type === 'emoji' || t.type === 'emoticon').map((t) => t.lower),
  };
}
