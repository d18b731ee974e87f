import { QuoteRole } from '../text/quote-marks.js';
import type { TextLayer } from '../text/text-layer.js';
import { TokenFlag, TokenKind } from '../text/tokens.js';
import { hashText } from '../text/vocabulary.js';
import { isReportingWord } from './cue-lexicon.js';

/** A run of whole sentences the tagger reads at once (a paragraph): tokens `[first, end)`. */
export interface TagUnit {
  readonly first: number;
  readonly end: number;
  /** Sentence index (into `text.sentences`) of each token of the unit, relative to `first`. */
  readonly sentenceOf: Int32Array;
}

let sentenceStore = new Int32Array(0);

/**
 * Paragraphs as tagging units: attributions rarely cross them, quotations end or reopen at them. The
 * units' `sentenceOf` are views of one store kept for all documents and grown as needed (a store per
 * document costs more to make than the units cost to tag), so they hold until the next call.
 */
export function tagUnits(text: TextLayer): TagUnit[] {
  const units: TagUnit[] = [];
  const { sentences } = text;
  if (sentenceStore.length < text.tokens.count) sentenceStore = new Int32Array(text.tokens.count);
  const sentenceOfAll = sentenceStore;
  let i = 0;
  while (i < sentences.length) {
    let j = i;
    while (j + 1 < sentences.length && sentences[j + 1]?.paragraph === sentences[i]?.paragraph) j++;
    const first = sentences[i]?.firstToken as number;
    const end = sentences[j]?.endToken as number;
    const sentenceOf = sentenceOfAll.subarray(first, end);
    // Tokens between sentences, if any, read 0 as in a new store.
    sentenceOf.fill(0);
    for (let k = i; k <= j; k++) {
      const s = sentences[k];
      if (s) sentenceOf.fill(k, s.firstToken - first, s.endToken - first);
    }
    if (end > first) units.push({ first, end, sentenceOf });
    i = j + 1;
  }
  return units;
}

/** The lower-cased form a token is known by in features: words as such, numbers and quotes by class. */
export function tokenForm(text: TextLayer, i: number): string {
  const kind = text.tokens.kind(i);
  if (kind === TokenKind.Number) return '<num>';
  if (kind === TokenKind.Quote) {
    const role = text.quoteRole(i);
    return role === QuoteRole.Open ? '<q>' : role === QuoteRole.Close ? '</q>' : "'";
  }
  if (kind === TokenKind.Url) return '<url>';
  const form = text.tokens.lower(i);
  return form.includes('\u2019') ? form.replace(/\u2019/g, "'") : form;
}

/** Folds one more value into a hash (a multiply-xorshift step, so order matters). */
export function mixHash(h: number, x: number): number {
  return mixHash32(h, x) >>> 0;
}

/**
 * `mixHash` as a signed 32-bit integer, the same bits: what hot loops use, since the engine keeps
 * such values unboxed where it would allocate for an unsigned one above 2^31.
 */
export function mixHash32(h: number, x: number): number {
  let m = Math.imul(h ^ x, 0x9e3779b1);
  m ^= m >>> 15;
  m = Math.imul(m, 0x85ebca6b);
  return m ^ (m >>> 13);
}

/** A crude stem, so "insisted", "insists" and "insisting" share what is learned of one. */
export function stem(w: string): string {
  if (w.length <= 5) return w;
  if (w.endsWith('ing')) return w.slice(0, -3);
  if (w.endsWith('ed') || w.endsWith('es')) return w.slice(0, -2);
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

/** A token's shape: all capitals 1, capitalised 2, lower case 3; 10 + its kind for a token not a word. */
export function shapeOf(text: TextLayer, i: number): number {
  const kind = text.tokens.kind(i);
  if (kind !== TokenKind.Word) return 10 + kind;
  return text.tokens.has(i, TokenFlag.AllCaps) ? 1 : text.tokens.has(i, TokenFlag.Capitalised) ? 2 : 3;
}

/** Distance classes 1, 2, <=4, <=8, <=16, farther. */
export const bucket = (d: number) => (d <= 1 ? 1 : d <= 2 ? 2 : d <= 4 ? 3 : d <= 8 ? 4 : d <= 16 ? 5 : 6);

/** The words before the first token and after the last: their forms hash to BEGIN and END. */
export const BEGIN_FORM = '<s>';
export const END_FORM = '</s>';
const BEGIN = hashText(BEGIN_FORM);
const END = hashText(END_FORM);
/**
 * What a token between a word and the nearest cue word is coded as. A plain object, so a form that
 * names one of its prototype's keys ("constructor") reads that key's value (a function) here, and the
 * distance code it makes is NaN, stored as 0: a known slip the model was trained with; fixing it
 * means retraining.
 */
export const CROSSED: Readonly<Record<string, number>> = { ',': 1, '<q>': 2, '</q>': 3, that: 4 };

/** Feature templates, each hashed with a seed of its own so that equal values of two templates differ. */
const TEMPLATES = 33;
export const SEEDS = Uint32Array.from({ length: TEMPLATES }, (_, t) => hashText(`template ${t}`));
/** Hashes per token: what the tagger's weight table is keyed by. */
export const FEATURES_PER_TOKEN = TEMPLATES;

/** The forms of a unit's tokens and whether each is a cue word: cheap, and all a skip test needs. */
export interface UnitWords {
  readonly forms: readonly string[];
  readonly lexical: Uint8Array;
}

export function unitWords(text: TextLayer, unit: TagUnit, cueWords: ReadonlySet<string>): UnitWords {
  const n = unit.end - unit.first;
  const forms: string[] = new Array(n);
  const lexical = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const f = tokenForm(text, unit.first + k);
    forms[k] = f;
    if (cueWords.has(f) || isReportingWord(f)) lexical[k] = 1;
  }
  return { forms, lexical };
}

/**
 * Feature hashes for every token of a unit, `FEATURES_PER_TOKEN` per token in a flat array. Beside
 * the words around a token they say where it stands: inside or outside a quotation, where in its
 * sentence, and how far (and across what) the nearest cue word is on each side, which is most of what
 * tells a source from a content. Words are hashed once per token and combined by integer mixing, so
 * no feature string is ever built.
 */
export function unitFeatures(text: TextLayer, unit: TagUnit, words: UnitWords): Uint32Array {
  const { forms, lexical } = words;
  const n = unit.end - unit.first;
  const hw = new Uint32Array(n);
  const hs = new Uint32Array(n);
  const hsuf = new Uint32Array(n);
  const shapes = new Uint8Array(n);
  const inQuote = new Uint8Array(n);
  let open = false;
  for (let k = 0; k < n; k++) {
    const i = unit.first + k;
    const f = forms[k] as string;
    hw[k] = hashText(f);
    hs[k] = f.length > 5 ? hashText(stem(f)) : (hw[k] as number);
    hsuf[k] = f.length > 3 ? hashText(f.slice(-3)) : (hw[k] as number);
    shapes[k] = shapeOf(text, i);
    if (f === '</q>') open = false;
    inQuote[k] = open ? 1 : 0;
    if (f === '<q>') open = true;
  }
  // Nearest cue word to the left and right within the sentence, and whether a comma, quote or
  // "that" lies between: "X said that Y" and "Y, X said" put sources and contents on opposite sides.
  // Coded as bucket * 8 + crossed; 0 when there is none.
  const left = new Uint8Array(n);
  const right = new Uint8Array(n);
  // Which cue word that is, by its stem: "according" and "said" put sources on different sides.
  const leftWord = new Uint32Array(n);
  const rightWord = new Uint32Array(n);
  const sweep = (from: number, step: 1 | -1, near: Uint8Array, word: Uint32Array) => {
    let last = -1;
    let crossed = 0;
    for (let k = from; k >= 0 && k < n; k += step) {
      if (k !== from && unit.sentenceOf[k] !== unit.sentenceOf[k - step]) last = -1;
      if (last >= 0) {
        near[k] = bucket(Math.abs(k - last)) * 8 + crossed;
        word[k] = hs[last] as number;
      }
      if (lexical[k]) {
        last = k;
        crossed = 0;
      } else crossed = CROSSED[forms[k] as string] ?? crossed;
    }
  };
  sweep(0, 1, left, leftWord);
  sweep(n - 1, -1, right, rightWord);
  // Per sentence: 1 when it holds a cue word, 2 when it holds an opening quote mark.
  const sentenceFirst = unit.sentenceOf[0] as number;
  const sentenceHas = new Uint8Array((unit.sentenceOf[n - 1] as number) - sentenceFirst + 1);
  for (let k = 0; k < n; k++) {
    const s = (unit.sentenceOf[k] as number) - sentenceFirst;
    if (lexical[k]) sentenceHas[s] = (sentenceHas[s] as number) | 1;
    if (forms[k] === '<q>') sentenceHas[s] = (sentenceHas[s] as number) | 2;
  }
  const out = new Uint32Array(n * FEATURES_PER_TOKEN);
  const w = (k: number) => (k < 0 ? BEGIN : k >= n ? END : (hw[k] as number));
  const st = (k: number) => (k < 0 ? BEGIN : k >= n ? END : (hs[k] as number));
  // The raw value of each template, in template order; each is mixed with its template's seed below.
  for (let k = 0, at = 0; k < n; k++, at += FEATURES_PER_TOKEN) {
    const i = unit.first + k;
    const s = unit.sentenceOf[k] as number;
    const sentence = text.sentences[s];
    const position = sentence ? i - sentence.firstToken : 0;
    const fromEnd = sentence ? sentence.endToken - 1 - i : 0;
    const q = inQuote[k] as number;
    const has = sentenceHas[s - sentenceFirst] as number;
    const cueHere = has & 1;
    const lc = left[k] as number;
    const rc = right[k] as number;
    const word = w(k);
    const before = w(k - 1);
    const after = w(k + 1);
    const pair = mixHash(before, word);
    out[at] = 0;
    out[at + 1] = word;
    out[at + 2] = before;
    out[at + 3] = after;
    out[at + 4] = w(k - 2);
    out[at + 5] = w(k + 2);
    out[at + 6] = pair;
    out[at + 7] = mixHash(word, after);
    out[at + 8] = st(k);
    out[at + 9] = st(k - 1);
    out[at + 10] = st(k + 1);
    out[at + 11] = shapes[k] as number;
    out[at + 12] = hsuf[k] as number;
    out[at + 13] = q;
    out[at + 14] = mixHash(q, word);
    out[at + 15] = bucket(position + 1);
    out[at + 16] = bucket(fromEnd + 1);
    out[at + 17] = lc;
    out[at + 18] = rc;
    out[at + 19] = lc * 64 + rc;
    out[at + 20] = lc * 2 + q;
    out[at + 21] = rc * 2 + q;
    out[at + 22] = has;
    out[at + 23] = cueHere * 2 + q;
    out[at + 24] = (s === sentenceFirst ? 2 : 0) + cueHere;
    // Words with where the cue words are: "said" with a clause to its right, a name with one to its left.
    out[at + 25] = mixHash(st(k), lc);
    out[at + 26] = mixHash(st(k), rc);
    out[at + 27] = mixHash(before, after);
    out[at + 28] = mixHash(pair, after);
    out[at + 29] =
      ((k > 0 ? (shapes[k - 1] as number) : 0) * 32 + (shapes[k] as number)) * 32 +
      (k + 1 < n ? (shapes[k + 1] as number) : 0);
    out[at + 30] = mixHash(position === 0 ? 1 : 0, word);
    out[at + 31] = mixHash(leftWord[k] as number, lc);
    out[at + 32] = mixHash(rightWord[k] as number, rc);
  }
  for (let at = 0; at < out.length; at += FEATURES_PER_TOKEN)
    for (let j = 0; j < FEATURES_PER_TOKEN; j++)
      out[at + j] = mixHash(SEEDS[j] as number, out[at + j] as number);
  return out;
}
