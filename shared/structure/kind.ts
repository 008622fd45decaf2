/**
 * Which lane a note belongs in, by weighted rules over wink's tokens and POS tags.
 * Each rule adds evidence to one or more kinds; the highest total wins and the margin over the
 * runner-up becomes the confidence.
 */
import type { Features } from './features';
import type { Tok } from './nlp';
import {
  ATTRIBUTIVE_FEELINGS,
  BETTER,
  CONTACT_VERBS,
  CUSTOMER_SUBJECTS,
  EMOTION_FILLER,
  FAILURES,
  FEEL_VERBS,
  FEELING_IDIOMS,
  LEAD_SKIP,
  MENTAL,
  NOUNISH_VERBS,
} from './kindWords';
import {
  FEELINGS_NEG,
  FEELINGS_POS,
  FIRST_PERSON,
  GOOD_WORDS,
  INTENSIFIERS,
  MODALS,
  PROBLEM_WORDS,
  PROPOSAL_VERBS,
  QUESTION_STARTERS,
  SOFTENERS,
  TOUCHPOINT_NOUNS,
} from './lexicon';

/** The kinds the classifier predicts ('channel' is a lane kind it leaves to people). */
export const KINDS = ['action', 'touchpoint', 'thought', 'emotion', 'pain_point', 'opportunity'] as const;
export type Kind = (typeof KINDS)[number];

export type KindScores = Record<Kind, number>;

const TEAM_SUBJECTS = new Set(['we', "we'll", "we'd", 'us', 'our', 'team']);

/** "could we afford", "can we trust": the customer's household asking itself, not a team's proposal. */
const CUSTOMER_WE =
  /\b(can|could|shall|should) we (actually |really |even |still |ever |just )?(afford|cope|manage|trust|risk|justify|survive|wait|get|go|make it|live|stay|keep up|fit|sleep)\b/;

const isFeeling = (t: Tok): boolean =>
  FEELINGS_POS.has(t.lower) || FEELINGS_NEG.has(t.lower) || FEELINGS_POS.has(t.lemma) || FEELINGS_NEG.has(t.lemma);

/** A verb in the third person singular ("compares", "signs", "pays"). */
function isThirdPersonVerb(t: Tok | undefined, next: Tok | undefined, rest: Tok[] = []): boolean {
  if (!t || !/^[a-z-]+s$/.test(t.lower) || /(ss|us|is)$/.test(t.lower) || t.lower.length < 4) return false;
  // "users drop off at the ID check": the customers named are the subject, not a verb.
  if (CUSTOMER_SUBJECTS.has(t.lower)) return false;
  if (t.pos === 'VERB') return true;
  // "forwards the email to her partner": whatever the tagger says, an -s word right before "the"
  // or "a" opening a note is a verb.
  if (next?.pos === 'DET' && ['the', 'a', 'an'].includes(next.lower)) return true;
  // wink tags many sentence-initial verbs as nouns ("books sat slot", "emails sales for a quote").
  if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return false;
  if (!next) return false;
  // "sales demo call", "returns cost £99", "favourites list wiped": a plural noun heading a phrase.
  if (TOUCHPOINT_NOUNS.has(next.lower) || PROBLEM_WORDS.has(next.lower) || /ed$/.test(next.lower)) return false;
  // "returns label is missing": a later auxiliary makes the plural noun a subject, unless an object
  // follows at once ("rings the pharmacy to check it is ready").
  if (next.pos !== 'DET' && rest.some((x) => x.pos === 'AUX')) return false;
  return next.pos !== 'VERB' && next.pos !== 'AUX' && next.pos !== 'PUNCT';
}

/** A base-form verb opening the note: the imperative of a proposal ("add", "show", "let"). */
function isImperative(t: Tok | undefined, next: Tok | undefined, after?: Tok): 'strong' | 'weak' | false {
  if (!t) return false;
  const w = t.lower;
  const head = w.split('-')[0] ?? w;
  // "Refund took two weeks", "offer expired": the word is the subject of an inflected verb.
  if (
    next &&
    (next.pos === 'VERB' || next.pos === 'AUX') &&
    next.lemma !== next.lower &&
    !/ing$/.test(next.lower) &&
    !(after && (after.pos === 'NOUN' || after.pos === 'PROPN'))
  )
    return false;
  // "cancel button hidden in settings", "chat bot goes round in circles": a noun, then a finite
  // verb or a participle tells about the thing the first two words name.
  if (
    next &&
    (next.pos === 'NOUN' || next.pos === 'PROPN') &&
    after &&
    after.pos === 'VERB' &&
    after.lemma !== after.lower &&
    !/ing$/.test(after.lower) &&
    !PROPOSAL_VERBS.has(w)
  )
    return false;
  if (
    next &&
    (TOUCHPOINT_NOUNS.has(next.lower) ||
      TOUCHPOINT_NOUNS.has(next.lemma) ||
      (next.pos === 'VERB' &&
        // "refund missing items": a participle before a noun describes it.
        !(/(ing|ed)$/.test(next.lower) && after?.pos === 'NOUN'))) &&
    !['DET', 'PRON'].includes(next.pos) &&
    PROPOSAL_VERBS.has(w) &&
    NOUNISH_VERBS.has(w)
  )
    return 'weak';
  if (PROPOSAL_VERBS.has(w) || (w.includes('-') && PROPOSAL_VERBS.has(head) && (head === 'auto' || head === 'pre')))
    return 'strong';
  if (/^(auto|pre)-?[a-z]+$/.test(w) && t.pos === 'VERB') return 'strong';
  if (MENTAL.has(w)) return false;
  if (t.pos === 'VERB' && t.lemma === w && !/(ing|ed)$/.test(w)) {
    if (next && ['DET', 'PRON', 'NUM', 'ADJ', 'NOUN', 'PROPN', 'ADP'].includes(next.pos)) return 'weak';
  }
  return false;
}

const neg0 = (f: Features): boolean => f.negations > 0;

/**
 * Irregular past forms a team uses to imagine a change ("what if the app had a chat button",
 * "what if the clinic sent the claim"). Not "got", "took" or "lost": those are how a worry goes on.
 */
const IRREGULAR_PAST = /\b(had|sent|gave|let|made|put|kept|told|brought|built|ran|held|showed|shown)\b/;

/** A verb and its particle joined by a hyphen: "follow-up", "check-in", "drop-off", "top-up". */
const PARTICLE_NOUN = /^[a-z]+-(up|in|out|off|on|back|over|down|through|by|away)\b/;
/** "my booking vanished", "our order never came": a possessive opens a subject. */
const POSSESSIVES = new Set(['my', 'our', 'their', 'his', 'her']);
/** A note opening with one of these says how the customer feels ("feels lost", "feels like a local"). */
const FEELS_LEAD = new Set(['feels', 'feeling', 'felt']);

/**
 * A note opening with a feeling idiom, after words that do not count ("so", "bit", ...); compiled
 * once, one alternation for all the idioms (matches exactly when one idiom's own pattern would).
 */
const LEAD_IDIOM = new RegExp(`^(\\W|${[...LEAD_SKIP].join('|')}|\\s)*(?:${FEELING_IDIOMS.join('|')})\\b`);

/** Evidence for each kind. Exposed for tests and for the confidence figure. */
export function scoreKind(f: Features): KindScores {
  const s: KindScores = {
    action: 0,
    touchpoint: 0,
    thought: 0,
    emotion: 0,
    pain_point: 0,
    opportunity: 0,
  };
  const w = f.words;
  const first = f.first;
  const second = f.second;
  const lowers = w.map((t) => t.lower);
  const firstPerson = lowers.some((x) => FIRST_PERSON.has(x));
  const teamVoice = lowers.some((x) => TEAM_SUBJECTS.has(x));
  const verbs = w.filter((t) => (t.pos === 'VERB' || t.pos === 'AUX') && !TOUCHPOINT_NOUNS.has(t.lemma));
  const nouns = w.filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
  const problemHits = w.filter((t) => PROBLEM_WORDS.has(t.lower) || PROBLEM_WORDS.has(t.lemma)).length;
  // A feeling word naming a thing is not a feeling: "welcome pack", "relief fund".
  const feelings = new Set(
    w.filter(
      (t, i) =>
        isFeeling(t) &&
        !(ATTRIBUTIVE_FEELINGS.has(t.lower) && w[i + 1] && (w[i + 1]!.pos === 'NOUN' || w[i + 1]!.pos === 'PROPN')),
    ),
  );
  const feelingHits = feelings.size;
  const idiom = FEELING_IDIOMS.some((i) => f.lower.includes(i));
  const startsQuestion = first
    ? QUESTION_STARTERS.has(first.lower) && !(['have', 'has'].includes(first.lower) && second?.lower === 'to')
    : false;
  // A question after a dash or comma: "min spend £40 - do we even spend that?"
  const laterQuestion =
    f.hasQuestionMark &&
    f.a.toks.some((t, i) => i > 0 && QUESTION_STARTERS.has(t.lower) && f.a.toks[i - 1]!.type === 'punctuation');
  // A note that opens with a quoted message is about that message ("'order shipped' email").
  const opensWithQuote = f.a.toks[0]?.quoted === true;
  // "follow-up call", "check-in desk", "top-up screen": a verb joined to its particle by a hyphen
  // is a noun, not an order.
  const particleNoun = first !== undefined && PARTICLE_NOUN.test(f.lower.slice(f.lower.indexOf(first.lower)));
  let imperative = opensWithQuote || !second || particleNoun ? false : isImperative(first, second, w[2]);
  // "push alert came after I was on the platform": a verb-like word heading a subject that a later
  // past-tense verb tells about, in the customer's own voice, is a report, not an order.
  if (
    imperative === 'weak' &&
    firstPerson &&
    w.some((t, i) => i >= 2 && (t.pos === 'VERB' || t.pos === 'AUX') && t.lemma !== t.lower && !/ing$/.test(t.lower))
  )
    imperative = false;
  // "feels like a local already": how the customer feels, not a step they take.
  const feelsFirst = first !== undefined && FEELS_LEAD.has(first.lower);
  const thirdPerson = !feelsFirst && isThirdPersonVerb(first, second, w);

  // --- opportunity: the team proposing a change
  if (f.ideaMarker) s.opportunity += 6;
  const customerWe = CUSTOMER_WE.test(f.lower);
  if (
    !customerWe &&
    /\b(how might we|how could we|how can we|what if we|could we|can we|shall we|why not|we should|we could|we need to|we must|let's try|worth testing|worth trying|worth a try)\b/.test(
      f.lower,
    )
  )
    s.opportunity += 7;
  if (customerWe) s.thought += 2;
  // Proposals written as a wish for the service rather than an order.
  if (
    !firstPerson &&
    /\b(would (help|save|stop|avoid|prevent|cut|reduce|ease|speed up|spare)|would be (great|good|nice|better|useful|handy|ideal)|there should be|should be able to|needs? a way to|needs? an? (option|button|way|place)|ought to|one place (to|for)|rather than)\b/.test(
      f.lower,
    )
  )
    s.opportunity += 5;
  // "Option to pay in instalments", "Proactive text if ...", "Don't make people print anything",
  // "discount for people who renew": a feature, a promise or a rule proposed for the service.
  const joined = lowers.join(' ');
  if (/^(an? |the )?(option|ability|chance|way|possibility) (to|of|for)\b/.test(joined)) s.opportunity += 5;
  if (/^(proactive|proactively|single|dedicated|self-service)\b/.test(joined)) s.opportunity += 3;
  if (
    /^(do not|don't|dont|stop|no more|no need to) (make|making|ask|asking|send|sending|charge|charging|force|forcing|require|requiring|chase|chasing)\b/.test(
      f.lower.replace(/^\W+/, ''),
    )
  ) {
    s.opportunity += 6;
    s.pain_point -= 2;
    s.thought -= 1;
  }
  if (
    !firstPerson &&
    /\bfor (people|customers|users|members|guests|tenants|patients|students|clients|those|anyone|everyone) (who|that|with)\b/.test(
      f.lower,
    )
  )
    s.opportunity += 2.5;
  // "contactless on every charger", "one app for each network": a thing asked for everywhere is a
  // proposal; a touchpoint is one place.
  if (verbs.length === 0 && !f.hasQuestionMark && /\b(every|each)\b/.test(f.lower)) {
    s.opportunity += 2.5;
    s.touchpoint -= 1;
  }
  // "maybe an FAQ on the booking page?": the team floating an idea.
  if (!firstPerson && /^(maybe|perhaps) (a|an|some|more|fewer|less|the|one|extra|better)\b/.test(joined))
    s.opportunity += 4;
  // "Clearer wording on the form", "Fewer steps to sign up": a better version of something.
  if (
    first &&
    BETTER.has(first.lower) &&
    !/\bthan\b/.test(f.lower) &&
    !f.hasQuestionMark &&
    // "Longer queue reported": a past verb right after it reports a change, not a proposal.
    !w.slice(1, 3).some((t) => t.pos === 'VERB' && /ed$/.test(t.lower))
  ) {
    s.opportunity += 5.5;
    s.touchpoint -= 2;
    s.pain_point -= 1.5;
  }
  if (
    /\b(instead|so that|so they|so ppl|so people|so customers|so the customer|as default|by default|per [a-z]+|automatically|proactively|upfront|up front|in advance|ahead of time|(day|week|month)s? ahead)\b/.test(
      f.lower,
    )
  )
    s.opportunity += 1;
  if (imperative === 'strong') s.opportunity += 4;
  else if (imperative === 'weak') s.opportunity += 2;
  // "X should/could ..." about the product ("the form should keep answers")
  if (
    !firstPerson &&
    w.some((t, i) => i > 0 && MODALS.has(t.lower) && ['should', 'could', 'must'].includes(t.lower)) &&
    !startsQuestion
  )
    s.opportunity += 1.5;
  if (
    /^what if (?!(i|i'm|i've|my|me|we|we're|you)\b)/.test(joined) &&
    (/(ed|'d)\b/.test(f.lower) || IRREGULAR_PAST.test(joined))
  )
    s.opportunity += 7;
  // "could the x-ray be done before ...?": the team asking whether the service could change.
  if (!firstPerson && /^(could|can|should|would) .*\bbe [a-z]+(ed|en|ne|t)\b/.test(joined)) s.opportunity += 6;
  if (/^(auto|pre|one)[- ]?(click|tap|[a-z]+)\b/.test(f.lower) && /^(auto|pre)-|^one[- ](click|tap|step)/.test(f.lower))
    s.opportunity += 3;
  // "what if customers could ...": the team imagining a different service.
  if (!firstPerson && /^what if\b.*\b(could|would|were able|had the option|got to)\b/.test(joined)) s.opportunity += 7;
  if (/^could [a-z]+/.test(joined) && /\binstead\b/.test(f.lower)) s.opportunity += 7;

  // --- action: a step the customer takes, verb first in the third person
  if (thirdPerson) s.action += 3.5;
  if (thirdPerson && first && CONTACT_VERBS.has(first.lower)) {
    s.action += 1.5;
    s.pain_point -= 1;
  }
  if (first && CUSTOMER_SUBJECTS.has(first.lower) && second && isThirdPersonVerb(second, w[2])) {
    // "she calls the helpline": a step, even when the verb also names a channel.
    s.action += 2.5;
    s.touchpoint -= 2;
  }
  // "parents should get the dates at sign-up": what the team thinks the customer ought to have.
  if (first && CUSTOMER_SUBJECTS.has(first.lower) && second && ['should', 'must'].includes(second.lower))
    s.opportunity += 4;
  // "checking the app again": an -ing verb with its object; before a bare noun it names a thing
  // ("cleaning fee", "waiting room", "joining fee").
  if (first && first.pos === 'VERB' && /ing$/.test(first.lower) && second && ['DET', 'PRON'].includes(second.pos))
    s.action += 1.5;
  if (first && first.pos === 'VERB' && /ed$/.test(first.lower) && !firstPerson) s.action += 0.8;

  // --- thought: a question or inner voice of the customer
  const alternatives = /\bor\b/.test(f.lower);
  if (f.hasQuestionMark) s.thought += startsQuestion || alternatives || firstPerson ? 2.5 : 1;
  if (startsQuestion) s.thought += 2.5;
  // "will they just ... again": a worried question, still the customer's own voice.
  if (startsQuestion && second && (second.pos === 'PRON' || FIRST_PERSON.has(second.lower))) s.pain_point -= 1.5;
  if (/\b(at last|finally)\b/.test(f.lower) && !thirdPerson) s.thought += 1;
  if (laterQuestion) s.thought += 2;
  if (/\?\?/.test(f.lower) && !startsQuestion && !alternatives && !firstPerson) s.pain_point += 1.5;
  if (
    w.some((t) => GOOD_WORDS.has(t.lower)) &&
    f.a.sentiment > 0 &&
    verbs.length > 0 &&
    !thirdPerson &&
    imperative === false
  )
    s.thought += 2;
  if (/^what if\b/.test(joined)) s.thought += 1.5;
  if (firstPerson) s.thought += 1.2;
  if (w.some((t) => MENTAL.has(t.lower))) s.thought += 1.5;
  if (
    /\b(let's|lets|this is|that's|it's|its|i'm|i am|best thing|can't imagine|cant imagine|would love|wish)\b/.test(
      f.lower,
    )
  )
    s.thought += 1;
  if (
    f.hasQuestionMark &&
    teamVoice &&
    /\b(we|our)\b/.test(f.lower) &&
    !/\b(should we|do we|will we|can we afford|are we)\b/.test(f.lower)
  )
    s.thought -= 1;
  if (w.some((t) => GOOD_WORDS.has(t.lower)) && !thirdPerson && imperative === false) s.thought += 0.8;

  // --- emotion: a feeling with no named cause
  const content = w.filter(
    (t) => !EMOTION_FILLER.has(t.lower) && !INTENSIFIERS.has(t.lower) && !SOFTENERS.has(t.lower) && t.type === 'word',
  );
  const idiomWords = new Set(FEELING_IDIOMS.filter((i) => f.lower.includes(i)).flatMap((i) => i.split(' ')));
  const nonFeeling = content.filter((t) => !feelings.has(t) && !FEEL_VERBS.has(t.lower) && !idiomWords.has(t.lower));
  if (feelsFirst) s.emotion += 2;
  // "bit lost tbh", "so confused": a feeling word that is also a problem word ("lost") names no
  // problem when nothing else in the note does.
  const onlyFeeling = feelingHits > 0 && nonFeeling.length === 0;
  if (onlyFeeling)
    s.pain_point -=
      1.3 *
      Math.min(
        3,
        w.filter((t) => feelings.has(t) && (PROBLEM_WORDS.has(t.lower) || PROBLEM_WORDS.has(t.lemma))).length,
      );
  if (feelingHits > 0 || idiom) {
    s.emotion += 3;
    if (nonFeeling.length === 0) s.emotion += 2.5;
    else if (nonFeeling.length === 1 && !nonFeeling.some((t) => t.pos === 'NOUN' && !idiom)) s.emotion += 1.2;
    if (w.some((t) => FEEL_VERBS.has(t.lower))) s.emotion += 1;
    s.emotion -= Math.max(0, nonFeeling.length - 1) * 1.2;
  } else if (
    content.length <= 2 &&
    w.length <= 4 &&
    f.a.sentiment !== 0 &&
    content.every((t) => t.pos === 'ADJ' || t.pos === 'ADV' || t.pos === 'VERB')
  ) {
    s.emotion += 3;
  } else if (
    content.length <= 2 &&
    w.length <= 4 &&
    content.some((t) => t.pos === 'ADJ') &&
    nouns.length === 0 &&
    verbs.length === 0
  ) {
    s.emotion += 2.5;
  }
  if (f.hasQuestionMark) s.emotion -= 2.5;
  // A note that opens with a feeling names how the customer felt, even with its cause after it:
  // "Delighted the courier texted a slot", "Felt relieved when the refund arrived". A positive
  // feeling is an emotion; a negative one with a problem named stays a pain point (tie-break).
  const lead = f.allWords.find((t) => !t.quoted && t.type === 'word' && !LEAD_SKIP.has(t.lower));
  const leadIdiom = LEAD_IDIOM.test(f.lower);
  if (lead && !f.hasQuestionMark && !MENTAL.has(lead.lower) && (feelings.has(lead) || leadIdiom) && !lead.negated) {
    const positive = leadIdiom || FEELINGS_POS.has(lead.lower) || FEELINGS_POS.has(lead.lemma);
    if (positive) {
      // The cause after the feeling costs the emotion nothing here.
      s.emotion = Math.max(s.emotion, 3) + 4;
      s.pain_point -= 3;
      s.thought -= 1;
    } else if (problemHits === 0 && !neg0(f)) {
      // "bit worried about the deposit": a worry, not a problem that happened.
      s.emotion += 3.5;
      s.pain_point -= 1.5;
    }
  }

  // --- pain point: a problem, failure, wait or cost
  const neg = f.negations > 0;
  if (neg) s.pain_point += 2.2;
  s.pain_point += Math.min(problemHits, 3) * 1.3;
  if (f.durations > 0) s.pain_point += 2;
  if (
    /\b(out of (order|stock|date)|not working|broke down|sold out|went wrong|goes wrong|fell through|in circles|dead end)\b/.test(
      f.lower,
    )
  ) {
    s.pain_point += 3;
    s.touchpoint -= 1.5;
  }
  if (imperative === 'strong') s.pain_point -= 2.5;
  if (thirdPerson && problemHits === 0 && !neg) s.pain_point -= 1.5;
  if (/\ba (day|week|month|year|fortnight)\b/.test(f.lower)) s.pain_point += 1.2;
  // Time lost, said in words: "waited in all day", "on hold for ages".
  if (
    /\b(all (day|morning|afternoon|evening|night|week|weekend)|for ages|forever|for (hours|days|weeks|months))\b/.test(
      f.lower,
    )
  )
    s.pain_point += 2.5;
  // A quoted message that reports a failure: "voucher code 'not valid'".
  if (
    f.a.toks.some(
      (t) =>
        t.quoted &&
        (PROBLEM_WORDS.has(t.lower) || ['not', "n't", 'no', 'never', 'sorry', 'unable', 'cannot'].includes(t.normal)),
    )
  ) {
    s.pain_point += 2.5;
    s.touchpoint -= 2;
  }
  // Failure words are rarely part of a touchpoint's name ("app crashes", "form rejected").
  if (w.some((t) => FAILURES.has(t.lower) || FAILURES.has(t.lemma))) {
    s.pain_point += 1.2;
    s.touchpoint -= 1.2;
  }
  // Events: a participle or a verb after the subject ("PIN arrived late", "app crashes").
  const event = w.some(
    (t, i) =>
      i > 0 &&
      !thirdPerson &&
      imperative === false &&
      ((/ed$/.test(t.lower) && (t.pos === 'VERB' || t.pos === 'ADJ')) || (/[^s]s$/.test(t.lower) && t.pos === 'VERB')),
  );
  if (event) s.pain_point += 1.2;
  // An irregular past after a noun subject tells what happened ("machine ate my card", "bus never
  // came"): a touchpoint is named, not narrated.
  else if (
    first &&
    (first.pos === 'NOUN' || first.pos === 'PROPN') &&
    w.some((t, i) => i > 0 && t.pos === 'VERB' && t.lemma !== t.lower && !/(ing|en|s)$/.test(t.lower))
  ) {
    s.pain_point += 1.2;
    s.touchpoint -= 1;
  }
  // So does any inflected verb after a possessive ("my booking vanished from the app").
  if (
    first &&
    POSSESSIVES.has(first.lower) &&
    w.some((t, i) => i > 1 && t.pos === 'VERB' && t.lemma !== t.lower && !/ing$/.test(t.lower))
  )
    s.touchpoint -= 1;
  if (
    /\b(had to|have to|has to|having to|gave up|give up|gives up|no idea|no clue|took \d|takes \d|took ages|takes ages|ages|again|already|on top|every time|keeps|kept|nobody|no one|no-one)\b/.test(
      f.lower,
    )
  )
    s.pain_point += 1.5;
  if (/\b(nps|csat|ces)\b|\d+ ?%|drop-?off|churn\b/.test(f.lower)) {
    s.pain_point += 3.5;
    s.touchpoint -= 2;
  }
  // "1h 40m", "2hrs": a wait written as a clock time.
  if (/\b\d+ ?h(rs?)?\b|\b\d+ ?m\b/.test(f.lower)) s.pain_point += 1.5;
  // "15 in the queue", "35 tariffs for one phone": counting what went wrong or was too many.
  if (/^\d{2,}\s/.test(f.lower) && !thirdPerson) s.pain_point += 1.5;
  if (f.exclaims >= 2 || f.shouting > 0) s.pain_point += 0.8;
  if (f.a.sentiment < -0.1 && (nouns.length > 0 || verbs.length > 0)) s.pain_point += Math.min(2, -f.a.sentiment * 3);
  // A statement with a subject and a verb that is not the customer's own step: something happened.
  if (
    first &&
    (POSSESSIVES.has(first.lower) ||
      first.pos === 'NOUN' ||
      first.pos === 'PROPN' ||
      first.pos === 'DET' ||
      first.pos === 'ADJ' ||
      first.pos === 'NUM') &&
    verbs.length > 0 &&
    !thirdPerson &&
    !f.hasQuestionMark
  )
    s.pain_point += 1;
  if (/\b(too|still|even|yet)\b/.test(f.lower)) s.pain_point += 0.6;
  if (/\bonly\b/.test(f.lower)) {
    s.pain_point += 1.8;
    s.touchpoint -= 1;
  }
  if (s.emotion > 0 && problemHits > 0 && nonFeeling.length >= 2) s.pain_point += 1.5;

  // --- touchpoint: a channel or artefact, named as a noun phrase
  const touchNouns = w.filter((t) => TOUCHPOINT_NOUNS.has(t.lower) || TOUCHPOINT_NOUNS.has(t.lemma));
  const realVerbs = verbs.filter((t) => !(t.pos === 'VERB' && t === first && !thirdPerson && imperative === false));
  if (verbs.length === 0 && !f.hasQuestionMark && !neg) s.touchpoint += 2;
  else if (realVerbs.length === 0 && !f.hasQuestionMark && !neg) s.touchpoint += 1;
  if (touchNouns.length > 0) s.touchpoint += 1.5;
  // "help centre article", "invite email": a verb-like word heading a compound noun.
  if (
    imperative === 'weak' &&
    second &&
    TOUCHPOINT_NOUNS.has(second.lower) &&
    realVerbs.length <= 1 &&
    !f.hasQuestionMark
  )
    s.touchpoint += 1.5;
  const last = w.filter((t) => t.type === 'word').at(-1);
  if (last && touchNouns.includes(last)) s.touchpoint += 0.8;
  if (f.a.toks.some((t) => t.quoted) && verbs.length === 0) s.touchpoint += 1;
  if (
    first &&
    (first.pos === 'NOUN' || first.pos === 'ADJ' || first.pos === 'PROPN' || first.pos === 'NUM' || first.pos === 'DET')
  )
    s.touchpoint += 0.4;
  if (feelingHits > 0) s.touchpoint -= 2;
  // "password rules ridiculous": a judgement, not the name of a channel (when no problem word,
  // already counted above, is what makes the note negative: "damage report" is a channel).
  if (f.a.sentiment <= -0.3 && problemHits === 0) s.touchpoint -= 1.5;
  if (thirdPerson) s.touchpoint -= 2.5;
  if (imperative === 'strong') s.touchpoint -= 2;
  if (f.durations > 0 || /\d ?%/.test(f.lower)) s.touchpoint -= 1.5;
  s.touchpoint -= Math.min(problemHits, 2) * 1.2;
  if (neg) s.touchpoint -= 1.5;

  return s;
}

/** The best kind and a 0..1 confidence from the margin between the two best scores. */
export function pickKind(scores: KindScores): {
  kind: Kind;
  confidence: number;
} {
  let best: Kind = 'touchpoint';
  let second = -Infinity;
  for (const k of KINDS) {
    if (scores[k] > scores[best]) best = k;
  }
  for (const k of KINDS) if (k !== best && scores[k] > second) second = scores[k];
  // Softmax of the two leaders: equal scores give 0.5, a clear lead approaches 1.
  const margin = scores[best] - second;
  const confidence = 1 / (1 + Math.exp(-margin * 1.2));
  return { kind: best, confidence: Math.round(confidence * 1000) / 1000 };
}
