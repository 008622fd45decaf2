/**
 * Near-duplicate sticky notes: "40 min on hold" and "on hold for 40mins!!" are one point.
 * Pure string work (no wink model) so it stays fast on a whole board: normalise, compare by
 * token Jaccard and character-trigram cosine, join pairs above a threshold with union-find.
 */

export interface ClusterOptions {
  /** Similarity (0..1) at or above which two notes are the same point. Default 0.6. */
  threshold?: number;
  /** Return notes that matched nothing as one-note groups. Default false. */
  includeSingletons?: boolean;
}

const STOP = new Set(
  `a an the and or but of to in on at for with w by from into onto as is are was were be been being it its this that these those
  i me my we our us you your they them their he she his her so very really just too than then there here again also still
  do does did done have has had will would can could should shall may might must not no am im i'm it's its
  tbh lol ngl pls plz please ok okay oh hmm um uh well quite bit kinda sooo soo`.split(/\s+/),
);

const UNITS: Record<string, string> = {
  s: 'second',
  sec: 'second',
  secs: 'second',
  second: 'second',
  seconds: 'second',
  m: 'min',
  min: 'min',
  mins: 'min',
  minute: 'min',
  minutes: 'min',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  wk: 'week',
  wks: 'week',
  week: 'week',
  weeks: 'week',
  mth: 'month',
  mths: 'month',
  mo: 'month',
  month: 'month',
  months: 'month',
  yr: 'year',
  yrs: 'year',
  year: 'year',
  years: 'year',
  x: 'times',
  times: 'times',
  time: 'times',
};

const ABBREVIATIONS: Record<string, string> = {
  thru: 'through',
  ppl: 'people',
  acct: 'account',
  accts: 'account',
  cust: 'customer',
  custs: 'customer',
  appt: 'appointment',
  appts: 'appointment',
  info: 'information',
  msg: 'message',
  msgs: 'message',
  notif: 'notification',
  notifs: 'notification',
  pic: 'photo',
  pics: 'photo',
  pw: 'password',
  pwd: 'password',
  govt: 'government',
  dept: 'department',
  approx: 'approximately',
  asap: 'soon',
  b4: 'before',
  u: 'you',
  ur: 'your',
  cant: 'cannot',
  wont: 'will',
  dont: 'not',
  doesnt: 'not',
  didnt: 'not',
  isnt: 'not',
  never: 'not',
  twice: '2 times',
  once: '1 times',
};

/** A crude English stemmer: enough to meet "delays" with "delayed" and "charging" with "charge". */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // "stopped" -> "stopp" -> "stop"
  if (w.length > 3 && w.at(-1) === w.at(-2) && !/[aeiousl]/.test(w.at(-1)!)) w = w.slice(0, -1);
  return w;
}

// Maps, not the records: a word such as "constructor" must not find Object's own properties.
const UNIT_OF = new Map(Object.entries(UNITS));
const ABBREVIATION_OF = new Map(Object.entries(ABBREVIATIONS));

/** What each word becomes on its own (not as a one-letter unit after a number): a board repeats its words. */
const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_SIZE = 50_000;

function contentOf(word: string): readonly string[] {
  const hit = wordCache.get(word);
  if (hit) return hit;
  let out: string[];
  const expanded = ABBREVIATION_OF.get(word);
  if (expanded !== undefined) out = expanded.split(' ').filter((part) => !STOP.has(part));
  else {
    const t = (word.length > 1 ? UNIT_OF.get(word) : undefined) ?? word;
    out = STOP.has(t) ? [] : [stem(t)];
  }
  if (wordCache.size >= WORD_CACHE_SIZE) wordCache.clear();
  wordCache.set(word, out);
  return out;
}

/** Content tokens of a note: lower-cased, numbers split from units ("40mins" -> 40 min), stemmed, no stop words. */
export function normaliseNote(text: string): string[] {
  let lower = text.toLowerCase();
  // Each rewrite needs an apostrophe or a digit: most notes skip the passes over the text.
  if (/[‘’`']/.test(lower))
    lower = lower
      .replace(/[‘’`]/g, "'")
      .replace(/\bcan't\b/g, 'can not')
      .replace(/\bwon't\b/g, 'will not')
      .replace(/n't\b/g, ' not')
      .replace(/'(s|re|ve|ll|d|m)\b/g, '');
  if (/\d/.test(lower)) lower = lower.replace(/(\d)([a-z]+)\b/g, '$1 $2').replace(/\b(\d+)\s*-\s*(\d+)\b/g, '$1 $2');
  const raw = lower.split(/[^a-z0-9%£$€]+/);
  const out: string[] = [];
  let prev: string | undefined;
  for (const word of raw) {
    if (word === '') continue;
    const unit = word.length === 1 && prev !== undefined ? UNIT_OF.get(word) : undefined;
    // A one-letter unit counts as one only after a number ("40 m", not "m" alone).
    if (unit !== undefined && !ABBREVIATION_OF.has(word) && /^\d+$/.test(prev!)) {
      if (!STOP.has(unit)) out.push(stem(unit));
    } else for (const t of contentOf(word)) out.push(t);
    prev = word;
  }
  return out;
}

/**
 * The characters a normalised note can hold (tokens are split on anything else), a space first:
 * a trigram's id is its three characters' places in base 42 (41 for a character not listed, which
 * normalising never leaves), so ids are exact, small and need no map.
 */
const ALPHABET = ' abcdefghijklmnopqrstuvwxyz0123456789%£$€';
const BASE = ALPHABET.length + 1;
const GRAM_IDS = BASE * BASE * BASE;
const CHAR_PLACE = new Int32Array(8365).fill(ALPHABET.length);
for (let k = 0; k < ALPHABET.length; k++) CHAR_PLACE[ALPHABET.charCodeAt(k)] = k;
const placeOf = (code: number): number => (code < CHAR_PLACE.length ? CHAR_PLACE[code]! : ALPHABET.length);

/**
 * Character trigrams of the normalised text, in one array (one allocation per note: thousands of
 * small typed arrays each had their own backing store, and a cold call spent much of its time
 * collecting them): [0, n) the distinct trigram ids in the order first met, [n, 2n) their counts,
 * [2n, 3n) `top`, where top[k-1] is the sum of the k largest squared counts (what k shared
 * trigrams can add up to at most).
 */
interface Grams {
  data: Float64Array;
  /** How many distinct trigrams. */
  n: number;
  norm: number;
}

/** Scratch space: counts by trigram id (zero between uses), the ids met, counts of counts. */
const gramCounts = new Int32Array(GRAM_IDS);
let gramsMet = new Int32Array(256);
let countsOfCounts = new Int32Array(64);

function trigrams(key: string): Grams {
  const s = ` ${key} `;
  const m = s.length - 2;
  if (gramsMet.length < m) gramsMet = new Int32Array(2 * m);
  // Counted by id in the scratch table: no sort, no map per note.
  let n = 0;
  let a = placeOf(s.charCodeAt(0));
  let b = placeOf(s.charCodeAt(1));
  for (let i = 0; i < m; i++) {
    const c = placeOf(s.charCodeAt(i + 2));
    const id = (a * BASE + b) * BASE + c;
    if (gramCounts[id]!++ === 0) gramsMet[n++] = id;
    a = b;
    b = c;
  }
  const data = new Float64Array(3 * n);
  let most = 0;
  for (let k = 0; k < n; k++) {
    const id = gramsMet[k]!;
    const count = gramCounts[id]!;
    gramCounts[id] = 0;
    data[k] = id;
    data[n + k] = count;
    if (count > most) most = count;
  }
  // The squared counts from the largest down, summed: counts are small whole numbers, so by
  // counting how many trigrams have each count.
  if (countsOfCounts.length <= most) countsOfCounts = new Int32Array(2 * most + 1);
  for (let k = 0; k < n; k++) countsOfCounts[data[n + k]!]!++;
  let sum = 0;
  for (let count = most, i = 2 * n; count > 0; count--) {
    for (let times = countsOfCounts[count]!; times > 0; times--) data[i++] = sum += count * count;
    countsOfCounts[count] = 0;
  }
  return { data, n, norm: Math.sqrt(sum) };
}

interface Prepared {
  /** The distinct content tokens. */
  tokens: string[];
  grams: Grams;
  /** The normalised tokens in order: notes with the same key are the same to every comparison. */
  key: string;
}

/** Prepared notes by text, most recently used last: a board is clustered again and again. */
const preparedCache = new Map<string, Prepared>();
const CACHE_SIZE = 12_000;

function prepare(text: string): Prepared {
  const hit = preparedCache.get(text);
  if (hit) {
    preparedCache.delete(text);
    preparedCache.set(text, hit);
    return hit;
  }
  const tokens = normaliseNote(text);
  const key = tokens.join(' ');
  const distinct = tokens.length > 16 ? [...new Set(tokens)] : tokens.filter((t, k) => tokens.indexOf(t) === k);
  const p = { tokens: distinct, grams: trigrams(key), key };
  preparedCache.set(text, p);
  if (preparedCache.size > CACHE_SIZE) preparedCache.delete(preparedCache.keys().next().value!);
  return p;
}

function jaccardOf(a: Prepared, b: Prepared): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  let inter = 0;
  for (const t of a.tokens) if (b.tokens.includes(t)) inter++;
  return inter / (a.tokens.length + b.tokens.length - inter);
}

/** A margin for rounding, so that a pair right at the threshold is still compared in full. */
const MARGIN = 1e-9;

/** Trigram cosine of two notes: the plain rule (x's counts spread by id, y's trigrams looked up). */
function gramCosine(x: Grams, y: Grams): number {
  if (x.n === 0 || y.n === 0) return 0;
  for (let k = 0; k < x.n; k++) gramCounts[x.data[k]!] = x.data[x.n + k]!;
  let dot = 0;
  for (let k = 0; k < y.n; k++) dot += gramCounts[y.data[k]!]! * y.data[y.n + k]!;
  for (let k = 0; k < x.n; k++) gramCounts[x.data[k]!] = 0;
  return dot / (x.norm * y.norm);
}

/**
 * One call's trigrams in flat arrays by rank (item r's at off[r] .. off[r + 1]): a candidate's
 * counts, bound and norm sit in a few arrays read in order, not behind a pointer per note (those
 * cache misses were a third of a warm call on the small vocabulary).
 */
interface GramTable {
  off: Int32Array;
  ids: Int32Array;
  counts: Float64Array;
  top: Float64Array;
  norm: Float64Array;
}

/** The last call's table: clustering the same board again (same notes, same order) reuses it. */
let lastTable: { grams: Grams[]; table: GramTable } | undefined;

function gramTable(grams: Grams[]): GramTable {
  if (lastTable && lastTable.grams.length === grams.length && lastTable.grams.every((g, r) => g === grams[r])) return lastTable.table;
  const table = buildTable(grams);
  lastTable = { grams, table };
  return table;
}

function buildTable(grams: Grams[]): GramTable {
  const off = new Int32Array(grams.length + 1);
  grams.forEach((g, r) => (off[r + 1] = off[r]! + g.n));
  const total = off[grams.length]!;
  const ids = new Int32Array(total);
  const counts = new Float64Array(total);
  const top = new Float64Array(total);
  const norm = new Float64Array(grams.length);
  grams.forEach(({ data, n }, r) => {
    for (let k = 0, q = off[r]!; k < n; k++, q++) {
      ids[q] = data[k]!;
      counts[q] = data[n + k]!;
      top[q] = data[2 * n + k]!;
    }
    norm[r] = grams[r]!.norm;
  });
  return { off, ids, counts, top, norm };
}

/** The visiting item's counts by trigram id while it meets its candidates (zero elsewhere). */
const denseCounts = new Float64Array(GRAM_IDS);

/**
 * The trigram cosine of items x and y (by rank in `g`) with x's counts spread into
 * `denseCounts`: one pass over y's trigrams with no branch on the ids. 0 as soon as it cannot
 * reach `need`: first because the k = min(supports) trigrams they could share add up to at most
 * the sum of the other's k largest squared counts (`top`), then by what y's trigrams still ahead
 * could add (Cauchy-Schwarz against what x has left for them to meet). Counts are whole numbers, so the dot
 * product is exact: the same cosine as `gramCosine`.
 */
function denseCosine(g: GramTable, x: number, y: number, need: number): number {
  const nx = g.norm[x]!;
  const ny = g.norm[y]!;
  const from = g.off[y]!;
  const to = g.off[y + 1]!;
  const k = Math.min(g.off[x + 1]! - g.off[x]!, to - from);
  const bound = Math.min(Math.sqrt(g.top[g.off[x]! + k - 1]!) / nx, Math.sqrt(g.top[from + k - 1]!) / ny);
  if (bound < need - MARGIN) return 0;
  const want = (need - MARGIN) * nx * ny;
  let restY = ny * ny;
  let restX = nx * nx;
  let dot = 0;
  const ids = g.ids;
  const counts = g.counts;
  for (let q = from; q < to; q++) {
    const cy = counts[q]!;
    const cx = denseCounts[ids[q]!]!;
    dot += cx * cy;
    restX -= cx * cx;
    restY -= cy * cy;
    if (((q - from) & 15) === 15 && dot + Math.sqrt(Math.max(0, restX * restY)) < want) return 0;
  }
  return dot / (nx * ny);
}

/**
 * For the item at one rank (its token ids `mine`), counts the tokens it shares with each larger
 * item below rank `limit`, and lists in `touched` those that reach `enough` shared tokens; returns
 * how many. `shared[s] - base` is the count: values left from earlier items are below this item's
 * `base`, so nothing needs resetting, and items that share too few tokens are never listed.
 */
function countShared(
  mine: Int32Array,
  start: Int32Array,
  cursor: Int32Array,
  postings: Int32Array,
  limit: number,
  shared: Float64Array,
  base: number,
  enough: number,
  touched: Int32Array,
): number {
  let count = 0;
  const listAt = base + enough;
  for (let k = 0; k < mine.length; k++) {
    const t = mine[k]!;
    const end = start[t + 1]!;
    for (let q = ++cursor[t]!; q < end; q++) {
      const s = postings[q]!;
      if (s >= limit) break;
      const v = Math.max(shared[s]!, base) + 1;
      shared[s] = v;
      if (v === listAt) touched[count++] = s;
    }
  }
  return count;
}

/**
 * Calls `meet(s, r, cos)` for every pair of items (by rank, s < r) whose trigram cosine reaches
 * `least` (> 0), found by prefix filtering as in AllPairs: each item's trigrams are taken rarest
 * first (one order for all) until what is left has a norm below `least` of the item's; a pair with
 * cosine >= `least` must share a trigram within both of those prefixes (the part after x's prefix
 * adds less than `least` to the cosine, so they share one in x's prefix, and it comes no later in
 * the order than the end of y's).
 */
function pairsByTrigrams(g: GramTable, least: number, meet: (s: number, r: number) => void): void {
  const n = g.norm.length;
  const df = new Map<number, number>();
  for (const id of g.ids) df.set(id, (df.get(id) ?? 0) + 1);
  const postings = new Map<number, number[]>();
  const seen = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    const from = g.off[r]!;
    const to = g.off[r + 1]!;
    const at = Array.from({ length: to - from }, (_, k) => from + k);
    at.sort((a, b) => df.get(g.ids[a]!)! - df.get(g.ids[b]!)! || g.ids[a]! - g.ids[b]!);
    for (let q = from; q < to; q++) denseCounts[g.ids[q]!] = g.counts[q]!;
    let rest = g.norm[r]! * g.norm[r]!;
    const enough = least * least * rest;
    for (const q of at) {
      if (rest < enough) break;
      rest -= g.counts[q]! * g.counts[q]!;
      const id = g.ids[q]!;
      let list = postings.get(id);
      if (!list) postings.set(id, (list = []));
      for (const s of list)
        if (seen[s] !== r) {
          seen[s] = r;
          if (denseCosine(g, r, s, least) >= least) meet(s, r);
        }
      list.push(r);
    }
    for (let q = from; q < to; q++) denseCounts[g.ids[q]!] = 0;
  }
}

/** The similarity rule: trigrams forgive typos and word forms; Jaccard keeps notes that share one word apart. */
function combine(jaccard: number, cos: number): number {
  return Math.max(jaccard, (jaccard + cos) / 2);
}

function similarityOf(a: Prepared, b: Prepared): number {
  const jaccard = jaccardOf(a, b);
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  return combine(jaccard, gramCosine(a.grams, b.grams));
}

/** Similarity of two note texts, 0..1. */
export function noteSimilarity(a: string, b: string): number {
  return similarityOf(prepare(a), prepare(b));
}

/**
 * Group near-duplicate notes. Returns groups of ids (each id in at most one group), in the order
 * their first note appears; by default only groups of two or more.
 */
export function clusterNotes(notes: { id: string; text: string }[], options: ClusterOptions = {}): string[][] {
  const threshold = options.threshold ?? 0.6;
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`clusterNotes: threshold must be a similarity above 0 and at most 1 (got ${threshold}); the default is 0.6.`);
  const prepared = notes.map((n) => prepare(n.text ?? ''));
  const parent = notes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // Notes whose normalised tokens are the same, in the same order, have the same tokens and
  // trigrams: their similarity is 1 and each compares with every other note as the first of them
  // does. So they join at once and only the first (an "item") meets the other notes: a templated
  // or repetitive board costs what its distinct texts cost. Notes with no content token match
  // nothing and are left out.
  const items: number[] = [];
  const firstWithKey = new Map<string, number>();
  prepared.forEach((p, i) => {
    if (p.tokens.length === 0) return;
    const first = firstWithKey.get(p.key);
    if (first === undefined) {
      firstWithKey.set(p.key, i);
      items.push(i);
    } else union(first, i);
  });
  // Candidate pairs from an inverted index of content tokens, counting the tokens each pair
  // shares as it goes. similarity >= threshold needs Jaccard >= 2 * threshold - 1 (the trigram
  // cosine is at most 1), so the costly trigram comparison runs only on pairs that can still make
  // it, and only as far as it can still reach the cosine the pair needs. That Jaccard also bounds
  // the sizes: items are visited from the fewest tokens up, and each meets only the larger ones it
  // could reach. Exact: the same groups as comparing every pair.
  const minJaccard = Math.max(0, 2 * threshold - 1);
  const ids = new Map<string, number>();
  const tokenIds = items.map((i) => {
    const p = prepared[i]!;
    const out = new Int32Array(p.tokens.length);
    let k = 0;
    for (const t of p.tokens) {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      out[k++] = id;
    }
    return out;
  });
  // Items by size (then by position): rank -> item, and the size at each rank.
  const order = items.map((_, k) => k).sort((a, b) => tokenIds[a]!.length - tokenIds[b]!.length || a - b);
  const n = order.length;
  const sizeAt = Int32Array.from(order, (k) => tokenIds[k]!.length);
  const noteAt = Int32Array.from(order, (k) => items[k]!);
  const grams = gramTable(Array.from(order, (k) => prepared[items[k]!]!.grams));
  // ranksUpTo[size]: the first rank with more tokens than that (the size bound as a rank).
  const biggest = n ? sizeAt[n - 1]! : 0;
  const ranksUpTo = new Int32Array(biggest + 2);
  for (let r = 0, size = 0; size <= biggest + 1; size++) {
    while (r < n && sizeAt[r]! <= size) r++;
    ranksUpTo[size] = r;
  }
  // Postings in one flat array (token t's ranks at start[t] .. start[t + 1]), in rank order.
  const start = new Int32Array(ids.size + 1);
  for (const mine of tokenIds) for (const t of mine) start[t + 1]!++;
  for (let t = 0; t < ids.size; t++) start[t + 1]! += start[t]!;
  const postings = new Int32Array(start[ids.size]!);
  const fill = start.slice(0, ids.size);
  order.forEach((k, r) => {
    for (const t of tokenIds[k]!) postings[fill[t]!++] = r;
  });
  // cursor[t]: where the item being visited sits in token t's postings; the larger items follow.
  const cursor = start.slice(0, ids.size);
  const shared = new Float64Array(n);
  const touched = new Int32Array(n);
  // Jaccard >= minJaccard <=> shared * (1 + minJaccard) >= minJaccard * (both sizes): no division
  // for the pairs turned away (a margin keeps one right at the bound). The larger item has at
  // least as many tokens, so a pair needs at least `enough` shared tokens before anything else.
  const onePlus = 1 + minJaccard;
  for (let r = 0; r < n; r++) {
    const mine = tokenIds[order[r]!]!;
    const size = mine.length;
    const limit = minJaccard > 0 ? ranksUpTo[Math.min(biggest + 1, Math.floor(size / minJaccard + MARGIN))]! : n;
    const enough = Math.max(1, Math.ceil((2 * size * minJaccard) / onePlus - MARGIN));
    const base = r * (biggest + 1);
    const count = countShared(mine, start, cursor, postings, limit, shared, base, enough, touched);
    if (count === 0) continue;
    const i = noteAt[r]!;
    let spread = false;
    for (let q = 0; q < count; q++) {
      const s = touched[q]!;
      const inter = shared[s]! - base;
      const sizes = size + sizeAt[s]!;
      if (inter * onePlus < minJaccard * sizes - MARGIN) continue;
      const j = noteAt[s]!;
      if (find(i) === find(j)) continue;
      const jaccard = inter / (sizes - inter);
      // similarity is at least the Jaccard: no trigrams needed when that already clears it.
      if (jaccard >= threshold) {
        union(i, j);
        continue;
      }
      if (!spread) {
        for (let q = grams.off[r]!; q < grams.off[r + 1]!; q++) denseCounts[grams.ids[q]!] = grams.counts[q]!;
        spread = true;
      }
      if (combine(jaccard, denseCosine(grams, r, s, 2 * threshold - jaccard)) >= threshold) union(i, j);
    }
    if (spread) for (let q = grams.off[r]!; q < grams.off[r + 1]!; q++) denseCounts[grams.ids[q]!] = 0;
  }
  // At a threshold of 0.5 or less, notes that share no word at all can still be the same point
  // ("booking booking" / "bokoing boking": Jaccard 0, trigram cosine 0.66 >= 2t): the word index
  // never meets them, so their trigrams find them.
  if (minJaccard === 0)
    pairsByTrigrams(grams, 2 * threshold - 2 * MARGIN, (a, b) => {
      const i = noteAt[a]!;
      const j = noteAt[b]!;
      if (find(i) !== find(j) && similarityOf(prepared[i]!, prepared[j]!) >= threshold) union(i, j);
    });
  const groups = new Map<number, string[]>();
  notes.forEach((n, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(n.id);
    else groups.set(r, [n.id]);
  });
  const out = [...groups.values()];
  return options.includeSingletons ? out : out.filter((g) => g.length > 1);
}

/**
 * The text to keep when near-duplicates are merged: the one that says most (most distinct content
 * words, numbers count double since they carry the facts), then the longer, then the first.
 */
export function mergeNotesText(texts: string[]): string {
  let best = '';
  let bestScore = -1;
  for (const raw of texts) {
    const text = (raw ?? '').trim();
    if (!text) continue;
    const tokens = new Set(normaliseNote(text));
    let score = tokens.size;
    for (const t of tokens) if (/\d/.test(t)) score += 1;
    score = score * 1000 + Math.min(text.length, 999);
    if (score > bestScore) {
      best = text;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The one merge rule for near-duplicate notes (the `notes.merge` method and the board's Merge both
 * use it): the most informative text (`mergeNotesText`, or `text` when given), every distinct
 * author joined with ", " (at most 100 characters; none: null), the union of channels and persona
 * tags, in the order first met.
 */
export function mergeNoteFields<C extends string>(
  notes: readonly { text: string; author: string | null; channels: readonly C[]; personaIds: readonly string[] }[],
  text?: string,
): { text: string; author: string | null; channels: C[]; personaIds: string[] } {
  const authors = [...new Set(notes.map((n) => n.author?.trim()).filter((a): a is string => !!a))];
  return {
    text: text ?? mergeNotesText(notes.map((n) => n.text)),
    author: authors.length ? authors.join(', ').slice(0, 100) : null,
    channels: [...new Set(notes.flatMap((n) => n.channels))],
    personaIds: [...new Set(notes.flatMap((n) => n.personaIds))],
  };
}
