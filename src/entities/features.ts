import { TokenFlag, type TokenStore } from '../text/tokens.js';
import {
  hashRange,
  hashText,
  lowerOf,
  ownString,
  reserveWords,
  TOKEN_HASH_SEED,
  VOCABULARY_BOUND,
  vocabularyGeneration,
  wordIdsOf,
  wordOf,
} from '../text/vocabulary.js';
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
 * is in capitals), its left neighbour's, its right neighbour's, the words' two away (one template
 * each), and the few-valued combinations of shape, case and classes. The others (word pairs) take too
 * many values to cache.
 */
export const FEATURE_GROUPS: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8],
  [9, 13, 18, 20],
  [10, 14, 19, 21],
  [11],
  [12],
  [15, 16, 17, 22, 23, 26, 27, 28, 29, 30, 31],
];

/**
 * The first groups take their values from one word each (the word itself and whether its sentence is in
 * capitals; the word before and its gazetteer class; the word after and its class; the word two before;
 * the word two after), so a number from the word's id names them exactly: `extractFeatures` gives these
 * keys for the decoder's caches. A word's keyed groups lie together in the cache, and the words around
 * it read them one after another: a one-template group is cached for that, not to spare a sum.
 */
export const KEYED_GROUPS = 5;
/** A keyed group's key shifted right this far is the id of the word that gives the group its values. */
export const KEY_WORD_SHIFT: readonly number[] = [1, 5, 5, 0, 0];
/**
 * The few-valued group (the last) takes its values from the shapes of a word and its neighbours and a
 * few small numbers: two keys name them exactly, after the keyed groups' (-1 first: the shapes are
 * not among the first SHAPE_KEYS, and the group is summed afresh).
 */
export const KEYS_PER_WORD = KEYED_GROUPS + 2;
/**
 * Shape ids run from 1 (0: past a sentence's edge) to this, which every shape past the first
 * SHAPE_KEYS - 1 of the word table shares: the ids below it fit the few-valued group's first key, three
 * to a number.
 */
const SHAPE_KEYS = (1 << 10) - 1;
/**
 * KEYS_PER_WORD keys per word: words whose keys for a group are equal have equal buckets in it, as long
 * as the keys are of the same epoch (word and shape ids change when the word table is cleared).
 */
export interface GroupKeys {
  readonly keys: Int32Array;
  readonly epoch: number;
  /**
   * The sentence's features were extracted `lazy`: the decoder has `writeGroup` write a group's when
   * its sum is not cached.
   */
  readonly lazy?: boolean;
}

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
/** Every CaseSeen bit, below this shift in a slot of the case memory. */
const CASE_SHIFT = 5;
const SEEN_BITS = (1 << CASE_SHIFT) - 1;

export class CaseMemory {
  /**
   * The case bits seen, by the id of the lower-case word: open addressing, each slot the id shifted left
   * by CASE_SHIFT and the bits (-1 where free), so that a look-up reads one array, not two (a long
   * story's table outgrows the nearest cache).
   */
  private slots: Int32Array;
  private size = 0;
  /** The generation of the ids in `slots`, and its lower-case words by id, to find their ids again. */
  private keyGeneration = tableGeneration;
  private keyNames = lowerNames;

  /**
   * `gazetteer` knows given names; without it, no word is seen after one. `words`, the number of words
   * the document will have observed, sizes the table at once rather than by growing it as it fills.
   */
  constructor(
    private readonly gazetteer?: Gazetteer,
    words = 0,
  ) {
    // A story has about half as many distinct words as words: as many slots keep the table half full.
    const slots = Math.max(512, 2 ** Math.ceil(Math.log2(Math.max(words, 1))));
    this.slots = new Int32Array(slots).fill(-1);
  }

  /**
   * Records each word of the sentence `words[from..to)` that is not all capitals; the first word's case
   * says nothing. `upper` is `isUpperSentence` of the sentence when the caller knows it. With `tokens`,
   * `words[i]` is the text of token `i` (`tokenWords`), and the ids are the document's.
   */
  observe(words: readonly string[], upper?: boolean, tokens?: TokenStore, from = 0, to = words.length): void {
    if (upper ?? isUpperSentence(words, from, to)) return;
    const n = to - from;
    if (observed.length < n) observed = new Int32Array(Math.max(n, observed.length * 2));
    const ids = observed;
    sentenceIds(words, from, to, tokens, ids);
    const gazetteer = this.gazetteer;
    // With tokens, a word's first character is read from the source, in order, rather than from the
    // vocabulary's string, which lies wherever it was made; and no token is empty.
    const first = (k: number): number =>
      tokens ? tokens.source.charCodeAt(tokens.start(k)) : (words[k] as string).charCodeAt(0);
    for (let i = 0; i < n; i++) {
      const word = words[from + i] as string;
      const c = first(from + i);
      const capitalised = isUpperLetter(c);
      let bit = i === 0 ? 0 : capitalised ? CaseSeen.Capitalised : c >= 97 && c <= 122 ? CaseSeen.Lower : 0;
      if (capitalised) {
        if (i > 0 && (tokens || words[from + i - 1] !== '')) {
          if (
            isGiven(ids[i - 1] as number, words[from + i - 1] as string, gazetteer) &&
            !isGiven(ids[i] as number, word, gazetteer)
          )
            bit |= CaseSeen.AfterGivenName;
          if (lexOf((ids[i - 1] as number) * STRIDE) === LexClass.Title) bit |= CaseSeen.AfterTitle;
        }
        if (
          i + 1 < n &&
          lexOf((ids[i + 1] as number) * STRIDE) === LexClass.OrgWord &&
          isUpperLetter(first(from + i + 1))
        )
          bit |= CaseSeen.BeforeOrgWord;
      }
      if (bit) this.add(table[(ids[i] as number) * STRIDE + LOWER] as number, bit);
    }
  }

  /** The case bits seen of the lower-case word whose id is `lower`. */
  seenOf(lower: number): number {
    this.sync();
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = lower & mask; ; s = (s + 1) & mask) {
      const slot = slots[s] as number;
      if (slot < 0) return 0;
      if (slot >>> CASE_SHIFT === lower) return slot & SEEN_BITS;
    }
  }

  private add(lower: number, bit: number): void {
    this.sync();
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = lower & mask;
    for (; (slots[s] as number) >= 0; s = (s + 1) & mask)
      if ((slots[s] as number) >>> CASE_SHIFT === lower) {
        slots[s] = (slots[s] as number) | bit;
        return;
      }
    slots[s] = (lower << CASE_SHIFT) | bit;
    if (++this.size * 2 > slots.length) this.rebuild(slots.length * 2);
  }

  /** Takes the ids of the current word table, when it was cleared since the memory last looked. */
  private sync(): void {
    syncTable();
    if (this.keyGeneration !== tableGeneration) this.rebuild(this.slots.length);
  }

  /** Moves the entries into `capacity` slots, under their lower-case words' current ids. */
  private rebuild(capacity: number): void {
    const { slots, keyNames } = this;
    const cleared = this.keyGeneration !== tableGeneration;
    this.slots = new Int32Array(capacity).fill(-1);
    this.size = 0;
    this.keyGeneration = tableGeneration;
    this.keyNames = lowerNames;
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s] as number;
      if (slot < 0) continue;
      const key = slot >>> CASE_SHIFT;
      this.add(cleared ? lowerIdOf(keyNames[key] as string) : key, slot & SEEN_BITS);
    }
  }

  get(lower: string): number {
    this.sync();
    const id = LOWER_IDS.get(lower);
    return id === undefined ? 0 : this.seenOf(id);
  }
}

/** Whether the word of id `id` is a given name; none without a gazetteer. */
function isGiven(id: number, word: string, gazetteer: Gazetteer | undefined): boolean {
  return gazetteer !== undefined && (gazCode(id, word, gazetteer) & WordCode.FirstName) !== 0;
}

/** A headline or dateline in capitals (`words[from..to)`): case says nothing about names there. */
export function isUpperSentence(words: readonly string[], from = 0, to = words.length): boolean {
  let upper = 0;
  let cased = 0;
  for (let k = from; k < to; k++) {
    const w = words[k] as string;
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

/**
 * Like `isUpperSentence` over the words of tokens `from` to `to`, from the flags the tokenizer set: the
 * same answer without reading a character.
 */
export function isUpperSpan(tokens: TokenStore, from: number, to: number): boolean {
  let upper = 0;
  let cased = 0;
  for (let i = from; i < to; i++) {
    const flags = tokens.flags(i);
    if ((flags & TokenFlag.AsciiLetter) === 0) continue;
    cased++;
    if ((flags & TokenFlag.AsciiLower) === 0 && tokens.end(i) - tokens.start(i) > 1) upper++;
  }
  return cased >= 2 && upper / cased > 0.7;
}

/**
 * The hash of a template's value, shifted right by `shift`: shifted to a bucket, it is small enough to
 * leave the function without a heap number made for it.
 */
function mix(template: number, a: number, b: number, shift: number): number {
  let h = Math.imul(template + 1, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> shift;
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
 * once and kept, by word id, in one table of STRIDE numbers, a cache line: its hashes, the mixed hashes
 * of its own templates, its lower-case form and its classes. The ids are the vocabulary's (id 0, no word:
 * the missing neighbours at a sentence's edges); the table is made once at its bound and emptied when
 * the vocabulary is cleared.
 */
const LW = 0;
const SH = 1;
/** Templates 1, 2, 7, 12, 13, 14, 15 and 19, in a sentence in mixed case. */
const OWN = 2;
/** Those of them that differ in a sentence in capitals: templates 1, 7, 12 and 15. */
const OWN_CAPS = 10;
/** Where each of the eight own templates is, in mixed case, then in capitals. */
const OWN_AT = Uint8Array.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 3, 11, 12, 6, 7, 13, 9);
/** The id of the word in lower case: words that differ only in case share the case memory's entry. */
const LOWER = 14;
/**
 * The word's lexical class (5 bits), BEARS_NAME and the id of its shape (SHAPE_KEYS at most: the word's
 * own bits, OWN_BITS), then its code in the gazetteer last used (WordCode, 6 bits), valid when the bits
 * above hold `gazetteerSeen`.
 */
const CLASSES = 15;
const STRIDE = 16;
/** The word may be or touch a name: it has a capital, a digit or a letter beyond ASCII (`markLive`). */
const BEARS_NAME = 32;
const SHAPE_SHIFT = 6;
const OWN_BITS = (1 << 16) - 1;
const GAZ_SHIFT = 16;
const SEEN_SHIFT = 22;
/** `gazetteerSeen` starts again from 1 below this, the codes seen of every word forgotten. */
const MAX_SEEN = 1 << (32 - SEEN_SHIFT);

const lexOf = (at: number): number => (table[at + CLASSES] as number) & 31;

/** Ids of the words in lower case, and the words by id; cleared with the table. */
const LOWER_IDS = new Map<string, number>();
/** Ids of the words' shapes (see SHAPE_KEYS); cleared with the table. */
const SHAPE_IDS = new Map<string, number>();
let lowerNames: string[] = [];
/** The vocabulary's generation the table's rows are of (see `syncTable`). */
let tableGeneration = vocabularyGeneration();
const table = new Uint32Array(VOCABULARY_BOUND * STRIDE);
/** Whether a word's row is filled (in `tableGeneration`), by id. */
const filled = new Uint8Array(VOCABULARY_BOUND);

/** Empties the table when the vocabulary was cleared: its rows and the ids in them name other words. */
function syncTable(): void {
  if (tableGeneration === vocabularyGeneration()) return;
  filled.fill(0);
  LOWER_IDS.clear();
  SHAPE_IDS.clear();
  lowerNames = [];
  tableGeneration = vocabularyGeneration();
}

/**
 * The ids of the words `words[from..to)` into `out` from 0, their rows in the table filled: the
 * document's when `tokens` (whose texts `words` holds) has them, else looked up.
 */
function sentenceIds(
  words: readonly string[],
  from: number,
  to: number,
  tokens: TokenStore | undefined,
  out: Int32Array,
): void {
  const n = to - from;
  const known = tokens?.wordIds();
  if (known) for (let i = 0; i < n; i++) out[i] = known[from + i] as number;
  else {
    reserveWords(n);
    wordIdsOf(words, from, to, out, 0, tokens);
  }
  syncTable();
  for (let i = 0; i < n; i++) {
    const id = out[i] as number;
    if (filled[id] === 0) fillRow(id);
  }
}

/** What word `id` contributes to features whatever its context. */
function fillRow(id: number): void {
  const w = wordOf(id);
  const wh = hashText(w, TOKEN_HASH_SEED);
  const lower = lowerOf(id);
  const lw = hashText(lower, 1);
  const shape = wordShape(w);
  const sh = hashText(shape, 3);
  const length = lower.length;
  const px = hashRange(lower, 0, Math.min(3, length), 4);
  const s2 = hashRange(lower, Math.max(0, length - 2), length, 5);
  const s3 = hashRange(lower, Math.max(0, length - 3), length, 6);
  const s4 = hashRange(lower, Math.max(0, length - 4), length, 7);
  const lex = lexClass(lower);
  const at = id * STRIDE;
  table[at + LW] = lw;
  table[at + SH] = sh;
  table[at + OWN] = mix(1, wh, 0, 0);
  table[at + OWN + 1] = mix(2, lw, 0, 0);
  table[at + OWN + 2] = mix(7, sh, 0, 0);
  table[at + OWN + 3] = mix(12, px, 0, 0);
  table[at + OWN + 4] = mix(13, s2, 0, 0);
  table[at + OWN + 5] = mix(14, s3, 0, 0);
  table[at + OWN + 6] = mix(15, s4, 0, 0);
  table[at + OWN + 7] = mix(19, lex, 0, 0);
  table[at + OWN_CAPS] = mix(1, wh, 1, 0);
  table[at + OWN_CAPS + 1] = mix(7, sh, 1, 0);
  table[at + OWN_CAPS + 2] = mix(12, px, 1, 0);
  table[at + OWN_CAPS + 3] = mix(15, s4, 1, 0);
  table[at + LOWER] = lowerIdOf(lower);
  table[at + CLASSES] = lex | (bearsName(w) ? BEARS_NAME : 0) | (shapeIdOf(shape) << SHAPE_SHIFT);
  filled[id] = 1;
}

function lowerIdOf(lower: string): number {
  let id = LOWER_IDS.get(lower);
  if (id === undefined) {
    id = LOWER_IDS.size;
    const own = ownString(lower);
    LOWER_IDS.set(own, id);
    lowerNames[id] = own;
  }
  return id;
}

/** The id of a shape (see SHAPE_KEYS). */
function shapeIdOf(shape: string): number {
  let id = SHAPE_IDS.get(shape);
  if (id === undefined) {
    id = Math.min(SHAPE_IDS.size + 1, SHAPE_KEYS);
    if (id < SHAPE_KEYS) SHAPE_IDS.set(ownString(shape), id);
  }
  return id;
}

let gazetteerUsed: Gazetteer | undefined;
let gazetteerSeen = 0;

/** The word's code in `gazetteer`, kept with the word while the same gazetteer is asked. */
function gazCode(id: number, w: string, gazetteer: Gazetteer): number {
  if (gazetteer !== gazetteerUsed) {
    gazetteerUsed = gazetteer;
    if (++gazetteerSeen === MAX_SEEN) {
      for (let at = CLASSES; at < table.length; at += STRIDE) table[at] = (table[at] as number) & OWN_BITS;
      gazetteerSeen = 1;
    }
  }
  const at = id * STRIDE;
  const classes = table[at + CLASSES] as number;
  if (classes >>> SEEN_SHIFT === gazetteerSeen) return (classes >>> GAZ_SHIFT) & 63;
  const code = gazetteer.code(w);
  table[at + CLASSES] = (gazetteerSeen << SEEN_SHIFT) | (code << GAZ_SHIFT) | (classes & OWN_BITS);
  return code;
}

/**
 * The mixes of a template whose values are few, `a` below `as` and `b` below `bs`, by `a * bs + b`:
 * read rather than mixed for each word.
 */
function fewValues(template: number, as: number, bs: number): Uint32Array {
  const out = new Uint32Array(as * bs);
  for (let a = 0; a < as; a++) for (let b = 0; b < bs; b++) out[a * bs + b] = mix(template, a, b, 0);
  return out;
}

// Gazetteer classes (31 at the edge) and lexical classes are below 32, case bits below 4.
const MIX_16 = fewValues(16, 32, 2);
const MIX_17 = fewValues(17, 32, 1);
const MIX_18 = fewValues(18, 32, 1);
const MIX_20 = fewValues(20, 32, 1);
const MIX_21 = fewValues(21, 32, 1);
const MIX_27 = fewValues(27, 4, 2);
const MIX_29 = fewValues(29, 2, 32);

/** The bias template, of one value. */
const BIAS = mix(0, 0, 0, 0);

// Per-token values, reused across sentences to spare allocations.
let capacity = 0;
let rows = new Int32Array(0);
let mem = new Uint8Array(0);
let given = new Uint8Array(0);
let gazBuffer = new Uint8Array(0);
let codes = new Uint8Array(0);
/** The ids of the sentence `CaseMemory.observe` reads. */
let observed = new Int32Array(256);
/** The words of a sentence in capitals in title case, as the gazetteer is asked of them. */
const titled: string[] = [];

function ensure(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 64);
  rows = new Int32Array(capacity);
  mem = new Uint8Array(capacity);
  given = new Uint8Array(capacity);
  gazBuffer = new Uint8Array(capacity);
  codes = new Uint8Array(capacity);
}

/** What `extractFeatures` may be told, and where it may write more than the features. */
export interface FeatureOptions {
  /** Marked by `markLive`: only these words get features. */
  live?: Uint8Array;
  /** `isUpperSentence(words)`, when the caller knows it. */
  upperMode?: boolean;
  /**
   * The words' gazetteer codes (WordCode, of the title-case words in a sentence in capitals), written
   * at the words' indexes; not written for a sentence with no `live` word.
   */
  codes?: Uint8Array;
  /** The words' lexical classes (LexClass, of the words as written), written at the words' indexes. */
  lexes?: Uint8Array;
  /**
   * `Gazetteer.phraseAt` of the words where the gazetteer's classes asked it (see `Gazetteer.classes`),
   * written at the words' indexes; not written for a sentence in capitals or with no `live` word.
   */
  phrases?: Int32Array;
  /** The groups' keys of the words given features, `keys[i * KEYS_PER_WORD + g]` (see `GroupKeys`). */
  keys?: Int32Array;
  /** Only the ungrouped features are written: the groups' are left to `writeGroup`. */
  lazy?: boolean;
  /** `words[i]` is the text of token `i` (`tokenWords`): their hashes are read rather than computed. */
  tokens?: TokenStore;
  /** The sentence is `words[from..to)`, all of `words` by default. */
  from?: number;
  to?: number;
}

/** The epoch of the keys `extractFeatures` writes now. */
export const keyEpoch = (): number => tableGeneration;

/**
 * Writes FEATURES_PER_TOKEN bucket indexes per word of the sentence into `out` (length >= its words * F).
 * `bits` is the model's hash size; `memory` the document's case memory.
 */
export function extractFeatures(
  words: readonly string[],
  gazetteer: Gazetteer,
  memory: CaseMemory,
  bits: number,
  out: Uint32Array,
  options: FeatureOptions = {},
): void {
  const { live, codes: codesOut, lexes, phrases, keys, lazy = false, tokens } = options;
  const { from = 0, to = words.length } = options;
  const upperMode = options.upperMode ?? isUpperSentence(words, from, to);
  const n = to - from;
  ensure(n);
  sentenceIds(words, from, to, tokens, rows);
  for (let i = 0; i < n; i++) rows[i] = (rows[i] as number) * STRIDE;
  if (lexes) for (let i = 0; i < n; i++) lexes[from + i] = lexOf(rows[i] as number);
  // A sentence with no word to search (one in twenty) needs no more: its words are all O.
  if (live && !markLive(n, upperMode, live)) return;
  // In capitals, the gazetteer is asked about the words in title case.
  if (upperMode) for (let i = 0; i < n; i++) titled[i] = TITLE_CASE(words[from + i] as string);
  for (let i = 0; i < n; i++) {
    const w = words[from + i] as string;
    const id = (rows[i] as number) / STRIDE;
    // Only the words searched read their memory.
    if (!live || live[i]) mem[i] = memory.seenOf(table[id * STRIDE + LOWER] as number);
    const gw = upperMode ? (titled[i] as string) : w;
    codes[i] = upperMode ? gazetteer.code(gw) : gazCode(id, w, gazetteer);
    given[i] = (codes[i] as number) & WordCode.FirstName && isUpperLetter(gw.charCodeAt(0)) ? 1 : 0;
  }
  if (codesOut) for (let i = 0; i < n; i++) codesOut[from + i] = codes[i] as number;
  writeFeatures(
    n,
    upperMode
      ? gazetteer.classes(titled, gazBuffer, codes, 0, n)
      : gazetteer.classes(words, gazBuffer, codes, from, to, phrases),
    32 - bits,
    upperMode ? 1 : 0,
    out,
    live,
    keys,
    lazy,
  );
}

// The sentence `extractFeatures` last set out, for `writeGroup`: its length, gazetteer classes, the
// shift of hashes to buckets, whether it is in capitals, and where its features go.
let sentenceLength = 0;
let sentenceGaz: Uint8Array = new Uint8Array(0);
let sentenceShift = 0;
let sentenceMode = 0;
let sentenceOut: Uint32Array = new Uint32Array(0);

/** The parts of a word's features `writeWord` writes: one bit per group, then the ungrouped ones. */
const UNGROUPED = 1 << FEATURE_GROUPS.length;
const ALL_PARTS = 2 * UNGROUPED - 1;

/**
 * `extractFeatures` for the words whose rows, memory and given-name marks it has set out: with `lazy`,
 * only the ungrouped features (see `writeGroup`).
 */
function writeFeatures(
  n: number,
  gaz: Uint8Array,
  shift: number,
  mode: number,
  out: Uint32Array,
  live: Uint8Array | undefined,
  keys: Int32Array | undefined,
  lazy: boolean,
): void {
  sentenceLength = n;
  sentenceGaz = gaz;
  sentenceShift = shift;
  sentenceMode = mode;
  sentenceOut = out;
  const parts = lazy ? UNGROUPED : ALL_PARTS;
  for (let i = 0; i < n; i++) {
    if (live && !live[i]) continue;
    writeWord(i, parts);
    if (keys) writeKeys(i, keys);
  }
}

/**
 * Writes the features of group `g` of word `i` of the sentence `extractFeatures` last saw with `lazy`:
 * where the decoder has their sum cached by key, they are not computed at all.
 */
export function writeGroup(i: number, g: number): void {
  writeWord(i, 1 << g);
}

/**
 * The features of word `i` of the sentence set out, the parts of them `parts` names (bits, in the order
 * of FEATURE_GROUPS, then UNGROUPED; the tests check that each writes its group's). A function of its
 * own, so that the engine has room to inline the mixing of values into it (a call that is not inlined
 * boxes the 32-bit hashes it is passed).
 */
function writeWord(i: number, parts: number): void {
  const t = table;
  const n = sentenceLength;
  const gaz = sentenceGaz;
  const shift = sentenceShift;
  const mode = sentenceMode;
  const out = sentenceOut;
  const at = rows[i] as number;
  const p1 = i > 0 ? (rows[i - 1] as number) : -1;
  const n1 = i + 1 < n ? (rows[i + 1] as number) : -1;
  const o = i * FEATURES_PER_TOKEN;
  if (parts & 1) {
    const own = mode * 8;
    out[o + 0] = BIAS >>> shift;
    for (let k = 0; k < 8; k++) out[o + 1 + k] = (t[at + (OWN_AT[own + k] as number)] as number) >>> shift;
  }
  // The neighbours' templates, mixed here rather than kept for each word: padding past the edges.
  if (parts & 2) {
    out[o + 9] = mix(3, p1 >= 0 ? (t[p1 + LW] as number) : PAD, 0, shift);
    out[o + 13] = mix(8, p1 >= 0 ? (t[p1 + SH] as number) : PAD, 0, shift);
    out[o + 18] = (MIX_17[p1 >= 0 ? (gaz[i - 1] as number) : 31] as number) >>> shift;
    out[o + 20] = (MIX_20[p1 >= 0 ? (t[p1 + CLASSES] as number) & 31 : 31] as number) >>> shift;
  }
  if (parts & 4) {
    out[o + 10] = mix(4, n1 >= 0 ? (t[n1 + LW] as number) : PAD + 1, 0, shift);
    out[o + 14] = mix(9, n1 >= 0 ? (t[n1 + SH] as number) : PAD + 1, 0, shift);
    out[o + 19] = (MIX_18[n1 >= 0 ? (gaz[i + 1] as number) : 31] as number) >>> shift;
    out[o + 21] = (MIX_21[n1 >= 0 ? (t[n1 + CLASSES] as number) & 31 : 31] as number) >>> shift;
  }
  if (parts & 8)
    out[o + 11] = mix(5, i > 1 ? (t[(rows[i - 2] as number) + LW] as number) : PAD + 2, 0, shift);
  if (parts & 16)
    out[o + 12] = mix(6, i + 2 < n ? (t[(rows[i + 2] as number) + LW] as number) : PAD + 3, 0, shift);
  if (parts & 32) {
    const shP = p1 >= 0 ? (t[p1 + SH] as number) : PAD;
    const shN = n1 >= 0 ? (t[n1 + SH] as number) : PAD + 1;
    const g = gaz[i] as number;
    const lx = (t[at + CLASSES] as number) & 31;
    const lxP = p1 >= 0 ? (t[p1 + CLASSES] as number) & 31 : 31;
    const lxN = n1 >= 0 ? (t[n1 + CLASSES] as number) & 31 : 31;
    const s = t[at + SH] as number;
    const memo = mem[i] as number;
    const m = memo & CASE_BITS;
    out[o + 15] = mix(10, shP, s, shift);
    out[o + 16] = mix(11, s, shN, shift);
    out[o + 17] = (MIX_16[g * 2 + mode] as number) >>> shift;
    out[o + 22] = mix(22, i === 0 ? 1 : 0, s, shift);
    out[o + 23] = mix(23, mode * 8 + m, s, shift);
    out[o + 26] = mix(26, g, s, shift);
    out[o + 27] = (MIX_27[m * 2 + (i === 0 ? 1 : 0)] as number) >>> shift;
    out[o + 28] = mix(28, lxP, s, shift);
    out[o + 29] =
      (MIX_29[(g === GazClass.None ? 0 : 32) + (lx === LexClass.None ? lxN : lx)] as number) >>> shift;
    out[o + 30] = mix(30, (p1 >= 0 ? (given[i - 1] as number) * 2 : 4) + (given[i] as number), s, shift);
    out[o + 31] = mix(31, mode * 32 + (memo >> 2), s, shift);
  }
  if (parts & UNGROUPED) {
    const l = t[at + LW] as number;
    out[o + 24] = mix(24, p1 >= 0 ? (t[p1 + LW] as number) : PAD, l, shift);
    out[o + 25] = mix(25, l, n1 >= 0 ? (t[n1 + LW] as number) : PAD + 1, shift);
  }
}

/** The groups' keys of word `i` of the sentence set out (see `GroupKeys`). */
function writeKeys(i: number, keys: Int32Array): void {
  const t = table;
  const n = sentenceLength;
  const gaz = sentenceGaz;
  const mode = sentenceMode;
  const at = rows[i] as number;
  const p1 = i > 0 ? (rows[i - 1] as number) : -1;
  const n1 = i + 1 < n ? (rows[i + 1] as number) : -1;
  const g = gaz[i] as number;
  const gP = p1 >= 0 ? (gaz[i - 1] as number) : 31;
  const gN = n1 >= 0 ? (gaz[i + 1] as number) : 31;
  const lx = (t[at + CLASSES] as number) & 31;
  const lxP = p1 >= 0 ? (t[p1 + CLASSES] as number) & 31 : 31;
  const lxN = n1 >= 0 ? (t[n1 + CLASSES] as number) & 31 : 31;
  // Word ids from their rows, 0 past the edges; gazetteer classes are below 16, and 31 is the edge's.
  const k = i * KEYS_PER_WORD;
  keys[k] = (at / STRIDE) * 2 + mode;
  keys[k + 1] = (Math.max(p1, 0) / STRIDE) * 32 + gP;
  keys[k + 2] = (Math.max(n1, 0) / STRIDE) * 32 + gN;
  keys[k + 3] = i > 1 ? (rows[i - 2] as number) / STRIDE : 0;
  keys[k + 4] = i + 2 < n ? (rows[i + 2] as number) / STRIDE : 0;
  // The few-valued group's values: shapes, then classes, case and memory bits, each below 32.
  const shape = ((t[at + CLASSES] as number) & OWN_BITS) >>> SHAPE_SHIFT;
  const shapeP = p1 >= 0 ? ((t[p1 + CLASSES] as number) & OWN_BITS) >>> SHAPE_SHIFT : 0;
  const shapeN = n1 >= 0 ? ((t[n1 + CLASSES] as number) & OWN_BITS) >>> SHAPE_SHIFT : 0;
  keys[k + 5] =
    shape < SHAPE_KEYS && shapeP < SHAPE_KEYS && shapeN < SHAPE_KEYS
      ? shapeP | (shape << 10) | (shapeN << 20)
      : -1;
  keys[k + 6] =
    g |
    (lxP << 5) |
    ((lx === LexClass.None ? lxN : lx) << 10) |
    ((mem[i] as number) << 15) |
    (((p1 >= 0 ? (given[i - 1] as number) * 2 : 4) + (given[i] as number)) << 20) |
    (mode << 23) |
    ((i === 0 ? 1 : 0) << 24);
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
 * Marks in `live` the `n` words of `rows` within REACH of a name-bearing word (all of a sentence in
 * capitals); the recognizer labels the others O without a search. A name has a capital (`isNameLike` in
 * recognize-entities.ts drops any span without), and on the bench corpus the full search labels 7 of
 * 540,000 words beyond that reach other than O, in names such as "the 1945 general election". Whether a
 * word bears a name is kept with the word, read rather than scanned for. False when no word bears one.
 */
function markLive(n: number, upperMode: boolean, live: Uint8Array): boolean {
  // The nearest name-bearing word before (then after) each word.
  let last = -REACH - 1;
  for (let i = 0; i < n; i++) {
    if (bears(i, upperMode)) last = i;
    live[i] = i - last <= REACH ? 1 : 0;
  }
  if (last < 0) return false;
  let next = n + REACH + 1;
  for (let i = n - 1; i >= 0; i--) {
    if (bears(i, upperMode)) next = i;
    if (next - i <= REACH) live[i] = 1;
  }
  return true;
}

/** Whether word `i` of the sentence set out may be or touch a name: every word of one in capitals may. */
const bears = (i: number, upperMode: boolean): boolean =>
  upperMode || ((table[(rows[i] as number) + CLASSES] as number) & BEARS_NAME) !== 0;
