import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { TENS, UNITS } from '../text/number-words.js';
import { fractionWord, numberWord, readDigits } from './numbers.js';

table(
  'numberWord reads cardinal words and their hyphenated compounds',
  [
    ['a unit', 'seven', 7],
    ['zero', 'zero', 0],
    ['a teen', 'Nineteen', 19],
    ['a tens word', 'forty', 40],
    ['a compound', 'twenty-five', 25],
    ['a compound in capitals', 'Ninety-Nine', 99],
    ['a teen after tens is no compound', 'twenty-eleven', undefined],
    ['zero after tens is no compound', 'thirty-zero', undefined],
    ['units do not lead a compound', 'five-two', undefined],
    ['a leading hyphen', '-five', undefined],
    ['three parts', 'twenty-five-one', undefined],
    ['not a number', 'fiver', undefined],
    ['a scale word is not a cardinal', 'hundred', undefined],
  ] as const,
  ([, word, want]) => assert.equal(numberWord(word), want, `numberWord(${JSON.stringify(word)})`),
);

table(
  'fractionWord reads fraction words and counted fractions',
  [
    ['a fraction', 'third', 1 / 3],
    ['a plural fraction', 'Quarters', 1 / 4],
    ['counted', 'two-thirds', 2 / 3],
    ['counted by tens', 'twenty-fifths', 20 * (1 / 5)],
    ['counted by zero', 'zero-halves', 0],
    ['a compound count is not read', 'twenty-one-thirds', undefined],
    ['not a fraction after the count', 'two-apples', undefined],
    ['a cardinal alone', 'seven', undefined],
  ] as const,
  ([, word, want]) => assert.equal(fractionWord(word), want, `fractionWord(${JSON.stringify(word)})`),
);

table(
  'readDigits reads a number token, its separators and a glued scale',
  [
    ['plain', '2024', { value: 2024, shape: 'plain', scale: 1, digits: 4 }],
    ['grouped', '15,000', { value: 15000, shape: 'grouped', scale: 1, digits: 5 }],
    ['grouped twice', '1,250,000', { value: 1250000, shape: 'grouped', scale: 1, digits: 7 }],
    ['decimal', '3.5', { value: 3.5, shape: 'decimal', scale: 1, digits: 2 }],
    ['grouped with decimals', '12,345.67', { value: 12345.67, shape: 'decimal', scale: 1, digits: 7 }],
    ['a glued scale', '3.5bn', { value: 3.5, shape: 'decimal', scale: 1e9, digits: 2 }],
    ['a glued scale in capitals', '10M', { value: 10, shape: 'plain', scale: 1e6, digits: 2 }],
    ['a separator not before three digits', '15,00', undefined],
    ['a separator before four digits', '15,0000', undefined],
    ['an ordinal', '21st', undefined],
    ['a compound', '32-year-old', undefined],
    ['a word glued that names an object property', '5constructor', undefined],
    ['no digits', 'bn', undefined],
  ] as const,
  ([, token, want]) => assert.deepEqual(readDigits(token), want, `readDigits(${JSON.stringify(token)})`),
);

/** The words the lookups are built from, and near misses, joined by hyphens in any way. */
const pieces = fc.constantFrom(
  ...UNITS.keys(),
  ...TENS.keys(),
  'half',
  'thirds',
  'Fifth',
  'hundred',
  'x',
  '',
);
const words = fc.array(pieces, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('-'));

test('numberWord agrees with reading the word part by part', () => {
  const byParts = (word: string): number | undefined => {
    const w = word.toLowerCase();
    const unit = UNITS.get(w) ?? TENS.get(w);
    if (unit !== undefined) return unit;
    const dash = w.indexOf('-');
    if (dash <= 0) return undefined;
    const tens = TENS.get(w.slice(0, dash));
    const ones = UNITS.get(w.slice(dash + 1));
    return tens !== undefined && ones !== undefined && ones > 0 && ones < 10 ? tens + ones : undefined;
  };
  fc.assert(
    fc.property(words, (word) => assert.equal(numberWord(word), byParts(word), word)),
    { numRuns: 3000 },
  );
});
