import assert from 'node:assert/strict';
import { contextFor } from '../../test/stage-context.js';
import { table } from '../../test/table.js';
import { clauseEnd, clauseStart } from './clauses.js';

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
