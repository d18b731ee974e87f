import { keptArray, keptSlots } from '../document/kept.js';
import { isSpaceCode } from '../document/span.js';
import {
  abbreviationKind,
  MONTH_ABBREVIATIONS,
  NUMBER_ABBREVIATIONS,
  TERMINAL_ABBREVIATIONS,
  TITLES,
} from './abbreviations.js';
import {
  DOUBLE_QUOTES,
  isAlnumCode,
  isDigitCode,
  isHighSurrogate,
  isLetterCode,
  isLowSurrogate,
  isUpperCode,
  SINGLE_QUOTES,
} from './char-class.js';
import {
  documentWordIds,
  FNV_PRIME,
  lowerOf,
  TOKEN_HASH_BASIS,
  vocabularyGeneration,
  wordOf,
} from './vocabulary.js';
import { WordShapes } from './word-shapes.js';

export const TokenKind = {
  Word: 1,
  Number: 2,
  Punct: 3,
  Quote: 4,
  Symbol: 5,
  Ellipsis: 6,
  Url: 7,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** Bit flags kept per token beside its kind. */
export const TokenFlag = {
  SpaceBefore: 1,
  NewlineBefore: 2,
  /** Blank line (or a paragraph break the layout implies) before this token. */
  ParagraphBefore: 4,
  Capitalised: 8,
  AllCaps: 16,
  /** The token ends in a period that belongs to it: Mr., U.S., Oct. */
  Abbreviation: 32,
  /** The token has an ASCII letter: the recognizer asks which tokens are cased, and how. */
  AsciiLetter: 64,
  /** The token has an ASCII lower-case letter. */
  AsciiLower: 128,
  /** The token has an ASCII capital. */
  AsciiUpper: 256,
  /**
   * The token is ASCII letters alone or ASCII digits alone: the time tagger, whose tokens split words from
   * digits and at every mark, takes such a token as it is without reading its characters again.
   */
  AsciiRun: 512,
} as const;

/**
 * Tokens as parallel typed arrays: offsets, hashes, kinds and flags, no strings until asked for. Layout per
 * token i: starts[i], ends[i] (UTF-16 offsets into the source), hashes[i] (see TOKEN_HASH_SEED), kinds[i]
 * (TokenKind), flags[i] (TokenFlag).
 */
export class TokenStore {
  readonly source: string;
  readonly count: number;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly hashes: Uint32Array;
  private readonly kinds: Uint8Array;
  private readonly flagBits: Uint16Array;
  /**
   * The tokens that start a line and the quote marks, in order: the text layer's paragraph and quote
   * passes visit only these instead of every token.
   */
  readonly lineStarts: readonly number[];
  readonly quoteMarks: readonly number[];
  /** The tokens a sentence may end at, in order: punctuation, ellipses and abbreviations. */
  readonly stops: readonly number[];
  /** The tokens' ids in the vocabulary (`wordIds`), and the vocabulary's generation they are of. */
  private ids: Int32Array | undefined = undefined;
  private idsGeneration = -1;
  /** The document has more distinct words than the vocabulary holds: it has no ids. */
  private pastVocabulary = false;
  /** Lower-cased token texts of a document without ids, filled as stages ask. */
  private lowered: (string | undefined)[] | undefined;

  /** `count`: how many of the arrays' entries are tokens (the rest is spare room from building). */
  constructor(
    source: string,
    starts: Uint32Array,
    ends: Uint32Array,
    hashes: Uint32Array,
    kinds: Uint8Array,
    flags: Uint16Array,
    count: number,
    lineStarts: readonly number[],
    quoteMarks: readonly number[],
    stops: readonly number[],
  ) {
    this.source = source;
    this.count = count;
    this.starts = starts;
    this.ends = ends;
    this.hashes = hashes;
    this.kinds = kinds;
    this.flagBits = flags;
    this.lineStarts = lineStarts;
    this.quoteMarks = quoteMarks;
    this.stops = stops;
  }

  start(i: number): number {
    return this.starts[i] as number;
  }
  end(i: number): number {
    return this.ends[i] as number;
  }
  /** The hash of the token's exact text (see TOKEN_HASH_SEED). */
  hash(i: number): number {
    return this.hashes[i] as number;
  }
  kind(i: number): TokenKind {
    return this.kinds[i] as TokenKind;
  }
  flags(i: number): number {
    return this.flagBits[i] as number;
  }
  has(i: number, flag: number): boolean {
    return ((this.flagBits[i] as number) & flag) !== 0;
  }
  /** The token's text: the vocabulary's string, so that equal words are one string and none is cut. */
  text(i: number): string {
    const ids = this.wordIds();
    return ids ? wordOf(ids[i] as number) : this.source.slice(this.starts[i], this.ends[i]);
  }
  /** The token's text in lower case, the vocabulary's (made once for every document). */
  lower(i: number): string {
    const ids = this.wordIds();
    if (ids) return lowerOf(ids[i] as number);
    // Kept with the store for the whole batch (see kept.ts).
    this.lowered ??= keptSlots<string>(this.count);
    const lowered = this.lowered;
    let w = lowered[i];
    if (w === undefined) {
      w = this.hasCapitalOrNonAscii(i) ? this.text(i).toLowerCase() : this.text(i);
      lowered[i] = w;
    }
    return w;
  }

  /**
   * The vocabulary's ids of the tokens, looked up on the first call for all the stages, and again when the
   * vocabulary was cleared since (a batch's later documents may have filled it); undefined for a document
   * of more distinct words than the vocabulary holds.
   */
  wordIds(): Int32Array | undefined {
    if (this.idsGeneration === vocabularyGeneration() || this.pastVocabulary) return this.ids;
    const ids = this.ids ?? new Int32Array(this.count);
    if (documentWordIds(this, ids)) {
      this.ids = ids;
      this.idsGeneration = vocabularyGeneration();
    } else {
      this.ids = undefined;
      this.pastVocabulary = true;
    }
    return this.ids;
  }

  /**
   * Whether token `i` has a capital or a letter beyond ASCII, which lower-casing may change: most tokens
   * are lower-case ASCII already, and a scan of them costs a third of `toLowerCase`.
   */
  private hasCapitalOrNonAscii(i: number): boolean {
    const source = this.source;
    for (let k = this.starts[i] as number, end = this.ends[i] as number; k < end; k++) {
      const c = source.charCodeAt(k);
      if ((c >= 65 && c <= 90) || c > 127) return true;
    }
    return false;
  }

  /** The token containing `offset`, or the first one after it; `count` when none. */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ends[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The code unit at `k`, or -1 past the text's end. Reading past the end with `charCodeAt` gives NaN,
 * which makes V8 throw away the tokenizer's optimized code each time; -1 is, like NaN, no character.
 */
const codeAt = (source: string, k: number): number => (k < source.length ? source.charCodeAt(k) : -1);

const PERIOD = 0x2e;
const HYPHEN = 0x2d;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE = 0x2019;

/**
 * Fills the typed arrays directly, doubling them when full. The five arrays are views of one buffer:
 * every document makes one, and each buffer costs an allocation outside the heap.
 */
class Builder {
  count = 0;
  starts: Uint32Array;
  ends: Uint32Array;
  hashes: Uint32Array;
  kinds: Uint8Array;
  flags: Uint16Array;
  // Kept with the store for the whole batch (see kept.ts).
  readonly lineStarts = keptArray<number>();
  readonly quoteMarks = keptArray<number>();
  readonly stops = keptArray<number>();
  constructor(
    readonly source: string,
    capacity: number,
  ) {
    const buffer = new ArrayBuffer(capacity * BYTES_PER_TOKEN);
    this.starts = new Uint32Array(buffer, 0, capacity);
    this.ends = new Uint32Array(buffer, capacity * 4, capacity);
    this.hashes = new Uint32Array(buffer, capacity * 8, capacity);
    this.flags = new Uint16Array(buffer, capacity * 12, capacity);
    this.kinds = new Uint8Array(buffer, capacity * 14, capacity);
  }
  /** Hashes the token and classes its characters in one pass over them, in cache still. */
  push(start: number, end: number, kind: TokenKind, flags: number): void {
    const source = this.source;
    let h = TOKEN_HASH_BASIS;
    let seen = 0;
    for (let i = start; i < end; i++) {
      const c = source.charCodeAt(i);
      h = Math.imul(h ^ c, FNV_PRIME);
      const k = c < 128 ? (ASCII_CLASS[c] as number) : 0;
      seen |= (k & ALNUM) !== 0 ? k : MARK;
    }
    this.pushHashed(start, end, kind, flags | asciiFlags(seen), h);
  }
  /** `push` for a token whose hash and character flags the caller found as it read the characters. */
  pushHashed(start: number, end: number, kind: TokenKind, flags: number, h: number): void {
    if (this.count === this.kinds.length) this.grow();
    const k = this.count++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.hashes[k] = h;
    this.kinds[k] = kind;
    this.flags[k] = flags;
    if ((flags & TokenFlag.NewlineBefore) !== 0) this.lineStarts.push(k);
    if (kind === TokenKind.Quote) this.quoteMarks.push(k);
    else if (
      kind === TokenKind.Punct ||
      kind === TokenKind.Ellipsis ||
      (flags & TokenFlag.Abbreviation) !== 0
    )
      this.stops.push(k);
  }
  private grow(): void {
    const { starts, ends, hashes, kinds, flags } = this;
    const capacity = kinds.length * 2;
    const buffer = new ArrayBuffer(capacity * BYTES_PER_TOKEN);
    this.starts = new Uint32Array(buffer, 0, capacity);
    this.starts.set(starts);
    this.ends = new Uint32Array(buffer, capacity * 4, capacity);
    this.ends.set(ends);
    this.hashes = new Uint32Array(buffer, capacity * 8, capacity);
    this.hashes.set(hashes);
    this.flags = new Uint16Array(buffer, capacity * 12, capacity);
    this.flags.set(flags);
    this.kinds = new Uint8Array(buffer, capacity * 14, capacity);
    this.kinds.set(kinds);
  }
  /** The store keeps the arrays with their spare room: trimming them would copy every one. */
  store(): TokenStore {
    return new TokenStore(
      this.source,
      this.starts,
      this.ends,
      this.hashes,
      this.kinds,
      this.flags,
      this.count,
      this.lineStarts,
      this.quoteMarks,
      this.stops,
    );
  }
}

const BYTES_PER_TOKEN = 15;

function caseFlags(source: string, start: number, end: number): number {
  const first = source.charCodeAt(start);
  if (!isUpperCode(first)) return 0;
  let letters = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (isLetterCode(c)) {
      letters++;
      if (!isUpperCode(c)) return TokenFlag.Capitalised;
    }
  }
  return letters > 1 ? TokenFlag.Capitalised | TokenFlag.AllCaps : TokenFlag.Capitalised;
}

/**
 * "U.S.", "e.g.", "a.m.": single letters joined by periods, ending in one; also "U.S" without the
 * last period. Asked only where a period follows the first letter. Returns the end or -1.
 */
function dottedAbbreviationEnd(source: string, start: number): number {
  let i = start;
  let groups = 0;
  while (i + 1 < source.length && isLetterCode(source.charCodeAt(i)) && source.charCodeAt(i + 1) === PERIOD) {
    groups++;
    i += 2;
    if (isLetterCode(codeAt(source, i)) && isLetterCode(codeAt(source, i + 1))) return -1;
  }
  const bareLast = isUpperCode(codeAt(source, i)) && !isAlnumCode(codeAt(source, i + 1));
  if (groups >= 2) return bareLast && isUpperCode(codeAt(source, start)) ? i + 1 : i;
  if (
    groups === 1 &&
    isUpperCode(codeAt(source, i)) &&
    !isAlnumCode(codeAt(source, i + 1)) &&
    isUpperCode(codeAt(source, start))
  ) {
    return i + 1;
  }
  return -1;
}

/** Whether `prefix` (lower case) starts `source` at `at`, its ASCII letters in either case. */
function startsWithFolded(source: string, at: number, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++) {
    const c = codeAt(source, at + k);
    const p = prefix.charCodeAt(k);
    if (c !== p && !(p >= 0x61 && p <= 0x7a && c === p - 0x20)) return false;
  }
  return true;
}

function urlEnd(source: string, start: number): number {
  const second = codeAt(source, start + 1) | 0x20; // "ht" or "ww": most words starting h or w stop here
  if (second !== 0x74 && second !== 0x77) return -1;
  if (
    !startsWithFolded(source, start, 'http://') &&
    !startsWithFolded(source, start, 'https://') &&
    !startsWithFolded(source, start, 'www.')
  )
    return -1;
  let i = start;
  while (i < source.length && !isSpaceCode(source.charCodeAt(i))) i++;
  // Trailing sentence punctuation and closing marks belong to the sentence, not the address.
  while (i > start && ',.;:!?)]}"\u201d\''.includes(source.charAt(i - 1))) i--;
  return i;
}

/** Classes of the ASCII characters, looked up rather than compared: tokenizing asks of every character. */
const SPACE = 1;
const LETTER = 2;
const DIGIT = 4;
const QUOTE = 8;
const SYMBOL = 16;
const UPPER = 32;
const LOWER = 64;
/** A mark a word may go on across (see `wordEnd`): "-", "'", and the separators digits keep. */
const JOIN = 128;
const ALNUM = LETTER | DIGIT;
const SYMBOLS = '$€£¥%#@&*+=<>^~|\\/©®°';
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] =
    ("-',.:/".includes(String.fromCharCode(c)) ? JOIN : 0) |
    (isSpaceCode(c) ? SPACE : 0) |
    (isLetterCode(c) ? LETTER : 0) |
    (isDigitCode(c) ? DIGIT : 0) |
    (DOUBLE_QUOTES.has(c) || SINGLE_QUOTES.has(c) ? QUOTE : 0) |
    (SYMBOLS.includes(String.fromCharCode(c)) ? SYMBOL : 0) |
    (isUpperCode(c) ? UPPER : 0) |
    (c >= 0x61 && c <= 0x7a ? LOWER : 0);
}

/** In the classes a token's characters have (see `asciiFlags`): a character that is no ASCII letter or digit. */
const MARK = 256;

/** The token flags of the classes a token's characters have. */
function asciiFlags(seen: number): number {
  const run = seen & (MARK | ALNUM);
  return (
    ((seen & LETTER) !== 0 ? TokenFlag.AsciiLetter : 0) |
    ((seen & LOWER) !== 0 ? TokenFlag.AsciiLower : 0) |
    ((seen & UPPER) !== 0 ? TokenFlag.AsciiUpper : 0) |
    (run === LETTER || run === DIGIT ? TokenFlag.AsciiRun : 0)
  );
}

/** Most words before a period are no abbreviation: their shape tells so before they are cut out. */
const ABBREVIATION_SHAPES = new WordShapes([
  ...TITLES,
  ...MONTH_ABBREVIATIONS,
  ...TERMINAL_ABBREVIATIONS,
  ...NUMBER_ABBREVIATIONS,
]);

/** Whether the period after the word `[start, end)` belongs to it: "Mr.", "Oct.", "Inc.", "No.", "J." */
function periodJoins(source: string, start: number, end: number): boolean {
  const after = codeAt(source, end + 1);
  const spaced = isSpaceCode(after);
  if (
    end - start === 1 &&
    isUpperCode(source.charCodeAt(start)) &&
    (spaced || after === 0x5d || after === 0x29)
  )
    return true; // an initial
  if (!ABBREVIATION_SHAPES.mayHoldText(source, start, end)) return false;
  const abbr = abbreviationKind(source.slice(start, end));
  const numberFollows = spaced && isDigitCode(codeAt(source, end + 2));
  return (
    (abbr === 'title' && spaced) ||
    (abbr === 'month' && (numberFollows || spaced)) ||
    (abbr === 'terminal' && !isLetterCode(after)) ||
    (abbr === 'number' && numberFollows)
  );
}

function wordEnd(source: string, start: number): number {
  let i = start;
  const n = source.length;
  for (;;) {
    let c = -1;
    for (; i < n; i++) {
      c = source.charCodeAt(i);
      if (c < 128 ? ((ASCII_CLASS[c] as number) & ALNUM) === 0 : !isAlnumCode(c)) break;
    }
    if (i >= n) return i;
    // Most words end at a space or a mark that joins nothing: the next character is read only when needed.
    if (c === HYPHEN || c === 0x2011) {
      if (isAlnumCode(codeAt(source, i + 1))) {
        i++;
        continue;
      }
    } else if (c === APOSTROPHE || c === RIGHT_SINGLE) {
      const next = codeAt(source, i + 1);
      if (isLetterCode(next)) {
        // The possessive 's is a token of its own, as in the treebanks our models learn from.
        const isClitic = (next === 0x73 || next === 0x53) && !isLetterCode(codeAt(source, i + 2));
        if (isClitic) return i;
        i++;
        continue;
      }
    } else if (
      // Digits keep their separators: 15,000 3.5 10:30 1/2
      (c === 0x2c || c === PERIOD || c === 0x3a || c === 0x2f) &&
      isDigitCode(source.charCodeAt(i - 1)) &&
      isDigitCode(codeAt(source, i + 1))
    ) {
      i++;
      continue;
    }
    return i;
  }
}

/**
 * Splits text into tokens. Sentences glued without a space ("Friday.The") still give separate tokens,
 * because a period joins a word only as a known abbreviation or between single letters.
 */
export function tokenize(source: string): TokenStore {
  const b = new Builder(source, (source.length >> 2) + 16);
  const n = source.length;
  let i = 0;
  let pending = 0;
  let newlines = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    // Past ASCII, the class is found by the slower tests, and only as far as needed.
    const ascii = c < 128;
    const cls = ascii ? (ASCII_CLASS[c] as number) : 0;
    if (ascii ? (cls & SPACE) !== 0 : isSpaceCode(c)) {
      pending |= TokenFlag.SpaceBefore;
      if (c === 10) newlines++;
      else if (c === 13 && codeAt(source, i + 1) !== 10) newlines++;
      i++;
      continue;
    }
    let flags = pending;
    if (newlines > 0) flags |= TokenFlag.NewlineBefore;
    if (newlines > 1) flags |= TokenFlag.ParagraphBefore;
    pending = 0;
    newlines = 0;

    const url = c === 0x68 || c === 0x48 || c === 0x77 || c === 0x57 ? urlEnd(source, i) : -1;
    if (url > i) {
      b.push(i, url, TokenKind.Url, flags);
      i = url;
      continue;
    }
    if (ascii ? (cls & ALNUM) !== 0 : isAlnumCode(c)) {
      // Most words are ASCII letters or digits up to a space or a mark that joins nothing: they are read
      // once, hashed and classed on the way. `wordEnd` goes on past a mark that may join or past ASCII,
      // and `push` then reads the whole word again.
      let h = TOKEN_HASH_BASIS;
      let seen = 0;
      let read = i; // the characters before this one are hashed and classed
      if (ascii) {
        h = Math.imul(h ^ c, FNV_PRIME);
        seen = cls;
        for (read = i + 1; read < n; read++) {
          const d = source.charCodeAt(read);
          if (d >= 128) break;
          const k = ASCII_CLASS[d] as number;
          if ((k & ALNUM) === 0) break;
          h = Math.imul(h ^ d, FNV_PRIME);
          seen |= k;
        }
      }
      const stop = codeAt(source, read);
      // Single letters joined by periods need a period second: most words have none.
      const periodSecond = read === i + 1 ? stop === PERIOD : read === i && codeAt(source, i + 1) === PERIOD;
      const dotted =
        periodSecond && (ascii ? (cls & LETTER) !== 0 : isLetterCode(c))
          ? dottedAbbreviationEnd(source, i)
          : -1;
      if (dotted > 0) {
        b.push(i, dotted, TokenKind.Word, flags | caseFlags(source, i, dotted) | TokenFlag.Abbreviation);
        i = dotted;
        continue;
      }
      let end =
        stop >= 128 || (stop >= 0 && ((ASCII_CLASS[stop] as number) & JOIN) !== 0)
          ? wordEnd(source, read)
          : read;
      const hashed = ascii && end === read;
      const kind: TokenKind = (ascii ? (cls & DIGIT) !== 0 : isDigitCode(c))
        ? TokenKind.Number
        : TokenKind.Word;
      // An ASCII word with a lower-case letter is capitalised and no more.
      let extra = !(ascii ? (cls & UPPER) !== 0 : isUpperCode(c))
        ? 0
        : hashed && (seen & LOWER) !== 0
          ? TokenFlag.Capitalised
          : caseFlags(source, i, end);
      if (
        kind === TokenKind.Word &&
        (hashed ? stop : codeAt(source, end)) === PERIOD &&
        periodJoins(source, i, end)
      ) {
        end++;
        h = Math.imul(h ^ PERIOD, FNV_PRIME);
        seen |= MARK;
        extra |= TokenFlag.Abbreviation;
      }
      if (hashed) b.pushHashed(i, end, kind, flags | extra | asciiFlags(seen), h);
      else b.push(i, end, kind, flags | extra);
      i = end;
      // Most words have a space after them: it is passed here rather than by a turn of the loop.
      if (end === read && stop === 0x20) {
        pending = TokenFlag.SpaceBefore;
        i++;
      }
      continue;
    }
    const next = codeAt(source, i + 1);
    if (c === APOSTROPHE || c === RIGHT_SINGLE) {
      if (
        (next === 0x73 || next === 0x53) &&
        !isLetterCode(codeAt(source, i + 2)) &&
        i > 0 &&
        isAlnumCode(source.charCodeAt(i - 1))
      ) {
        b.push(i, i + 2, TokenKind.Word, flags);
        i += 2;
        continue;
      }
    }
    if (ascii ? (cls & QUOTE) !== 0 : DOUBLE_QUOTES.has(c) || SINGLE_QUOTES.has(c)) {
      b.push(i, i + 1, TokenKind.Quote, flags);
      i++;
      continue;
    }
    if (c === PERIOD || c === 0x2026) {
      let end = i + 1;
      if (c === PERIOD) while (codeAt(source, end) === PERIOD) end++;
      b.push(i, end, end - i > 1 || c === 0x2026 ? TokenKind.Ellipsis : TokenKind.Punct, flags);
      i = end;
      continue;
    }
    if ((c === 0x5b || c === 0x28) && (next === PERIOD || next === 0x2026)) {
      // "[...]" and "(...)" mark an omission inside a quote: one token, not three.
      const close = c === 0x5b ? ']' : ')';
      const m = /^[[(](?:\.{3}|\u2026|\. \. \.)[\])]/.exec(source.slice(i, i + 7));
      if (m?.[0].endsWith(close)) {
        const length = m[0].length;
        b.push(i, i + length, TokenKind.Ellipsis, flags);
        i += length;
        continue;
      }
    }
    if (c === HYPHEN) {
      let end = i + 1;
      while (codeAt(source, end) === HYPHEN) end++;
      b.push(i, end, TokenKind.Punct, flags);
      i = end;
      continue;
    }
    if (isHighSurrogate(c) && isLowSurrogate(next)) {
      const cp = source.codePointAt(i) as number;
      const letter = /\p{L}|\p{N}/u.test(String.fromCodePoint(cp));
      const end = letter ? Math.max(i + 2, wordEnd(source, i + 2)) : i + 2;
      b.push(i, end, letter ? TokenKind.Word : TokenKind.Symbol, flags);
      i = end;
      continue;
    }
    const symbol = ascii ? (cls & SYMBOL) !== 0 : SYMBOLS.includes(source.charAt(i));
    b.push(i, i + 1, symbol ? TokenKind.Symbol : TokenKind.Punct, flags);
    i++;
  }
  return b.store();
}
