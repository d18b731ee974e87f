import { GazClass, type Gazetteer } from './gazetteer.js';
import { LexClass, lexClass } from './lexicon.js';

/**
 * Hashed features of each token of a sentence, for the recognizer and its trainer alike. Every feature
 * is a 32-bit hash of (template, value), folded into `2^bits` buckets; a bucket holds one weight per
 * label. Strings are hashed once per token; templates only mix integers.
 */
export const FEATURES_PER_TOKEN = 32;

/**
 * The first WORD_FEATURES of a token's features depend on nothing but the word and whether its sentence
 * is in capitals: the decoder keeps their summed weights per word instead of reading them each time.
 */
export const WORD_FEATURES = 9;

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

  /** `gazetteer` knows given names; without it, no word is seen after one. */
  constructor(private readonly gazetteer?: Gazetteer) {}

  /** Records each word of a sentence that is not all capitals; the first word's case says nothing. */
  observe(words: readonly string[]): void {
    if (isUpperSentence(words)) return;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const c = w.charCodeAt(0);
      const capitalised = c >= 65 && c <= 90;
      let bit = i === 0 ? 0 : capitalised ? CaseSeen.Capitalised : c >= 97 && c <= 122 ? CaseSeen.Lower : 0;
      if (capitalised) {
        const prev = i > 0 ? (words[i - 1] as string) : '';
        const next = words[i + 1];
        if (prev && this.gazetteer?.isFirstName(prev) && !this.gazetteer.isFirstName(w))
          bit |= CaseSeen.AfterGivenName;
        if (prev && lexClass(prev.toLowerCase()) === LexClass.Title) bit |= CaseSeen.AfterTitle;
        if (next && lexClass(next.toLowerCase()) === LexClass.OrgWord && /^[A-Z]/.test(next))
          bit |= CaseSeen.BeforeOrgWord;
      }
      if (bit) {
        const lower = w.toLowerCase();
        this.seen.set(lower, (this.seen.get(lower) ?? 0) | bit);
      }
    }
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

// Per-token values, reused across sentences to spare allocations.
let capacity = 0;
let lw = new Uint32Array(0);
let wh = new Uint32Array(0);
let sh = new Uint32Array(0);
let px = new Uint32Array(0);
let s2 = new Uint32Array(0);
let s3 = new Uint32Array(0);
let s4 = new Uint32Array(0);
let lex = new Uint8Array(0);
let mem = new Uint8Array(0);
let given = new Uint8Array(0);

function ensure(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 64);
  lw = new Uint32Array(capacity);
  wh = new Uint32Array(capacity);
  sh = new Uint32Array(capacity);
  px = new Uint32Array(capacity);
  s2 = new Uint32Array(capacity);
  s3 = new Uint32Array(capacity);
  s4 = new Uint32Array(capacity);
  lex = new Uint8Array(capacity);
  mem = new Uint8Array(capacity);
  given = new Uint8Array(capacity);
}

const PAD = 0x5bd1e995;

/** What a word contributes to features whatever its context, computed once per distinct word. */
interface WordInfo {
  lower: string;
  lw: number;
  wh: number;
  sh: number;
  px: number;
  s2: number;
  s3: number;
  s4: number;
  lex: number;
}

// Words repeat (Zipf): caching their hashes spares most string work. Cleared when full, to stay bounded.
const WORDS = new Map<string, WordInfo>();
const MAX_WORDS = 200_000;

function wordInfo(w: string): WordInfo {
  let info = WORDS.get(w);
  if (info) return info;
  const lower = w.toLowerCase();
  info = {
    lower,
    lw: hashString(lower, 1),
    wh: hashString(w, 2),
    sh: hashString(wordShape(w), 3),
    px: hashString(lower.slice(0, 3), 4),
    s2: hashString(lower.slice(-2), 5),
    s3: hashString(lower.slice(-3), 6),
    s4: hashString(lower.slice(-4), 7),
    lex: lexClass(lower),
  };
  if (WORDS.size >= MAX_WORDS) WORDS.clear();
  WORDS.set(w, info);
  return info;
}

/**
 * Writes FEATURES_PER_TOKEN bucket indexes per word into `out` (length >= words.length * F).
 * `bits` is the model's hash size; `memory` the document's case memory.
 */
export function extractFeatures(
  words: readonly string[],
  gazetteer: Gazetteer,
  memory: CaseMemory,
  bits: number,
  out: Uint32Array,
): void {
  const n = words.length;
  ensure(n);
  const upperMode = isUpperSentence(words);
  const gazWords = upperMode ? words.map(TITLE_CASE) : words;
  const gaz = gazetteer.classes(gazWords);
  for (let i = 0; i < n; i++) {
    const info = wordInfo(words[i] as string);
    lw[i] = info.lw;
    wh[i] = info.wh;
    sh[i] = info.sh;
    px[i] = info.px;
    s2[i] = info.s2;
    s3[i] = info.s3;
    s4[i] = info.s4;
    lex[i] = info.lex;
    mem[i] = memory.get(info.lower);
    const first = (gazWords[i] as string).charCodeAt(0);
    given[i] = first >= 65 && first <= 90 && gazetteer.isFirstName(gazWords[i] as string) ? 1 : 0;
  }
  const shift = 32 - bits;
  const mode = upperMode ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const p1 = i > 0 ? i - 1 : -1;
    const n1 = i + 1 < n ? i + 1 : -1;
    const lwP = p1 >= 0 ? (lw[p1] as number) : PAD;
    const lwN = n1 >= 0 ? (lw[n1] as number) : PAD + 1;
    const lwP2 = i > 1 ? (lw[i - 2] as number) : PAD + 2;
    const lwN2 = i + 2 < n ? (lw[i + 2] as number) : PAD + 3;
    const shP = p1 >= 0 ? (sh[p1] as number) : PAD;
    const shN = n1 >= 0 ? (sh[n1] as number) : PAD + 1;
    const g = gaz[i] as number;
    const gP = p1 >= 0 ? (gaz[p1] as number) : 31;
    const gN = n1 >= 0 ? (gaz[n1] as number) : 31;
    const lx = lex[i] as number;
    const lxP = p1 >= 0 ? (lex[p1] as number) : 31;
    const lxN = n1 >= 0 ? (lex[n1] as number) : 31;
    const s = sh[i] as number;
    const memo = mem[i] as number;
    const m = memo & CASE_BITS;
    const l = lw[i] as number;
    const o = i * FEATURES_PER_TOKEN;
    out[o + 0] = mix(0, 0) >>> shift;
    out[o + 1] = mix(1, wh[i] as number, mode) >>> shift;
    out[o + 2] = mix(2, l) >>> shift;
    out[o + 3] = mix(7, s, mode) >>> shift;
    out[o + 4] = mix(12, px[i] as number, mode) >>> shift;
    out[o + 5] = mix(13, s2[i] as number) >>> shift;
    out[o + 6] = mix(14, s3[i] as number) >>> shift;
    out[o + 7] = mix(15, s4[i] as number, mode) >>> shift;
    out[o + 8] = mix(19, lx) >>> shift;
    out[o + 9] = mix(3, lwP) >>> shift;
    out[o + 10] = mix(4, lwN) >>> shift;
    out[o + 11] = mix(5, lwP2) >>> shift;
    out[o + 12] = mix(6, lwN2) >>> shift;
    out[o + 13] = mix(8, shP) >>> shift;
    out[o + 14] = mix(9, shN) >>> shift;
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
    out[o + 30] = mix(30, (p1 >= 0 ? (given[p1] as number) * 2 : 4) + (given[i] as number), s) >>> shift;
    out[o + 31] = mix(31, mode * 32 + (memo >> 2), s) >>> shift;
  }
}
