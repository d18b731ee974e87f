import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { lowerCase } from './words.js';

table(
  'lowerCase gives what toLowerCase gives',
  [
    ['already lower case', 'killed', 'killed'],
    ['capitalised', 'Killed', 'killed'],
    ['all capitals', 'NATO', 'nato'],
    ['a capital after a hyphen', 'twenty-Five', 'twenty-five'],
    ['a non-ASCII capital', '\u00c9lys\u00e9e', '\u00e9lys\u00e9e'],
    ['a curly apostrophe, nothing to lower', 'didn\u2019t', 'didn\u2019t'],
    ['digits and punctuation', '15,000', '15,000'],
    ['empty', '', ''],
  ] as const,
  ([, word, want]) => assert.equal(lowerCase(word), want),
);

test('lowerCase agrees with toLowerCase on any text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (word) => assert.equal(lowerCase(word), word.toLowerCase())),
    { numRuns: 2000 },
  );
});
