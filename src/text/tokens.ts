import { isSpaceCode } from '../document/span.js';
import { abbreviationKind } from './abbreviations.js';
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
} as const;

/**
 * Tokens as parallel typed arrays: offsets, kinds and flags, no strings until asked for. Layout per
 * token i: starts[i], ends[i] (UTF-16 offsets into the source), kinds[i] (TokenKind), flags[i] (TokenFlag).
 */
export class TokenStore {
  readonly source: string;
  readonly count: number;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly kinds: Uint8Array;
  private readonly flagBits: Uint8Array;
  /** Lower-cased token texts, filled as stages ask: several stages compare the same words. */
  private lowered: (string | undefined)[] | undefined;

  /** `count`: how many of the arrays' entries are tokens (the rest is spare room from building). */
  constructor(
    source: string,
    starts: Uint32Array,
    ends: Uint32Array,
    kinds: Uint8Array,
    flags: Uint8Array,
    count = kinds.length,
  ) {
    this.source = source;
    this.count = count;
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
    this.flagBits = flags;
  }

  start(i: number): number {
    return this.starts[i] as number;
  }
  end(i: number): number {
    return this.ends[i] as number;
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
  text(i: number): string {
    return this.source.slice(this.starts[i], this.ends[i]);
  }
  lower(i: number): string {
    // Filled with undefined up front so the array stays packed, not a sparse dictionary.
    this.lowered ??= new Array<string | undefined>(this.count).fill(undefined);
    const lowered = this.lowered;
    let w = lowered[i];
    if (w === undefined) {
      w = this.text(i).toLowerCase();
      lowered[i] = w;
    }
    return w;
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

const PERIOD = 0x2e;
const HYPHEN = 0x2d;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE = 0x2019;

/** Fills the typed arrays directly, doubling them when full. */
class Builder {
  count = 0;
  starts: Uint32Array;
  ends: Uint32Array;
  kinds: Uint8Array;
  flags: Uint8Array;
  constructor(capacity: number) {
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
  }
  push(start: number, end: number, kind: TokenKind, flags: number): void {
    if (this.count === this.kinds.length) this.grow();
    const k = this.count++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.kinds[k] = kind;
    this.flags[k] = flags;
  }
  private grow(): void {
    const capacity = this.kinds.length * 2;
    const starts = new Uint32Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Uint32Array(capacity);
    ends.set(this.ends);
    this.ends = ends;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }
  /** The store keeps the arrays with their spare room: trimming them would copy every one. */
  store(source: string): TokenStore {
    return new TokenStore(source, this.starts, this.ends, this.kinds, this.flags, this.count);
  }
}

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
 * last period. Returns the end or -1.
 */
function dottedAbbreviationEnd(source: string, start: number): number {
  if (source.charCodeAt(start + 1) !== PERIOD) return -1; // most words: no group, so none
  let i = start;
  let groups = 0;
  while (i + 1 < source.length && isLetterCode(source.charCodeAt(i)) && source.charCodeAt(i + 1) === PERIOD) {
    groups++;
    i += 2;
    if (isLetterCode(source.charCodeAt(i)) && isLetterCode(source.charCodeAt(i + 1))) return -1;
  }
  const bareLast = isUpperCode(source.charCodeAt(i)) && !isAlnumCode(source.charCodeAt(i + 1));
  if (groups >= 2) return bareLast && isUpperCode(source.charCodeAt(start)) ? i + 1 : i;
  if (
    groups === 1 &&
    isUpperCode(source.charCodeAt(i)) &&
    !isAlnumCode(source.charCodeAt(i + 1)) &&
    isUpperCode(source.charCodeAt(start))
  ) {
    return i + 1;
  }
  return -1;
}

/** Whether `prefix` (lower case) starts `source` at `at`, its ASCII letters in either case. */
function startsWithFolded(source: string, at: number, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++) {
    const c = source.charCodeAt(at + k);
    const p = prefix.charCodeAt(k);
    if (c !== p && !(p >= 0x61 && p <= 0x7a && c === p - 0x20)) return false;
  }
  return true;
}

function urlEnd(source: string, start: number): number {
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

/** ASCII letters and digits, looked up rather than compared: the innermost loop of tokenizing. */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_ALNUM[c] = isAlnumCode(c) ? 1 : 0;

function wordEnd(source: string, start: number): number {
  let i = start;
  const n = source.length;
  for (;;) {
    for (; i < n; i++) {
      const c = source.charCodeAt(i);
      if (c < 128 ? ASCII_ALNUM[c] === 0 : !isAlnumCode(c)) break;
    }
    const c = source.charCodeAt(i);
    const next = source.charCodeAt(i + 1);
    if ((c === HYPHEN || c === 0x2011) && isAlnumCode(next)) {
      i++;
      continue;
    }
    if ((c === APOSTROPHE || c === RIGHT_SINGLE) && isLetterCode(next)) {
      // The possessive 's is a token of its own, as in the treebanks our models learn from.
      const isClitic = (next === 0x73 || next === 0x53) && !isLetterCode(source.charCodeAt(i + 2));
      if (isClitic) return i;
      i++;
      continue;
    }
    // Digits keep their separators: 15,000 3.5 10:30 1/2
    if (
      (c === 0x2c || c === PERIOD || c === 0x3a || c === 0x2f) &&
      isDigitCode(source.charCodeAt(i - 1)) &&
      isDigitCode(next)
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
  const b = new Builder((source.length >> 2) + 16);
  const n = source.length;
  let i = 0;
  let pending = 0;
  let newlines = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (isSpaceCode(c)) {
      pending |= TokenFlag.SpaceBefore;
      if (c === 10) newlines++;
      else if (c === 13 && source.charCodeAt(i + 1) !== 10) newlines++;
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
    if (isAlnumCode(c)) {
      const dotted = isLetterCode(c) ? dottedAbbreviationEnd(source, i) : -1;
      if (dotted > 0) {
        b.push(i, dotted, TokenKind.Word, flags | caseFlags(source, i, dotted) | TokenFlag.Abbreviation);
        i = dotted;
        continue;
      }
      let end = wordEnd(source, i);
      const kind: TokenKind = isDigitCode(c) ? TokenKind.Number : TokenKind.Word;
      let extra = caseFlags(source, i, end);
      if (kind === TokenKind.Word && source.charCodeAt(end) === PERIOD) {
        const word = source.slice(i, end);
        const abbr = abbreviationKind(word);
        const after = source.charCodeAt(end + 1);
        const spaced = isSpaceCode(after);
        const numberFollows = spaced && isDigitCode(source.charCodeAt(end + 2));
        const initial = word.length === 1 && isUpperCode(c) && (spaced || after === 0x5d || after === 0x29);
        if (
          initial ||
          (abbr === 'title' && spaced) ||
          (abbr === 'month' && (numberFollows || spaced)) ||
          (abbr === 'terminal' && !isLetterCode(after)) ||
          (abbr === 'number' && numberFollows)
        ) {
          end++;
          extra |= TokenFlag.Abbreviation;
        }
      }
      b.push(i, end, kind, flags | extra);
      i = end;
      continue;
    }
    if (c === APOSTROPHE || c === RIGHT_SINGLE) {
      const next = source.charCodeAt(i + 1);
      if (
        (next === 0x73 || next === 0x53) &&
        !isLetterCode(source.charCodeAt(i + 2)) &&
        i > 0 &&
        isAlnumCode(source.charCodeAt(i - 1))
      ) {
        b.push(i, i + 2, TokenKind.Word, flags);
        i += 2;
        continue;
      }
    }
    if (DOUBLE_QUOTES.has(c) || SINGLE_QUOTES.has(c)) {
      b.push(i, i + 1, TokenKind.Quote, flags);
      i++;
      continue;
    }
    if (c === PERIOD || c === 0x2026) {
      let end = i + 1;
      if (c === PERIOD) while (source.charCodeAt(end) === PERIOD) end++;
      b.push(i, end, end - i > 1 || c === 0x2026 ? TokenKind.Ellipsis : TokenKind.Punct, flags);
      i = end;
      continue;
    }
    if (c === 0x5b || c === 0x28) {
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
      while (source.charCodeAt(end) === HYPHEN) end++;
      b.push(i, end, TokenKind.Punct, flags);
      i = end;
      continue;
    }
    if (isHighSurrogate(c) && isLowSurrogate(source.charCodeAt(i + 1))) {
      const cp = source.codePointAt(i) as number;
      const letter = /\p{L}|\p{N}/u.test(String.fromCodePoint(cp));
      const end = letter ? Math.max(i + 2, wordEnd(source, i + 2)) : i + 2;
      b.push(i, end, letter ? TokenKind.Word : TokenKind.Symbol, flags);
      i = end;
      continue;
    }
    const symbol = '$€£¥%#@&*+=<>^~|\\/©®°'.includes(source.charAt(i));
    b.push(i, i + 1, symbol ? TokenKind.Symbol : TokenKind.Punct, flags);
    i++;
  }
  return b.store(source);
}
