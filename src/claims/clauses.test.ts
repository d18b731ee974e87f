import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { contextFor } from '../../test/stage-context.js';
import { table } from '../../test/table.js';
import { ClauseBounds, clauseEnd, clauseStart } from './clauses.js';

/** The text of the clause around the first token reading `word`. */
function clauseOf(text: string, word: string): string {
  const { tokens } = contextFor(text, {}).text;
  let i = 0;
  while (i < tokens.count && tokens.text(i) !== word) i++;
  assert.ok(i < tokens.count, `"${word}" is a token of the row's text`);
  const first = clauseStart(tokens, i, 0);
  const end = clauseEnd(tokens, i, tokens.count);
  return text.slice(tokens.start(first), tokens.end(end - 1));
}

table(
  'a clause runs between the marks that break it, and through those that do not',
  [
    [
      'a comma ends a clause, and opens none',
      'In Seoul, troops fired shots, officials said.',
      'fired',
      'In Seoul, troops fired shots',
    ],
    ['a semicolon and a colon', 'It rained; troops fired shots: none hit.', 'fired', 'troops fired shots'],
    ['an em dash', 'Troops fired shots \u2014 none hit.', 'fired', 'Troops fired shots'],
    ['a double hyphen', 'Troops fired shots -- none hit.', 'fired', 'Troops fired shots'],
    [
      'a single hyphen is no break',
      'Troops fired shots - none hit.',
      'fired',
      'Troops fired shots - none hit',
    ],
    ['after ", and"', 'It rained, and troops fired shots.', 'fired', 'troops fired shots'],
    [
      'a comma before a noun is no opening',
      'It rained, troops fired shots.',
      'fired',
      'It rained, troops fired shots',
    ],
  ] as const,
  ([, text, word, want]) => assert.equal(clauseOf(text, word), want, `the clause of "${word}"`),
);

test('ClauseBounds gives clauseStart and clauseEnd of every token asked, in any order', () =>
  fc.assert(
    fc.property(
      fc.array(
        fc.constantFrom(
          'troops',
          'fired',
          'said',
          'that',
          'and',
          'but',
          'which',
          ',',
          ';',
          ':',
          '--',
          '\u2014',
          '"',
          '-',
          '5',
        ),
        { minLength: 1, maxLength: 40 },
      ),
      fc.array(fc.nat(), { maxLength: 30 }),
      fc.nat(),
      (words, asks, cut) => {
        const { tokens } = contextFor(words.join(' '), {}).text;
        const from = cut % tokens.count;
        const asked = asks.map((ask) => from + (ask % (tokens.count - from)));
        // Asked in order, as the stages ask, and in any order.
        for (const order of [[...asked].sort((a, b) => a - b), asked]) {
          const bounds = new ClauseBounds(tokens, from, tokens.count);
          for (const i of order) {
            const where = `token ${i} of "${words.join(' ')}", asked ${order.join(' ')}`;
            assert.equal(bounds.start(i), clauseStart(tokens, i, from), `start of ${where}`);
            assert.equal(bounds.end(i), clauseEnd(tokens, i, tokens.count), `end of ${where}`);
          }
        }
      },
    ),
  ));
