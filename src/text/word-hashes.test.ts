import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { TextLayer } from './text-layer.js';
import { TokenTable, WordFilter, WordHashes } from './word-hashes.js';

const LIST = ['said', 'attack', 'twenty-five', 'a', 'no', '\u00e9lys\u00e9e'];
const filter = new WordFilter(LIST);
const words = new TokenTable(LIST.map((w) => [w, w.toUpperCase()] as const));

/** The one token of `text`. */
const only = (text: string) => {
  const { tokens } = new TextLayer(text);
  assert.equal(tokens.count, 1, `"${text}" should be one token`);
  return tokens;
};

table(
  'a word of the list passes the filter and is found in the table, in any case',
  [
    ['said'],
    ['Said'],
    ['SAID'],
    ['attack'],
    ['Twenty-Five'],
    ['a'],
    ['A'],
    ['no'],
    ['\u00c9lys\u00e9e'],
  ] as const,
  ([text]) => {
    const tokens = only(text);
    assert.ok(filter.mayHoldToken(tokens, 0), `"${text}" is in the list and must not be filtered out`);
    assert.equal(words.get(tokens, 0), text.toUpperCase(), `"${text}" should be found by its lower case`);
  },
);

table(
  'a word outside the list is not found, lower-case ASCII (by hash) or not (by shape)',
  [
    ['the', 'a lower-case word, told by its hash'],
    ['sai', 'a prefix of a list word'],
    ['saids', 'a list word and more'],
    ['attach', 'a word of the same length and first letters'],
    ['Sand', 'a capitalised word, told by its shape or lower case'],
    ['15,000', 'digits'],
    ['\u00e9lys\u00e9es', 'a word outside ASCII'],
  ] as const,
  ([text, why]) =>
    assert.equal(words.get(only(text), 0), undefined, `"${text}" is no list word (${why}) but was found`),
);

test('no token whose lower-cased form is in the list is filtered out or missed', () => {
  const pick = fc.constantFrom(...LIST, 'Said', 'ATTACK', '\u212Aill', 'kill', 'x', 'said.', 'no-one');
  const list = [...LIST, 'kill'];
  const f = new WordFilter(list);
  const t = new TokenTable(list.map((w) => [w, w] as const));
  fc.assert(
    fc.property(fc.array(fc.oneof(pick, fc.string({ maxLength: 6 })), { maxLength: 8 }), (parts) => {
      const { tokens } = new TextLayer(parts.join(' '));
      for (let i = 0; i < tokens.count; i++) {
        const lower = tokens.lower(i);
        const member = list.includes(lower);
        if (member) assert.ok(f.mayHoldToken(tokens, i), `"${tokens.text(i)}" was filtered out`);
        assert.equal(t.get(tokens, i), member ? lower : undefined, `"${tokens.text(i)}" found wrongly`);
      }
    }),
  );
});

const PRESS = new WordHashes(['newspaper', 'agency', '(']);

table(
  "word hashes: the words added pass on the tokenizer's hash and on their text alike; most others do not",
  [
    ['the Sun newspaper said', [false, false, true, false]],
    ['Itar-Tass news agency ( TASS )', [false, false, true, true, false, false]],
    // Negative: case and length count, as in the word lists the filter stands before.
    ['Newspaper newspapers AGENCY', [false, false, false]],
  ] as const,
  ([text, expected]) => {
    const layer = new TextLayer(text);
    const w = Array.from({ length: layer.tokens.count }, (_, i) => layer.tokens.text(i));
    assert.equal(w.length, expected.length, `tokens of ${text}`);
    for (let i = 0; i < w.length; i++) {
      assert.equal(PRESS.mayHoldWord(w, i, layer.tokens), expected[i], `"${w[i]}" by its token's hash`);
      assert.equal(PRESS.mayHoldWord(w, i, undefined), expected[i], `"${w[i]}" by its text`);
    }
  },
);
