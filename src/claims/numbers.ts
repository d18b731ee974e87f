/** Numbers as news writes them: digits with separators, written-out words, scales and fractions. */
import { TENS, UNITS } from '../text/number-words.js';
import { lowerCase } from './words.js';

/** Multipliers after a number: "3.5 billion", "two million", "1.2 trillion won". */
export const SCALES: ReadonlyMap<string, number> = new Map([
  ['hundred', 100],
  ['thousand', 1e3],
  ['million', 1e6],
  ['mln', 1e6],
  ['mn', 1e6],
  ['billion', 1e9],
  ['bln', 1e9],
  ['bn', 1e9],
  ['trillion', 1e12],
  ['tn', 1e12],
  ['crore', 1e7],
  ['lakh', 1e5],
]);

/** Fractions as words: "a third", "two-thirds", "half". */
const FRACTIONS: ReadonlyMap<string, number> = new Map([
  ['half', 1 / 2],
  ['halves', 1 / 2],
  ['third', 1 / 3],
  ['thirds', 1 / 3],
  ['quarter', 1 / 4],
  ['quarters', 1 / 4],
  ['fourth', 1 / 4],
  ['fourths', 1 / 4],
  ['fifth', 1 / 5],
  ['fifths', 1 / 5],
  ['tenth', 1 / 10],
  ['tenths', 1 / 10],
]);

/** Vague plurals: the least they can mean, and the most before the next word would be used. */
export const VAGUE: ReadonlyMap<string, { low: number; high: number }> = new Map([
  ['dozens', { low: 24, high: 99 }],
  ['scores', { low: 40, high: 99 }],
  ['hundreds', { low: 200, high: 999 }],
  ['thousands', { low: 2000, high: 9999 }],
  ['millions', { low: 2e6, high: 999e6 }],
  ['billions', { low: 2e9, high: 999e9 }],
]);

/** Every cardinal word and hyphenated compound ("twenty-five"), so that reading one is one lookup. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = (() => {
  const words = new Map([...UNITS, ...TENS]);
  for (const [tens, t] of TENS)
    for (const [ones, o] of UNITS) if (o > 0 && o < 10) words.set(`${tens}-${ones}`, t + o);
  return words;
})();

/** Every fraction word and counted fraction ("two-thirds"), likewise. */
export const FRACTION_WORDS: ReadonlyMap<string, number> = (() => {
  const words = new Map(FRACTIONS);
  for (const [count, n] of [...UNITS, ...TENS])
    for (const [part, f] of FRACTIONS) words.set(`${count}-${part}`, n * f);
  return words;
})();

/** A number word alone: "twenty-five", "seven", "forty"; undefined for anything else. */
export const numberWord = (word: string): number | undefined => NUMBER_WORDS.get(lowerCase(word));

/** A fraction word: "third" -> 1/3; "two-thirds" -> 2/3. */
export const fractionWord = (word: string): number | undefined => FRACTION_WORDS.get(lowerCase(word));

export const scaleWord = (word: string): number | undefined => SCALES.get(lowerCase(word));

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Scales glued to digits: "3.5bn", "5k". */
const GLUED_SCALES: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['m', 1e6],
  ['mn', 1e6],
  ['mln', 1e6],
  ['bn', 1e9],
  ['b', 1e9],
  ['tn', 1e12],
]);

export interface DigitReading {
  readonly value: number;
  /** How the digits were written: plain "2024", grouped "15,000", decimal "3.5". */
  readonly shape: 'plain' | 'grouped' | 'decimal';
  /** A glued scale or unit after the digits: "3.5bn" -> 1e9, "5k" -> 1e3. */
  readonly scale: number;
  readonly digits: number;
}

/**
 * Reads a number token: "15,000", "3.5", "1.2", "3.5bn", "10m". Ordinals ("21st"), hyphenated
 * compounds ("32-year-old", "555-1234") and anything else glued on are not plain numbers: undefined.
 */
export function readDigits(token: string): DigitReading | undefined {
  let i = 0;
  let digits = 0;
  let grouped = false;
  let decimal = false;
  while (i < token.length) {
    const c = token.charCodeAt(i);
    if (isDigit(c)) {
      digits++;
    } else if (c === 0x2c && !decimal && isDigit(token.charCodeAt(i + 1))) {
      // A thousands separator has exactly three digits after it.
      if (!(isDigit(token.charCodeAt(i + 2)) && isDigit(token.charCodeAt(i + 3)))) return undefined;
      if (isDigit(token.charCodeAt(i + 4))) return undefined;
      grouped = true;
    } else if (c === 0x2e && !decimal && isDigit(token.charCodeAt(i + 1))) {
      decimal = true;
    } else break;
    i++;
  }
  if (digits === 0) return undefined;
  let scale = 1;
  if (i < token.length) {
    const s = GLUED_SCALES.get(token.slice(i).toLowerCase());
    if (s === undefined) return undefined;
    scale = s;
  }
  // What was read is digits, a decimal point and, when grouped, separators: cut out, not built up.
  const body = grouped ? token.slice(0, i).replaceAll(',', '') : token.slice(0, i);
  return {
    value: Number(body),
    shape: decimal ? 'decimal' : grouped ? 'grouped' : 'plain',
    scale,
    digits,
  };
}

/** "10-20", "3-4": a range written with a hyphen inside one token. */
export function readDigitRange(token: string): { low: number; high: number } | undefined {
  const dash = token.indexOf('-');
  if (dash <= 0 || token.indexOf('-', dash + 1) >= 0) return undefined;
  const a = readDigits(token.slice(0, dash));
  const b = readDigits(token.slice(dash + 1));
  if (!a || !b || a.scale !== 1 || b.scale !== 1) return undefined;
  if (a.digits + b.digits >= 7 || !(a.value < b.value)) return undefined;
  return { low: a.value, high: b.value };
}
