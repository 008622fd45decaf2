/**
 * The content terms of a text for stage matching: stems of its content words and the journey
 * phases they evoke. Plain string work, no wink: a map's placed notes (thousands on a big board)
 * only teach their stage's vocabulary, so they need no part-of-speech tagging, and the free notes
 * and the stage names go through the same path so that their stems meet. Function words are
 * dropped by a general English stop list (closed-class words plus the usual light verbs and
 * adverbs), irregular verb forms are mapped to their base form, then the light stemmer applies.
 */
import { stem } from './cluster';
import { PHASE_INDEX } from './journey';

/** Stems and phases of one text. */
export interface Terms {
  stems: Map<string, number>;
  phases: Map<number, number>;
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** General English stop words: determiners, pronouns, prepositions, conjunctions, auxiliaries, light verbs and adverbs. */
const STOP = new Set(
  words(`a an the this that these those my your his her its our their some any no every each either neither all both
  half several many much more most few fewer less least other others another such what which whose whatever whichever
  whenever wherever enough own same i me myself we us ourselves you yourself yourselves he him himself she herself it
  itself they them themselves one ones someone somebody something anyone anybody anything everyone everybody everything
  nobody nothing none who whom mine yours hers ours theirs about above across after afterwards against along amid among
  amongst around as at before behind below beneath beside besides between beyond by despite down during except for from
  in inside into like near of off on onto out outside over past per since than through throughout thru till to toward
  towards under underneath unlike until up upon via with within without and or but nor so yet because although though
  while whereas whereby if unless whether once then also am is are was were be been being have has had having do does
  did doing will would shall should can could may might must ought cannot can't won't don't didn't doesn't isn't aren't
  wasn't weren't haven't hasn't hadn't wouldn't couldn't shouldn't not never n't very just too even still again already
  only really quite rather here there now when where why how ever often always sometimes soon further yes yeah ok okay
  hi please thanks etc get got gets getting go goes went gone going make makes made making take takes took taken give
  gives gave given put puts see sees saw seen seem seems seemed become becomes became keep keeps kept show shows showed
  move moves moved call calls called first next last whole part top side amount empty full name thing things way lot
  lots bit well back lol tbh im i'm it's that's there's he's she's we're they're you're i've we've you've they've i'll
  we'll you'll i'd we'd you'd let lets`),
);

/**
 * Irregular verb forms (and a few irregular plurals) -> base form: general English, not tied to any
 * domain. A Map, not an object: a note saying "constructor" must not meet Object.prototype.
 */
const BASE: ReadonlyMap<string, string> = new Map(
  words(`took:take bought:buy paid:pay sent:send found:find told:tell said:say came:come left:leave felt:feel
  thought:think knew:know known:know chose:choose chosen:choose began:begin begun:begin spent:spend lost:lose
  brought:bring held:hold heard:hear wrote:write written:write ran:run met:meet sold:sell understood:understand
  stood:stand won:win broke:break forgot:forget forgotten:forget built:build fell:fall fallen:fall drove:drive
  driven:drive ate:eat eaten:eat rang:ring rung:ring hung:hang hid:hide hidden:hide led:lead lent:lend meant:mean
  slept:sleep spoke:speak spoken:speak stuck:stick taught:teach threw:throw thrown:throw woke:wake wore:wear
  worn:wear flew:fly flown:fly grew:grow grown:grow drew:draw drawn:draw sat:sit shown:show signed:sign did:do
  children:child people:person men:man women:woman feet:foot teeth:tooth mice:mouse`).map(
    (p) => p.split(':') as [string, string],
  ),
);

/** Phrase/word -> phases, keyed by the stems of the phase vocabulary's words, so word forms meet. */
const PHASE_STEMS: ReadonlyMap<string, number[]> = (() => {
  const m = new Map<string, number[]>();
  for (const [phrase, phases] of PHASE_INDEX) {
    const key = phrase
      .split(' ')
      .map((x) => stem(BASE.get(x) ?? x))
      .join(' ');
    const list = m.get(key) ?? [];
    for (const p of phases) if (!list.includes(p)) list.push(p);
    m.set(key, list);
  }
  return m;
})();

/** First stems of the two-word phrases: only these start a pair worth looking up. */
const PAIR_STARTS: ReadonlySet<string> = new Set(
  [...PHASE_STEMS.keys()].filter((k) => k.split(' ').length === 2).map((k) => k.split(' ')[0]!),
);

/** Stem of a token (irregular forms to their base first), cached: a board's notes reuse few words. */
const stems = new Map<string, string>();
function stemOf(token: string): string {
  let s = stems.get(token);
  if (s === undefined) {
    if (stems.size >= 50_000) stems.clear();
    stems.set(token, (s = stem(BASE.get(token) ?? token)));
  }
  return s;
}

function addTo<K>(m: Map<K, number>, k: K, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** Word tokens of a text, lower-cased, apostrophes straightened; digits and symbols dropped. */
function tokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[‘’`]/g, "'")
      .match(/[a-z]+(?:'[a-z]+)*/g) ?? []
  ).map((t) => (t.endsWith("'s") ? t.slice(0, -2) : t));
}

function uncached(text: string): Terms {
  const stems = new Map<string, number>();
  const phases = new Map<number, number>();
  const toks = tokens(text);
  const st = toks.map(stemOf);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const s = st[i]!;
    const next = st[i + 1];
    if (next !== undefined && PAIR_STARTS.has(s)) {
      const pair = PHASE_STEMS.get(`${s} ${next}`);
      if (pair) for (const p of pair) addTo(phases, p, 1);
    }
    if (STOP.has(t) || t.length < 2 || t.includes("'")) continue;
    addTo(stems, s, 1);
    const ph = PHASE_STEMS.get(s);
    if (ph) for (const p of ph) addTo(phases, p, 1 / ph.length);
  }
  return { stems, phases };
}

/** Terms by text, most recently used last: a board's notes are matched again on every "Suggest again". */
const cache = new Map<string, Terms>();
const CACHE_SIZE = 20_000;

/** Content terms of a text (cached by text; callers never mutate them). */
export function textTerms(text: string): Terms {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const t = uncached(text);
  cache.set(text, t);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return t;
}
