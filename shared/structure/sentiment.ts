/**
 * How the customer feels at the moment a note describes, -2..2. wink's lexicon sentiment gives the
 * direction for free text; the kind sets the usual range (pain points hurt, proposals and
 * touchpoints are neutral) and intensity markers push to the ends of the scale.
 */
import type { Features } from './features';
import type { Kind } from './kind';
import { FEELINGS_NEG, FEELINGS_POS, GOOD_WORDS, INTENSIFIERS, SOFTENERS, WORRY_WORDS } from './lexicon';

export type SentimentScore = -2 | -1 | 0 | 1 | 2;

/** Feelings that sit on the fence: no direction. */
const NEUTRAL_FEELINGS = new Set([
  'meh',
  'so-so',
  'whatever',
  'undecided',
  'unsure',
  'hesitant',
  'indifferent',
  'neutral',
  'ambivalent',
  'fence',
  'fine',
  'ok',
  'okay',
]);
/** Words that are strong on their own. */
/** Feeling idioms wink's lexicon does not know. */
const NEG_IDIOMS = /\b(on edge|fed up|at a loss|in the dark|let down|out of my depth|sick of|done with|over it)\b/;
const POS_IDIOMS =
  /\b(over the moon|on cloud nine|at ease|at home|in control|on top of|blown away|all sorted|sorted|looking forward|looked after|taken care of|peace of mind|made my day|can'?t wait|can not wait)\b/;

const STRONG = new Set([
  'delighted',
  'thrilled',
  'ecstatic',
  'elated',
  'overjoyed',
  'stoked',
  'buzzing',
  'chuffed',
  'giddy',
  'moon',
  'love',
  'loving',
  'amazing',
  'impressed',
  'massively',
  'furious',
  'livid',
  'fuming',
  'devastated',
  'gutted',
  'horrified',
  'terrified',
  'petrified',
  'heartbroken',
  'distraught',
  'mortified',
  'outraged',
  'panicking',
  'panic',
  'desperate',
  'hate',
  'awful',
  'terrible',
  'disgusted',
  'despair',
  'nightmare',
]);
const ANGRY_EMOJI = /[😡🤬😠😤😩😫😭💀🙄😱]/u;
const HAPPY_EMOJI = /[😊😀😃😄😁🙂😍🥰🎉🚀😎✨👍❤🥳]/u;
/** Signs that a problem is severe: failure, loss, safety, repetition, giving up, no warning. */
const SEVERE =
  /\b(gave up|give up|gives up|lost|lose|locked out|crash(es|ed)?|fail(ed|s)?|never|wrong|rejected|declined|allergic|unsafe|danger|fraud|blocked|wiped|deleted|twice|again|\d+ ?(x|times)|no (warning|heads[- ]up|reminder|reason|update|updates|explanation|answer)|zero|nobody|no one|late fee|charged|delayed|missed|cancell?ed|doesn't fit|won't|wouldn't|couldn't|didn't|only shown|hidden|buried|restart|any|fail(ing|ure)|kept|keeps|had to|nearly|almost|no [a-z]+)\b|\d+ ?%|[£$€] ?\d{3,}/;
const SEVERE_ALL = new RegExp(SEVERE.source, 'g');
const LONG_WAIT =
  /\b(\d+|a|two|three|several) ?(days?|wks?|weeks?|months?|mths?)\b|\b([3-9]\d|\d{3,}) ?(min|mins|minutes)\b|\bhours?\b|\bhrs?\b/;

/** Words that open a question even when the question mark is left off ("is 5G even worth it round here"). */
const QUESTION_OPENERS = new Set([
  'is',
  'are',
  'am',
  'do',
  'does',
  'did',
  'will',
  'would',
  'should',
  'can',
  'could',
  'which',
  'what',
  'how',
  'where',
  'when',
  'why',
]);

/** Severity markers needed for -2. */
const SEVERE_AT = 2;

function sign(n: number): number {
  return n > 0 ? 1 : n < 0 ? -1 : 0;
}

function clamp(n: number): SentimentScore {
  return Math.max(-2, Math.min(2, Math.round(n))) as SentimentScore;
}

/** The sentiment of one note given its predicted kind. */
export function scoreSentiment(f: Features, kind: Kind): SentimentScore {
  const lowers = f.words.map((t) => t.lower);
  // Leading words count for strength: "so relieved" opens with a filler-looking "so".
  const allLowers = f.allWords.filter((t) => !t.quoted).map((t) => t.lower);
  const pos = f.words.filter((t) => FEELINGS_POS.has(t.lower) || FEELINGS_POS.has(t.lemma)).length;
  const negF = f.words.filter((t) => FEELINGS_NEG.has(t.lower) || FEELINGS_NEG.has(t.lemma)).length;
  const intense =
    allLowers.some((x) => INTENSIFIERS.has(x) || STRONG.has(x)) ||
    f.exclaims >= 2 ||
    f.shouting > 0 ||
    /(.)\1\1/.test(f.lower) ||
    /\b(to bits|over the moon|af|sick)\b/.test(f.lower);
  const soft = lowers.some((x) => SOFTENERS.has(x));
  const angry = ANGRY_EMOJI.test(f.a.text);
  const happy = HAPPY_EMOJI.test(f.a.text);
  const wink = f.a.sentiment;

  switch (kind) {
    case 'emotion': {
      // Negated feelings flip ("not happy"); wink's negation flag carries that.
      const negatedPos = f.words.some((t) => t.negated && (FEELINGS_POS.has(t.lower) || FEELINGS_POS.has(t.lemma)));
      let dir = sign(pos - negF + (POS_IDIOMS.test(f.lower) ? 1 : 0) - (NEG_IDIOMS.test(f.lower) ? 1 : 0));
      if (negatedPos) dir = -1;
      if (dir === 0 && NEG_IDIOMS.test(f.lower)) dir = -1;
      if (dir === 0 && POS_IDIOMS.test(f.lower)) dir = 1;
      if (dir === 0) dir = sign(wink) || (angry ? -1 : happy ? 1 : 0);
      if (
        dir === 0 ||
        (lowers.some((x) => NEUTRAL_FEELINGS.has(x)) && pos === 0 && negF <= 1 && !/\b(torn)\b/.test(f.lower))
      ) {
        if (lowers.some((x) => NEUTRAL_FEELINGS.has(x))) return 0;
      }
      if (dir === 0) return 0;
      const magnitude = intense && !soft ? 2 : 1;
      return clamp(dir * magnitude);
    }
    case 'pain_point': {
      let severity = 0;
      if (intense) severity++;
      if (angry) severity++;
      severity += Math.min(2, (f.lower.match(SEVERE_ALL) ?? []).length);
      if (LONG_WAIT.test(f.lower)) severity++;
      if (wink <= -0.5) severity++;
      if (negF > 0) severity++;
      if (f.durations > 0) severity++;
      return severity >= SEVERE_AT ? -2 : -1;
    }
    case 'thought': {
      // Asked, a good word is a doubt ("is it worth it?", "which is easier?"), not praise.
      const question = f.hasQuestionMark || QUESTION_OPENERS.has(lowers[0] ?? '');
      const good = (question ? 0 : lowers.filter((x) => GOOD_WORDS.has(x)).length) + pos;
      const worry =
        lowers.filter((x) => WORRY_WORDS.has(x)).length +
        negF +
        // "what if I ...": imagining it going wrong; "how much longer??": exasperation.
        (/^what if\b/.test(f.words.map((t) => t.lower).join(' ')) ? 1 : 0) +
        (/\?\?/.test(f.lower) && lowers.every((x) => !GOOD_WORDS.has(x)) ? 1 : 0);
      // A question is mostly neutral: wink reads "worth it?" as praise.
      const w = f.hasQuestionMark ? Math.min(0, wink) : wink;
      const score = w * 1.5 + good * 0.8 - worry * 0.6 + (happy ? 0.8 : 0) - (angry ? 0.8 : 0);
      if (score >= 1.6 || (good > 0 && intense)) return 2;
      if (score >= 0.6) return 1;
      if (score <= -0.6) return -1;
      return 0;
    }
    case 'action': {
      if (
        /\b(recommends?|tells? (a |her |his |their )?(friend|colleague|sister|brother|mum|dad|partner|family)|praises?|thanks?)\b/.test(
          f.lower,
        )
      )
        return 1;
      if (wink <= -0.4 || negF > 0 || angry) return -1;
      return 0;
    }
    default:
      return 0;
  }
}
