/** Character tests on UTF-16 code units, ASCII first because news is mostly ASCII. */
const LETTER = /\p{L}|\p{M}/u;
const DIGIT = /\p{Nd}/u;

const KNOWN = 1;
const IS_LETTER = 2;
const IS_DIGIT = 4;
const IS_UPPER = 8;
const IS_LOWER = 16;

/**
 * Classes of the non-ASCII code units, each worked out (by regex and case mapping, both slow) the first
 * time it is met. Latin letters with diacritics (0xC0-0x24F, bar the signs × and ÷) are common enough
 * in names to skip the regex.
 */
const CLASSES = new Uint8Array(0x10000);

function classOf(code: number): number {
  const known = CLASSES[code];
  if (known === undefined) return 0; // not a code unit (NaN past the end of a string)
  if (known !== 0) return known;
  const ch = String.fromCharCode(code);
  let k = KNOWN;
  if (code >= 0xc0 && code <= 0x24f) k |= code === 0xd7 || code === 0xf7 ? 0 : IS_LETTER;
  else if (code < 0xd800 || code > 0xdfff) {
    if (LETTER.test(ch)) k |= IS_LETTER;
    if (DIGIT.test(ch)) k |= IS_DIGIT;
  }
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (ch !== lower && ch === upper) k |= IS_UPPER;
  if (ch !== upper && ch === lower) k |= IS_LOWER;
  CLASSES[code] = k;
  return k;
}

export function isLetterCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return (classOf(code) & IS_LETTER) !== 0;
}

export function isDigitCode(code: number): boolean {
  if (code < 0x80) return code >= 0x30 && code <= 0x39;
  return (classOf(code) & IS_DIGIT) !== 0;
}

export const isAlnumCode = (code: number): boolean => isDigitCode(code) || isLetterCode(code);

export function isUpperCode(code: number): boolean {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return (classOf(code) & IS_UPPER) !== 0;
}

export function isLowerCode(code: number): boolean {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  return (classOf(code) & IS_LOWER) !== 0;
}

export const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
export const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Double quote marks of every common style; single quotes are apostrophes unless context says quote. */
export const DOUBLE_QUOTES = new Set([0x22, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x2033]);
export const SINGLE_QUOTES = new Set([0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x2039, 0x203a]);
export const OPENING_ONLY = new Set([0x201c, 0x201e, 0x201f, 0xab, 0x2018, 0x201a, 0x201b, 0x2039]);
export const CLOSING_ONLY = new Set([0x201d, 0xbb, 0x2019, 0x203a]);
