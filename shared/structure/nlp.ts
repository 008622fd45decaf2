/**
 * The one place that touches wink-nlp. The model is loaded once, on first use (about 100 ms),
 * so importing this module costs nothing until a note is analysed.
 */
import winkNLP from 'wink-nlp';
import type { ItsFunction, PartOfSpeech, WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { stem } from './cluster';

/** One token of a note, as the rules see it. */
export interface Tok {
  /** Lower-cased surface text. */
  lower: string;
  /** wink's normal form (contractions expanded: "n't" -> "not"). */
  normal: string;
  lemma: string;
  stem: string;
  pos: PartOfSpeech;
  /** True when the token is in the scope of a negation ("not", "never", "n't", ...). */
  negated: boolean;
  /** "word", "number", "punctuation", "emoji", "emoticon", ... */
  type: string;
  stop: boolean;
  /** True for tokens inside quotes: the text of a message or a label, not the note's own voice. */
  quoted: boolean;
}

export interface Analysis {
  text: string;
  toks: Tok[];
  /** wink's document sentiment, -1..1. */
  sentiment: number;
}

let nlp: WinkMethods | null = null;

function engine(): WinkMethods {
  if (!nlp) nlp = winkNLP(model, ['pos', 'negation', 'sentiment']);
  return nlp;
}

const QUOTES = /['"‘’“”]/;

/**
 * Analyses by text, most recently used last: a map's notes are analysed again on every "Suggest
 * again", and wink costs far more than the rules. Analyses are never mutated by their readers.
 */
const cache = new Map<string, Analysis>();
/** About two big workshops' notes; an Analysis is a few kB. */
const CACHE_SIZE = 12_000;

/** Tokenise, tag and score one note (cached by text). */
export function analyse(text: string): Analysis {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const a = analyseUncached(text);
  cache.set(text, a);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return a;
}

function analyseUncached(text: string): Analysis {
  const w = engine();
  const its = w.its;
  // Straight single quotes double as apostrophes; treat them as quote marks only at word edges.
  const doc = w.readDoc(text);
  const tokens = doc.tokens();
  // wink's typings declare its.lemma and its.stem with a parameter list that does not fit
  // ItsFunction (a known mismatch in wink-nlp 2.x); they work at run time, so cast here, once.
  const out = <T>(f: unknown): T[] => tokens.out(f as ItsFunction<T>) as T[];
  const value = out<string>(its.value);
  const normal = out<string>(its.normal);
  const lemma = out<string>(its.lemma);
  const pos = out<PartOfSpeech>(its.pos);
  const neg = out<boolean>(its.negationFlag);
  const type = out<string>(its.type);
  const stop = out<boolean>(its.stopWordFlag);
  const toks: Tok[] = [];
  let inQuote = false;
  for (let i = 0; i < value.length; i++) {
    const v = value[i] ?? '';
    if (type[i] === 'punctuation' && QUOTES.test(v) && v.length === 1) {
      inQuote = !inQuote;
      continue;
    }
    toks.push({
      lower: v.toLowerCase(),
      normal: normal[i] ?? v.toLowerCase(),
      lemma: (lemma[i] ?? v).toLowerCase(),
      // wink's Porter stemmer costs half the analysis time; a light stemmer on the lemma is enough.
      stem: stem((lemma[i] ?? v).toLowerCase()),
      pos: pos[i] ?? 'X',
      negated: neg[i] === true,
      type: type[i] ?? 'word',
      stop: stop[i] === true,
      quoted: inQuote,
    });
  }
  // An unbalanced quote (an apostrophe wink split off) must not swallow the rest of the note.
  if (inQuote) for (const t of toks) t.quoted = false;
  return { text, toks, sentiment: doc.out(its.sentiment) as unknown as number };
}
