/**
 * Small token matchers shared by the parsers: numbers written in digits or words, units, ordinals,
 * month names. Each returns what it read and the index of the next token, or undefined.
 */
import { TENS as TEN_WORDS } from '../text/number-words.js';
import {
  MONTH_ABBREVIATIONS,
  MONTHS,
  NUMBER_WORDS,
  ORDINALS,
  UNITS,
  type Unit,
  VAGUE_AMOUNTS,
} from './lexicon.js';
import type { DateSpec, FixedSpec, ParseContext, Proposal, TimeSpec } from './result.js';
import { Kind, type Token, touches, WordTable, wordSet } from './tokens.js';

export interface Read<T> {
  readonly value: T;
  readonly next: number;
}

export const tok = (c: ParseContext, i: number): Token | undefined => c.tokens.at(i);
export const lower = (c: ParseContext, i: number): string | undefined => c.tokens.at(i)?.lower;
/** Whether token `i` is one of `words` (lower case): compared in place, with no token made or cut out. */
export const isWord = (c: ParseContext, i: number, ...words: string[]): boolean => {
  if (c.tokens.kind(i) !== Kind.Word) return false;
  for (const w of words) if (c.tokens.isLower(i, w)) return true;
  return false;
};
/** `ch` is one character: other marks are tokens of their own. */
export const isPunct = (c: ParseContext, i: number, ch: string): boolean =>
  c.tokens.kind(i) === Kind.Punct && c.tokens.code(i) === ch.charCodeAt(0);

/** An apostrophe mark, straight or curly, as a token of its own: "'98", "’80s". */
export const isApostrophe = (c: ParseContext, i: number): boolean =>
  isPunct(c, i, "'") || isPunct(c, i, '\u2019');
export const isNumber = (c: ParseContext, i: number): boolean => c.tokens.kind(i) === Kind.Number;

/** Whether number token `i` may start a year or an ordinal: four digits, or a word joined on ("80s", "3rd"). */
export const mayBeYearOrOrdinal = (c: ParseContext, i: number): boolean =>
  c.tokens.width(i) === 4 || (c.tokens.kind(i + 1) === Kind.Word && touches(c.tokens, i + 1));

/** A hyphen (or dash) joining two tokens with no space: "third-quarter", "two-year". */
export function hyphenAt(c: ParseContext, i: number): boolean {
  const mark = c.tokens.code(i);
  return (
    (mark === 45 || mark === 0x2010 || mark === 0x2011) && touches(c.tokens, i) && touches(c.tokens, i + 1)
  );
}

/** Skips a joining hyphen or nothing: for "third quarter" and "third-quarter" alike. */
export const skipHyphen = (c: ParseContext, i: number): number => (hyphenAt(c, i) ? i + 1 : i);

/** A period right after the previous token: "Oct." */
export const skipPeriod = (c: ParseContext, i: number): number =>
  isPunct(c, i, '.') && touches(c.tokens, i) ? i + 1 : i;

export function proposal(
  c: ParseContext,
  first: number,
  last: number,
  rule: string,
  spec: TimeSpec,
  confidence = 0.9,
): Proposal {
  // offsets read in place: no token is made for them
  if (first < 0 || first >= c.tokens.length || last < 1 || last > c.tokens.length)
    throw new Error(`time/grammar: empty proposal from ${rule}`);
  return { start: c.tokens.start(first), end: c.tokens.end(last - 1), first, last, rule, spec, confidence };
}

export const fixed = (
  type: FixedSpec['type'],
  value: string,
  stated: FixedSpec['stated'] = [],
  mod?: string,
): FixedSpec => (mod ? { kind: 'fixed', type, value, stated, mod } : { kind: 'fixed', type, value, stated });

export const date = (spec: Omit<DateSpec, 'kind'>): DateSpec => ({ kind: 'date', ...spec });

const TENS = new Set(TEN_WORDS.values());
/** The word lists the readers below ask of most tokens they see, looked up in place (no token text cut). */
const NUMBER_TABLE = new WordTable(NUMBER_WORDS);
const UNIT_TABLE = new WordTable(UNITS);
const VAGUE_TABLE = wordSet(VAGUE_AMOUNTS);
const ORDINAL_TABLE = new WordTable(ORDINALS);

/**
 * Two-token triggers `first second`, one per `seconds`: a parser that a common word ("the") starts is
 * tried only where the next token can continue one of its expressions.
 */
export const followedBy = (first: string, seconds: Iterable<string>): string[] =>
  Array.from(seconds, (s) => `${first} ${s}`);

/** The tokens that can start an ordinal (see `readOrdinal`): a number, an ordinal word, a tens word. */
export const ORDINAL_STARTS: readonly string[] = ['#', ...ORDINALS.keys(), ...TEN_WORDS.keys()];

/** A cardinal in digits ("90", "1,000", "2.5") or words ("ninety", "twenty-four", "a hundred"). */
export function readNumber(c: ParseContext, i: number, allowArticle = true): Read<number> | undefined {
  const kind = c.tokens.kind(i);
  if (kind === Kind.Number) {
    const t = c.tokens.at(i) as Token;
    let value = Number(t.text);
    let next = i + 1;
    // 1,000 and 2.5
    while (
      isPunct(c, next, ',') &&
      touches(c.tokens, next) &&
      c.tokens.at(next + 1)?.text.length === 3 &&
      isNumber(c, next + 1) &&
      touches(c.tokens, next + 1)
    ) {
      value = value * 1000 + Number(c.tokens.at(next + 1)?.text);
      next += 2;
    }
    if (
      isPunct(c, next, '.') &&
      touches(c.tokens, next) &&
      isNumber(c, next + 1) &&
      touches(c.tokens, next + 1)
    ) {
      value = Number(`${value}.${c.tokens.at(next + 1)?.text}`);
      next += 2;
    }
    // "2 1/2": a whole number and a simple fraction after a space
    if (
      isNumber(c, next) &&
      !touches(c.tokens, next) &&
      isPunct(c, next + 1, '/') &&
      touches(c.tokens, next + 1) &&
      isNumber(c, next + 2) &&
      touches(c.tokens, next + 2)
    ) {
      const num = Number(c.tokens.at(next)?.text);
      const den = Number(c.tokens.at(next + 2)?.text);
      if (num < den && den <= 4) {
        value += num / den;
        next += 3;
      }
    }
    return { value, next };
  }
  // words are compared in place: most tokens tried here are no number
  if (kind !== Kind.Word) return undefined;
  const one = isWord(c, i, 'one');
  if (allowArticle && (one || isWord(c, i, 'a', 'an'))) {
    // "a hundred", "a dozen", "a half"
    const more = NUMBER_TABLE.get(c.tokens, i + 1);
    if (!one && (more === 100 || more === 1000 || more === 12)) return { value: more, next: i + 2 };
    if (!one || !more) return { value: 1, next: i + 1 };
  }
  if (isWord(c, i, 'half') && isWord(c, i + 1, 'a', 'an')) return { value: 0.5, next: i + 2 };
  let value = NUMBER_TABLE.get(c.tokens, i);
  if (value === undefined) return undefined;
  let next = i + 1;
  if (TENS.has(value)) {
    const j = skipHyphen(c, next);
    const unit = NUMBER_TABLE.get(c.tokens, j);
    if (unit !== undefined && unit < 10) {
      value += unit;
      next = j + 1;
    }
  }
  const scale = NUMBER_TABLE.get(c.tokens, next);
  if (scale === 100 || scale === 1000) {
    value *= scale;
    next++;
  }
  return { value, next };
}

/** "two and a half", "a year and a half" are read by the duration parser; this reads "and a half". */
export function readAndAHalf(c: ParseContext, i: number): number {
  return isWord(c, i, 'and') && isWord(c, i + 1, 'a') && isWord(c, i + 2, 'half') ? i + 3 : i;
}

export function readUnit(c: ParseContext, i: number): Read<Unit> | undefined {
  if (c.tokens.kind(i) !== Kind.Word) return undefined;
  const unit = UNIT_TABLE.get(c.tokens, i);
  if (!unit) return undefined;
  // "second" glued to a hyphen is the ordinal of a compound: "a second-floor flat", "second-hand".
  if (unit === 'second' && touches(c.tokens, i + 1) && isPunct(c, i + 1, '-')) return undefined;
  return { value: unit, next: i + 1 };
}

/**
 * Whether token `i` in lower case ends in "s" ("centuries" too), read in place: only "s" and "S"
 * lower-case to "s".
 */
export const isPlural = (c: ParseContext, i: number): boolean =>
  c.tokens.kind(i) !== -1 && (c.tokens.lastCode(i) | 32) === 115;

/** "few", "several", "a few", "a couple of", "some", "many": a count TIMEX3 writes as X. */
export function readVague(c: ParseContext, i: number): number | undefined {
  let j = i;
  if (isWord(c, j, 'a')) j++;
  if (!VAGUE_TABLE.has(c.tokens, j)) return undefined;
  j++;
  if (isWord(c, j - 1, 'couple') && isWord(c, j, 'of')) j++;
  return j;
}

/** "24th", "1st": the suffix is a word of its own after the digits. */
const ORDINAL_SUFFIXES = wordSet(['st', 'nd', 'rd', 'th']);

export function readOrdinal(c: ParseContext, i: number): Read<number> | undefined {
  if (c.tokens.kind(i) === Kind.Number) {
    if (ORDINAL_SUFFIXES.has(c.tokens, i + 1) && touches(c.tokens, i + 1))
      return { value: Number(c.tokens.at(i)?.text), next: i + 2 };
    return undefined;
  }
  const n = ORDINAL_TABLE.get(c.tokens, i);
  if (n !== undefined) return { value: n, next: i + 1 };
  // twenty-first
  const tens = NUMBER_TABLE.get(c.tokens, i);
  if (tens !== undefined && TENS.has(tens) && hyphenAt(c, i + 1)) {
    const o = ORDINAL_TABLE.get(c.tokens, i + 2);
    if (o !== undefined && o > 0 && o < 10) return { value: tens + o, next: i + 3 };
  }
  return undefined;
}

/** A month name, or an abbreviation with its period ("Oct.") or before a day number ("Oct 24"). */
export function readMonth(c: ParseContext, i: number): Read<number> | undefined {
  const t = c.tokens.at(i);
  if (!t || t.kind !== Kind.Word) return undefined;
  const full = MONTHS.get(t.lower);
  if (full !== undefined) return { value: full, next: skipPeriodIfAbbrev(c, i, t) };
  const abbrev = MONTH_ABBREVIATIONS.get(t.lower);
  if (abbrev === undefined) return undefined;
  if (t.text.charCodeAt(0) > 90) return undefined; // lower-case "mar", "dec": not months
  if (isPunct(c, i + 1, '.') && touches(c.tokens, i + 1)) return { value: abbrev, next: i + 2 };
  if (isNumber(c, i + 1)) return { value: abbrev, next: i + 1 };
  return undefined;
}

function skipPeriodIfAbbrev(c: ParseContext, i: number, t: Token): number {
  // "May." at a sentence end must keep its period out of the span.
  return t.lower.length <= 4 && t.lower !== 'may' && t.lower !== 'june' && t.lower !== 'july'
    ? skipPeriod(c, i + 1)
    : i + 1;
}

/** A day of the month: "24", "24th", "twenty-fourth" (1..31). */
export function readDay(c: ParseContext, i: number): Read<number> | undefined {
  const kind = c.tokens.kind(i);
  if (kind === -1) return undefined;
  if (kind === Kind.Number) {
    if (c.tokens.width(i) > 2) return undefined;
    const d = Number(c.tokens.at(i)?.text);
    if (d < 1 || d > 31) return undefined;
    if (ORDINAL_SUFFIXES.has(c.tokens, i + 1) && touches(c.tokens, i + 1)) return { value: d, next: i + 2 };
    // "24.5" or "24:00" or "24,000" is not a day
    if (
      (isPunct(c, i + 1, '.') || isPunct(c, i + 1, ':') || isPunct(c, i + 1, ',')) &&
      isNumber(c, i + 2) &&
      touches(c.tokens, i + 2)
    ) {
      return undefined;
    }
    return { value: d, next: i + 1 };
  }
  const o = readOrdinal(c, i);
  return o && o.value >= 1 && o.value <= 31 ? o : undefined;
}

/** A four-digit year 1000..2199 (not part of a longer number), or an apostrophe year "'98". */
export function readYear(c: ParseContext, i: number): Read<number> | undefined {
  // kinds and widths first: most tokens asked are no year, and no token is made for them
  const kind = c.tokens.kind(i);
  if (kind === Kind.Number && c.tokens.width(i) === 4) {
    const y = Number(c.tokens.at(i)?.text);
    if (y < 1000 || y > 2199) return undefined;
    if ((isPunct(c, i + 1, ',') || isPunct(c, i + 1, '.')) && isNumber(c, i + 2) && touches(c.tokens, i + 2))
      return undefined;
    if (isPunct(c, i - 1, ',') && touches(c.tokens, i) && isNumber(c, i - 2)) return undefined;
    return { value: y, next: i + 1 };
  }
  if (isApostrophe(c, i) && isNumber(c, i + 1) && touches(c.tokens, i + 1) && c.tokens.width(i + 1) === 2) {
    const yy = Number(c.tokens.at(i + 1)?.text);
    return { value: yy < 30 ? 2000 + yy : 1900 + yy, next: i + 2 };
  }
  return undefined;
}

/** A year said in words: "nineteen ninety-six", "nineteen eighty". */
export function readSpokenYear(c: ParseContext, i: number): { year: number; next: number } | undefined {
  const w = lower(c, i);
  const century = w === 'nineteen' ? 19 : w === 'eighteen' ? 18 : undefined;
  if (century === undefined) return undefined;
  const rest = readNumber(c, i + 1, false);
  if (!rest || rest.value < 10 || rest.value > 99 || !Number.isInteger(rest.value)) return undefined;
  return { year: century * 100 + rest.value, next: rest.next };
}
