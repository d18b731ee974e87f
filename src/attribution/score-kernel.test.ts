import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { newMemory } from '../wasm/wasm-module.js';
import { FEATURES_PER_TOKEN } from './features.js';
import { MOVES_BYTES, SCORE_BYTES, scoreKernel, writeMoves } from './score-kernel.js';
import { AttributionTagger, TAG_COUNT, TAGS, viterbi } from './tagger.js';

// Small integer scores, so that equal sums (ties) are common; sequences up to 40 tokens, of any length
// up to that (`size: 'max'`), so that paths run through inside tags.
const score = fc.integer({ min: 0, max: 2 });

test("the kernel's forward pass gives the decoder's tags, ties included", () => {
  const memory = newMemory(1);
  // The forward pass reads no table: a layout of nothing will do.
  const kernel = scoreKernel(memory, { table: 0, present: 0, mask: 0, absent: 0 });
  const emissionsAt = MOVES_BYTES;
  const scoresAt = emissionsAt + 40 * SCORE_BYTES;
  fc.assert(
    fc.property(
      fc.array(score, { minLength: TAG_COUNT, maxLength: 40 * TAG_COUNT, size: 'max' }),
      fc.array(score, { minLength: TAG_COUNT, maxLength: TAG_COUNT }),
      fc.array(score, { minLength: TAG_COUNT * TAG_COUNT, maxLength: TAG_COUNT * TAG_COUNT }),
      (scores, start, transitions) => {
        const n = Math.floor(scores.length / TAG_COUNT);
        const emissions = Float64Array.from(scores.slice(0, n * TAG_COUNT));
        const tagger = new AttributionTagger({
          tags: TAGS,
          featuresPerToken: FEATURES_PER_TOKEN,
          start,
          transitions,
          cueWords: [],
          scale: 1,
          keys: new Uint32Array(0),
          weights: new Int16Array(0),
        });
        writeMoves(memory.buffer, 0, tagger.moves, start);
        new Float64Array(memory.buffer, emissionsAt, n * TAG_COUNT).set(emissions);
        kernel.forward(n, emissionsAt, scoresAt, 0);
        const tags = tagger.path(new Float64Array(memory.buffer, scoresAt, n * TAG_COUNT), n);
        assert.deepEqual(
          Array.from(tags.subarray(0, n)),
          Array.from(viterbi(emissions, n, start, transitions)),
          `emissions ${scores.join(' ')}`,
        );
      },
    ),
    { numRuns: 500 },
  );
});
