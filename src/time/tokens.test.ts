import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { TextLayer } from '../text/text-layer.js';
import {
  Kind,
  ShapeSet,
  TokenRoom,
  type Tokens,
  tokenize,
  tokensOf,
  touches,
  WordTable,
  wordSet,
} from './tokens.js';

const texts = (tokens: Tokens): string[] =>
  Array.from({ length: tokens.length }, (_, i) => tokens.at(i)?.text ?? '');

table(
  'tokenize splits letters, digits and single other characters',
  [
    ['On Oct. 24, 2025', ['On', 'Oct', '.', '24', ',', '2025']],
    ['A380s\u00a0x', ['A', '380', 's', 'x']],
    ['Kärnten’s 10:35 a.m.', ['Kärnten', '’', 's', '10', ':', '35', 'a', '.', 'm', '.']],
    ['  \n\t ', []],
    ['two-year', ['two', '-', 'year']],
  ] as const,
  ([text, want]) => assert.deepEqual(texts(tokenize(text)), want, `tokens of ${JSON.stringify(text)}`),
);

/** Each token's offsets and packed code (kind, case, shape), as `tokenize` and `tokensOf` must agree on. */
const columns = (tokens: Tokens): number[][] =>
  Array.from({ length: tokens.length }, (_, i) => [
    tokens.start(i),
    tokens.end(i),
    tokens.kind(i),
    tokens.shape(i),
    tokens.at(i)?.lower === tokens.at(i)?.text ? 1 : 0,
  ]);

table(
  'tokensOf, from the text layer, makes the tokens tokenize makes',
  [
    ['On Oct. 24, 2025, the U.S. said'],
    ['A380s iPhone MARCH 5th 1980s'],
    ["John's Kärnten’s rock 'n' roll don't"],
    ['www. etc.5 U.S.A1 J.R. Smith Inc.com'],
    ['15,000 3.5 10:30 1/2 two-year -- [...] (...)'],
    // spaces to one tokenizer and marks to the other; letters past Latin; astral letters and symbols
    ['a\u200bb c\u1680d e\ufeff f\u2028g\u2029h i\u205fj'],
    ['\u03c3\u03b5 5\u00b5m \u00b5s caf\u00e9 \u00d7 2 \u{1d400}b \u{1F600}x \u212a'],
    ['http://x.y/z. Then 12\u0663 \u0663\u0664'],
  ] as const,
  ([text]) =>
    assert.deepEqual(
      columns(tokensOf(new TextLayer(text).tokens)),
      columns(tokenize(text)),
      `tokens of ${JSON.stringify(text)}`,
    ),
);

test('tokensOf agrees with tokenize on any text', () => {
  const piece = fc.constantFrom(
    'a',
    'Ab',
    'AB',
    'x1',
    '7',
    '42',
    ' ',
    '  ',
    '\n',
    '.',
    ',',
    "'",
    's',
    '\u2019',
    '-',
    ':',
    '/',
    '"',
    'Mr',
    'U',
    'etc',
    'www',
    'http://',
    '\u00e9',
    '\u00c9',
    '\u00d7',
    '\u00b5',
    '\u03a3',
    '\u0663',
    '\u200b',
    '\u2028',
    '\ufeff',
    '\u{1F600}',
    '\u{1d400}',
    '\ud800',
    'e\u0301',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(
        columns(tokensOf(new TextLayer(text).tokens)),
        columns(tokenize(text)),
        `tokens of ${JSON.stringify(text)}`,
      );
    }),
    { numRuns: 2000 },
  );
});

test('tokensOf with a room: texts one after another, shorter and longer, each get their own tokens', () => {
  const room = new TokenRoom();
  const row = [
    'On Oct. 24, 2025, the U.S. said',
    'a',
    // more tokens than the columns left by the texts before: they grow, and the room keeps the larger
    `${'x, '.repeat(400)}\u2014 done`,
    'A380s iPhone MARCH 5th 1980s',
  ];
  for (const text of row)
    assert.deepEqual(
      columns(tokensOf(new TextLayer(text).tokens, room)),
      columns(tokenize(text)),
      `tokens of ${JSON.stringify(text.slice(0, 40))} after the texts before it in the room`,
    );
});

test('tokenize: a long text (past the first guess of its token count) keeps every offset', () => {
  const text = 'a,'.repeat(5000);
  const tokens = tokenize(text);
  assert.equal(tokens.length, 10000, 'every letter and comma is a token');
  assert.equal(tokens.start(9999), 9999, 'the last comma starts where it is');
  assert.equal(tokens.at(9998)?.text, 'a');
  assert.equal(tokens.kind(10000), -1, 'no token past the end');
});

table(
  'Tokens: kind, lower case and joining',
  [
    // text, index, kind, lower, touches the token before
    ['Friday', 0, Kind.Word, 'friday', false],
    ['MARCH 5th', 2, Kind.Word, 'th', true],
    ['MARCH 5th', 1, Kind.Number, '5', false],
    ['Élysée', 0, Kind.Word, 'élysée', false],
    ['5 %', 1, Kind.Punct, '%', false],
  ] as const,
  ([text, i, kind, lower, joined]) => {
    const tokens = tokenize(text);
    assert.equal(tokens.kind(i), kind, 'kind');
    assert.equal(tokens.at(i)?.lower, lower, 'lower case');
    assert.equal(touches(tokens, i), joined, 'joined to the token before');
  },
);

test('Tokens.at gives the same token again, and the right one after others have taken its place', () => {
  const tokens = tokenize(Array.from({ length: 300 }, (_, k) => `w${k}`).join(' '));
  const first = tokens.at(0);
  assert.equal(tokens.at(0), first, 'the same object while nothing took its place');
  for (let k = 1; k < tokens.length; k++) tokens.at(k);
  assert.equal(tokens.at(0)?.text, 'w', 'made again with the right text');
  assert.equal(tokens.at(-1), undefined);
  assert.equal(tokens.at(tokens.length), undefined);
});

const TABLE = new WordTable([
  ['the', 1],
  ['tie', 2],
  ['q', 3],
  ['\u2019', 4],
  ['#', 5],
]);

table(
  'WordTable finds a token by its lower case, as a map of its words would',
  [
    ['The', 1],
    ['THE', 1],
    ['tie', 2],
    ['toe', undefined],
    ['then', undefined],
    ['Q', 3],
    ['\u2019', 4],
    ['#', 5],
    ['thé', undefined],
    ['5', undefined],
  ] as const,
  ([word, want]) => assert.equal(TABLE.get(tokenize(word), 0), want, `value of ${JSON.stringify(word)}`),
);

test('WordTable: outside the text there is nothing', () => {
  const tokens = tokenize('the');
  assert.equal(TABLE.get(tokens, 1), undefined);
  assert.equal(TABLE.get(tokens, -1), undefined);
  assert.equal(TABLE.key('q'), 3);
});

test('WordTable agrees with a map of lower-case words on any text', () => {
  // marks past ASCII are looked up by their code: "’" is a word, "—", "K" (the Kelvin sign) and "Σ" are not
  const words = ['a', 'an', 'the', 'may', 'i', 'ó', 'Straße', "'", '-', 'ago', 'years', '\u2019', 'k', 'σ'];
  const set = wordSet(words);
  const lowered = new Set(words);
  fc.assert(
    fc.property(
      fc.array(
        fc.constantFrom(...words, 'A', 'AGO', 'Ó', 'mAy', 'x', '7', ' ', 'ß', 'İ', '\u2014', '\u212a', 'Σ'),
      ),
      (parts) => {
        const tokens = tokenize(parts.join(''));
        for (let i = 0; i < tokens.length; i++)
          assert.equal(
            set.has(tokens, i),
            lowered.has(tokens.at(i)?.lower ?? ''),
            `token ${i} of ${parts.join('')}`,
          );
      },
    ),
  );
});

table(
  'Tokens.capitalized: a word with an ASCII capital first, read in place',
  [
    // text, index, capitalized
    ['Friday', 0, true],
    ['friday', 0, false],
    ['iPhone', 0, false],
    ['Élysée', 0, false],
    ['5 May', 0, false],
    ['5 May', 1, true],
    ['A', 1, false],
    ['A', -1, false],
  ] as const,
  ([text, i, want]) =>
    assert.equal(tokenize(text).capitalized(i), want, `token ${i} of ${JSON.stringify(text)}`),
);

test('Tokens.nextStart stops at numbers, tokens of no shape and tokens of a listed shape only', () => {
  const tokens = tokenize('he said ó the 5 days');
  const shapes = new ShapeSet(['the', 'days']);
  assert.equal(tokens.nextStart(0, shapes), 2, 'ó has no shape');
  assert.equal(tokens.nextStart(3, shapes), 3, '"the"');
  assert.equal(tokens.nextStart(4, shapes), 4, 'a number');
  assert.equal(tokens.nextStart(5, shapes), 5, '"days"');
  assert.equal(tokens.nextStart(6, shapes), 6, 'none left: the length');
  assert.equal(tokenize('he said').nextStart(0, shapes), 2, 'no word of that shape');
  const marks = new ShapeSet(['\u2019']);
  const quoted = tokenize('\u201cso \u2014 \u2019 so\u201d');
  assert.equal(
    quoted.nextStart(0, marks),
    3,
    'past the quote mark and the dash, not listed, to the listed mark',
  );
  assert.equal(quoted.nextStart(4, marks), quoted.length, 'no listed mark after it');
});
