import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { TextLayer } from './text-layer.js';
import { WordShapes } from './word-shapes.js';

const LIST = ['said', 'attack', 'twenty-five', "n't", 'a', 'no', '\u00e9lys\u00e9e'];
const shapes = new WordShapes(LIST);

/** Whether the filter lets the one token of `text` through. */
const passes = (filter: WordShapes, text: string) => {
  const { tokens } = new TextLayer(text);
  assert.equal(tokens.count, 1, `"${text}" should be one token`);
  return filter.mayHoldText(text, tokens.start(0), tokens.end(0)) && filter.mayHoldToken(tokens, 0);
};

table(
  'a word of the list passes in any case',
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
  ([text]) => assert.ok(passes(shapes, text), `"${text}" is in the list and must not be filtered out`),
);

table(
  'a word whose shape no list word has is filtered out',
  [
    ['the', 'no list word starts "th"'],
    ['saids', 'no list word of five letters starts "sa"'],
    ['sand', '"sand" ends "nd", "said" ends "id"'],
    ['attach', 'no list word of six letters ends "ch"'],
    ['atrick', 'its ends are those of "attack", its third and fourth letters are not'],
    ['I', 'the one-letter word is "a"'],
    ['15,000', 'no list word starts with digits'],
  ] as const,
  ([text, why]) => assert.equal(passes(shapes, text), false, `"${text}" should be filtered out: ${why}`),
);

table(
  'a character outside ASCII leaves the pair it is in to the lookup; the other pairs still judge',
  [
    // The Kelvin sign lower-cases to "k": the filter cannot tell its first pair from the source alone.
    ['\u212Ailo', ['kilo'], true, 'its last pairs are those of "kilo"'],
    ['\u00c9aid', LIST, true, 'its last pairs are those of "said"'],
    ['\u00c9tat', LIST, false, 'no list word of four letters ends "at"'],
    ['attx\u00e7k', LIST, false, 'the list word of six letters starting "at" has "ta" third and fourth'],
  ] as const,
  ([text, list, want, why]) => assert.equal(passes(new WordShapes(list), text), want, `"${text}": ${why}`),
);

test('a list holding the dot that "\u0130" lower-cases to makes the filter pass everything', () => {
  const dotted = new WordShapes(['i\u0307stanbul']);
  assert.ok(passes(dotted, '\u0130stanbul'));
  assert.ok(passes(dotted, 'the'), 'it can no longer judge by length');
});

test('no token whose lower-cased form is in the list is filtered out', () => {
  const words = fc.constantFrom(...LIST, 'kill', 'Kill', '\u212Aill', '\u0130', 'x', 'said.', 'SA\u0130D');
  fc.assert(
    fc.property(
      fc.array(fc.oneof(words, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 8 }),
      (parts) => {
        const text = parts.join(' ');
        const { tokens } = new TextLayer(text);
        const list = new WordShapes([...LIST, 'kill']);
        const set = new Set([...LIST, 'kill']);
        for (let i = 0; i < tokens.count; i++)
          if (set.has(tokens.lower(i)))
            assert.ok(
              list.mayHoldToken(tokens, i),
              `"${tokens.text(i)}" is in the list but was filtered out`,
            );
      },
    ),
    { numRuns: 3000 },
  );
});
