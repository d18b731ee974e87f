import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { TextLayer } from '../text/text-layer.js';
import { tokenWords, WordHashes } from './token-words.js';

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
    const w = tokenWords(layer);
    assert.equal(w.length, expected.length, `tokens of ${text}`);
    for (let i = 0; i < w.length; i++) {
      assert.equal(PRESS.mayHoldWord(w, i, layer.tokens), expected[i], `"${w[i]}" by its token's hash`);
      assert.equal(PRESS.mayHoldWord(w, i, undefined), expected[i], `"${w[i]}" by its text`);
    }
  },
);
