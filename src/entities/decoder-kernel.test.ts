import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { newMemory, PAGE } from '../wasm/wasm-module.js';
import {
  CONSTANTS_BYTES,
  decoderKernel,
  EMIT_BYTES,
  LABEL_AT,
  POSITION,
  ROW_BYTES,
  SLOT_BYTES,
  writeConstants,
} from './decoder-kernel.js';
import { LABEL_COUNT, OUTSIDE } from './labels.js';
import { transitionTable, viterbi } from './model.js';

const L = LABEL_COUNT;
/** `transitionTable`'s rows of each label's best move. */
const BEST_MOVE = (L + 1) * L;

table(
  "decoder kernel: its label order puts the B labels, then each B's I at the same place, then O",
  [
    ['the first B label leads', LABEL_AT[0], 1],
    ['the last B label', LABEL_AT[7], 15],
    ['the I of the first B sits 8 after it', LABEL_AT[8], 2],
    ['the I of the last B', LABEL_AT[15], 16],
    ['O comes last', LABEL_AT[16], OUTSIDE],
    ['every label has one place', new Set(LABEL_AT).size, L],
    ['POSITION undoes LABEL_AT', LABEL_AT.every((y, at) => POSITION[y] === at), true],
  ] as const,
  ([name, actual, expected]) => assert.equal(actual, expected, name),
);

/**
 * Runs the kernel's `decodeRun` on integer emissions `emit[i * L + label]`: each word's slot names one
 * row holding them (in the kernel's order) and five rows of zeros, and a word-pair row (-1 for none).
 */
function kernelLabels(
  emit: readonly number[],
  n: number,
  table: Float64Array,
  scale: number,
  after: number,
  beforeOutside: boolean,
  pairRow?: readonly number[],
): number[] {
  const areas = [SLOT_BYTES, 4 * L, EMIT_BYTES, ROW_BYTES, ROW_BYTES, 1].map((bytes) => n * bytes + 64);
  const memory = newMemory(Math.ceil((CONSTANTS_BYTES + 64 + areas.reduce((a, b) => a + b) + 512) / PAGE));
  const starts: number[] = [];
  let at = CONSTANTS_BYTES + 64;
  for (const size of areas) {
    starts.push(at);
    at = (at + size + 15) & ~15;
  }
  const [slots, rows, emitAt, score, back, labels] = starts as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  writeConstants(memory.buffer, 0, table, BEST_MOVE);
  const words = new Int32Array(memory.buffer);
  const zeros = at;
  const pairAt = at + 128;
  if (pairRow) new Int16Array(memory.buffer, pairAt, L).set(LABEL_AT.map((y) => pairRow[y] as number));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < L; k++)
      words[(rows >> 2) + i * L + k] = emit[i * L + (LABEL_AT[k] as number)] as number;
    const slot = (slots >> 2) + i * (SLOT_BYTES / 4);
    words[slot] = rows + 4 * i * L;
    for (let g = 1; g < 6; g++) words[slot + g] = zeros;
    words[slot + 6] = pairRow ? pairAt : -1;
    words[slot + 7] = -1;
  }
  decoderKernel(memory).decodeRun(
    slots,
    n,
    emitAt,
    score,
    back,
    labels,
    0,
    after,
    beforeOutside ? 1 : 0,
    scale,
  );
  return [...new Uint8Array(memory.buffer, labels, n)];
}

test('decoder kernel: labels as the JavaScript search, runs and ties included', () => {
  // Few distinct values, so that ties between paths are common; the scale makes them inexact in floats.
  const small = fc.integer({ min: -3, max: 3 });
  const lattice = fc.integer({ min: 1, max: 14 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      emit: fc.array(small, { minLength: n * L, maxLength: n * L }),
      trans: fc.array(small, { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
      scale: fc.constantFrom(1, 0.1, 0.0021829616744071245),
      after: fc.constantFrom(L, OUTSIDE),
      beforeOutside: fc.boolean(),
    }),
  );
  fc.assert(
    fc.property(lattice, ({ n, emit, trans, scale, after, beforeOutside }) => {
      const table = transitionTable(trans, scale);
      const expected = new Uint8Array(n);
      viterbi(
        Float64Array.from(emit, (x) => x * scale),
        n,
        table,
        expected,
        0,
        after,
        beforeOutside,
      );
      assert.deepEqual(kernelLabels(emit, n, table, scale, after, beforeOutside), [...expected]);
    }),
    { numRuns: 2000 },
  );
});

test("decoder kernel: far-apart scores (most predecessors skipped) and a word-pair row's 16-bit weights", () => {
  const lattice = fc.integer({ min: 2, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      emit: fc.array(fc.integer({ min: -40_000, max: 40_000 }), { minLength: n * L, maxLength: n * L }),
      trans: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
      pair: fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: L, maxLength: L }),
    }),
  );
  fc.assert(
    fc.property(lattice, ({ n, emit, trans, pair }) => {
      const table = transitionTable(trans, 1);
      const expected = new Uint8Array(n);
      const summed = Float64Array.from(emit, (x, k) => x + (pair[k % L] as number));
      viterbi(summed, n, table, expected);
      assert.deepEqual(kernelLabels(emit, n, table, 1, L, false, pair), [...expected]);
    }),
    { numRuns: 1000 },
  );
});
