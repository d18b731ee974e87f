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
import { SEEDS } from './features.js';
import { allowed, type Moves, TAG_COUNT } from './tagger.js';

/**
 * The attribution tagger's inner loops in WebAssembly (unit-scores.ts drives them): the emission sums
 * of a unit's tokens (`sumRows`), with the look-ups of the word-pair templates, and the forward pass
 * of Viterbi over them (`forward`). In JavaScript a token's sums are 16 rows times 7 tags of scalar
 * adds, each with a bounds check; here a row is two SIMD adds of four tags, and the pass takes two
 * tags' best predecessors at once. The sums are the same integers (an integer sum is the same in any
 * order) and the scores the same double-precision adds, so the tags are those of tagger.ts's
 * `bestPath` (score-kernel.test.ts compares them). The scorer keeps the weight table, its bitmap,
 * the small sum tables and the word records in the kernel's memory: nothing is copied per unit.
 */

const T = TAG_COUNT;
if (T !== 7) throw new DatelineError('INTERNAL', 'attribution score kernel: written for 7 tags');

/**
 * Rows a token's sums read that the scorer names (byte addresses): int16 rows of 7 tags (the word
 * records' parts and the weights of templates 25, 26, 31, 32), then int32 rows (the place, cue
 * distance and shape sums). The kernel reads 8 values of each, the eighth (whatever follows the row)
 * landing in a lane it never stores.
 */
export const INT16_ROWS = 9;
export const ROWS = INT16_ROWS + 3;
/** Bytes a token's scores take: 7 doubles; `sumRows` writes one more past the last token's. */
export const SCORE_BYTES = 8 * T;

/** Where `WeightTable`'s arrays are in the kernel's memory, as the module is written for them. */
interface TableLayout {
  /** Byte address of `WeightTable.table`. */
  readonly table: number;
  /** Byte address of its bitmap (`present`), its slot mask, and where the weights of zeros start (int16 index). */
  readonly present: number;
  readonly mask: number;
  readonly absent: number;
}

/**
 * The moves `forward` reads (`writeMoves`), as doubles: for each tag p, its moves into outside and
 * B-source (`open[p]`, `open[7 + p]`) side by side, then into B-cue and B-content; the six moves into
 * the inside tags (from its begin tag and itself, for each); then the start scores, -Infinity where
 * the tag may not start.
 */
export const MOVES_BYTES = 8 * (4 * T + 6 + T);

export function writeMoves(
  buffer: ArrayBuffer,
  at: number,
  { all, open }: Moves,
  start: readonly number[],
): void {
  const m = new Float64Array(buffer, at, MOVES_BYTES / 8);
  for (let p = 0; p < T; p++) {
    m[2 * p] = open[p] as number;
    m[2 * p + 1] = open[T + p] as number;
    m[2 * T + 2 * p] = open[2 * T + p] as number;
    m[2 * T + 2 * p + 1] = open[3 * T + p] as number;
  }
  [T + 2, 2 * T + 2, 3 * T + 4, 4 * T + 4, 5 * T + 6, 6 * T + 6].forEach((move, j) => {
    m[4 * T + j] = all[move] as number;
  });
  for (let t = 0; t < T; t++)
    // A unit opens with the tags that may follow an outside one.
    m[4 * T + 6 + t] = allowed(0, t) ? (start[t] as number) : Number.NEGATIVE_INFINITY;
}

const { get, set, tee, i32 } = op;

/**
 * `sumRows(n, rows, scores, scale, hashes)`: for each of `n` tokens, the sum of its `ROWS` rows (at
 * `rows`, `4 * ROWS` bytes a token) and of the weights of templates 6, 7, 27 and 28, found from the
 * hashes of the token's form and its neighbours' (int32 at `hashes`, token k's at `hashes + 4 * (k +
 * 2)`) as `WeightTable.find` finds them; times `scale`, into `scores`.
 */
function sumRows(layout: TableLayout): WasmFunction {
  const [N, ROWS_AT, SCORES, SCALE, HASHES] = [0, 1, 2, 3, 4];
  const [LO, HI, SC] = [5, 6, 7];
  const [ROW, K, M, KEY, BIT, CHECK, AT, FOUND, PAIR, NEXT] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const body: number[][] = [];
  /** `mixHash32` of the two values on the stack. */
  const mix = () =>
    body.push(
      [...op.i32Xor(), ...i32(0x9e3779b1 | 0), ...op.i32Mul(), ...tee(M)],
      [...get(M), ...i32(15), ...op.i32ShrU(), ...op.i32Xor(), ...i32(0x85ebca6b | 0), ...op.i32Mul()],
      [...tee(M), ...get(M), ...i32(13), ...op.i32ShrU(), ...op.i32Xor()],
    );
  /** `WeightTable.find` of the key on the stack, as a byte address into ROW: the bitmap, then the probe. */
  const find = () => {
    body.push(set(KEY), i32(layout.table + 2 * layout.absent), set(ROW), op.block());
    body.push(get(KEY), i32(12), op.i32ShrU(), tee(BIT), i32(5), op.i32ShrU(), i32(2), op.i32Shl());
    body.push(
      op.i32Load(layout.present),
      get(BIT),
      op.i32ShrU(),
      i32(1),
      op.i32And(),
      op.i32Eqz(),
      op.brIf(0),
    );
    body.push(get(KEY), i32(16), op.i32ShrU(), i32(1), op.i32Or(), set(CHECK));
    body.push(get(KEY), i32(layout.mask), op.i32And(), set(AT), op.loop());
    // A slot is 16 bytes: its check, then the weights.
    body.push(get(AT), i32(4), op.i32Shl(), op.i32Load16U(layout.table), tee(FOUND), op.i32Eqz(), op.brIf(1));
    body.push(get(FOUND), get(CHECK), op.i32Eq(), op.if());
    body.push(get(AT), i32(4), op.i32Shl(), i32(layout.table + 2), op.i32Add(), set(ROW), op.br(2), op.end());
    body.push(
      get(AT),
      i32(1),
      op.i32Add(),
      i32(layout.mask),
      op.i32And(),
      set(AT),
      op.br(0),
      op.end(),
      op.end(),
    );
  };
  /** Adds the row at ROW, int16 (four tags each half) or int32, to LO and HI (or starts them). */
  const add = (int16: boolean, first = false) => {
    const load = int16 ? op.v128Load16x4S : op.v128Load;
    body.push(get(ROW), load(0));
    if (!first) body.push(get(LO), op.i32x4Add());
    body.push(set(LO), get(ROW), load(int16 ? 8 : 16));
    if (!first) body.push(get(HI), op.i32x4Add());
    body.push(set(HI));
  };
  const hash = (k: number) => [...get(HASHES), ...op.i32Load(4 * k)];
  const seed = (t: number) => i32((SEEDS[t] as number) | 0);
  body.push(get(SCALE), op.f64x2Splat(), set(SC));
  // Template 6 hashes the word before a token with it; that of the token with the word after it
  // (template 7, NEXT) is the next token's.
  body.push(hash(1), hash(2));
  mix();
  body.push(set(PAIR), op.block(), get(N), op.i32Eqz(), op.brIf(0), op.loop());
  for (let r = 0; r < ROWS; r++) {
    body.push(get(ROWS_AT), op.i32Load(4 * r), set(ROW));
    add(r < INT16_ROWS, r === 0);
  }
  body.push(hash(2), hash(3));
  mix();
  body.push(set(NEXT), seed(6), get(PAIR));
  mix();
  find();
  add(true);
  body.push(seed(7), get(NEXT));
  mix();
  find();
  add(true);
  body.push(seed(27), hash(1), hash(3));
  mix();
  mix();
  find();
  add(true);
  body.push(seed(28), get(PAIR), hash(3));
  mix();
  mix();
  find();
  add(true);
  body.push(get(NEXT), set(PAIR));
  // Tags 0-3 are LO's lanes, 4-6 HI's: two at a time to doubles, times the scale.
  const high = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
  const store = (v: number, upper: boolean, offset: number) => {
    body.push(get(SCORES), get(v));
    if (upper) body.push(get(v), op.i8x16Shuffle(high));
    body.push(op.f64x2ConvertLowI32x4S(), get(SC), op.f64x2Mul(), op.v128Store(offset));
  };
  store(LO, false, 0);
  store(LO, true, 16);
  store(HI, false, 32);
  store(HI, true, 48);
  body.push(get(ROWS_AT), i32(4 * ROWS), op.i32Add(), set(ROWS_AT));
  body.push(get(HASHES), i32(4), op.i32Add(), set(HASHES));
  body.push(get(SCORES), i32(SCORE_BYTES), op.i32Add(), set(SCORES));
  body.push(get(K), i32(1), op.i32Add(), tee(K), get(N), op.i32LtS(), op.brIf(0), op.end(), op.end());
  return {
    name: 'sumRows',
    params: [I32, I32, I32, F64, I32],
    locals: [V128, V128, V128, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
    body,
    exported: true,
  };
}

/**
 * `forward(n, emissions, score, moves)`: `bestPath`'s forward pass over `n >= 1` tokens' emissions
 * (doubles, `SCORE_BYTES` a token) into `score`, the same layout, with the moves `writeMoves` wrote.
 * Outside and B-source are one vector and B-cue and B-content another, each the best of its seven
 * predecessors; the inside tags weigh their two as doubles. The sums are `bestPath`'s. Its
 * `Math.max` becomes a pseudo-max, `a < b ? b : a`: they differ only for NaN, which no score is
 * (the moves and emissions are finite or -Infinity), and for the sign of a zero, which no comparison
 * of the path read-back sees.
 */
function forward(): WasmFunction {
  const [N, EM, SCORE, MOVES] = [0, 1, 2, 3];
  const S = (p: number) => 4 + p;
  const OPEN = (p: number) => 11 + p;
  const BEGIN = (p: number) => 18 + p;
  const INSIDE = (j: number) => 25 + j;
  const [K, V, W] = [31, 32, 33];
  const body: number[][] = [];
  for (let p = 0; p < T; p++) {
    body.push(get(MOVES), op.v128Load(16 * p), set(OPEN(p)));
    body.push(get(MOVES), op.v128Load(16 * (T + p)), set(BEGIN(p)));
  }
  for (let j = 0; j < 6; j++) body.push(get(MOVES), op.f64Load(8 * (4 * T + j)), set(INSIDE(j)));
  for (let t = 0; t < T; t++) {
    body.push(get(SCORE), get(MOVES), op.f64Load(8 * (4 * T + 6 + t)), get(EM), op.f64Load(8 * t));
    body.push(op.f64Add(), tee(S(t)), op.f64Store(8 * t));
  }
  body.push(i32(1), set(K), op.block(), get(K), get(N), op.i32GeS(), op.brIf(0), op.loop());
  body.push(get(EM), i32(SCORE_BYTES), op.i32Add(), set(EM));
  body.push(get(SCORE), i32(SCORE_BYTES), op.i32Add(), set(SCORE));
  /** The best of `s_p + move_p` over the seven p, for the two tags of `moves`, as a tree of pseudo-maxes. */
  const best = (moves: (p: number) => number) => {
    const term = (p: number) => body.push(get(S(p)), op.f64x2Splat(), get(moves(p)), op.f64x2Add());
    term(0);
    term(1);
    body.push(op.f64x2Pmax());
    term(2);
    term(3);
    body.push(op.f64x2Pmax(), op.f64x2Pmax());
    term(4);
    term(5);
    body.push(op.f64x2Pmax());
    term(6);
    body.push(op.f64x2Pmax(), op.f64x2Pmax());
  };
  best(OPEN);
  body.push(get(EM), op.v128Load(0), op.f64x2Add(), set(V));
  best(BEGIN);
  body.push(get(EM), op.f64Load(24), op.f64x2Splat(), get(EM), op.f64Load(40), op.f64x2ReplaceLane(1));
  body.push(op.f64x2Add(), set(W));
  /** An inside tag: from its begin tag or itself, as `bestPath` adds and compares them. */
  const inside = (tag: number, j: number) => {
    body.push(get(S(tag - 1)), get(INSIDE(j)), op.f64Add(), get(S(tag)), get(INSIDE(j + 1)), op.f64Add());
    body.push(op.f64Max(), get(EM), op.f64Load(8 * tag), op.f64Add());
  };
  // On the stack until all three are made: each reads the scores of the token before.
  inside(2, 0);
  inside(4, 2);
  inside(6, 4);
  body.push(set(S(6)), set(S(4)), set(S(2)));
  body.push(get(V), op.f64x2ExtractLane(0), set(S(0)), get(V), op.f64x2ExtractLane(1), set(S(1)));
  body.push(get(W), op.f64x2ExtractLane(0), set(S(3)), get(W), op.f64x2ExtractLane(1), set(S(5)));
  body.push(get(SCORE), get(V), op.v128Store(0));
  for (const t of [2, 3, 4, 5, 6]) body.push(get(SCORE), get(S(t)), op.f64Store(8 * t));
  body.push(get(K), i32(1), op.i32Add(), tee(K), get(N), op.i32LtS(), op.brIf(0), op.end(), op.end());
  return {
    name: 'forward',
    params: [I32, I32, I32, I32],
    locals: [
      ...new Array<typeof F64>(T).fill(F64),
      ...new Array<typeof V128>(2 * T).fill(V128),
      ...new Array<typeof F64>(6).fill(F64),
      I32,
      V128,
      V128,
    ],
    body,
    exported: true,
  };
}

export interface ScoreKernel {
  sumRows(n: number, rows: number, scores: number, scale: number, hashes: number): void;
  forward(n: number, emissions: number, score: number, moves: number): void;
}

/** The kernel over `memory`, with the weight table where `layout` says. */
export function scoreKernel(memory: WasmMemory, layout: TableLayout): ScoreKernel {
  return instantiate(
    compile(encodeModule([sumRows(layout), forward()], 1)),
    memory,
  ) as unknown as ScoreKernel;
}
