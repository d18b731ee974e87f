import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { TextLayer } from './text-layer.js';
import type { TokenStore } from './tokens.js';
import {
  hashRange,
  hashText,
  reserveWords,
  TOKEN_HASH_SEED,
  VOCABULARY_BOUND,
  vocabularyGeneration,
  wordIdOf,
  wordIdsOf,
  wordOf,
} from './vocabulary.js';

/** Token `i`'s text, cut from the source rather than read through its id. */
const cut = (text: string, tokens: TokenStore, i: number) => text.slice(tokens.start(i), tokens.end(i));

/** The ids of `text`'s tokens, with their texts. */
function idsOf(text: string): { ids: Int32Array; words: string[] } {
  const { tokens } = new TextLayer(text);
  const ids = tokens.wordIds();
  assert.ok(ids, `"${text}" is far below the bound and should have ids`);
  return { ids, words: Array.from({ length: tokens.count }, (_, i) => cut(text, tokens, i)) };
}

table(
  "a token's id names its exact text, the same in every document",
  [
    ['Kim said Kim', 'Kim', 'Kim'],
    ['KCNA reported', 'the KCNA', 'KCNA'],
    ['Pyongyang’s envoy', 'Seoul’s envoy', '’s'],
    ['Élysée sources', 'at the Élysée', 'Élysée'],
    ['1,234 people', '1,234 of them', '1,234'],
    ['said four', 'four said', 'four'],
    ['an internationalization effort', 'internationalization', 'internationalization'],
    ['internationalizations abound', 'internationalizations', 'internationalizations'],
    ['the internationalizational', 'internationalizational it', 'internationalizational'],
  ] as const,
  ([first, second, word]) => {
    const a = idsOf(first);
    const b = idsOf(second);
    const at = a.words.indexOf(word);
    const bt = b.words.indexOf(word);
    assert.ok(at >= 0 && bt >= 0, `"${word}" should be a token of both texts`);
    assert.equal(a.ids[at], b.ids[bt], `"${word}" should have one id in "${first}" and "${second}"`);
    a.words.forEach((w, i) => {
      assert.equal(wordOf(a.ids[i] as number), w, `token ${i} of "${first}" should read "${w}"`);
    });
  },
);

table(
  'words that differ in case or in one character have ids of their own',
  [
    ['Kim', 'KIM'],
    ['said', 'Said'],
    ['North', 'north'],
    ['don’t', "don't"],
    ['internationalization', 'internationalizatiom'],
    ['internationalizations', 'internationalizationz'],
    ['four', 'fou'],
    ['café', 'cafe'],
  ] as const,
  ([a, b]) => {
    assert.notEqual(wordIdOf(a), wordIdOf(b), `"${a}" and "${b}" should not share an id`);
  },
);

test('two words of one hash are told apart by their characters', () => {
  // FNV-1a is 32 bits: among some 10^5 words two share a hash (the birthday bound).
  const seen = new Map<number, string>();
  let pair: [string, string] | undefined;
  for (let i = 0; !pair; i++) {
    const word = `w${i.toString(36)}`;
    const h = hashText(word, TOKEN_HASH_SEED);
    const other = seen.get(h);
    if (other) pair = [other, word];
    else seen.set(h, word);
  }
  const [a, b] = pair;
  const first = idsOf(`said ${a}`);
  const second = idsOf(`said ${b}`);
  assert.notEqual(first.ids[1], second.ids[1], `"${a}" and "${b}" share a hash, not an id`);
  assert.equal(wordOf(first.ids[1] as number), a);
  assert.equal(wordOf(second.ids[1] as number), b);
  assert.equal(idsOf(`${a} said`).ids[0], first.ids[1], `"${a}" asked again should keep its id`);
});

test('a sentence looked up by its strings gets the ids its document gets', () => {
  const { ids, words } = idsOf('The North’s leader, Kim Jong-un, said on Monday.');
  const out = new Int32Array(words.length + 2);
  wordIdsOf(words, 0, words.length, out, 2);
  assert.deepEqual([...out.subarray(2)], [...ids]);
});

test('a full vocabulary is cleared, and a document asked again gets ids of the new generation', () => {
  const text = 'Kim Jong-un met Moon Jae-in in Panmunjom.';
  const { tokens } = new TextLayer(text);
  const before = tokens.wordIds();
  assert.ok(before);
  const generation = vocabularyGeneration();
  reserveWords(VOCABULARY_BOUND);
  assert.equal(
    vocabularyGeneration(),
    generation + 1,
    'reserving the whole bound should clear the vocabulary',
  );
  const after = tokens.wordIds();
  assert.ok(after);
  for (let i = 0; i < tokens.count; i++)
    assert.equal(
      wordOf(after[i] as number),
      cut(text, tokens, i),
      `token ${i} should read its text after the clearing`,
    );
});

test('a document of more distinct words than the bound has no ids, and loses none of the others', () => {
  const words = Array.from({ length: VOCABULARY_BOUND }, (_, i) => `w${i.toString(36)}`);
  const text = words.join(' ');
  const { tokens } = new TextLayer(text);
  assert.equal(tokens.wordIds(), undefined);
  assert.equal(tokens.text(7), cut(text, tokens, 7), 'a token of a document without ids is still read');
  assert.equal(tokens.lower(7), cut(text, tokens, 7));
  const { ids, words: small } = idsOf('Seoul and Washington agreed.');
  small.forEach((w, i) => {
    assert.equal(wordOf(ids[i] as number), w);
  });
});

test('property: every token of any text reads its own text through its id', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      const { tokens } = new TextLayer(text);
      const ids = tokens.wordIds();
      assert.ok(ids);
      for (let i = 0; i < tokens.count; i++) {
        assert.equal(wordOf(ids[i] as number), cut(text, tokens, i));
        assert.equal(tokens.text(i), cut(text, tokens, i));
        assert.equal(tokens.lower(i), cut(text, tokens, i).toLowerCase());
      }
    }),
    { numRuns: 300 },
  );
});

table(
  "a range's hash: the hash of the slice, the slice not made",
  [
    ['pyongyang', 0, 3],
    ['pyongyang', 5, 9],
    ['ab', 0, 2],
    ['a', 0, 1],
    ['', 0, 0],
  ] as const,
  ([word, from, to]) =>
    assert.equal(hashRange(word, from, to, 4), hashText(word.slice(from, to), 4), `${word} [${from}, ${to})`),
);
