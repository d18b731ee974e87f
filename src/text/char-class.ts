/** Character tests on UTF-16 code units, ASCII first because news is mostly ASCII. */
const LETTER = /\p{L}|\p{M}/u;
const DIGIT = /\p{Nd}/u;

export function isLetterCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return LETTER.test(String.fromCharCode(code));
}

export function isDigitCode(code: number): boolean {
  if (code < 0x80) return code >= 0x30 && code <= 0x39;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return DIGIT.test(String.fromCharCode(code));
}

export const isAlnumCode = (code: number): boolean => isDigitCode(code) || isLetterCode(code);

export function isUpperCode(code: number): boolean {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function isLowerCode(code: number): boolean {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  const ch = String.fromCharCode(code);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

export const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
export const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Double quote marks of every common style; single quotes are apostrophes unless context says quote. */
export const DOUBLE_QUOTES = new Set([0x22, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x2033]);
export const SINGLE_QUOTES = new Set([0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x2039, 0x203a]);
export const OPENING_ONLY = new Set([0x201c, 0x201e, 0x201f, 0xab, 0x2018, 0x201a, 0x201b, 0x2039]);
export const CLOSING_ONLY = new Set([0x201d, 0xbb, 0x2019, 0x203a]);
