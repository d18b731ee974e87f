import { DatelineError } from '../document/errors.js';
import {
  compile,
  encodeModule,
  F64,
  I32,
  instantiate,
  op,
  V128,
  type WasmFunction,
  type WasmMemory,
} from '../wasm/wasm-module.js';
import {
  FEATURE_GROUPS,
  FEATURES_PER_TOKEN,
  KEY_WORD_SHIFT,
  KEYED_GROUPS,
  KEYS_PER_WORD,
} from './features.js';
import { LABEL_COUNT, OUTSIDE } from './labels.js';

/**
 * The entity decoder's inner loops in WebAssembly (model.ts drives them): finding each word's cached
 * group sums and weight rows (`locate`), summing the groups the caches miss (`sumMisses`) and keeping
 * them there (`keep`), then the emission sums of a run of words and the Viterbi search over them
 * (`decodeRun`). The same work in JavaScript is a scalar add, with a bounds check, per label and row,
 * and an emulated popcount per weight row; here four labels' sums are one SIMD add, two labels' scores
 * one compare, and the reads of a sentence's slots a tight loop with many in flight at once. The sums
 * are the same integers and the scores the same double-precision adds in the same order, so the labels
 * are the same (decoder-kernel.test.ts compares them with model.ts's `viterbi`). The model keeps its
 * weights and caches in the kernel's memory: a sentence's keys and features are all it copies in.
 */

const L = LABEL_COUNT;
if (L !== 17) throw new DatelineError('INTERNAL', 'entity decoder kernel: written for 17 labels');

/**
 * The kernel's label order: the eight B labels, the eight I labels (each under its B), then O, so that
 * the labels one Viterbi step treats alike lie together, two to a vector: the B labels and O weigh every
 * predecessor, an I label only its B and itself. The model stores weights and sums in this order.
 */
export const LABEL_AT: readonly number[] = Array.from({ length: L }, (_, at) =>
  at < 8 ? 2 * at + 1 : at < 16 ? 2 * (at - 8) + 2 : OUTSIDE,
);
/** Where each label is in the kernel's order. */
export const POSITION: readonly number[] = LABEL_AT.map((_, y) => LABEL_AT.indexOf(y));

/** Bytes per word of the kernel's work areas: a slot (`locate`), emissions (`decodeRun`). */
export const SLOT_BYTES = 32;
export const EMIT_BYTES = 8 * L;
/** A score or back-pointer row: the 17 labels and one lane of padding, 16-byte vectors throughout. */
export const ROW_BYTES = 8 * (L + 1);

/** Byte offsets in the constants area that `writeConstants` fills. */
const C = (() => {
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at += bytes;
    return start;
  };
  return {
    /** Transition scores from each label and the start (row L), in the kernel's order, as score rows. */
    rows: take((L + 1) * ROW_BYTES),
    /** The lowest score of a move from O to O or a B label. */
    leastFromOutside: take(8),
    /** Each label's best move to O or a B label (`transitionTable`'s BEST_MOVE). */
    bestMove: take(8 * L),
    /** Each label's move to O. */
    toOutside: take(8 * L),
    /** The moves from each B label to its I, and from each I to itself. */
    beginToInside: take(64),
    insideToInside: take(64),
    /** Back pointers (labels) of the I labels from themselves and from their B, as 64-bit lanes. */
    insideLabels: take(64),
    beginLabels: take(64),
    /** `POSITION`, a byte each. */
    position: take(L),
    /** For each feature group: its size, then its features' byte offsets in a word's features. */
    groups: take(16 * FEATURE_GROUPS.length),
    size: at,
  };
})();
export const CONSTANTS_BYTES = (C.size + 15) & ~15;

/**
 * Writes the kernel's constants at byte `at` of `memory`, from a transition table of `transitionTable`
 * (rows `[prev * L + label]`, the start row, then at `bestMove` each label's best move to O or a B).
 */
export function writeConstants(buffer: ArrayBuffer, at: number, table: Float64Array, bestMove: number): void {
  const f = new Float64Array(buffer, at, C.size >> 3);
  const i = new Int32Array(buffer, at, C.size >> 2);
  const b = new Uint8Array(buffer, at, C.size);
  const move = (p: number, y: number) => table[p * L + y] as number;
  for (let p = 0; p <= L; p++) {
    for (let k = 0; k < L; k++) f[(C.rows + p * ROW_BYTES) / 8 + k] = move(p, LABEL_AT[k] as number);
    f[(C.rows + p * ROW_BYTES) / 8 + L] = -1e30;
  }
  let least = move(OUTSIDE, OUTSIDE);
  for (let y = 1; y < L; y += 2) least = Math.min(least, move(OUTSIDE, y));
  f[C.leastFromOutside / 8] = least;
  for (let p = 0; p < L; p++) {
    f[C.bestMove / 8 + p] = table[bestMove + p] as number;
    f[C.toOutside / 8 + p] = move(p, OUTSIDE);
    b[C.position + p] = POSITION[p] as number;
  }
  FEATURE_GROUPS.forEach((group, g) => {
    b[C.groups + 16 * g] = group.length;
    group.forEach((f, k) => {
      b[C.groups + 16 * g + 1 + k] = 4 * f;
    });
  });
  for (let t = 0; t < 8; t++) {
    f[C.beginToInside / 8 + t] = move(2 * t + 1, 2 * t + 2);
    f[C.insideToInside / 8 + t] = move(2 * t + 2, 2 * t + 2);
    i.fill(2 * t + 2, C.insideLabels / 4 + 2 * t, C.insideLabels / 4 + 2 * t + 2);
    i.fill(2 * t + 1, C.beginLabels / 4 + 2 * t, C.beginLabels / 4 + 2 * t + 2);
  }
}

const { get, set, tee, i32 } = op;

/** The features in no group (the word pairs), whose weight rows each word's slot names itself. */
const PAIR_FEATURES = Array.from({ length: FEATURES_PER_TOKEN }, (_, f) => f).filter(
  (f) => !FEATURE_GROUPS.some((group) => group.includes(f)),
);
if (PAIR_FEATURES.length !== 2 || FEATURE_GROUPS.length !== KEYED_GROUPS + 1)
  throw new DatelineError('INTERNAL', 'entity decoder kernel: written for five keyed groups and two pairs');

/**
 * `locate(n, live, keys, features, slots, misses, keep, keyed, few, packed, index, cacheBits)`, a count:
 * for each word of a sentence that `live` marks (a byte each), where its group sums are cached and where
 * its word-pair features' weight rows are (the model's bitmap index of used buckets): into the word's
 * slot, their byte addresses (-1: no row). A cached sum whose keys are not the word's (or that no keys
 * name) is a miss: the slot's index (word * 8 + group) goes to `misses`, the address of the cache slot
 * its sums are to be kept in (-1: none) to `keep`, and the count of them is returned. A keyed group's
 * slot is in the block of the word its key names (the key shifted right by KEY_WORD_SHIFT, modulo
 * 2^(cacheBits + 1) words), a key then the sums; the few-valued group's is picked by a hash of its two
 * keys, which precede the sums.
 */
function locate(): WasmFunction {
  const [N, LIVE, KEYS, FEATURES, SLOTS, MISSES, KEEP, KEYED, FEW, PACKED, INDEX, CACHE_BITS] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
  ];
  const [I, KEY, AT, COUNT, MASK, BIT, WORDS, TOUCH] = [12, 13, 14, 15, 16, 17, 18, 19];
  /** A read of the last line of what the emission sums read at AT, so that its miss overlaps the others. */
  const touch = (offset: number, load = op.i32Load) => [
    ...get(TOUCH),
    ...get(AT),
    ...load(offset),
    ...op.i32Add(),
    ...set(TOUCH),
  ];
  const body: number[][] = [];
  /** A miss of group `g`, whose sums go to the cache slot at AT (or none: -1) once summed. */
  const miss = (g: number, slot: boolean) => [
    [...get(MISSES), ...get(COUNT), ...i32(2), ...op.i32Shl(), ...op.i32Add()],
    [...get(I), ...i32(3), ...op.i32Shl(), ...i32(g), ...op.i32Add(), ...op.i32Store()],
    [...get(KEEP), ...get(COUNT), ...i32(2), ...op.i32Shl(), ...op.i32Add()],
    [...(slot ? get(AT) : i32(-1)), ...op.i32Store()],
    [...get(COUNT), ...i32(1), ...op.i32Add(), ...set(COUNT)],
  ];
  body.push(i32(2), get(CACHE_BITS), op.i32Shl(), i32(1), op.i32Sub(), set(WORDS));
  body.push(op.block(), op.loop(), op.block());
  body.push(get(LIVE), get(I), op.i32Add(), op.i32Load8U(), op.i32Eqz(), op.brIf(0));
  for (let g = 0; g < KEYED_GROUPS; g++) {
    // The slot of the word that gives the group its values, the groups of a word side by side.
    body.push(get(KEYS), op.i32Load(4 * g), tee(KEY), i32(KEY_WORD_SHIFT[g] as number), op.i32ShrU());
    body.push(get(WORDS), op.i32And(), i32(KEYED_GROUPS), op.i32Mul(), i32(g), op.i32Add());
    body.push(i32(4 * (1 + L)), op.i32Mul(), get(KEYED), op.i32Add(), set(AT));
    body.push(get(SLOTS), get(AT), i32(4), op.i32Add(), op.i32Store(4 * g), touch(4 * L));
    body.push(get(AT), op.i32Load(), get(KEY), op.i32Ne(), op.if(), ...miss(g, true), op.end());
  }
  // The few-valued group: a hash of its two keys, or a miss when they name nothing (-1).
  body.push(get(KEYS), op.i32Load(4 * KEYED_GROUPS), tee(KEY), i32(0), op.i32LtS(), op.if());
  body.push(...miss(KEYED_GROUPS, false), op.else());
  body.push(get(KEY), i32(0x9e3779b1 | 0), op.i32Mul(), get(KEYS), op.i32Load(4 * KEYED_GROUPS + 4));
  body.push(op.i32Xor(), i32(0x85ebca6b | 0), op.i32Mul(), i32(32), get(CACHE_BITS), op.i32Sub());
  body.push(op.i32ShrU(), i32(4 * (2 + L)), op.i32Mul(), get(FEW), op.i32Add(), set(AT));
  body.push(get(SLOTS), get(AT), i32(8), op.i32Add(), op.i32Store(4 * KEYED_GROUPS), touch(4 * (L + 1)));
  body.push(get(AT), op.i32Load(), get(KEY), op.i32Ne(), get(AT), op.i32Load(4));
  body.push(get(KEYS), op.i32Load(4 * KEYED_GROUPS + 4), op.i32Ne(), op.i32Or());
  body.push(op.if(), ...miss(KEYED_GROUPS, true), op.end(), op.end());
  // Each word-pair feature's row: the bitmap word of its bucket, then the used buckets before it.
  PAIR_FEATURES.forEach((f, p) => {
    body.push(get(FEATURES), op.i32Load(4 * f), tee(KEY), i32(5), op.i32ShrU(), i32(3), op.i32Shl());
    body.push(get(INDEX), op.i32Add(), tee(AT), op.i32Load(), tee(MASK));
    body.push(i32(1), get(KEY), op.i32Shl(), tee(BIT), op.i32And(), op.if());
    body.push(get(AT), op.i32Load(4), get(MASK), get(BIT), i32(1), op.i32Sub(), op.i32And());
    body.push(op.i32Popcnt(), op.i32Add(), i32(2 * L), op.i32Mul(), get(PACKED), op.i32Add(), set(AT));
    body.push(get(SLOTS), get(AT), op.i32Store(4 * (KEYED_GROUPS + 1 + p)));
    body.push(touch(0, op.i32Load16S), touch(2 * (L - 1), op.i32Load16S), op.else());
    body.push(get(SLOTS), i32(-1), op.i32Store(4 * (KEYED_GROUPS + 1 + p)), op.end());
  });
  body.push(op.end());
  body.push(get(KEYS), i32(4 * KEYS_PER_WORD), op.i32Add(), set(KEYS));
  body.push(get(FEATURES), i32(4 * FEATURES_PER_TOKEN), op.i32Add(), set(FEATURES));
  body.push(get(SLOTS), i32(SLOT_BYTES), op.i32Add(), set(SLOTS));
  body.push(get(I), i32(1), op.i32Add(), tee(I), get(N), op.i32LtS(), op.brIf(0), op.end(), op.end());
  // What the reads summed goes past the last miss, where nothing reads it: a value stored is not dropped.
  body.push(get(MISSES), get(COUNT), i32(2), op.i32Shl(), op.i32Add(), get(TOUCH), op.i32Store(), get(COUNT));
  return {
    name: 'locate',
    params: new Array<typeof I32>(12).fill(I32),
    results: [I32],
    locals: new Array<typeof I32>(8).fill(I32),
    body,
    exported: true,
  };
}

/**
 * `emissions(slots, n, emit, scale)`: for each of `n` words, the sum of the six group sums (17 i32 each)
 * and the two word-pair weight rows (17 i16 each, or none at -1) whose byte addresses its slot holds,
 * times `scale`, into `emit` (17 doubles a word).
 */
function emissions(): WasmFunction {
  const [SLOTS, N, EMIT, SCALE, END, AT, PAIR, A4, SCALES] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  // The sums at places 0-15 (the B and I labels) in four vectors, at 16 (O) alone.
  const A = [9, 10, 11, 12];
  const body: number[][] = [];
  body.push(get(SCALE), op.f64x2Splat(), set(SCALES));
  body.push(get(SLOTS), get(N), i32(SLOT_BYTES), op.i32Mul(), op.i32Add(), set(END));
  body.push(op.block(), get(N), i32(1), op.i32LtS(), op.brIf(0), op.loop());
  for (let g = 0; g < FEATURE_GROUPS.length; g++) {
    body.push(get(SLOTS), op.i32Load(4 * g), set(AT));
    for (let j = 0; j < 4; j++) {
      body.push(get(AT), op.v128Load(16 * j));
      if (g > 0) body.push(get(A[j] as number), op.i32x4Add());
      body.push(set(A[j] as number));
    }
    body.push(get(AT), op.i32Load(64));
    if (g > 0) body.push(get(A4), op.i32Add());
    body.push(set(A4));
  }
  for (let p = 0; p < PAIR_FEATURES.length; p++) {
    body.push(
      get(SLOTS),
      op.i32Load(4 * (FEATURE_GROUPS.length + p)),
      tee(PAIR),
      i32(0),
      op.i32GeS(),
      op.if(),
    );
    for (let j = 0; j < 4; j++)
      body.push(get(A[j] as number), get(PAIR), op.v128Load16x4S(8 * j), op.i32x4Add(), set(A[j] as number));
    body.push(get(A4), get(PAIR), op.i32Load16S(32), op.i32Add(), set(A4), op.end());
  }
  // Each vector's low lanes, then its high lanes moved low, as doubles times the scale.
  const high = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
  for (let j = 0; j < 4; j++) {
    const a = A[j] as number;
    body.push(
      get(EMIT),
      get(a),
      op.f64x2ConvertLowI32x4S(),
      get(SCALES),
      op.f64x2Mul(),
      op.v128Store(32 * j),
    );
    body.push(get(EMIT), get(a), get(a), op.i8x16Shuffle(high), op.f64x2ConvertLowI32x4S());
    body.push(get(SCALES), op.f64x2Mul(), op.v128Store(32 * j + 16));
  }
  body.push(get(EMIT), get(A4), op.f64ConvertI32S(), get(SCALE), op.f64Mul(), op.f64Store(128));
  body.push(get(EMIT), i32(EMIT_BYTES), op.i32Add(), set(EMIT));
  body.push(get(SLOTS), i32(SLOT_BYTES), op.i32Add(), tee(SLOTS), get(END), op.i32LtS(), op.brIf(0));
  body.push(op.end(), op.end());
  return {
    name: 'emissions',
    params: [I32, I32, I32, F64],
    locals: [I32, I32, I32, I32, V128, V128, V128, V128, V128],
    body,
    exported: false,
  };
}

/**
 * `viterbi(emit, n, constants, score, back, labels, after, beforeOutside)`: `model.ts`'s `viterbi` on
 * emissions in the kernel's order, step for step: O and the B labels weigh the predecessors in label
 * order, skipping those whose best move falls short of the searches' lowest start, ties to the lowest;
 * each I label takes the better of its B and itself, ties to its B. The labels go to `labels`, a byte
 * each; `score` and `back` take ROW_BYTES a word.
 */
function viterbi(): WasmFunction {
  const [EMIT, N, CONST, SCORE, BACK, LABELS, AFTER, BEFORE_OUTSIDE] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [I, PREV, CUR, ROW, Y, K] = [8, 9, 10, 11, 12, 13];
  const [SP, LEAST, BEST, S] = [14, 15, 16, 17];
  // The searches of O and the B labels: best scores and where from, B labels two by two, then O.
  const B = [18, 19, 20, 21, 22];
  const F = [23, 24, 25, 26, 27];
  const [SPV, MASK, FROM, X, Y2] = [28, 29, 30, 31, 32];
  /** Where each search vector lies in a row: the B labels at 0-7, O at 16 (its pair's lane 17 pads). */
  const search = [0, 16, 32, 48, 128];
  const body: number[][] = [];
  // The first word: its emissions and the moves from the label before the run.
  body.push(get(CONST), get(AFTER), i32(ROW_BYTES), op.i32Mul(), op.i32Add(), set(ROW));
  for (let j = 0; j < 9; j++) {
    body.push(get(SCORE), get(EMIT), op.v128Load(16 * j), get(ROW), op.v128Load(C.rows + 16 * j));
    body.push(op.f64x2Add(), op.v128Store(16 * j));
  }
  body.push(get(SCORE), set(PREV), i32(1), set(I));
  body.push(op.block(), get(I), get(N), op.i32GeS(), op.brIf(0), op.loop());
  body.push(get(PREV), i32(ROW_BYTES), op.i32Add(), set(CUR));
  body.push(get(EMIT), i32(EMIT_BYTES), op.i32Add(), set(EMIT));
  body.push(get(BACK), i32(ROW_BYTES), op.i32Add(), set(BACK));
  // Predecessor O starts every search.
  body.push(get(PREV), op.f64Load(8 * (POSITION[OUTSIDE] as number)), tee(SP), op.f64x2Splat(), set(SPV));
  for (let j = 0; j < 5; j++) {
    body.push(get(SPV), get(CONST), op.v128Load(C.rows + OUTSIDE * ROW_BYTES + (search[j] as number)));
    body.push(op.f64x2Add(), set(B[j] as number), i32(OUTSIDE), op.i32x4Splat(), set(F[j] as number));
  }
  // The lowest start is O's score plus its lowest move: adding one number keeps the order.
  body.push(get(SP), get(CONST), op.f64Load(C.leastFromOutside), op.f64Add(), set(LEAST));
  for (let p = 1; p < L; p++) {
    body.push(get(PREV), op.f64Load(8 * (POSITION[p] as number)), tee(SP));
    body.push(get(CONST), op.f64Load(C.bestMove + 8 * p), op.f64Add(), get(LEAST), op.f64Lt(), op.i32Eqz());
    body.push(op.if(), get(SP), op.f64x2Splat(), set(SPV), i32(p), op.i32x4Splat(), set(FROM));
    for (let j = 0; j < 5; j++) {
      const b = B[j] as number;
      const f = F[j] as number;
      body.push(get(SPV), get(CONST), op.v128Load(C.rows + p * ROW_BYTES + (search[j] as number)));
      body.push(op.f64x2Add(), tee(X), get(b), op.f64x2Gt(), set(MASK));
      body.push(get(X), get(b), get(MASK), op.v128Bitselect(), set(b));
      body.push(get(FROM), get(f), get(MASK), op.v128Bitselect(), set(f));
    }
    body.push(op.end());
  }
  for (let j = 0; j < 5; j++) {
    const at = search[j] as number;
    body.push(get(CUR), get(B[j] as number), get(EMIT), op.v128Load(at), op.f64x2Add(), op.v128Store(at));
    body.push(get(BACK), get(F[j] as number), op.v128Store(at));
  }
  // The I labels, two by two: from their B (at 0-7 of the row before) or from themselves (at 8-15).
  for (let j = 0; j < 4; j++) {
    body.push(get(PREV), op.v128Load(16 * j), get(CONST), op.v128Load(C.beginToInside + 16 * j));
    body.push(op.f64x2Add(), set(X));
    body.push(get(PREV), op.v128Load(64 + 16 * j), get(CONST), op.v128Load(C.insideToInside + 16 * j));
    body.push(op.f64x2Add(), tee(Y2), get(X), op.f64x2Gt(), set(MASK));
    body.push(get(CUR), get(Y2), get(X), get(MASK), op.v128Bitselect(), get(EMIT), op.v128Load(64 + 16 * j));
    body.push(op.f64x2Add(), op.v128Store(64 + 16 * j));
    body.push(get(BACK), get(CONST), op.v128Load(C.insideLabels + 16 * j), get(CONST));
    body.push(op.v128Load(C.beginLabels + 16 * j), get(MASK), op.v128Bitselect(), op.v128Store(64 + 16 * j));
  }
  body.push(get(CUR), set(PREV));
  body.push(get(I), i32(1), op.i32Add(), tee(I), get(N), op.i32LtS(), op.brIf(0), op.end(), op.end());
  // The best last label, in label order, with the move to the O after the run if there is one.
  body.push(op.f64(-2e30), set(BEST), i32(0), set(Y), i32(0), set(K), op.loop());
  body.push(get(PREV), get(CONST), get(K), op.i32Add(), op.i32Load8U(C.position), i32(3), op.i32Shl());
  body.push(op.i32Add(), op.f64Load(0));
  body.push(get(CONST), get(K), i32(3), op.i32Shl(), op.i32Add(), op.f64Load(C.toOutside), op.f64(0));
  body.push(get(BEFORE_OUTSIDE), op.select(), op.f64Add(), tee(S), get(BEST), op.f64Gt());
  body.push(op.if(), get(S), set(BEST), get(K), set(Y), op.end());
  body.push(get(K), i32(1), op.i32Add(), tee(K), i32(L), op.i32LtS(), op.brIf(0), op.end());
  // Back from the last word; a back pointer's low 32 bits are the label.
  body.push(get(N), i32(1), op.i32Sub(), set(I), op.loop());
  body.push(get(LABELS), get(I), op.i32Add(), get(Y), op.i32Store8());
  body.push(get(BACK), get(CONST), get(Y), op.i32Add(), op.i32Load8U(C.position), i32(3), op.i32Shl());
  body.push(op.i32Add(), op.i32Load(0), set(Y));
  body.push(get(BACK), i32(ROW_BYTES), op.i32Sub(), set(BACK));
  body.push(get(I), i32(1), op.i32Sub(), tee(I), i32(0), op.i32GeS(), op.brIf(0), op.end());
  return {
    name: 'viterbi',
    params: [I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, ...new Array<typeof V128>(15).fill(V128)],
    body,
    exported: false,
  };
}

/** `decodeRun(slots, n, emit, score, back, labels, constants, after, beforeOutside, scale)`: both. */
function decodeRun(): WasmFunction {
  const [SLOTS, N, EMIT, SCORE, BACK, LABELS, CONST, AFTER, BEFORE_OUTSIDE, SCALE] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  ];
  return {
    name: 'decodeRun',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, F64],
    locals: [],
    body: [
      [...get(SLOTS), ...get(N), ...get(EMIT), ...get(SCALE), ...op.call(0)],
      [...get(EMIT), ...get(N), ...get(CONST), ...get(SCORE), ...get(BACK), ...get(LABELS)],
      [...get(AFTER), ...get(BEFORE_OUTSIDE), ...op.call(1)],
    ],
    exported: true,
  };
}

/**
 * `sumMisses(count, misses, features, slots, own, packed, index, constants)`: for each miss of `locate`,
 * the sum of its group's weight rows into the word's own row at `own` (word * 6 + group rows of 17 i32),
 * whose address goes to the word's slot. Each row's address as in `locate`.
 */
function sumMisses(): WasmFunction {
  const [COUNT, MISSES, FEATURES, SLOTS, OWN, PACKED, INDEX, CONST] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [SLOT, WORD, GROUP, K, SIZE, B, AT, MASK, BIT, A4] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const A = [18, 19, 20, 21];
  const body: number[][] = [];
  body.push(op.loop());
  body.push(get(MISSES), op.i32Load(), tee(SLOT), i32(3), op.i32ShrU(), set(WORD));
  body.push(get(SLOT), i32(7), op.i32And(), i32(16), op.i32Mul(), get(CONST), op.i32Add(), tee(GROUP));
  body.push(op.i32Load8U(C.groups), set(SIZE), i32(0), set(K), i32(0), set(A4));
  for (const a of A) body.push(i32(0), op.i32x4Splat(), set(a));
  body.push(op.loop());
  body.push(get(FEATURES), get(WORD), i32(4 * FEATURES_PER_TOKEN), op.i32Mul(), op.i32Add());
  body.push(get(GROUP), get(K), op.i32Add(), op.i32Load8U(C.groups + 1), op.i32Add(), op.i32Load(), tee(B));
  body.push(
    i32(5),
    op.i32ShrU(),
    i32(3),
    op.i32Shl(),
    get(INDEX),
    op.i32Add(),
    tee(AT),
    op.i32Load(),
    tee(MASK),
  );
  body.push(i32(1), get(B), op.i32Shl(), tee(BIT), op.i32And(), op.if());
  body.push(get(AT), op.i32Load(4), get(MASK), get(BIT), i32(1), op.i32Sub(), op.i32And(), op.i32Popcnt());
  body.push(op.i32Add(), i32(2 * L), op.i32Mul(), get(PACKED), op.i32Add(), set(AT));
  A.forEach((a, j) => {
    body.push(get(a), get(AT), op.v128Load16x4S(8 * j), op.i32x4Add(), set(a));
  });
  body.push(get(A4), get(AT), op.i32Load16S(32), op.i32Add(), set(A4), op.end());
  body.push(get(K), i32(1), op.i32Add(), tee(K), get(SIZE), op.i32LtS(), op.brIf(0), op.end());
  // The word's own row for the group, and the slot's address of it.
  body.push(get(OWN), get(WORD), i32(FEATURE_GROUPS.length), op.i32Mul(), get(SLOT), i32(7), op.i32And());
  body.push(op.i32Add(), i32(4 * L), op.i32Mul(), op.i32Add(), set(AT));
  A.forEach((a, j) => {
    body.push(get(AT), get(a), op.v128Store(16 * j));
  });
  body.push(get(AT), get(A4), op.i32Store(64));
  body.push(get(SLOTS), get(SLOT), i32(2), op.i32Shl(), op.i32Add(), get(AT), op.i32Store());
  body.push(get(MISSES), i32(4), op.i32Add(), set(MISSES));
  body.push(get(COUNT), i32(1), op.i32Sub(), tee(COUNT), i32(0), op.i32GtS(), op.brIf(0), op.end());
  return {
    name: 'sumMisses',
    params: new Array<typeof I32>(8).fill(I32),
    locals: [...new Array<typeof I32>(10).fill(I32), V128, V128, V128, V128],
    body,
    exported: true,
  };
}

/**
 * `keep(count, misses, keep, keys, own)`: the sums of each miss that has a cache slot (`locate`'s `keep`)
 * go there from the word's own row, under the word's keys for the group (two for the few-valued one),
 * in the order of the misses, so that a slot two of them want keeps the last one's.
 */
function keep(): WasmFunction {
  const [COUNT, MISSES, KEEP, KEYS, OWN] = [0, 1, 2, 3, 4];
  const [SLOT, AT, KEY, FROM] = [5, 6, 7, 8];
  const few = KEYED_GROUPS;
  const body: number[][] = [];
  body.push(op.loop(), get(KEEP), op.i32Load(), tee(AT), i32(0), op.i32GeS(), op.if());
  body.push(get(MISSES), op.i32Load(), set(SLOT));
  body.push(get(KEYS), get(SLOT), i32(3), op.i32ShrU(), i32(4 * KEYS_PER_WORD), op.i32Mul(), op.i32Add());
  body.push(get(SLOT), i32(7), op.i32And(), i32(2), op.i32Shl(), op.i32Add(), set(KEY));
  body.push(get(OWN), get(SLOT), i32(3), op.i32ShrU(), i32(FEATURE_GROUPS.length), op.i32Mul());
  body.push(get(SLOT), i32(7), op.i32And(), op.i32Add(), i32(4 * L), op.i32Mul(), op.i32Add(), set(FROM));
  body.push(get(AT), get(KEY), op.i32Load(), op.i32Store());
  // The few-valued group's slot has its second key next, then the sums.
  body.push(get(SLOT), i32(7), op.i32And(), i32(few), op.i32Eq(), op.if());
  body.push(
    get(AT),
    get(KEY),
    op.i32Load(4),
    op.i32Store(4),
    get(AT),
    i32(4),
    op.i32Add(),
    set(AT),
    op.end(),
  );
  for (let j = 0; j < 4; j++) body.push(get(AT), get(FROM), op.v128Load(16 * j), op.v128Store(4 + 16 * j));
  body.push(get(AT), get(FROM), op.i32Load(64), op.i32Store(68), op.end());
  body.push(get(MISSES), i32(4), op.i32Add(), set(MISSES), get(KEEP), i32(4), op.i32Add(), set(KEEP));
  body.push(get(COUNT), i32(1), op.i32Sub(), tee(COUNT), i32(0), op.i32GtS(), op.brIf(0), op.end());
  return {
    name: 'keep',
    params: new Array<typeof I32>(5).fill(I32),
    locals: new Array<typeof I32>(4).fill(I32),
    body,
    exported: true,
  };
}

type SumMisses = (
  count: number,
  misses: number,
  features: number,
  slots: number,
  own: number,
  packed: number,
  index: number,
  constants: number,
) => void;

type Keep = (count: number, misses: number, keep: number, keys: number, own: number) => void;

type Locate = (
  n: number,
  live: number,
  keys: number,
  features: number,
  slots: number,
  misses: number,
  keep: number,
  keyed: number,
  few: number,
  packed: number,
  index: number,
  cacheBits: number,
) => number;

type DecodeRun = (
  slots: number,
  n: number,
  emit: number,
  score: number,
  back: number,
  labels: number,
  constants: number,
  after: number,
  beforeOutside: number,
  scale: number,
) => void;

let compiled: object | undefined;

export interface DecoderKernel {
  readonly decodeRun: DecodeRun;
  readonly locate: Locate;
  readonly sumMisses: SumMisses;
  readonly keep: Keep;
}

/**
 * The kernel over `memory`, the module encoded and compiled once. Its loads read up to a vector past a word's 17
 * emissions and scores, so those areas need 16 bytes to spare past their last word.
 */
export function decoderKernel(memory: WasmMemory): DecoderKernel {
  compiled ??= compile(encodeModule([emissions(), viterbi(), decodeRun(), locate(), sumMisses(), keep()], 1));
  const exports = instantiate(compiled, memory);
  return {
    decodeRun: exports.decodeRun as DecodeRun,
    locate: exports.locate as Locate,
    sumMisses: exports.sumMisses as SumMisses,
    keep: exports.keep as Keep,
  };
}
