import { GazClass, type Gazetteer, WordCode } from './gazetteer.js';
import { LexClass, lexClass } from './lexicon.js';

/**
 * Hashed features of each token of a sentence, for the recognizer and its trainer alike. Every feature
 * is a 32-bit hash of (template, value), folded into `2^bits` buckets; a bucket holds one weight per
 * label. Strings are hashed once per token; templates only mix integers.
 */
export const FEATURES_PER_TOKEN = 32;

/**
 * Templates whose weights the decoder sums and caches together, keyed by their buckets, because their
 * values repeat together: the word's own (they depend on nothing but the word and whether its sentence
 * is in capitals), its left neighbour's, its right neighbour's, and the few-valued combinations of
 * shape, case and classes. The others (words two away, word pairs) take too many values to cache.
 */
export const FEATURE_GROUPS: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8],
  [9, 13, 18, 20],
  [10, 14, 19, 21],
  [15, 16, 17, 22, 23, 26, 27, 28, 29, 30, 31],
];

/**
 * What the document says about a word elsewhere: its case mid-sentence, and the company it keeps when
 * capitalised: after a given name ("Stephen Frater"), after a title ("Mr. Frater"), before an
 * organisation word ("Cofinec Corp"). A bare "Frater" later is then a person, a bare "Cofinec" not.
 */
export const CaseSeen = {
  Capitalised: 1,
  Lower: 2,
  AfterGivenName: 4,
  AfterTitle: 8,
  BeforeOrgWord: 16,
} as const;

const CASE_BITS = CaseSeen.Capitalised | CaseSeen.Lower;

export class CaseMemory {
  private readonly seen = new Map<string, number>();
  /**
   * Where the word ids of each sentence observed start in `ids`, so that its features need not look
   * its words up again; kept while the word table is not cleared (its generation).
   */
  private readonly sentences = new Map<readonly string[], number>();
  private ids = new Int32Array(256);
  private idCount = 0;
  private generation = tableGeneration;

  /** `gazetteer` knows given names; without it, no word is seen after one. */
  constructor(private readonly gazetteer?: Gazetteer) {}

  /**
   * Records each word of a sentence that is not all capitals; the first word's case says nothing.
   * `upper` is `isUpperSentence(words)` when the caller knows it.
   */
  observe(words: readonly string[], upper = isUpperSentence(words)): void {
    if (upper) return;
    const n = words.length;
    reserve(n);
    if (this.generation !== tableGeneration) {
      this.sentences.clear();
      this.idCount = 0;
      this.generation = tableGeneration;
    }
    if (this.idCount + n > this.ids.length) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, this.idCount + n));
      grown.set(this.ids.subarray(0, this.idCount));
      this.ids = grown;
    }
    const at = this.idCount;
    const rows = this.ids;
    for (let i = 0; i < n; i++) rows[at + i] = wordId(words[i] as string);
    this.sentences.set(words, at);
    this.idCount += n;
    const gazetteer = this.gazetteer;
    const given = (i: number) =>
      gazetteer !== undefined &&
      (gazCode(rows[at + i] as number, words[i] as string, gazetteer) & WordCode.FirstName) !== 0;
    for (let i = 0; i < n; i++) {
      const c = (words[i] as string).charCodeAt(0);
      const capitalised = isUpperLetter(c);
      let bit = i === 0 ? 0 : capitalised ? CaseSeen.Capitalised : c >= 97 && c <= 122 ? CaseSeen.Lower : 0;
      if (capitalised) {
        if (i > 0 && words[i - 1] !== '') {
          if (given(i - 1) && !given(i)) bit |= CaseSeen.AfterGivenName;
          if (table[(rows[at + i - 1] as number) * STRIDE + LEX] === LexClass.Title)
            bit |= CaseSeen.AfterTitle;
        }
        const next = words[i + 1];
        if (
          next &&
          table[(rows[at + i + 1] as number) * STRIDE + LEX] === LexClass.OrgWord &&
          isUpperLetter(next.charCodeAt(0))
        )
          bit |= CaseSeen.BeforeOrgWord;
      }
      if (bit) {
        const lower = lowers[rows[at + i] as number] as string;
        const old = this.seen.get(lower);
        if (old === undefined || (old | bit) !== old) this.seen.set(lower, (old ?? 0) | bit);
      }
    }
  }

  /** Copies the word ids of a sentence observed into `out`; false when they are not kept. */
  idsOf(words: readonly string[], out: Int32Array): boolean {
    const at = this.generation === tableGeneration ? this.sentences.get(words) : undefined;
    if (at === undefined) return false;
    out.set(this.ids.subarray(at, at + words.length));
    return true;
  }

  get(lower: string): number {
    return this.seen.get(lower) ?? 0;
  }
}

/** A headline or dateline in capitals: case says nothing about names there. */
export function isUpperSentence(words: readonly string[]): boolean {
  let upper = 0;
  let cased = 0;
  for (const w of words) {
    let letters = 0;
    let lower = false;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        lower = true;
        letters++;
        break;
      }
      if (c >= 65 && c <= 90) letters++;
    }
    if (letters === 0) continue;
    cased++;
    if (!lower && w.length > 1) upper++;
  }
  return cased >= 2 && upper / cased > 0.7;
}

function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(template: number, a: number, b = 0): number {
  let h = Math.imul(template + 1, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** "Kim" -> "Xx", "Jong-un" -> "Xx-x", "U.S." -> "X.X.", "1990" -> "d", "KCNA" -> "X4" (short caps). */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let upper = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const k =
      c >= 65 && c <= 90 ? 'X' : c >= 97 && c <= 122 ? 'x' : c >= 48 && c <= 57 ? 'd' : c > 127 ? 'x' : w[i];
    if (k === 'X') upper++;
    if (k !== last) out += k;
    last = k as string;
  }
  if (out === 'X') return upper <= 4 ? `X${upper}` : 'X+';
  return out;
}

const TITLE_CASE = (w: string) => (w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w);

const isUpperLetter = (c: number) => c >= 65 && c <= 90;

const PAD = 0x5bd1e995;

/*
 * Words repeat (Zipf): what a distinct word contributes to features whatever its context is computed
 * once and kept, by word id, in one table of STRIDE numbers: its hashes, its class, the mixed hashes of
 * its own templates (for sentences in mixed case, then in capitals) and of the templates that see it as
 * a neighbour. Cleared when full, to stay bounded, between sentences only, so ids hold for a sentence.
 */
const LW = 0;
const SH = 1;
const LEX = 2;
/** Templates 1 to 8, mixed case; then the same in capitals. */
const OWN = 3;
/** As the word before (templates 3 and 8), after (4 and 9), two before (5) and two after (6). */
const AS_PREV = 19;
const AS_PREV_SHAPE = 20;
const AS_NEXT = 21;
const AS_NEXT_SHAPE = 22;
const AS_PREV2 = 23;
const AS_NEXT2 = 24;
/** The word's code in the gazetteer last used (WordCode), valid when GAZ_SEEN holds `gazetteerSeen`. */
const GAZ = 25;
const GAZ_SEEN = 26;
const STRIDE = 27;

const WORDS = new Map<string, number>();
const MAX_WORDS = 200_000;
let lowers: string[] = [];
/** Counts the clearings of the table: ids from another generation name other words. */
let tableGeneration = 0;
let table = new Uint32Array(1024 * STRIDE);

/** Makes room for `n` new words without clearing the table while a sentence holds ids. */
function reserve(n: number): void {
  if (WORDS.size + n <= MAX_WORDS) return;
  WORDS.clear();
  lowers = [];
  tableGeneration++;
}

function wordId(w: string): number {
  let id = WORDS.get(w);
  if (id !== undefined) return id;
  id = WORDS.size;
  if ((id + 1) * STRIDE > table.length) {
    const grown = new Uint32Array(table.length * 2);
    grown.set(table);
    table = grown;
  }
  const lower = w.toLowerCase();
  const lw = hashString(lower, 1);
  const wh = hashString(w, 2);
  const sh = hashString(wordShape(w), 3);
  const px = hashString(lower.slice(0, 3), 4);
  const s2 = hashString(lower.slice(-2), 5);
  const s3 = hashString(lower.slice(-3), 6);
  const s4 = hashString(lower.slice(-4), 7);
  const lex = lexClass(lower);
  const at = id * STRIDE;
  table[at + LW] = lw;
  table[at + SH] = sh;
  table[at + LEX] = lex;
  for (let mode = 0; mode < 2; mode++) {
    const o = at + OWN + mode * 8;
    table[o] = mix(1, wh, mode);
    table[o + 1] = mix(2, lw);
    table[o + 2] = mix(7, sh, mode);
    table[o + 3] = mix(12, px, mode);
    table[o + 4] = mix(13, s2);
    table[o + 5] = mix(14, s3);
    table[o + 6] = mix(15, s4, mode);
    table[o + 7] = mix(19, lex);
  }
  table[at + AS_PREV] = mix(3, lw);
  table[at + AS_PREV_SHAPE] = mix(8, sh);
  table[at + AS_NEXT] = mix(4, lw);
  table[at + AS_NEXT_SHAPE] = mix(9, sh);
  table[at + AS_PREV2] = mix(5, lw);
  table[at + AS_NEXT2] = mix(6, lw);
  table[at + GAZ_SEEN] = 0;
  lowers[id] = lower;
  WORDS.set(w, id);
  return id;
}

let gazetteerUsed: Gazetteer | undefined;
let gazetteerSeen = 0;

/** The word's code in `gazetteer`, kept with the word while the same gazetteer is asked. */
function gazCode(id: number, w: string, gazetteer: Gazetteer): number {
  if (gazetteer !== gazetteerUsed) {
    gazetteerUsed = gazetteer;
    gazetteerSeen++;
  }
  const at = id * STRIDE;
  if (table[at + GAZ_SEEN] === gazetteerSeen) return table[at + GAZ] as number;
  const code = gazetteer.code(w);
  table[at + GAZ] = code;
  table[at + GAZ_SEEN] = gazetteerSeen;
  return code;
}

// The same templates at a sentence's edges, with padding for the missing word.
const BIAS = mix(0, 0);
const EDGE_PREV = mix(3, PAD);
const EDGE_NEXT = mix(4, PAD + 1);
const EDGE_PREV2 = mix(5, PAD + 2);
const EDGE_NEXT2 = mix(6, PAD + 3);
const EDGE_PREV_SHAPE = mix(8, PAD);
const EDGE_NEXT_SHAPE = mix(9, PAD + 1);

// Per-token values, reused across sentences to spare allocations.
let capacity = 0;
let rows = new Int32Array(0);
let mem = new Uint8Array(0);
let given = new Uint8Array(0);
let gazBuffer = new Uint8Array(0);
let codes = new Uint8Array(0);

function ensure(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 64);
  rows = new Int32Array(capacity);
  mem = new Uint8Array(capacity);
  given = new Uint8Array(capacity);
  gazBuffer = new Uint8Array(capacity);
  codes = new Uint8Array(capacity);
}

/**
 * Writes FEATURES_PER_TOKEN bucket indexes per word into `out` (length >= words.length * F).
 * `bits` is the model's hash size; `memory` the document's case memory; `upperMode` is
 * `isUpperSentence(words)` when the caller knows it. The words' gazetteer codes (WordCode, of the
 * title-case words in a sentence in capitals) go into `codesOut` when given.
 */
export function extractFeatures(
  words: readonly string[],
  gazetteer: Gazetteer,
  memory: CaseMemory,
  bits: number,
  out: Uint32Array,
  live?: Uint8Array,
  upperMode = isUpperSentence(words),
  codesOut?: Uint8Array,
): void {
  const n = words.length;
  ensure(n);
  reserve(n);
  if (live) markLive(words, upperMode, live);
  // In capitals, the gazetteer is asked about the words in title case.
  const gazWords = upperMode ? words.map(TITLE_CASE) : words;
  const known = memory.idsOf(words, rows);
  for (let i = 0; i < n; i++) {
    const w = words[i] as string;
    const id = known ? (rows[i] as number) : wordId(w);
    rows[i] = id * STRIDE;
    // Only the words searched read their memory.
    if (!live || live[i]) mem[i] = memory.get(lowers[id] as string);
    const gw = gazWords[i] as string;
    codes[i] = upperMode ? gazetteer.code(gw) : gazCode(id, w, gazetteer);
    given[i] = isUpperLetter(gw.charCodeAt(0)) && (codes[i] as number) & WordCode.FirstName ? 1 : 0;
  }
  if (codesOut) codesOut.set(codes.subarray(0, n));
  const gaz = gazetteer.classes(gazWords, gazBuffer, codes);
  const t = table;
  const shift = 32 - bits;
  const mode = upperMode ? 1 : 0;
  const own = OWN + mode * 8;
  for (let i = 0; i < n; i++) {
    if (live && !live[i]) continue;
    const at = rows[i] as number;
    const p1 = i > 0 ? (rows[i - 1] as number) : -1;
    const n1 = i + 1 < n ? (rows[i + 1] as number) : -1;
    const lwP = p1 >= 0 ? (t[p1 + LW] as number) : PAD;
    const lwN = n1 >= 0 ? (t[n1 + LW] as number) : PAD + 1;
    const shP = p1 >= 0 ? (t[p1 + SH] as number) : PAD;
    const shN = n1 >= 0 ? (t[n1 + SH] as number) : PAD + 1;
    const g = gaz[i] as number;
    const gP = p1 >= 0 ? (gaz[i - 1] as number) : 31;
    const gN = n1 >= 0 ? (gaz[i + 1] as number) : 31;
    const lx = t[at + LEX] as number;
    const lxP = p1 >= 0 ? (t[p1 + LEX] as number) : 31;
    const lxN = n1 >= 0 ? (t[n1 + LEX] as number) : 31;
    const s = t[at + SH] as number;
    const memo = mem[i] as number;
    const m = memo & CASE_BITS;
    const l = t[at + LW] as number;
    const o = i * FEATURES_PER_TOKEN;
    out[o + 0] = BIAS >>> shift;
    for (let k = 0; k < 8; k++) out[o + 1 + k] = (t[at + own + k] as number) >>> shift;
    out[o + 9] = (p1 >= 0 ? (t[p1 + AS_PREV] as number) : EDGE_PREV) >>> shift;
    out[o + 10] = (n1 >= 0 ? (t[n1 + AS_NEXT] as number) : EDGE_NEXT) >>> shift;
    out[o + 11] = (i > 1 ? (t[(rows[i - 2] as number) + AS_PREV2] as number) : EDGE_PREV2) >>> shift;
    out[o + 12] = (i + 2 < n ? (t[(rows[i + 2] as number) + AS_NEXT2] as number) : EDGE_NEXT2) >>> shift;
    out[o + 13] = (p1 >= 0 ? (t[p1 + AS_PREV_SHAPE] as number) : EDGE_PREV_SHAPE) >>> shift;
    out[o + 14] = (n1 >= 0 ? (t[n1 + AS_NEXT_SHAPE] as number) : EDGE_NEXT_SHAPE) >>> shift;
    out[o + 15] = mix(10, shP, s) >>> shift;
    out[o + 16] = mix(11, s, shN) >>> shift;
    out[o + 17] = mix(16, g, mode) >>> shift;
    out[o + 18] = mix(17, gP) >>> shift;
    out[o + 19] = mix(18, gN) >>> shift;
    out[o + 20] = mix(20, lxP) >>> shift;
    out[o + 21] = mix(21, lxN) >>> shift;
    out[o + 22] = mix(22, i === 0 ? 1 : 0, s) >>> shift;
    out[o + 23] = mix(23, mode * 8 + m, s) >>> shift;
    out[o + 24] = mix(24, lwP, l) >>> shift;
    out[o + 25] = mix(25, l, lwN) >>> shift;
    out[o + 26] = mix(26, g, s) >>> shift;
    out[o + 27] = mix(27, m, i === 0 ? 1 : 0) >>> shift;
    out[o + 28] = mix(28, lxP, s) >>> shift;
    out[o + 29] = mix(29, g === GazClass.None ? 0 : 1, lx === LexClass.None ? lxN : lx) >>> shift;
    out[o + 30] = mix(30, (p1 >= 0 ? (given[i - 1] as number) * 2 : 4) + (given[i] as number), s) >>> shift;
    out[o + 31] = mix(31, mode * 32 + (memo >> 2), s) >>> shift;
  }
}

/** A word's features read the words up to two away; so far, and no further, can a name sway a label. */
const REACH = 2;

/** A word that may be or touch a name: it has a capital, a digit or a letter beyond ASCII. */
function bearsName(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c > 127) return true;
  }
  return false;
}

/**
 * Marks in `live` the words within REACH of a name-bearing word (all of a sentence in capitals); the
 * recognizer labels the others O without a search. A name has a capital (`isNameLike` in
 * recognize-entities.ts drops any span without), and on the bench corpus the full search labels 7 of
 * 540,000 words beyond that reach other than O, in names such as "the 1945 general election".
 */
export function markLive(words: readonly string[], upperMode: boolean, live: Uint8Array): void {
  const n = words.length;
  if (bearing.length < n) bearing = new Uint8Array(Math.max(n, bearing.length * 2, 64));
  // The nearest name-bearing word before (then after) each word.
  let last = -REACH - 1;
  for (let i = 0; i < n; i++) {
    const bears = upperMode || bearsName(words[i] as string);
    bearing[i] = bears ? 1 : 0;
    if (bears) last = i;
    live[i] = i - last <= REACH ? 1 : 0;
  }
  let next = n + REACH + 1;
  for (let i = n - 1; i >= 0; i--) {
    if (bearing[i]) next = i;
    if (next - i <= REACH) live[i] = 1;
  }
}

/** Which words bear a name, for markLive's backward pass; reused across sentences. */
let bearing = new Uint8Array(0);
